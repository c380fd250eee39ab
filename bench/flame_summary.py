"""Where a py-spy profile's samples go, by the part of the read path they are in.

    py-spy record --subprocesses -r 50 -d 17 -f raw -p <uvicorn pid> -o bench/out/profile.raw
    python -m bench.flame_summary bench/out/profile.raw [--rps 250 --seconds 17]

Each sample (a collapsed stack) is given to the first part whose marker appears in it, from the
innermost frame outwards: so a pydantic validation inside the summaries' state check counts as that
check.  With ``--rps`` and ``--seconds`` the shares are also given as CPU milliseconds per request
(samples at ``--rate`` per second, idle excluded as py-spy does by default).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

# (part, markers in a frame); the first part found walking from the innermost frame wins
PARTS: list[tuple[str, tuple[str, ...]]] = [
    # waits py-spy may count as active: not CPU, kept apart
    ("(waiting for Neo4j's answer: not CPU)", ("_wait_for_io", "recv_into", "BoltSocketBase._socket")),
    ("(idle event loop: not CPU)", ("EpollSelector.select",)),
    ("(idle worker thread: not CPU)", ("Condition.wait",)),
    ("generation check round trip (summary_view)", ("summary_view", "population_query")),
    ("Neo4j driver (queries)", ("/neo4j/",)),
    ("deep copy of a cached result", ("deepcopy", "copy.py")),
    ("response validation and JSON encoding", ("serialize_response", "validate_python", "dump_json", "jsonable_encoder", "answers.py", "json/encoder")),
    ("authentication", ("AuthenticationMiddleware", "accounts/store", "identify", "get_caller")),
    ("guard middleware (hosts, headers, body limit)", ("guard.py",)),
    ("dependencies and routing (FastAPI)", ("solve_dependencies", "fastapi/routing", "fastapi/dependencies", "starlette/routing")),
    ("thread hops (anyio worker threads)", ("anyio", "to_thread", "run_in_threadpool", "threading.py")),
    ("HTTP (uvicorn, h11/httptools)", ("uvicorn/protocols", "h11", "httptools")),
    ("event loop", ("asyncio", "uvloop")),
]


def part_of(stack: list[str]) -> str:
    for part, markers in PARTS[:3]:  # the innermost frame decides whether it waits
        if any(m in stack[-1] for m in markers):
            return part
    for frame in reversed(stack):
        for part, markers in PARTS[3:]:
            if any(m in frame for m in markers):
                return part
    return "other"


WAITS = [
    ("the generation check (summary_view)", "summary_view"),
    ("the events dispatcher (background)", "Dispatcher"),
    ("region held here? (exchange)", "require_held_here"),
    ("a region's children", "region_children"),
    ("one region", "get_region"),
]


def waits(path: Path) -> Counter[str]:
    """The samples waiting for Neo4j, by what waits (the query a request or a thread sent)."""
    out: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or not any(m in frames[-1] for m in PARTS[0][1]):
            continue
        out[next((name for name, marker in WAITS if marker in stack), "computing an answer (a miss)")] += int(count)
    return out


def summarise(path: Path) -> tuple[Counter[str], int]:
    parts: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        parts[part_of(stack.split(";"))] += n
    return parts, total


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.flame_summary")
    p.add_argument("raw", type=Path)
    p.add_argument("--rps", type=float, default=None, help="requests per second during the profile")
    p.add_argument("--seconds", type=float, default=17.0)
    p.add_argument("--rate", type=float, default=50.0, help="py-spy's samples per second (-r)")
    a = p.parse_args()
    parts, total = summarise(a.raw)
    print(f"| part | samples | share |{' CPU ms per request |' if a.rps else ''}")
    print(f"|---|---|---|{'---|' if a.rps else ''}")
    for part, n in parts.most_common():
        ms = f" {n / a.rate / (a.rps * a.seconds) * 1000:.2f} |" if a.rps else ""
        print(f"| {part} | {n} | {n / max(1, total):.0%} |{ms}")
    print(f"| **all** | {total} | 100% |{f' {total / a.rate / (a.rps * a.seconds) * 1000:.2f} |' if a.rps else ''}")
    waiting = waits(a.raw)
    print("\n| waiting for Neo4j: who waits | samples | share of the waits |\n|---|---|---|")
    for name, n in waiting.most_common():
        print(f"| {name} | {n} | {n / max(1, sum(waiting.values())):.0%} |")


if __name__ == "__main__":
    main()
