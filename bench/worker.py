"""The benchmark's subprocess tasks: each runs alone in its process and prints one JSON line.

A loader measured in its own process has its own peak RSS (``ru_maxrss``) and CPU time, and
can run with or without ``neo4j-rust-ext`` (``--no-rust`` hides the extension before the
driver is imported).  Settings come from the environment that :mod:`bench.run` prepares
(``ORGNET_HOME``, ``NEO4J_BOLT_PORT``, ``NEO4J_PASSWORD``, ...).

    python -m bench.worker generate --scale demo
    python -m bench.worker load --scale demo [--batch-size N] [--workers N] [--sections households,household_links --suffix -x] [--no-rust]
    python -m bench.worker offline --scale demo
    python -m bench.worker reference --scale demo --as-of 2020-03-31
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from collections.abc import Iterator
from typing import Any


def _usage() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_mib": round(me.ru_maxrss / 1024, 1),
        "cpu_s": round(me.ru_utime + me.ru_stime, 3),
        "children_cpu_s": round(kids.ru_utime + kids.ru_stime, 3),
        "children_peak_rss_mib": round(kids.ru_maxrss / 1024, 1),
    }


def _emit(result: dict[str, Any]) -> None:
    print("BENCH-RESULT " + json.dumps({**result, **_usage()}, default=str), flush=True)


def _stream(scale: str, seed: int, sections: list[str] | None, suffix: str) -> Iterator[tuple[str, list[Any]]]:
    """The generator's stream, optionally cut to some sections with household ids suffixed.

    The suffix makes a section's nodes new (``MERGE`` creates rather than matches), so the same
    records can be written again next to an already loaded scenario: the batch-size sweep and
    the rust-ext comparison run on the city graph without wiping it.
    """
    from orgnet.seed.generator import generate

    for section, batch in generate(seed=seed, scale=scale):  # type: ignore[arg-type]
        if sections is not None and section not in sections:
            continue
        if suffix and section == "households":
            batch = [r.model_copy(update={"id": r.id + suffix}) for r in batch]
        elif suffix and section == "household_links":
            batch = [r.model_copy(update={"household_id": r.household_id + suffix}) for r in batch]
        yield section, batch


def cmd_generate(args: argparse.Namespace) -> None:
    from orgnet.seed.generator import generate

    counts: dict[str, int] = {}
    start = time.perf_counter()
    for section, batch in generate(seed=args.seed, scale=args.scale):
        counts[section] = counts.get(section, 0) + len(batch)
    seconds = time.perf_counter() - start
    _emit({"task": "generate", "records": counts, "total": sum(counts.values()), "seconds": round(seconds, 3)})


def cmd_load(args: argparse.Namespace) -> None:
    if args.no_rust:
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # the driver falls back to pure Python
    import neo4j._codec.packstream.v1 as packstream

    from orgnet.graph.db import Graph
    from orgnet.graph.loader import load_stream
    from orgnet.settings import Settings

    sections = args.sections.split(",") if args.sections else None
    with Graph.from_settings(Settings()) as graph:
        report = load_stream(
            graph,
            _stream(args.scale, args.seed, sections, args.suffix),
            batch_size=args.batch_size,
            prefetch=not args.no_prefetch,
            workers=args.workers,
        )
    _emit(
        {
            "task": "load",
            "rust": packstream._rust_pack is not None,
            "batch_size": args.batch_size,
            "workers": args.workers,
            "prefetch": not args.no_prefetch,
            "sections": sections,
            **report.as_dict(),
        }
    )


def cmd_summaries(args: argparse.Namespace) -> None:
    """Time the live queries on the loaded graph (city level: the "before"), then compute the
    stored coverage summaries (the fast path's last step)."""
    from orgnet.coverage import service
    from orgnet.coverage.metrics import METRICS
    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.summaries import refresh
    from orgnet.graph.db import Graph
    from orgnet.settings import Settings

    policy = default_policy()
    as_of = dt.date.fromisoformat(args.as_of)
    live: dict[str, dict[str, float]] = {}
    with Graph.from_settings(Settings()) as graph:
        city = graph.read("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
        if args.live_reps:
            for m in METRICS:
                times: dict[str, list[float]] = {"coverage": [], "gaps": []}
                # one unmeasured call each first: query planning and a cold page cache are not the query's cost
                service.coverage(graph, metric=m.name, region_id=city, as_of=as_of, policy=policy, source="live")
                service.gaps(graph, metric=m.name, region_id=city, as_of=as_of, policy=policy, source="live")
                for _ in range(args.live_reps):
                    t = time.perf_counter()
                    service.coverage(graph, metric=m.name, region_id=city, as_of=as_of, policy=policy, source="live")
                    times["coverage"].append(time.perf_counter() - t)
                    t = time.perf_counter()
                    service.gaps(graph, metric=m.name, region_id=city, as_of=as_of, policy=policy, source="live")
                    times["gaps"].append(time.perf_counter() - t)
                live[m.name] = {k: round(sorted(v)[len(v) // 2] * 1000, 1) for k, v in times.items()}
                print(f"live {m.name}: {live[m.name]}", file=sys.stderr, flush=True)
        report = refresh(graph, policy=policy, workers=args.workers)
    _emit({"task": "summaries", "live_city_ms": live, **report.as_dict()})


def cmd_offline(args: argparse.Namespace) -> None:
    from orgnet.graph.offline import offline_load
    from orgnet.seed.parts import seed_parts
    from orgnet.settings import Settings

    batches, parallel = seed_parts(args.seed, args.scale)
    report = offline_load(
        Settings(),
        batches,
        parallel=parallel,
        replace=True,
        say=lambda m: print(m, file=sys.stderr, flush=True),
        import_heap=args.import_heap,
        max_off_heap=args.max_off_heap or None,
    )
    _emit({"task": "offline", **report.as_dict()})


def cmd_reference(args: argparse.Namespace) -> None:
    from orgnet.coverage.metrics import METRICS
    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.reference import Reference
    from orgnet.seed.generator import build_bundle

    as_of = dt.date.fromisoformat(args.as_of)
    t = time.perf_counter()
    bundle = build_bundle(seed=args.seed, scale=args.scale)
    seconds_bundle = time.perf_counter() - t
    t = time.perf_counter()
    ref = Reference(bundle)
    seconds_graph = time.perf_counter() - t
    policy = default_policy()
    city = next(r.id for r in bundle.regions if r.parent_id is None)
    del bundle
    metrics = {}
    for m in METRICS:
        t = time.perf_counter()
        out = ref.rollup(m.name, region_id=city, as_of=as_of, policy=policy)
        metrics[m.name] = {"seconds": round(time.perf_counter() - t, 3), "covered": out["region"][0], "total": out["region"][1]}
        print(f"{m.name}: {metrics[m.name]}", file=sys.stderr, flush=True)
    _emit(
        {
            "task": "reference",
            "seconds_bundle": round(seconds_bundle, 3),
            "seconds_graph": round(seconds_graph, 3),
            "nodes": ref.graph.number_of_nodes(),
            "edges": ref.graph.number_of_edges(),
            "metrics": metrics,
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="task", required=True)
    for name in ("generate", "load", "offline", "reference", "summaries"):
        p = sub.add_parser(name)
        p.add_argument("--scale", default="demo", choices=["demo", "city"])
        p.add_argument("--seed", type=int, default=2020)
        if name == "load":
            p.add_argument("--batch-size", type=int, default=5000)
            p.add_argument("--workers", type=int, default=1)
            p.add_argument("--sections", default="")
            p.add_argument("--suffix", default="")
            p.add_argument("--no-rust", action="store_true")
            p.add_argument("--no-prefetch", action="store_true")
        if name == "offline":
            p.add_argument("--import-heap", default="1g")
            p.add_argument("--max-off-heap", default="")
        if name in ("reference", "summaries"):
            p.add_argument("--as-of", default="2020-03-31")
        if name == "summaries":
            p.add_argument("--live-reps", type=int, default=3)
            p.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    {"generate": cmd_generate, "load": cmd_load, "offline": cmd_offline, "reference": cmd_reference, "summaries": cmd_summaries}[args.task](args)


if __name__ == "__main__":
    main()
