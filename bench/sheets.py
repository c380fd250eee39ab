"""Spreadsheet import speed (issue 23): a large roster workbook's dry run and commit, against the
JSON bundle import of the same rows in the same run.

    python -m bench.sheets                              # demo seed in the bench's Neo4j, 100,000 rows
    python -m bench.sheets --reuse --rows 100000        # the bench database as it is (city scale once built)
    python -m bench.sheets --home .orgnet-test --bolt-port 7801 --http-port 7821 --heap 768m --pagecache 256m

It uses the bench's own Neo4j (``bench.run``'s ``.orgnet-bench/``; ``--home``, the ports and the
memory as there) and loads the demo seed unless ``--reuse``.  The workbook is the roster template's
two sheets: ``rows / 2`` new party members (党员, in the seed's villages, each in its village's party
organisation) and as many household links (党员联系户, each member to a household of its village),
written with XlsxWriter as orgnet writes its templates.  Then, one after the other, in one process:

1. **dry run**: ``read_file`` (openpyxl read-only, streaming) and ``plan.dry_run`` as the API runs them
   for an unrestricted caller; peak RSS of this process above its level before;
2. **commit**: ``plan.commit`` (one transaction, one change record, the summaries refreshed);
3. the rows written are deleted (and their villages' summaries refreshed), and **the JSON bundle
   import** of the same records: the bundle's JSON parsed (``parse_bundle``) and written by
   ``workflow.import_bundle`` (atomic, as ``POST /v1/import`` does), then deleted again.

Results: ``bench/out/sheets-<scale>.json`` and the ``bench.sheets`` block of RESULTS.md.  No test
asserts on these figures (docs/design.md §5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import platform
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.run import DEFAULT_HOME, DEFAULT_RESULTS, Bench, Config

OUT = Path(__file__).resolve().parent / "out"
GOALS = {"dry_run_s": 30.0, "commit_s": 60.0}
PREFIX = "pm-bench-"
VILLAGES = """
MATCH (v:Village) WHERE $county IS NULL OR v.county_id = $county
MATCH (h:Household)-[:LOCATED_IN]->(v)
WITH v, collect(h.id)[..50] AS households
MATCH (o:PartyOrg {region_id: v.id})
WITH v, households, min(o.id) AS org
RETURN v.id AS village, org, households ORDER BY village
"""


class PeakRss:
    """The highest RSS of this process while it runs (sampled every 50 ms)."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.base = self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def above_mib(self) -> float:
        return round((self.peak - self.base) / 2**20, 1)


def records(graph: Any, rows: int, county: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """``rows / 2`` new members and as many links, spread over the seed's villages (``county``: that county's only)."""
    places = [p for p in graph.read(VILLAGES, {"county": county}) if p["households"]]
    members, links = [], []
    for i in range(rows // 2):
        place = places[i % len(places)]
        member = f"{PREFIX}{i:06d}"
        members.append({"id": member, "name": f"测试党员{i}", "org_id": place["org"], "region_id": place["village"], "rural": i % 2 == 0, "city_organ": False})
        links.append({"member_id": member, "household_id": place["households"][i % len(place["households"])], "since": "2020-02-01"})
    return {"party_members": members, "household_links": links}


def workbook(recs: dict[str, list[dict[str, Any]]]) -> bytes:
    from orgnet.sheets.sections import SECTIONS
    from orgnet.sheets.templates import write_workbook

    out = io.BytesIO()
    write_workbook(out, [SECTIONS["party_members"], SECTIONS["household_links"]], rows=recs)
    return out.getvalue()


def clean(graph: Any, policy: Any) -> None:
    from orgnet.coverage.stale import mark_stale_statement
    from orgnet.coverage.summaries import SECTION_METRICS, refresh_regions

    villages = [r["v"] for r in graph.read("MATCH (m:PartyMember) WHERE m.id STARTS WITH $p RETURN DISTINCT m.region_id AS v", {"p": PREFIX})]
    while graph.read("MATCH (m:PartyMember) WHERE m.id STARTS WITH $p RETURN count(m) AS n", {"p": PREFIX})[0]["n"]:
        graph.write("MATCH (m:PartyMember) WHERE m.id STARTS WITH $p WITH m LIMIT 5000 DETACH DELETE m", {"p": PREFIX})
    if villages:  # every metric the import marks stale: each is fresh before the next import (an interrupted run leaves some stale)
        metrics = sorted(set(SECTION_METRICS["party_members"]) | set(SECTION_METRICS["household_links"]))
        graph.write(*mark_stale_statement(metrics))
        refresh_regions(graph, policy=policy, metrics=metrics, region_ids=villages)


def measure(bench: Bench, *, rows: int, reuse: bool, county: str | None = None) -> dict[str, Any]:
    from bench.news import ensure_seed
    from orgnet.coverage.policy import default_policy
    from orgnet.graph.validate import parse_bundle
    from orgnet.settings import Settings
    from orgnet.sheets import plan
    from orgnet.sheets.reader import Limits, read_file
    from orgnet.writes import workflow

    graph = bench.graph()
    policy = default_policy()
    ensure_seed(bench, graph, reuse=reuse)
    clean(graph, policy)
    households = graph.read("MATCH (h:Household) RETURN count(h) AS n")[0]["n"]
    recs = records(graph, rows, county)
    villages = len({m["region_id"] for m in recs["party_members"]})
    t = time.perf_counter()
    data = workbook(recs)
    written_s = time.perf_counter() - t
    bench.log(f"workbook of {rows:,} rows: {len(data) / 2**20:.1f} MiB in {written_s:.1f} s")
    author = workflow.Author(path="import", account=None, role="admin")
    limits = Limits(max_rows=max(rows, 100_000))
    key = Settings(orgnet_home=bench.settings.orgnet_home).effective_id_number_secret()
    result: dict[str, Any] = {
        "rows": rows,
        "county": county,
        "villages": villages,
        "households": households,
        "workbook_mib": round(len(data) / 2**20, 1),
        "workbook_write_s": round(written_s, 2),
    }
    try:
        with PeakRss() as rss:
            t = time.perf_counter()
            book = read_file("bench.xlsx", data, limits)
            read_s = time.perf_counter() - t
            the_plan = plan.dry_run(graph, book, id_key=key)
            dry_s = time.perf_counter() - t
        counts = the_plan.counts()
        bench.log(f"dry run {dry_s:.1f} s (read {read_s:.1f} s): {counts}")
        assert sum(c["added"] for c in counts.values()) == rows, counts
        result["sheet"] = {"read_s": round(read_s, 2), "dry_run_s": round(dry_s, 2), "dry_run_rss_mib": rss.above_mib}
        with PeakRss() as rss:
            t = time.perf_counter()
            body = plan.commit(graph, the_plan, author=author, policy=policy, batch_size=bench.cfg.batch_size, in_scope=None)
            commit_s = time.perf_counter() - t
        refreshed = body.get("summaries") or {}
        bench.log(f"commit {commit_s:.1f} s, of which the summary refresh {refreshed.get('seconds')} s (incremental: {refreshed.get('incremental')})")
        result["sheet"] |= {
            "commit_s": round(commit_s, 2),
            "commit_rss_mib": rss.above_mib,
            "refresh_s": refreshed.get("seconds"),
            "incremental": refreshed.get("incremental"),
        }
        del the_plan, book
        clean(graph, policy)

        text = json.dumps({"format": "orgnet-bundle/1", **recs}, ensure_ascii=False).encode()
        with PeakRss() as rss:
            t = time.perf_counter()
            bundle = parse_bundle(json.loads(text))
            parse_s = time.perf_counter() - t
            outcome = workflow.import_bundle(graph, bundle, author=author, policy=policy, batch_size=bench.cfg.batch_size, atomic=True)
            bundle_s = time.perf_counter() - t
        refreshed = outcome.body.get("summaries") or {}
        bench.log(f"JSON bundle import {bundle_s:.1f} s (parse {parse_s:.1f} s, summary refresh {refreshed.get('seconds')} s)")
        result["bundle"] = {
            "json_mib": round(len(text) / 2**20, 1),
            "parse_s": round(parse_s, 2),
            "import_s": round(bundle_s, 2),
            "rss_mib": rss.above_mib,
            "refresh_s": refreshed.get("seconds"),
        }
    finally:
        clean(graph, policy)
        graph.close()
    result["scale"] = "city" if households > 1_000_000 else "demo"
    return result


def _rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f}" if seconds else "—"


def _table(result: dict[str, Any]) -> list[str]:
    m, s, b, n = result["machine"], result["sheet"], result["bundle"], result["rows"]
    sheet_total = s["dry_run_s"] + s["commit_s"]
    where = (
        f"the {result['villages']:,} villages of county {result['county']}"
        if result.get("county")
        else f"all {result.get('villages', 0):,} villages of the city"
    )

    def goal(key: str, v: float) -> str:
        if n < 100_000:
            return f"< {GOALS[key]:.0f} s for 100,000 rows: not measured here"
        return f"< {GOALS[key]:.0f} s: " + ("met" if v < GOALS[key] else "**not met**")

    def written(x: dict[str, Any], total: float) -> str:
        return f"{round(total - x['refresh_s'], 2)}" if x.get("refresh_s") is not None else "—"

    return [
        f"`{result['command']}` on {result['date']}: {m['cpus']} CPUs, {m['memory_gib']} GiB, {m['python']}; the machine shared with other work "
        f"(load average {m['load']} at the start). Scale: **{result['scale']}** ({result['households']:,} households in the graph). "
        f"One workbook of **{n:,} rows** ({n // 2:,} new party members on 党员, {n // 2:,} household links on 党员联系户, spread over {where}; "
        f"{result['workbook_mib']} MiB, written by XlsxWriter in {result['workbook_write_s']} s), then the same records as a JSON bundle "
        f"({b['json_mib']} MiB), in one process against one Neo4j; the rows are deleted between the two.",
        "",
        "| step | seconds | rows/s | peak RSS above start (MiB) | goal |",
        "|---|---:|---:|---:|---|",
        f"| sheet: read (openpyxl read-only) | {s['read_s']} | {_rate(n, s['read_s'])} | | |",
        f"| sheet: **dry run** (read + checks against the graph) | {s['dry_run_s']} | {_rate(n, s['dry_run_s'])} | {s['dry_run_rss_mib']} | {goal('dry_run_s', s['dry_run_s'])} |",
        f"| sheet: **commit** (one transaction, then the summaries refreshed) | {s['commit_s']} | {_rate(n, s['commit_s'])} | {s['commit_rss_mib']} | {goal('commit_s', s['commit_s'])} |",
        f"| — of which the transaction (checks, rows, change set) | {written(s, s['commit_s'])} | | | |",
        f"| — of which the summary refresh (incremental: {len(s.get('incremental') or [])} metrics) | {s.get('refresh_s', '—')} | | | |",
        f"| sheet: dry run + commit | {round(sheet_total, 2)} | {_rate(n, sheet_total)} | | |",
        f"| JSON bundle: parse | {b['parse_s']} | {_rate(n, b['parse_s'])} | | |",
        f"| JSON bundle: parse + import (atomic, summaries refreshed) | {b['import_s']} | {_rate(n, b['import_s'])} | {b['rss_mib']} | |",
        f"| — of which the summary refresh | {b.get('refresh_s', '—')} | | | |",
    ]


def render(results: list[dict[str, Any]], note: str = "") -> str:
    """The ``bench.sheets`` block of RESULTS.md: one table per run."""
    lines = ["## Spreadsheet import: dry run and commit against the JSON bundle import (issue 23)", ""]
    for result in results:
        lines += [*_table(result), ""]
    if note:
        lines += [note, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Measure on the bench database as it is (else: the demo seed is loaded)")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    parser.add_argument("--bolt-port", type=int, default=7691)
    parser.add_argument("--http-port", type=int, default=7478)
    parser.add_argument("--county", help="Only this county's villages (a county planner's roster; default: every village)")
    parser.add_argument("--heap", default="")
    parser.add_argument("--pagecache", default="")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--render", type=Path, nargs="+", help="Only write the block again from these JSON files (one table each)")
    parser.add_argument("--note", type=Path, help="With --render: a paragraph (Markdown file) after the tables")
    args = parser.parse_args(argv)
    command = "python -m bench.sheets " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.render:
        results = [json.loads(p.read_text()) for p in args.render]
        write_block(args.results, "bench.sheets", render(results, args.note.read_text().strip() if args.note else ""))
        return results[0]
    bench = Bench(Config(scale="demo", home=args.home, bolt_port=args.bolt_port, http_port=args.http_port, heap=args.heap, pagecache=args.pagecache))
    was_running = bench.server.status().running
    bench.server.start()
    try:
        load = psutil.getloadavg()[0]
        result = measure(bench, rows=args.rows, reuse=args.reuse, county=args.county)
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
    (OUT / f"sheets-{result['scale']}{'-' + args.county if args.county else ''}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write_block(args.results, "bench.sheets", render([result]))
    print(render([result]))
    return result


if __name__ == "__main__":
    main()
