"""CPU per cheap read, in process: load-independent figures for the read path (issue 22).

    python -m bench.read_cpu --home /work/bench-home/city --bolt-port 7901 --http-port 7921 [--label after]

Serves the app in this process (``TestClient``: middleware, authentication, routing, validation,
encoding; no uvicorn, no sockets to the client) against a running bench Neo4j, and sends the mix of
``bench.load`` (the same URLs, seed and weights) twice, one request at a time: the first pass
computes (and, where the code keeps them, caches) every answer; the second is what a dashboard's
steady state costs.  For each pass: this process's CPU time per request and Neo4j's (its process's
CPU time over the pass, divided by the requests), next to ``GET /health`` (the floor of the
in-process client and the middleware).  Wall-clock time is not reported: on a shared machine it
measures the others; CPU time does not.  Run it from another checkout (``cd /tmp/before &&
python -m bench.read_cpu``) for a change's *before*.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psutil


def _pass(client: Any, urls: list[str], neo4j: psutil.Process) -> dict[str, Any]:
    statuses: Counter[int] = Counter()
    n0 = neo4j.cpu_times()
    c0 = time.process_time()
    w0 = time.perf_counter()
    for url in urls:
        statuses[client.get(url).status_code] += 1
    cpu = time.process_time() - c0
    n1 = neo4j.cpu_times()
    ncpu = (n1.user + n1.system) - (n0.user + n0.system)
    return {
        "requests": len(urls),
        "statuses": {str(k): v for k, v in statuses.items()},
        "api_cpu_ms": round(cpu / len(urls) * 1000, 3),
        "neo4j_cpu_ms": round(ncpu / len(urls) * 1000, 3),
        "wall_s": round(time.perf_counter() - w0, 1),
    }


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.read_cpu")
    p.add_argument("--home", type=Path, required=True)
    p.add_argument("--bolt-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--count", type=int, default=600, help="requests of the mix per pass")
    p.add_argument("--label", default="")
    p.add_argument("--json", type=Path, default=None)
    a = p.parse_args()

    from bench.load import mixed_urls, pick_regions
    from bench.run import Bench, Config

    bench = Bench(Config(scale="city", home=a.home.resolve(), bolt_port=a.bolt_port, http_port=a.http_port))
    os.environ.update({k: v for k, v in bench.env().items() if k.startswith(("NEO4J_", "ORGNET_", "QUERY_"))})
    os.environ["EVENTS_DISPATCH"] = "false"  # no background work in the measured process
    os.environ["API_ANONYMOUS_VIEWERS"] = "true"
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app
    from orgnet.settings import Settings

    neo4j_pid = bench.server.status().pid
    assert neo4j_pid, "the bench Neo4j is not running (start it first: this script leaves it as it is)"
    neo4j = psutil.Process(neo4j_pid)
    with bench.graph() as graph:
        regions = pick_regions(graph)
    days = [bench.as_of().isoformat(), "2020-03-01", "2020-02-15", "2020-02-01"]
    os.environ["API_ALLOWED_HOSTS"] = "testserver"  # TestClient's host
    app = create_app(Settings())
    out: dict[str, Any] = {"label": a.label, "load_avg_start": [round(x, 2) for x in os.getloadavg()]}
    with TestClient(app) as client:
        metrics = [m.get("metric") or m["name"] for m in client.get("/v1/metrics").json()]
        mix = mixed_urls(metrics=metrics, regions=regions, days=days, count=a.count, seed=7)
        urls = [u for _, _, u in mix]
        out["health"] = _pass(client, ["/health"] * 300, neo4j)
        out["first_pass"] = _pass(client, urls, neo4j)
        out["second_pass"] = _pass(client, urls, neo4j)
        by_endpoint: dict[str, list[str]] = {}
        for endpoint, _, url in mix:
            by_endpoint.setdefault(endpoint, []).append(url)
        out["second_pass_by_endpoint"] = {e: _pass(client, us, neo4j) for e, us in sorted(by_endpoint.items())}
    out["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(out, indent=2)
    print(text)
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(text)


if __name__ == "__main__":
    main()
