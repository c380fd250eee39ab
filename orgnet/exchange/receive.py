"""Receiving exchange files: the regions and their summaries, idempotent, under a known policy.

A receiver keeps what it was sent as its own stored summaries (``CoverageSummary`` nodes, see
``orgnet/coverage/summaries.py``), so its rollups, hotspots, scorecards and map read them as they
read a city's own, down to the published level.  Each summary remembers its ``source``, the
source's ``source_generation`` and ``source_policy``, and when it was received; each received
region its ``received_from`` and ``received_at``; each source one ``ExchangeSource`` node.

Idempotent by (source, metric, region, generation): a summary already received at that generation
is left as it is; another generation replaces it only if its file was exported no earlier than the
one stored (a replayed old file never overwrites newer figures).

The receiver refuses a file computed under a policy it was not told about: its own active policy's
fingerprint, or one listed in ``EXCHANGE_POLICIES``.  A listed policy is the receiver saying "I
read that source's figures as equivalent to mine": they are stored under the receiver's
fingerprint (so its readers use them) with the source's in ``source_policy``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import Policy
from orgnet.coverage.summary_rows import ORIGIN, step_events, step_function
from orgnet.coverage.summary_state import label, policy_fingerprint, population_counts
from orgnet.errors import HeldAtSource, InvalidInput
from orgnet.exchange import local
from orgnet.exchange.aggregate import aggregate_ancestors
from orgnet.exchange.fileformat import verify
from orgnet.graph.db import Graph, batched
from orgnet.graph.loader import statements_for
from orgnet.graph.model import Region
from orgnet.graph.schema import STATE_LABEL, SUMMARY_LABEL
from orgnet.writes import changes

MAX_ROWS = 200_000
"""Most summaries one file may carry (a province down to towns: 1,300 towns x 14 metrics is 18,200)."""


class _Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    metric: str
    region_id: str = Field(max_length=64)
    generation: int = Field(ge=0)
    total: int = Field(ge=0)
    days: list[dt.date]
    covered: list[int]
    policies: list[str] | None = Field(default=None, max_length=1000)
    """The fingerprints of the policies the figures were computed under (version 2; ``None`` in a
    version 1 file: the file's ``policy``)."""
    total_days: list[dt.date] | None = None
    totals: list[int] | None = None
    """The population as a step function of the day (version 3; ``None`` in older files: ``total``
    on every day)."""

    @model_validator(mode="after")
    def _step_function(self) -> _Summary:
        if self.metric not in {m.name for m in METRICS}:
            raise ValueError(f"unknown metric {self.metric!r}")
        if len(self.days) != len(self.covered):
            raise ValueError("days and covered differ in length")
        if any(a >= b for a, b in zip(self.days, self.days[1:], strict=False)):
            raise ValueError("days are not strictly increasing")
        if any(c < 0 or c > self.total for c in self.covered):
            raise ValueError("a covered count lies outside 0..total")
        if (self.total_days is None) != (self.totals is None):
            raise ValueError("total_days and totals come together")
        if self.total_days is not None and self.totals is not None:
            if len(self.total_days) != len(self.totals):
                raise ValueError("total_days and totals differ in length")
            if any(a >= b for a, b in zip(self.total_days, self.total_days[1:], strict=False)):
                raise ValueError("total_days are not strictly increasing")
            if any(t < 0 for t in self.totals) or (self.totals[-1] if self.totals else 0) != self.total:
                raise ValueError("totals must be non-negative and end at total")
        return self

    def population(self) -> tuple[list[dt.date], list[int]]:
        """The population's step function; an older file's summary has ``total`` from the start."""
        if self.total_days is not None and self.totals is not None:
            return self.total_days, self.totals
        return ([ORIGIN], [self.total]) if self.total else ([], [])


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")
    source: str = Field(min_length=1, max_length=64)
    exported_at: str = Field(min_length=1, max_length=40)
    level: str
    policy: str = Field(min_length=1, max_length=64)
    regional_policies: dict[str, str] = Field(default={}, max_length=10_000)
    """Region id → the fingerprint of its own policy at the source (version 2; ``POLICY_FILES``)."""
    regions: list[Region] = Field(max_length=MAX_ROWS)
    summaries: list[_Summary] = Field(max_length=MAX_ROWS)


def parse_file(data: Any, *, key: bytes | None) -> _File:
    """The verified (:func:`~orgnet.exchange.fileformat.verify`) and validated file; every refusal
    is :class:`InvalidInput` naming the field and the reason."""
    verify(data, key=key)
    try:
        parsed = _File.model_validate(data)
    except ValidationError as e:
        errors = [{"field": ".".join(str(p) for p in err["loc"]), "reason": err["msg"]} for err in e.errors(include_input=False)[:50]]
        raise InvalidInput("The exchange file is not valid; nothing was imported.", errors=errors) from None
    ids = {r.id for r in parsed.regions}
    orphans = sorted({s.region_id for s in parsed.summaries} - ids)
    if orphans:
        raise InvalidInput(
            "The exchange file has summaries of regions it does not describe; nothing was imported.",
            errors=[{"field": "summaries.region_id", "reason": f"not in regions: {', '.join(orphans[:10])}"}],
        )
    return parsed


def file_policies(parsed: _File) -> list[str]:
    """Every policy fingerprint the file names: its ``policy`` (the source's default), each region's
    own (``regional_policies``) and each summary's ``policies`` (a province whose cities have their
    own policies names each).  The file's ``policy`` first: the refusal's first error names it."""
    named = {fp for s in parsed.summaries for fp in (s.policies or [])} | set(parsed.regional_policies.values())
    return [parsed.policy, *sorted(named - {parsed.policy})]


def accepted_policies(policy: Policy, listed: Iterable[str]) -> set[str]:
    """The fingerprints a receiver accepts: its own active policies' (default and per region) and those of ``EXCHANGE_POLICIES``."""
    own = [policy, policy.without_regional(), *policy.regional.values()]  # with POLICY_FILES: each of its policies too
    return {*(policy_fingerprint(p) for p in own), *(p.strip() for p in listed if p.strip())}


class OwnFunctions(NamedTuple):
    """A region's own figures: its items' without its published children's."""

    total: int
    days: list[dt.date]
    covered: list[int]
    total_days: list[dt.date]
    totals: list[int]


def own_functions(summaries: list[_Summary], parents: dict[str, str | None]) -> dict[tuple[str, str], OwnFunctions]:
    """Per (metric, region): the step functions (covered and population) of the items located in the
    region itself, i.e. its subtree's minus its published children's (exact: integer events).  A
    region at the published level has no published children: its own functions are its subtree's.

    >>> d = dt.date
    >>> s = [_Summary(metric="household_linkage", region_id="c", generation=1, total=5, days=[d(1, 1, 1)], covered=[3]),
    ...      _Summary(metric="household_linkage", region_id="k", generation=1, total=4, days=[d(1, 1, 1)], covered=[3])]
    >>> own_functions(s, {"c": None, "k": "c"})[("household_linkage", "c")]
    OwnFunctions(total=1, days=[], covered=[], total_days=[datetime.date(1, 1, 1)], totals=[1])
    """
    by_key = {(s.metric, s.region_id): s for s in summaries}
    events: dict[tuple[str, str], list[tuple[dt.date, int]]] = {k: step_events(s.days, s.covered) for k, s in by_key.items()}
    entered: dict[tuple[str, str], list[tuple[dt.date, int]]] = {k: step_events(*s.population()) for k, s in by_key.items()}
    totals = {k: s.total for k, s in by_key.items()}
    for (metric, rid), s in by_key.items():
        parent = parents.get(rid)
        if parent is not None and (metric, parent) in by_key:
            events[(metric, parent)] += step_events(s.days, s.covered, -1)
            entered[(metric, parent)] += step_events(*s.population(), -1)
            totals[(metric, parent)] -= s.total
    return {k: OwnFunctions(totals[k], *step_function(events[k]), *step_function(entered[k])) for k in by_key}


WRITE_RECEIVED = f"""
UNWIND $rows AS row
MERGE (s:{SUMMARY_LABEL} {{id: row.id}})
WITH s, row
WHERE s.source_generation IS NULL OR s.source <> row.source OR s.policy <> row.policy
   OR (s.source_generation <> row.source_generation AND s.exported_at <= row.exported_at)
SET s += row,
    s.days = [d IN row.days | date(d)], s.own_days = [d IN row.own_days | date(d)],
    s.total_days = [d IN row.total_days | date(d)], s.own_total_days = [d IN row.own_total_days | date(d)],
    s.computed_at = datetime(), s.received_at = datetime()
RETURN count(s) AS written
"""

MARK_REGIONS = """
UNWIND $ids AS id
MATCH (r:Region {id: id})
SET r.received_from = $source, r.received_at = datetime()
"""

RECEIVED_STATES = f"""
UNWIND $metrics AS metric
MERGE (st:{STATE_LABEL} {{id: metric}})
ON CREATE SET st.generation = 0
SET st.stale = false, st.policy = $policy, st.computed_at = datetime(), st.computed_generation = st.generation,
    st.received_from = $source
WITH count(*) AS done
// every received metric: a new region changed the Region count of each population
MATCH (st:{STATE_LABEL}) WHERE st.received_from IS NOT NULL
SET st.population = $populations[st.id], st.regions = $regions
"""

SOURCE = """
MERGE (x:ExchangeSource {id: $source})
SET x.received_at = datetime(), x.exported_at = $exported_at, x.level = $level, x.source_policy = $source_policy,
    x.policy = $policy, x.regions = $regions, x.sha256 = $sha256
"""


def import_exchange(
    graph: Graph, *, data: Any, policy: Policy, listed_policies: Iterable[str] = (), key: bytes | None = None, author: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Import a verified exchange file; returns ``{source, regions, summaries, written, unchanged}``.

    :class:`InvalidInput` (nothing written) for a damaged, unsigned-where-a-key-is-set or invalid
    file, for a file computed under a policy this instance was not told about, and for one with
    figures of a region this instance holds itself (:func:`orgnet.exchange.local.plan`).  One change
    (``author``: its account and role) records what it did and how to undo it.
    """
    parsed = parse_file(data, key=key)
    accepted = accepted_policies(policy, listed_policies)
    unknown = [fp for fp in file_policies(parsed) if fp not in accepted]
    if unknown:
        regions = sorted({s.region_id for s in parsed.summaries if set(s.policies or [parsed.policy]) & set(unknown)})
        raise InvalidInput(
            f"The file was computed under {'policy' if len(unknown) == 1 else 'policies'} {', '.join(unknown)}, which this instance "
            "was not told about; nothing was imported. If those figures may be read as this instance's, add "
            f"{'that fingerprint' if len(unknown) == 1 else 'those fingerprints'} to EXCHANGE_POLICIES.",
            errors=[
                {"field": "policy", "reason": "not this instance's policy and not in EXCHANGE_POLICIES"},
                {"field": "summaries.policies", "reason": f"unknown policies in regions {', '.join(regions[:10])}"},
            ],
        )
    fingerprint = policy_fingerprint(policy)
    ids = [r.id for r in parsed.regions]
    have = {s.region_id for s in parsed.summaries}
    todo = local.plan(graph, source=parsed.source, region_ids=ids, with_figures=have)
    rewritten = set(todo.rewritten)
    # the skeleton first (parents before children, as any bundle's regions), in one transaction; a
    # region held here (or by another source) keeps its name, level and parent
    graph.write_many(
        [
            *statements_for("regions", [r for r in parsed.regions if r.id in rewritten]),
            (MARK_REGIONS, {"ids": todo.marked, "source": parsed.source}),
            (local.MARK_CREATED, {"ids": todo.new, "source": parsed.source}),
        ]
    )
    places = {
        r["id"]: r
        for r in graph.read(
            "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id, r.city_id AS city_id, "
            "r.county_id AS county_id, r.town_id AS town_id, r.level AS level",
            {"ids": ids},
        )
    }
    own = own_functions(parsed.summaries, {r.id: r.parent_id for r in parsed.regions})
    rows = []
    for s in parsed.summaries:
        place = places[s.region_id]
        mine = own[(s.metric, s.region_id)]
        total_days, totals = s.population()
        rows.append(
            {
                "id": f"{s.metric}:{s.region_id}",
                "metric": s.metric,
                "region_id": s.region_id,
                **{k: place[k] for k in ("level", "city_id", "county_id", "town_id")},
                # which policy the figures were computed under, as the source says (readers check the
                # state's policy, this instance's: the file was accepted under it)
                "policy": label(sorted(s.policies or [parsed.policy])),
                "policies": sorted(s.policies or [parsed.policy]),
                "total": s.total,
                "days": [d.isoformat() for d in s.days],
                "covered": s.covered,
                "total_days": [d.isoformat() for d in total_days],
                "totals": totals,
                "own_total": mine.total,
                "own_days": [d.isoformat() for d in mine.days],
                "own_covered": mine.covered,
                "own_total_days": [d.isoformat() for d in mine.total_days],
                "own_totals": mine.totals,
                "source": parsed.source,
                "source_generation": s.generation,
                "source_policy": parsed.policy,
                "exported_at": parsed.exported_at,
            }
        )
    metrics = sorted({s.metric for s in parsed.summaries})
    populations = population_counts(graph, [m.name for m in METRICS])
    region_count = graph.read("MATCH (r:Region) RETURN count(r) AS n")[0]["n"]

    def work(tx) -> int:
        n = sum(tx.run(WRITE_RECEIVED, {"rows": chunk}).single()["written"] for chunk in batched(rows, 2000))
        tx.run(
            RECEIVED_STATES,
            {"metrics": metrics, "policy": fingerprint, "source": parsed.source, "populations": populations, "regions": region_count},
        ).consume()
        tx.run(
            SOURCE,
            {
                "source": parsed.source,
                "exported_at": parsed.exported_at,
                "level": parsed.level,
                "source_policy": parsed.policy,
                "policy": fingerprint,
                "regions": len(ids),
                "sha256": data["sha256"],
            },
        ).consume()
        tx.run(*changes.append_statement([local.change_row(parsed=parsed, sha256=data["sha256"], plan_=todo, written=n, author=author)])).consume()
        return n

    written = graph.transact(work)
    # a region of this instance's own that the file names above its figures is left alone, figures included
    own_here = set(todo.kept) - set(todo.kept_received)
    aggregated = aggregate_ancestors(graph, regions=parsed.regions, have=have | own_here, metrics=metrics, fingerprint=fingerprint)
    return {
        "source": parsed.source,
        "level": parsed.level,
        "regions": len(ids),
        "summaries": len(rows),
        "written": written,
        "unchanged": len(rows) - written,
        "aggregated": aggregated,
    }


SOURCES = """
MATCH (x:ExchangeSource)
RETURN x.id AS source, x.received_at AS received_at, x.exported_at AS exported_at, x.level AS level,
       x.source_policy AS source_policy, x.regions AS regions
ORDER BY source
LIMIT $limit
"""

RECEIVED_REGIONS = """
MATCH (r:Region) WHERE r.received_from IS NOT NULL AND r.id > $after
RETURN r.id AS id, r.name AS name, r.level AS level, r.received_from AS source, r.received_at AS received_at
ORDER BY r.id
LIMIT $limit
"""


def received(graph: Graph, *, limit: int, after: str = "") -> dict[str, Any]:
    """The sources this instance received from, and when each received region's figures last came
    (one page of regions in id order; ``next_after`` continues)."""
    sources = graph.read(SOURCES, {"limit": 1000})
    regions = graph.read(RECEIVED_REGIONS, {"after": after, "limit": limit + 1})
    more = len(regions) > limit
    regions = regions[:limit]
    return {"sources": sources, "regions": regions, "next_after": regions[-1]["id"] if more else None}


def require_held_here(graph: Graph, *, region_id: str) -> None:
    """:class:`HeldAtSource` when the region's figures were received from another instance: its
    items (and so gap lists and people) stay at the source."""
    from orgnet.coverage.result_cache import while_unchanged

    def read() -> str | None:
        rows = graph.read("MATCH (r:Region {id: $id}) RETURN r.received_from AS source", {"id": region_id})
        return rows[0]["source"] if rows else None

    # every gap page asks: kept until a write is signalled (a receive is one) or READ_RECHECK_S passes
    source = while_unchanged(graph, ("received_from", region_id), read)
    if source is not None:
        raise HeldAtSource(
            f"The figures of this region were received from {source} through the aggregate exchange: "
            "its items stay at the source, so gap lists, item checks and people are answered there. Rollups, "
            "hotspots, scorecards and the map are served here."
        )
