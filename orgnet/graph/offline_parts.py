"""The CSV files of an offline import written from a stream of records, in one process
(:func:`write_csv`) or in several, one per part of the stream (:func:`write_csv_parts`), whose
plans are merged into one (:func:`merge_plans`)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from orgnet.errors import InvalidInput, LocalServerError
from orgnet.graph.model import Record
from orgnet.graph.offline_csv import CsvWriter, ImportPlan

ProgressCallback = Callable[[str, int], None]


def write_csv(batches: Iterable[tuple[str, Sequence[Record]]], directory: Path, *, on_batch: ProgressCallback | None = None) -> ImportPlan:
    """Write every batch of the stream into ``directory`` (emptied first) and return the plan.

    (Handing the batches to a writer process was measured too: at city scale, pickling them
    costs what writing them costs, so one process it is.)
    """
    shutil.rmtree(directory, ignore_errors=True)
    writer = CsvWriter(directory)
    try:
        for section, records in batches:
            writer.write(section, records)
            if on_batch:
                on_batch(section, len(records))
    except BaseException:
        writer.abort()
        raise
    return writer.close()


Stream = Iterable[tuple[str, Sequence[Record]]]


def _write_part(make_stream: Callable[[], Stream], directory: Path, conn: Any) -> None:
    """In a child process: write one part, report batches as they go, then the plan."""
    try:
        plan = write_csv(make_stream(), directory, on_batch=lambda section, n: conn.send(("batch", section, n)))
        conn.send(("done", plan))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("error", f"{type(e).__name__}: {e}", isinstance(e, InvalidInput)))
    finally:
        conn.close()


def merge_plans(plans: Sequence[ImportPlan], directory: Path) -> ImportPlan:
    """One plan of several parts' files (``neo4j-admin`` takes several files per label and type)."""
    records: dict[str, int] = {}
    for p in plans:
        for section, n in p.records.items():
            records[section] = records.get(section, 0) + n
    return ImportPlan(
        directory,
        [f for p in plans for f in p.files],
        records,
        any(p.multiline for p in plans),
        [fx for p in plans for fx in p.fixups],
    )


def write_csv_parts(
    batches: Stream,
    directory: Path,
    *,
    parallel: Sequence[Callable[[], Stream]] = (),
    on_batch: ProgressCallback | None = None,
) -> ImportPlan:
    """:func:`write_csv` of ``batches`` here and of each ``parallel`` stream in a child process
    at the same time, each part into its own folder; the plan covers every part.

    A part must not write the files of another (disjoint sections: e.g. ``household_links`` on
    its own).  The children are forked, so each generates its own records: handing records
    between processes costs what writing them costs (measured), generating them does not.
    """
    import multiprocessing

    if not parallel:
        return write_csv(batches, directory, on_batch=on_batch)
    shutil.rmtree(directory, ignore_errors=True)
    ctx = multiprocessing.get_context("fork")
    children = []
    for k, make_stream in enumerate(parallel, start=1):
        parent_end, child_end = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_write_part, args=(make_stream, directory / f"part-{k}", child_end), daemon=True)
        proc.start()
        child_end.close()
        children.append((proc, parent_end))
    results: dict[int, Any] = {}

    def drain(block: bool) -> None:
        for k, (_proc, conn) in enumerate(children):
            while k not in results and (conn.poll(None if block else 0)):
                try:
                    msg = conn.recv()
                except EOFError:
                    msg = ("error", "the part's process ended without a result", False)
                if msg[0] == "batch":
                    if on_batch:
                        on_batch(msg[1], msg[2])
                else:
                    results[k] = msg

    def mine() -> Stream:
        for section, records in batches:
            drain(block=False)
            yield section, records

    try:
        plans = [write_csv(mine(), directory / "part-0", on_batch=on_batch)]
        drain(block=True)
    finally:
        for proc, conn in children:
            if proc.is_alive() and len(results) < len(children):
                proc.terminate()
            proc.join()
            conn.close()
    for k in range(len(children)):
        msg = results.get(k, ("error", "the part's process ended without a result", False))
        if msg[0] == "error":
            raise (InvalidInput if msg[2] else LocalServerError)(f"Writing CSV files (part {k + 1}): {msg[1]}")
        plans.append(msg[1])
    return merge_plans(plans, directory)
