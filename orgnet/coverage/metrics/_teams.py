"""What the two team metrics (``community_teams``, ``checkpoint_staffing``) share: the rule that a
place is covered by an actively deployed volunteer team with enough active members, its reason
and its reason codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


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


def team_reason(what: str) -> Callable[[dict[str, Any]], str]:
    """The English reason of a gap at a ``what`` (community, checkpoint)."""

    def reason(d: dict[str, Any]) -> str:
        deployed = d.get("deployed") or []
        if not deployed:
            return f"No volunteer team is deployed to this {what} on the day."
        small = ", ".join(f"{t['team_id']} ({t['active_members']} active)" for t in deployed)
        return f"Deployed team(s) have fewer than {d['min_team_size']} active member(s): {small}."

    return reason


def team_categories(d: dict[str, Any]) -> list[str]:
    """``small_team`` when a team is deployed but too small, else ``no_team``."""
    return ["small_team" if d.get("deployed") else "no_team"]


TEAM_CATEGORY_TEXTS = {
    "no_team": {"en": "no team deployed", "zh": "无服务队派驻"},
    "small_team": {"en": "team too small", "zh": "服务队人数不足"},
}
