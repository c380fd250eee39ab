"""Load test: many clients at once against the API, next to a floor measured in the same run.

    make bench-load                              # = python -m bench.load  (demo scale)
    python -m bench.load --scale city            # the 2.0M-node graph (offline load, about a minute)
    python -m bench.load --quick                 # a smoke run: seconds per scenario
    python -m bench.load --reuse                 # the bench database as it is (no reload)
    python -m bench.load --render bench/out/load-demo.json   # its block of RESULTS.md again

Like ``python -m bench.run`` it uses its own Neo4j (``.orgnet-bench/``, Bolt 7691, HTTP 7478 by
default), loads the scenario with ``orgnet load --offline`` and computes the coverage summaries
(unless ``--reuse``), serves the API with uvicorn in a subprocess (``--workers N``, default the
cores, as ``orgnet serve``), and stops the server at the end if it was not running before.  With
``--wrk`` the mix is sent once more by ``wrk`` (bench/wrk.py), beside the Python client.  All traffic goes to
127.0.0.1.  Every scenario is bounded both in requests and in seconds.

1. **Mixed cheap reads** at 16 and 64 concurrent clients (closed loop: each client sends its
   next request when the previous one is answered): coverage rollups, scorecards, gap first
   pages, region lookups and hotspots at city, county, town and village level, several metrics
   and days.  Throughput, p50/p95/p99, answers by HTTP status, connection errors (resets,
   refused) and client timeouts counted apart.  Anchor: ``GET /health`` at the same concurrency.
2. **Cheap reads next to expensive requests**: a few clients of the same mix alone (the
   anchor), then while 4 CSV exports of a large gap list run, then while 8 anonymous expensive
   requests (exports and enterprise-pairing suggestions over the whole history) run, each in a
   loop.  The API process's RSS is sampled throughout (psutil); how each expensive request
   ended is counted (200, 429 / 503 with ``Retry-After`` from admission control, which the
   client honours, 504, client timeout, unfinished when the phase ended).

The client is one asyncio event loop with ``httpx.AsyncClient`` in this process; its CPU time is
measured next to the API's and Neo4j's, so a saturated client would show (docs/design.md §5: the
figures are for people, tests never assert on them).

It is over 400 lines because one load test is one script: setup, the clients, the samplers and the report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.queries import ApiServer, percentiles

BENCH_DIR = Path(__file__).resolve().parent
MIB = 1024**2

GOAL = {"scale": "city", "clients": 16, "rps": 300.0, "p95_ms": 60.0, "cores": 2}  # issue 22

# The mix of cheap reads (weights): what a dashboard and its users ask most.
ENDPOINT_WEIGHTS = {"coverage": 30, "gaps": 20, "scorecard": 10, "region": 12, "children": 8, "hotspots": 20}
LEVEL_WEIGHTS = {"city": 10, "county": 30, "town": 35, "village": 25}
LEVELS = ("city", "county", "town", "village")
GAP_PAGE = 50

EXPORT_METRIC, EXPORT_DAY = "household_linkage", "2020-02-01"
SUGGESTION_DAY = "1970-01-01"


@dataclass
class Budget:
    """How long one scenario may run: whichever bound comes first."""

    max_requests: int
    max_seconds: float


@dataclass
class LoadConfig:
    clients: list[int] = field(default_factory=lambda: [16, 64])
    mixed: Budget = field(default_factory=lambda: Budget(30_000, 20.0))
    warmup: Budget = field(default_factory=lambda: Budget(2_000, 60.0))
    probe_clients: int = 4
    phase_warmup: Budget = field(default_factory=lambda: Budget(100, 15.0))  # after the API restart before each phase
    phase: Budget = field(default_factory=lambda: Budget(20_000, 20.0))
    exports: int = 4
    expensive: int = 8
    drain_s: float = 120.0  # after a phase: how long its expensive requests may still take
    expensive_timeout_s: float = 300.0
    cheap_timeout_s: float = 30.0
    retry_after_cap_s: float = 5.0
    settle_s: float = 2.0  # after the drain, before the end RSS is read
    distinct_urls: int = 1_500
    seed: int = 7
    interference: bool = True  # scenario 2 (cheap reads next to expensive requests); --no-interference skips it
    workers: int = 1  # API worker processes (--workers; default as `orgnet serve`: the cores)
    wrk: bool = False  # --wrk: the mix sent by wrk too (bench/wrk.py)


# ---------------------------------------------------------------------------------- the mix


def mixed_urls(*, metrics: Sequence[str], regions: dict[str, list[str]], days: Sequence[str], count: int, seed: int) -> list[tuple[str, str, str]]:
    """``count`` cheap reads as (endpoint, level, url), drawn with :data:`ENDPOINT_WEIGHTS` and
    :data:`LEVEL_WEIGHTS` (levels without regions are left out), deterministic for a seed.

    >>> urls = mixed_urls(metrics=["m"], regions={"city": ["C"], "county": ["K"]}, days=["2020-03-31"], count=400, seed=1)
    >>> len(urls), sorted({e for e, _, _ in urls}) == sorted(ENDPOINT_WEIGHTS), {lvl for _, lvl, _ in urls} == {"city", "county"}
    (400, True, True)
    >>> [u for e, lvl, u in urls if e == "hotspots" and lvl == "county"][0]
    '/v1/hotspots/m?region=K&as_of=2020-03-31&level=town'
    >>> mixed_urls(metrics=["m"], regions={"village": ["V"]}, days=["d"], count=50, seed=1) == mixed_urls(metrics=["m"], regions={"village": ["V"]}, days=["d"], count=50, seed=1)
    True
    """
    rng = random.Random(seed)
    levels = [lvl for lvl in LEVELS if regions.get(lvl)]
    endpoints = list(ENDPOINT_WEIGHTS)
    out: list[tuple[str, str, str]] = []
    while len(out) < count:
        endpoint = rng.choices(endpoints, weights=[ENDPOINT_WEIGHTS[e] for e in endpoints])[0]
        usable = [lvl for lvl in levels if not (endpoint in ("hotspots", "children") and lvl == "village")] or levels
        level = rng.choices(usable, weights=[LEVEL_WEIGHTS[lvl] for lvl in usable])[0]
        region, metric, day = rng.choice(regions[level]), rng.choice(list(metrics)), rng.choice(list(days))
        if endpoint == "coverage":
            url = f"/v1/coverage/{metric}?region={region}&as_of={day}"
        elif endpoint == "gaps":
            url = f"/v1/gaps/{metric}?region={region}&as_of={day}&limit={GAP_PAGE}"
        elif endpoint == "scorecard":
            url = f"/v1/regions/{region}/scorecard?as_of={day}"
        elif endpoint == "region":
            url = f"/v1/regions/{region}"
        elif endpoint == "children":
            url = f"/v1/regions/{region}/children?limit=100"
        else:  # hotspots: one of the levels below the region's
            below = LEVELS[LEVELS.index(level) + 1 :] or ("village",)
            url = f"/v1/hotspots/{metric}?region={region}&as_of={day}&level={rng.choice(below)}"
        out.append((endpoint, level, url))
    return out


def pick_regions(graph: Any, *, per_level: int = 20) -> dict[str, list[str]]:
    """The city and up to ``per_level`` counties, towns and villages (the ones with the most
    households first: the heaviest rollups, as the bench's query latency cases)."""
    out = {"city": [r["id"] for r in graph.read("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")]}
    for level, prop, label in (("county", "county_id", "County"), ("town", "town_id", "Town"), ("village", "region_id", "Village")):
        rows = graph.read(
            f"MATCH (h:Household) WHERE h.{prop} IS NOT NULL RETURN h.{prop} AS id, count(*) AS n ORDER BY n DESC, id LIMIT $k",
            {"k": per_level},
        )
        if len(rows) < per_level:
            rows += graph.read(f"MATCH (r:{label}) RETURN r.id AS id ORDER BY id LIMIT $k", {"k": per_level})
        out[level] = list(dict.fromkeys(r["id"] for r in rows))[:per_level]
    return out


def expensive_urls(city: str) -> dict[str, str]:
    """The expensive requests: a large gap list as CSV, and pairing suggestions over all history."""
    return {
        "export": f"/v1/gaps/{EXPORT_METRIC}/export?format=csv&region={city}&as_of={EXPORT_DAY}",
        "suggestions": f"/v1/suggestions/enterprise_pairing?region={city}&as_of={SUGGESTION_DAY}",
    }


# ---------------------------------------------------------------------------------- counting


@dataclass
class Tally:
    """Answers (latency and status, also per endpoint) and requests that got no answer."""

    latencies: list[float] = field(default_factory=list)
    by_endpoint: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    connection_errors: Counter[str] = field(default_factory=Counter)
    timeouts: int = 0

    def answered(self, endpoint: str, seconds: float, status: int) -> None:
        self.latencies.append(seconds)
        self.by_endpoint.setdefault(endpoint, []).append(seconds)
        self.statuses[str(status)] += 1

    def summary(self, wall_s: float) -> dict[str, Any]:
        n = len(self.latencies)
        errors = {k: v for k, v in sorted(self.statuses.items()) if not k.startswith("2")}
        return {
            "requests": n + sum(self.connection_errors.values()) + self.timeouts,
            "answered": n,
            "wall_s": round(wall_s, 3),
            "throughput_rps": round(n / wall_s, 1) if wall_s else 0.0,
            "latency_ms": percentiles(self.latencies),
            "status": dict(sorted(self.statuses.items())),
            "errors_by_status": errors,
            "connection_errors": dict(self.connection_errors),
            "timeouts": self.timeouts,
            "by_endpoint": {k: percentiles(v) for k, v in sorted(self.by_endpoint.items())},
        }


def _cpu_s(procs: Sequence[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def _rss(procs: Sequence[psutil.Process]) -> int:
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


class Resources:
    """Samples the API's RSS (its process and children) every ``interval`` seconds on a thread, and
    reads the CPU time of the client (this process), the API and Neo4j at start and end."""

    def __init__(self, api_pid: int, neo4j_pid: int | None, interval: float = 0.1) -> None:
        api = psutil.Process(api_pid)
        # the API's children are listed once: listing them scans /proc, which costs this (the
        # client's) process real CPU time on a busy machine if done at every sample
        self.api = [api, *api.children(recursive=True)]
        self.neo4j = [psutil.Process(neo4j_pid)] if neo4j_pid else []
        self.me = [psutil.Process()]
        self.interval = interval
        self.samples: list[int] = []
        self.marks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.samples.append(_rss(self.api))
            self._stop.wait(self.interval)

    def mark(self, name: str) -> None:
        """The RSS right now, kept under ``name`` (e.g. when the cheap reads stop)."""
        self.marks[name] = _rss(self.api)

    def __enter__(self) -> Resources:
        self._cpu0 = (_cpu_s(self.me), _cpu_s(self.api), _cpu_s(self.neo4j))
        self._t0 = time.perf_counter()
        self.mark("start")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.mark("end")
        self.wall_s = time.perf_counter() - self._t0
        cpu1 = (_cpu_s(self.me), _cpu_s(self.api), _cpu_s(self.neo4j))
        self.cpu = dict(zip(("client", "api", "neo4j"), (b - a for a, b in zip(self._cpu0, cpu1, strict=True)), strict=True))

    def result(self) -> dict[str, Any]:
        wall = self.wall_s or 1e-9
        return {
            "wall_s": round(self.wall_s, 3),
            "rss_mib": {
                **{k: round(v / MIB, 1) for k, v in self.marks.items()},
                "peak": round(max(self.samples + list(self.marks.values())) / MIB, 1),
                "samples": len(self.samples),
            },
            "cpu_s": {k: round(v, 2) for k, v in self.cpu.items()},
            "cores_busy": {k: round(v / wall, 2) for k, v in self.cpu.items()},
        }


# ---------------------------------------------------------------------------------- traffic


async def _get(client: Any, endpoint: str, url: str, tally: Tally, timeout: float) -> Any:
    import httpx

    t = time.perf_counter()
    try:
        r = await client.get(url, timeout=timeout)
    except httpx.TimeoutException:
        tally.timeouts += 1
        return None
    except httpx.TransportError as e:  # reset, refused, closed mid-answer: counted apart from HTTP errors
        tally.connection_errors[type(e).__name__] += 1
        return None
    tally.answered(endpoint, time.perf_counter() - t, r.status_code)
    return r


async def closed_loop(client: Any, urls: Sequence[tuple[str, str, str]], *, clients: int, budget: Budget, timeout: float) -> tuple[Tally, float]:
    """``clients`` tasks, each sending the next URL of ``urls`` (in turn, cycling) once its previous
    request is answered, until ``budget`` is spent.  Returns the tally and the wall time."""
    tally = Tally()
    issued = 0
    deadline = time.monotonic() + budget.max_seconds

    async def one_client() -> None:
        nonlocal issued
        while issued < budget.max_requests and time.monotonic() < deadline:
            endpoint, _level, url = urls[issued % len(urls)]
            issued += 1
            await _get(client, endpoint, url, tally, timeout)

    t = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    return tally, time.perf_counter() - t


@dataclass
class Outcomes:
    """How the expensive requests ended, with their latency and size."""

    ended: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    per_kind: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, outcome: str, seconds: float | None = None, size: int | None = None) -> None:
        self.ended[outcome] += 1
        self.per_kind.setdefault(kind, Counter())[outcome] += 1
        if seconds is not None:
            self.seconds.append(seconds)
        if size is not None:
            self.bytes.append(size)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": sum(self.ended.values()),
            "ended": dict(sorted(self.ended.items())),
            "per_kind": {k: dict(sorted(v.items())) for k, v in sorted(self.per_kind.items())},
            "latency_ms": percentiles(self.seconds),
            "max_body_mib": round(max(self.bytes) / MIB, 2) if self.bytes else 0.0,
        }


def retry_after(value: str | None, default: float = 1.0) -> float:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds; anything else: ``default``).

    >>> retry_after("3"), retry_after(None), retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    (3.0, 1.0, 1.0)
    """
    try:
        return max(0.0, float(value)) if value is not None else default
    except ValueError:
        return default


async def expensive_loop(client: Any, kind: str, url: str, *, stop: asyncio.Event, out: Outcomes, cfg: LoadConfig) -> None:
    """Send ``url`` again and again until ``stop``; after a 429/503 wait as ``Retry-After`` says
    (at most ``retry_after_cap_s``), as a well-behaved client would."""
    import httpx

    while not stop.is_set():
        t = time.perf_counter()
        wait = 0.0
        try:
            r = await client.get(url, timeout=cfg.expensive_timeout_s)
        except httpx.TimeoutException:
            out.add(kind, "client timeout", time.perf_counter() - t)
            continue
        except httpx.TransportError as e:
            out.add(kind, f"connection error ({type(e).__name__})", time.perf_counter() - t)
            wait = 0.5
        except asyncio.CancelledError:
            out.add(kind, "unfinished at the end of the phase", time.perf_counter() - t)
            raise
        else:
            out.add(kind, str(r.status_code), time.perf_counter() - t, len(r.content))
            if r.status_code in (429, 503):
                wait = min(retry_after(r.headers.get("retry-after")), cfg.retry_after_cap_s)
        if wait:
            try:
                await asyncio.wait_for(stop.wait(), timeout=wait)
            except TimeoutError:
                pass


async def interference_phase(
    base_url: str,
    name: str,
    expensive: list[tuple[str, str]],
    cheap: Sequence[tuple[str, str, str]],
    *,
    cfg: LoadConfig,
    api_pid: int,
    neo4j_pid: int | None,
) -> dict[str, Any]:
    """Cheap reads at ``cfg.probe_clients`` while the ``expensive`` requests run in loops; then the
    expensive ones still in flight may finish (``drain_s``) before the end RSS is read."""
    import httpx

    stop = asyncio.Event()
    outcomes = Outcomes()
    limits = httpx.Limits(max_connections=max(1, len(expensive)), max_keepalive_connections=max(1, len(expensive)))
    async with (
        httpx.AsyncClient(base_url=base_url, limits=limits) as heavy,
        httpx.AsyncClient(base_url=base_url, limits=_limits(cfg.probe_clients)) as light,
    ):
        with Resources(api_pid, neo4j_pid) as res:
            tasks = [asyncio.create_task(expensive_loop(heavy, kind, url, stop=stop, out=outcomes, cfg=cfg)) for kind, url in expensive]
            if tasks:
                await asyncio.sleep(min(1.0, cfg.phase.max_seconds / 4))  # the expensive requests are under way
            tally, wall = await closed_loop(light, cheap, clients=cfg.probe_clients, budget=cfg.phase, timeout=cfg.cheap_timeout_s)
            res.mark("cheap_reads_end")
            stop.set()
            t = time.perf_counter()
            if tasks:
                _done, pending = await asyncio.wait(tasks, timeout=cfg.drain_s)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            drained = time.perf_counter() - t
            res.mark("expensive_end")
            await asyncio.sleep(cfg.settle_s)
    return {
        "name": name,
        "expensive_clients": len(expensive),
        "expensive_kinds": dict(Counter(k for k, _ in expensive)),
        "cheap": tally.summary(wall),
        "expensive": outcomes.summary() if expensive else None,
        "drain_s": round(drained, 2),
        "resources": res.result(),
    }


def _limits(clients: int) -> Any:
    import httpx

    return httpx.Limits(max_connections=clients, max_keepalive_connections=clients)


async def run_scenarios(
    api: ApiServer, *, neo4j_pid: int | None, regions: dict[str, list[str]], days: Sequence[str], cfg: LoadConfig, say: Any = print
) -> dict[str, Any]:
    """The harness's core: every scenario against the running ``api`` (restarted before each
    phase of scenario 2), the graph's regions given.  Returns the figures (JSON-ready)."""
    import httpx

    assert api.proc is not None
    base_url, api_pid = api.base_url, api.proc.pid

    async with httpx.AsyncClient(base_url=base_url, timeout=cfg.cheap_timeout_s) as probe:
        metrics = [m.get("metric") or m["name"] for m in (await probe.get("/v1/metrics")).json()]
    urls = mixed_urls(metrics=metrics, regions=regions, days=days, count=cfg.distinct_urls, seed=cfg.seed)
    out: dict[str, Any] = {
        "mix": {
            "metrics": metrics,
            "days": list(days),
            "regions": {k: len(v) for k, v in regions.items()},
            "urls": len(urls),
            "distinct_urls": len({u for _, _, u in urls}),
            "endpoints": dict(Counter(e for e, _, _ in urls)),
            "levels": dict(Counter(lvl for _, lvl, _ in urls)),
            "weights": {"endpoints": ENDPOINT_WEIGHTS, "levels": LEVEL_WEIGHTS},
        },
        "mixed": [],
    }
    health = [("health", "-", "/health")]

    # warm-up: every URL of the mix once per worker and once more (query plans compiled, pages cached, and each
    # worker's answers kept: a connection goes to whichever worker accepts it), not counted
    rounds = 1 if cfg.workers <= 1 else cfg.workers + 1
    async with httpx.AsyncClient(base_url=base_url, limits=_limits(8)) as client:
        tally, wall = await closed_loop(
            client,
            urls,
            clients=8,
            budget=Budget(min(len(urls) * rounds, cfg.warmup.max_requests * rounds), cfg.warmup.max_seconds * rounds),
            timeout=cfg.cheap_timeout_s,
        )
    out["warmup"] = {"requests": len(tally.latencies), "wall_s": round(wall, 1), "status": dict(tally.statuses)}
    say(f"warm-up: {len(tally.latencies)} requests in {wall:.1f} s, statuses {dict(tally.statuses)}")

    for clients in cfg.clients:
        row: dict[str, Any] = {"clients": clients}
        for name, targets in (("health", health), ("mixed", urls)):
            async with httpx.AsyncClient(base_url=base_url, limits=_limits(clients)) as client:
                with Resources(api_pid, neo4j_pid) as res:
                    tally, wall = await closed_loop(client, targets, clients=clients, budget=cfg.mixed, timeout=cfg.cheap_timeout_s)
            row[name] = {**tally.summary(wall), "resources": res.result()}
            s = row[name]
            say(
                f"{name} x{clients}: {s['answered']} answers in {wall:.1f} s = {s['throughput_rps']} req/s, "
                f"p50 {s['latency_ms'].get('p50')} p95 {s['latency_ms'].get('p95')} p99 {s['latency_ms'].get('p99')} ms, "
                f"statuses {s['status']}, connection errors {s['connection_errors']}, timeouts {s['timeouts']}, "
                f"cores busy {s['resources']['cores_busy']}"
            )
        if cfg.wrk:
            from bench import wrk

            with Resources(api_pid, neo4j_pid) as res:
                figures = await asyncio.to_thread(wrk.run, base_url, [u for _, _, u in urls], clients=clients, seconds=cfg.mixed.max_seconds)
            row["wrk"] = {**figures, "resources": res.result()}
            say(
                f"wrk mixed x{clients}: {figures['throughput_rps']} req/s, latency {figures['latency_ms']} ms, errors {figures['errors']}, cores busy {res.result()['cores_busy']}"
            )
        out["mixed"].append(row)

    city = regions["city"][0]
    exp = expensive_urls(city)
    phases = (
        []
        if not cfg.interference
        else [
            ("cheap reads alone", []),
            (f"{cfg.exports} CSV exports", [("export", exp["export"])] * cfg.exports),
            (
                f"{cfg.expensive} anonymous expensive requests",
                [("export", exp["export"]) if i % 2 == 0 else ("suggestions", exp["suggestions"]) for i in range(cfg.expensive)],
            ),
        ]
    )
    out["interference"] = {"probe_clients": cfg.probe_clients, "urls": exp, "phases": []}
    for name, expensive in phases:
        # a fresh API process per phase: requests that the previous phase gave up on are not
        # still being computed, and each phase's RSS starts from the same place
        api.restart()
        assert api.proc is not None
        async with httpx.AsyncClient(base_url=api.base_url, limits=_limits(cfg.probe_clients)) as client:
            await closed_loop(client, urls, clients=cfg.probe_clients, budget=cfg.phase_warmup, timeout=cfg.cheap_timeout_s)
        ph = await interference_phase(api.base_url, name, expensive, urls, cfg=cfg, api_pid=api.proc.pid, neo4j_pid=neo4j_pid)
        out["interference"]["phases"].append(ph)
        say(
            f"{name}: cheap p95 {ph['cheap']['latency_ms'].get('p95')} ms ({ph['cheap']['answered']} answers, statuses {ph['cheap']['status']}); "
            f"expensive {ph['expensive'] and ph['expensive']['ended']}; API RSS {ph['resources']['rss_mib']}"
        )
    return out


# ---------------------------------------------------------------------------------- the run


def configure(scale: str, quick: bool) -> LoadConfig:
    cfg = LoadConfig()
    if scale == "city":
        cfg.drain_s, cfg.expensive_timeout_s = 300.0, 600.0
    if quick:
        cfg.mixed, cfg.phase, cfg.warmup = Budget(3_000, 4.0), Budget(2_000, 4.0), Budget(300, 30.0)
        cfg.phase_warmup, cfg.drain_s, cfg.distinct_urls, cfg.settle_s = Budget(30, 10.0), 20.0, 300, 1.0
    return cfg


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.run import Bench, Config

    bench = Bench(
        Config(
            scale=args.scale,
            seed=args.seed,
            quick=args.quick,
            home=args.home.resolve(),
            bolt_port=args.bolt_port,
            http_port=args.http_port,
            heap=args.heap,
            pagecache=args.pagecache,
        )
    )
    cfg = configure(args.scale, args.quick)
    if args.seconds:
        cfg.mixed.max_seconds = cfg.phase.max_seconds = args.seconds
    if args.no_interference:
        cfg.interference = False
    if args.clients:
        cfg.clients = [int(x) for x in args.clients.split(",") if x.strip()]
    from orgnet.settings import Settings

    cfg.workers = args.workers or Settings().workers
    cfg.wrk = args.wrk
    bench.machine()
    results = bench.results
    results["config"]["load"] = {k: (v.__dict__ if isinstance(v, Budget) else v) for k, v in cfg.__dict__.items()}
    bench.server.install()
    was_running = bench.server.status().running
    try:
        if args.reuse:
            bench.server.start()
            bench.note("--reuse: the bench database as it was (not reloaded)")
        else:
            bench.log("--- offline load")
            bench.offline()
            bench.log("--- coverage summaries")
            results["summaries"] = bench.worker("summaries", "--as-of", bench.as_of().isoformat(), "--live-reps", "0")
        with bench.graph() as graph:
            regions = pick_regions(graph)
            results["nodes"] = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
        days = [bench.as_of().isoformat(), "2020-03-01", "2020-02-15", EXPORT_DAY]
        neo4j_pid = bench.server.status().pid
        bench.log(f"--- load test ({results['nodes']:,} nodes; regions per level {[len(v) for v in regions.values()]})")
        with ApiServer(bench, workers=cfg.workers) as api:
            results["load"] = asyncio.run(run_scenarios(api, neo4j_pid=neo4j_pid, regions=regions, days=days, cfg=cfg, say=bench.log))
    finally:
        results["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        results["bench_seconds"] = round(time.perf_counter() - bench.started, 1)
        if not was_running:
            bench.server.stop()
    return results


# ---------------------------------------------------------------------------------- report


def _ms(stats: dict[str, Any] | None, key: str) -> str:
    v = (stats or {}).get(key)
    return "—" if v is None else f"{v:,.1f}"


def _counts(d: dict[str, Any] | None) -> str:
    return ", ".join(f"{k}: {v:,}" for k, v in (d or {}).items()) or "none"


def _workers(n: int) -> str:
    return "one worker" if n == 1 else f"{n} workers"


def _per_request(cpu_s: dict[str, float | None], answered: int) -> str:
    """CPU milliseconds per answered request of the client, the API and Neo4j (load-independent,
    unlike req/s on a shared machine)."""
    return " / ".join("—" if cpu_s.get(k) is None else f"{cpu_s[k] / max(1, answered) * 1000:.2f}" for k in ("client", "api", "neo4j"))


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:,.2f}×" if a is not None and b else "—"


def render(results: dict[str, Any], command: str) -> str:
    """The ``bench.load`` block of RESULTS.md."""
    m, cfg = results.get("machine", {}), results.get("config", {})
    load = results.get("load", {})
    lc = cfg.get("load", {})
    scale = cfg.get("scale")
    out: list[str] = []
    w = out.append
    w("## Load test\n")
    w(
        f"Written by `{command}` on {m.get('date', '?')} (scale **{scale}**, {_fmt_int(results.get('nodes'))} nodes"
        f"{', quick' if cfg.get('quick') else ''}); the whole run took {results.get('bench_seconds', '?')} s. Rerun with `make bench-load` "
        f"(`--scale city` for the city graph). Machine: {m.get('cpu', '?')}, **{m.get('nproc', '?')} cores** shared with other work, "
        f"load average {m.get('load_avg_start')} at start and {m.get('load_avg_end')} at end; Neo4j {m.get('neo4j')} (heap {m.get('heap')}, "
        "page cache {pc}); the API is uvicorn with {workers} in a subprocess, as `orgnet serve`. The client is one asyncio loop "
        "(`httpx.AsyncClient`, keep-alive, one connection per client) in the bench process; the CPU it used is in the tables, "
        "next to the API's and Neo4j's, so a saturated client would show. No test asserts on these figures.\n".replace("{pc}", str(m.get("pagecache"))).replace(
            "{workers}", _workers(lc.get("workers", 1))
        )
    )

    busy = [r[k]["resources"]["cores_busy"] for r in load.get("mixed", []) for k in ("health", "mixed")]
    ours = max((sum(c.values()) for c in busy), default=None)
    start = (m.get("load_avg_start") or [0])[0]
    if ours is not None and start > (m.get("nproc") or 1):
        w(
            f"**⚠ The machine was overloaded during this run**: load average {start} on {m.get('nproc')} cores at the start, while "
            f"the client, the API and Neo4j together kept at most {ours:.2f} cores busy in any run: other work took the rest. "
            "These figures measure that contention more than orgnet (compare each with its `/health` anchor); rerun on a quiet "
            "machine for absolute figures.\n"
        )
    mixed = load.get("mixed", [])
    phases = load.get("interference", {}).get("phases", [])
    w("### Goals\n")
    w("| goal | target | measured | |\n|---|---|---|---|")
    at16 = next((r for r in mixed if r["clients"] == GOAL["clients"]), None)
    if at16:
        s = at16["mixed"]
        ok = s["throughput_rps"] >= GOAL["rps"] and (s["latency_ms"].get("p95") or 1e9) < GOAL["p95_ms"]
        verdict = ("met" if ok else "**missed**") if scale == GOAL["scale"] else f"(scale {scale}, the goal is at city scale)"
        w(
            f"| mixed reads at city scale, {GOAL['clients']} concurrent clients, on {GOAL['cores']} cores | ≥ {GOAL['rps']:.0f} req/s with "
            f"p95 < {GOAL['p95_ms']:.0f} ms | {s['throughput_rps']:,.1f} req/s, p95 {_ms(s['latency_ms'], 'p95')} ms | {verdict} |"
        )
    if len(phases) >= 3:
        alone, last = phases[0], phases[-1]
        p_alone, p_last = alone["cheap"]["latency_ms"].get("p95"), last["cheap"]["latency_ms"].get("p95")
        w(
            f"| cheap-read p95 while {last['expensive_clients']} anonymous expensive requests run (issue 9) | bounded | {_ms(last['cheap']['latency_ms'], 'p95')} ms "
            f"({_ratio(p_last, p_alone)} the {_ms(alone['cheap']['latency_ms'], 'p95')} ms alone) | see below |"
        )
        r0, r1 = alone["resources"]["rss_mib"], last["resources"]["rss_mib"]
        w(f"| API RSS while they run (issue 9) | bounded | peak {r1['peak']:,.0f} MiB, end {r1['end']:,.0f} MiB (before: {r0['start']:,.0f} MiB) | see below |")
        mid = phases[1]
        w(
            f"| cheap-read p95 with and without {mid['expensive_clients']} concurrent exports (issue 10) | — | {_ms(mid['cheap']['latency_ms'], 'p95')} ms with, "
            f"{_ms(alone['cheap']['latency_ms'], 'p95')} ms without ({_ratio(mid['cheap']['latency_ms'].get('p95'), p_alone)}) | |"
        )
    w("")

    if mixed:
        w("### Mixed cheap reads\n")
        mix = load.get("mix", {})
        w(
            f"Closed loop: each client sends its next request as soon as the previous one is answered. Each run is bounded by "
            f"{_fmt_int((lc.get('mixed') or {}).get('max_requests'))} requests or {(lc.get('mixed') or {}).get('max_seconds')} s (a request under way "
            f"at the end may take up to the client timeout of {lc.get('cheap_timeout_s')} s). Before the first, the URLs of the mix were requested "
            f"once each as far as the warm-up budget allowed ({load.get('warmup', {}).get('requests')} of {load.get('mix', {}).get('urls')} in "
            f"{load.get('warmup', {}).get('wall_s')} s, not counted). "
            f"The mix: {mix.get('urls')} requests ({mix.get('distinct_urls')} distinct URLs) cycled in a fixed random order — endpoints "
            f"{_counts(mix.get('endpoints'))}; levels {_counts(mix.get('levels'))}; metrics {', '.join(mix.get('metrics', []))}; days "
            f"{', '.join(mix.get('days', []))}; regions: the city and the {mix.get('regions', {}).get('county')} counties, "
            f"{mix.get('regions', {}).get('town')} towns and {mix.get('regions', {}).get('village')} villages with the most households. "
            "Latency percentiles are over every answered request (any status). Anchor: `GET /health` at the same concurrency, just before.\n"
        )
        w(
            "| clients | requests | answered | req/s | vs /health | p50 ms | p95 ms | p99 ms | max ms | p95 vs /health | errors by status | connection errors | client timeouts | cores busy: client / API / Neo4j | CPU ms per request: client / API / Neo4j |"
        )
        w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in mixed:
            h = r["health"]
            for name, s in (("`GET /health` (anchor)", h), ("**mixed cheap reads**", r["mixed"])):
                c = s["resources"]["cores_busy"]
                w(
                    f"| {r['clients']} {name} | {s['requests']:,} | {s['answered']:,} | {s['throughput_rps']:,.1f} | "
                    f"{_ratio(s['throughput_rps'], h['throughput_rps']) if s is not h else '1.00×'} | {_ms(s['latency_ms'], 'p50')} | "
                    f"{_ms(s['latency_ms'], 'p95')} | {_ms(s['latency_ms'], 'p99')} | {_ms(s['latency_ms'], 'max')} | "
                    f"{_ratio(s['latency_ms'].get('p95'), h['latency_ms'].get('p95')) if s is not h else '1.00×'} | {_counts(s['errors_by_status'])} | "
                    f"{_counts(s['connection_errors'])} | {s['timeouts']} | {c['client']:.2f} / {c['api']:.2f} / {c['neo4j']:.2f} | "
                    f"{_per_request(s['resources']['cpu_s'], s['answered'])} |"
                )
            if "wrk" in r:  # the same mix sent by wrk (bench/wrk.py): no Python client on the cores
                k = r["wrk"]
                c = k["resources"]["cores_busy"]
                w(
                    f"| {r['clients']} mixed cheap reads **sent by wrk** | {k['answered']:,} | {k['answered']:,} | {k['throughput_rps']:,.1f} | "
                    f"{_ratio(k['throughput_rps'], h['throughput_rps'])} | {_ms(k['latency_ms'], 'p50')} | {_ms(k['latency_ms'], 'p95')} | "
                    f"{_ms(k['latency_ms'], 'p99')} | {_ms(k['latency_ms'], 'max')} | {_ratio(k['latency_ms'].get('p95'), h['latency_ms'].get('p95'))} | "
                    f"non-2xx/3xx: {k['errors']['non2xx']:,} | {_counts({x: v for x, v in k['errors'].items() if x not in ('non2xx', 'timeout') and v})} | "
                    f"{k['errors']['timeout']} | (wrk) / {c['api']:.2f} / {c['neo4j']:.2f} | {_per_request({**k['resources']['cpu_s'], 'client': None}, k['answered'])} |"
                )
        w("")
        w("Per endpoint (mixed cheap reads), ms:\n")
        w("| endpoint | " + " | ".join(f"{r['clients']} clients: n / p50 / p95 / p99" for r in mixed) + " |")
        w("|---|" + "---|" * len(mixed))
        endpoints = sorted({e for r in mixed for e in r["mixed"]["by_endpoint"]})
        for e in endpoints:
            cells = []
            for r in mixed:
                s = r["mixed"]["by_endpoint"].get(e, {})
                cells.append(f"{s.get('n', 0):,} / {_ms(s, 'p50')} / {_ms(s, 'p95')} / {_ms(s, 'p99')}")
            w(f"| {e} | " + " | ".join(cells) + " |")
        w("")

    if phases:
        inter = load["interference"]
        lp = lc.get("phase") or {}
        w("### Cheap reads next to expensive requests\n")
        w(
            f"{inter.get('probe_clients')} clients send the same mix of cheap reads for {lp.get('max_seconds')} s (at most "
            f"{_fmt_int(lp.get('max_requests'))} requests) in each phase: alone (the anchor), then while expensive requests run, each "
            "expensive client sending its request again as soon as the previous one ended (after a 429 or 503 it first waits as "
            f"`Retry-After` says, at most {lc.get('retry_after_cap_s')} s). All requests are anonymous. Expensive requests: "
            f"`{inter.get('urls', {}).get('export')}` (CSV) and `{inter.get('urls', {}).get('suggestions')}`; in the last phase half "
            f"of the clients send each. When the cheap reads stop, the expensive requests in flight may finish within {lc.get('drain_s')} s "
            f"(after that they are cancelled and counted as unfinished), then {lc.get('settle_s')} s pass before the end RSS is read. "
            "The API process is restarted before each phase (so work a previous phase gave up on is not still running) and warmed "
            f"with {_fmt_int((lc.get('phase_warmup') or {}).get('max_requests'))} cheap reads, not counted. RSS is the API process "
            "(uvicorn, with its children if any), sampled every 0.1 s from the start of the phase to its end (drain included).\n"
        )
        w(
            "| phase | cheap answers | req/s | p50 ms | p95 ms | p99 ms | p95 vs alone | cheap errors | expensive requests: how they ended | expensive latency p50 / max ms | drain s | API RSS MiB: start / peak / end | cores busy: client / API / Neo4j |"
        )
        w("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        base = phases[0]["cheap"]["latency_ms"].get("p95")
        for ph in phases:
            s, ex, res = ph["cheap"], ph.get("expensive"), ph["resources"]
            rss, c = res["rss_mib"], res["cores_busy"]
            errs = {**s["errors_by_status"], **s["connection_errors"], **({"timeouts": s["timeouts"]} if s["timeouts"] else {})}
            w(
                f"| {ph['name']} | {s['answered']:,} | {s['throughput_rps']:,.1f} | {_ms(s['latency_ms'], 'p50')} | {_ms(s['latency_ms'], 'p95')} | "
                f"{_ms(s['latency_ms'], 'p99')} | {_ratio(s['latency_ms'].get('p95'), base)} | {_counts(errs)} | "
                f"{(_counts(ex['ended']) + ' (' + '; '.join(f'{k}: {_counts(v)}' for k, v in ex['per_kind'].items()) + ')') if ex else '—'} | "
                f"{(_ms(ex['latency_ms'], 'p50') + ' / ' + _ms(ex['latency_ms'], 'max')) if ex else '—'} | {ph.get('drain_s', '—')} | "
                f"{rss['start']:,.0f} / {rss['peak']:,.0f} / {rss['end']:,.0f} | {c['client']:.2f} / {c['api']:.2f} / {c['neo4j']:.2f} |"
            )
        w("")
    notes = results.get("notes") or []
    if notes:
        w("Notes from this run:\n")
        for n in notes:
            w(f"- {n}")
        w("")
    w(
        f"Figures as JSON: `bench/out/load-{scale}{'-quick' if cfg.get('quick') else ''}.json`; "
        "`python -m bench.load --render <that file>` writes this block again.\n"
    )
    return "\n".join(out)


def _fmt_int(x: Any) -> str:
    return f"{x:,}" if isinstance(x, int) else str(x if x is not None else "?")


# ---------------------------------------------------------------------------------- CLI


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=["demo", "city"], default="demo", help="scenario scale (default demo; city: 2.0M nodes)")
    p.add_argument("--quick", action="store_true", help="a smoke run: a few seconds per scenario")
    p.add_argument("--reuse", action="store_true", help="use the bench database as it is: no offline load, no summaries refresh")
    p.add_argument("--seconds", type=float, default=None, help="seconds per scenario (default 20, quick 4)")
    p.add_argument("--clients", default="", help="concurrencies of the mixed-read scenario (default 16,64)")
    p.add_argument("--seed", type=int, default=2020)
    p.add_argument("--no-interference", action="store_true", help="only the mixed-read scenario (no expensive requests)")
    p.add_argument("--home", type=Path, default=Path(os.environ.get("ORGNET_BENCH_HOME", BENCH_DIR.parent / ".orgnet-bench")))
    p.add_argument("--bolt-port", type=int, default=int(os.environ.get("ORGNET_BENCH_BOLT_PORT", "7691")))
    p.add_argument("--http-port", type=int, default=int(os.environ.get("ORGNET_BENCH_HTTP_PORT", "7478")))
    p.add_argument("--heap", default="", help="Neo4j heap (default: as bench.run)")
    p.add_argument("--pagecache", default="", help="Neo4j page cache (default: as bench.run)")
    p.add_argument("--results", type=Path, default=BENCH_DIR / "RESULTS.md", help="the file whose bench.load block is written")
    p.add_argument("--json", type=Path, default=None, help="default bench/out/load-<scale>[-quick].json")
    p.add_argument("--workers", type=int, default=None, help="API worker processes (default: as `orgnet serve`, the cores)")
    p.add_argument("--wrk", action="store_true", help="also send the mix with wrk (native, Debian package) beside the Python client")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["--render"]:  # python -m bench.load --render bench/out/load-demo.json [RESULTS.md]
        results = json.loads(Path(args_list[1]).read_text())
        target = Path(args_list[2]) if len(args_list) > 2 else BENCH_DIR / "RESULTS.md"
        write_block(target, "bench.load", render(results, results.get("command", "python -m bench.load")))
        print(f"Results: {target}")
        return results
    args = parse_args(args_list)
    command = "python -m bench.load" + ("".join(" " + a for a in args_list))
    results = run(args)
    results["command"] = command
    json_out = args.json or BENCH_DIR / "out" / f"load-{args.scale}{'-quick' if args.quick else ''}.json"
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(results, indent=2, default=str))
    write_block(args.results, "bench.load", render(results, command))
    print(f"\nResults: {args.results} (JSON: {json_out})")
    return results


if __name__ == "__main__":
    main()
