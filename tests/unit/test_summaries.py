"""Step functions of the stored coverage summaries, without a database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import SECTION_METRICS, metrics_for_bundle
from orgnet.coverage.summary_rows import ORIGIN, step_function, summary_rows, value_on
from orgnet.coverage.summary_state import policy_fingerprint
from orgnet.graph.model import Bundle

DAYS = st.dates(min_value=dt.date(2019, 12, 1), max_value=dt.date(2020, 6, 30))


@given(events=st.lists(st.tuples(DAYS, st.integers(-3, 3)), max_size=30), day=DAYS)
def test_the_step_function_is_the_running_sum_of_the_events(events, day):
    days, covered = step_function(events)
    assert days == sorted(set(days))
    assert value_on(days, covered, day) == sum(delta for d, delta in events if d <= day)


def test_value_before_the_first_day_is_zero_and_zero_net_days_are_dropped():
    days, covered = step_function([(dt.date(2020, 2, 1), 2), (dt.date(2020, 2, 3), 1), (dt.date(2020, 2, 3), -1)])
    assert (days, covered) == ([dt.date(2020, 2, 1)], [2])
    assert value_on(days, covered, dt.date(2020, 1, 31)) == 0
    assert value_on(days, covered, dt.date(2020, 2, 1)) == 2
    assert value_on([], [], dt.date(2020, 2, 1)) == 0


def test_subtree_summaries_add_up_the_own_timelines_of_every_descendant():
    regions = [
        {"id": "C", "level": "city", "path_ids": ["C"], "city_id": "C", "county_id": None, "town_id": None},
        {"id": "K", "level": "county", "path_ids": ["C", "K"], "city_id": "C", "county_id": "K", "town_id": None},
        {"id": "V1", "level": "village", "path_ids": ["C", "K", "T", "V1"], "city_id": "C", "county_id": "K", "town_id": "T"},
        {"id": "V2", "level": "village", "path_ids": ["C", "K", "T", "V2"], "city_id": "C", "county_id": "K", "town_id": "T"},
        {"id": "T", "level": "town", "path_ids": ["C", "K", "T"], "city_id": "C", "county_id": "K", "town_id": "T"},
    ]
    feb1, feb9 = dt.date(2020, 2, 1), dt.date(2020, 2, 9)
    timelines = [
        {"region_id": "V1", "total": 3, "events": [{"day": ORIGIN, "delta": 1}, {"day": feb1, "delta": 2}]},
        {"region_id": "V2", "total": 2, "events": [{"day": feb1, "delta": 2}, {"day": feb9, "delta": -1}]},
        {"region_id": "T", "total": 1, "events": []},
        {"region_id": "K", "total": 0, "events": []},
        {"region_id": "C", "total": 0, "events": []},
    ]
    rows = {r["region_id"]: r for r in summary_rows("m", regions, timelines, "fp")}
    assert rows["V1"]["own_total"] == rows["V1"]["total"] == 3
    assert rows["T"]["own_total"] == 1 and rows["T"]["total"] == 6
    assert rows["C"]["total"] == 6 and rows["C"]["own_total"] == 0
    city = rows["C"]
    assert [value_on(city["days"], city["covered"], d) for d in (dt.date(2020, 1, 1), feb1, feb9)] == [1, 5, 4]
    assert rows["T"]["own_days"] == [] and rows["T"]["own_covered"] == []
    assert rows["V2"]["id"] == "m:V2" and rows["V2"]["policy"] == "fp"


def test_every_bundle_section_names_the_metrics_it_can_change():
    assert set(SECTION_METRICS) == set(Bundle.SECTIONS)
    names = {m.name for m in METRICS}
    assert all(set(ms) <= names for ms in SECTION_METRICS.values())
    # every metric is refreshed by some section, and new regions refresh all of them
    assert set().union(*map(set, SECTION_METRICS.values())) == names
    assert set(SECTION_METRICS["regions"]) == names


def test_an_import_refreshes_only_the_metrics_its_sections_touch():
    from orgnet.graph.model import Allocation

    bundle = Bundle(allocations=[Allocation(id="a1", fund="community_standard", amount=1, date=dt.date(2020, 2, 1), region_id="V")])
    assert metrics_for_bundle(bundle) == ["community_funding"]
    assert metrics_for_bundle(Bundle()) == []


def test_the_policy_fingerprint_follows_what_the_rules_read():
    p = default_policy()
    assert policy_fingerprint(p) == policy_fingerprint(default_policy())
    assert policy_fingerprint(p.with_changes({"teams": {"min_team_size": 3}})) != policy_fingerprint(p)
