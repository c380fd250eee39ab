"""Per-record writes, idempotency, versions, scope, suggestions applied and the audit trail,
against the real Neo4j on a small hand-built graph (never the shared seed).

It is over 400 lines because the write routes share one small graph and its fixtures: one module
keeps each test's setup next to what it checks."""

from __future__ import annotations

import copy
import threading

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from orgnet.api.deps import Caller, get_caller
from orgnet.api.main import create_app
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle
from orgnet.settings import get_settings
from tests.integration.conftest import cli_environment

from .test_import import SMALL

# SMALL (county X-1) plus a second county X-2 and a city-level cadre: scope has something to refuse.
TWO_COUNTIES = copy.deepcopy(SMALL)
TWO_COUNTIES["regions"] += [
    {"id": "X-2", "name": "二县", "level": "county", "kind": "county", "parent_id": "X"},
    {"id": "X-2-1", "name": "二镇", "level": "town", "kind": "town", "parent_id": "X-2"},
    {"id": "X-2-1-1", "name": "二村村委会", "level": "village", "kind": "village", "parent_id": "X-2-1"},
]
TWO_COUNTIES["cadres"] += [
    {"id": "c-2", "name": "钱七", "level": "town", "region_id": "X-2-1"},
    {"id": "c-city", "name": "孙八", "level": "city", "region_id": "X"},
]
TWO_COUNTIES["enterprises"] += [{"id": "e-2", "name": "二厂", "kind": "non_public", "region_id": "X-2-1-1"}]

# an earlier, ended pairing of SMALL's pair (SMALL's own is active from 2020-02-01: a second one then would overlap it)
PAIRING = {"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2019-03-01", "until": "2019-12-31"}
PAIRING_ID = "c-1~e-1~2019-03-01"


@pytest.fixture
def two_counties(empty_graph):
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(TWO_COUNTIES)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    return empty_graph


def client_as(graph, settings, caller: Caller | None):
    """A client whose caller is ``caller`` (the accounts engineer's authentication fills it in production)."""
    app = create_app(settings=settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: settings
    if caller is not None:
        app.dependency_overrides[get_caller] = lambda: caller
    return TestClient(app)


CITY_PLANNER = Caller(role="planner", account="city-planner")
COUNTY_PLANNER = Caller(role="planner", account="x1-planner", scope=("X-1",))
VIEWER = Caller(role="viewer", account="viewer")


@pytest.fixture
def city(two_counties, settings):
    with client_as(two_counties, settings, CITY_PLANNER) as c:
        yield c


def counts(graph) -> dict[str, int]:
    row = graph.read(
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() WITH nodes, count(r) AS rels "
        "OPTIONAL MATCH (c:Change) RETURN nodes, rels, count(c) AS changes"
    )[0]
    return row


def graph_state(graph) -> list:
    """Everything stored (properties of every node and relationship), to compare before and after."""
    nodes = graph.read("MATCH (n) WHERE NOT n:CoverageSummary AND NOT n:CoverageSummaryState RETURN labels(n) AS l, properties(n) AS p ORDER BY elementId(n)")
    rels = graph.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b ORDER BY elementId(r)")
    return [nodes, rels]


def test_a_pairing_is_created_read_with_its_version_and_recorded(two_counties, city):
    created = city.post("/v1/records/pairings", json=PAIRING)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"] == PAIRING_ID and body["record"]["cadre_id"] == "c-1" and body["record"]["since"] == "2019-03-01"
    assert body["regions"] == ["X-1-1", "X-1-1-1"]  # the cadre's jurisdiction and the enterprise's village
    assert created.headers["ETag"] == f'"{body["version"]}"'
    assert body["summaries"]["status"] == "fresh"
    read = city.get(f"/v1/records/pairings/{PAIRING_ID}")
    assert read.status_code == 200 and read.headers["ETag"] == created.headers["ETag"]
    # the imported pairing has an id too: its ends and its since
    assert city.get("/v1/records/pairings/c-1~e-1~2020-02-01").json()["record"]["enterprise_id"] == "e-1"

    (change,) = city.get("/v1/changes", params={"item": PAIRING_ID}).json()["items"]
    assert (change["path"], change["account"], change["kind"], change["action"]) == ("api", "city-planner", "pairings", "create")
    assert change["before"] is None and change["after"]["cadre_id"] == "c-1"
    assert change["region_ids"] == ["X-1-1", "X-1-1-1"]
    again = city.post("/v1/records/pairings", json=PAIRING)
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({**PAIRING, "until": "2019-02-01"}, "(record)"),  # until before since
        ({**PAIRING, "cadre_id": "nobody"}, "cadre_id"),  # a dangling reference
        ({**PAIRING, "since": "2020-3-1"}, "since"),
        ({**PAIRING, "colour": "red"}, "colour"),  # unknown fields are refused, never ignored
    ],
)
def test_a_bad_record_is_refused_whole_with_field_level_problems(two_counties, city, record, field):
    before = graph_state(two_counties)
    refused = city.post("/v1/records/pairings", json=record)
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert any(e["field"] == field and e["section"] == "pairings" and e["index"] == 0 for e in problem["errors"]), problem
    assert graph_state(two_counties) == before  # nothing written, no change recorded


def test_outside_the_scope_is_404_and_nothing_is_written(two_counties, settings, city):
    city.post("/v1/records/pairings", json={"cadre_id": "c-2", "enterprise_id": "e-2", "since": "2020-03-01"})
    before = graph_state(two_counties)
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        inside = county.post("/v1/records/pairings", json=PAIRING)
        assert inside.status_code == 201
        before = graph_state(two_counties)
        for record in (
            {"cadre_id": "c-2", "enterprise_id": "e-2", "since": "2020-04-01"},  # all in X-2
            {"cadre_id": "c-2", "enterprise_id": "e-1", "since": "2020-04-01"},  # an X-2 cadre, an X-1 enterprise
            {"cadre_id": "c-city", "enterprise_id": "e-1", "since": "2020-04-01"},  # a city-level cadre
        ):
            refused = county.post("/v1/records/pairings", json=record)
            assert refused.status_code == 404, record
        # reading, ending and voiding a record outside: 404, as for an id that does not exist
        assert county.get("/v1/records/pairings/c-2~e-2~2020-03-01").status_code == 404
        assert county.get("/v1/records/enterprises/e-2").status_code == 404
        assert county.post("/v1/records/pairings/c-2~e-2~2020-03-01/end", json={"until": "2020-03-31"}).status_code == 404
        assert county.post("/v1/records/enterprises/e-2/void", json={"reason": "wrong"}).status_code == 404
        assert county.get("/v1/changes", params={"region": "X-2"}).status_code == 404
        assert graph_state(two_counties) == before
        # the county's own trail shows its change, and not X-2's
        items = county.get("/v1/changes").json()["items"]
        assert {c["items"][0] for c in items} == {PAIRING_ID}


def test_writes_need_the_planner_role(two_counties, settings):
    with client_as(two_counties, settings, VIEWER) as viewer:
        assert viewer.post("/v1/records/pairings", json=PAIRING).status_code == 403
        assert viewer.get("/v1/changes").status_code == 403
        assert viewer.post("/v1/suggestions/enterprise_pairing/apply", json={"since": "2020-03-01", "pairings": []}).status_code == 403


def covered(client, metric: str, item: str, day: str) -> bool:
    r = client.get(f"/v1/coverage/{metric}/items/{item}", params={"as_of": day})
    assert r.status_code == 200, r.text
    return r.json()["covered"]


def test_ending_an_assignment_keeps_its_history(two_counties, city):
    link = {"member_id": "m-1", "household_id": "h-1", "since": "2020-03-05"}
    assert city.post("/v1/records/household_links", json=link).status_code == 201
    link_id = "m-1~h-1~2020-03-05"
    assert covered(city, "household_linkage", "h-1", "2020-03-10")
    version = city.get(f"/v1/records/household_links/{link_id}").json()["version"]
    ended = city.post(f"/v1/records/household_links/{link_id}/end", json={"until": "2020-03-07"}, headers={"If-Match": f'"{version}"'})
    assert ended.status_code == 200, ended.text
    assert ended.json()["record"]["until"] == "2020-03-07" and ended.json()["version"] != version
    assert covered(city, "household_linkage", "h-1", "2020-03-06")  # the past is what it was
    assert not covered(city, "household_linkage", "h-1", "2020-03-10")
    # an end before since is the model's own refusal, field-level; nothing written
    bad = city.post(f"/v1/records/household_links/{link_id}/end", json={"until": "2020-01-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["section"] == "household_links"
    # an end without a day ends nothing: refused, no change recorded
    before = len(city.get("/v1/changes", params={"item": link_id}).json()["items"])
    missing = city.post(f"/v1/records/household_links/{link_id}/end", json={})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "until"
    assert len(city.get("/v1/changes", params={"item": link_id}).json()["items"]) == before
    # a misspelt field is refused, not dropped (before: `untill` ended nothing and `until` was "missing")
    misspelt = city.post(f"/v1/records/household_links/{link_id}/end", json={"until": "2020-03-08", "untill": "2020-03-09"})
    assert misspelt.status_code == 422 and misspelt.json()["errors"][0]["field"] == "body.untill"
    assert len(city.get("/v1/changes", params={"item": link_id}).json()["items"]) == before
    # items have no end
    assert city.post("/v1/records/households/h-1/end", json={"until": "2020-03-07"}).status_code == 404
    (change,) = city.get("/v1/changes", params={"item": link_id, "kind": "household_links"}).json()["items"][:1]
    assert change["action"] == "end" and change["before"]["until"] is None and change["after"]["until"] == "2020-03-07"


def test_an_items_records_are_listed_imported_ones_included_and_only_inside_the_scope(two_counties, settings, city):
    # an imported (never written one by one) pairing, an ended one, one across the county boundary
    assert city.post("/v1/records/pairings", json={"cadre_id": "c-2", "enterprise_id": "e-1", "since": "2020-03-02"}).status_code == 201
    listed = city.get("/v1/records", params={"item": "e-1"})
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert [(r["kind"], r["id"]) for r in items] == [("pairings", "c-1~e-1~2020-02-01"), ("pairings", "c-2~e-1~2020-03-02")]
    first = items[0]
    assert first["record"] == {"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-02-01", "until": None}
    assert first["version"] == city.get("/v1/records/pairings/c-1~e-1~2020-02-01").json()["version"]  # usable as If-Match
    # the imported record can be ended with that version: the page's End on a seed record
    ended = city.post("/v1/records/pairings/c-1~e-1~2020-02-01/end", json={"until": "2020-03-20"}, headers={"If-Match": f'"{first["version"]}"'})
    assert ended.status_code == 200, ended.text
    assert city.get("/v1/records", params={"item": "c-1"}).json()["items"][0]["record"]["until"] == "2020-03-20"
    # the end of a household link found from the member's side and the household's side alike
    assert [r["id"] for r in city.get("/v1/records", params={"item": "h-1"}).json()["items"]] == ["m-1~h-1~2020-02-01"]
    assert city.get("/v1/records", params={"item": "m-1"}).json()["items"][0]["record"]["until"] == "2020-03-01"
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        # the pairing with the other county's cadre is not shown; the other county's items are a 404 like unknown ids
        assert [r["id"] for r in county.get("/v1/records", params={"item": "e-1"}).json()["items"]] == ["c-1~e-1~2020-02-01"]
        assert county.get("/v1/records", params={"item": "c-2"}).status_code == 404
        assert county.get("/v1/records", params={"item": "no-such-item"}).status_code == 404
    with client_as(two_counties, settings, VIEWER) as viewer:
        assert viewer.get("/v1/records", params={"item": "e-1"}).status_code == 403


def test_a_stale_version_is_412_with_the_current_one(two_counties, city):
    first = city.get("/v1/records/enterprises/e-1")
    version = first.json()["version"]
    renamed = {"id": "e-1", "name": "一厂（新）", "kind": "non_public", "region_id": "X-1-1-1"}
    ok = city.put("/v1/records/enterprises/e-1", json=renamed, headers={"If-Match": f'"{version}"'})
    assert ok.status_code == 200 and ok.json()["record"]["name"] == "一厂（新）"
    # a second planner still holding the first version loses nothing: 412, and is told the current one
    lost = city.put("/v1/records/enterprises/e-1", json={**renamed, "name": "一厂（旧）"}, headers={"If-Match": f'"{version}"'})
    assert lost.status_code == 412 and lost.headers["content-type"] == "application/problem+json"
    assert lost.json()["current_version"] == ok.json()["version"] and lost.headers["ETag"] == f'"{ok.json()["version"]}"'
    assert city.get("/v1/records/enterprises/e-1").json()["record"]["name"] == "一厂（新）"
    void = city.post("/v1/records/enterprises/e-1/void", json={"reason": "duplicate"}, headers={"If-Match": f'"{version}"'})
    assert void.status_code == 412


def test_concurrent_if_match_writes_let_exactly_one_win(two_counties, city):
    version = city.get("/v1/records/pairings/c-1~e-1~2020-02-01").json()["version"]
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def end(day: str) -> None:
        barrier.wait()
        statuses.append(city.post("/v1/records/pairings/c-1~e-1~2020-02-01/end", json={"until": day}, headers={"If-Match": f'"{version}"'}).status_code)

    threads = [threading.Thread(target=end, args=(f"2020-03-0{i + 1}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 412, 412, 412]


def test_void_needs_a_reason_and_marks_the_record(two_counties, city):
    rid = "c-1~e-1~2020-02-01"
    for body in ({}, {"reason": ""}, {"reason": "  "}, {"reason": 5}):
        refused = city.post(f"/v1/records/pairings/{rid}/void", json=body)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "reason"
    extra = city.post(f"/v1/records/pairings/{rid}/void", json={"reason": "wrong", "note": "a field voids do not have"})
    assert extra.status_code == 422 and extra.json()["errors"][0]["field"] == "body.note"
    voided = city.post(f"/v1/records/pairings/{rid}/void", json={"reason": "entered for the wrong enterprise"})
    assert voided.status_code == 200
    record = voided.json()["record"]
    assert record["voided"] is True and record["void_reason"] == "entered for the wrong enterprise"
    assert record["voided_by"] == "city-planner" and record["voided_at"]
    assert two_counties.read("MATCH ()-[p:PAIRED_WITH]->() RETURN count(p) AS n")[0]["n"] == 1  # the record stays
    assert city.post(f"/v1/records/pairings/{rid}/void", json={"reason": "again"}).status_code == 409
    assert city.post(f"/v1/records/pairings/{rid}/end", json={"until": "2020-03-01"}).status_code == 409
    (change,) = city.get("/v1/changes", params={"item": rid}).json()["items"]
    assert change["action"] == "void" and change["reason"] == "entered for the wrong enterprise"


def test_a_voided_record_is_counted_by_no_metric_on_any_day(two_counties, city):
    link_id = "m-1~h-1~2020-02-01"  # SMALL's link, active 2020-02-01..2020-03-01
    assert covered(city, "household_linkage", "h-1", "2020-02-15")
    assert city.post(f"/v1/records/household_links/{link_id}/void", json={"reason": "never happened"}).status_code == 200
    for day in ("2020-02-01", "2020-02-15", "2020-03-01"):
        assert not covered(city, "household_linkage", "h-1", day)


def test_an_idempotency_key_replays_the_first_answer_and_refuses_another_body(two_counties, city):
    key = {"Idempotency-Key": "double-click-1"}
    first = city.post("/v1/records/pairings", json=PAIRING, headers=key)
    second = city.post("/v1/records/pairings", json=PAIRING, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json() and second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["ETag"] == first.headers["ETag"]
    other = city.post("/v1/records/pairings", json={**PAIRING, "since": "2019-03-02"}, headers=key)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert two_counties.read("MATCH (:Cadre {id: 'c-1'})-[p:PAIRED_WITH]->() RETURN count(p) AS n")[0]["n"] == 2
    assert len(city.get("/v1/changes", params={"item": PAIRING_ID}).json()["items"]) == 1


def test_concurrent_duplicates_with_one_key_write_once(two_counties, city):
    barrier = threading.Barrier(6)
    answers: list = []

    def post() -> None:
        barrier.wait()
        answers.append(
            city.post(
                "/v1/records/household_links", json={"member_id": "m-1", "household_id": "h-1", "since": "2020-04-01"}, headers={"Idempotency-Key": "race-1"}
            )
        )

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [201] * 6
    assert len({a.json()["version"] for a in answers}) == 1
    assert two_counties.read("MATCH (:PartyMember {id: 'm-1'})-[l:LINKS {since: date('2020-04-01')}]->() RETURN count(l) AS n")[0]["n"] == 1
    assert two_counties.read("MATCH (c:Change) WHERE 'm-1~h-1~2020-04-01' IN c.items RETURN count(c) AS n")[0]["n"] == 1


def test_applying_suggestions_writes_them_in_one_transaction(two_counties, city):
    two_counties.write("MATCH (:Cadre {id: 'c-1'})-[p:PAIRED_WITH]->() DELETE p")  # e-1 now lacks its town-level cadre
    refresh(two_counties, policy=default_policy())
    gaps = city.get("/v1/gaps/enterprise_pairing", params={"region": "X-1", "as_of": "2020-03-01"}).json()["items"]
    (row,) = [g for g in gaps if g["id"] == "e-1"]
    # the gap row says which write closes it: a pairing of this enterprise, or the suggestions to apply
    assert row["actions"][0] == {"method": "POST", "path": "/v1/records/pairings", "kind": "pairings", "record": {"enterprise_id": "e-1"}}
    assert row["actions"][1]["path"] == "/v1/suggestions/enterprise_pairing" and row["actions"][1]["query"] == {"region": "X-1-1-1"}
    suggested = city.get("/v1/suggestions/enterprise_pairing", params={"region": "X-1", "as_of": "2020-03-01"}).json()["suggestions"]
    chosen = [{"cadre_id": s["cadre_id"], "enterprise_id": s["enterprise_id"]} for s in suggested if s["level"] == "town"]
    assert chosen == [{"cadre_id": "c-1", "enterprise_id": "e-1"}]
    # one bad choice refuses them all
    before = graph_state(two_counties)
    bad = city.post(
        "/v1/suggestions/enterprise_pairing/apply", json={"since": "2020-03-01", "pairings": [*chosen, {"cadre_id": "nobody", "enterprise_id": "e-1"}]}
    )
    assert bad.status_code == 422 and graph_state(two_counties) == before
    applied = city.post("/v1/suggestions/enterprise_pairing/apply", json={"since": "2020-03-01", "pairings": chosen})
    assert applied.status_code == 201, applied.text
    assert [w["id"] for w in applied.json()["written"]] == ["c-1~e-1~2020-03-01"]
    after = city.get("/v1/suggestions/enterprise_pairing", params={"region": "X-1", "as_of": "2020-03-01"}).json()["suggestions"]
    assert not [s for s in after if s["enterprise_id"] == "e-1" and s["level"] == "town"]  # the gap is closed
    (change,) = city.get("/v1/changes", params={"item": "c-1~e-1~2020-03-01"}).json()["items"]
    assert change["action"] == "apply" and change["path"] == "api"


def test_bundle_import_over_the_api_is_one_change_and_idempotent(empty_graph, settings):
    with client_as(empty_graph, settings, CITY_PLANNER) as city:
        key = {"Idempotency-Key": "import-1"}
        first = city.post("/v1/import", json=SMALL, headers=key)
        assert first.status_code == 200, first.text
        again = city.post("/v1/import", json=SMALL, headers=key)
        assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
        (change,) = city.get("/v1/changes", params={"kind": "bundle"}).json()["items"]
        assert (change["path"], change["action"], change["account"]) == ("import", "import", "city-planner")
        assert change["after"]["regions"] == 5 and "X-1-1-1" in change["region_ids"] and change["items_total"] == 21
        # the region filter reaches changes under it through their ancestors
        assert city.get("/v1/changes", params={"region": "X-1"}).json()["items"][0]["id"] == change["id"]


def test_changes_are_paged_with_a_signed_cursor(two_counties, city):
    for month in range(1, 6):
        assert city.post("/v1/records/pairings", json={**PAIRING, "since": f"2019-0{month}-01", "until": f"2019-0{month}-15"}).status_code == 201
    seen, cursor = [], None
    while True:
        page = city.get("/v1/changes", params={"kind": "pairings", "limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [c["items"][0] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"c-1~e-1~2019-0{m}-01" for m in range(5, 0, -1)]  # newest first, each once
    first = city.get("/v1/changes", params={"kind": "pairings", "limit": 2}).json()["next_cursor"]
    assert city.get("/v1/changes", params={"kind": "pairings", "limit": 2, "cursor": first[:-2] + "xx"}).status_code == 422
    # a cursor of another listing (other filters) is refused
    assert city.get("/v1/changes", params={"kind": "households", "limit": 2, "cursor": first}).status_code == 422


def test_a_read_right_after_a_write_sees_it_through_a_neo4j_uri(two_counties, settings):
    """Causal consistency: a routing (``neo4j://``) driver; every session shares the bookmark manager."""
    from orgnet.graph.db import Graph

    routed = settings.model_copy(
        update={"neo4j_uri": f"neo4j://127.0.0.1:{settings.neo4j_bolt_port}", "neo4j_password": SecretStr(settings.effective_password())}
    )
    with Graph.from_settings(routed) as graph:
        assert graph.bookmarks.get_bookmarks() == set()
        for i in range(5):
            graph.write("CREATE (:BookmarkProbe {n: $n})", {"n": i})
            after_write = graph.bookmarks.get_bookmarks()
            assert after_write  # the write's bookmark is held for the next session
            assert graph.read("MATCH (p:BookmarkProbe) RETURN count(p) AS n")[0]["n"] == i + 1
        graph.write("MATCH (p:BookmarkProbe) DELETE p")


def test_the_cli_import_and_a_seed_load_leave_one_change_each(empty_graph, tmp_path, settings):
    import json

    from .test_cli import orgnet

    env = _cli_env(settings)
    bundle = tmp_path / "small.json"
    bundle.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    for atomic in ([], ["--atomic"]):
        done = orgnet(env, "import", str(bundle), *atomic)
        assert done.returncode == 0, done.stderr
    listed = orgnet(env, "changes", "--kind", "bundle", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(c["path"], c["action"]) for c in rows] == [("cli", "import"), ("cli", "import")]
    assert all(c["account"].startswith("os:") and c["after"]["regions"] == 5 for c in rows)
    assert "job_id" in rows[1]["after"]  # the batched (journaled) one names its job

    # `orgnet seed` / `orgnet load` write through load_seed (the demo seed itself takes minutes here)
    from orgnet.writes.workflow import load_seed

    empty_graph.delete_all()
    load_seed(empty_graph, parse_bundle(copy.deepcopy(SMALL)).sections(), description="xuzhou-2020 seed 2020, scale demo", batch_size=3)
    (seed,) = [json.loads(line) for line in orgnet(env, "changes", "--json").stdout.splitlines()]
    assert (seed["path"], seed["action"], seed["kind"]) == ("seed", "seed", "bundle")
    assert seed["after"]["households"] == 1 and "seed 2020" in seed["reason"]
    states = empty_graph.read("MATCH (s:CoverageSummaryState) RETURN count(s) AS n, all(x IN collect(s.stale) WHERE x) AS stale")[0]
    assert states == {"n": len(METRICS), "stale": True}  # a seed load marks every metric's summaries stale


def _cli_env(settings):
    """The environment of test_cli's ``cli_env`` fixture (the CLI talks to the test server)."""
    env = cli_environment(settings)
    return env
