"""Loading bundles: validated first, then written in ``UNWIND`` batches of ``MERGE``.

Loading is idempotent (every write is a MERGE on an id or on a relationship between
ids), so loading the same bundle twice gives the same counts.  An invalid bundle is
refused before anything is written.  ``atomic=True`` writes the whole bundle in one
transaction (the API does this: a client never sees half an import).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from orgnet.graph.db import Graph, batched
from orgnet.graph.model import LEVELS, Bundle, Record
from orgnet.graph.statements import REGION_STATEMENTS, SECTION_STATEMENTS
from orgnet.graph.validate import check_bundle

ProgressCallback = Callable[[str, int], None]


@dataclass
class LoadReport:
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.records.values())

    @property
    def rows_per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "total": self.total,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
        }


def _rows(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="python") for r in records]


def statements_for(section: str, records: list[Record]) -> list[tuple[str, dict[str, Any]]]:
    """The (query, params) pairs that write ``records`` of ``section``."""
    if section != "regions":
        return [(SECTION_STATEMENTS[section], {"rows": _rows(records)})]
    out = []
    for level in LEVELS:  # parents before children
        rows = [r for r in records if r.level == level]  # type: ignore[attr-defined]
        if rows:
            out.append((REGION_STATEMENTS[level], {"rows": _rows(rows), "rank": level.rank}))
    return out


def load_stream(
    graph: Graph,
    batches: Iterable[tuple[str, list[Record]]],
    *,
    batch_size: int,
    on_batch: ProgressCallback | None = None,
) -> LoadReport:
    """Write already-validated batches, each ``UNWIND`` batch in its own transaction."""
    report = LoadReport()
    start = time.perf_counter()
    for section, records in batches:
        if section == "regions":
            # regions are few and must be written level by level across the whole section
            for query, params in statements_for(section, records):
                graph.write(query, params)
        else:
            for chunk in batched(records, batch_size):
                for query, params in statements_for(section, chunk):
                    graph.write(query, params)
        report.records[section] = report.records.get(section, 0) + len(records)
        if on_batch:
            on_batch(section, len(records))
    report.seconds = time.perf_counter() - start
    return report


def load_bundle(
    graph: Graph,
    bundle: Bundle,
    *,
    batch_size: int,
    atomic: bool = False,
    on_batch: ProgressCallback | None = None,
) -> LoadReport:
    """Validate ``bundle`` against itself and the database, then write it."""
    check_bundle(bundle, graph)
    if not atomic:
        return load_stream(graph, bundle.sections(), batch_size=batch_size, on_batch=on_batch)
    start = time.perf_counter()
    statements = []
    report = LoadReport()
    for section, records in bundle.sections():
        for chunk in batched(records, batch_size):
            statements.extend(statements_for(section, chunk))
        report.records[section] = len(records)
    graph.write_many(statements)
    report.seconds = time.perf_counter() - start
    return report
