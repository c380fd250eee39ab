"""City-scale benchmark: bulk loading and query latency, each figure next to an anchor of the same run.

    make bench                                   # = python -m bench.run  (city scale)
    python -m bench.run --scale demo --quick     # a few minutes
    python -m bench.run --render bench/out/results-city.json   # RESULTS.md again from saved figures

It uses its own local Neo4j (``.orgnet-bench/``, Bolt 7691, HTTP 7478 by default: never the
``make run`` or test databases), replaces that database several times, stops the server at the
end if it was not running before, and writes its block of ``bench/RESULTS.md`` (``bench.load`` writes the
other; see bench/blocks.py) and ``bench/out/*.json``.

What is measured, in order:

1. **Generator alone** (the floor of any load: the records must be produced), in a subprocess.
2. **Offline load** (anchor of load throughput): ``orgnet load --offline`` — CSV files streamed
   from the generator, ``neo4j-admin database import full``, server start, schema online.
3. **Coverage summaries**: the live queries timed at city level (the "before"), then the stored
   coverage summaries computed (``orgnet summaries refresh``, the fast path's last step).
4. **Query latency** on that graph: every coverage, gaps (first page and a deep page), scorecard
   and hotspots endpoint at city, county and village level, through the HTTP API (uvicorn in a
   subprocess) and as the same Cypher statements through the driver, interleaved; anchors:
   ``RETURN 1`` through the driver and ``GET /health`` through HTTP (the floors).
5. **networkx reference** of every metric (the independent computation) in a subprocess.
6. **Transactional load** (``load_stream``, MERGE batches) into the emptied database, in a
   subprocess: time, rows/s, peak RSS, CPU of client and server; the graph is checked to have
   the offline load's counts.
7. **Batch-size sweep** and **neo4j-rust-ext on/off**: the households and links sections written
   again (with fresh ids) next to the loaded graph, one subprocess each.

Tests never assert on these times; the figures are for people (docs/design.md §5).

It is over 400 lines because one benchmark run is one script: setup, every phase and the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from orgnet.settings import PROJECT_ROOT, Settings

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_HOME = PROJECT_ROOT / ".orgnet-bench"
DEFAULT_RESULTS = BENCH_DIR / "RESULTS.md"
GIB = 1024**3

GOALS = {
    "offline_seconds": 60.0,
    "transactional_rows_per_s": 50_000.0,
    "transactional_vs_offline": 10.0,
    "p95_ms": 50.0,
    "scorecard_p95_ms": 150.0,
    "api_overhead": 0.20,
    "loader_rss_mib": 1024.0,
}


def default_memory(total_bytes: int) -> tuple[str, str]:
    """Heap and page cache for the bench server: a sixth of RAM each (to 512m), between 512m and 4g.

    >>> default_memory(24 * GIB), default_memory(int(23.5 * GIB)), default_memory(4 * GIB), default_memory(12 * GIB)
    (('4g', '4g'), ('4g', '4g'), ('512m', '512m'), ('2g', '2g'))
    """
    mib = max(512, min(4096, round(total_bytes / 6 / 1024**2 / 512) * 512))
    size = f"{mib // 1024}g" if mib % 1024 == 0 else f"{mib}m"
    return size, size


@dataclass
class Config:
    scale: str = "city"
    seed: int = 2020
    quick: bool = False
    home: Path = DEFAULT_HOME
    bolt_port: int = 7691
    http_port: int = 7478
    heap: str = ""
    pagecache: str = ""
    batch_size: int = 5000
    workers: int = 2
    results: Path = DEFAULT_RESULTS
    json_out: Path | None = None
    min_reps: int = 5
    max_reps: int = 60
    budget_s: float = 1.5
    reference: str = "auto"  # auto | skip | demo | city
    reference_timeout_s: float = 900.0
    sweep: list[int] = field(default_factory=lambda: [1000, 2000, 5000, 10000, 20000])
    rust: bool = True
    import_heap: str = "1g"
    max_off_heap: str = "2g"
    metrics: list[str] = field(default_factory=list)  # empty: every metric the code has


class Bench:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        total = psutil.virtual_memory().total
        heap, pagecache = default_memory(total)
        self.heap = cfg.heap or os.environ.get("BENCH_NEO4J_HEAP") or heap
        self.pagecache = cfg.pagecache or os.environ.get("BENCH_NEO4J_PAGECACHE") or pagecache
        self.settings = Settings(
            neo4j_uri=None,
            neo4j_password=None,
            orgnet_home=cfg.home,
            neo4j_bolt_port=cfg.bolt_port,
            neo4j_http_port=cfg.http_port,
            neo4j_heap=self.heap,
            neo4j_pagecache=self.pagecache,
            query_timeout_s=600.0,
            write_batch_size=cfg.batch_size,
            neo4j_start_timeout_s=300.0,
        )
        from orgnet.graph.local_server import LocalServer

        self.server = LocalServer(self.settings, say=self.log)
        self.results: dict[str, Any] = {"config": {}, "notes": []}
        self.started = time.perf_counter()

    # -- plumbing -------------------------------------------------------------------------
    def log(self, msg: str) -> None:
        print(f"[bench {time.perf_counter() - self.started:7.1f}s] {msg}", flush=True)

    def note(self, msg: str) -> None:
        self.log("NOTE " + msg)
        self.results["notes"].append(msg)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("NEO4J_") or k in ("ORGNET_HOME", "WRITE_BATCH_SIZE", "QUERY_TIMEOUT_S"):
                del env[k]
        env.update(
            ORGNET_HOME=str(self.settings.orgnet_home),
            NEO4J_URI="",
            NEO4J_PASSWORD=self.settings.effective_password(),
            NEO4J_BOLT_PORT=str(self.settings.neo4j_bolt_port),
            NEO4J_HTTP_PORT=str(self.settings.neo4j_http_port),
            NEO4J_HEAP=self.heap,
            NEO4J_PAGECACHE=self.pagecache,
            NEO4J_START_TIMEOUT_S="300",
            QUERY_TIMEOUT_S="600",
            WRITE_BATCH_SIZE=str(self.cfg.batch_size),
            PYTHONPATH=str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            LOG_LEVEL="warning",
        )
        return env

    def worker(self, *args: str, timeout: float | None = None) -> dict[str, Any]:
        """Run ``python -m bench.worker ARGS``; its progress goes to our stderr, its result is returned."""
        cmd = [sys.executable, "-m", "bench.worker", *args]
        self.log("$ " + " ".join(cmd[1:]))
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=PROJECT_ROOT, env=self.env(), stdout=subprocess.PIPE, text=True, timeout=timeout, check=False)
        wall = time.perf_counter() - t
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH-RESULT ")), None)
        if proc.returncode != 0 or line is None:
            raise RuntimeError(f"bench.worker {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}")
        result = json.loads(line[len("BENCH-RESULT ") :])
        result["process_wall_s"] = round(wall, 3)
        return result

    def server_cpu(self) -> float:
        pid = self.server.status().pid
        if pid is None:
            return 0.0
        try:
            t = psutil.Process(pid).cpu_times()
            return t.user + t.system
        except psutil.Error:
            return 0.0

    def graph(self) -> Any:
        from orgnet.graph.db import Graph

        return Graph.from_settings(self.settings)

    # -- phases ----------------------------------------------------------------------------
    def machine(self) -> None:
        vm = psutil.virtual_memory()
        model = ""
        try:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")),
                "",
            )
        except OSError:
            pass
        java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
        import neo4j
        import neo4j._codec.packstream.v1 as packstream

        self.results["machine"] = {
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "host": platform.node(),
            "os": platform.platform(),
            "cpu": model,
            "nproc": os.cpu_count(),
            "memory_gib": round(vm.total / GIB, 1),
            "memory_available_gib": round(vm.available / GIB, 1),
            "load_avg_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "neo4j_driver": neo4j.__version__,
            "neo4j_rust_ext": packstream._rust_pack is not None,
            "java": (java.stderr or java.stdout).splitlines()[0] if (java.stderr or java.stdout) else "?",
            "neo4j": self.settings.neo4j_version,
            "heap": self.heap,
            "pagecache": self.pagecache,
            "import_heap": self.cfg.import_heap,
            "import_max_off_heap": self.cfg.max_off_heap,
        }
        self.results["config"] = {
            "scale": self.cfg.scale,
            "seed": self.cfg.seed,
            "quick": self.cfg.quick,
            "batch_size": self.cfg.batch_size,
            "workers": self.cfg.workers,
            "home": str(self.cfg.home),
            "bolt_port": self.cfg.bolt_port,
            "min_reps": self.cfg.min_reps,
            "max_reps": self.cfg.max_reps,
            "budget_s": self.cfg.budget_s,
        }
        self.log(f"machine: {self.results['machine']}")

    def generation(self) -> None:
        r = self.worker("generate", "--scale", self.cfg.scale, "--seed", str(self.cfg.seed))
        r["rows_per_second"] = round(r["total"] / r["seconds"], 1) if r["seconds"] else 0
        self.results["generate"] = r
        self.log(f"generator alone: {r['total']:,} records in {r['seconds']:.1f} s ({r['rows_per_second']:,.0f}/s), peak RSS {r['peak_rss_mib']} MiB")

    def offline(self) -> None:
        args = ["offline", "--scale", self.cfg.scale, "--seed", str(self.cfg.seed), "--import-heap", self.cfg.import_heap]
        if self.cfg.max_off_heap:
            args += ["--max-off-heap", self.cfg.max_off_heap]
        r = self.worker(*args)
        self.results["offline"] = r
        with self.graph() as g:
            from orgnet.graph.stats import graph_stats

            self.results["offline_stats"] = graph_stats(g)
        self.log(
            f"offline: {r['total']:,} records → {r['nodes']:,} nodes, {r['relationships']:,} relationships in {r['seconds']:.1f} s "
            f"(CSV {r['seconds_csv']:.1f}, import {r['seconds_import']:.1f}, start {r['seconds_start']:.1f}, schema {r['seconds_schema']:.1f}); "
            f"{r['rows_per_second']:,.0f} rows/s; peak RSS {r['peak_rss_mib']} MiB"
        )

    def summaries(self) -> None:
        r = self.worker("summaries", "--as-of", self.as_of().isoformat(), "--live-reps", "1" if self.cfg.quick else "3")
        self.results["summaries"] = r
        self.log(f"summaries: {len(r['metrics'])} metrics x {r['regions']:,} regions in {r['seconds']:.1f} s; live city-level ms: {r['live_city_ms']}")

    def transactional(self) -> None:
        from orgnet.graph.schema import apply_schema
        from orgnet.graph.stats import graph_stats

        self.server.stop()
        self.server.wipe_database()
        t = time.perf_counter()
        self.server.start()
        seconds_start = time.perf_counter() - t
        t = time.perf_counter()
        with self.graph() as g:
            apply_schema(g)
        seconds_schema = time.perf_counter() - t
        cpu0 = self.server_cpu()
        r = self.worker(
            "load", "--scale", self.cfg.scale, "--seed", str(self.cfg.seed), "--batch-size", str(self.cfg.batch_size), "--workers", str(self.cfg.workers)
        )
        r["server_cpu_s"] = round(self.server_cpu() - cpu0, 2)
        r["seconds_start"] = round(seconds_start, 3)
        r["seconds_schema"] = round(seconds_schema, 3)
        self.results["transactional"] = r
        with self.graph() as g:
            stats = graph_stats(g)
        self.results["transactional_stats"] = stats
        same = stats == self.results.get("offline_stats")
        self.results["same_counts"] = same
        if not same:
            self.note("the transactional and offline graphs have different counts (see the JSON results)")
        self.log(
            f"transactional: {r['total']:,} records in {r['seconds']:.1f} s ({r['rows_per_second']:,.0f} rows/s), peak RSS "
            f"{r['peak_rss_mib']} MiB, client CPU {r['cpu_s']:.1f} s, server CPU {r['server_cpu_s']:.1f} s; same counts as offline: {same}"
        )

    def sweep(self) -> None:
        """Households + links of the demo scenario written again (fresh household ids) per batch size."""
        rows = []
        # (suffix, batch size, workers, rust): batch sizes one at a time, then writers, then without rust
        runs: list[tuple[str, int, int, bool]] = [(f"-b{n}", n, 1, True) for n in self.cfg.sweep]
        runs += [(f"-w{w}", self.cfg.batch_size, w, True) for w in (2, 4)]
        if self.cfg.rust:
            runs += [("-norust", self.cfg.batch_size, 1, False), ("-norust-w2", self.cfg.batch_size, 2, False)]
        for suffix, size, workers, rust in runs:
            cpu0 = self.server_cpu()
            args = [
                "load",
                "--scale",
                "demo",
                "--seed",
                str(self.cfg.seed),
                "--batch-size",
                str(size),
                "--workers",
                str(workers),
                "--sections",
                "households,household_links",
                f"--suffix={suffix}",
            ]
            if not rust:
                args.append("--no-rust")
            r = self.worker(*args)
            r["server_cpu_s"] = round(self.server_cpu() - cpu0, 2)
            r["suffix"] = suffix
            rows.append(r)
            self.log(
                f"sweep {suffix}: batch {size}, workers {workers}, rust {r['rust']}: {r['total']:,} rows in {r['seconds']:.1f} s = "
                f"{r['rows_per_second']:,.0f} rows/s; client CPU {r['cpu_s']:.1f} s, server CPU {r['server_cpu_s']:.1f} s"
            )
        self.results["sweep"] = rows

    def reference(self) -> None:
        mode = self.cfg.reference
        if mode == "skip":
            return
        scale = self.cfg.scale if mode == "auto" else mode
        try:
            from orgnet.coverage import reference as _ref  # noqa: F401
        except ImportError:
            self.note("orgnet.coverage.reference is not there yet: networkx reference not measured")
            return
        need_gib = 0.9 if scale == "demo" else 9.0
        avail = psutil.virtual_memory().available / GIB
        if avail < need_gib:
            self.note(f"networkx reference at {scale} scale skipped: {avail:.1f} GiB available, about {need_gib} GiB needed")
            return
        try:
            r = self.worker(
                "reference", "--scale", scale, "--seed", str(self.cfg.seed), "--as-of", self.as_of().isoformat(), timeout=self.cfg.reference_timeout_s
            )
        except subprocess.TimeoutExpired:
            self.note(f"networkx reference at {scale} scale did not finish within {self.cfg.reference_timeout_s:.0f} s")
            return
        except RuntimeError as e:
            self.note(f"networkx reference failed: {str(e)[:500]}")
            return
        r["scale"] = scale
        self.results["reference"] = r
        self.log(f"networkx reference ({scale}): bundle {r['seconds_bundle']:.1f} s, graph {r['seconds_graph']:.1f} s, peak RSS {r['peak_rss_mib']} MiB")

    def as_of(self) -> dt.date:
        try:
            from orgnet.seed.generator import DEFAULT_TODAY

            return DEFAULT_TODAY
        except ImportError:
            return dt.date(2020, 3, 31)

    # -- queries -------------------------------------------------------------------------------
    def queries(self) -> None:
        from bench.queries import QueryBench

        QueryBench(self).run()

    # -- all -----------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        self.machine()
        self.server.install()
        was_running = self.server.status().running
        phases: list[tuple[str, Callable[[], None]]] = [
            ("generation", self.generation),
            ("offline", self.offline),
            ("summaries", self.summaries),
            ("queries", self.queries),
        ]
        phases.append(("reference", self.reference))
        phases.append(("transactional", self.transactional))
        if not self.cfg.quick:
            phases.append(("sweep", self.sweep))
        timings = {}
        try:
            for name, phase in phases:
                t = time.perf_counter()
                self.log(f"--- {name}")
                if name == "reference":
                    self.server.stop()  # frees the server's memory for the networkx graph
                try:
                    phase()
                except Exception as e:  # one failed phase is reported, the others still run
                    if name in ("offline",):
                        raise
                    self.note(f"phase {name} failed: {type(e).__name__}: {str(e)[:800]}")
                timings[name] = round(time.perf_counter() - t, 1)
        finally:
            self.results["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
            self.results["phase_seconds"] = timings
            self.results["bench_seconds"] = round(time.perf_counter() - self.started, 1)
            if not was_running:
                self.server.stop()
        return self.results


# ---------------------------------------------------------------------------------------- report


def _fmt(x: Any, unit: str = "", digits: int = 1) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.{digits}f}{unit}"
    if isinstance(x, int):
        return f"{x:,}{unit}"
    return f"{x}{unit}"


def _goal(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def render(results: dict[str, Any], command: str) -> str:
    m = results.get("machine", {})
    cfg = results.get("config", {})
    gen, off, tx = results.get("generate", {}), results.get("offline", {}), results.get("transactional", {})
    q = results.get("queries", {})
    out: list[str] = []
    w = out.append
    w("# orgnet benchmark results\n")
    w(
        f"Written by `{command}` on {m.get('date', '?')} (scale **{cfg.get('scale')}**, seed {cfg.get('seed')}"
        f"{', quick' if cfg.get('quick') else ''}); the whole run took {_fmt(results.get('bench_seconds'), ' s')}. "
        "Rerun with `make bench`. Every figure stands next to an anchor measured in the same run; "
        "tests never assert on these times.\n"
    )
    w("## Machine\n")
    w("| | |\n|---|---|")
    for k, label in [
        ("cpu", "CPU"),
        ("nproc", "cores (nproc)"),
        ("memory_gib", "memory (GiB)"),
        ("memory_available_gib", "available at start (GiB)"),
        ("load_avg_start", "load average at start (1, 5, 15 min)"),
        ("load_avg_end", "load average at end"),
        ("os", "OS"),
        ("python", "Python"),
        ("neo4j_driver", "neo4j driver"),
        ("neo4j_rust_ext", "neo4j-rust-ext active"),
        ("java", "Java"),
        ("neo4j", "Neo4j"),
        ("heap", "Neo4j heap"),
        ("pagecache", "Neo4j page cache"),
        ("import_heap", "neo4j-admin import heap"),
        ("import_max_off_heap", "neo4j-admin import max off-heap"),
    ]:
        w(f"| {label} | {m.get(k, '—')} |")
    w("")
    w(
        "The machine is shared: other processes (other engineers' Neo4j servers and test runs) compete for the "
        "same cores, so wall-clock figures move from run to run; the load averages above say how busy it was. "
        "CPU seconds of client and server are given next to wall time for that reason.\n"
    )

    # goals
    w("## Goals\n")
    w("| goal | target | measured | |\n|---|---|---|---|")
    sm = results.get("summaries", {})
    if off:
        w(
            f"| city-scale initial load via the fast path, end to end (graph loaded, schema online) | < {GOALS['offline_seconds']:.0f} s | {_fmt(off.get('seconds'), ' s')} "
            f"({_fmt(off.get('seconds_import', 0) + off.get('seconds_start', 0) + off.get('seconds_schema', 0), ' s')} from CSV files) "
            f"| {_goal(off.get('seconds', 1e9) < GOALS['offline_seconds']) if cfg.get('scale') == 'city' else '(not city scale)'} |"
        )
    if off and sm:
        both = off.get("seconds", 0) + sm.get("seconds", 0)
        w(
            f"| … and the coverage summaries computed too (fast rollups from then on) | < {GOALS['offline_seconds']:.0f} s | {_fmt(both, ' s')} "
            f"(summaries {_fmt(sm.get('seconds'), ' s')}) | {_goal(both < GOALS['offline_seconds']) if cfg.get('scale') == 'city' else '(not city scale)'} |"
        )
    if tx:
        w(
            f"| transactional loader throughput | ≥ {GOALS['transactional_rows_per_s']:,.0f} rows/s | {_fmt(tx.get('rows_per_second'), ' rows/s', 0)} "
            f"| {_goal(tx.get('rows_per_second', 0) >= GOALS['transactional_rows_per_s'])} |"
        )
    if tx and off:
        ratio = tx["seconds"] / off["seconds"] if off.get("seconds") else None
        w(
            f"| transactional vs offline importer (time ratio) | ≤ {GOALS['transactional_vs_offline']:.0f}× | {_fmt(ratio, '×', 2)} "
            f"| {_goal(ratio is not None and ratio <= GOALS['transactional_vs_offline'])} |"
        )
        w(
            f"| loader peak RSS | < {GOALS['loader_rss_mib']:.0f} MiB | {_fmt(tx.get('peak_rss_mib'), ' MiB')} "
            f"| {_goal(tx.get('peak_rss_mib', 1e9) < GOALS['loader_rss_mib'])} |"
        )
    if q.get("cases"):
        cases = [c for c in q["cases"] if c.get("api", {}).get("n")]
        plain = [c for c in cases if c["endpoint"] != "scorecard"]
        cards = [c for c in cases if c["endpoint"] == "scorecard"]
        if plain:
            over = [c for c in plain if c["api"]["p95"] >= GOALS["p95_ms"]]
            worst = max(plain, key=lambda c: c["api"]["p95"])
            w(
                f"| rollup, gap page and hotspot p95 (API), every level | < {GOALS['p95_ms']:.0f} ms | {len(plain) - len(over)} of {len(plain)} "
                f"cases under; worst {worst['api']['p95']:,.1f} ms ({worst['endpoint']} {worst['metric']} {worst['level']}) | {_goal(not over)} |"
            )
        if cards:
            worst = max(cards, key=lambda c: c["api"]["p95"])
            w(
                f"| scorecard p95 (API) | < {GOALS['scorecard_p95_ms']:.0f} ms | worst {worst['api']['p95']:,.1f} ms ({worst['level']}) "
                f"| {_goal(worst['api']['p95'] < GOALS['scorecard_p95_ms'])} |"
            )
        with_raw = [c for c in cases if c.get("raw", {}).get("n") and c["raw"]["p50"] > 0]
        if with_raw:
            overheads = sorted(c["api"]["p50"] / c["raw"]["p50"] - 1 for c in with_raw)
            med = overheads[len(overheads) // 2]
            over = sum(1 for o in overheads if o > GOALS["api_overhead"])
            w(
                f"| API overhead over raw Cypher (p50 vs p50) | ≤ {GOALS['api_overhead']:.0%} | median {med:+.0%}; {over} of {len(overheads)} "
                f"cases above 20 % | {_goal(over == 0)} |"
            )
            floor = (q.get("anchors", {}).get("health") or {}).get("p50")
            if floor:
                beyond = sorted((c["api"]["p50"] - floor) / c["raw"]["p50"] - 1 for c in with_raw)
                w(
                    f"| — the same, net of the HTTP floor (`GET /health` p50 {floor:.2f} ms subtracted from API p50) | ≤ {GOALS['api_overhead']:.0%} | "
                    f"median {beyond[len(beyond) // 2]:+.0%}; {sum(1 for o in beyond if o > GOALS['api_overhead'])} of {len(beyond)} cases above 20 % | "
                    f"{_goal(all(o <= GOALS['api_overhead'] for o in beyond))} |"
                )
    w("")

    # load
    w("## Loading\n")
    total = off.get("total") or tx.get("total") or gen.get("total")
    w(
        f"{_fmt(total)} records (scale {cfg.get('scale')}): {_fmt(off.get('nodes'))} nodes, {_fmt(off.get('relationships'))} relationships. "
        "Anchor: the offline importer's end-to-end time.\n"
    )
    w("| path | wall time | rows/s | vs offline | peak RSS (client) | CPU client / server |\n|---|---|---|---|---|---|")
    if gen:
        w(
            f"| generator alone (no database) | {_fmt(gen.get('seconds'), ' s')} | {_fmt(gen.get('rows_per_second'), '', 0)} | "
            f"{_fmt(gen['seconds'] / off['seconds'] if off.get('seconds') else None, '×', 2)} | {_fmt(gen.get('peak_rss_mib'), ' MiB')} | {_fmt(gen.get('cpu_s'), ' s')} / — |"
        )
    if off:
        w(
            f"| **offline**: CSV + `neo4j-admin database import full` + start + schema | {_fmt(off.get('seconds'), ' s')} | "
            f"{_fmt(off.get('rows_per_second'), '', 0)} | 1.00× (anchor) | {_fmt(off.get('peak_rss_mib'), ' MiB')} (largest child: importer JVM {_fmt(off.get('children_peak_rss_mib'), ' MiB')}) | "
            f"{_fmt(off.get('cpu_s'), ' s')} / children (CSV part, importer) {_fmt(off.get('children_cpu_s'), ' s')} |"
        )
        w(f"| — of which CSV files (generator + writer, two processes: household links in a child) | {_fmt(off.get('seconds_csv'), ' s')} | | | | |")
        w(f"| — of which `neo4j-admin` import ({_fmt(off.get('csv_bytes', 0) / 2**20, ' MiB')} of CSV) | {_fmt(off.get('seconds_import'), ' s')} | | | | |")
        w(f"| — of which server start | {_fmt(off.get('seconds_start'), ' s')} | | | | |")
        w(f"| — of which schema (constraints, indexes populated) | {_fmt(off.get('seconds_schema'), ' s')} | | | | |")
    if tx:
        w(
            f"| **transactional** `load_stream` (batch {tx.get('batch_size')}, {tx.get('workers', 1)} writer(s), prefetch, rust {tx.get('rust')}) | {_fmt(tx.get('seconds'), ' s')} | "
            f"{_fmt(tx.get('rows_per_second'), '', 0)} | {_fmt(tx['seconds'] / off['seconds'] if off.get('seconds') else None, '×', 2)} | "
            f"{_fmt(tx.get('peak_rss_mib'), ' MiB')} | {_fmt(tx.get('cpu_s'), ' s')} / {_fmt(tx.get('server_cpu_s'), ' s')} |"
        )
    w("")
    if "same_counts" in results:
        w(
            f"Both paths give the same node and relationship counts: **{'yes' if results['same_counts'] else 'NO'}** "
            "(`tests/integration/test_offline_load.py` compares every property on a smaller scenario).\n"
        )
    sweep = results.get("sweep") or []
    if sweep:
        w("### Batch size and neo4j-rust-ext\n")
        w(
            "The demo scenario's households and household links (308k rows: node + `LOCATED_IN` + ancestor ids, then "
            "`LINKS` between existing nodes) written again with fresh household ids next to the loaded graph, one "
            "subprocess per row, in this order (the server is warm). Client CPU is the whole worker process (start-up and "
            "generating the earlier demo sections included).\n"
        )
        w(
            "| batch size | writers | rust ext | wall | rows/s | client CPU | server CPU | CPU per row client / server | peak RSS |\n|---|---|---|---|---|---|---|---|---|"
        )
        for r in sweep:
            n = r.get("total") or 0
            per_row = f"{r['cpu_s'] / n * 1e6:.0f} / {r['server_cpu_s'] / n * 1e6:.0f} µs" if n else "—"
            w(
                f"| {r['batch_size']:,} | {r.get('workers', 1)} | {'yes' if r['rust'] else 'no'} | {_fmt(r['seconds'], ' s')} | {_fmt(r['rows_per_second'], '', 0)} | "
                f"{_fmt(r['cpu_s'], ' s')} | {_fmt(r['server_cpu_s'], ' s')} | {per_row} | {_fmt(r['peak_rss_mib'], ' MiB')} |"
            )
        w("")

    if sm:
        w("## Coverage summaries\n")
        w(
            f"`orgnet summaries refresh` on the offline-loaded graph: {len(sm.get('metrics', []))} metrics × {_fmt(sm.get('regions'))} regions in "
            f"{_fmt(sm.get('seconds'), ' s')} (the `timeline/*` queries, 2 in parallel, then one write transaction per metric). Before it, "
            "the API answers with the live queries that visit every item; the table gives their city-level times (median of "
            f"{'1' if cfg.get('quick') else '3'} in-process calls after one warm-up call, ms) next to the refresh time of each metric.\n"
        )
        w("| metric | refresh (s) | live coverage, city (ms) | live gaps first page, city (ms) |\n|---|---|---|---|")
        for name, secs in (sm.get("seconds_per_metric") or {}).items():
            lv = (sm.get("live_city_ms") or {}).get(name, {})
            w(f"| {name} | {secs:.2f} | {_fmt(lv.get('coverage'))} | {_fmt(lv.get('gaps'))} |")
        w("")

    # queries
    if q:
        w("## Query latency\n")
        w(
            f"Graph: the offline-loaded scenario with its coverage summaries. Regions: city `{q.get('regions', {}).get('city')}`, county `{q.get('regions', {}).get('county')}`, "
            f"town `{q.get('regions', {}).get('town')}`, village `{q.get('regions', {}).get('village')}` (the county, town and village with the "
            f"most households). Day: {q.get('as_of')}. Each case: one warm-up call, then API and raw calls interleaved, at least "
            f"{cfg.get('min_reps')} pairs (3 when a call is slower than the budget) and then more while the budget of "
            f"{cfg.get('budget_s')} s lasts, at most {cfg.get('max_reps')}. **API** = HTTP GET to uvicorn "
            "(1 worker, subprocess) through httpx with keep-alive, JSON decoded. **raw** = the very Cypher statements the endpoint "
            "ran (recorded once in-process), run in sequence through the driver (a managed read transaction per statement, as `Graph.read` does, rows fetched but not converted). Overhead = "
            "API p50 / raw p50 − 1. Times in ms.\n"
        )
        a = q.get("anchors", {})
        w(
            f"Anchors (floors): `RETURN 1` through the driver (managed read transaction) p50 {_fmt(a.get('return_1', {}).get('p50'), ' ms', 2)} / p95 "
            f"{_fmt(a.get('return_1', {}).get('p95'), ' ms', 2)}; `GET /health` through HTTP p50 {_fmt(a.get('health', {}).get('p50'), ' ms', 2)} / p95 "
            f"{_fmt(a.get('health', {}).get('p95'), ' ms', 2)}.\n"
        )
        w(
            "| endpoint | metric | level | API p50 | API p95 | API p99 | raw p50 | raw p95 | raw p99 | n | stmts | overhead |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
        )
        for c in q.get("cases", []):
            api, raw = c.get("api", {}), c.get("raw", {})
            if not api.get("n"):
                w(f"| {c['endpoint']} | {c['metric']} | {c['level']} | error: {c.get('error', '?')[:80]} | | | | | | | | |")
                continue
            ov = f"{api['p50'] / raw['p50'] - 1:+.0%}" if raw.get("n") and raw.get("p50") else "—"
            flag = "" if api["p95"] < (GOALS["scorecard_p95_ms"] if c["endpoint"] == "scorecard" else GOALS["p95_ms"]) else " ⚠"
            w(
                f"| {c['endpoint']} | {c['metric']} | {c['level']} | {api['p50']:,.1f} | {api['p95']:,.1f}{flag} | {api['p99']:,.1f} | "
                f"{_fmt(raw.get('p50'))} | {_fmt(raw.get('p95'))} | {_fmt(raw.get('p99'))} | {api['n']} | {c.get('statements', '—')} | {ov} |"
            )
        w("")
        if q.get("profiles"):
            w("### Profiles of the slowest cases\n")
            w("`PROFILE` of the slowest statement of each of the slowest cases (top operators by database hits).\n")
            for p in q["profiles"]:
                w(f"**{p['case']}** — {p['db_hits']:,} db hits, {p['rows']:,} rows, {p['ms']:,.0f} ms")
                w("")
                w("| operator | details | rows | db hits |\n|---|---|---|---|")
                for op in p["top"]:
                    w(f"| {op['operator']} | `{op['details'][:90]}` | {op['rows']:,} | {op['db_hits']:,} |")
                w("")

    ref = results.get("reference")
    if ref:
        w("## networkx reference\n")
        w(
            f"`orgnet.coverage.reference.Reference` at {ref['scale']} scale, in its own process: building the bundle in memory "
            f"{_fmt(ref['seconds_bundle'], ' s')}, the networkx graph ({_fmt(ref['nodes'])} nodes, {_fmt(ref['edges'])} edges) "
            f"{_fmt(ref['seconds_graph'], ' s')}, peak RSS {_fmt(ref['peak_rss_mib'], ' MiB')}. Per metric (city rollup; the first "
            "call evaluates every item):\n"
        )
        w("| metric | seconds | covered / total | Cypher city coverage p50 (API) |\n|---|---|---|---|")
        api_city = {c["metric"]: c["api"].get("p50") for c in q.get("cases", []) if c["endpoint"] == "coverage" and c["level"] == "city" and c.get("api")}
        for name, r in ref["metrics"].items():
            w(f"| {name} | {r['seconds']:.2f} | {r['covered']:,} / {r['total']:,} | {_fmt(api_city.get(name), ' ms')} |")
        w("")

    w("## What limits it\n")
    for line in analysis(results):
        w(f"- {line}")
    w("")
    if results.get("notes"):
        w("## Notes from this run\n")
        for n in results["notes"]:
            w(f"- {n}")
        w("")
    w("## Method\n")
    w(
        "- `python -m bench.run` (what `make bench` runs) uses its own server home (`.orgnet-bench/`, Bolt 7691, HTTP 7478; "
        "`--home`, `--bolt-port`, `--http-port` to change), sized by `default_memory` (a sixth of RAM each for heap and page "
        "cache, at most 4g; `--heap`, `--pagecache` or `BENCH_NEO4J_HEAP` / `BENCH_NEO4J_PAGECACHE` override). It replaces that "
        "database and stops the server at the end if it was not running before."
    )
    w(
        "- Loaders run in subprocesses (`python -m bench.worker ...`) so that peak RSS (`ru_maxrss`) and CPU time are theirs alone; "
        "server CPU is read from the Neo4j process (psutil) before and after."
    )
    w(
        "- The offline path is `orgnet.graph.offline.offline_load` (= `orgnet load --offline --replace`): end to end from the first "
        "generated record to the schema online. The transactional path is `orgnet.graph.loader.load_stream` (= `orgnet load`) on an "
        "emptied database with the schema applied, started just before (so the JVM is cold, as for a user)."
    )
    w("- Percentiles are nearest-rank over the samples (n in the table); with few samples p99 is the maximum.")
    w("- Results as JSON: `bench/out/results-<scale>.json`.")
    return "\n".join(out) + "\n"


def analysis(results: dict[str, Any]) -> list[str]:
    """Plain statements derived from the figures: where the time goes."""
    lines = []
    gen, off, tx = results.get("generate", {}), results.get("offline", {}), results.get("transactional", {})
    if gen and off and off.get("seconds"):
        lines.append(
            f"**Offline load**: generating the records alone takes {gen['seconds']:.1f} s in one Python process; the offline path "
            f"writes the CSV files in two processes (the household links in a forked child, each generating its own part) in "
            f"{off['seconds_csv']:.1f} s. `neo4j-admin` takes {off['seconds_import']:.1f} s, the server start "
            f"{off['seconds_start']:.1f} s and the schema (index population) {off['seconds_schema']:.1f} s of the "
            f"{off['seconds']:.1f} s end to end."
        )
    if tx and tx.get("total"):
        client_us = tx["cpu_s"] / tx["total"] * 1e6
        server_us = tx.get("server_cpu_s", 0) / tx["total"] * 1e6
        nproc = results.get("machine", {}).get("nproc") or 1
        ceiling = nproc * 1e6 / (client_us + server_us) if client_us + server_us else 0
        busy = (tx["cpu_s"] + tx.get("server_cpu_s", 0)) / tx["seconds"] if tx.get("seconds") else 0
        lines.append(
            f"**Transactional load**: each row costs {server_us:.0f} µs of server CPU (MERGE on a unique constraint, relationship "
            f"MERGE, ancestor-id copies, commit) and {client_us:.0f} µs of client CPU (generating the record, `model_dump`, "
            f"packing). With every core of the machine busy on it, {nproc} core(s) would give at most "
            f"{ceiling:,.0f} rows/s; the run kept {busy:.2f} cores busy (the rest went to other work on the machine). "
            "The server's per-row cost is the larger share, so the limit is CPU, not round trips."
        )
    sweep = {(r["batch_size"], r.get("workers", 1), r["rust"]): r for r in results.get("sweep") or []}
    base = next((r for (b, w, rust), r in sweep.items() if w == 1 and rust and b == results.get("config", {}).get("batch_size")), None)
    if base:
        parts = []
        sizes = sorted((b, r["rows_per_second"]) for (b, w, rust), r in sweep.items() if w == 1 and rust)
        if len(sizes) > 1:
            parts.append("batch sizes " + ", ".join(f"{b:,}: {v:,.0f}" for b, v in sizes) + " rows/s (differences within the noise of a shared machine)")
        for (b, w, rust), r in sorted(sweep.items()):
            if b == base["batch_size"] and (w, rust) != (1, True):
                what = f"{w} writer{'s' if w > 1 else ''}" + ("" if rust else ", without neo4j-rust-ext")
                parts.append(f"{what}: {r['rows_per_second'] / base['rows_per_second'] - 1:+.0%} rows/s, client CPU {r['cpu_s'] / base['cpu_s'] - 1:+.0%}")
        lines.append("**Sweep** (one writer with the Rust packer as reference): " + "; ".join(parts) + ".")
    q = results.get("queries", {})
    cases = [c for c in q.get("cases", []) if c.get("api", {}).get("n")]
    paired = sorted(c["api"]["p50"] - c["raw"]["p50"] for c in cases if c.get("raw", {}).get("n"))
    if paired:
        lines.append(
            f"**API overhead** is a roughly constant {paired[len(paired) // 2]:.1f} ms per request (median of API p50 − raw p50; "
            "HTTP parsing, FastAPI routing, dependency resolution and response validation, JSON encoding, converting rows to "
            "Python values): above 20 % only for queries that take less than about five times that."
        )
    sm = results.get("summaries", {})
    if sm and off:
        heavy = sorted((sm.get("seconds_per_metric") or {}).items(), key=lambda kv: -kv[1])[:2]
        lines.append(
            f"**Coverage summaries** cost {sm['seconds']:.1f} s after a load ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in heavy)
            + " the largest: the timeline queries visit every item once and evaluate its rule on each day its "
            "assignments start or end). An import refreshes only the metrics its sections can change."
        )
    if cases:
        slow = sorted(cases, key=lambda c: -c["api"]["p95"])[:5]
        lines.append(
            "**Slowest queries** (API p95): "
            + "; ".join(f"{c['endpoint']} {c['metric']} at {c['level']} {c['api']['p95']:,.0f} ms" for c in slow)
            + ". Rollups, scorecards and hotspots read one stored summary per row (2,637 rows for city → village); a gap "
            "page visits the items of the regions whose summaries show gaps on the day, so its cost grows with the number "
            "of gaps, not with the population; with summaries stale the live queries visit every item (city-level times in "
            "the Coverage summaries table)."
        )
    return lines


# ---------------------------------------------------------------------------------------- CLI


def parse_args(argv: list[str] | None) -> Config:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=["city", "demo"], default="city", help="scenario scale (default city: the full 10x10)")
    p.add_argument("--quick", action="store_true", help="fewer repetitions, no batch-size sweep or rust comparison")
    p.add_argument("--seed", type=int, default=2020)
    p.add_argument(
        "--home",
        type=Path,
        default=Path(os.environ.get("ORGNET_BENCH_HOME", DEFAULT_HOME)),
        help="server home for the bench (default .orgnet-bench; never the make-run one)",
    )
    p.add_argument("--bolt-port", type=int, default=int(os.environ.get("ORGNET_BENCH_BOLT_PORT", "7691")))
    p.add_argument("--http-port", type=int, default=int(os.environ.get("ORGNET_BENCH_HTTP_PORT", "7478")))
    p.add_argument("--heap", default="", help="Neo4j heap (default: a sixth of RAM, at most 4g)")
    p.add_argument("--pagecache", default="", help="Neo4j page cache (default: a sixth of RAM, at most 4g)")
    p.add_argument("--batch-size", type=int, default=5000, help="UNWIND batch size of the transactional load")
    p.add_argument("--workers", type=int, default=2, help="concurrent writers of the transactional load (orgnet load's default)")
    p.add_argument("--results", type=Path, default=DEFAULT_RESULTS, help="where RESULTS.md goes")
    p.add_argument("--json", type=Path, default=None, help="where the JSON results go (default bench/out/results-<scale>.json)")
    p.add_argument("--reps", type=int, default=None, help="maximum repetitions per query case")
    p.add_argument("--budget", type=float, default=None, help="seconds per query case (after the minimum repetitions)")
    p.add_argument("--reference", choices=["auto", "skip", "demo", "city"], default="auto", help="networkx reference scale (auto: same)")
    p.add_argument("--no-rust-comparison", action="store_true", help="skip the run without neo4j-rust-ext")
    p.add_argument("--sweep", default="1000,2000,5000,10000,20000", help="batch sizes of the sweep ('' for none)")
    p.add_argument("--metrics", default="", help="only these metrics in the query benchmark (comma-separated; default all)")
    a = p.parse_args(argv)
    cfg = Config(
        scale=a.scale,
        seed=a.seed,
        quick=a.quick,
        home=a.home.resolve(),
        bolt_port=a.bolt_port,
        http_port=a.http_port,
        heap=a.heap,
        pagecache=a.pagecache,
        batch_size=a.batch_size,
        workers=a.workers,
        results=a.results,
        json_out=a.json,
        reference=a.reference,
        rust=not a.no_rust_comparison,
        sweep=[int(x) for x in a.sweep.split(",") if x.strip()],
        metrics=[x.strip() for x in a.metrics.split(",") if x.strip()],
    )
    if a.quick:
        cfg.min_reps, cfg.max_reps, cfg.budget_s = 3, 5, 0.3
    cfg.max_reps = a.reps or cfg.max_reps
    cfg.min_reps = min(cfg.min_reps, cfg.max_reps)
    cfg.budget_s = a.budget if a.budget is not None else cfg.budget_s
    return cfg


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--render"]:  # python -m bench.run --render bench/out/results-city.json [RESULTS.md]
        results = json.loads(Path(args[1]).read_text())
        target = Path(args[2]) if len(args) > 2 else DEFAULT_RESULTS
        write_block(target, "bench.run", render(results, results.get("command", "python -m bench.run")))
        print(f"Results: {target}")
        return results
    cfg = parse_args(argv)
    command = "python -m bench.run" + ("" if argv is None else (" " + " ".join(argv) if argv else ""))
    if argv is None and len(sys.argv) > 1:
        command += " " + " ".join(sys.argv[1:])
    results = Bench(cfg).run()
    results["command"] = command
    json_out = cfg.json_out or BENCH_DIR / "out" / f"results-{cfg.scale}{'-quick' if cfg.quick else ''}.json"
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(results, indent=2, default=str))
    write_block(cfg.results, "bench.run", render(results, command))  # the load test's block (bench.load) is kept
    print(f"\nResults: {cfg.results} (JSON: {json_out})")
    return results


if __name__ == "__main__":
    main()
