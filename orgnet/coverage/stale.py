"""Marking stored coverage summaries stale, in the transaction of the write that changes their data.

The write workflow (:mod:`orgnet.writes.workflow`) appends :func:`mark_stale_statement` to every
write transaction it runs; the graph layer (:mod:`orgnet.graph.loader`) only runs the statements
it is given and knows nothing of summaries.

>>> query, params = mark_stale_statement(["household_linkage"])
>>> "CoverageSummaryState" in query, params
(True, {'metrics': ['household_linkage']})
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orgnet.coverage.metrics import METRICS

MARK_STALE = """
UNWIND $metrics AS name
WITH name ORDER BY name
MERGE (st:CoverageSummaryState {id: name})
ON CREATE SET st.stale = true, st.generation = 1
ON MATCH SET st.stale = true, st.generation = coalesce(st.generation, 0) + 1
"""
"""The last statement of every write transaction: the summaries of ``$metrics`` are stale and
their generation moves on, atomically with the rows.  ``MERGE`` (on the state's uniqueness
constraint), not ``MATCH``: a refresh creating the state concurrently is then serialised with it
instead of missing it; states are locked in name order, so concurrent batches cannot deadlock on them.
A refresh that started before the write committed can never declare its metrics fresh
(``orgnet.coverage.summaries.refresh``)."""


def mark_stale_statement(stale_metrics: Sequence[str] | None) -> tuple[str, dict[str, Any]]:
    """:data:`MARK_STALE` with its parameters (``None``: every metric)."""
    names = list(stale_metrics) if stale_metrics is not None else [m.name for m in METRICS]
    return MARK_STALE, {"metrics": names}
