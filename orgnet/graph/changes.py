"""A change signal: has anything written to the graph since a reader last looked?

Readers that reuse answers (:mod:`orgnet.coverage.result_cache`) must learn of a write at once,
without asking Neo4j on every request.  Every write transaction orgnet runs
(:meth:`orgnet.graph.db.Graph._transaction` with ``write=True``, and
:meth:`~orgnet.graph.db.Graph.delete_all`) calls :func:`bump` when it ends, committed or not:

* **in this process**: a counter, so the writing worker's next read sees the change;
* **on this machine**: one byte appended to a file shared by every orgnet process that uses the
  same ``ORGNET_HOME`` and the same database (:func:`share`, called by
  :meth:`Graph.from_settings <orgnet.graph.db.Graph.from_settings>`): every worker of
  ``orgnet serve`` and every ``orgnet`` command (an import, a refresh, a record) on the machine.

:func:`state` is what a reader compares: the counter and the file's ``stat`` (inode, size and
modification time).  Reading it costs one ``stat`` system call, a few microseconds, and no
Neo4j round trip.  Appending is atomic (``O_APPEND``) whatever the number of writers, so the size
only grows; past :data:`ROTATE_BYTES` a writer replaces the file by an empty one (a new inode,
so a reader still sees a different state).

The file is keyed by the home and database rather than by the server's state folder
(``API_STATE_DIR``): a command of the same home writes the same database as the server, yet knows
nothing of the server's port.  Writes from elsewhere (another host, Neo4j Browser, a home of its
own) do not bump it: readers re-check the database itself at most once per
:data:`~orgnet.coverage.result_cache.RECHECK_S` for those.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> class Driver: pass
>>> a, b = Driver(), Driver()   # two processes' drivers, sharing one file
>>> share(a, folder / "changes"); share(b, folder / "changes")
>>> before = state(b)
>>> bump(a)
>>> state(b) != before
True
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
import weakref
from pathlib import Path
from typing import Any

ROTATE_BYTES = 1 << 20
"""The shared file is replaced by an empty one past this size (a million writes)."""

_counter = itertools.count(1)
_local = 0
_lock = threading.Lock()
_SHARED: weakref.WeakKeyDictionary[Any, Path] = weakref.WeakKeyDictionary()


def signal_file(home: Path, uri: str, database: str) -> Path:
    """Where the processes of ``home`` that write ``database`` at ``uri`` share their signal.

    >>> signal_file(Path("/h"), "bolt://127.0.0.1:7687", "neo4j").parent
    PosixPath('/h/changes')
    """
    digest = hashlib.sha256(f"{uri}\n{database}".encode()).hexdigest()[:16]
    return home / "changes" / f"graph-{digest}"


def share(driver: Any, path: Path) -> None:
    """Bump and watch ``path`` for writes through ``driver`` (besides this process's counter)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        with open(path, "ab"):
            pass
    _SHARED[driver] = path


def bump(driver: Any = None) -> None:
    """Tell every reader that the graph may have changed (after a write through ``driver``)."""
    global _local
    with _lock:
        _local = next(_counter)
    path = _SHARED.get(driver) if driver is not None else None
    if path is None:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, b".")
            full = os.fstat(fd).st_size >= ROTATE_BYTES
        finally:
            os.close(fd)
        if full:
            fresh = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
            fresh.write_bytes(b"")
            os.replace(fresh, path)  # a new inode: no reader mistakes it for a state it saw
    except OSError:
        pass  # a read-only or vanished folder: the readers' periodic re-check still catches the write


def state(driver: Any = None) -> tuple[Any, ...]:
    """What changes whenever :func:`bump` is called for ``driver``'s graph, in this process or
    (when shared) any other on the machine."""
    path = _SHARED.get(driver) if driver is not None else None
    if path is None:
        return (_local,)
    try:
        st = os.stat(path)
    except OSError:
        return (_local, None)
    return (_local, st.st_ino, st.st_size, st.st_mtime_ns)
