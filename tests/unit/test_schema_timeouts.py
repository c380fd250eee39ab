"""Schema statements are not cut off by the writes' usual timeout: a ``CREATE CONSTRAINT`` waits for
its index to be populated, which on a province's store takes minutes (bench.scaling, Jiangsu at city
density, failed at 60 s before)."""

from __future__ import annotations

from typing import Any

from orgnet.graph import schema


class RecordingGraph:
    """Records what apply_schema asks of the graph (no database: the call pattern is under test)."""

    write_timeout_s = 60.0

    def __init__(self) -> None:
        self.calls: list[tuple[str, float | None]] = []

    def write(self, query: str, params: Any = None, *, timeout_s: float | None = None) -> dict[str, int]:
        self.calls.append((query, timeout_s))
        return {}


def test_every_schema_statement_may_take_longer_than_a_write():
    graph = RecordingGraph()
    schema.apply_schema(graph)  # type: ignore[arg-type]
    assert len(graph.calls) == len(schema.schema_statements()) + 1
    assert all(t is not None and t >= schema.SCHEMA_TIMEOUT_S > graph.write_timeout_s for _, t in graph.calls)


def test_the_wait_for_indexes_fits_inside_its_transaction():
    graph = RecordingGraph()
    schema.apply_schema(graph)  # type: ignore[arg-type]
    query, timeout_s = graph.calls[-1]
    assert query == f"CALL db.awaitIndexes({schema.SCHEMA_TIMEOUT_S:.0f})"
    assert timeout_s > schema.SCHEMA_TIMEOUT_S
