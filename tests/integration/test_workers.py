"""Two real workers of one server against the test Neo4j (issue 22 "Serve with more than one
process", issue 20 §5).

``orgnet serve --workers 2`` puts two processes behind one socket and the kernel picks which one
answers, so a test could not say which worker it reached.  Here each worker is an ``orgnet serve
--workers 1`` process on a port of its own, both with the one ``API_STATE_DIR`` and the same
settings: exactly what uvicorn's worker processes share (the state folder ``orgnet serve`` hands
them, the cursor secret in ORGNET_HOME), with the worker chosen by the port.  A last test checks
that ``orgnet serve --workers 2`` does start two worker processes.

Nothing here asserts on time: the waits for a server to answer or a slot to be freed are bounded
retries, and what is asserted is statuses and slot counts."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from orgnet.api.limits import EXPENSIVE, Limiter
from tests.conftest import seeded
from tests.integration.conftest import cli_environment
from tests.unit.test_http_guard import free_port

PLANNER = "workers-planner-token-0123456789"
ADMIN = "workers-admin-token-0123456789ab"
EPOCH = "1970-01-01"  # nothing is active: every household of the seed (154,000) is a gap
AUTH_FAILURES_MAX = 4


def _environment(settings, state_dir: Path, **extra: str) -> dict[str, str]:
    env = cli_environment(settings)
    env.update(
        {
            "API_STATE_DIR": str(state_dir),
            "API_TOKENS": f"{PLANNER}:planner,{ADMIN}:admin",
            "API_ANONYMOUS_VIEWERS": "true",
            "API_ALLOWED_HOSTS": "127.0.0.1",
            "EXPENSIVE_SLOTS": "3",
            "EXPENSIVE_SLOTS_PER_CALLER": "2",
            "AUTH_FAILURES_MAX": str(AUTH_FAILURES_MAX),
            "QUERY_TIMEOUT_S": "60",
            "READY_TIMEOUT_S": "10",
            "LOG_LEVEL": "warning",
            **extra,
        }
    )
    env.pop("API_TRUSTED_PROXIES", None)
    return env


@contextlib.contextmanager
def serving(env: dict[str, str], *, workers: int = 1) -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orgnet.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):  # up to 2 minutes on a busy machine
            if proc.poll() is not None:
                raise RuntimeError(f"orgnet serve exited with {proc.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError("orgnet serve did not answer /health")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def state_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("api-state")


@pytest.fixture(scope="module")
def workers(xuzhou_once, settings, state_dir) -> Iterator[tuple[str, str]]:
    env = _environment(settings, state_dir)
    with serving(env) as (a, _), serving(env) as (b, _):
        yield a, b


@pytest.fixture(scope="module")
def xuzhou_once(graph, settings):
    """The seed for the module's servers (the tests also name ``xuzhou``: the session runs them
    with the other tests of the seed, after those that wipe the database)."""
    return seeded(graph, settings)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ----------------------------------------------------------------------------- cursors


def test_a_cursor_issued_by_one_worker_is_accepted_by_the_other(xuzhou, workers):
    a, b = workers
    params = {"region": "320321", "as_of": EPOCH, "limit": 5}
    first = httpx.get(f"{a}/v1/gaps/household_linkage", params=params, timeout=60).json()
    second = httpx.get(f"{b}/v1/gaps/household_linkage", params={**params, "cursor": first["next_cursor"]}, timeout=60)
    assert second.status_code == 200, second.text
    assert second.json()["items"][0]["id"] > first["items"][-1]["id"] and second.json()["total"] == first["total"]
    # a filtered list's cursor carries its total and facets: the other worker trusts them too
    filtered = {**params, "q": "320321-0"}
    first = httpx.get(f"{b}/v1/gaps/household_linkage", params=filtered, timeout=60).json()
    second = httpx.get(f"{a}/v1/gaps/household_linkage", params={**filtered, "cursor": first["next_cursor"]}, timeout=60)
    assert second.status_code == 200, second.text
    assert second.json()["total"] == first["total"] and second.json()["items"][0]["id"] > first["items"][-1]["id"]
    forged = first["next_cursor"][:-3] + ("AAA" if not first["next_cursor"].endswith("AAA") else "BBB")
    refused = httpx.get(f"{a}/v1/gaps/household_linkage", params={**filtered, "cursor": forged}, timeout=60)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "cursor"


# ----------------------------------------------------------------------------- expensive slots


def _export(client: httpx.Client, url: str, token: str | None, stack: contextlib.ExitStack) -> httpx.Response:
    """Start a whole-city export and leave its body unread: the server holds the slot meanwhile."""
    headers = bearer(token) if token else {}
    return stack.enter_context(client.stream("GET", f"{url}/v1/gaps/household_linkage/export", params={"region": "320300", "as_of": EPOCH}, headers=headers))


def test_concurrent_exports_are_counted_across_workers(xuzhou, workers, state_dir):
    """EXPENSIVE_SLOTS_PER_CALLER=2 and EXPENSIVE_SLOTS=3 for the server: one caller's third export
    is refused with 429 whichever worker it reaches, and a fourth caller's with 503."""
    a, b = workers
    slots = Limiter(slots=3, per_caller=2, directory=state_dir / "slots" / EXPENSIVE)
    with httpx.Client(timeout=120) as client, contextlib.ExitStack() as stack:
        assert _export(client, a, None, stack).status_code == 200
        assert _export(client, b, None, stack).status_code == 200  # the same caller (its address), the other worker
        assert slots.running == 2
        third = client.get(f"{a}/v1/gaps/household_linkage/export", params={"region": "320300", "as_of": EPOCH})
        assert third.status_code == 429 and int(third.headers["retry-after"]) >= 1, third.text
        assert _export(client, b, PLANNER, stack).status_code == 200  # another caller: the server's third slot
        assert slots.running == 3
        busy = client.get(f"{a}/v1/gaps/household_linkage/export", params={"region": "320300", "as_of": EPOCH}, headers=bearer(ADMIN))
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1, busy.text
    for _ in range(240):  # the clients went away: each worker notices and frees its slot
        if slots.running == 0:
            break
        time.sleep(0.5)
    assert slots.running == 0
    with httpx.Client(timeout=120) as client, contextlib.ExitStack() as stack:
        assert _export(client, b, ADMIN, stack).status_code == 200


# ----------------------------------------------------------------------------- failed tokens


def test_failed_tokens_count_for_the_whole_server(xuzhou, workers):
    """AUTH_FAILURES_MAX=4 different unknown tokens per address: two sent to each worker use them up
    (per-worker counters would have allowed eight), and the right token is refused too."""
    a, b = workers
    for n in range(AUTH_FAILURES_MAX):
        r = httpx.get(f"{a if n % 2 else b}/v1/metrics", headers=bearer(f"workers-guess-{n:012d}"), timeout=60)
        assert r.status_code == 401, r.text
    for url in (a, b):
        assert httpx.get(f"{url}/v1/metrics", headers=bearer("workers-guess-999999999999"), timeout=60).status_code == 429
        assert httpx.get(f"{url}/v1/metrics", headers=bearer(PLANNER), timeout=60).status_code == 429


def test_x_forwarded_for_from_the_machine_itself_does_not_dodge_the_limit(xuzhou, xuzhou_once, settings, tmp_path):
    """uvicorn believes X-Forwarded-For from 127.0.0.1 by default: rotating it gave 60 guesses of 60
    without a 429.  ``orgnet serve`` believes it only from API_TRUSTED_PROXIES (none here)."""
    with serving(_environment(settings, tmp_path)) as (url, _):
        statuses = [
            httpx.get(f"{url}/v1/metrics", headers={**bearer(f"xff-guess-{n:012d}"), "X-Forwarded-For": f"198.51.100.{n}"}, timeout=60).status_code
            for n in range(AUTH_FAILURES_MAX + 2)
        ]
    assert statuses == [401] * AUTH_FAILURES_MAX + [429, 429]


# ----------------------------------------------------------------------------- the real thing


def test_orgnet_serve_starts_the_workers_it_is_asked_for(xuzhou, xuzhou_once, settings, tmp_path):
    with serving(_environment(settings, tmp_path), workers=2) as (url, proc):
        spawned = [
            p for p in psutil.Process(proc.pid).children(recursive=True) if "multiprocessing" in " ".join(p.cmdline()) and "spawn_main" in " ".join(p.cmdline())
        ]
        assert len(spawned) == 2, [p.cmdline() for p in psutil.Process(proc.pid).children(recursive=True)]
        with httpx.Client(timeout=60) as client:  # new connections, whichever worker takes each
            assert {client.get(f"{url}/v1/regions/320321", headers={"Connection": "close"}).status_code for _ in range(6)} == {200}


# ----------------------------------------------------------------------------- reused results


def test_a_write_through_one_worker_is_seen_by_the_other_at_once(empty_graph, settings, tmp_path):
    """Each worker keeps its own LRU of results and answers, keyed by the summaries' state, which
    it reads from Neo4j again only when a write was signalled (issue 22: a file of ORGNET_HOME that
    every orgnet process appends to after a write) or READ_RECHECK_S has passed.  The interval is an
    hour here: only the signal can make the other worker, whose cache holds the number from
    before, serve the new one; then a write by another orgnet process of the same home (as an
    ``orgnet`` command makes, Graph.from_settings) is seen by both."""
    import copy

    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.summaries import refresh
    from orgnet.graph.loader import load_bundle
    from orgnet.graph.validate import parse_bundle
    from tests.integration.test_import import SMALL

    load_bundle(empty_graph, parse_bundle(copy.deepcopy(SMALL)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    env = _environment(settings, tmp_path, READ_RECHECK_S="3600")
    coverage = {"region": "X", "as_of": "2020-03-15"}  # h-1's only link ended on 2020-03-01
    with serving(env) as (a, _), serving(env) as (b, _):
        for url in (a, b, a, b):  # both workers have the number in their cache
            assert httpx.get(f"{url}/v1/coverage/household_linkage", params=coverage, timeout=60).json()["covered"] == 0
        link = {"member_id": "m-1", "household_id": "h-1", "since": "2020-03-10"}
        written = httpx.post(f"{a}/v1/records/household_links", json=link, headers={**bearer(PLANNER), "Idempotency-Key": "workers-1"}, timeout=60)
        assert written.status_code == 201, written.text
        assert httpx.get(f"{b}/v1/coverage/household_linkage", params=coverage, timeout=60).json()["covered"] == 1
        for url in (a, b, a, b):  # kept again, with an ETag
            assert httpx.get(f"{url}/v1/coverage/household_linkage", params=coverage, timeout=60).json()["covered"] == 1
        tag = httpx.get(f"{b}/v1/coverage/household_linkage", params=coverage, timeout=60).headers["etag"]

        from orgnet.graph.db import Graph

        command = Graph.from_settings(settings)  # the home and database the servers were given (cli_environment)
        try:  # another process of the same home deletes the new link (not through the API)
            command.write("MATCH (:PartyMember {id: 'm-1'})-[l:LINKS]->(:Household {id: 'h-1'}) WHERE l.since = date('2020-03-10') DELETE l")
        finally:
            command.close()
        for url in (a, b):
            again = httpx.get(f"{url}/v1/coverage/household_linkage", params=coverage, headers={"If-None-Match": tag}, timeout=60)
            assert again.status_code == 200 and again.json()["covered"] == 0
