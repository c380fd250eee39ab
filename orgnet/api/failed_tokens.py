"""Failed tokens, counted for the whole server: every worker sees every worker's failures.

Two limits, in a moving window of ``AUTH_FAILURE_WINDOW_S``:

* **per address**: at most ``AUTH_FAILURES_MAX`` *different* unknown tokens from one client address
  (guessing); the same wrong token sent again (the dashboard repeats a mistyped one on each of
  its calls) counts once;
* **per token**: at most ``AUTH_TOKEN_FAILURES_MAX`` failed attempts with one and the same token,
  from any address (a token replayed from many addresses).

Over either, every request of that address, or with that token, is refused with 429 until the
window frees up, the right token included (else a guess that hits would still answer differently).

**Where the counts live, and what they cost.**  The failures are rows of a small SQLite file in the
server's state folder (``API_STATE_DIR``); recording one is a short write transaction, paid only by
a request whose token failed (which already cost a database read and an Argon2 check).  A key that
crosses a limit gets a lockout row and bumps an 8-byte generation number in a memory-mapped file.
The check every request with a token makes is in memory: each worker keeps the lockouts it last
read and reads the generation from the mapping (no system call, no lock); only when it changed does
the worker read the lockouts again.  So a cheap read with a good token costs a dictionary lookup,
and a flood of failures costs one write each until its key is locked out, then nothing.

Why not Neo4j: the check would add a round trip to every authenticated request, and the counts
would outlive nothing useful; why not shared memory alone: a moving window with distinct tokens is
a table, and SQLite keeps it consistent between processes with no code of ours.
"""

from __future__ import annotations

import math
import mmap
import os
import sqlite3
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (kind TEXT NOT NULL, key TEXT NOT NULL, token TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_by_key ON failures (kind, key, at);
CREATE INDEX IF NOT EXISTS failures_by_time ON failures (at);
CREATE TABLE IF NOT EXISTS lockouts (kind TEXT NOT NULL, key TEXT NOT NULL, until REAL NOT NULL, PRIMARY KEY (kind, key));
"""
ADDRESS, TOKEN = "address", "token"
_GENERATION = struct.Struct("<Q")


class FailedTokens:
    """The failed-token limits of one server, kept in ``directory`` (shared by its workers).

    >>> import tempfile
    >>> now = [1000.0]
    >>> limits = FailedTokens(Path(tempfile.mkdtemp()), per_address=2, per_token=3, window_s=60, clock=lambda: now[0])
    >>> for token in ("t1", "t1", "t2"):
    ...     limits.refused("10.0.0.1", token), limits.record("10.0.0.1", token)
    (None, None)
    (None, None)
    (None, None)
    >>> limits.refused("10.0.0.1", "t3"), limits.refused("10.0.0.2", "t3")  # two different tokens: the address is out
    (60, None)
    >>> limits.record("10.0.0.2", "t1"); limits.refused("10.0.0.3", "t1")  # t1 failed three times, from anywhere
    60
    >>> now[0] += 60; limits.refused("10.0.0.1", "t3"), limits.refused("10.0.0.3", "t1")
    (None, None)
    """

    def __init__(self, directory: Path, *, per_address: int, per_token: int, window_s: float, clock: Callable[[], float] = time.time) -> None:
        self.per_address = per_address
        self.per_token = per_token
        self.window_s = window_s
        self.clock = clock
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._db_path = directory / "auth-failures.sqlite3"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._generation = _mapped_counter(directory / "auth-failures.generation")
        self._seen_generation = -1
        self._lockouts: dict[tuple[str, str], float] = {}

    def _connection(self) -> sqlite3.Connection:  # under self._lock
        if self._db is None:
            fd = os.open(self._db_path, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
            db = sqlite3.connect(self._db_path, timeout=5.0, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # counts lost in a power cut are no loss
            db.executescript(_SCHEMA)
            self._db = db
        return self._db

    def refused(self, address: str, token: str) -> int | None:
        """Seconds until ``address`` may send, and ``token`` be tried, again; None when both may now.
        In memory unless another worker locked a key out since this one last looked."""
        generation = _GENERATION.unpack_from(self._generation)[0]
        if generation != self._seen_generation:
            self._reload(generation)
        now = self.clock()
        waits = [until - now for until in (self._lockouts.get((ADDRESS, address)), self._lockouts.get((TOKEN, token))) if until and until > now]
        return max(1, math.ceil(max(waits))) if waits else None

    def _reload(self, generation: int) -> None:
        with self._lock:
            rows = self._connection().execute("SELECT kind, key, until FROM lockouts WHERE until > ?", (self.clock(),)).fetchall()
        self._lockouts = {(kind, key): until for kind, key, until in rows}
        self._seen_generation = generation

    def record(self, address: str, token: str) -> None:
        """One failed attempt of ``token`` (a digest, never the token) from ``address``.  A blocking
        write (SQLite waits for another worker's): called off the event loop."""
        now = self.clock()
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM failures WHERE at <= ?", (now - self.window_s,))
                db.execute("DELETE FROM lockouts WHERE until <= ?", (now,))
                known = db.execute("SELECT 1 FROM failures WHERE kind = ? AND key = ? AND token = ?", (ADDRESS, address, token)).fetchone()
                if known is None:  # a token this address has not failed with yet: one more guess
                    db.execute("INSERT INTO failures VALUES (?, ?, ?, ?)", (ADDRESS, address, token, now))
                db.execute("INSERT INTO failures VALUES (?, ?, '', ?)", (TOKEN, token, now))
                locked = False
                for kind, key, limit in ((ADDRESS, address, self.per_address), (TOKEN, token, self.per_token)):
                    times = [at for (at,) in db.execute("SELECT at FROM failures WHERE kind = ? AND key = ? ORDER BY at", (kind, key))]
                    if len(times) >= limit:  # over until the oldest failure that keeps it over leaves the window
                        db.execute("INSERT OR REPLACE INTO lockouts VALUES (?, ?, ?)", (kind, key, times[len(times) - limit] + self.window_s))
                        locked = True
                if locked:  # every worker reads the lockouts again (the write lock orders the increments)
                    _GENERATION.pack_into(self._generation, 0, _GENERATION.unpack_from(self._generation)[0] + 1)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _mapped_counter(path: Path) -> mmap.mmap:
    """An 8-byte counter in ``path``, mapped shared (created zero when missing)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_size < _GENERATION.size:
            os.ftruncate(fd, _GENERATION.size)  # a racing worker's truncate to the same size changes nothing
        return mmap.mmap(fd, _GENERATION.size, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
    finally:
        os.close(fd)
