"""Coverage follows every write: one assignment write → the new coverage visible through the API.

    python -m bench.refresh [--writes 20] [--home .orgnet-bench --bolt-port 7691 --http-port 7478]

On the bench database (loaded with its summaries, e.g. by ``python -m bench.load --scale city``),
with the API served by uvicorn in a subprocess as in ``bench.load``: each round links one unlinked
household to a party member (a ``LINKS`` relationship since the bench day) and then ends the link
again (deletes it), and measures, for each of the two writes, the time from the start of the write
to the first ``GET /v1/coverage/household_linkage`` (at the city: the top of the tree) that shows
the new covered count.  The write goes through the API when it has a record endpoint
(``POST /v1/records/household_links``, ``DELETE`` on what it returns; the writes engineer's
workflow, refreshing incrementally itself); otherwise it is a direct Cypher write with the
summaries' generation bumped in the same transaction (as every orgnet write does), followed by
``refresh_after_write(..., region_ids=[the household's village, the member's region])``.  Next to
it: the whole-metric refresh of the same metrics (what a write cost before).  The figures go to
the ``bench.refresh`` block of bench/RESULTS.md with the load average; tests never assert on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Any

from bench.blocks import write_block
from bench.queries import ApiServer, percentiles
from bench.run import Bench, Config

BENCH_DIR = Path(__file__).resolve().parent
METRICS = ["household_linkage", "member_link_load"]
POLL_S = 0.002


def _targets(graph: Any, *, day: str, count: int) -> list[dict[str, Any]]:
    """Unlinked households (no LINKS but void ones: earlier runs void theirs), each with a party
    member of its county, spread over villages; ``links``: the void links it has (a new record's
    ``since`` steps back past them, so that its id is new)."""
    return graph.read(
        """
        MATCH (v:Region {level: 'village'})<-[:LOCATED_IN]-(h:Household)
        WHERE NOT EXISTS { (h)<-[l:LINKS]-() WHERE NOT coalesce(l.voided, false) }
        WITH v, min(h.id) AS hid ORDER BY v.id LIMIT $count
        MATCH (h:Household {id: hid})
        MATCH (m:PartyMember)-[:LIVES_IN]->(r:Region) WHERE r.county_id = v.county_id
        WITH v, h, min(m.id) AS mid
        MATCH (m:PartyMember {id: mid})-[:LIVES_IN]->(r:Region)
        RETURN v.id AS village, h.id AS household, m.id AS member, r.id AS member_region, COUNT { (h)<-[:LINKS]-() } AS links
        """,
        {"count": count},
    )


def _covered(client: Any, city: str, day: str) -> int:
    r = client.get("/v1/coverage/household_linkage", params={"region": city, "as_of": day})
    r.raise_for_status()
    return r.json()["covered"]


def _has_record_endpoint(client: Any) -> bool:
    paths = client.get("/openapi.json").json().get("paths", {})
    return "/v1/records/{kind}" in paths


def _direct_write(graph: Any, policy: Any, t: dict[str, Any], day: str, *, link: bool) -> dict[str, Any]:
    from orgnet.coverage.stale import mark_stale_statement
    from orgnet.coverage.summaries import refresh_after_write

    statement = (
        "MATCH (m:PartyMember {id: $m}), (h:Household {id: $h}) CREATE (m)-[:LINKS {since: date($day), bench: true}]->(h)"
        if link
        else "MATCH (:PartyMember {id: $m})-[l:LINKS {bench: true}]->(:Household {id: $h}) DELETE l"
    )
    graph.write_many([(statement, {"m": t["member"], "h": t["household"], "day": day}), mark_stale_statement(METRICS)])
    return refresh_after_write(graph, policy=policy, metrics=METRICS, region_ids=[t["village"], t["member_region"]])


class _Replay:
    """A result already fetched (under PROFILE): what orgnet's callers use of a driver result."""

    def __init__(self, records: list[Any], summary: Any) -> None:
        self.records, self.summary = records, summary

    def __iter__(self) -> Any:
        return iter(self.records)

    def single(self, strict: bool = False) -> Any:
        if strict and len(self.records) != 1:
            raise RuntimeError(f"expected one record, got {len(self.records)}")
        return self.records[0] if self.records else None

    def consume(self) -> Any:
        return self.summary


def _counted(graph: Any, policy: Any, t: dict[str, Any], *, since: str, day: str) -> dict[str, Any]:
    """Load-independent figures of one round, in process (the workflow and the service the API
    calls, without HTTP): per phase (link written, coverage read, link voided, coverage read) the
    transactions, the statements (each one round trip) and the ``PROFILE`` db hits they cost."""
    import neo4j

    from bench.roundtrips import _hits
    from orgnet.coverage import service
    from orgnet.writes import workflow

    counter = {"transactions": 0, "statements": 0, "db_hits": 0}
    real_run, real_begin = neo4j.Transaction.run, neo4j.Session.begin_transaction

    def run(self: Any, query: str, parameters: Any = None, **kw: Any) -> _Replay:
        counter["statements"] += 1
        result = real_run(self, "PROFILE " + query, parameters, **kw)
        records = list(result)
        summary = result.consume()
        counter["db_hits"] += _hits(summary.profile)
        return _Replay(records, summary)

    def begin(self: Any, *args: Any, **kw: Any) -> Any:
        counter["transactions"] += 1
        return real_begin(self, *args, **kw)

    author = workflow.Author(path="api", account="bench")
    city = graph.read("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
    as_of = dt.date.fromisoformat(day)
    phases = [
        (
            "link written",
            lambda: workflow.create_record(
                graph, section="household_links", data={"member_id": t["member"], "household_id": t["household"], "since": since}, author=author, policy=policy
            ),
        ),
        ("coverage read", lambda: service.coverage(graph, metric="household_linkage", region_id=city, as_of=as_of, policy=policy)),
        (
            "link voided",
            lambda: workflow.void_record(
                graph, section="household_links", record_id=f"{t['member']}~{t['household']}~{since}", reason="bench round", author=author, policy=policy
            ),
        ),
        ("coverage read again", lambda: service.coverage(graph, metric="household_linkage", region_id=city, as_of=as_of, policy=policy)),
    ]
    out = {}
    # orgnet's transactions are explicit ones (orgnet.graph.db: a client-side deadline, retries of its own)
    neo4j.Transaction.run, neo4j.Session.begin_transaction = run, begin  # type: ignore[method-assign]
    try:
        for name, phase in phases:
            counter.update(transactions=0, statements=0, db_hits=0)
            phase()
            out[name] = dict(counter)
    finally:
        neo4j.Transaction.run, neo4j.Session.begin_transaction = real_run, real_begin  # type: ignore[method-assign]
    return out


BENCH_TOKEN = "bench-planner-token-0123456789abcdef"


def _api_write(client: Any, t: dict[str, Any], since: str, *, link: bool) -> dict[str, Any]:
    """One household link written through the API's record endpoints (the write workflow, which
    refreshes the summaries of the regions written itself): created with ``since``, then voided
    (the record stays, no metric counts it), so each round writes a new record."""
    headers = {"Authorization": f"Bearer {BENCH_TOKEN}", "Idempotency-Key": f"bench-{t['household']}-{time.time_ns()}"}
    if link:
        path, body = "/v1/records/household_links", {"member_id": t["member"], "household_id": t["household"], "since": since}
    else:
        path, body = f"/v1/records/household_links/{t['member']}~{t['household']}~{since}/void", {"reason": "bench round"}
    r = client.post(path, json=body, headers=headers)
    if r.status_code >= 400:
        raise RuntimeError(f"POST {path} answered {r.status_code}: {r.text[:300]}")
    summaries = r.json().get("summaries")
    return {
        "status": summaries.get("status", "?") if isinstance(summaries, dict) else str(summaries),
        "incremental": summaries.get("incremental") if isinstance(summaries, dict) else None,
        "seconds": 0.0,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    import httpx

    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.summaries import refresh

    bench = Bench(Config(scale="city", home=args.home.resolve(), bolt_port=args.bolt_port, http_port=args.http_port, quick=True))
    os.environ.setdefault("API_TOKENS", f"{BENCH_TOKEN}:planner")  # for the API write path (bench.env() passes it on)
    bench.server.install()
    was_running = bench.server.status().running
    bench.server.start()
    policy = default_policy()
    day = bench.as_of().isoformat()
    out: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_avg_start": [round(x, 2) for x in os.getloadavg()],
        "day": day,
        "metrics": METRICS,
    }
    try:
        with bench.graph() as graph, ApiServer(bench) as api, httpx.Client(base_url=api.base_url, timeout=60) as client:
            city = graph.read("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
            out["nodes"] = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            out["path"] = "api" if _has_record_endpoint(client) else "direct Cypher write + refresh_after_write"
            targets = _targets(graph, day=day, count=args.writes + 1)
            counted_target = targets.pop() if len(targets) > 1 else None  # its own household: the counted round writes a new record
            samples: dict[str, list[float]] = {"link": [], "unlink": []}
            refresh_ms: list[float] = []
            statuses: list[str] = []
            if not targets:
                raise RuntimeError("no household without any LINKS relationship in the bench database")
            if counted_target is not None:
                since = (dt.date.fromisoformat(day) - dt.timedelta(days=100 * counted_target["links"])).isoformat()
                out["counts"] = _counted(graph, policy, counted_target, since=since, day=day)
            if args.counts_only:
                return out
            anchor = []
            for _ in range(20):
                a0 = time.perf_counter()
                graph.read("RETURN 1 AS x")
                anchor.append(time.perf_counter() - a0)
            out["anchor_return1_ms"] = percentiles(anchor)
            for k in range(args.writes):
                t = targets[k % len(targets)]  # fewer unlinked households than rounds: each round ends its link again
                for kind in ("link", "unlink"):
                    before = _covered(client, city, day)
                    want = before + (1 if kind == "link" else -1)
                    t0 = time.perf_counter()
                    if out["path"] == "api":  # a new record each round: since steps back a day
                        since = (dt.date.fromisoformat(day) - dt.timedelta(days=k + 100 * t["links"])).isoformat()
                        result = _api_write(client, t, since, link=kind == "link")
                    else:
                        result = _direct_write(graph, policy, t, day, link=kind == "link")
                    refresh_ms.append(result.get("seconds", 0))
                    statuses.append(f"{result['status']}/{'incremental' if result.get('incremental') == METRICS else 'whole'}")
                    while _covered(client, city, day) != want:
                        if time.perf_counter() - t0 > 120:
                            raise RuntimeError("the write never became visible")
                        time.sleep(POLL_S)
                    samples[kind].append(time.perf_counter() - t0)
            both = samples["link"] + samples["unlink"]
            out["write_to_visible_ms"] = {
                "all": percentiles(both),
                "link": percentiles(samples["link"]),
                "unlink": percentiles(samples["unlink"]),
                "n": len(both),
            }
            out["refresh_after_write_ms"] = percentiles(refresh_ms)
            out["refresh_status"] = {s: statuses.count(s) for s in sorted(set(statuses))}
            out["load_avg_mid"] = [round(x, 2) for x in os.getloadavg()]
            t0 = time.perf_counter()
            whole = refresh(graph, policy=policy, metrics=METRICS)
            out["whole_refresh_s"] = {"total": round(time.perf_counter() - t0, 2), **{k: round(v, 2) for k, v in whole.seconds_per_metric.items()}}
    finally:
        out["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        if not was_running:
            bench.server.stop()
    return out


def render(r: dict[str, Any]) -> str:
    w = r["write_to_visible_ms"]
    a, ws = w["all"], r["whole_refresh_s"]
    goal = "met" if a["p95"] < 200 else "**missed**"
    return "\n".join(
        [
            "## Coverage follows every write (incremental refresh)\n",
            f"Written by `python -m bench.refresh` on {r['date']} (city scale, {r['nodes']:,} nodes; bench day {r['day']}). "
            f"Load average {r['load_avg_start']} at start, {r['load_avg_mid']} after the writes, {r['load_avg_end']} at end "
            "(2 cores shared with other work: milliseconds are upper bounds). "
            f"Write path: {r['path']}. Each of {w['n'] // 2} rounds links an unlinked household to a member of its county, then ends "
            "the link; write-to-visible is from the start of the write to the first `GET /v1/coverage/household_linkage` at the city "
            "that shows the new covered count. Next to it, the whole-metric refresh of the same metrics (what every write cost before).\n",
            "| | p50 ms | p95 ms | max ms | n |",
            "|---|---|---|---|---|",
            f"| write → visible, all (goal p95 < 200 ms: {goal}) | {a['p50']:.1f} | {a['p95']:.1f} | {a['max']:.1f} | {w['n']} |",
            f"| — link written | {w['link']['p50']:.1f} | {w['link']['p95']:.1f} | {w['link']['max']:.1f} | {w['n'] // 2} |",
            f"| — link ended | {w['unlink']['p50']:.1f} | {w['unlink']['p95']:.1f} | {w['unlink']['max']:.1f} | {w['n'] // 2} |",
            f"| of which `refresh_after_write` (both metrics) | {r['refresh_after_write_ms']['p50']:.1f} | {r['refresh_after_write_ms']['p95']:.1f} | "
            f"{r['refresh_after_write_ms']['max']:.1f} | {w['n']} |",
            f"| anchor: `RETURN 1` through the driver | {r['anchor_return1_ms']['p50']:.1f} | {r['anchor_return1_ms']['p95']:.1f} | "
            f"{r['anchor_return1_ms']['max']:.1f} | {r['anchor_return1_ms']['n']} |",
            f"| whole-metric refresh of {', '.join(r['metrics'])} (before) | {ws['total'] * 1000:,.0f} | | | 1 |",
            "",
            f"Anchor ratio: write → visible p95 = {a['p95'] / max(r['anchor_return1_ms']['p50'], 1e-9):.0f}× the anchor's p50. "
            f"Refresh outcomes: {', '.join(f'{k}: {v}' for k, v in r['refresh_status'].items())} (incremental = the two villages' own "
            "summaries recomputed by the timeline queries and their ancestors' adjusted, in the write's own transaction since "
            "`refresh_in_write`; whole = the fallback). "
            f"Whole refresh per metric: {', '.join(f'{k} {v} s' for k, v in ws.items() if k != 'total')}.\n",
            *_render_before(r.get("before")),
            *_render_counts(r.get("counts"), (r.get("before") or {}).get("counts")),
        ]
    )


def _render_before(b: dict[str, Any] | None) -> list[str]:
    """The same bench on the code before (``--before``: its JSON), with its own load and anchor."""
    if not b:
        return []
    w, a = b["write_to_visible_ms"]["all"], b["anchor_return1_ms"]
    return [
        f"Before ({b.get('code', 'the previous code')}; run {b['date']}, load average {b['load_avg_start']} at start): "
        f"write → visible p50 {w['p50']:.1f} ms, p95 {w['p95']:.1f} ms, max {w['max']:.1f} ms (n {b['write_to_visible_ms']['n']}); "
        f"anchor `RETURN 1` p50 {a['p50']:.1f} ms: p95 = {w['p95'] / max(a['p50'], 1e-9):.0f}× its anchor.\n"
    ]


def _render_counts(after: dict[str, Any] | None, before: dict[str, Any] | None) -> list[str]:
    """Transactions, statements (round trips) and db hits per phase: load-independent."""
    if not after:
        return []
    out = [
        "Load-independent counts of one round, in process (`_counted`: the workflow and the service the API calls, "
        "every statement run under `PROFILE`; no HTTP):\n",
        "| phase | transactions | statements (round trips) | db hits |" + (" before: transactions / statements / db hits |" if before else ""),
        "|---|---|---|---|" + ("---|" if before else ""),
    ]
    for phase, c in after.items():
        row = f"| {phase} | {c['transactions']} | {c['statements']} | {c['db_hits']:,} |"
        if before and phase in before:
            bc = before[phase]
            row += f" {bc['transactions']} / {bc['statements']} / {bc['db_hits']:,} |"
        out.append(row)
    out.append("")
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(prog="python -m bench.refresh", description=__doc__.split("\n\n")[0])
    p.add_argument("--writes", type=int, default=20, help="rounds (each: one link written, then ended)")
    p.add_argument("--home", type=Path, default=Path(os.environ.get("ORGNET_BENCH_HOME", BENCH_DIR.parent / ".orgnet-bench")))
    p.add_argument("--bolt-port", type=int, default=int(os.environ.get("ORGNET_BENCH_BOLT_PORT", "7691")))
    p.add_argument("--http-port", type=int, default=int(os.environ.get("ORGNET_BENCH_HTTP_PORT", "7478")))
    p.add_argument("--results", type=Path, default=BENCH_DIR / "RESULTS.md")
    p.add_argument("--before", type=Path, default=None, help="JSON of the same bench on the previous code, shown next to this run")
    p.add_argument("--counts-only", action="store_true", help="only the in-process counted round (transactions, statements, db hits); prints JSON")
    args = p.parse_args(argv)
    r = run(args)
    if args.before is not None:
        r["before"] = json.loads(args.before.read_text())
    if args.counts_only:
        print(json.dumps(r, indent=1, default=str))
        return r
    (BENCH_DIR / "out").mkdir(exist_ok=True)
    (BENCH_DIR / "out" / "refresh-city.json").write_text(json.dumps(r, indent=2, default=str))
    write_block(args.results, "bench.refresh", render(r))
    print(json.dumps(r, indent=1, default=str))
    return r


if __name__ == "__main__":
    main()
