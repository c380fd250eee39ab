"""The dashboard's files, the Browser kit endpoints and the gap export, over HTTP on the seed."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from orgnet.browser import parse_grass
from orgnet.queries.library import read_library
from orgnet.seed.generator import DEFAULT_TODAY, planted_cases

DAY = DEFAULT_TODAY.isoformat()


@pytest.fixture(scope="module")
def planted():
    return planted_cases(2020, "demo")


def test_dashboard_page_and_its_files(api_client, settings):
    page = api_client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert '<script type="module" src="/static/app.js">' in page.text
    # no CDN: every script and style sheet is served here
    assert "http://" not in page.text.split("<body>")[0].replace(f"http://testserver:{settings.neo4j_http_port}/browser/", "")
    assert f'content="http://testserver:{settings.neo4j_http_port}/browser/"' in page.text
    for name, media in (
        ("app.js", "text/javascript"),
        ("i18n.js", "text/javascript"),
        ("charts.js", "text/javascript"),
        ("app.css", "text/css"),
        ("favicon.svg", "image/svg+xml"),
    ):
        r = api_client.get(f"/static/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), name
    for bad in ("/static/nope.js", "/static/../main.py", "/static/%2e%2e/main.py", "/static/.hidden", "/static/"):
        r = api_client.get(bad)
        assert r.status_code == 404, bad


def test_browser_kit_is_served_cross_origin(api_client):
    grass = api_client.get("/browser-kit/orgnet.grass")
    assert grass.status_code == 200 and grass.headers["access-control-allow-origin"] == "*"
    assert "node.Region" in parse_grass(grass.text)
    guide = api_client.get("/browser-kit/guide.html")
    assert guide.status_code == 200 and guide.headers["access-control-allow-origin"] == "*"
    for q in read_library():
        assert f'data-query="{q.key}"' in guide.text
    assert "http://testserver/browser-kit/orgnet.grass" in guide.text
    pre = api_client.options(
        "/browser-kit/guide.html",
        headers={"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-test"},
    )
    assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == "*"
    assert pre.headers["access-control-allow-headers"] == "x-test"


def test_export_csv_of_a_county(xuzhou, api_client, planted):
    expected = sorted(i for i in planted["party_org_presence"] if i.startswith("320321-"))
    r = api_client.get("/v1/gaps/party_org_presence/export", params={"format": "csv", "region": "320321", "as_of": DAY})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == f'attachment; filename="gaps-party_org_presence-320321-{DAY}.csv"'
    assert r.headers["x-orgnet-total"] == str(len(expected)) and r.headers["x-orgnet-truncated"] == "false"
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == expected
    assert all(row["county"] == "丰县" and row["village"] and row["reason"] for row in rows)
    # the same list as the JSON endpoint
    gaps = api_client.get("/v1/gaps/party_org_presence", params={"region": "320321", "as_of": DAY, "limit": 500}).json()
    assert [g["id"] for g in gaps["items"]] == expected
    zh = api_client.get("/v1/gaps/party_org_presence/export", params={"region": "320321", "as_of": DAY, "lang": "zh"})
    assert zh.content.decode("utf-8-sig").startswith("指标,编号")


def test_export_xlsx_of_the_city(xuzhou, api_client, planted):
    expected = sorted(planted["enterprise_pairing"])
    r = api_client.get("/v1/gaps/enterprise_pairing/export", params={"format": "xlsx", "as_of": DAY})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    rows = list(wb["gaps"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("metric", "id", "type")
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert sorted(r["id"] for r in records) == expected
    # region after region, each region's items in id order
    assert [(r["region id"], r["id"]) for r in records] == sorted((r["region id"], r["id"]) for r in records)
    about = dict(wb["about"].iter_rows(values_only=True))
    assert about["region id"] == "320300" and about["as of"] == DAY and about["rows exported"] == len(expected)


def test_export_hides_personal_names_from_viewers_only(xuzhou, graph, settings, planted):
    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    params = {"region": "320300", "as_of": DAY}
    planner_settings = settings.model_copy(update={"api_tokens": "kit-test-token:planner"})
    app = create_app(settings=planner_settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: planner_settings
    with TestClient(app) as client:
        viewer = list(csv.DictReader(io.StringIO(client.get("/v1/gaps/medical_family_support/export", params=params).content.decode("utf-8-sig"))))
        planner = list(
            csv.DictReader(
                io.StringIO(
                    client.get("/v1/gaps/medical_family_support/export", params=params, headers={"Authorization": "Bearer kit-test-token"}).content.decode(
                        "utf-8-sig"
                    )
                )
            )
        )
    assert [r["id"] for r in viewer] == [r["id"] for r in planner] == sorted(planted["medical_family_support"])
    assert all(r["name"] == "" for r in viewer)
    assert all(r["name"] for r in planner)


def test_export_refuses_bad_requests_clearly(xuzhou, api_client):
    cases = [
        ("/v1/gaps/no_such_metric/export", {}, 404),
        ("/v1/gaps/party_org_presence/export", {"region": "nowhere"}, 404),
        ("/v1/gaps/party_org_presence/export", {"format": "pdf"}, 422),
        ("/v1/gaps/party_org_presence/export", {"as_of": "31.03.2020"}, 422),
        ("/v1/gaps/party_org_presence/export", {"lang": "fr"}, 422),
    ]
    for path, params, status in cases:
        r = api_client.get(path, params=params)
        assert r.status_code == status, (path, params, r.text)
        assert r.headers["content-type"] == "application/problem+json"
