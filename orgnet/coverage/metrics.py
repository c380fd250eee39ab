"""The coverage metrics of DESIGN.md §3: population, rule, and the reason given for a gap.

Each metric runs three library queries (``orgnet/queries``): ``coverage/<metric>`` (the rollup),
``gaps/<metric>`` (uncovered items, paged by id) and ``status/<metric>`` (check given items).
The reason of a gap is written here, in English, from the ``details`` the query returns;
the networkx reference (:mod:`orgnet.coverage.reference`) produces the same details.

>>> [m.name for m in METRICS][:3]
['enterprise_pairing', 'cadre_load', 'party_org_presence']
>>> get_metric("household_linkage").reason({"active_links": 0, "last_link_ended": "2020-03-30"})
'No party member links this household on the day (the last link ended on 2020-03-30).'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from orgnet.errors import NotFound
from orgnet.graph.model import PERSONAL_LABELS


def _levels(levels: list[str]) -> str:
    names = [f"{lvl}-level" for lvl in levels]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _enterprise_reason(d: dict[str, Any]) -> str:
    parts = []
    if d.get("missing_levels"):
        parts.append(f"No active {_levels(d['missing_levels'])} cadre pairing within jurisdiction")
    outside = d.get("outside_jurisdiction") or []
    if outside:
        who = ", ".join(f"{o['cadre_id']} ({o['level']})" for o in outside)
        parts.append(f"paired with cadre(s) serving outside a region that contains the enterprise: {who}")
    text = "; ".join(parts) or "Not covered"
    return text[0].upper() + text[1:] + "."


def _cadre_reason(d: dict[str, Any]) -> str:
    return (
        f"{d['active_pairings']} active pairings, above the {d['level']}-level maximum of {d['maximum']}."
        if d.get("maximum") is not None
        else f"{d['active_pairings']} active pairings; the policy sets no maximum for level {d.get('level')}."
    )


def _org_reason(d: dict[str, Any]) -> str:
    return f"No party organisation is located in this {'community' if d.get('kind') == 'community' else 'village'}."


def _household_reason(d: dict[str, Any]) -> str:
    base = "No party member links this household on the day"
    if d.get("active_links"):
        return f"{d['active_links']} active link(s)."
    ended = d.get("last_link_ended")
    return base + (f" (the last link ended on {ended})." if ended else ".")


def _member_reason(d: dict[str, Any]) -> str:
    n, target = d["active_links"], d["target"]
    how = "fewer" if n < target else "more"
    return f"Links {n} household(s) actively, {how} than the target of exactly {target}."


def _central_reason(d: dict[str, Any]) -> str:
    n, target = d["members"], d["target"]
    return f"Has {n} member(s); the target is exactly {target}."


def _team_reason(what: str) -> Callable[[dict[str, Any]], str]:
    def reason(d: dict[str, Any]) -> str:
        deployed = d.get("deployed") or []
        if not deployed:
            return f"No volunteer team is deployed to this {what} on the day."
        small = ", ".join(f"{t['team_id']} ({t['active_members']} active)" for t in deployed)
        return (
            f"Deployed team(s) have fewer than {d['min_team_size']} active member(s): {small}."
        )

    return reason


def _medical_reason(d: dict[str, Any]) -> str:
    ended = d.get("last_support_ended")
    base = f"No active family support contact (batch {d.get('batch')}, {d.get('destination')})"
    return base + (f"; the last one ended on {ended}." if ended else ".")


def _funding_reason(d: dict[str, Any]) -> str:
    return (
        f"Allocated {d['allocated']:,.2f} CNY, below the standard of {d['standard']:,.2f} CNY "
        f"(short by {d['standard'] - d['allocated']:,.2f})."
    )


@dataclass(frozen=True)
class Metric:
    """One coverage metric.

    Attributes
    ----------
    name
        Stable identifier used in URLs and query file names.
    title_en, title_zh, description
        For people.
    population
        What should be covered, in words.
    label
        Node label of the items (``Village`` for village-level units and communities).
    dated
        Whether coverage depends on the day (``as_of``).
    reason
        English reason of a gap, from the gap's ``details``.
    """

    name: str
    title_en: str
    title_zh: str
    description: str
    population: str
    label: str
    dated: bool
    reason: Callable[[dict[str, Any]], str]

    @property
    def personal(self) -> bool:
        """Whether item names are personal data (hidden from viewers)."""
        return self.label in PERSONAL_LABELS

    @property
    def rollup_query(self) -> str:
        return f"coverage/{self.name}"

    @property
    def gaps_query(self) -> str:
        return f"gaps/{self.name}"

    @property
    def status_query(self) -> str:
        return f"status/{self.name}"

    def info(self) -> dict[str, Any]:
        return {
            "metric": self.name,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "description": self.description,
            "population": self.population,
            "label": self.label,
            "depends_on_date": self.dated,
            "queries": [self.rollup_query, self.gaps_query, self.status_query],
        }


METRICS: tuple[Metric, ...] = (
    Metric(
        "enterprise_pairing",
        "Enterprise pairing",
        "企业包挂",
        "Paired with an active cadre at every level the policy requires for the enterprise's kind "
        "(city-owned: city, county, town; non-public: county, town; talent: city, town), each cadre "
        "serving in a region that contains the enterprise.",
        "Enterprises (city-owned, non-public, talent)",
        "Enterprise",
        True,
        _enterprise_reason,
    ),
    Metric(
        "cadre_load",
        "Cadre load",
        "干部包挂负荷",
        "Active pairings at most the policy maximum for the cadre's level (city 5, county 8, town 10, village 6).",
        "Cadres at the four levels, counted where they serve",
        "Cadre",
        True,
        _cadre_reason,
    ),
    Metric(
        "party_org_presence",
        "Party organisation presence",
        "基层党组织覆盖",
        "At least one party organisation located in the village or community.",
        "Villages and communities (all village-level units)",
        "Village",
        False,
        _org_reason,
    ),
    Metric(
        "household_linkage",
        "Household linkage (10×10)",
        "党员联户覆盖",
        "Linked to at least one party member by an active link.",
        "Households",
        "Household",
        True,
        _household_reason,
    ),
    Metric(
        "member_link_load",
        "Member link load (10×10)",
        "党员联户数达标",
        "The member actively links exactly the policy's target number of households (10).",
        "Rural party members in the 10×10 scheme",
        "PartyMember",
        True,
        _member_reason,
    ),
    Metric(
        "central_household_size",
        "Central household size (10×10)",
        "党员中心户规模达标",
        "Exactly the policy's target number of party members (10).",
        "Party-member central households",
        "CentralHousehold",
        False,
        _central_reason,
    ),
    Metric(
        "community_teams",
        "Community vanguard teams",
        "社区先锋服务队覆盖",
        "At least one volunteer team actively deployed to the community with at least the policy's "
        "minimum number of active members.",
        "Communities (urban village-level units)",
        "Village",
        True,
        _team_reason("community"),
    ),
    Metric(
        "checkpoint_staffing",
        "Checkpoint staffing",
        "卡口值守",
        "At least one volunteer team actively deployed to the checkpoint with at least the policy's "
        "minimum number of active members.",
        "Checkpoints (rail station exits, transport hubs, ...)",
        "Checkpoint",
        True,
        _team_reason("checkpoint"),
    ),
    Metric(
        "medical_family_support",
        "Medical workers' family support",
        "援鄂医务人员家庭帮扶",
        "The family has an active support contact (a party organisation or a cadre).",
        "Medical workers sent to Wuhan and Huangshi, where their family lives",
        "MedicalWorker",
        True,
        _medical_reason,
    ),
    Metric(
        "community_funding",
        "Community funding",
        "社区防控经费保障",
        "Allocations from the policy's funds, dated on or before the day, reach the per-community "
        "standard (50,000 CNY).",
        "Communities (urban village-level units)",
        "Village",
        True,
        _funding_reason,
    ),
)
METRIC_NAMES: tuple[str, ...] = tuple(m.name for m in METRICS)
_BY_NAME = {m.name: m for m in METRICS}


def get_metric(name: str) -> Metric:
    """The metric called ``name``; :class:`~orgnet.errors.NotFound` otherwise.

    >>> get_metric("nope")
    Traceback (most recent call last):
    ...
    orgnet.errors.NotFound: Unknown metric 'nope'. Metrics: enterprise_pairing, cadre_load, party_org_presence, household_linkage, member_link_load, central_household_size, community_teams, checkpoint_staffing, medical_family_support, community_funding.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise NotFound(f"Unknown metric {name!r}. Metrics: {', '.join(METRIC_NAMES)}.") from None
