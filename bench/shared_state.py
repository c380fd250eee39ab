"""What the state shared by an API server's workers costs per request, in microseconds, each
figure next to an anchor measured in the same run (a dictionary lookup and ``os.stat`` of a file).

    python -m bench.shared_state [--repeat 20000]

* ``lockout check``: what every request carrying a token adds (``FailedTokens.refused``: an 8-byte
  read from a shared mapping and two dictionary lookups);
* ``cursor sign + open``: a gap page's cursor (itsdangerous, HMAC-SHA256);
* ``slot acquire + release``: what an expensive or heavy request adds (lock files, ``flock``);
* ``failed token recorded``: what a refused token adds (one SQLite write transaction).

Cheap reads pay none of the last two.  Figures are printed, never asserted (docs/design.md §5).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from orgnet.api.failed_tokens import FailedTokens
from orgnet.api.limits import Limiter
from orgnet.coverage.cursor import open_cursor, sign_cursor


def per_call_us(fn: Callable[[int], object], repeat: int) -> float:
    start = time.perf_counter()
    for i in range(repeat):
        fn(i)
    return (time.perf_counter() - start) / repeat * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20_000)
    args = parser.parse_args(argv)
    n = args.repeat
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        failures = FailedTokens(directory, per_address=10, per_token=20, window_s=300)
        limiter = Limiter(slots=4, per_caller=2, directory=directory / "slots")
        listing = ["household_linkage", "320300", "2020-02-01"]
        cursor = sign_cursor("gaps", listing, after="hh-000123", key=b"k" * 32, t=146_000)
        table = {f"k{i}": i for i in range(1000)}
        anchor_file = directory / "anchor"
        anchor_file.write_text("x")
        rows = [
            ("anchor: dict lookup", per_call_us(lambda i: table.get("k5"), n)),
            ("anchor: os.stat of a file", per_call_us(lambda i: os.stat(anchor_file), n)),
            ("lockout check (every request with a token)", per_call_us(lambda i: failures.refused("10.0.0.1", "digest"), n)),
            (
                "cursor sign + open (a gap page with a cursor)",
                per_call_us(lambda i: open_cursor(sign_cursor("gaps", listing, after="hh-1", key=b"k" * 32, t=1), "gaps", listing, key=b"k" * 32), n),
            ),
            ("cursor open only", per_call_us(lambda i: open_cursor(cursor, "gaps", listing, key=b"k" * 32), n)),
            ("slot acquire + release (costly requests only)", per_call_us(lambda i: limiter.acquire(f"caller-{i % 50}").release(), n // 4)),
            ("failed token recorded (refused tokens only)", per_call_us(lambda i: failures.record(f"10.1.{i // 250}.{i % 250}", f"d{i}"), min(n // 10, 2000))),
        ]
    width = max(len(name) for name, _ in rows)
    for name, us in rows:
        print(f"{name:<{width}}  {us:9.2f} µs")


if __name__ == "__main__":
    main()
