"""Named find / check pairs per metric (``unlinked_households`` / ``is_household_linked``, ...):
aliases of :func:`orgnet.coverage.gaps.gaps` and :func:`orgnet.coverage.gaps.is_covered` that only
the tests use (they read as the design's vocabulary)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from orgnet.coverage.gaps import DEFAULT_GAP_LIMIT, gaps, is_covered
from orgnet.coverage.policy import Policy
from orgnet.graph.db import Graph


def _find(metric: str):
    def find(
        graph: Graph,
        *,
        region_id: str | None = None,
        as_of: dt.date | None = None,
        policy: Policy,
        limit: int = DEFAULT_GAP_LIMIT,
        cursor: str | None = None,
        personal: bool = False,
    ) -> dict[str, Any]:
        return gaps(graph, metric=metric, region_id=region_id, as_of=as_of, policy=policy, limit=limit, cursor=cursor, personal=personal)

    find.__doc__ = f"One page of uncovered items of ``{metric}`` under the region (see :func:`gaps`)."
    return find


def _check(metric: str):
    def check(graph: Graph, *, item_id: str, as_of: dt.date | None = None, policy: Policy) -> bool:
        return is_covered(graph, metric=metric, item_id=item_id, as_of=as_of, policy=policy)

    check.__doc__ = f"Whether one item is covered for ``{metric}`` (see :func:`is_covered`)."
    return check


uncovered_enterprises = _find("enterprise_pairing")
is_enterprise_covered = _check("enterprise_pairing")
overloaded_cadres = _find("cadre_load")
is_cadre_within_load = _check("cadre_load")
villages_without_party_org = _find("party_org_presence")
has_party_org = _check("party_org_presence")
unlinked_households = _find("household_linkage")
is_household_linked = _check("household_linkage")
members_off_link_target = _find("member_link_load")
is_member_on_link_target = _check("member_link_load")
central_households_off_target = _find("central_household_size")
is_central_household_on_target = _check("central_household_size")
communities_without_team = _find("community_teams")
has_community_team = _check("community_teams")
unstaffed_checkpoints = _find("checkpoint_staffing")
is_checkpoint_staffed = _check("checkpoint_staffing")
unsupported_medical_families = _find("medical_family_support")
is_medical_family_supported = _check("medical_family_support")
underfunded_communities = _find("community_funding")
is_community_funded = _check("community_funding")
unrecognised_frontline_people = _find("frontline_recognition")
is_frontline_service_recognised = _check("frontline_recognition")
unbacked_promotions = _find("record_backed_promotion")
is_promotion_record_backed = _check("record_backed_promotion")
overdue_party_applications = _find("application_followup")
is_application_followed_up = _check("application_followup")
uncared_duty_death_families = _find("duty_death_family_care")
is_duty_death_family_cared_for = _check("duty_death_family_care")
unvisited_paired_enterprises = _find("pairing_visits")
is_pairing_visited = _check("pairing_visits")

FIND_CHECK: dict[str, tuple[str, str]] = {
    "enterprise_pairing": ("uncovered_enterprises", "is_enterprise_covered"),
    "cadre_load": ("overloaded_cadres", "is_cadre_within_load"),
    "party_org_presence": ("villages_without_party_org", "has_party_org"),
    "household_linkage": ("unlinked_households", "is_household_linked"),
    "member_link_load": ("members_off_link_target", "is_member_on_link_target"),
    "central_household_size": ("central_households_off_target", "is_central_household_on_target"),
    "community_teams": ("communities_without_team", "has_community_team"),
    "checkpoint_staffing": ("unstaffed_checkpoints", "is_checkpoint_staffed"),
    "medical_family_support": ("unsupported_medical_families", "is_medical_family_supported"),
    "community_funding": ("underfunded_communities", "is_community_funded"),
    "frontline_recognition": ("unrecognised_frontline_people", "is_frontline_service_recognised"),
    "record_backed_promotion": ("unbacked_promotions", "is_promotion_record_backed"),
    "application_followup": ("overdue_party_applications", "is_application_followed_up"),
    "duty_death_family_care": ("uncared_duty_death_families", "is_duty_death_family_cared_for"),
    "pairing_visits": ("unvisited_paired_enterprises", "is_pairing_visited"),
}
