"""Query latency: every coverage, gaps, scorecard and hotspots endpoint, through the API and raw.

The metrics come from the code at run time (``orgnet.coverage.metrics.METRICS``, else
``GET /v1/metrics``); an endpoint the running app does not have is reported, not measured.
For each case the statements the endpoint runs are recorded once in-process (a ``Graph`` that
remembers its reads, under FastAPI's ``TestClient``), then the HTTP call and those statements
through the plain driver are timed in alternation, so the API overhead is what is left.

It is over 400 lines because it also holds :class:`ApiServer`, the API subprocess (one or several
workers) that every bench serving HTTP shares.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from orgnet.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from bench.run import Bench

GAP_LIMIT = 50


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99 (nearest rank), mean, min, max in milliseconds, and n.

    >>> percentiles([0.001 * i for i in range(1, 101)])["p95"]
    95.0
    """
    if not samples:
        return {"n": 0}
    s = sorted(samples)

    def rank(p: float) -> float:
        return s[max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))] * 1000

    return {
        "n": len(s),
        "p50": round(rank(50), 2),
        "p95": round(rank(95), 2),
        "p99": round(rank(99), 2),
        "mean": round(sum(s) / len(s) * 1000, 2),
        "min": round(s[0] * 1000, 2),
        "max": round(s[-1] * 1000, 2),
    }


class RecordingGraph:
    """Built lazily (imports orgnet.graph.db): a Graph that remembers every read it runs."""

    @staticmethod
    def create(driver: Any, database: str, timeout_s: float) -> Any:
        from orgnet.graph.db import Graph

        class _Recording(Graph):
            def __init__(self) -> None:
                super().__init__(driver, database=database, timeout_s=timeout_s)
                self.calls: list[tuple[str, dict[str, Any]]] = []

            def read(self, query: str, params: Any = None, *, timeout_s: float | None = None) -> list[dict[str, Any]]:
                self.calls.append((query, dict(params or {})))
                return super().read(query, params, timeout_s=timeout_s)

            def execute(self, query: str, params: Any = None, *, read: bool = True) -> list[dict]:
                self.calls.append((query, dict(params or {})))
                return super().execute(query, params, read=read)

            def close(self) -> None:  # the bench owns the driver
                pass

        return _Recording()


@dataclass
class Case:
    endpoint: str  # coverage | gaps | gaps (deep page) | hotspots | scorecard
    metric: str
    level: str
    path: str
    params: dict[str, Any]
    statements: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.path + ("?" + urlencode({k: v for k, v in self.params.items() if v is not None}) if self.params else "")

    @property
    def name(self) -> str:
        return f"{self.endpoint} {self.metric} {self.level}".replace("  ", " ")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiServer:
    """uvicorn serving orgnet's app in a subprocess, pointed at the bench's Neo4j."""

    def __init__(self, bench: Bench, *, code: Path = PROJECT_ROOT, env: Mapping[str, str] | None = None, log: Path | None = None, workers: int = 1) -> None:
        """``code``: the checkout to serve (another one: a change's *before*); ``env``: API settings; ``log``: its output;
        ``workers``: uvicorn worker processes (sharing a state folder, as ``orgnet serve`` gives them)."""
        self.workers = workers
        self.bench = bench
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.code = code
        self.extra_env = dict(env or {})
        self.log = log

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ApiServer:
        import httpx

        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "orgnet.api.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        env = {**self.bench.env(), **self.extra_env}
        if self.workers > 1:
            import tempfile

            cmd += ["--workers", str(self.workers)]
            self._state = tempfile.TemporaryDirectory(prefix="orgnet-bench-api-")
            env.setdefault("API_STATE_DIR", self._state.name)
        env["PYTHONPATH"] = str(self.code) + os.pathsep + env.get("PYTHONPATH", "")  # this checkout's orgnet first
        with self.log.open("wb") if self.log is not None else open(os.devnull, "wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=self.code, env=env, stdin=subprocess.DEVNULL, stdout=out if self.log else None, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the API server exited with code {self.proc.returncode}" + (f": {self.log.read_text()[-2000:]}" if self.log else ""))
            try:
                if httpx.get(self.base_url + "/health", timeout=2).status_code == 200 and self._workers_up():
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("the API server did not answer /health within 90 s")

    def _workers_up(self) -> bool:
        """Every worker started (the CPU samplers list the server's processes once)."""
        if self.workers <= 1 or self.proc is None:
            return True
        import psutil

        return len(psutil.Process(self.proc.pid).children()) >= self.workers

    def restart(self) -> None:
        """A fresh API process on the same port: work the old one was still doing (requests its
        clients gave up on) is dropped with it."""
        self.__exit__(None, None, None)
        self.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class QueryBench:
    def __init__(self, bench: Bench) -> None:
        self.b = bench
        self.cfg = bench.cfg
        self.out: dict[str, Any] = {"cases": [], "anchors": {}, "profiles": [], "skipped": []}
        bench.results["queries"] = self.out

    # -- what to measure ---------------------------------------------------------------------
    def metrics(self, client: Any) -> list[dict[str, str]]:
        try:
            from orgnet.coverage.metrics import METRICS

            return [{"name": m.name, "label": m.label} for m in METRICS]
        except ImportError:
            r = client.get("/v1/metrics")
            return [{"name": m["name"], "label": m.get("label", "")} for m in r.json()] if r.status_code == 200 else []

    def regions(self, graph: Any) -> dict[str, str]:
        """The city, and the county, town and village with the most households (the heaviest)."""
        out: dict[str, str] = {}
        out["city"] = graph.read("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
        for level, prop, label in (("county", "county_id", "County"), ("town", "town_id", "Town"), ("village", "region_id", "Village")):
            rows = graph.read(f"MATCH (h:Household) WHERE h.{prop} IS NOT NULL RETURN h.{prop} AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1")
            if not rows:
                rows = graph.read(f"MATCH (r:{label}) RETURN r.id AS id ORDER BY id LIMIT 1")
            out[level] = rows[0]["id"]
        return out

    def median_id(self, graph: Any, label: str) -> str | None:
        """The middle id of a label's population: a gap cursor there is a page deep in the listing."""
        from orgnet.graph.model import LEVEL_LABELS, NODE_LABELS

        if label not in NODE_LABELS and label not in LEVEL_LABELS:
            return None
        n = graph.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
        if not n:
            return None
        rows = graph.read(f"MATCH (n:{label}) WITH n.id AS id ORDER BY id SKIP $k LIMIT 1 RETURN id", {"k": n // 2})
        return rows[0]["id"] if rows else None

    def cases(self, graph: Any, metrics: list[dict[str, str]], regions: dict[str, str], paths: set[str]) -> list[Case]:
        as_of = self.b.as_of().isoformat()
        levels = [("city", regions["city"]), ("county", regions["county"]), ("village", regions["village"])]
        try:
            from orgnet.coverage.service import encode_cursor
        except ImportError:
            encode_cursor = None  # type: ignore[assignment]
        out: list[Case] = []
        for m in metrics:
            name = m["name"]
            if "/v1/coverage/{metric}" in paths:
                out += [Case("coverage", name, lvl, f"/v1/coverage/{name}", {"region": rid, "as_of": as_of}) for lvl, rid in levels]
            if "/v1/gaps/{metric}" in paths:
                out += [Case("gaps", name, lvl, f"/v1/gaps/{name}", {"region": rid, "as_of": as_of, "limit": GAP_LIMIT}) for lvl, rid in levels]
                after = self.median_id(graph, m["label"]) if encode_cursor else None
                if after is not None:
                    for lvl, rid in levels:
                        # signed with the API's key (ORGNET_HOME/cursor-secret), as the API's own cursors are
                        cursor = encode_cursor(metric=name, region_id=rid, as_of=self.b.as_of(), after=after, key=self.b.settings.effective_cursor_secret())
                        out.append(
                            Case("gaps (deep page)", name, lvl, f"/v1/gaps/{name}", {"region": rid, "as_of": as_of, "limit": GAP_LIMIT, "cursor": cursor})
                        )
            if "/v1/hotspots/{metric}" in paths:
                for lvl, rid, below in (
                    ("city→county", regions["city"], "county"),
                    ("county→town", regions["county"], "town"),
                    ("town→village", regions["town"], "village"),
                    ("city→village", regions["city"], "village"),
                ):
                    out.append(Case("hotspots", name, lvl, f"/v1/hotspots/{name}", {"region": rid, "level": below, "as_of": as_of}))
        if "/v1/regions/{region_id}/scorecard" in paths:
            out += [Case("scorecard", "(all)", lvl, f"/v1/regions/{rid}/scorecard", {"as_of": as_of}) for lvl, rid in levels]
        for wanted in ("/v1/coverage/{metric}", "/v1/gaps/{metric}", "/v1/hotspots/{metric}", "/v1/regions/{region_id}/scorecard"):
            if wanted not in paths:
                self.out["skipped"].append(wanted)
                self.b.note(f"the API has no {wanted} (yet): not measured")
        return out

    # -- timing ---------------------------------------------------------------------------------
    def measure_pair(self, api: Callable[[], None], raw: Callable[[], None]) -> tuple[list[float], list[float]]:
        """Warm-up, then API and raw calls in alternating order: at least ``min_reps`` pairs (3 for a
        case slower than the budget), then more while the budget lasts, at most ``max_reps``."""
        t = time.perf_counter()
        api()  # warm-up: plans compiled, pages cached (the raw calls run the same statements)
        warm = time.perf_counter() - t
        min_reps = self.cfg.min_reps if warm < self.cfg.budget_s else min(self.cfg.min_reps, 3)
        a_s: list[float] = []
        r_s: list[float] = []
        start = time.perf_counter()
        while len(a_s) < self.cfg.max_reps and (len(a_s) < min_reps or time.perf_counter() - start < self.cfg.budget_s):
            for which in ((api, a_s), (raw, r_s)) if len(a_s) % 2 == 0 else ((raw, r_s), (api, a_s)):
                t = time.perf_counter()
                which[0]()
                which[1].append(time.perf_counter() - t)
        return a_s, r_s

    def run(self) -> None:
        try:
            self._run()
        finally:
            for row in self.out["cases"]:
                row.pop("_statements", None)

    def _run(self) -> None:
        import httpx
        import neo4j
        from fastapi.testclient import TestClient

        from orgnet.api.main import create_app
        from orgnet.settings import get_settings

        settings = self.b.settings
        as_of = self.b.as_of()
        self.out["as_of"] = as_of.isoformat()
        with self.b.graph() as graph, ApiServer(self.b) as server, httpx.Client(base_url=server.base_url, timeout=600) as client:
            driver, db = graph.driver, graph.database
            regions = self.regions(graph)
            self.out["regions"] = regions
            paths = set(client.get("/openapi.json").json().get("paths", {}))
            metrics = self.metrics(client)
            if self.cfg.metrics:
                metrics = [m for m in metrics if m["name"] in self.cfg.metrics]
            self.out["metrics"] = [m["name"] for m in metrics]
            self.b.log(f"queries: {len(metrics)} metrics {self.out['metrics']}, regions {regions}")

            def read(q: str, p: dict[str, Any] | None = None) -> None:
                # a managed READ transaction, like Graph.read, without orgnet's row conversion
                with driver.session(database=db, default_access_mode=neo4j.READ_ACCESS) as s:
                    s.execute_read(lambda tx: list(tx.run(q, p or {})))

            def return_1() -> None:
                read("RETURN 1 AS x")

            def health() -> None:
                client.get("/health").raise_for_status()

            recorder = RecordingGraph.create(driver, db, settings.query_timeout_s)
            app = create_app(settings=settings, graph=recorder)
            app.dependency_overrides[get_settings] = lambda: settings
            cases = self.cases(graph, metrics, regions, paths)
            with TestClient(app, base_url="http://127.0.0.1") as local:  # a Host the API answers to
                for case in cases:
                    row: dict[str, Any] = {"endpoint": case.endpoint, "metric": case.metric, "level": case.level, "url": case.url}
                    self.out["cases"].append(row)
                    recorder.calls.clear()
                    try:
                        resp = local.get(case.url)
                    except Exception as e:  # noqa: BLE001 - reported in the results
                        row["error"] = f"{type(e).__name__}: {e}"[:300]
                        continue
                    if resp.status_code != 200:
                        row["error"] = f"HTTP {resp.status_code}: {resp.text[:200]}"
                        self.b.log(f"{case.name}: {row['error']}")
                        continue
                    case.statements = list(recorder.calls)
                    row["statements"] = len(case.statements)

                    def api(url: str = case.url) -> None:
                        r = client.get(url)
                        r.raise_for_status()
                        r.json()

                    def raw(stmts: list[tuple[str, dict[str, Any]]] = case.statements) -> None:
                        for q, p in stmts:
                            read(q, p)

                    try:
                        a_s, r_s = self.measure_pair(api, raw)
                    except Exception as e:  # noqa: BLE001
                        row["error"] = f"{type(e).__name__}: {e}"[:300]
                        continue
                    row["api"], row["raw"] = percentiles(a_s), percentiles(r_s)
                    row["_statements"] = case.statements
                    self.b.log(
                        f"{case.name}: API p50 {row['api']['p50']:.1f} p95 {row['api']['p95']:.1f} ms | raw p50 {row['raw']['p50']:.1f} "
                        f"p95 {row['raw']['p95']:.1f} ms | n {row['api']['n']} | {row['statements']} stmts"
                    )
            # the floors, measured last (the server is warm by now, as for the cases)
            old = (self.cfg.min_reps, self.cfg.max_reps, self.cfg.budget_s)
            self.cfg.max_reps, self.cfg.budget_s = max(self.cfg.max_reps, 200), max(self.cfg.budget_s, 1.0)
            try:
                h, r1 = self.measure_pair(health, return_1)
            finally:
                self.cfg.min_reps, self.cfg.max_reps, self.cfg.budget_s = old
            self.out["anchors"] = {"health": percentiles(h), "return_1": percentiles(r1)}
            self.b.log(f"anchors: RETURN 1 {self.out['anchors']['return_1']}, /health {self.out['anchors']['health']}")
            self.profiles(driver, db)

    def profiles(self, driver: Any, db: str, count: int = 3) -> None:
        """``PROFILE`` the slowest statement of the slowest cases: where their time goes."""
        measured = [c for c in self.out["cases"] if c.get("api", {}).get("n") and c.get("_statements")]
        for row in sorted(measured, key=lambda c: -c["api"]["p95"])[:count]:
            timed = []
            for q, p in row["_statements"]:
                t = time.perf_counter()
                with driver.session(database=db) as s:
                    s.run(q, p).consume()
                timed.append((time.perf_counter() - t, q, p))
            ms, q, p = max(timed, key=lambda x: x[0])
            with driver.session(database=db) as s:
                result = s.run("PROFILE " + q, p)
                list(result)  # the profile exists once every row was pulled
                summary = result.consume()
            ops: list[dict[str, Any]] = []

            def walk(plan: Any) -> None:
                args = plan.get("args", {}) if isinstance(plan, dict) else {}
                ops.append(  # noqa: B023 (walk runs within this iteration, on this iteration's list)
                    {
                        "operator": plan.get("operatorType", "?"),
                        "details": str(args.get("Details", "")).replace("|", "/").replace("\n", " "),
                        "rows": int(plan.get("rows", 0) or 0),
                        "db_hits": int(plan.get("dbHits", 0) or 0),
                    }
                )
                for child in plan.get("children", []):
                    walk(child)

            if summary.profile:
                walk(summary.profile)
            self.out["profiles"].append(
                {
                    "case": f"{row['endpoint']} {row['metric']} {row['level']}",
                    "ms": ms * 1000,
                    "db_hits": sum(o["db_hits"] for o in ops),
                    "rows": ops[0]["rows"] if ops else 0,
                    "top": sorted(ops, key=lambda o: -o["db_hits"])[:6],
                }
            )
