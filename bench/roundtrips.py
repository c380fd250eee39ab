"""Round trips and database hits of single reads at city scale: load-independent figures.

    python -m bench.roundtrips [--bolt-port 7713 --http-port 7714 --home .orgnet-bench]

Runs the service functions the read endpoints call, in process, against the bench database (already
loaded with its summaries, e.g. by ``python -m bench.load --scale city``), and counts for each
request the Neo4j round trips (``Graph.read`` calls) and the database hits of its statements
(``PROFILE``, summed).  Round trips and db hits do not depend on how busy the machine is, unlike
milliseconds; the wall time is given too, next to ``RETURN 1`` (the anchor) measured just before.
A second call of the same request shows what the in-process result cache saves.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench.blocks import write_block
from bench.run import Bench, Config

CASES = [
    ("coverage household_linkage city", "coverage", {"metric": "household_linkage", "region_id": "320300", "as_of": dt.date(2020, 3, 31)}),
    ("gaps household_linkage city 2020-02-01", "gaps", {"metric": "household_linkage", "region_id": "320300", "as_of": dt.date(2020, 2, 1), "limit": 50}),
    ("gaps enterprise_pairing city", "gaps", {"metric": "enterprise_pairing", "region_id": "320300", "as_of": dt.date(2020, 3, 31), "limit": 50}),
    ("scorecard city", "scorecard", {"region_id": "320300", "as_of": dt.date(2020, 3, 31)}),
    (
        "hotspots household_linkage city→village",
        "hotspots",
        {"metric": "household_linkage", "region_id": "320300", "level": "village", "as_of": dt.date(2020, 3, 31)},
    ),
]


class Counting:
    """Wraps ``Graph.read`` of one graph: counts calls and, when asked, sums PROFILE db hits."""

    def __init__(self, graph: Any, profile: bool) -> None:
        self.graph, self.profile, self.calls, self.db_hits, self.unprofiled = graph, profile, 0, 0, 0
        self.real = graph.read

    def __call__(self, query: str, params: Any = None, **kw: Any) -> list[dict[str, Any]]:
        self.calls += 1
        if self.profile:
            try:
                with self.graph.driver.session(database=self.graph.database) as s:
                    result = s.run("PROFILE " + query, dict(params or {}))
                    list(result)  # profiler stats come with the last record
                    self.db_hits += _hits(result.consume().profile)
            except Exception:  # noqa: BLE001 - a statement PROFILE cannot run is counted apart
                self.unprofiled += 1
        return self.real(query, params, **kw)


def _hits(plan: dict[str, Any] | None) -> int:
    if not plan:
        return 0
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


def measure(graph: Any, reps: int = 5) -> list[dict[str, Any]]:
    from orgnet.coverage import result_cache, service
    from orgnet.coverage.policy import default_policy

    policy = default_policy()
    out = []
    for name, fn, kwargs in CASES:
        call = getattr(service, fn)
        counting = Counting(graph, profile=True)
        graph.read = counting
        try:
            call(graph, policy=policy, **kwargs)  # the first call: nothing reused yet (if the cache is there)
            first = {"round_trips": counting.calls, "db_hits": counting.db_hits, "unprofiled": counting.unprofiled}
            counting.calls, counting.db_hits, counting.unprofiled = 0, 0, 0
            call(graph, policy=policy, **kwargs)
            again = {"round_trips": counting.calls, "db_hits": counting.db_hits, "unprofiled": counting.unprofiled}
        finally:
            del graph.read
        times = []
        cache = getattr(result_cache, "cached_results", None)
        for _ in range(reps):
            if cache is not None:
                cache.clear()
            t0 = time.perf_counter()
            call(graph, policy=policy, **kwargs)
            times.append((time.perf_counter() - t0) * 1000)
        out.append({"case": name, "first": first, "again": again, "ms_uncached_p50": round(statistics.median(times), 1)})
    return out


def anchor_ms(graph: Any, reps: int = 20) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        graph.read("RETURN 1 AS x")
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def render(result: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """The ``bench.roundtrips`` block of RESULTS.md (``before``: the same figures of an earlier
    version, e.g. measured with ``PYTHONPATH`` pointing at its checkout)."""
    prior = {c["case"]: c for c in (before or {}).get("cases", [])}
    out = [
        "## Read path: round trips and db hits\n",
        f"Written by `python -m bench.roundtrips` ({result.get('date', '?')}; city bench database with its summaries). "
        "Per request, in process: Neo4j round trips and the `PROFILE` db hits of its statements, for the first call and for the "
        "same request again (the summaries unchanged: the result is reused). Round trips and db hits do not depend on the load; the "
        f"milliseconds (p50 of 5 uncached calls) do: load average {result['load_avg']} at start, {result.get('load_avg_end')} at end, "
        f"anchor `RETURN 1` p50 {result['anchor_return1_ms']} ms in the same run"
        + (f" (before: load {before['load_avg']}, anchor {before['anchor_return1_ms']} ms)" if before else "")
        + ".\n",
        "| request | round trips: first / again | db hits: first / again | ms p50 (uncached) / anchors | "
        + ("before: round trips (every call) | before: db hits | before: ms p50 / anchors |" if before else ""),
        "|---|---|---|---|" + ("---|---|---|" if before else ""),
    ]
    for c in result["cases"]:
        line = (
            f"| {c['case']} | {c['first']['round_trips']} / {c['again']['round_trips']} | {c['first']['db_hits']:,} / {c['again']['db_hits']:,} | "
            f"{c['ms_uncached_p50']} ({c['ms_uncached_p50'] / result['anchor_return1_ms']:.0f}×) |"
        )
        b = prior.get(c["case"])
        if before and b:
            line += f" {b['first']['round_trips']} | {b['first']['db_hits']:,} | {b['ms_uncached_p50']} ({b['ms_uncached_p50'] / before['anchor_return1_ms']:.0f}×) |"
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(prog="python -m bench.roundtrips")
    p.add_argument("--home", type=Path, default=Path(os.environ.get("ORGNET_BENCH_HOME", Path(__file__).resolve().parent.parent / ".orgnet-bench")))
    p.add_argument("--bolt-port", type=int, default=int(os.environ.get("ORGNET_BENCH_BOLT_PORT", "7691")))
    p.add_argument("--http-port", type=int, default=int(os.environ.get("ORGNET_BENCH_HTTP_PORT", "7478")))
    p.add_argument("--before", type=Path, default=None, help="JSON of an earlier run to show next to this one")
    p.add_argument("--results", type=Path, default=None, help="write the bench.roundtrips block of this file (e.g. bench/RESULTS.md)")
    p.add_argument("--render", type=Path, default=None, help="only render this JSON (no measurement)")
    args = p.parse_args(argv)
    before = json.loads(args.before.read_text()) if args.before else None
    if args.render:
        result = json.loads(args.render.read_text())
        if args.results:
            write_block(args.results, "bench.roundtrips", render(result, before))
        return result
    bench = Bench(Config(scale="city", home=args.home.resolve(), bolt_port=args.bolt_port, http_port=args.http_port, quick=True))
    bench.server.install()
    bench.server.start()
    with bench.graph() as graph:
        result = {"load_avg": [round(x, 2) for x in os.getloadavg()], "anchor_return1_ms": anchor_ms(graph), "cases": measure(graph)}
    result["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    if args.results:
        write_block(args.results, "bench.roundtrips", render(result, before))
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
