"""Metric definitions, reasons, cursors and the find/check pairs (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import cursor
from orgnet.coverage.metrics import METRICS, get_metric
from orgnet.errors import InvalidInput, NotFound
from tests import find_check


def test_every_metric_of_the_design_is_defined():
    assert [m.name for m in METRICS] == [
        "enterprise_pairing",
        "cadre_load",
        "party_org_presence",
        "household_linkage",
        "member_link_load",
        "central_household_size",
        "community_teams",
        "checkpoint_staffing",
        "medical_family_support",
        "community_funding",
        # issue 13: the article's incentives
        "frontline_recognition",
        "record_backed_promotion",
        "application_followup",
        "duty_death_family_care",
        # issue 26: visits from the field app
        "pairing_visits",
    ]
    assert {m.name for m in METRICS if m.personal} == {
        "cadre_load",
        "household_linkage",
        "member_link_load",
        "medical_family_support",
        # who served, was promoted, applied or died is about a person
        "frontline_recognition",
        "record_backed_promotion",
        "application_followup",
        "duty_death_family_care",
    }
    with pytest.raises(NotFound):
        get_metric("x")


def test_every_find_has_a_check():
    for m in METRICS:
        find, check = find_check.FIND_CHECK[m.name]
        assert callable(getattr(find_check, find)) and callable(getattr(find_check, check))


@pytest.mark.parametrize(
    ("metric", "details", "reason"),
    [
        (
            "enterprise_pairing",
            {"missing_levels": ["county", "town"], "outside_jurisdiction": []},
            "No active county-level and town-level cadre pairing within jurisdiction.",
        ),
        ("cadre_load", {"level": "town", "active_pairings": 11, "maximum": 10}, "11 active pairings, above the town-level maximum of 10."),
        ("party_org_presence", {"kind": "community"}, "No party organisation is located in this community."),
        ("member_link_load", {"active_links": 11, "target": 10}, "Links 11 household(s) actively, more than the target of exactly 10."),
        ("central_household_size", {"members": 9, "target": 10}, "Has 9 member(s); the target is exactly 10."),
        ("community_teams", {"deployed": [], "min_team_size": 1}, "No volunteer team is deployed to this community on the day."),
        (
            "checkpoint_staffing",
            {"deployed": [{"team_id": "t", "active_members": 0}], "min_team_size": 1},
            "Deployed team(s) have fewer than 1 active member(s): t (0 active).",
        ),
        (
            "medical_family_support",
            {"batch": 2, "destination": "黄石", "last_support_ended": "2020-03-30"},
            "No active family support contact (batch 2, 黄石); the last one ended on 2020-03-30.",
        ),
        ("community_funding", {"allocated": 49999.0, "standard": 50000.0}, "Allocated 49,999.00 CNY, below the standard of 50,000.00 CNY (short by 1.00)."),
    ],
)
def test_reasons_are_readable(metric, details, reason):
    assert get_metric(metric).reason(details) == reason


def test_cursors_are_opaque_and_bound_to_their_listing():
    day = dt.date(2020, 3, 31)
    c = cursor.encode_cursor(metric="cadre_load", region_id="R", as_of=day, after="x")
    assert "cadre_load" not in c and cursor.decode_cursor(c, metric="cadre_load", region_id="R", as_of=day) == "x"
    for bad in ("", "!!!", "bm90IGpzb24", c[:-3]):
        with pytest.raises(InvalidInput):
            cursor.decode_cursor(bad, metric="cadre_load", region_id="R", as_of=day)
    with pytest.raises(InvalidInput, match="another listing"):
        cursor.decode_cursor(c, metric="cadre_load", region_id="S", as_of=day)
