"""Pairing suggestions: how long ``GET /v1/suggestions/enterprise_pairing`` takes, before and after.

    python -m bench.suggestions --reuse --home .orgnet-test --bolt-port 7804 --http-port 7824 --before /path/to/main

It uses the bench's own Neo4j (``bench.run``'s ``.orgnet-bench/``; ``--home``, the ports and the
memory as there), which must hold a seed (``--reuse``; the test seed or the demo seed), serves the
API with uvicorn in a subprocess (this checkout, then ``--before``'s if given) and asks for the
city's suggestions on a day of the seed (most enterprises paired) and on an early day (every
enterprise lacks every level: the largest network, where issue 20's schemathesis run saw 10 s).

Results: ``bench/out/suggestions.json`` and the ``bench.suggestions`` block of RESULTS.md.  No test
asserts on these figures (docs/design.md §5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.queries import ApiServer, percentiles
from bench.run import DEFAULT_HOME, DEFAULT_RESULTS, Bench, Config

OUT = Path(__file__).resolve().parent / "out"
CITY = "320300"
DAYS = ("2020-03-31", "2000-01-01")
GOAL_MS = 1000.0


def _time(base: str, token: str, *, day: str, repeat: int) -> dict[str, Any]:
    import httpx

    samples, body = [], {}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300) as client:
        client.get("/v1/suggestions/enterprise_pairing", params={"region": CITY, "as_of": day})  # warm: plans compiled
        for _ in range(repeat):
            t0 = time.perf_counter()
            r = client.get("/v1/suggestions/enterprise_pairing", params={"region": CITY, "as_of": day})
            samples.append(time.perf_counter() - t0)
            r.raise_for_status()
            body = r.json()
    return {**percentiles(samples), "needs": body.get("needs"), "suggestions": len(body.get("suggestions") or [])}


def measure(bench: Bench, *, before: Path | None, repeat: int) -> dict[str, Any]:
    from orgnet.accounts import store

    graph = bench.graph()
    if not graph.read("MATCH (r:Region {id: $id}) RETURN r.id AS id", {"id": CITY}):
        raise SystemExit(f"the bench database holds no region {CITY}: load a seed first")
    account, token = store.add_account(graph, name="bench-suggestions", role="planner", scope=[CITY])
    out: dict[str, Any] = {"enterprises": graph.read("MATCH (e:Enterprise) RETURN count(e) AS n")[0]["n"], "runs": {}}
    try:
        for label, code in (("after", None), ("before", before)):
            if label == "before" and code is None:
                continue
            load = round(psutil.getloadavg()[0], 1)
            with ApiServer(bench, **({"code": code} if code else {})) as api:
                out["runs"][label] = {"load": load, "days": {day: _time(api.base_url, token, day=day, repeat=repeat) for day in DAYS}}
            bench.log(f"{label}: {out['runs'][label]}")
    finally:
        graph.write("MATCH (a:Account {id: $a}) DETACH DELETE a", {"a": account["id"]})
        graph.close()
    return out


def render(result: dict[str, Any], command: str) -> str:
    m = result["machine"]
    lines = [
        "## Pairing suggestions (issue 20)",
        "",
        f"`{command}` on {result['date']}: {m['cpus']} CPUs, {m['python']}; the machine shared with other work. "
        f"{result['enterprises']} enterprises; `GET /v1/suggestions/enterprise_pairing?region={CITY}` through one API worker, "
        f"{result['repeat']} requests after a warm-up; *before* is the code before the change (networkx's network simplex on the whole "
        "network, each need's candidates read again per enterprise), *after* solves each jurisdiction's part on its own (greedy where "
        "its needs share one candidate list: a min-cost maximum flow there) and reads each jurisdiction's candidates once.",
        "",
        "| code | load avg | as_of | needs | p50 ms | p95 ms | max ms | goal |",
        "|---|---:|---|---:|---:|---:|---:|---|",
    ]
    for label in ("before", "after"):
        run = result["runs"].get(label)
        if not run:
            continue
        for day, p in run["days"].items():
            goal = f"< {GOAL_MS:.0f} ms: " + ("met" if p.get("p95", 1e9) < GOAL_MS else "**not met**")
            lines.append(f"| {label} | {run['load']} | {day} | {p.get('needs')} | {p.get('p50')} | {p.get('p95')} | {p.get('max')} | {goal} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="The bench database as it is (required: it must hold a seed)")
    parser.add_argument("--before", type=Path, help="Another checkout to measure as the code before")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    parser.add_argument("--bolt-port", type=int, default=7691)
    parser.add_argument("--http-port", type=int, default=7478)
    parser.add_argument("--heap", default="")
    parser.add_argument("--pagecache", default="")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    command = "python -m bench.suggestions " + " ".join(a for a in (argv or __import__("sys").argv[1:]))
    bench = Bench(Config(scale="demo", home=args.home, bolt_port=args.bolt_port, http_port=args.http_port, heap=args.heap, pagecache=args.pagecache))
    was_running = bench.server.status().running
    bench.server.start()
    try:
        result = measure(bench, before=args.before, repeat=args.repeat)
    finally:
        if not was_running:
            bench.server.stop()
    result.update(
        command=command.strip(),
        date=dt.date.today().isoformat(),
        repeat=args.repeat,
        machine={"cpus": psutil.cpu_count(), "python": platform.python_version()},
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "suggestions.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write_block(args.results, "bench.suggestions", render(result, result["command"]))
    print(render(result, result["command"]))
    return result


if __name__ == "__main__":
    main()
