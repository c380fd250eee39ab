"""The fast path for an initial load: CSV files streamed from the records, then ``neo4j-admin``.

``orgnet load --offline`` (and the benchmark) use it for an **empty** local database:

1. :class:`CsvWriter` turns the ``(section, records)`` stream (the generator's, in
   :attr:`Bundle.SECTIONS` order) into one CSV file per node label and one per
   relationship (type, start label, end label), a batch at a time: memory stays bounded by
   a batch, the regions (a few thousand) that every located item needs for its ancestor ids,
   and 8 bytes per assignment (a hash of its key, to refuse repeats).
2. ``neo4j-admin database import full`` (run through :meth:`LocalServer.admin` from the local
   server's own jars) builds the store while the server is stopped.
3. The server starts and :func:`~orgnet.graph.schema.apply_schema` creates the constraints
   and indexes (populated from the imported data).

The graph is the one the transactional loader (:mod:`orgnet.graph.statements`) writes, property
for property: labels (``:Region`` plus its level label), regions' ancestor ids, ``path_ids`` and
``path_names``; items' ``region_id``, ``county_id`` and ``town_id``; dates as Neo4j ``date``;
integers as 64-bit, amounts as floats, flags as booleans; absent values are absent properties.
``tests/integration/test_offline_load.py`` loads the same data both ways and compares.

Differences in what is *accepted* (never in what is written): an offline import starts from
nothing, so a reference to an id that is not in the stream (a parent region, an org, a member)
fails the import instead of being skipped, and a repeated assignment (same start, end and
``since``), which the loader's ``MERGE`` would fold into one, is refused before the import.

The pipeline is in three modules: :mod:`orgnet.graph.offline_csv` maps records to CSV rows
(:class:`~orgnet.graph.offline_csv.CsvWriter`), :mod:`orgnet.graph.offline_parts` writes the
stream's parts in parallel processes and merges their plans, and this one runs the import.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgnet.errors import InvalidInput, LocalServerError
from orgnet.graph.loader import LoadReport
from orgnet.graph.model import Record
from orgnet.graph.offline_csv import ImportPlan
from orgnet.graph.offline_parts import ProgressCallback, Stream, write_csv_parts
from orgnet.settings import Settings


@dataclass
class OfflineReport(LoadReport):
    """Timings of one offline load (seconds) and what it wrote."""

    nodes: int = 0
    relationships: int = 0
    csv_bytes: int = 0
    seconds_csv: float = 0.0
    seconds_import: float = 0.0
    seconds_start: float = 0.0
    seconds_schema: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "nodes": self.nodes,
            "relationships": self.relationships,
            "csv_bytes": self.csv_bytes,
            "seconds_csv": round(self.seconds_csv, 3),
            "seconds_import": round(self.seconds_import, 3),
            "seconds_start": round(self.seconds_start, 3),
            "seconds_schema": round(self.seconds_schema, 3),
        }


def _database_exists(server: Any, database: str) -> bool:
    return (server.data_dir / "databases" / database).exists()


def ensure_empty_and_stopped(server: Any, settings: Settings, *, replace: bool, say: Callable[[str], None]) -> None:
    """Stop the local server, after checking that its database is empty unless ``replace``."""
    from orgnet.graph.db import Graph
    from orgnet.graph.stats import is_empty

    running = server.status().running
    if not replace and (running or _database_exists(server, settings.neo4j_database)):
        if not running:
            say("Starting the local server once to check that its database is empty ...")
            server.start()
        with Graph.from_settings(settings) as graph:
            empty = is_empty(graph)
        if not empty:
            raise InvalidInput(
                f"The database {settings.neo4j_database!r} is not empty: an offline import replaces everything in it. "
                "Use --replace to replace it, or load without --offline (MERGE into what is there)."
            )
    server.stop()


def run_import(server: Any, plan: ImportPlan, database: str, *, heap: str = "1g", threads: int | None = None, max_off_heap: str | None = None) -> str:
    """Run ``neo4j-admin database import full`` on the plan's files; return its output."""
    proc = server.admin(*plan.import_args(database, threads=threads, max_off_heap=max_off_heap), heap=heap)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        report = plan.directory / "import.report"
        extra = report.read_text(errors="replace")[-2000:] if report.exists() else ""
        raise LocalServerError(f"neo4j-admin database import failed (exit {proc.returncode}):\n" + output[-4000:] + ("\n" + extra if extra else ""))
    return output


def offline_load(
    settings: Settings,
    batches: Iterable[tuple[str, Sequence[Record]]],
    *,
    replace: bool = False,
    workdir: Path | None = None,
    keep_csv: bool = False,
    on_batch: ProgressCallback | None = None,
    say: Callable[[str], None] = lambda _m: None,
    import_heap: str = "1g",
    threads: int | None = None,
    max_off_heap: str | None = None,
    parallel: Sequence[Callable[[], Stream]] = (),
) -> OfflineReport:
    """Replace the local database by ``batches`` with ``neo4j-admin``, start it and apply the schema.

    ``parallel``: more streams, each written by a child process while this one writes ``batches``
    (see :func:`write_csv_parts`); :func:`orgnet.seed.parts.seed_parts` splits the seed scenario this way.

    The database must be empty (checked; the server is started once to check if it is stopped
    with a store) unless ``replace``.  ``NEO4J_URI`` (a server orgnet does not run) is refused:
    the importer writes store files, which only works on the local server's own disk.
    """
    from orgnet.graph.db import Graph
    from orgnet.graph.local_server import LocalServer
    from orgnet.graph.schema import apply_schema

    if not settings.uses_local_server:
        raise LocalServerError("The offline import writes the local server's store files; NEO4J_URI is set, so load without --offline.")
    server = LocalServer(settings, say=say)
    report = OfflineReport()
    start = time.perf_counter()
    server.install()
    ensure_empty_and_stopped(server, settings, replace=replace, say=say)
    directory = workdir or (server.import_dir / "offline")

    t = time.perf_counter()
    say(f"Writing CSV files to {directory} ...")
    plan = write_csv_parts(batches, directory, parallel=parallel, on_batch=on_batch)
    report.seconds_csv = time.perf_counter() - t
    report.records, report.csv_bytes = plan.records, plan.bytes

    t = time.perf_counter()
    say(f"neo4j-admin database import full: {plan.nodes:,} nodes, {plan.relationships:,} relationships ...")
    run_import(server, plan, settings.neo4j_database, heap=import_heap, threads=threads, max_off_heap=max_off_heap)
    report.seconds_import = time.perf_counter() - t
    report.nodes, report.relationships = plan.nodes, plan.relationships
    if not keep_csv:
        shutil.rmtree(directory, ignore_errors=True)

    t = time.perf_counter()
    server.start()
    report.seconds_start = time.perf_counter() - t

    t = time.perf_counter()
    with Graph.from_settings(settings) as graph:
        apply_schema(graph)
        for query, params in plan.fixups:
            graph.write(query, params)
    report.seconds_schema = time.perf_counter() - t
    report.seconds = time.perf_counter() - start
    return report
