"""The read path's cost in round trips (load-independent), and the results it reuses.

Issue 10 follow-up: a scorecard asked Neo4j for each metric's summary state in a round trip of its
own (ten per scorecard), and every request repeated all its queries although the summaries had not
changed.  Results are now reused only while the summaries they come from are unchanged: never a
number from before a write or a refresh."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import gaps as gap_pages
from orgnet.coverage import result_cache, service, summaries
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle, Household, HouseholdLink
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()


class CountingGraph:
    """Counts the round trips of a real graph (the same driver and database: no fake)."""

    def __init__(self, graph) -> None:
        self.graph, self.reads = graph, 0
        self.driver, self.database, self.health = graph.driver, graph.database, graph.health

    def read(self, query, params=None, **kwargs):
        self.reads += 1
        return self.graph.read(query, params, **kwargs)

    def __getattr__(self, name):
        return getattr(self.graph, name)


@pytest.fixture
def scenario(empty_graph):
    result_cache.forget()
    bundle = random_bundle(44, size=2)
    load_bundle(empty_graph, bundle, batch_size=500)
    summaries.refresh(empty_graph, policy=POLICY)
    return empty_graph, bundle


def test_a_scorecard_reads_the_summary_state_once_not_once_per_metric(scenario):
    graph, bundle = scenario
    counting = CountingGraph(graph)
    service.scorecard(counting, region_id="S", as_of=AS_OF, policy=POLICY)
    # one round trip for every metric's state, one for the region, one rollup per metric
    assert counting.reads == 1 + 1 + len(METRICS)


def test_an_unchanged_request_is_answered_without_a_round_trip(scenario, monkeypatch):
    """Issue 22: the summaries' state is kept by the process until a write is signalled (or
    READ_RECHECK_S passes: the clock is held still, a loaded machine may take longer than that
    between two calls), so an unchanged request no longer asks Neo4j anything."""
    monkeypatch.setattr(result_cache, "clock", lambda: 1000.0)
    graph, _ = scenario
    first = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    counting = CountingGraph(graph)
    again = service.coverage(counting, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    assert again == first and counting.reads == 0
    again["covered"] = -1  # a caller changing what it got does not change what the next one gets
    assert service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY) == first


def test_a_reused_result_never_outlives_a_write_or_a_refresh(scenario):
    graph, bundle = scenario
    village = next(r for r in bundle.regions if r.level == "village")
    member = bundle.party_members[0]
    day = AS_OF
    before = service.coverage(graph, metric="household_linkage", region_id="S", as_of=day, policy=POLICY)
    gaps_before = service.gaps(graph, metric="household_linkage", region_id="S", as_of=day, policy=POLICY, limit=500)
    card_before = service.scorecard(graph, region_id="S", as_of=day, policy=POLICY)

    extra = Bundle(
        households=[Household(id="h-read", name="新户", region_id=village.id)],
        household_links=[HouseholdLink(member_id=member.id, household_id="h-read", since=day - dt.timedelta(days=3))],
    )
    load_bundle(graph, extra, batch_size=10, atomic=True, bookkeeping=[mark_stale_statement(["household_linkage", "member_link_load"])])
    # stale now: the live query answers, not the result kept from before the write
    after = service.coverage(graph, metric="household_linkage", region_id="S", as_of=day, policy=POLICY)
    assert (after["covered"], after["total"]) == (before["covered"] + 1, before["total"] + 1)
    unlinked = service.gaps(graph, metric="household_linkage", region_id="S", as_of=day - dt.timedelta(days=4), policy=POLICY, limit=500)
    assert "h-read" in [i["id"] for i in unlinked["items"]]

    summaries.refresh_after_write(graph, policy=POLICY, metrics=["household_linkage", "member_link_load"], region_ids=[village.id, member.region_id])
    fresh_again = service.coverage(graph, metric="household_linkage", region_id="S", as_of=day, policy=POLICY)
    assert (fresh_again["covered"], fresh_again["total"]) == (after["covered"], after["total"])
    card = {x["metric"]: x for x in service.scorecard(graph, region_id="S", as_of=day, policy=POLICY)["metrics"]}
    old = {x["metric"]: x for x in card_before["metrics"]}
    assert card["household_linkage"]["total"] == old["household_linkage"]["total"] + 1
    assert service.gaps(graph, metric="household_linkage", region_id="S", as_of=day, policy=POLICY, limit=500)["total"] == gaps_before["total"]


def test_a_change_outside_orgnet_is_not_hidden_by_a_reused_result(scenario):
    graph, _ = scenario
    before = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    # every link of five households linked on the day: the earliest links alone may end before it
    graph.write(
        "MATCH (h:Household)<-[l:LINKS]-() WHERE l.since <= $day AND (l.until IS NULL OR l.until >= $day) "
        "WITH DISTINCT h ORDER BY h.id LIMIT 5 MATCH (h)<-[l:LINKS]-() DELETE l",
        {"day": AS_OF},
    )
    after = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    live = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="live")
    assert after == live and after["covered"] < before["covered"]


def test_a_change_nobody_signalled_is_seen_within_the_recheck_interval(scenario, monkeypatch):
    """A write that does not go through orgnet (a driver of its own: Neo4j Browser, another host)
    bumps no signal: the number kept may be served until READ_RECHECK_S has passed, never after."""
    import neo4j

    graph, _ = scenario
    now = [1000.0]
    monkeypatch.setattr(result_cache, "clock", lambda: now[0])
    before = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    with graph.driver.session(database=graph.database) as session:  # not through Graph: no signal
        session.run(
            "MATCH (h:Household)<-[l:LINKS]-() WHERE l.since <= $day AND (l.until IS NULL OR l.until >= $day) "
            "WITH DISTINCT h ORDER BY h.id LIMIT 5 MATCH (h)<-[l:LINKS]-() DELETE l",
            {"day": neo4j.time.Date.from_native(AS_OF)},
        ).consume()
    assert service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY) == before  # within the interval
    now[0] += result_cache.RECHECK_S
    after = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    live = service.coverage(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="live")
    assert after == live and after["covered"] < before["covered"]


def test_sparse_gaps_are_found_through_their_regions_not_by_walking_every_item(scenario):
    """At city scale 17 of 1,500 enterprises lacked a pairing: the walk read every enterprise with the
    status query (88k db hits per page) where the regions holding the gaps hold a few items."""
    graph, bundle = scenario
    holding_gaps = service.gap_regions(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)[0]
    village = next(r for r in bundle.regions if r.level == "village" and r.id not in holding_gaps)  # 400 covered households go there
    member = bundle.party_members[0]
    linked = Bundle(
        households=[Household(id=f"h-lk-{k:04d}", name="户", region_id=village.id) for k in range(400)],
        household_links=[HouseholdLink(member_id=member.id, household_id=f"h-lk-{k:04d}", since=AS_OF - dt.timedelta(days=400)) for k in range(400)],
    )
    load_bundle(graph, linked, batch_size=500, atomic=True, bookkeeping=[mark_stale_statement(["household_linkage", "member_link_load"])])
    summaries.refresh(graph, policy=POLICY, metrics=["household_linkage", "member_link_load"])
    found = service.gap_regions(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    assert found is not None
    _, uncovered, items = found
    population = graph.read("MATCH (n:Household) RETURN count(n) AS n")[0]["n"]
    expected_walk = 2 * population / uncovered  # items the walk reads for a page of one
    assert 0 < uncovered and items < expected_walk  # sparse gaps in a few small regions

    walked = []
    real = gap_pages.walk_page

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        walked.append(result is not None)
        return result

    gap_pages.walk_page = spy  # where gaps() looks it up
    try:
        page = service.gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, limit=1)
    finally:
        gap_pages.walk_page = real
    assert walked == [False]
    by_walk = service.gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, limit=1, walk=True)
    assert page["items"] == by_walk["items"] and page["total"] == by_walk["total"] == uncovered
