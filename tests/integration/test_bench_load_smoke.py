"""The load test's core on a tiny budget against the test database: it runs, makes requests,
and its figures have the shape that bench/RESULTS.md is rendered from.

Nothing about time is asserted (docs/design.md §5). The API runs in a uvicorn subprocess, as in the
bench, pointed at the seeded test database.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from orgnet.settings import PROJECT_ROOT


def test_the_load_harness_makes_requests_and_reports_its_figures(xuzhou, settings, tmp_path):
    if not settings.uses_local_server:
        pytest.skip("the harness starts the API against a local test server; ORGNET_TEST_NEO4J_URI points elsewhere")
    if str(PROJECT_ROOT) not in sys.path:  # bench/ is not a package of the install, it sits beside it
        sys.path.insert(0, str(PROJECT_ROOT))
    from bench.blocks import read_blocks, write_block
    from bench.load import Budget, LoadConfig, pick_regions, render, run_scenarios
    from bench.queries import ApiServer
    from bench.run import Bench, Config
    from orgnet.graph.local_server import LocalServer

    bench = Bench(
        Config(
            scale="demo",
            home=settings.orgnet_home,
            bolt_port=settings.neo4j_bolt_port,
            http_port=settings.neo4j_http_port,
            heap=settings.neo4j_heap,
            pagecache=settings.neo4j_pagecache,
        )
    )
    cfg = LoadConfig(
        clients=[2, 3],
        mixed=Budget(12, 5.0),
        warmup=Budget(5, 10.0),
        probe_clients=2,
        phase=Budget(6, 3.0),
        phase_warmup=Budget(3, 10.0),
        exports=1,
        expensive=2,
        drain_s=2.0,
        settle_s=0.0,
        distinct_urls=40,
        wrk=shutil.which("wrk") is not None,  # the native client beside the Python one, when installed (ensure-system-deps --bench)
    )
    regions = pick_regions(xuzhou, per_level=3)
    neo4j_pid = LocalServer(settings).status().pid
    with ApiServer(bench, workers=2) as api:  # as `orgnet serve` on two cores
        # in a thread of its own: Playwright's sync API (the browser tests, earlier in the same
        # session) leaves an event loop running on the main thread, where asyncio.run refuses to start
        scenarios = run_scenarios(api, neo4j_pid=neo4j_pid, regions=regions, days=["2020-03-31", "2020-02-01"], cfg=cfg)
        with ThreadPoolExecutor(max_workers=1) as pool:
            load = pool.submit(asyncio.run, scenarios).result()

    assert set(load["mix"]["endpoints"]) == {"coverage", "gaps", "scorecard", "region", "children", "hotspots"}
    assert [row["clients"] for row in load["mixed"]] == [2, 3]
    for row in load["mixed"]:
        for name in ("health", "mixed"):
            s = row[name]
            assert 0 < s["requests"] <= 12, (name, s)
            # the test database answers every cheap read of the mix, and the harness counted them
            assert s["status"] == {"200": s["answered"]}, (name, s["status"], s["connection_errors"])
            assert s["latency_ms"]["n"] == s["answered"] and s["throughput_rps"] > 0
            assert s["resources"]["rss_mib"]["peak"] > 0 and s["resources"]["cpu_s"]["api"] >= 0
        if cfg.wrk:
            assert row["wrk"]["answered"] > 0 and row["wrk"]["error_count"] == 0, row["wrk"]
    phases = load["interference"]["phases"]
    assert [p["expensive_clients"] for p in phases] == [0, 1, 2]
    for phase in phases:
        assert phase["cheap"]["answered"] > 0
        assert phase["resources"]["rss_mib"]["peak"] >= phase["resources"]["rss_mib"]["start"] > 0
    for phase in phases[1:]:
        ended = phase["expensive"]["ended"]
        assert phase["expensive"]["requests"] == sum(ended.values()) > 0
        # whatever admission control answers, each expensive request ended in a counted way
        assert set(ended) <= {"200", "429", "503", "504", "client timeout", "unfinished at the end of the phase"}, ended
    assert set(phases[2]["expensive"]["per_kind"]) == {"export", "suggestions"}

    results = {"machine": {"nproc": 2}, "config": {"scale": "demo"}, "load": load, "nodes": 1}
    target = tmp_path / "RESULTS.md"
    target.write_text("# an older bench.run output\n", encoding="utf-8")
    write_block(target, "bench.load", render(results, "python -m bench.load (test)"))
    blocks = read_blocks(target.read_text(encoding="utf-8"))
    assert blocks["bench.run"] == "# an older bench.run output\n"  # the other program's part is kept
    for heading in ("## Load test", "### Goals", "### Mixed cheap reads", "### Cheap reads next to expensive requests"):
        assert heading in blocks["bench.load"]
    print(blocks["bench.load"])
