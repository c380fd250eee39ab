"""What the two team metrics (``community_teams``, ``checkpoint_staffing``) share: the rule that a
place is covered by an actively deployed volunteer team with enough active members, its reason
and its reason codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText


def team_rule(item: str) -> str:
    """The rule for the place bound to ``item`` (a Cypher fragment with macros).

    >>> team_rule("cp").splitlines()[1].strip()
    'MATCH (cp)<-[dep:DEPLOYED_TO<<unvoided:dep>>]-(t:VolunteerTeam<<unvoided:t>>)'
    """
    return f"""EXISTS {{
    MATCH ({item})<-[dep:DEPLOYED_TO<<unvoided:dep>>]-(t:VolunteerTeam<<unvoided:t>>)
    WHERE <<active:dep>><<whatif: AND NOT t.id IN $unavailable_teams>>
      AND COUNT {{ MATCH (t)<-[o:ON_TEAM<<unvoided:o>>]-(m:PartyMember<<unvoided:m>>) WHERE <<active:o>><<whatif: AND NOT m.id IN $unavailable_members>> RETURN DISTINCT m }} >= $min_team_size
  }}"""


def team_deployed(item: str) -> str:
    """The teams actively deployed to ``item`` with their active members (the gap's details)."""
    return (
        f"COLLECT {{ MATCH ({item})<-[dep:DEPLOYED_TO<<unvoided:dep>>]-(t:VolunteerTeam<<unvoided:t>>) "
        "WHERE <<active:dep>><<whatif: AND NOT t.id IN $unavailable_teams>>\n"
        "               RETURN DISTINCT {team_id: t.id, active_members: COUNT { MATCH (t)<-[o:ON_TEAM<<unvoided:o>>]-(m:PartyMember<<unvoided:m>>) "
        "WHERE <<active:o>><<whatif: AND NOT m.id IN $unavailable_members>> RETURN DISTINCT m }} AS team }"
    )


def team_reason(what: str) -> Callable[[dict[str, Any]], str]:
    """The English reason of a gap at a ``what`` (community, checkpoint)."""

    def reason(d: dict[str, Any]) -> str:
        deployed = d.get("deployed") or []
        if not deployed:
            return f"No volunteer team is deployed to this {what} on the day."
        small = ", ".join(f"{t['team_id']} ({t['active_members']} active)" for t in deployed)
        return f"Deployed team(s) have fewer than {d['min_team_size']} active member(s): {small}."

    return reason


def team_reason_zh(what: str) -> ReasonText:
    """The Chinese reason of a gap at a ``what`` (社区, 卡口)."""
    return ReasonText(
        parts=(
            ("!deployed", f"当日没有志愿服务队派驻该{what}。"),
            ("deployed", "派驻的服务队在岗党员少于 {min_team_size} 人：{deployed|each:team}。"),
        ),
        items={"team": "{team_id}（{active_members} 人）"},
    )


def team_affected(target: str) -> str:
    """The what-if candidates of a team metric: the ``target`` items (a pattern binding ``item``)
    where the given teams, or teams the given members are active on, are deployed on the day."""
    return f"""\
CALL (d) {{
  UNWIND $teams AS team_id
  MATCH (t:VolunteerTeam {{id: team_id}})
  RETURN t
  UNION
  UNWIND $members AS member_id
  MATCH (:PartyMember {{id: member_id}})-[o:ON_TEAM]->(t:VolunteerTeam)
  WHERE <<active:o>>
  RETURN t
}}
MATCH (t)-[dep:DEPLOYED_TO]->{target}
WHERE <<active:dep>>
"""


TEAM_CATEGORY_PREDICATES = {"no_team": "size(coalesce(d.deployed, [])) = 0", "small_team": "size(coalesce(d.deployed, [])) > 0"}


def team_categories(d: dict[str, Any]) -> list[str]:
    """``small_team`` when a team is deployed but too small, else ``no_team``."""
    return ["small_team" if d.get("deployed") else "no_team"]


TEAM_TIMELINE = """\
  WITH COLLECT { MATCH (item)<-[dep:DEPLOYED_TO<<unvoided:dep>>]-(t:VolunteerTeam<<unvoided:t>>)
                 RETURN {since: dep.since, until: dep.until,
                         ons: COLLECT { MATCH (t)<-[o:ON_TEAM<<unvoided:o>>]-(m:PartyMember<<unvoided:m>>) RETURN {m: m.id, since: o.since, until: o.until} }} } AS deps
""" + timeline_steps(
    carry="deps",
    boundaries="reduce(acc = [date('0001-01-01')], b IN [x IN deps | x.since] + [x IN deps WHERE x.until IS NOT NULL | x.until + duration('P1D')]\n"
    "                    + reduce(a = [], x IN deps | a + [o IN x.ons | o.since] + [o IN x.ons WHERE o.until IS NOT NULL | o.until + duration('P1D')])\n"
    "                    | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END)",
    covered_on="any(x IN deps WHERE <<active:x@DAY>> AND size(reduce(acc = [], m IN [o IN x.ons WHERE <<active:o@DAY>> | o.m] "
    "| CASE WHEN m IN acc THEN acc ELSE acc + [m] END)) >= $min_team_size)",
)
"""The timeline's step function for the place bound to ``item``: the days on which whether an
active team with enough active members is deployed there changes."""

TEAM_CATEGORY_TEXTS = {
    "no_team": {"en": "no team deployed", "zh": "无服务队派驻"},
    "small_team": {"en": "team too small", "zh": "服务队人数不足"},
}
