"""The incentives view (issue 13): the funnel from frontline service to recognition to promotion,
and the article's own figures for the city (what the seed reproduces)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from orgnet.api.deps import GraphDep, PolicyDep
from orgnet.api.params import DayDep, RegionDep
from orgnet.graph.regions import get_region
from orgnet.queries.library import run_named

router = APIRouter(prefix="/v1/incentives", tags=["coverage"])

ARTICLE_FIGURES: dict[str, float] = {
    "young_cadres_noted": 72,
    "promoted": 30,
    "frontline_party_applications": 629,
    "applications_from_wuhan_medical_workers": 72,
    "joined_the_party_at_the_front": 2,
    "posthumous_outstanding_members": 3,
    "medical_members_commended": 12,
    "advanced_individuals": 17,
    "pioneers_who_died_on_duty": 4,
    "city_funds_cny": 6_000_000,
    "county_funds_cny": 19_690_000,
    "per_community_cny": 50_000,
}
"""As the source article reports them for 徐州市 (2020): shown next to the graph's counts of the city."""


@router.get("/funnel", summary="Incentive funnel of a region: frontline service → noted → recognised → promoted")
def read_funnel(graph: GraphDep, policy: PolicyDep, region: RegionDep, as_of: DayDep) -> dict[str, Any]:
    """Counts only (no person is named), so anyone may read them, like coverage rollups. For the
    city, `article` holds the source article's figures."""
    r = get_region(graph, region_id=region)
    (row,) = run_named(graph, "incentives/funnel", {"region": region, "as_of": as_of.isoformat(), "frontline_min_days": policy.incentives.frontline_min_days})
    stages = [{"stage": name, "count": row[name]} for name in ("served", "noted", "recognised", "promoted")]
    return {
        "region": {"id": r["id"], "name": r["name"], "level": r["level"]},
        "as_of": as_of.isoformat(),
        "stages": stages,
        "article": ARTICLE_FIGURES if r["level"] == "city" else None,
    }
