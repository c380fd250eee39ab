"""The coverage API on the seed: shapes the dashboard relies on, errors, paging, personal data,
the policy file, what-if, suggestions, the query library, and the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from orgnet.coverage.metrics import METRIC_NAMES
from orgnet.queries.library import library
from orgnet.seed.generator import planted_gaps
from orgnet.settings import get_settings

DAY = "2020-03-31"
PLANNER = {"Authorization": "Bearer planner-token"}


@pytest.fixture
def client(xuzhou, settings):
    """An app on the seed whose settings know a planner token (and no policy file)."""
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": "planner-token:planner"})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app) as c:
        c.app_settings = s
        yield c


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_metrics(client):
    body = client.get("/v1/metrics").json()
    assert [m["metric"] for m in body] == list(METRIC_NAMES)
    assert all({"metric", "title_en", "title_zh", "description", "population"} <= set(m) for m in body)


def test_coverage_shape_and_children(client):
    body = client.get(f"/v1/coverage/party_org_presence?as_of={DAY}").json()
    assert body["metric"] == "party_org_presence" and body["as_of"] == DAY
    assert body["region"]["id"] == "320300" and body["region"]["path"] == [{"id": "320300", "name": "徐州市", "level": "city"}]  # one shape of region path
    assert (body["covered"], body["total"]) == (2625, 2637)
    assert len(body["children"]) == 10
    assert sum(c["total"] for c in body["children"]) == 2637
    assert set(body["children"][0]) >= {"id", "name", "level", "covered", "total", "ratio"}
    county = client.get(f"/v1/coverage/party_org_presence?region=320321&as_of={DAY}").json()
    assert county["region"]["level"] == "county" and all(c["level"] == "town" for c in county["children"])
    assert county["total"] - county["covered"] == 4


def test_as_of_defaults_to_today(client):
    assert client.get("/v1/coverage/cadre_load").json()["as_of"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/v1/coverage/nope", 404),
        ("/v1/coverage/cadre_load?region=nope", 404),
        ("/v1/coverage/cadre_load?as_of=2020-02-30", 422),
        ("/v1/coverage/cadre_load?as_of=yesterday", 422),
        ("/v1/gaps/nope", 404),
        ("/v1/gaps/cadre_load?region=nope", 404),
        ("/v1/gaps/cadre_load?limit=501", 422),
        ("/v1/gaps/cadre_load?limit=0", 422),
        ("/v1/gaps/cadre_load?cursor=garbage!", 422),
        ("/v1/regions/nope/scorecard", 404),
        ("/v1/regions/320321/scorecard?as_of=31-03-2020", 422),
        ("/v1/hotspots/cadre_load?region=320321-004-001", 422),
        ("/v1/hotspots/cadre_load?level=city", 422),
        ("/v1/hotspots/cadre_load?level=county&region=320321", 422),
        ("/v1/hotspots/nope?level=town", 404),
        ("/v1/hotspots/cadre_load?level=town&limit=1000", 422),
        ("/v1/coverage/cadre_load/items/nobody", 404),
        ("/v1/coverage/nope/compare?before=2020-02-01&after=2020-03-01", 404),
        ("/v1/coverage/cadre_load/compare?before=2020-02-01", 422),
        ("/v1/suggestions/enterprise_pairing?region=nope", 404),
        ("/v1/queries/nope/nope", 404),
    ],
)
def test_client_mistakes_get_a_clear_4xx(client, url, status):
    body = problem(client.get(url), status)
    assert body["detail"]


def test_gaps_page_with_an_opaque_cursor(client):
    planted = planted_gaps(2020, "demo")["party_org_presence"]
    seen, cursor = [], None
    while True:
        url = f"/v1/gaps/party_org_presence?as_of={DAY}&limit=5" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        assert page["total"] == 12 and len(page["items"]) <= 5
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == planted
    item = client.get(f"/v1/gaps/party_org_presence?as_of={DAY}&limit=1").json()["items"][0]
    assert set(item) >= {"id", "label", "name", "region_path", "reason", "details"}
    assert item["label"] == "Village" and item["name"]  # a village's name is not personal
    assert [p["level"] for p in item["region_path"]] == ["city", "county", "town", "village"]
    # a cursor is tied to its listing
    first = client.get(f"/v1/gaps/party_org_presence?as_of={DAY}&limit=5").json()["next_cursor"]
    problem(client.get(f"/v1/gaps/party_org_presence?as_of=2020-03-30&limit=5&cursor={first}"), 422)
    problem(client.get(f"/v1/gaps/cadre_load?as_of={DAY}&limit=5&cursor={first}"), 422)


def test_personal_names_only_for_planners(client):
    for metric in ("household_linkage", "member_link_load", "medical_family_support", "cadre_load"):
        viewer = client.get(f"/v1/gaps/{metric}?as_of={DAY}").json()["items"]
        planner = client.get(f"/v1/gaps/{metric}?as_of={DAY}", headers=PLANNER).json()["items"]
        assert viewer and all(i["name"] is None for i in viewer)
        assert all(i["name"] for i in planner)
    enterprises = client.get(f"/v1/gaps/enterprise_pairing?as_of={DAY}").json()["items"]
    assert all(i["name"] for i in enterprises)
    problem(client.get("/v1/gaps/cadre_load", headers={"Authorization": "Bearer wrong"}), 401)


def test_check_one_item(client):
    body = client.get(f"/v1/coverage/enterprise_pairing/items/ent-0811?as_of={DAY}").json()
    assert body["covered"] is False and body["details"]["missing_levels"] == ["town"] and body["reason"]
    ok_id = next(i for i in ("ent-0001", "ent-0002", "ent-0003") if i not in planted_gaps(2020, "demo")["enterprise_pairing"])
    body = client.get(f"/v1/coverage/enterprise_pairing/items/{ok_id}?as_of={DAY}").json()
    assert body["covered"] is True and body["reason"] is None


def test_scorecard(client):
    body = client.get(f"/v1/regions/320300/scorecard?as_of={DAY}").json()
    assert [m["metric"] for m in body["metrics"]] == list(METRIC_NAMES)
    lines = {m["metric"]: m for m in body["metrics"]}
    assert lines["checkpoint_staffing"] | {"covered": 47, "total": 50, "uncovered": 3, "status": "warn"} == lines["checkpoint_staffing"]
    assert lines["party_org_presence"]["status"] == "ok"
    village = client.get(f"/v1/regions/320321-004-001/scorecard?as_of={DAY}").json()
    assert {m["metric"]: (m["covered"], m["total"], m["status"]) for m in village["metrics"]}["party_org_presence"] == (0, 1, "bad")


def test_hotspots(client):
    body = client.get(f"/v1/hotspots/party_org_presence?level=county&as_of={DAY}&limit=3").json()
    assert body["level"] == "county" and len(body["items"]) == 3
    assert body["items"][0]["id"] == "320321" and body["items"][0]["uncovered"] == 4
    assert [p["id"] for p in body["items"][0]["path"]] == ["320300", "320321"]
    default = client.get(f"/v1/hotspots/party_org_presence?as_of={DAY}&limit=3").json()
    assert default["level"] == "county" and default["items"] == body["items"]
    towns = client.get(f"/v1/hotspots/enterprise_pairing?region=320321&level=town&as_of={DAY}&limit=500").json()["items"]
    keys = [(-i["uncovered"], i["ratio"] if i["ratio"] is not None else 2.0, i["id"]) for i in towns]
    assert keys == sorted(keys) and sum(i["uncovered"] for i in towns) <= 5


def test_compare_two_days(client):
    body = client.get("/v1/coverage/enterprise_pairing/compare?before=2020-02-14&after=2020-03-31").json()
    assert body["covered_after"] - body["covered_before"] == body["covered_change"]
    assert len(body["children"]) == 10


def test_policy_endpoint_and_a_changed_policy_file(client, tmp_path):
    policy = client.get("/v1/policy").json()
    assert policy["community_funding"]["standard_cny"] == 50000
    assert policy["enterprise_pairing"]["required_levels"]["non_public"] == ["county", "town"]
    before = client.get(f"/v1/coverage/community_funding?as_of={DAY}").json()
    text = resources.files("orgnet").joinpath("policy/default.toml").read_text(encoding="utf-8")
    path = tmp_path / "policy.toml"
    path.write_text(text.replace("standard_cny = 50000.0", "standard_cny = 49999.0"), encoding="utf-8")
    s = client.app_settings.model_copy(update={"policy_file": path})
    client.app.dependency_overrides[get_settings] = lambda: s
    try:
        assert client.get("/v1/policy").json()["community_funding"]["standard_cny"] == 49999
        after = client.get(f"/v1/coverage/community_funding?as_of={DAY}").json()
        assert after["covered"] == before["covered"] + 1  # the 49,999 community now meets the standard
        path.write_text("name = 'broken'\n", encoding="utf-8")
        assert client.get("/v1/coverage/community_funding").status_code == 500  # a server misconfiguration
    finally:
        client.app.dependency_overrides[get_settings] = lambda: client.app_settings


def test_what_if(client):
    body = {"as_of": DAY, "unavailable": {"cadres": ["cadre-t-320321-009-1"], "members": [], "teams": []}}
    res = client.post("/v1/whatif", json=body).json()
    assert [m["metric"] for m in res["metrics"]] == list(METRIC_NAMES)
    lines = {m["metric"]: m for m in res["metrics"]}
    assert lines["enterprise_pairing"]["count"] == len(lines["enterprise_pairing"]["newly_uncovered"]) > 0
    item = lines["enterprise_pairing"]["newly_uncovered"][0]
    assert set(item) >= {"id", "label", "region_path", "reason"} and item["region_path"][2]["id"] == "320321-009"
    problem(client.post("/v1/whatif", json={"unavailable": {"cadres": [5]}}), 422)
    problem(client.post("/v1/whatif", json={"as_of": "2020-02-30"}), 422)
    problem(client.post("/v1/whatif", json={"region": "nope"}), 404)
    problem(client.post("/v1/whatif", json={"unavailable": {"pets": ["x"]}}), 422)


def test_suggestions(client):
    res = client.get(f"/v1/suggestions/enterprise_pairing?as_of={DAY}").json()
    assert res["suggestions"] and all(s["cadre_name"] is None for s in res["suggestions"])
    assert set(res["suggestions"][0]) >= {"enterprise_id", "enterprise_name", "level", "cadre_id", "cadre_name", "reason", "distance"}
    planner = client.get(f"/v1/suggestions/enterprise_pairing?as_of={DAY}", headers=PLANNER).json()
    assert all(s["cadre_name"] for s in planner["suggestions"])
    for u in res["unresolvable"]:
        assert set(u) >= {"enterprise_id", "level", "reason"}


def test_the_query_library_over_http(client):
    listed = client.get("/v1/queries").json()
    assert [q["key"] for q in listed] == [q.key for q in library()]
    one = client.get("/v1/queries/gaps/party_org_presence").json()
    # the file as it is, its "generated by" lines first
    assert "// name: party_org_presence" in one["text"].splitlines()[:6] and ":params" in one["params_line"]
    run = client.post("/v1/queries/gaps/party_org_presence", json={"region": "320321", "limit": 2}).json()
    assert run["columns"] == ["id", "name", "path_ids", "path_names", "details"] and run["row_count"] == 2
    assert run["params"]["region"] == "320321"
    bad = problem(client.post("/v1/queries/gaps/party_org_presence", json={"region": 7, "colour": "red"}), 422)
    assert {e["field"] for e in bad["errors"]} == {"region", "colour"}
    problem(client.post("/v1/queries/gaps/household_linkage", json={"as_of": "2020-13-01"}), 422)
    problem(client.post("/v1/queries/nope/nope", json={}), 404)


def test_every_query_runs_over_http_with_its_defaults_and_hides_personal_data(client):
    for q in library():
        res = client.post(f"/v1/queries/{q.namespace}/{q.name}", json={})
        assert res.status_code == 200, (q.key, res.text)
        body = res.json()
        assert body["columns"] == q.returns
        for path in q.personal:
            col, _, key = path.partition(".")
            for row in body["rows"]:
                value = row[col]
                if not key:
                    assert value is None, q.key
                elif isinstance(value, dict):
                    assert value.get(key) is None, q.key
                elif isinstance(value, list):
                    assert all(v.get(key) is None for v in value if isinstance(v, dict)), q.key


def test_rows_are_capped_at_the_page_maximum(client):
    s = client.app_settings.model_copy(update={"page_size_max": 3})
    client.app.dependency_overrides[get_settings] = lambda: s
    try:
        res = client.post("/v1/queries/coverage/party_org_presence", json={"group_level": "town"}).json()
        assert res["row_count"] == 3 and res["truncated"] is True
    finally:
        client.app.dependency_overrides[get_settings] = lambda: client.app_settings


def test_openapi_documents_every_coverage_endpoint_with_examples(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [
        ("/v1/metrics", "get"),
        ("/v1/policy", "get"),
        ("/v1/coverage/{metric}", "get"),
        ("/v1/gaps/{metric}", "get"),
        ("/v1/regions/{region_id}/scorecard", "get"),
        ("/v1/hotspots/{metric}", "get"),
        ("/v1/whatif", "post"),
        ("/v1/suggestions/enterprise_pairing", "get"),
        ("/v1/queries", "get"),
        ("/v1/queries/{namespace}/{name}", "post"),
    ]:
        assert method in paths[path], path
        op = paths[path][method]
        text = str(op) + str(spec["components"]["schemas"])
        assert "example" in text, path
    for path in ("/v1/coverage/{metric}", "/v1/gaps/{metric}", "/v1/hotspots/{metric}"):
        responses = paths[path]["get"]["responses"]
        assert "404" in responses and "422" in responses
