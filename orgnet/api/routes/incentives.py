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


STAGES = ("served", "recognised", "noted", "promoted")
"""The funnel's stages, each a subset of the one before (``incentives/funnel``)."""


@router.get("/funnel", summary="Incentive funnel of a region: frontline service → recognised → noted → promoted")
def read_funnel(graph: GraphDep, policy: PolicyDep, region: RegionDep, as_of: DayDep) -> dict[str, Any]:
    """Counts only (no person is named), so anyone may read them, like coverage rollups. The stages
    are nested subsets of one population, the people the frontline_recognition metric counts on the
    day (its card's total): `served` all of them, `recognised` those of them recognised from the
    policy's start day to the day, `noted` those of the recognised noted (纳入组织视野), `promoted`
    those of the noted promoted; `nested` says that no stage exceeds the one before (a client draws
    a funnel only then). `figures` holds, for each of the source article's figures, the graph's own
    count of the same thing under the region on the day (`graph`), and for the city the article's
    (`article`, else null) with `matches`; `article` keeps the article's figures alone for the city."""
    r = get_region(graph, region_id=region)
    params = {"region": region, "as_of": as_of.isoformat()}
    (row,) = run_named(graph, "incentives/funnel", {**params, "recognition_since": policy.incentives.recognition_since.isoformat()})
    (counted,) = run_named(graph, "incentives/article_figures", params)
    stages = [{"stage": name, "count": row[name]} for name in STAGES]
    article = ARTICLE_FIGURES if r["level"] == "city" else None
    return {
        "region": {"id": r["id"], "name": r["name"], "level": r["level"]},
        "as_of": as_of.isoformat(),
        "stages": stages,
        "nested": all(later["count"] <= earlier["count"] for earlier, later in zip(stages, stages[1:], strict=False)),
        "article": article,
        "figures": [_figure(key, article, counted) for key in ARTICLE_FIGURES],
    }


def _figure(key: str, article: dict[str, float] | None, counted: dict[str, Any]) -> dict[str, Any]:
    """One article figure next to the graph's count; money compared to the fen.

    >>> _figure("promoted", ARTICLE_FIGURES, {"promoted": 29})
    {'figure': 'promoted', 'article': 30, 'graph': 29, 'matches': False}
    >>> _figure("promoted", None, {"promoted": 29})["matches"] is None
    True
    """
    graph = counted.get(key)
    wanted = article[key] if article else None
    matches = None if wanted is None else graph is not None and abs(graph - wanted) < 0.005
    return {"figure": key, "article": wanted, "graph": graph, "matches": matches}
