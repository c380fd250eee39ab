"""Response and request shapes of the API (coverage, gaps, what-if, suggestions, regions), with
examples from the seed scenario. A region path has one shape everywhere: ``[{id, name, level}]``,
city first (:func:`orgnet.graph.regions.region_path`).

The routes return these models, so the OpenAPI schema documents every field; extra fields
may be added, never removed (a dashboard is built on them).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgnet.coverage.metrics import get_metric
from orgnet.graph.model import Id

# The reason of the examples' enterprise gap, said by its metric unit (the only place it is written).
_EXAMPLE_REASON = get_metric("enterprise_pairing").reason({"missing_levels": ["town"], "outside_jurisdiction": []})

XUZHOU = {
    "id": "320300",
    "name": "徐州市",
    "level": "city",
    "kind": None,
    "code": "320300",
    "path": [{"id": "320300", "name": "徐州市", "level": "city"}],
    "children": 10,
}
FENGXIAN = {
    "id": "320321",
    "name": "丰县",
    "level": "county",
    "kind": "county",
    "code": "320321",
    "path": [{"id": "320300", "name": "徐州市", "level": "city"}, {"id": "320321", "name": "丰县", "level": "county"}],
    "children": 15,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class PathStep(_Model):
    """One step of a region path (the one shape every response uses, city first)."""

    id: str
    name: str
    level: str


class RegionInfo(_Model):
    id: str
    name: str
    level: str
    path: list[PathStep] = Field(description="Ancestors from the city down to the region itself")


class MetricInfo(_Model):
    metric: str
    title_en: str
    title_zh: str
    description: str = Field(description="When one item counts as covered (default policy)")
    population: str = Field(description="What should be covered")

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "metric": "party_org_presence",
                    "title_en": "Party organisation presence",
                    "title_zh": "基层党组织覆盖",
                    "description": "At least one party organisation located in the village or community.",
                    "population": "Villages and communities (all village-level units)",
                }
            ]
        },
    )


class CoverageLine(_Model):
    id: str
    name: str
    level: str
    covered: int
    total: int
    ratio: float | None = Field(description="covered / total; null when total is 0")
    policy: str | None = Field(default=None, description="Fingerprint of the policy the figures were computed under; `mixed` above regions with different ones")


class Coverage(_Model):
    metric: str
    as_of: str
    region: RegionInfo
    covered: int
    total: int
    ratio: float | None
    policy: str | None = Field(default=None, description="Fingerprint of the policy the figures were computed under; `mixed` above regions with different ones")
    policies: list[str] = Field(default=[], description="The fingerprints the figures were computed under: one, or each of a mixed region's")
    children: list[CoverageLine] = Field(description="Every child region, zeros included, by id")

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "metric": "party_org_presence",
                    "as_of": "2020-03-31",
                    "region": FENGXIAN,
                    "covered": 477,
                    "total": 481,
                    "ratio": 0.991684,
                    "children": [
                        {"id": "320321-001", "name": "中阳里街道办事处", "level": "town", "covered": 17, "total": 17, "ratio": 1.0},
                        {"id": "320321-004", "name": "首羡镇", "level": "town", "covered": 27, "total": 28, "ratio": 0.964286},
                    ],
                }
            ]
        },
    )


class GapItem(_Model):
    id: str
    label: str = Field(description="Node label of the item")
    name: str | None = Field(description="Null for personal data (members, households, medical workers, cadres) unless the caller is a planner or admin")
    region_path: list[PathStep]
    reason: str = Field(description="Why the item is not covered, in English")
    details: dict[str, Any] = Field(description="Machine-readable reason, e.g. missing_levels, outside_jurisdiction")


class RegionCount(_Model):
    id: str
    name: str
    count: int


class GapFacets(_Model):
    reasons: dict[str, int] = Field(description="Items per reason code (the values `reason` takes), narrowed by `within` and `q`")
    regions: list[RegionCount] = Field(description="Items per child region of `region` (the values `within` takes), narrowed by `reason` and `q`")


class Gaps(_Model):
    metric: str
    as_of: str
    region: RegionInfo
    total: int = Field(description="Uncovered items under the region that pass the filters (`reason`, `within`, `q`), all pages")
    items: list[GapItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")
    facets: GapFacets | None = Field(
        default=None,
        description="Counts per reason and per child region, each of the list narrowed by the other filters; on the first page and on every page of a filtered list; null on later pages of an unfiltered list",
    )

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "metric": "enterprise_pairing",
                    "as_of": "2020-03-31",
                    "region": FENGXIAN,
                    "total": 5,
                    "items": [
                        {
                            "id": "ent-0811",
                            "label": "Enterprise",
                            "name": "丰县华山镇某某有限公司",
                            "region_path": [
                                {"id": "320300", "name": "徐州市", "level": "city"},
                                {"id": "320321", "name": "丰县", "level": "county"},
                                {"id": "320321-009", "name": "华山镇", "level": "town"},
                                {"id": "320321-009-026", "name": "王屯村委会", "level": "village"},
                            ],
                            "reason": _EXAMPLE_REASON,
                            "details": {
                                "kind": "city_owned",
                                "required_levels": ["city", "county", "town"],
                                "missing_levels": ["town"],
                                "outside_jurisdiction": [],
                            },
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        },
    )


class ItemStatus(GapItem):
    metric: str
    as_of: str
    covered: bool
    reason: str | None = Field(description="Null when covered")  # type: ignore[assignment]


class ScorecardLine(_Model):
    metric: str
    title_en: str
    title_zh: str
    covered: int
    total: int
    ratio: float | None
    uncovered: int
    status: Literal["ok", "warn", "bad"] = Field(description="From the policy's thresholds; total 0 is ok")
    policy: str | None = Field(default=None, description="Fingerprint of the policy the figures were computed under; `mixed` above regions with different ones")


class Scorecard(_Model):
    region: RegionInfo
    as_of: str
    metrics: list[ScorecardLine]

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "region": XUZHOU,
                    "as_of": "2020-03-31",
                    "metrics": [
                        {
                            "metric": "checkpoint_staffing",
                            "title_en": "Checkpoint staffing",
                            "title_zh": "卡口值守",
                            "covered": 47,
                            "total": 50,
                            "ratio": 0.94,
                            "uncovered": 3,
                            "status": "warn",
                        }
                    ],
                }
            ]
        },
    )


class Hotspot(_Model):
    id: str
    name: str
    path: list[PathStep]
    uncovered: int
    total: int
    ratio: float | None
    policy: str | None = Field(default=None, description="Fingerprint of the policy the figures were computed under; `mixed` above regions with different ones")


class Hotspots(_Model):
    metric: str
    as_of: str
    region: RegionInfo
    level: str
    items: list[Hotspot] = Field(description="Ranked by uncovered (desc), then ratio (asc), then id")

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "metric": "party_org_presence",
                    "as_of": "2020-03-31",
                    "region": XUZHOU,
                    "level": "county",
                    "items": [
                        {
                            "id": "320321",
                            "name": "丰县",
                            "path": [{"id": "320300", "name": "徐州市", "level": "city"}, {"id": "320321", "name": "丰县", "level": "county"}],
                            "uncovered": 4,
                            "total": 481,
                            "ratio": 0.991684,
                        }
                    ],
                }
            ]
        },
    )


class Unavailable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cadres: list[Id] = Field(default_factory=list, max_length=1000, description="Cadre ids (e.g. in quarantine)")
    members: list[Id] = Field(default_factory=list, max_length=1000, description="Party member ids")
    teams: list[Id] = Field(default_factory=list, max_length=1000, description="Volunteer team ids")


class WhatIfRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"region": "320300", "as_of": "2020-03-31", "unavailable": {"cadres": ["cadre-t-320321-009-1"], "members": [], "teams": []}}]
        },
    )
    region: Id | None = Field(default=None, description="Region to report on (default: the city)")
    as_of: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}, description="Day, YYYY-MM-DD (default: today)"
    )
    unavailable: Unavailable = Field(default_factory=Unavailable)


class NewlyUncovered(_Model):
    id: str
    label: str
    name: str | None
    region_path: list[PathStep]
    reason: str


class WhatIfMetric(_Model):
    metric: str
    newly_uncovered: list[NewlyUncovered]
    count: int


class WhatIf(_Model):
    as_of: str
    region: RegionInfo
    metrics: list[WhatIfMetric]

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2020-03-31",
                    "region": XUZHOU,
                    "unavailable": {"cadres": ["cadre-t-320321-009-1"], "members": [], "teams": []},
                    "metrics": [
                        {
                            "metric": "enterprise_pairing",
                            "newly_uncovered": [
                                {
                                    "id": "ent-0800",
                                    "label": "Enterprise",
                                    "name": "丰县某某科技有限公司",
                                    "region_path": [
                                        {"id": "320300", "name": "徐州市", "level": "city"},
                                        {"id": "320321", "name": "丰县", "level": "county"},
                                        {"id": "320321-009", "name": "华山镇", "level": "town"},
                                    ],
                                    "reason": _EXAMPLE_REASON,
                                }
                            ],
                            "count": 1,
                        }
                    ],
                }
            ]
        },
    )


class Suggestion(_Model):
    enterprise_id: str
    enterprise_name: str
    level: str
    cadre_id: str
    cadre_name: str | None = Field(description="Null for viewers (personal data)")
    reason: str
    distance: int = Field(description="Levels between the cadre's jurisdiction and the enterprise's region")


class Unresolvable(_Model):
    enterprise_id: str
    level: str
    reason: str


class Suggestions(_Model):
    suggestions: list[Suggestion]
    unresolvable: list[Unresolvable]

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "region": FENGXIAN,
                    "as_of": "2020-03-31",
                    "suggestions": [
                        {
                            "enterprise_id": "ent-0811",
                            "enterprise_name": "丰县华山镇某某有限公司",
                            "level": "town",
                            "cadre_id": "cadre-t-320321-009-2",
                            "cadre_name": None,
                            "reason": "Cadre cadre-t-320321-009-2 serves at the town level in 华山镇 (320321-009), which contains the enterprise (1 level(s) up); pairing brings them from 6 to 7 of at most 10 active pairings.",
                            "distance": 1,
                        }
                    ],
                    "unresolvable": [],
                }
            ]
        },
    )
