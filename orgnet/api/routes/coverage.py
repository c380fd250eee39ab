"""Coverage analysis and gap detection (docs/design.md §3): metrics, coverage, gaps, scorecards,
hotspots, comparisons between two days, and the active policy.

Every number comes from the named query library (``orgnet/queries``) under the active policy
(``POLICY_FILE``, default ``orgnet/policy/default.toml``), read again when the file changes.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from orgnet.api import schemas as am
from orgnet.api.answers import answer, answer_now
from orgnet.api.deps import CallerDep, GraphDep, PolicyDep, SettingsDep
from orgnet.api.limits import BudgetedGraphDep, heavy_read_slot
from orgnet.api.params import DayDep, IsoDay, MetricDep, PageDep, RegionDep, search_text
from orgnet.api.scope import path_in_scope, require_region
from orgnet.coverage import gap_filters
from orgnet.coverage.cursor import MAX_GAP_LIMIT
from orgnet.coverage.gaps import gaps, item_status
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.named import hide_names_outside
from orgnet.coverage.result_cache import REUSED_GAP_PAGE_MAX
from orgnet.coverage.rollups import DEFAULT_HOTSPOT_LIMIT, compare, coverage, hotspots, scorecard
from orgnet.errors import NotFound
from orgnet.writes.actions import actions_for

router = APIRouter(tags=["coverage"])

# metric, region, as_of, limit and cursor are resolved once, in orgnet/api/params.py
ERRORS = {
    404: {"description": "Unknown metric or region (problem details)"},
    422: {"description": "Malformed parameter, e.g. a date that is not YYYY-MM-DD (problem details)"},
}


@router.get("/v1/metrics", summary="The coverage metrics", response_model=list[am.MetricInfo])
def list_metrics() -> list[dict[str, Any]]:
    """Every metric with its population and the rule for one item to count as covered."""
    return [m.info() for m in METRICS]


@router.get("/v1/policy", summary="The active coverage policy")
def read_policy(policy: PolicyDep, settings: SettingsDep) -> dict[str, Any]:
    """The policy every metric follows now, with where it was read from.

    Change it by pointing `POLICY_FILE` at a copy of `orgnet/policy/default.toml`; give a city (or
    the province) its own with a `<region id>.toml` in `POLICY_FILES`, listed in `regional`.
    `fingerprint` is the whole configuration's (what the stored summaries record)."""
    from orgnet.coverage.policies import policy_table, regional_files
    from orgnet.coverage.summary_state import policy_fingerprint

    return {
        **policy.model_dump(mode="json"),
        "source": str(settings.policy_file) if settings.policy_file else "orgnet/policy/default.toml",
        "query_params": policy.query_params(),
        "fingerprint": policy_fingerprint(policy),
        "regional": policy_table(policy, sources=regional_files(settings.policy_files))[1:],
    }


@router.get(
    "/v1/coverage/{metric}",
    summary="Coverage of a metric in a region and each child region",
    response_model=am.Coverage,
    responses=ERRORS,
)
async def read_coverage(request: Request, metric: MetricDep, graph: GraphDep, policy: PolicyDep, region: RegionDep, as_of: DayDep) -> Response:
    """Covered / total / ratio for the region and for every child region (explicit zeros).

    Answers carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` while the
    figures are unchanged (the same holds for gap pages, scorecards and hotspots)."""
    return await answer(
        request,
        graph=graph,
        policy=policy,
        metrics=[metric.name],
        what=("coverage", metric.name, region, as_of),
        build=lambda: coverage(graph, metric=metric.name, region_id=region, as_of=as_of, policy=policy),
        model=am.Coverage,
    )


@router.get(
    "/v1/coverage/{metric}/compare",
    summary="Coverage on two days, side by side",
    responses=ERRORS,
)
def compare_coverage(
    metric: MetricDep,
    graph: GraphDep,
    policy: PolicyDep,
    before: Annotated[IsoDay, Query(description="First day, YYYY-MM-DD", examples=["2020-02-14"])],
    after: Annotated[IsoDay, Query(description="Second day, YYYY-MM-DD", examples=["2020-03-31"])],
    region: RegionDep,
) -> dict[str, Any]:
    """The region's and each child's covered / total / ratio on `before` and on `after`."""
    return compare(graph, metric=metric.name, region_id=region, before=before, after=after, policy=policy)


@router.get(
    "/v1/coverage/{metric}/items/{item_id}",
    summary="Check one item: is it covered, and if not, why",
    response_model=am.ItemStatus,
    responses={404: {"description": "Unknown metric, or the id is not in the metric's population"}, 422: ERRORS[422]},
)
def check_item(
    metric: MetricDep,
    item_id: Annotated[str, Path(max_length=64, description="Id of an item of the metric's population", examples=["ent-0811"])],
    graph: GraphDep,
    policy: PolicyDep,
    caller: CallerDep,
    as_of: DayDep,
) -> dict[str, Any]:
    """The check paired with the gap list: one item's coverage with the reason and details."""
    status = item_status(graph, metric=metric.name, ids=[item_id], as_of=as_of, policy=policy, personal=caller.sees_personal_data)
    # outside the caller's scope the answer is the one for an id that does not exist
    if item_id not in status or not path_in_scope(caller, [p["id"] for p in status[item_id]["region_path"]]):
        raise NotFound(f"{item_id!r} is not in the population of {metric.name} ({metric.population}).")
    (item,) = hide_names_outside(graph, metric=metric, items=[status[item_id]], scope=caller.scope)  # a record's person outside: no name
    return {"metric": metric.name, "as_of": as_of.isoformat(), **item}


@router.get(
    "/v1/gaps/{metric}",
    summary="Uncovered items under a region, with region path and reason",
    response_model=am.Gaps,
    responses=ERRORS,
)
def read_gaps(
    request: Request,
    metric: MetricDep,
    graph: BudgetedGraphDep,
    policy: PolicyDep,
    caller: CallerDep,
    settings: SettingsDep,
    region: RegionDep,
    as_of: DayDep,
    page: PageDep,
    reason: Annotated[
        gap_filters.ReasonCode | None,
        Query(description="Only gaps with this reason code (the keys of `facets.reasons`, e.g. `never_linked`; one of another metric matches nothing)"),
    ] = None,
    within: Annotated[str | None, Query(max_length=64, description="Only gaps under this region, itself under `region`", examples=["320321-001"])] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=gap_filters.Q_MAX_LENGTH,
            description="Only gaps whose id, name (where shown) or region path contains this text (case-insensitive), e.g. `刘庄`",
        ),
    ] = None,
    facets: Annotated[
        bool,
        Query(
            description="Also count the list by reason and by child region (`facets`, each narrowed by the other filters): one pass over the whole list, costly at city level"
        ),
    ] = False,
    lang: Annotated[Literal["en", "zh"], Query(description="Language of each gap's `reason` (as the export's `lang`)")] = "en",
) -> dict[str, Any] | Response:
    """One page of the uncovered items under the region, in id order.

    `reason`, `within` and `q` narrow the list on the server: `total` counts the filtered list,
    and `facets` counts it by reason code and by child region of `region`, each narrowed by the
    other filters (the regions' counts are of the chosen reason, the reasons' of the chosen region:
    so a client can offer every choice with the count it would show).  `facets` is counted on the first page and
    carried by the cursor of a filtered list; the later pages of an unfiltered list, paged with
    the cheap id walk, repeat no count (`facets` is null there).

    Cursors are signed (HMAC-SHA256 with `CURSOR_SECRET`): an altered or forged one is refused
    with 422 naming the `cursor` field, so the `total` a cursor carries can be trusted.  Paging is
    keyset (`after` the last id), so a deep page costs what the first does.

    Names of party members, households, medical workers and cadres are shown to planners and
    admins only."""
    gap_filter = gap_filters.GapFilter(reason=reason, within=within, q=search_text(q) if q is not None else None)
    whole_list = gap_filter.active or (facets and page.cursor is None)  # a pass over the whole list: a heavy read
    with heavy_read_slot(request, settings) if whole_list else nullcontext():
        region = require_region(graph, caller=caller, region_id=region)  # personal data: only in the caller's scope
        kw = {
            "metric": metric.name,
            "region_id": region,
            "as_of": as_of,
            "policy": policy,
            "limit": page.limit,
            "cursor": page.cursor,
            "personal": caller.sees_personal_data,
            "cursor_key": settings.effective_cursor_secret(),
        }
        # one page of the whole list, names not narrowed by a scope, no larger than a screen's: kept as bytes (the
        # pages of 500 a client walking the whole list asks for would push every cheap read out, as in result_cache)
        if not whole_list and caller.scope is None and page.limit <= REUSED_GAP_PAGE_MAX:
            what = ("gaps", metric.name, region, as_of, page.limit, page.cursor, caller.sees_personal_data, caller.role != "viewer", lang)
            build = lambda: _gap_page(graph, kw, metric=metric, caller=caller, lang=lang)  # noqa: E731
            return answer_now(request, graph=graph, policy=policy, metrics=[metric.name], what=what, build=build, model=am.Gaps)
        if whole_list:
            result = gap_filters.filtered_gaps(graph, gap_filter=gap_filter, max_limit=settings.page_size_max, name_scope=caller.scope, **kw)
        else:
            result = {**gaps(graph, **kw), "facets": None}
    return _finish_gaps(graph, result, metric=metric, caller=caller, lang=lang)


def _gap_page(graph: Any, kw: dict[str, Any], *, metric: Any, caller: Any, lang: str) -> dict[str, Any]:
    return _finish_gaps(graph, {**gaps(graph, **kw), "facets": None}, metric=metric, caller=caller, lang=lang)


def _finish_gaps(graph: Any, result: dict[str, Any], *, metric: Any, caller: Any, lang: str) -> dict[str, Any]:
    """Names outside the caller's scope hidden, the actions that would close each gap, the reason in ``lang``."""
    # records named after a person (a promotion, an application, a death on duty) name them only inside the scope
    result = {**result, "items": hide_names_outside(graph, metric=metric, items=result.get("items") or [], scope=caller.scope)}
    if caller.role != "viewer":  # the writes that would close each gap (orgnet/writes/actions.py)
        result["items"] = [{**item, "actions": actions_for(metric.name, item)} for item in result["items"]]
    if lang != "en":  # the reason in the user's language, the export's sentences (orgnet/api/spreadsheets.py)
        from orgnet.api.spreadsheets import reason_text

        result = {**result, "items": [{**item, "reason": reason_text(item, metric=metric.name, lang=lang)} for item in result.get("items", [])]}
    return result


@router.get(
    "/v1/regions/{region_id}/scorecard",
    summary="Every metric for one region, with status colours",
    response_model=am.Scorecard,
    responses={404: {"description": "Unknown region"}, 422: ERRORS[422]},
)
async def read_scorecard(
    request: Request,
    region_id: Annotated[str, Path(max_length=64, description="Region id", examples=["320321"])],
    graph: GraphDep,
    policy: PolicyDep,
    as_of: DayDep,
) -> Response:
    """Covered / total / ratio / uncovered per metric; status `ok`, `warn` or `bad` from the policy."""
    return await answer(
        request,
        graph=graph,
        policy=policy,
        metrics=[m.name for m in METRICS],
        what=("scorecard", region_id, as_of),
        build=lambda: scorecard(graph, region_id=region_id, as_of=as_of, policy=policy),
        model=am.Scorecard,
    )


@router.get(
    "/v1/hotspots/{metric}",
    summary="Where the gaps are: descendant regions ranked by uncovered items",
    response_model=am.Hotspots,
    responses=ERRORS,
)
async def read_hotspots(
    request: Request,
    metric: MetricDep,
    graph: GraphDep,
    policy: PolicyDep,
    region: RegionDep,
    as_of: DayDep,
    level: Annotated[
        Literal["county", "town", "village"] | None,
        Query(
            description="Level of the ranked regions (default: one level below the region's); none lies under the region at its own level or above (an empty list)"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_GAP_LIMIT, description=f"How many (hard maximum {MAX_GAP_LIMIT})")] = DEFAULT_HOTSPOT_LIMIT,
) -> Response:
    """Regions at `level` under the region, ranked by uncovered count (desc), then ratio (asc)."""
    return await answer(
        request,
        graph=graph,
        policy=policy,
        metrics=[metric.name],
        what=("hotspots", metric.name, region, level, as_of, limit),
        build=lambda: hotspots(graph, metric=metric.name, region_id=region, level=level, as_of=as_of, policy=policy, limit=limit),
        model=am.Hotspots,
    )
