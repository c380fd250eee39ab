"""Issue 10 (reliability), items 1-4: never serve a wrong number as fresh, never leave half a write unreported.

Each test reproduces one reported defect with the real database; the writers are driven step by
step (the loader's ``on_batch`` hook runs after a batch's transaction committed), never by racing
sleeps."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from orgnet.coverage import service, summaries, summary_state
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.errors import DatabaseUnavailable, ImportIncomplete, SummariesUnavailable
from orgnet.graph.loader import load_bundle, start_import_job, unfinished_imports
from orgnet.graph.model import Bundle, Household, HouseholdLink
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()


def fresh(graph) -> dict[str, bool]:
    return {m: s["fresh"] for m, s in summary_state.summary_status(graph, policy=POLICY).items()}


def live(graph, metric, region="S"):
    return service.rollup(graph, metric=metric, region_id=region, as_of=AS_OF, policy=POLICY, source="live")


def served(graph, metric, region="S"):
    return service.rollup(graph, metric=metric, region_id=region, as_of=AS_OF, policy=POLICY)


def households(graph) -> int:
    return graph.read("MATCH (h:Household) RETURN count(h) AS n")[0]["n"]


@pytest.fixture
def scenario(empty_graph):
    bundle = random_bundle(33, size=2)
    load_bundle(empty_graph, bundle, batch_size=200)
    summaries.refresh(empty_graph, policy=POLICY)
    assert all(fresh(empty_graph).values())
    return empty_graph, bundle


def more_households(bundle, n: int, tag: str) -> Bundle:
    """``n`` new households in the villages of ``bundle``, each linked by one of its members."""
    villages = [r.id for r in bundle.regions if r.level == "village"]
    members = [m.id for m in bundle.party_members]
    hs = [Household(id=f"{tag}-{i}", name="新户", region_id=villages[i % len(villages)]) for i in range(n)]
    links = [HouseholdLink(member_id=members[i % len(members)], household_id=h.id, since=AS_OF - dt.timedelta(days=2)) for i, h in enumerate(hs)]
    return Bundle(households=hs, household_links=links)


# ----------------------------------------------------------------------------- item 1


def test_batches_committed_after_another_writers_refresh_leave_the_summaries_stale(scenario):
    """10.1: a slow batched import; a tiny import runs and refreshes between two of its batches;
    the batched import's later batches must not be hidden behind that refresh."""
    graph, bundle = scenario
    big = more_households(bundle, 40, "big")
    metrics = summaries.metrics_for_bundle(big)
    tiny = more_households(bundle, 1, "tiny")
    committed = {"households": 0, "household_links": 0}

    def after_batch(section, rows):
        if section not in committed:
            return
        first = not any(committed.values())
        committed[section] += rows
        if first:  # another writer: a tiny atomic import, then its refresh, start to end
            load_bundle(graph, tiny, batch_size=10, atomic=True, bookkeeping=[mark_stale_statement(metrics)])
            summaries.refresh(graph, policy=POLICY, metrics=metrics)
        if committed["household_links"] >= 30:
            raise KeyboardInterrupt  # the batched import is killed

    with pytest.raises(KeyboardInterrupt):
        load_bundle(graph, big, batch_size=10, on_batch=after_batch, bookkeeping=[mark_stale_statement(metrics)])
    links = graph.read("MATCH (:PartyMember)-[l:LINKS]->(h:Household) WHERE h.id STARTS WITH 'big-' RETURN count(l) AS n")[0]["n"]
    assert links == committed["household_links"]  # what the progress callback counted is what is committed

    state = summary_state.summary_status(graph, policy=POLICY)
    assert [m for m, s in state.items() if not s["fresh"]] == [m.name for m in METRICS if m.name in metrics]
    for m in metrics:  # the API serves the live numbers meanwhile
        assert served(graph, m) == live(graph, m)

    not_fresh = [m for m, ok in fresh(graph).items() if not ok]  # what `refresh --only-stale` recomputes
    summaries.refresh(graph, policy=POLICY, metrics=not_fresh)
    assert all(fresh(graph).values())
    for m in metrics:
        got = service.rollup(graph, metric=m, region_id="S", as_of=AS_OF, policy=POLICY, source="summary")
        assert got == live(graph, m)


def test_a_batch_committed_while_a_refresh_computes_keeps_it_stale(scenario, monkeypatch):
    """The refresh reads the generation, a batch commits (bumping it in its own transaction),
    the refresh writes its summaries: they must not be declared fresh."""
    graph, bundle = scenario
    real = summaries._timelines
    batch = more_households(bundle, 3, "during")

    def timelines_then_a_batch(*args, **kwargs):
        rows = real(*args, **kwargs)
        load_bundle(graph, batch, batch_size=2, bookkeeping=[mark_stale_statement(["household_linkage"])])
        return rows

    monkeypatch.setattr(summaries, "_timelines", timelines_then_a_batch)
    report = summaries.refresh(graph, policy=POLICY, metrics=["household_linkage"])
    assert report.skipped_because_written_meanwhile == ["household_linkage"]
    assert fresh(graph)["household_linkage"] is False
    monkeypatch.setattr(summaries, "_timelines", real)
    assert served(graph, "household_linkage") == live(graph, "household_linkage")


# ----------------------------------------------------------------------------- item 2


def test_links_deleted_outside_orgnet_are_detected_and_never_served(scenario, api_client):
    """10.2: LINKS deleted by a raw Cypher write (as in Neo4j Browser), then a refresh interrupted
    after its first metric: no summary of a changed population is reported fresh."""
    graph, bundle = scenario
    before = served(graph, "household_linkage")[0]
    deleted = graph.write("MATCH ()-[l:LINKS]->() WITH l ORDER BY l.since LIMIT 7 DELETE l")
    assert deleted.get("relationships_deleted") == 7

    state = summary_state.summary_status(graph, policy=POLICY)
    changed = {m for m, s in state.items() if s["changed_outside_orgnet"]}
    assert changed == {"household_linkage", "member_link_load"}
    assert {m for m, s in state.items() if not s["fresh"]} == changed
    with pytest.raises(SummariesUnavailable):
        service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="summary")

    body = api_client.get("/ready").json()
    assert body["summaries"]["graph_changed_outside_orgnet"] is True
    assert set(body["summaries"]["changed_outside_orgnet"]) == changed
    assert "changed outside orgnet" in body["summaries"]["detail"]
    got = api_client.get("/v1/coverage/household_linkage", params={"region": "S", "as_of": AS_OF.isoformat()}).json()
    want = live(graph, "household_linkage")[0]
    assert (got["covered"], got["total"]) == (want["covered"], want["total"])
    assert want["covered"] < before["covered"]

    # a refresh killed after its first metric: the other one is still not fresh
    def stop_after_first(metric, done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        summaries.refresh(graph, policy=POLICY, metrics=["household_linkage", "member_link_load"], progress=stop_after_first)
    state = summary_state.summary_status(graph, policy=POLICY)
    assert state["household_linkage"]["fresh"] and not state["member_link_load"]["fresh"]
    assert state["member_link_load"]["changed_outside_orgnet"]

    summaries.refresh(graph, policy=POLICY, metrics=["member_link_load"])
    assert all(fresh(graph).values())
    assert api_client.get("/ready").json()["summaries"]["graph_changed_outside_orgnet"] is False
    for m in ("household_linkage", "member_link_load"):
        assert service.rollup(graph, metric=m, region_id="S", as_of=AS_OF, policy=POLICY, source="summary") == live(graph, m)


# ----------------------------------------------------------------------------- item 3


def test_an_interrupted_batched_import_is_reported_partial_and_resumes_exactly(scenario, api_client):
    """10.3: killed after some batches: the journal says how much is written, /ready shows it,
    the progress callback counted committed rows, and a rerun of the same content completes it."""
    graph, bundle = scenario
    big = more_households(bundle, 50, "job")
    text = json.dumps(big.model_dump(mode="json"), sort_keys=True)
    sha = hashlib.sha256(text.encode()).hexdigest()
    metrics = summaries.metrics_for_bundle(big)
    start = households(graph)

    job = start_import_job(graph, source="big.json", sha256=sha, total_rows=big.total_records(), batch_size=20)
    counted = []

    def killed_after_two_batches(section, rows):
        counted.append(rows)
        if len(counted) == 2:
            raise RuntimeError("killed")

    with pytest.raises(ImportIncomplete, match=r"partial: 40 of 100 rows written; rerun"):
        load_bundle(graph, big, batch_size=999, on_batch=killed_after_two_batches, bookkeeping=[mark_stale_statement(metrics)], job=job)
    assert households(graph) - start == 40 and sum(counted) == 40  # the progress counts what is committed

    (unfinished,) = unfinished_imports(graph)
    assert (unfinished["committed_rows"], unfinished["total_rows"], unfinished["status"]) == (40, 100, "interrupted")
    assert api_client.get("/ready").json()["imports"]["unfinished"][0]["committed_rows"] == 40
    assert not fresh(graph)["household_linkage"]

    again = start_import_job(graph, source="big.json", sha256=sha, total_rows=big.total_records(), batch_size=7)
    assert (again.id, again.committed_rows, again.batch_size) == (job.id, 40, 20)
    resumed = []
    report = load_bundle(graph, big, batch_size=7, on_batch=lambda s, n: resumed.append(n), bookkeeping=[mark_stale_statement(metrics)], job=again)
    assert report.resumed_rows == 40 and sum(resumed) == 60 and report.total == 100
    assert households(graph) - start == 50
    assert graph.read("MATCH (:PartyMember)-[l:LINKS]->(h:Household) WHERE h.id STARTS WITH 'job-' RETURN count(l) AS n")[0]["n"] == 50
    assert unfinished_imports(graph) == [] and api_client.get("/ready").json()["imports"]["unfinished"] == []


# ----------------------------------------------------------------------------- item 4


def test_a_committed_api_import_whose_refresh_fails_answers_200_with_summaries_stale(scenario, api_client, settings, monkeypatch):
    """10.4: the refresh after POST /v1/import fails (the database goes away): the import is
    written, so the answer is 200 saying the summaries are stale, never an error."""
    graph, bundle = scenario
    monkeypatch.setattr(settings, "api_tokens", "plan-token:planner")
    village = next(r for r in bundle.regions if r.level == "village")
    member = bundle.party_members[0].id

    def database_gone(*args, **kwargs):
        raise DatabaseUnavailable("Neo4j went away during the refresh")

    # whichever way the import's refresh goes: whole metrics, or its regions only (an import of new
    # items knows where they are, and refreshes incrementally)
    monkeypatch.setattr(summaries, "_timelines", database_gone)
    monkeypatch.setattr(summaries, "refresh_regions", database_gone)
    new = {
        "format": "orgnet-bundle/1",
        "households": [{"id": "h-api-1", "name": "新户", "region_id": village.id}],
        "household_links": [{"member_id": member, "household_id": "h-api-1", "since": (AS_OF - dt.timedelta(days=1)).isoformat()}],
    }
    r = api_client.post("/v1/import", json=new, headers={"Authorization": "Bearer plan-token"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summaries"]["status"] == "stale" and body["summaries"]["metrics"] == ["household_linkage", "member_link_load"]
    assert body["total"] == 2
    assert graph.read("MATCH (:PartyMember {id: $m})-[:LINKS]->(h:Household {id: 'h-api-1'}) RETURN count(h) AS n", {"m": member})[0]["n"] == 1
    assert not fresh(graph)["household_linkage"]
    monkeypatch.undo()
    assert served(graph, "household_linkage") == live(graph, "household_linkage")
