"""News out: how long from a change to its webhook delivery and to its event on the live stream.

    python -m bench.news                               # demo seed in the bench's Neo4j, 40 changes
    python -m bench.news --reuse --changes 100         # the bench database as it is (any scale)
    python -m bench.news --bolt-port 7813 --http-port 7814 --heap 768m --pagecache 256m

It uses the bench's own Neo4j (``bench.run``'s ``.orgnet-bench/``; ``--home``, the ports and the
memory as there), loads the demo seed into it unless ``--reuse`` (then it must hold a seed), and
serves the API with uvicorn in a subprocess (one worker, its events dispatcher on,
``EVENTS_POLL_S`` as configured: 0.1 s by default).  A webhook receiver and an SSE client run in
this process, on 127.0.0.1.  Then, one after the other, ``--changes`` household links of 丰县 are
voided through ``POST /v1/records/household_links/{id}/void`` (an admin's token), and for each the
time from sending the write to (a) the webhook delivery of its ``change`` event reaching the
receiver and (b) the event arriving on the stream is taken, and the write's own latency.  The
links voided are restored at the end (and their villages' summaries refreshed).

Results: ``bench/out/news-<scale>.json`` and the ``bench.news`` block of RESULTS.md.  No test
asserts on these figures (docs/design.md §5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.queries import ApiServer, percentiles
from bench.run import DEFAULT_HOME, DEFAULT_RESULTS, Bench, Config

OUT = Path(__file__).resolve().parent / "out"
COUNTY = "320321"
GOAL_P95_MS = 500.0
LINKS = """
MATCH (h:Household)-[:LOCATED_IN]->(v:Region) WHERE v.county_id = $county
MATCH (m:PartyMember)-[l:LINKS]->(h) WHERE coalesce(l.voided, false) = false AND l.until IS NULL
RETURN h.id AS h, m.id AS m, toString(l.since) AS since, v.id AS village ORDER BY h.id LIMIT $k
"""


class Arrivals:
    """When each record id was first seen in a change event (time.time())."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.lock = threading.Lock()

    def add(self, body: dict[str, Any]) -> None:
        now = time.time()
        with self.lock:
            for item in (body.get("change") or {}).get("items") or []:
                self.seen.setdefault(item, now)


def receiver(arrivals: Arrivals) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server interface
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            arrivals.add(json.loads(body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def follow(base: str, token: str, arrivals: Arrivals, stop: threading.Event, connected: threading.Event) -> None:
    import httpx

    with httpx.stream("GET", f"{base}/v1/events", headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}, timeout=None) as r:
        connected.set()
        for line in r.iter_lines():
            if stop.is_set():
                return
            if line.startswith("data: "):
                arrivals.add(json.loads(line[6:]))


def ensure_seed(bench: Bench, graph: Any, *, reuse: bool) -> None:
    from orgnet.graph.schema import apply_schema

    apply_schema(graph)
    if reuse:
        if not graph.read("MATCH (r:Region {id: $id}) RETURN r.id AS id", {"id": COUNTY}):
            raise SystemExit(f"--reuse: the bench database holds no region {COUNTY}")
        return
    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.summaries import refresh
    from orgnet.graph.loader import load_stream
    from orgnet.seed.generator import generate

    bench.log("loading the demo seed")
    graph.delete_all()
    load_stream(graph, generate(seed=2020, scale="demo"), batch_size=bench.cfg.batch_size)
    refresh(graph, policy=default_policy())


def restore(graph: Any, links: list[dict[str, Any]]) -> None:
    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.stale import mark_stale_statement
    from orgnet.coverage.summaries import refresh_regions

    graph.write(
        "UNWIND $links AS l MATCH (:PartyMember {id: l.m})-[r:LINKS {since: date(l.since)}]->(:Household {id: l.h}) "
        "REMOVE r.voided, r.void_reason, r.voided_at, r.voided_by",
        {"links": links},
    )
    metrics = ["household_linkage", "member_link_load"]
    graph.write(*mark_stale_statement(metrics))
    refresh_regions(graph, policy=default_policy(), metrics=metrics, region_ids=sorted({x["village"] for x in links}))


def measure(bench: Bench, *, changes: int, reuse: bool) -> dict[str, Any]:
    import httpx

    from orgnet.accounts import store

    graph = bench.graph()
    ensure_seed(bench, graph, reuse=reuse)
    graph.write("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published'] SET e.status = 'done'")  # earlier runs' leftovers
    account, token = store.add_account(graph, name="bench-news", role="admin", scope=["320300"])
    graph_count = graph.read("MATCH (h:Household) RETURN count(h) AS n")[0]["n"]
    links = graph.read(LINKS, {"county": COUNTY, "k": changes})
    webhook, sse = Arrivals(), Arrivals()
    hook = receiver(webhook)
    stop, connected = threading.Event(), threading.Event()
    rows: list[dict[str, float | None]] = []
    voided: list[dict[str, Any]] = []
    try:
        with ApiServer(bench, env={"EVENTS_DISPATCH": "true"}) as api:
            headers = {"Authorization": f"Bearer {token}"}
            url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
            sub = httpx.post(
                f"{api.base_url}/v1/subscriptions",
                headers=headers,
                json={"channel": "webhook", "url": url, "events": ["change"], "regions": [COUNTY]},
                timeout=60,
            )
            if sub.status_code != 201:
                raise RuntimeError(f"the subscription was refused: {sub.status_code} {sub.text[:500]}")
            threading.Thread(target=follow, args=(api.base_url, token, sse, stop, connected), daemon=True).start()
            if not connected.wait(60):
                raise RuntimeError("the event stream did not open")
            time.sleep(1.0)
            with httpx.Client(base_url=api.base_url, headers=headers, timeout=60) as client:
                for n, link in enumerate(links, start=1):
                    record = f"{link['m']}~{link['h']}~{link['since']}"
                    t0 = time.time()
                    r = client.post(f"/v1/records/household_links/{record}/void", json={"reason": "bench.news"})
                    t1 = time.time()
                    r.raise_for_status()
                    voided.append(link)
                    deadline = time.monotonic() + 30
                    while time.monotonic() < deadline and not (record in webhook.seen and record in sse.seen):
                        time.sleep(0.002)
                    got_hook, got_sse = webhook.seen.get(record), sse.seen.get(record)
                    rows.append({"write_s": t1 - t0, "webhook_s": got_hook - t0 if got_hook else None, "sse_s": got_sse - t0 if got_sse else None})
                    if n % 10 == 0:
                        bench.log(f"{n}/{len(links)} changes")
                    time.sleep(0.2)
            stop.set()
    finally:
        hook.shutdown()
        if voided:
            restore(graph, voided)
        graph.write("MATCH (s:Subscription {owner: $a}) OPTIONAL MATCH (d:Delivery {subscription_id: s.id}) DETACH DELETE s, d", {"a": account["id"]})
        graph.write("MATCH (a:Account {id: $a}) DETACH DELETE a", {"a": account["id"]})
        graph.close()
    missing = {k: sum(1 for r in rows if r[k] is None) for k in ("webhook_s", "sse_s")}
    return {
        "changes": len(rows),
        "write": percentiles([r["write_s"] for r in rows if r["write_s"] is not None]),
        "webhook": percentiles([r["webhook_s"] for r in rows if r["webhook_s"] is not None]),
        "sse": percentiles([r["sse_s"] for r in rows if r["sse_s"] is not None]),
        "missing": missing,
        "households": graph_count,
        "scale": "city" if graph_count > 1_000_000 else "demo",
    }


def render(result: dict[str, Any], command: str) -> str:
    """The ``bench.news`` block of RESULTS.md."""
    m = result["machine"]
    lines = [
        "## News out: change → webhook delivered, change → SSE event received",
        "",
        f"`{command}` on {result['date']}: {m['cpus']} CPUs, {m['memory_gib']} GiB, {m['python']}; the machine shared with other work "
        f"(load average {m['load']} at the start). Scale: **{result['scale']}** ({result['households']} households). "
        f"{result['changes']} changes one after the other (a household link of 丰县 voided through the API, 0.2 s apart); "
        "one API worker with its events dispatcher (`EVENTS_POLL_S` 0.1 s), a webhook receiver and one SSE client on 127.0.0.1. "
        "Each time runs from sending the write. No alert rule was defined: the evaluation of rules per write is not in these figures.",
        "",
        "| from sending the write to | n | p50 ms | p95 ms | max ms | goal (p95) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key, label in (("write", "the write's answer"), ("webhook", "the webhook delivered"), ("sse", "the SSE event received")):
        p = result[key]
        goal = "" if key == "write" else (f"< {GOAL_P95_MS:.0f} ms: " + ("met" if p.get("p95", 1e9) < GOAL_P95_MS else "**not met**"))
        lines.append(f"| {label} | {p.get('n', 0)} | {p.get('p50', '—')} | {p.get('p95', '—')} | {p.get('max', '—')} | {goal} |")
    if any(result["missing"].values()):
        lines += ["", f"Not seen within 30 s: {result['missing']}."]
    lines += [
        "",
        "The goal is the issue's (issue 25) at city scale; " + ("this run is at city scale." if result["scale"] == "city" else
        f"this run is at {result['scale']} scale (the city-scale bench database was not built on this busy machine): the write and the "
        "rules' evaluation cost more at city scale, the dispatcher's delivery path does not."),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="Measure on the bench database as it is (else: the demo seed is loaded)")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    parser.add_argument("--bolt-port", type=int, default=7691)
    parser.add_argument("--http-port", type=int, default=7478)
    parser.add_argument("--heap", default="")
    parser.add_argument("--pagecache", default="")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--render", type=Path, help="Only write the block again from this JSON")
    args = parser.parse_args(argv)
    command = "python -m bench.news " + " ".join(a for a in (argv or __import__("sys").argv[1:]))
    if args.render:
        result = json.loads(args.render.read_text())
        write_block(args.results, "bench.news", render(result, result.get("command", command)))
        return result
    bench = Bench(Config(scale="demo", home=args.home, bolt_port=args.bolt_port, http_port=args.http_port, heap=args.heap, pagecache=args.pagecache))
    was_running = bench.server.status().running
    bench.server.start()
    try:
        load = psutil.getloadavg()[0]
        result = measure(bench, changes=args.changes, reuse=args.reuse)
    finally:
        if not was_running:
            bench.server.stop()
    result.update(
        command=command.strip(),
        date=dt.date.today().isoformat(),
        machine={
            "cpus": psutil.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
            "load": round(load, 1),
        },
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"news-{result['scale']}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write_block(args.results, "bench.news", render(result, result["command"]))
    print(render(result, result["command"]))
    return result


if __name__ == "__main__":
    main()
