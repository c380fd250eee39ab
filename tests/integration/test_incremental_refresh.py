"""Incremental summary refresh after a write (issue 12, "Coverage follows every write").

``refresh_after_write(..., region_ids=...)`` recomputes only the given regions and their ancestors;
what it stores must be exactly what a whole refresh stores, and it must keep the freshness
guarantees of a whole refresh (a write it did not see leaves the metric stale)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import summaries
from orgnet.coverage.policy import default_policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle, Household, HouseholdLink
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()
LINK_METRICS = ["household_linkage", "member_link_load"]


def stored(graph, metrics=None) -> dict[str, dict]:
    """Every stored summary (what readers use), by id, without the time it was computed."""
    rows = graph.read(
        "MATCH (s:CoverageSummary) WHERE $metrics IS NULL OR s.metric IN $metrics RETURN s.id AS id, s {.*, computed_at: null} AS s ORDER BY id",
        {"metrics": metrics},
    )
    return {r["id"]: r["s"] for r in rows}


def whole_refresh_result(graph, metrics) -> dict[str, dict]:
    summaries.refresh(graph, policy=POLICY, metrics=metrics)
    return stored(graph, metrics)


def fresh(graph) -> dict[str, bool]:
    return {m: s["fresh"] for m, s in summaries.summary_status(graph, policy=POLICY).items()}


@pytest.fixture
def scenario(empty_graph):
    bundle = random_bundle(33, size=2)
    load_bundle(empty_graph, bundle, batch_size=500)
    summaries.refresh(empty_graph, policy=POLICY)
    return empty_graph, bundle


def member_region(bundle, member_id: str) -> str:
    return next(m.region_id for m in bundle.party_members if m.id == member_id)


def test_a_new_link_recomputes_only_its_regions_and_ancestors_and_equals_a_whole_refresh(scenario):
    graph, bundle = scenario
    village = next(r for r in bundle.regions if r.level == "village")
    member = bundle.party_members[0]
    extra = Bundle(
        households=[Household(id="h-incr", name="新户", region_id=village.id)],
        household_links=[HouseholdLink(member_id=member.id, household_id="h-incr", since=AS_OF - dt.timedelta(days=3))],
    )
    load_bundle(graph, extra, batch_size=10, atomic=True, bookkeeping=[mark_stale_statement(LINK_METRICS)])
    assert not any(fresh(graph)[m] for m in LINK_METRICS)

    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=LINK_METRICS, region_ids=[village.id, member.region_id])

    assert out["status"] == "fresh" and out["incremental"] == LINK_METRICS
    assert 0 < out["regions"] < len(bundle.regions)  # not every region was recomputed
    assert all(fresh(graph).values())
    incremental = stored(graph, LINK_METRICS)
    assert incremental == whole_refresh_result(graph, LINK_METRICS)


def test_deleting_links_and_moving_a_household_equal_a_whole_refresh(scenario):
    graph, bundle = scenario
    villages = [r for r in bundle.regions if r.level == "village"]
    # end of a link: delete one LINKS relationship, as an orgnet write does (generation bumped in its transaction)
    link = bundle.household_links[0]
    home = next(h.region_id for h in bundle.households if h.id == link.household_id)
    graph.write_many(
        [
            ("MATCH (:PartyMember {id: $m})-[l:LINKS]->(:Household {id: $h}) DELETE l", {"m": link.member_id, "h": link.household_id}),
            mark_stale_statement(LINK_METRICS),
        ]
    )
    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=LINK_METRICS, region_ids=[home, member_region(bundle, link.member_id)])
    assert out["status"] == "fresh" and out["incremental"] == LINK_METRICS
    assert stored(graph, LINK_METRICS) == whole_refresh_result(graph, LINK_METRICS)

    # a household moves to another village (in another town when there is one): both villages are named
    household = next(h for h in bundle.households if any(link.household_id == h.id for link in bundle.household_links[1:]))
    target = next(v for v in villages if v.parent_id != next(r.parent_id for r in villages if r.id == household.region_id))
    moved = Bundle(households=[Household(id=household.id, name=household.name, region_id=target.id)])
    load_bundle(graph, moved, batch_size=10, atomic=True, bookkeeping=[mark_stale_statement(["household_linkage"])])
    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=["household_linkage"], region_ids=[household.region_id, target.id])
    assert out["status"] == "fresh" and out["incremental"] == ["household_linkage"]
    assert stored(graph, ["household_linkage"]) == whole_refresh_result(graph, ["household_linkage"])


def test_two_writes_before_the_refresh_recompute_the_whole_metric(scenario):
    """The second write's regions were not named: an incremental refresh would miss them."""
    graph, bundle = scenario
    villages = [r for r in bundle.regions if r.level == "village"]
    member = bundle.party_members[0]
    for k, village in enumerate(villages[:2]):
        load_bundle(
            graph,
            Bundle(
                households=[Household(id=f"h-two-{k}", name="户", region_id=village.id)],
                household_links=[HouseholdLink(member_id=member.id, household_id=f"h-two-{k}", since=AS_OF)],
            ),
            batch_size=10,
            atomic=True,
            bookkeeping=[mark_stale_statement(["household_linkage"])],
        )
    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=["household_linkage"], region_ids=[villages[0].id])
    assert out["status"] == "fresh" and out["incremental"] == []
    assert stored(graph, ["household_linkage"]) == whole_refresh_result(graph, ["household_linkage"])


def test_a_write_during_an_incremental_refresh_leaves_the_metric_stale(scenario, monkeypatch):
    graph, bundle = scenario
    village = next(r for r in bundle.regions if r.level == "village")
    member = bundle.party_members[0]

    def write(hid: str) -> None:
        load_bundle(
            graph,
            Bundle(
                households=[Household(id=hid, name="户", region_id=village.id)],
                household_links=[HouseholdLink(member_id=member.id, household_id=hid, since=AS_OF)],
            ),
            batch_size=10,
            atomic=True,
            bookkeeping=[mark_stale_statement(["household_linkage"])],
        )

    write("h-first")
    real = summaries._incremental_rows

    def rows_then_another_write(*args, **kwargs):
        rows = real(*args, **kwargs)
        write("h-meanwhile")  # committed after the generation was read, before the summaries are written
        return rows

    monkeypatch.setattr(summaries, "_incremental_rows", rows_then_another_write)
    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=["household_linkage"], region_ids=[village.id])
    assert out["status"] == "stale" and out["skipped_because_written_meanwhile"] == ["household_linkage"]
    assert not fresh(graph)["household_linkage"]
