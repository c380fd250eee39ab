"""News out at scale (issue 25's limits): 1,000 alert rules evaluated per write, 200 live-stream
clients held by one server, and change → webhook / SSE with those rules.

    python -m bench.news_scale --reuse --home .orgnet-test --bolt-port 7804 --http-port 7824 --rules 1000 --clients 200 --changes 30

On the bench's Neo4j holding a seed (``--reuse``), one API worker with its events dispatcher on
(uvicorn in a subprocess, as ``bench.news``):

1. *without rules*: ``--changes`` household links of 丰县 voided one after the other (as
   ``bench.news``): the write's answer (its coverage is refreshed in the write, so this is
   write → visible), the webhook delivery and the SSE event of its change, each from sending it;
2. cheap reads (``GET /v1/regions/320321``, ``--reads`` of them one after the other) with no stream
   open, then with ``--clients`` SSE clients connected to the same worker;
3. ``--rules`` alert rules on 丰县 itself (``below`` and ``fall`` on household_linkage, so every
   one of them is evaluated for every change of 丰县), their baselines evaluated; then step 1 again.

Everything it made is removed at the end and the voided links restored.  Results:
``bench/out/news-scale.json`` and the ``bench.news_scale`` block of RESULTS.md.  No test asserts on
these figures (docs/design.md §5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.news import COUNTY, GOAL_P95_MS, LINKS, Arrivals, follow, receiver, restore
from bench.queries import ApiServer, percentiles
from bench.run import DEFAULT_HOME, DEFAULT_RESULTS, Bench, Config

OUT = Path(__file__).resolve().parent / "out"


def _changes(client: Any, links: list[dict[str, Any]], webhook: Arrivals, sse: Arrivals, voided: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for link in links:
        record = f"{link['m']}~{link['h']}~{link['since']}"
        t0 = time.time()
        r = client.post(f"/v1/records/household_links/{record}/void", json={"reason": "bench.news_scale"})
        t1 = time.time()
        r.raise_for_status()
        voided.append(link)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (record in webhook.seen and record in sse.seen):
            time.sleep(0.002)
        got_hook, got_sse = webhook.seen.get(record), sse.seen.get(record)
        rows.append({"write_s": t1 - t0, "webhook_s": got_hook - t0 if got_hook else None, "sse_s": got_sse - t0 if got_sse else None})
        time.sleep(0.2)
    return {k: percentiles([r[f"{k}_s"] for r in rows if r[f"{k}_s"] is not None]) for k in ("write", "webhook", "sse")} | {
        "missing": sum(1 for r in rows if r["webhook_s"] is None or r["sse_s"] is None)
    }


def _reads(client: Any, n: int) -> dict[str, float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.get(f"/v1/regions/{COUNTY}").raise_for_status()
        samples.append(time.perf_counter() - t0)
    return percentiles(samples)


def _streams(base: str, token: str, n: int) -> tuple[list[threading.Event], int]:
    """``n`` SSE clients connected (each a thread); their stop events and how many connected."""
    stops, connected = [], []
    for _ in range(n):
        stop, ok = threading.Event(), threading.Event()
        threading.Thread(target=follow, args=(base, token, Arrivals(), stop, ok), daemon=True).start()
        stops.append(stop)
        connected.append(ok)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(c.is_set() for c in connected):
        time.sleep(0.1)
    return stops, sum(1 for c in connected if c.is_set())


def _settle(graph: Any, timeout_s: float = 600) -> float:
    """Wait until the outbox is empty (the dispatcher evaluated every event); the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        if graph.read("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published'] RETURN count(e) AS n")[0]["n"] == 0:
            break
        time.sleep(0.5)
    return time.monotonic() - t0


def measure(bench: Bench, *, rules: int, clients: int, changes: int, reads: int) -> dict[str, Any]:
    import httpx

    from orgnet.accounts import store

    graph = bench.graph()
    if not graph.read("MATCH (r:Region {id: $id}) RETURN r.id AS id", {"id": COUNTY}):
        raise SystemExit(f"the bench database holds no region {COUNTY}: load a seed first")
    graph.write("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published'] SET e.status = 'done'")
    account, token = store.add_account(graph, name="bench-news-scale", role="admin", scope=["320300"])
    links = graph.read(LINKS, {"county": COUNTY, "k": 2 * changes + 1})
    webhook, sse = Arrivals(), Arrivals()
    hook = receiver(webhook)
    stop, connected = threading.Event(), threading.Event()
    voided: list[dict[str, Any]] = []
    out: dict[str, Any] = {"households": graph.read("MATCH (h:Household) RETURN count(h) AS n")[0]["n"], "load_start": round(psutil.getloadavg()[0], 1)}
    try:
        with (
            ApiServer(bench, env={"EVENTS_DISPATCH": "true"}) as api,
            httpx.Client(base_url=api.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client,
        ):
            url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
            client.post("/v1/subscriptions", json={"channel": "webhook", "url": url, "events": ["change"], "regions": [COUNTY]}).raise_for_status()
            threading.Thread(target=follow, args=(api.base_url, token, sse, stop, connected), daemon=True).start()
            if not connected.wait(60):
                raise RuntimeError("the event stream did not open")
            time.sleep(1.0)
            _changes(client, links[-1:], webhook, sse, voided)  # a warm-up change: query plans compiled, connections open
            bench.log("changes without rules")
            out["without_rules"] = _changes(client, links[:changes], webhook, sse, voided)
            bench.log("cheap reads without and with the streams")
            out["reads_without_streams"] = _reads(client, reads)
            stops, out["streams_connected"] = _streams(api.base_url, token, clients)
            time.sleep(2.0)
            out["reads_with_streams"] = _reads(client, reads)
            for s in stops:
                s.set()
            bench.log(f"{rules} rules")
            t0 = time.monotonic()
            for i in range(rules):
                body = {"name": f"bench {i}", "region_id": COUNTY, "metric": "household_linkage"}
                body |= {"kind": "below", "threshold": 50 + (i % 50)} if i % 2 == 0 else {"kind": "fall", "points": 1 + (i % 20), "period_days": 7}
                client.post("/v1/alert-rules", json=body).raise_for_status()
            out["rules_created_s"] = round(time.monotonic() - t0, 1)
            out["rules_baselines_s"] = round(_settle(graph), 1)
            bench.log("changes with rules")
            out["with_rules"] = _changes(client, links[changes : 2 * changes], webhook, sse, voided)
            out["with_rules"]["settled_s"] = round(_settle(graph), 1)
            stop.set()
    finally:
        hook.shutdown()
        if voided:
            restore(graph, voided)
        graph.write(
            "MATCH (r:AlertRule {owner: $a}) OPTIONAL MATCH (w:AlertWatch {rule_id: r.id}) OPTIONAL MATCH (x:Alert {rule_id: r.id}) DETACH DELETE r, w, x",
            {"a": account["id"]},
        )
        graph.write("MATCH (s:Subscription {owner: $a}) OPTIONAL MATCH (d:Delivery {subscription_id: s.id}) DETACH DELETE s, d", {"a": account["id"]})
        graph.write("MATCH (a:Account {id: $a}) DETACH DELETE a", {"a": account["id"]})
        graph.close()
    out.update(rules=rules, clients=clients, changes=changes, reads=reads)
    return out


def render(result: dict[str, Any], command: str) -> str:
    m = result["machine"]

    def row(label: str, p: dict[str, Any], goal: str = "") -> str:
        return f"| {label} | {p.get('n', 0)} | {p.get('p50', '—')} | {p.get('p95', '—')} | {p.get('max', '—')} | {goal} |"

    def met(p: dict[str, Any]) -> str:
        return f"< {GOAL_P95_MS:.0f} ms: " + ("met" if p.get("p95", 1e9) < GOAL_P95_MS else "**not met**")

    base, loaded = result["reads_without_streams"], result["reads_with_streams"]
    ratio = loaded.get("p95", 0) / base["p95"] if base.get("p95") else None
    lines = [
        "## News out at scale: 1,000 rules per write, 200 live streams",
        "",
        f"`{command}` on {result['date']}: {m['cpus']} CPUs, {m['python']}; load average {result['load_start']} at the start. "
        f"{result['households']} households; one API worker with its events dispatcher. {result['rules']} rules on 丰县 itself "
        f"(every one evaluated for each change there; created in {result.get('rules_created_s')} s, baselines in {result.get('rules_baselines_s')} s).",
        "",
        "| measured | n | p50 ms | p95 ms | max ms | goal |",
        "|---|---:|---:|---:|---:|---|",
        row("write → visible, no rules", result["without_rules"]["write"]),
        row(f"write → visible, {result['rules']} rules", result["with_rules"]["write"]),
        row("change → webhook, no rules", result["without_rules"]["webhook"], met(result["without_rules"]["webhook"])),
        row(f"change → webhook, {result['rules']} rules", result["with_rules"]["webhook"], met(result["with_rules"]["webhook"])),
        row("change → SSE, no rules", result["without_rules"]["sse"], met(result["without_rules"]["sse"])),
        row(f"change → SSE, {result['rules']} rules", result["with_rules"]["sse"], met(result["with_rules"]["sse"])),
        row("cheap read, no stream", base),
        row(
            f"cheap read, {result['streams_connected']} streams open",
            loaded,
            "within 20 %: " + ("met" if ratio is not None and ratio <= 1.2 else "**not met**"),
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="The bench database as it is (required: it must hold a seed)")
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    parser.add_argument("--bolt-port", type=int, default=7691)
    parser.add_argument("--http-port", type=int, default=7478)
    parser.add_argument("--heap", default="")
    parser.add_argument("--pagecache", default="")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    command = "python -m bench.news_scale " + " ".join(a for a in (argv or __import__("sys").argv[1:]))
    bench = Bench(Config(scale="demo", home=args.home, bolt_port=args.bolt_port, http_port=args.http_port, heap=args.heap, pagecache=args.pagecache))
    was_running = bench.server.status().running
    bench.server.start()
    try:
        result = measure(bench, rules=args.rules, clients=args.clients, changes=args.changes, reads=args.reads)
    finally:
        if not was_running:
            bench.server.stop()
    result.update(command=command.strip(), date=dt.date.today().isoformat(), machine={"cpus": psutil.cpu_count(), "python": platform.python_version()})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "news-scale.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write_block(args.results, "bench.news_scale", render(result, result["command"]))
    print(render(result, result["command"]))
    return result


if __name__ == "__main__":
    main()
