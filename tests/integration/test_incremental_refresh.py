"""Incremental summary refresh after a write (issue 12, "Coverage follows every write").

``refresh_after_write(..., region_ids=...)`` recomputes only the given regions and their ancestors;
what it stores must be exactly what a whole refresh stores, and it must keep the freshness
guarantees of a whole refresh (a write it did not see leaves the metric stale)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import result_cache, summaries, summary_state
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
    return {m: s["fresh"] for m, s in summary_state.summary_status(graph, policy=POLICY).items()}


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
    real = summaries.incremental_rows

    def rows_then_another_write(*args, **kwargs):
        rows = real(*args, **kwargs)
        write("h-meanwhile")  # committed after the generation was read, before the summaries are written
        return rows

    monkeypatch.setattr(summaries, "incremental_rows", rows_then_another_write)
    out = summaries.refresh_after_write(graph, policy=POLICY, metrics=["household_linkage"], region_ids=[village.id])
    assert out["status"] == "stale" and out["skipped_because_written_meanwhile"] == ["household_linkage"]
    assert not fresh(graph)["household_linkage"]


# ----------------------------------------------------------------------------- per-record writes refresh in their own transaction


class CallLog:
    """The calls a write makes on a real graph, in order (the same driver and database: no fake)."""

    def __init__(self, graph) -> None:
        self.graph, self.calls = graph, []
        self.driver, self.database, self.health, self.timeout_s = graph.driver, graph.database, graph.health, graph.timeout_s

    def __getattr__(self, name):
        attr = getattr(self.graph, name)
        if name in ("read", "write", "write_many", "transact"):

            def logged(*args, **kwargs):
                self.calls.append(name)
                return attr(*args, **kwargs)

            return logged
        return attr


def coverage_by_day(graph, metric: str, days, source: str) -> list:
    from orgnet.coverage import service

    result_cache.forget()
    out = []
    for day in days:
        c = service.coverage(graph, metric=metric, region_id="S", as_of=day, policy=POLICY, source=source)
        out.append((day, c["covered"], c["total"], [(k["id"], k["covered"], k["total"]) for k in c["children"]]))
    return out


def test_per_record_writes_of_several_kinds_refresh_in_their_transaction_and_equal_a_whole_refresh(scenario):
    """A create, an end dated in the past, a void, a new household and a pairing: after each, the
    summaries stored equal a whole refresh, are fresh (population recorded with the write's own
    counts), and coverage on past days equals the live queries' (history is never rewritten)."""
    from orgnet.writes import workflow

    graph, bundle = scenario
    author = workflow.Author(path="api", account="test")
    village = next(r for r in bundle.regions if r.level == "village")
    member = bundle.party_members[0]
    household = next(h for h in bundle.households if not any(link.household_id == h.id for link in bundle.household_links))
    days = [AS_OF - dt.timedelta(days=40), AS_OF - dt.timedelta(days=10), AS_OF - dt.timedelta(days=2), AS_OF]
    since = (AS_OF - dt.timedelta(days=30)).isoformat()
    link_id = f"{member.id}~{household.id}~{since}"
    cadre = bundle.cadres[0]
    enterprise = bundle.enterprises[-1]
    writes = [
        (
            "household_links",
            lambda g: workflow.create_record(
                g, section="household_links", data={"member_id": member.id, "household_id": household.id, "since": since}, author=author, policy=POLICY
            ),
        ),
        (
            "household_links",
            lambda g: workflow.end_record(
                g, section="household_links", record_id=link_id, until=(AS_OF - dt.timedelta(days=10)).isoformat(), author=author, policy=POLICY
            ),
        ),
        (
            "household_links",
            lambda g: workflow.void_record(g, section="household_links", record_id=link_id, reason="entered by mistake", author=author, policy=POLICY),
        ),
        (
            "households",
            lambda g: workflow.create_record(
                g, section="households", data={"id": "h-new", "name": "新户", "region_id": village.id}, author=author, policy=POLICY
            ),
        ),
        (
            "pairings",
            lambda g: workflow.create_record(
                g, section="pairings", data={"cadre_id": cadre.id, "enterprise_id": enterprise.id, "since": since}, author=author, policy=POLICY
            ),
        ),
    ]
    for section, write in writes:
        log = CallLog(graph)
        result = write(log)
        metrics = list(summaries.SECTION_METRICS[section])
        report = result.body["summaries"]
        assert report["status"] == "fresh" and report["incremental"] == metrics, (section, report)
        assert log.calls[-1] == "transact", (section, log.calls)  # nothing left to refresh after the commit
        assert all(s["fresh"] and not s["changed_outside_orgnet"] for s in summary_state.summary_status(graph, policy=POLICY).values())
        incremental = stored(graph, metrics)
        by_day = {m: coverage_by_day(graph, m, days, "summary") for m in metrics}
        assert by_day == {m: coverage_by_day(graph, m, days, "live") for m in metrics}, section
        assert incremental == whole_refresh_result(graph, metrics), section


def test_a_write_after_summaries_went_stale_refreshes_the_whole_metric_after_its_commit(scenario):
    """The summaries were not exact before the write (an import left them stale): the write cannot
    derive them, so they are recomputed whole after the commit, and end fresh and equal."""
    from orgnet.writes import workflow

    graph, bundle = scenario
    graph.write(*mark_stale_statement(["household_linkage"]))
    member = bundle.party_members[0]
    household = bundle.households[0]
    result = workflow.create_record(
        graph,
        section="household_links",
        data={"member_id": member.id, "household_id": household.id, "since": "2020-01-05"},
        author=workflow.Author(path="api"),
        policy=POLICY,
    )
    report = result.body["summaries"]
    assert report["status"] == "fresh" and report["incremental"] == ["member_link_load"]
    assert all(fresh(graph).values())
    assert stored(graph, LINK_METRICS) == whole_refresh_result(graph, LINK_METRICS)


def test_a_whole_refresh_overtaken_by_a_refreshing_write_leaves_the_metric_stale(scenario, monkeypatch):
    """A whole refresh read its data before a write that refreshed its regions in its own
    transaction, and writes its (older) summaries after it: they must not be taken as fresh."""
    from orgnet.writes import workflow

    graph, bundle = scenario
    member = bundle.party_members[0]
    household = bundle.households[0]
    real = summaries.summary_rows

    def rows_then_a_write(*args, **kwargs):
        rows = real(*args, **kwargs)
        if not getattr(rows_then_a_write, "done", False):
            rows_then_a_write.done = True
            workflow.create_record(
                graph,
                section="household_links",
                data={"member_id": member.id, "household_id": household.id, "since": "2020-01-06"},
                author=workflow.Author(path="api"),
                policy=POLICY,
            )
        return rows

    monkeypatch.setattr(summaries, "summary_rows", rows_then_a_write)
    report = summaries.refresh(graph, policy=POLICY, metrics=["household_linkage"])
    assert report.skipped_because_written_meanwhile == ["household_linkage"]
    assert not fresh(graph)["household_linkage"]
    monkeypatch.undo()
    assert whole_refresh_result(graph, ["household_linkage"]) and fresh(graph)["household_linkage"]


def test_voiding_a_member_recomputes_the_households_it_linked_in_other_villages(scenario):
    """A member's void changes the linkage of households in other villages than the member's own
    (a household it alone linked is no longer covered): every summary still fresh after the write
    must equal a whole refresh.  Before, the void marked household_linkage fresh and unchanged, and
    refreshed only the member's own region."""
    from orgnet.writes import workflow

    graph, bundle = scenario
    homes = {h.id: h.region_id for h in bundle.households}
    links_of = {h: [k for k in bundle.household_links if k.household_id == h] for h in homes}
    link = next(k for k in bundle.household_links if len(links_of[k.household_id]) == 1 and homes[k.household_id] != member_region(bundle, k.member_id))
    result = workflow.void_record(
        graph, section="party_members", record_id=link.member_id, reason="entered twice", author=workflow.Author(path="api"), policy=POLICY
    )
    assert result.body["summaries"]["status"] == "fresh"
    assert all(fresh(graph).values())
    assert stored(graph) == whole_refresh_result(graph, None)
