"""The aggregate exchange between two orgnet instances, each on its own Neo4j server.

The city instance is the suite's (the shared ``xuzhou`` seed); the national one is a second local
server started here by the project's own :class:`~orgnet.graph.local_server.LocalServer` (ports
``ORGNET_TEST_NATIONAL_BOLT_PORT`` / ``ORGNET_TEST_NATIONAL_HTTP_PORT``, else free ones) and stopped
at the end.  The city publishes its summaries down to the counties; the national instance receives
them over ``POST /v1/exchange`` and must then answer 徐州市's rollups exactly as the city does, while
no person's name and no item id ever reaches the file or its database.
"""

from __future__ import annotations

import json
import os

import pytest

from orgnet.accounts import store
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.exchange.fileformat import seal
from orgnet.exchange.publish import build_export
from orgnet.graph.db import Graph
from tests.integration.test_authorization_matrix import Names

CITY = "320300"
DAYS = ("2020-01-25", "2020-02-15", "2020-03-31")
KEY = b"exchange-test-shared-key"
EXCHANGE_TOKEN = "exchange-bootstrap-token-0001:exchange"
VIEWER_TOKEN = "exchange-viewer-token-00000001:viewer"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def national(settings):
    """A second orgnet instance: its own Neo4j server (started and stopped here) and its API."""
    from pydantic import SecretStr

    from orgnet.graph.local_server import LocalServer
    from orgnet.graph.schema import apply_schema

    s = settings.model_copy(
        update={
            "orgnet_home": settings.orgnet_home / "national",
            "neo4j_bolt_port": int(os.environ.get("ORGNET_TEST_NATIONAL_BOLT_PORT") or _free_port()),
            "neo4j_http_port": int(os.environ.get("ORGNET_TEST_NATIONAL_HTTP_PORT") or _free_port()),
            "neo4j_heap": "512m",
            "neo4j_pagecache": "256m",
            "neo4j_password": None,
            "api_tokens": f"{EXCHANGE_TOKEN},{VIEWER_TOKEN}",
            "api_anonymous_viewers": True,
            "exchange_key": SecretStr(KEY.decode()),
        }
    )
    server = LocalServer(s, say=print)
    suite_jars = LocalServer(settings).lib
    if suite_jars.exists() and not server.lib.exists():  # the same jars: no second Maven run
        server.lib.parent.mkdir(parents=True, exist_ok=True)
        server.lib.symlink_to(suite_jars, target_is_directory=True)
    was_running = server.status().running
    server.start()
    graph = Graph.from_settings(s)
    try:
        apply_schema(graph)
        graph.delete_all()
        yield s, graph
    finally:
        graph.close()
        if not was_running:
            server.stop()


def _client(settings, graph):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    app = create_app(settings=settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: settings
    return TestClient(app, raise_server_exceptions=False)


def _bearer(spec: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {spec.rpartition(':')[0]}"}


def rollup(client, metric: str, day: str) -> dict:
    r = client.get(f"/v1/coverage/{metric}", params={"region": CITY, "as_of": day})
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    return {
        "region": (body["covered"], body["total"]),
        "children": sorted((c["id"], c["name"], c["covered"], c["total"]) for c in body["children"]),
    }


def test_the_national_instance_serves_the_citys_rollups_and_no_name_crosses(xuzhou, settings, national):
    n_settings, n_graph = national
    data = build_export(xuzhou, policy=default_policy(), level="county", source=CITY, key=KEY)
    assert {r["level"] for r in data["regions"]} == {"city", "county"} and len(data["regions"]) == 11
    assert len(data["summaries"]) == 11 * len(METRICS)

    city_client = _client(settings.model_copy(update={"api_anonymous_viewers": True}), xuzhou)
    with city_client, _client(n_settings, n_graph) as client:
        # only an exchange account (or an admin) may push; a viewer may not
        assert client.post("/v1/exchange", json=data, headers=_bearer(VIEWER_TOKEN)).status_code == 403
        r = client.post("/v1/exchange", json=data, headers=_bearer(EXCHANGE_TOKEN))
        assert r.status_code == 200, r.text[:500]
        assert r.json()["written"] == len(data["summaries"]) and r.json()["unchanged"] == 0

        # the same figures for every metric, on several days, for the city and each county
        for metric in (m.name for m in METRICS):
            for day in DAYS:
                assert rollup(client, metric, day) == rollup(city_client, metric, day), (metric, day)
        # hotspots and the scorecard read the same summaries
        for path in (f"/v1/hotspots/household_linkage?region={CITY}&level=county&as_of=2020-03-31", f"/v1/regions/{CITY}/scorecard?as_of=2020-03-31"):
            mine, theirs = client.get(path), city_client.get(path)
            assert mine.status_code == theirs.status_code == 200, (path, mine.text[:300])
            assert json.dumps(mine.json(), sort_keys=True) == json.dumps(theirs.json(), sort_keys=True), path

        # the items stay at the source: a gap list is a clear problem, not an empty list
        gaps = client.get("/v1/gaps/household_linkage", params={"region": CITY})
        assert gaps.status_code == 409 and gaps.headers["content-type"].startswith("application/problem+json")
        assert "stay at the source" in gaps.json()["detail"]

        # when each region's figures were last received
        sources = client.get("/v1/exchange/sources").json()
        assert [x["source"] for x in sources["sources"]] == [CITY]
        assert len(sources["regions"]) == 11 and all(r["received_at"] and r["source"] == CITY for r in sources["regions"])

    # no person's name and no item id in the file or anywhere in the national database
    names = Names(xuzhou)
    assert len(names.values) > 1000
    text = json.dumps(data, ensure_ascii=False)
    assert not names.found_in(text)
    stored = n_graph.read("MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p")
    stored_text = json.dumps([row["p"] for row in stored], ensure_ascii=False, default=str)
    assert "徐州市" in stored_text  # what is read is the database's text
    assert not names.found_in(stored_text)
    item_ids = {r["id"] for r in xuzhou.read("MATCH (h:Household) RETURN h.id AS id LIMIT 200")}
    assert item_ids and not any(i in text for i in item_ids)
    labels = {r["label"] for r in n_graph.read("CALL db.labels() YIELD label MATCH (n) WHERE label IN labels(n) RETURN DISTINCT label")}
    assert labels <= {"Region", "City", "County", "CoverageSummary", "CoverageSummaryState", "ExchangeSource", "Account", "Change"}, labels


def test_import_is_idempotent_and_refuses_a_damaged_file_or_an_unknown_policy(xuzhou, national):
    n_settings, n_graph = national
    data = build_export(xuzhou, policy=default_policy(), level="county", source=CITY, key=KEY)
    with _client(n_settings, n_graph) as client:
        first = client.post("/v1/exchange", json=data, headers=_bearer(EXCHANGE_TOKEN)).json()
        again = client.post("/v1/exchange", json=data, headers=_bearer(EXCHANGE_TOKEN))
        assert again.status_code == 200 and again.json()["written"] == 0 and again.json()["unchanged"] == first["summaries"]

        damaged = {**data, "summaries": [{**data["summaries"][0], "covered": [0] * len(data["summaries"][0]["covered"])}, *data["summaries"][1:]]}
        r = client.post("/v1/exchange", json=damaged, headers=_bearer(EXCHANGE_TOKEN))
        assert r.status_code == 422 and "sha256" in r.json()["detail"]

        unsigned = seal(data, key=None)
        assert client.post("/v1/exchange", json=unsigned, headers=_bearer(EXCHANGE_TOKEN)).status_code == 422

        other_policy = seal({**data, "policy": "0123456789abcdef"}, key=KEY)
        r = client.post("/v1/exchange", json=other_policy, headers=_bearer(EXCHANGE_TOKEN))
        assert r.status_code == 422 and "EXCHANGE_POLICIES" in r.json()["detail"], r.text[:300]
        assert r.json()["errors"][0]["field"] == "policy"

    told = n_settings.model_copy(update={"exchange_policies": "0123456789abcdef"})
    with _client(told, n_graph) as client:
        assert client.post("/v1/exchange", json=other_policy, headers=_bearer(EXCHANGE_TOKEN)).status_code == 200

    # an exchange account (not only the bootstrap token) may push: idempotent again
    account, token = store.add_account(n_graph, name="exchange-city", role="exchange", scope=[CITY])
    with _client(n_settings, n_graph) as client:
        r = client.post("/v1/exchange", json=data, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and r.json()["written"] == 0, r.text[:300]


def test_a_region_above_the_sources_is_the_sum_of_what_they_published(xuzhou, settings, national):
    """A province instance's file names the nation without its figures (several provinces share it):
    the receiver sums its children.  Here the city's file is placed under 江苏省 and the nation."""
    n_settings, n_graph = national
    data = build_export(xuzhou, policy=default_policy(), level="county", source=CITY, key=KEY)
    above = [
        {"id": "100000", "name": "中华人民共和国", "level": "nation", "kind": "nation", "code": "100000"},
        {"id": "320000", "name": "江苏省", "level": "province", "kind": "province", "code": "320000", "parent_id": "100000"},
    ]
    regions = above + [{**r, "parent_id": "320000"} if r["id"] == CITY else r for r in data["regions"]]
    placed = seal({**data, "regions": regions}, key=KEY)
    with _client(settings.model_copy(update={"api_anonymous_viewers": True}), xuzhou) as city_client, _client(n_settings, n_graph) as client:
        r = client.post("/v1/exchange", json=placed, headers=_bearer(EXCHANGE_TOKEN))
        assert r.status_code == 200 and r.json()["aggregated"] == 2, r.text[:300]
        for metric in (m.name for m in METRICS):
            city = city_client.get(f"/v1/coverage/{metric}", params={"region": CITY, "as_of": DAYS[-1]}).json()
            for top in ("100000", "320000"):
                mine = client.get(f"/v1/coverage/{metric}", params={"region": top, "as_of": DAYS[-1]})
                assert mine.status_code == 200, mine.text[:300]
                assert (mine.json()["covered"], mine.json()["total"]) == (city["covered"], city["total"]), (metric, top)


def test_a_file_never_takes_over_renames_or_relevels_a_region_held_here_and_each_file_can_be_undone(xuzhou, national):
    """Issue 20 §5 (Medium): an exchange account pushed a file that renamed a local county (to HTML)
    and marked it received from elsewhere; its gap lists then answered 409 and nothing recorded it."""
    from orgnet.coverage.summaries import refresh
    from orgnet.exchange.local import delegate, withdraw
    from orgnet.graph.loader import statements_for
    from orgnet.graph.model import Region
    from orgnet.writes.changes import list_changes

    n_settings, n_graph = national
    local = [
        Region(id="330100", name="杭州市", level="city", code="330100"),
        Region(id="330102", name="上城区", level="county", kind="county", parent_id="330100"),
    ]
    n_graph.write_many(statements_for("regions", local))
    refresh(n_graph, policy=default_policy())  # this instance's own figures of its own regions
    city_file = build_export(xuzhou, policy=default_policy(), level="county", source=CITY, key=KEY)
    template = next(s for s in city_file["summaries"] if s["region_id"] == "320321")
    hostile = {
        **city_file,
        "source": "hostile",
        "regions": [
            {"id": "330100", "name": '<img src=x onerror="alert(1)">', "level": "city", "code": "330100"},
            {"id": "330102", "name": "上城区", "level": "county", "kind": "county", "parent_id": "330100"},
            {"id": "330199", "name": "新区", "level": "county", "kind": "county", "parent_id": "330100"},
        ],
        "summaries": [{**template, "region_id": rid} for rid in ("330102", "330199")],
    }
    hostile = seal({k: v for k, v in hostile.items() if k not in ("sha256", "hmac")}, key=KEY)

    def state():
        return n_graph.read(
            "MATCH (r:Region) WHERE r.id STARTS WITH '3301' OPTIONAL MATCH (s:CoverageSummary {region_id: r.id}) "
            "RETURN r.id AS id, r.name AS name, r.level AS level, r.received_from AS source, "
            "collect(s.source + ':' + s.metric + ':' + toString(s.total)) AS summaries ORDER BY id"
        )

    before = state()
    with _client(n_settings, n_graph) as client:
        refused = client.post("/v1/exchange", json=hostile, headers=_bearer(EXCHANGE_TOKEN))
        # before: 200, 330100 renamed to HTML and 330102 marked as received from "hostile"
        assert refused.status_code == 422, refused.text[:300]
        assert [e["reason"] for e in refused.json()["errors"]] == ["330102 is held by this instance and not delegated to hostile"]
        assert state() == before

        # an admin delegates 330102 to the source: its figures are taken, its name and level never
        delegate(n_graph, region_id="330102", source="hostile")
        taken = client.post("/v1/exchange", json=hostile, headers=_bearer(EXCHANGE_TOKEN))
        assert taken.status_code == 200, taken.text[:300]
        after = {r["id"]: r for r in state()}
        assert after["330100"] == before[0]  # named above the figures: left exactly as it was
        assert after["330102"]["name"] == "上城区" and after["330102"]["level"] == "county" and after["330102"]["source"] == "hostile"
        assert f"hostile:{template['metric']}:{template['total']}" in after["330102"]["summaries"]
        assert after["330199"]["source"] == "hostile"

    # the file is in the audit trail, with the way to undo it
    (received,) = [c for c in list_changes(n_graph, kind="exchange", limit=100)[0] if c["after"]["source"] == "hostile"]
    assert (received["path"], received["action"], received["role"]) == ("exchange", "receive", "exchange")
    assert received["after"]["undo"] == "orgnet exchange withdraw hostile"
    assert received["after"]["created"] == ["330199"] and received["after"]["delegated"] == ["330102"] and received["after"]["left_as_they_were"] == ["330100"]

    report = withdraw(n_graph, source="hostile", policy=default_policy(), author={"role": "admin"})
    assert report["regions_removed"] == 1
    assert state() == before  # as it was before the file
    assert not n_graph.read("MATCH (s:CoverageSummary {source: 'hostile'}) RETURN s LIMIT 1")
    assert not n_graph.read("MATCH (x:ExchangeSource {id: 'hostile'}) RETURN x")
    assert list_changes(n_graph, kind="exchange", limit=10)[0][0]["action"] == "withdraw"
    # the city's figures, received from another source, are untouched
    assert n_graph.read("MATCH (r:Region {id: '320321'}) RETURN r.received_from AS s")[0]["s"] == CITY
