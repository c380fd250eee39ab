"""The stored coverage summaries stay exactly the live results, or are not used.

Freshness is what these tests pin down: a write marks the summaries it can change stale (readers
fall back to the live queries at once), a refresh makes them fresh again, a refresh that a write
overtook leaves them stale, and summaries computed under another policy are never read."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import service, summaries, summary_state
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.errors import SummariesUnavailable
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle, Household, HouseholdLink
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()
DAYS = [AS_OF - dt.timedelta(days=60), AS_OF - dt.timedelta(days=1), AS_OF, AS_OF + dt.timedelta(days=30)]


def fresh(graph, policy=POLICY) -> dict[str, bool]:
    return {m: s["fresh"] for m, s in summary_state.summary_status(graph, policy=policy).items()}


def same_everywhere(graph, bundle) -> None:
    for m in METRICS:
        for day in DAYS:
            for region in bundle.regions:
                got = service.rollup(graph, metric=m.name, region_id=region.id, as_of=day, policy=POLICY, source="summary")
                want = service.rollup(graph, metric=m.name, region_id=region.id, as_of=day, policy=POLICY, source="live")
                assert got == want, (m.name, region.id, day)


@pytest.fixture
def scenario(empty_graph):
    bundle = random_bundle(21, size=2)
    load_bundle(empty_graph, bundle, batch_size=200)
    return empty_graph, bundle


def test_a_load_leaves_no_usable_summaries_and_a_refresh_makes_them_fresh(scenario):
    graph, bundle = scenario
    assert not any(fresh(graph).values())
    with pytest.raises(SummariesUnavailable):
        service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="summary")
    report = summaries.refresh(graph, policy=POLICY)
    assert report.metrics == [m.name for m in METRICS] and report.regions == len(bundle.regions)
    assert all(fresh(graph).values())
    same_everywhere(graph, bundle)


def test_a_write_marks_only_what_it_can_change_and_auto_falls_back_to_live(scenario):
    graph, bundle = scenario
    summaries.refresh(graph, policy=POLICY)
    village = next(r for r in bundle.regions if r.level == "village")
    before = service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)[0]
    member = bundle.party_members[0].id
    extra = Bundle(
        households=[Household(id="h-new", name="新户", region_id=village.id)],
        household_links=[HouseholdLink(member_id=member, household_id="h-new", since=AS_OF - dt.timedelta(days=3))],
    )
    metrics = summaries.metrics_for_bundle(extra)
    assert metrics == ["household_linkage", "member_link_load"]
    load_bundle(graph, extra, batch_size=10, atomic=True, bookkeeping=[mark_stale_statement(metrics)])

    state = fresh(graph)
    assert {m for m, ok in state.items() if not ok} == set(metrics)
    # readers see the new household and its link at once: auto runs the live query while the summaries are stale
    after = service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)[0]
    assert (after["covered"], after["total"]) == (before["covered"] + 1, before["total"] + 1)
    gone = service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF - dt.timedelta(days=4), policy=POLICY)[0]
    assert "h-new" in [g["id"] for g in service.all_gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF - dt.timedelta(days=4), policy=POLICY)]
    assert gone["total"] == after["total"]
    with pytest.raises(SummariesUnavailable):
        service.gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="summary")

    summaries.refresh(graph, policy=POLICY, metrics=metrics)
    assert all(fresh(graph).values())
    assert service.rollup(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="summary")[0] == after
    same_everywhere(graph, bundle)


def test_a_refresh_overtaken_by_a_write_stays_stale(scenario, monkeypatch):
    graph, bundle = scenario
    real = summaries._timelines
    village = next(r for r in bundle.regions if r.level == "village")

    def timelines_then_a_write(*args, **kwargs):
        rows = real(*args, **kwargs)
        # another writer loads something while this refresh is computing (a write that writes
        # nothing commits no transaction, so it need not mark anything)
        load_bundle(
            graph,
            Bundle(households=[Household(id="h-meanwhile", name="户", region_id=village.id)]),
            batch_size=10,
            bookkeeping=[mark_stale_statement(["household_linkage"])],
        )
        return rows

    monkeypatch.setattr(summaries, "_timelines", timelines_then_a_write)
    report = summaries.refresh(graph, policy=POLICY, metrics=["household_linkage"])
    assert report.skipped_because_written_meanwhile == ["household_linkage"]
    assert fresh(graph)["household_linkage"] is False
    monkeypatch.setattr(summaries, "_timelines", real)
    summaries.refresh(graph, policy=POLICY, metrics=["household_linkage"])
    assert fresh(graph)["household_linkage"] is True


def test_summaries_of_another_policy_are_never_read(scenario):
    graph, bundle = scenario
    summaries.refresh(graph, policy=POLICY)
    other = POLICY.with_changes({"member_link_load": {"target_households": 9}, "teams": {"min_team_size": 3}})
    assert not any(fresh(graph, other).values())
    for m in ("member_link_load", "community_teams"):
        with pytest.raises(SummariesUnavailable):
            service.rollup(graph, metric=m, region_id="S", as_of=AS_OF, policy=other, source="summary")
        auto = service.rollup(graph, metric=m, region_id="S", as_of=AS_OF, policy=other)
        assert auto == service.rollup(graph, metric=m, region_id="S", as_of=AS_OF, policy=other, source="live")
    summaries.refresh(graph, policy=other)
    assert all(fresh(graph, other).values()) and not any(fresh(graph).values())


def test_the_api_import_refreshes_the_summaries_it_touches(scenario, api_client, settings, monkeypatch):
    graph, bundle = scenario
    summaries.refresh(graph, policy=POLICY)
    monkeypatch.setattr(settings, "api_tokens", "plan-token:planner")
    town = next(r for r in bundle.regions if r.level == "town")
    params = {"region": town.id, "as_of": AS_OF.isoformat()}
    before = api_client.get("/v1/coverage/party_org_presence", params=params).json()
    new = {
        "format": "orgnet-bundle/1",
        "regions": [{"id": f"{town.id}-new", "name": "新建社区居委会", "level": "village", "kind": "community", "parent_id": town.id}],
        "party_orgs": [{"id": "po-summary-test", "name": "新建社区党支部", "kind": "branch", "region_id": f"{town.id}-new"}],
    }
    r = api_client.post("/v1/import", json=new, headers={"Authorization": "Bearer plan-token"})
    assert r.status_code == 200, r.text
    assert r.json()["summaries"]["metrics"] == [m.name for m in METRICS]  # a new region changes every metric
    assert all(fresh(graph).values())
    after = api_client.get("/v1/coverage/party_org_presence", params=params).json()
    assert (after["covered"], after["total"]) == (before["covered"] + 1, before["total"] + 1)
    assert after == service.coverage(graph, metric="party_org_presence", region_id=town.id, as_of=AS_OF, policy=POLICY, source="live")


def test_an_import_of_new_records_refreshes_only_the_regions_it_reaches(scenario):
    """New items and assignments: the refresh after the import covers their regions and ancestors
    (incremental); a record already stored, changed in place, reaches further: whole metrics."""
    from orgnet.graph.validate import parse_bundle
    from orgnet.writes import workflow

    graph, bundle = scenario
    summaries.refresh(graph, policy=POLICY)
    household = bundle.households[0]
    member = {"id": "m-reach", "name": "新党员", "org_id": bundle.party_members[0].org_id, "region_id": household.region_id, "rural": True}
    link = {"member_id": "m-reach", "household_id": household.id, "since": (AS_OF - dt.timedelta(days=5)).isoformat()}
    author = workflow.Author(path="import")
    new = parse_bundle({"format": "orgnet-bundle/1", "party_members": [member], "household_links": [link]})
    out = workflow.import_bundle(graph, new, author=author, policy=POLICY, batch_size=100)
    assert out.body["summaries"]["metrics"] and out.body["summaries"]["incremental"] == out.body["summaries"]["metrics"]
    assert all(fresh(graph).values())
    same_everywhere(graph, bundle)
    renamed = parse_bundle({"format": "orgnet-bundle/1", "party_members": [{**member, "rural": False}]})
    out = workflow.import_bundle(graph, renamed, author=author, policy=POLICY, batch_size=100)
    assert out.body["summaries"]["metrics"] and out.body["summaries"]["incremental"] == []
    assert all(fresh(graph).values())
    same_everywhere(graph, bundle)
