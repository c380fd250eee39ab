"""Gap exports and the whole gap list through the API, each figure next to anchors of the same run.

    python -m bench.export --scale city                      # offline load and summaries, then the measures
    python -m bench.export --scale city --reuse              # the bench database as it is
    python -m bench.export --scale city --reuse --api-code /tmp/orgnet-main --label before
    python -m bench.export --scale city --reuse --profile    # also a py-spy flame graph of one CSV export
    python -m bench.export --render bench/out/export-city.json   # its block of RESULTS.md again

It uses the bench's own Neo4j (``bench.run``'s ``.orgnet-bench/``, its ports by default; see
``--home``, ``--bolt-port``, ``--http-port``), serves the API with uvicorn in a subprocess (one
worker, ``EXPENSIVE_SLOTS_PER_CALLER=1`` so that a held slot shows) from this checkout or from
``--api-code`` (another checkout of orgnet: the *before* figures of a change), and stops the server
at the end if it was not running before.  All traffic goes to 127.0.0.1; every step is bounded in
time.  What is measured, for one metric, region and day (``household_linkage``, the root region,
2020-02-01 unless told):

1. **Anchors**: ``GET /health`` (50 sequential requests) and ``RETURN 1`` through the driver.
2. **The whole gap list**: ``GET /v1/gaps/{metric}?limit=500``, each page after the previous one's
   ``next_cursor``, to the end; items/s and page latency.
3. **CSV export** and 4. **xlsx export**: rows/s (rows counted in the file), time to the first
   byte, CPU of the API and of Neo4j, the API's RSS before and its peak during the export.
5. **An abandoned export** (xlsx, then CSV): the client reads the head and closes its socket; the
   seconds until the same caller's next expensive request is admitted (200, not 429) and the API's
   CPU in the three seconds after the client left.
6. ``--profile``: py-spy records the API during one CSV export: ``bench/out/export-profile-<scale>.svg``
   (a flame graph; bench/out/ is not committed) and the frames that took most samples.

Results are kept per ``--label`` in ``bench/out/export-<scale>.json`` (a run replaces its label's
figures, keeps the others) and RESULTS.md's ``bench.export`` block shows the labels side by side.
No test asserts on these figures (docs/design.md §5).

It is over 400 lines because one benchmark is one script: its measures, the profile and the report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.blocks import write_block
from bench.load import _cpu_s
from bench.queries import ApiServer, percentiles

BENCH_DIR = Path(__file__).resolve().parent
OUT = BENCH_DIR / "out"
MIB = 1024**2
GOALS = {"list_items_per_s": 20_000, "csv_rows_per_s": 50_000, "xlsx_rows_per_s": 20_000, "abandoned_free_s": 1.0}


def _cpu(pid: int | None) -> float:
    return _cpu_s([psutil.Process(pid)]) if pid is not None and psutil.pid_exists(pid) else 0.0


class RssPeak:
    """The peak RSS of a process while the block runs (sampled every 50 ms)."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.start = self.proc.memory_info().rss
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss)
            except psutil.Error:
                return

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def anchors(api: ApiServer, graph: Any) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=api.base_url, timeout=30) as http:
        http.get("/health")
        health = []
        for _ in range(50):
            t = time.perf_counter()
            http.get("/health")
            health.append(time.perf_counter() - t)
    ret = []
    for _ in range(50):
        t = time.perf_counter()
        graph.read("RETURN 1 AS x")
        ret.append(time.perf_counter() - t)
    return {"health_ms": percentiles(health), "return1_ms": percentiles(ret)}


def whole_list(api: ApiServer, neo4j_pid: int | None, *, metric: str, region: str, day: str, max_s: float) -> dict[str, Any]:
    """Every page of the gap list, one after the other (pages of 500)."""
    import httpx

    pages, items, latencies = 0, 0, []
    cursor = None
    api0, neo0, t0 = _cpu(api.proc.pid), _cpu(neo4j_pid), time.perf_counter()
    complete = False
    with httpx.Client(base_url=api.base_url, timeout=120) as http:
        while time.perf_counter() - t0 < max_s:
            params = {"region": region, "as_of": day, "limit": 500, **({"cursor": cursor} if cursor else {})}
            t = time.perf_counter()
            r = http.get(f"/v1/gaps/{metric}", params=params)
            latencies.append(time.perf_counter() - t)
            r.raise_for_status()
            page = r.json()
            pages += 1
            items += len(page["items"])
            total = page["total"]
            cursor = page.get("next_cursor")
            if not cursor:
                complete = True
                break
    wall = time.perf_counter() - t0
    return {
        "pages": pages,
        "items": items,
        "total": total,
        "complete": complete,
        "seconds": round(wall, 2),
        "items_per_s": round(items / wall, 1),
        "page_ms": percentiles(latencies),
        "api_cpu_s": round(_cpu(api.proc.pid) - api0, 2),
        "neo4j_cpu_s": round(_cpu(neo4j_pid) - neo0, 2),
    }


def export(api: ApiServer, neo4j_pid: int | None, *, fmt: str, metric: str, region: str, day: str, timeout_s: float) -> dict[str, Any]:
    """One export read whole: rows counted in the file (CSV: lines less the header and any ``#`` line)."""
    import httpx

    api0, neo0 = _cpu(api.proc.pid), _cpu(neo4j_pid)
    t0 = time.perf_counter()
    first = None
    size = 0
    lines = 0
    tail = b""
    done = False
    xlsx = bytearray()
    with RssPeak(api.proc.pid) as rss:
        try:
            with httpx.Client(base_url=api.base_url, timeout=httpx.Timeout(timeout_s, connect=10)) as http:
                with http.stream("GET", f"/v1/gaps/{metric}/export", params={"format": fmt, "region": region, "as_of": day}) as r:
                    headers = {k: v for k, v in r.headers.items() if k.startswith("x-orgnet")}
                    for chunk in r.iter_bytes():
                        if first is None:
                            first = time.perf_counter() - t0
                        size += len(chunk)
                        if fmt == "csv":
                            lines += chunk.count(b"\n")
                            tail = (tail + chunk)[-2000:]
                        else:
                            xlsx += chunk
                        if time.perf_counter() - t0 > timeout_s:
                            break
                    else:
                        done = True
        except httpx.TimeoutException:
            headers = locals().get("headers", {})
    wall = time.perf_counter() - t0
    out: dict[str, Any] = {"format": fmt, "headers": headers, "complete": done, "seconds": round(wall, 2), "bytes": size}
    out["first_byte_s"] = round(first, 3) if first is not None else None
    if done and fmt == "csv":
        last = tail.rstrip(b"\r\n").rsplit(b"\r\n", 1)[-1].decode("utf-8", "replace")
        out["last_line"] = last if last.startswith("#") else None
        out["rows"] = lines - 1 - (1 if out["last_line"] else 0)
    elif done:
        out["rows"], out["about"] = xlsx_rows(bytes(xlsx))
    out["rows_per_s"] = round(out["rows"] / wall, 1) if out.get("rows") else None
    out["api_cpu_s"] = round(_cpu(api.proc.pid) - api0, 2)
    out["neo4j_cpu_s"] = round(_cpu(neo4j_pid) - neo0, 2)
    out["api_rss_start_mib"] = round(rss.start / MIB, 1)
    out["api_rss_peak_mib"] = round(rss.peak / MIB, 1)
    return out


def xlsx_rows(data: bytes) -> tuple[int, dict[str, Any]]:
    """The data rows of a workbook's first sheet (its ``<row`` elements, counted in the zip
    without parsing the cells: a million rows parsed by openpyxl would cost the client more CPU
    than the server spent) and its ``about`` sheet."""
    import io
    import zipfile

    from openpyxl import load_workbook

    rows, tail = 0, b""
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("xl/worksheets/sheet1.xml") as sheet:
        while block := sheet.read(1 << 20):
            rows += (tail + block).count(b"<row ")
            tail = block[-4:]
    about = {str(k): v for k, v in load_workbook(io.BytesIO(data), read_only=True)["about"].iter_rows(values_only=True)}
    return rows - 1, about


def abandoned(api: ApiServer, *, fmt: str, metric: str, region: str, day: str, village: str, wait_s: float) -> dict[str, Any]:
    """Start an export, read its head, close the socket; how long until the caller's slot is free
    (a small export, ``village``'s party organisation, is admitted again)."""
    import httpx

    sock = socket.create_connection(("127.0.0.1", api.port), timeout=120)
    path = f"/v1/gaps/{metric}/export?format={fmt}&region={region}&as_of={day}"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(65536)
        if not chunk:
            break
        head += chunk
    time.sleep(1.0)  # the export is under way
    cpu0 = _cpu(api.proc.pid)
    sock.close()
    left = time.perf_counter()
    probe = f"/v1/gaps/party_org_presence/export?region={village}&as_of={day}"
    free_after = cpu_3s = None
    with httpx.Client(base_url=api.base_url, timeout=60) as http:
        while time.perf_counter() - left < wait_s:
            sent = time.perf_counter() - left  # admitted when sent: the probe's own export is not the slot's delay
            if cpu_3s is None and sent >= 3.0:
                cpu_3s = _cpu(api.proc.pid) - cpu0
            if http.get(probe).status_code == 200:
                free_after = sent
                break
            time.sleep(0.05)
    if cpu_3s is None:
        time.sleep(max(0.0, 3.0 - (time.perf_counter() - left)))
        cpu_3s = _cpu(api.proc.pid) - cpu0
    return {
        "format": fmt,
        "status": head.split(b"\r\n", 1)[0].decode(errors="replace"),
        "slot_free_after_s": round(free_after, 3) if free_after is not None else None,
        "waited_s": wait_s,
        "api_cpu_s_in_3s_after": round(cpu_3s, 2),
    }


def profile(api: ApiServer, *, scale: str, metric: str, region: str, day: str, timeout_s: float) -> dict[str, Any]:
    """py-spy records the API during one CSV export: a flame graph and the frames with most samples."""
    import httpx

    svg = OUT / f"export-profile-{scale}.svg"
    spy = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "--pid",
            str(api.proc.pid),
            "--output",
            str(svg),
            "--rate",
            "200",
            "--threads",
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    t0 = time.perf_counter()
    with httpx.Client(base_url=api.base_url, timeout=timeout_s) as http:
        r = http.get(f"/v1/gaps/{metric}/export", params={"format": "csv", "region": region, "as_of": day})
    wall = time.perf_counter() - t0
    spy.send_signal(signal.SIGINT)
    try:
        _, err = spy.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        spy.kill()
        _, err = spy.communicate()
    out: dict[str, Any] = {"svg": str(svg.relative_to(BENCH_DIR.parent)), "seconds": round(wall, 2), "rows": r.content.count(b"\n") - 1}
    if not svg.exists():
        out["error"] = err.decode(errors="replace")[-500:]
        return out
    text = svg.read_text(encoding="utf-8", errors="replace")
    out["frames"] = top_frames(text)
    out["self"] = self_frames(text)
    return out


_TITLE = re.compile(r"<title>(.*?) \(([\d,]+) samples, ([\d.]+)%\)</title>")


def top_frames(svg: str, n: int = 14) -> list[dict[str, Any]]:
    """The frames of a py-spy flame graph with the most samples (each frame's own and its callees'),
    merged by name, the process and thread roots left out.

    >>> top_frames('<title>all (10 samples, 100%)</title><title>f (x.py:1) (6 samples, 60.00%)</title><title>f (x.py:1) (1 samples, 10.00%)</title>')
    [{'frame': 'f (x.py:1)', 'samples': 7, 'percent': 70.0}]
    """
    merged: dict[str, list[float]] = {}
    for name, samples, pct in _TITLE.findall(svg):
        name = name.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        if name == "all" or name.startswith(("process ", "thread ")):
            continue
        entry = merged.setdefault(name, [0, 0.0])
        entry[0] += int(samples.replace(",", ""))
        entry[1] += float(pct)
    ranked = sorted(merged.items(), key=lambda kv: -kv[1][0])[:n]
    return [{"frame": name, "samples": int(s), "percent": round(p, 1)} for name, (s, p) in ranked]


_FRAME = re.compile(r'<g><title>(.*?) \(([\d,]+) samples, [\d.]+%\)</title><rect [^>]*?y="([\d.]+)"[^>]*?fg:x="(\d+)" fg:w="(\d+)"')


def self_frames(svg: str, n: int = 16) -> list[dict[str, Any]]:
    """The frames of a py-spy flame graph by their own samples (less their callees'), merged by
    name: where the time is spent, not who called it.

    >>> svg = ('<g><title>all (10 samples, 100%)</title><rect x="0%" y="100" width="100%" fg:x="0" fg:w="10"/></g>'
    ...        '<g><title>f (x.py:1) (10 samples, 100%)</title><rect x="0%" y="84" width="100%" fg:x="0" fg:w="10"/></g>'
    ...        '<g><title>g (x.py:2) (6 samples, 60%)</title><rect x="0%" y="68" width="60%" fg:x="0" fg:w="6"/></g>')
    >>> self_frames(svg)
    [{'frame': 'g (x.py:2)', 'samples': 6, 'percent': 60.0}, {'frame': 'f (x.py:1)', 'samples': 4, 'percent': 40.0}]
    """
    frames = [(name, float(y), int(x), int(w)) for name, _, y, x, w in _FRAME.findall(svg)]
    if not frames:
        return []
    total = max(w for _, _, _, w in frames)
    levels = sorted({y for _, y, _, _ in frames})
    root_y = next(y for name, y, _, w in frames if w == total)
    if root_y == levels[-1]:  # the root at the bottom: callees above it
        levels.reverse()
    deeper = dict(zip(levels, levels[1:], strict=False))  # each level's callees' level
    by_level: dict[float, list[tuple[int, int]]] = {}
    for _, y, x, w in frames:
        by_level.setdefault(y, []).append((x, w))
    own: dict[str, int] = {}
    for name, y, x, w in frames:
        if name == "all" or name.startswith(("process ", "thread ")):
            continue
        below = by_level.get(deeper.get(y), [])  # type: ignore[arg-type]
        own[name] = own.get(name, 0) + w - sum(cw for cx, cw in below if x <= cx < x + w)
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:n]
    return [{"frame": name, "samples": s, "percent": round(100 * s / total, 1)} for name, s in ranked]


# ---------------------------------------------------------------------------------- run


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.run import Bench, Config

    bench = Bench(
        Config(
            scale=args.scale,
            seed=args.seed,
            quick=False,
            home=args.home.resolve(),
            bolt_port=args.bolt_port,
            http_port=args.http_port,
            heap=args.heap,
            pagecache=args.pagecache,
        )
    )
    bench.machine()
    results: dict[str, Any] = {"machine": bench.results["machine"], "label": args.label, "code": str(args.api_code), "notes": []}
    bench.server.install()
    was_running = bench.server.status().running
    try:
        if args.reuse:
            bench.server.start()
            results["notes"].append("--reuse: the bench database as it was (not reloaded)")
        else:
            bench.offline()
            bench.worker("summaries", "--as-of", bench.as_of().isoformat(), "--live-reps", "0")
        with bench.graph() as graph:
            region = args.region or graph.read("MATCH (r:Region) WHERE NOT (r)-[:PART_OF]->() RETURN r.id AS id ORDER BY id LIMIT 1")[0]["id"]
            results["nodes"] = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            neo4j_pid = bench.server.status().pid
            extra = {"EXPENSIVE_SLOTS_PER_CALLER": "1", "EXPORT_BUDGET_S": str(args.export_budget), "LOG_LEVEL": "warning"}
            what = {"metric": args.metric, "region": region, "day": args.day}
            results["what"] = what
            with ApiServer(bench, code=args.api_code.resolve(), env=extra, log=OUT / "export-api.log") as api:
                bench.log(f"API from {api.code} on {api.base_url}; {results['nodes']:,} nodes; {what}")
                results["anchors"] = anchors(api, graph)
                bench.log(f"anchors {results['anchors']}")
                results["list"] = whole_list(api, neo4j_pid, max_s=args.list_seconds, **what)
                bench.log(f"whole list {results['list']}")
                for fmt in ("csv", "xlsx"):
                    results[fmt] = export(api, neo4j_pid, fmt=fmt, timeout_s=args.export_timeout, **what)
                    bench.log(f"{fmt} {results[fmt]}")
                village = graph.read("MATCH (v:Village) RETURN v.id AS id ORDER BY id LIMIT 1")[0]["id"]
                results["abandoned"] = [abandoned(api, fmt=fmt, village=village, wait_s=args.abandon_wait, **what) for fmt in ("xlsx", "csv")]
                bench.log(f"abandoned {results['abandoned']}")
                if args.profile:
                    results["profile"] = profile(api, scale=args.scale, timeout_s=args.export_timeout, **what)
                    bench.log(f"profile {results['profile']}")
                results["anchors_end"] = anchors(api, graph)
    finally:
        results["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        results["bench_seconds"] = round(time.perf_counter() - bench.started, 1)
        if not was_running:
            bench.server.stop()
    return results


# ---------------------------------------------------------------------------------- report


def _n(x: Any, digits: int = 0) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def _per_cpu(n: Any, api_s: Any, neo4j_s: Any) -> str:
    """Throughput per CPU second of each process: what a process would do with a core of its own
    (the figure a loaded machine cannot spoil, next to the wall-clock one)."""
    if not n or not api_s or not neo4j_s:
        return "—"
    return f"{n / api_s:,.0f} / {n / neo4j_s:,.0f}"


def render(runs: dict[str, dict[str, Any]], command: str) -> str:
    """The ``bench.export`` block of RESULTS.md: one column per label."""
    labels = sorted(runs, key=lambda k: (k != "before", k))
    out: list[str] = ["## Gap exports and the whole gap list (issue 22)\n"]
    w = out.append
    for label in labels:
        r = runs[label]
        m = r.get("machine", {})
        w(
            f"- **{label}**: `{r.get('command', command)}` on {m.get('date', '?')}, {_n(r.get('nodes'))} nodes, API code from `{r.get('code')}`; "
            f"load average {m.get('load_avg_start')} at start, {m.get('load_avg_end')} at end ({m.get('nproc')} cores, shared); "
            f"Neo4j heap {m.get('heap')}, page cache {m.get('pagecache')}; {r.get('bench_seconds')} s in all."
        )
    what = runs[labels[0]].get("what", {}) if labels else {}
    w(
        f"\n`{what.get('metric')}` under region `{what.get('region')}` as of {what.get('day')}; the API is uvicorn with one worker in a "
        "subprocess (`EXPENSIVE_SLOTS_PER_CALLER=1`), the client httpx in the bench process. Anchors measured in the same run: "
        "`GET /health` and `RETURN 1` through the driver (p50 of 50). Rerun with `python -m bench.export --scale city --reuse` "
        "(`--api-code DIR --label before` for another checkout). No test asserts on these figures.\n"
    )
    head = "| | goal | " + " | ".join(labels) + " |"
    w(head)
    w("|---|---|" + "---|" * len(labels))

    def row(name: str, goal: str, cell: Any) -> None:
        w(f"| {name} | {goal} | " + " | ".join(cell(runs[k]) for k in labels) + " |")

    def get(r: dict[str, Any], *path: Any) -> Any:
        for p in path:
            if r is None:
                return None
            r = r[p] if isinstance(r, list) and isinstance(p, int) and p < len(r) else r.get(p) if isinstance(r, dict) else None
        return r

    row("anchor: `GET /health` p50 ms", "", lambda r: _n(get(r, "anchors", "health_ms", "p50"), 2))
    row("anchor: `RETURN 1` p50 ms", "", lambda r: _n(get(r, "anchors", "return1_ms", "p50"), 2))
    row(
        "whole gap list, pages of 500: items/s",
        f"≥ {GOALS['list_items_per_s']:,}",
        lambda r: f"**{_n(get(r, 'list', 'items_per_s'))}** ({_n(get(r, 'list', 'items'))} items{'' if get(r, 'list', 'complete') else ', stopped early'})",
    )
    row("  page p50 / p95 ms", "", lambda r: f"{_n(get(r, 'list', 'page_ms', 'p50'), 1)} / {_n(get(r, 'list', 'page_ms', 'p95'), 1)}")
    row("  CPU s: API / Neo4j", "", lambda r: f"{_n(get(r, 'list', 'api_cpu_s'), 1)} / {_n(get(r, 'list', 'neo4j_cpu_s'), 1)}")
    row("  items per CPU second: API / Neo4j", "", lambda r: _per_cpu(get(r, "list", "items"), get(r, "list", "api_cpu_s"), get(r, "list", "neo4j_cpu_s")))
    for fmt, goal in (("csv", GOALS["csv_rows_per_s"]), ("xlsx", GOALS["xlsx_rows_per_s"])):
        row(
            f"{fmt.upper()} export: rows/s",
            f"≥ {goal:,}",
            lambda r, f=fmt: (
                f"**{_n(get(r, f, 'rows_per_s'))}** ({_n(get(r, f, 'rows'))} rows in {_n(get(r, f, 'seconds'), 1)} s)"
                if get(r, f, "complete")
                else f"not done after {_n(get(r, f, 'seconds'), 0)} s"
            ),
        )
        row("  first byte s", "", lambda r, f=fmt: _n(get(r, f, "first_byte_s"), 2))
        row("  API RSS MiB: before → peak", "flat", lambda r, f=fmt: f"{_n(get(r, f, 'api_rss_start_mib'))} → {_n(get(r, f, 'api_rss_peak_mib'))}")
        row("  CPU s: API / Neo4j", "", lambda r, f=fmt: f"{_n(get(r, f, 'api_cpu_s'), 1)} / {_n(get(r, f, 'neo4j_cpu_s'), 1)}")
        row("  rows per CPU second: API / Neo4j", "", lambda r, f=fmt: _per_cpu(get(r, f, "rows"), get(r, f, "api_cpu_s"), get(r, f, "neo4j_cpu_s")))
        row("  headers", "", lambda r, f=fmt: ", ".join(f"`{k}: {v}`" for k, v in (get(r, f, "headers") or {}).items()) or "—")
    for i, fmt in enumerate(("xlsx", "csv")):
        row(
            f"abandoned {fmt} export: slot free after s",
            f"< {GOALS['abandoned_free_s']:g}",
            lambda r, i=i: (
                _n(get(r, "abandoned", i, "slot_free_after_s"), 2)
                if get(r, "abandoned", i, "slot_free_after_s") is not None
                else f"held > {_n(get(r, 'abandoned', i, 'waited_s'))} s"
                + (" (the export itself was refused, 429: an earlier export still held the slot)" if "429" in (get(r, "abandoned", i, "status") or "") else "")
            ),
        )
        row(
            "  API CPU s in the 3 s after",
            "",
            lambda r, i=i: (
                _n(get(r, "abandoned", i, "api_cpu_s_in_3s_after"), 2)
                if get(r, "abandoned", i, "api_cpu_s_over_wait") is None
                else f"{_n(get(r, 'abandoned', i, 'api_cpu_s_over_wait'), 2)} over the {_n(get(r, 'abandoned', i, 'waited_s'))} s waited"
            ),
        )
    for label in labels:
        if runs[label].get("analysis"):
            w(f"\n**What the figures say ({label}).** " + runs[label]["analysis"])
    for label in labels:
        p = runs[label].get("profile")
        if not p:
            continue
        w(f"\n### Profile of one CSV export ({label})\n")
        w(
            f"py-spy (200 Hz, every thread) on the API during one CSV export of the same list ({_n(p.get('rows'))} rows in "
            f"{_n(p.get('seconds'), 1)} s); the flame graph is `{p.get('svg')}` (not committed: `python -m bench.export --reuse --profile` "
            "makes it again). The frames with most samples, each with its callees:\n"
        )
        w("| frame (with its callees) | samples | % of all |")
        w("|---|---|---|")
        for f in p.get("frames", []):
            w(f"| `{f['frame']}` | {f['samples']:,} | {f['percent']:.1f} |")
        w("\nThe frames by their own samples (their callees' left out): where the time goes.\n")
        w("| frame (own) | samples | % of all |")
        w("|---|---|---|")
        for f in p.get("self", []):
            w(f"| `{f['frame']}` | {f['samples']:,} | {f['percent']:.1f} |")
        if p.get("summary"):
            w("\n" + p["summary"])
    return "\n".join(out) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.export", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=["demo", "city"], default="city")
    p.add_argument("--reuse", action="store_true", help="use the bench database as it is: no offline load, no summaries refresh")
    p.add_argument("--seed", type=int, default=2020)
    p.add_argument("--home", type=Path, default=Path(os.environ.get("ORGNET_BENCH_HOME", BENCH_DIR.parent / ".orgnet-bench")))
    p.add_argument("--bolt-port", type=int, default=int(os.environ.get("ORGNET_BENCH_BOLT_PORT", "7691")))
    p.add_argument("--http-port", type=int, default=int(os.environ.get("ORGNET_BENCH_HTTP_PORT", "7478")))
    p.add_argument("--heap", default="", help="Neo4j heap (default: as bench.run)")
    p.add_argument("--pagecache", default="", help="Neo4j page cache (default: as bench.run)")
    p.add_argument("--api-code", type=Path, default=BENCH_DIR.parent, help="the checkout of orgnet the API is served from (default: this one)")
    p.add_argument("--label", default="after", help="the column of these figures (default after; before for --api-code of the old code)")
    p.add_argument("--metric", default="household_linkage")
    p.add_argument("--region", default="", help="default: the root region")
    p.add_argument("--day", default="2020-02-01")
    p.add_argument("--list-seconds", type=float, default=600.0, help="the most the whole-list walk may take")
    p.add_argument("--export-timeout", type=float, default=600.0, help="the most one export may take (then: not done)")
    p.add_argument("--export-budget", type=float, default=1800.0, help="EXPORT_BUDGET_S of the API")
    p.add_argument("--abandon-wait", type=float, default=60.0, help="how long to wait for an abandoned export's slot")
    p.add_argument("--profile", action="store_true", help="py-spy flame graph of one CSV export (bench/out/)")
    p.add_argument("--results", type=Path, default=BENCH_DIR / "RESULTS.md")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["--render"]:
        runs = json.loads(Path(args_list[1]).read_text())
        target = Path(args_list[2]) if len(args_list) > 2 else BENCH_DIR / "RESULTS.md"
        write_block(target, "bench.export", render(runs, "python -m bench.export"))
        print(f"Results: {target}")
        return runs
    args = parse_args(args_list)
    command = "python -m bench.export" + "".join(" " + a for a in args_list)
    results = run(args)
    results["command"] = command
    path = OUT / f"export-{args.scale}.json"
    runs = json.loads(path.read_text()) if path.exists() else {}
    runs[args.label] = results
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(runs, indent=2, default=str))
    write_block(args.results, "bench.export", render(runs, command))
    print(f"\nResults: {args.results} (JSON: {path})")
    return results


if __name__ == "__main__":
    main()
