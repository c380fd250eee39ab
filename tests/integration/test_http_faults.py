"""Fault injection against a real uvicorn and the real test Neo4j: a frozen database (SIGSTOP of its
JVM) and a client that streams a huge body.  Time is bounded by the HTTP client's ``timeout``
(a request that hangs fails the test); no test asserts on elapsed time."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from orgnet.graph.db import Graph
from orgnet.settings import Settings

from .test_deadlines import freeze

pytestmark = pytest.mark.faults
MIB = 1_048_576


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_api(settings: Settings, graph: Graph) -> Iterator[str]:
    """The app on a real uvicorn in a thread (its own Graph, so a health state marked down here never
    reaches the session's graph); yields the base URL."""
    import uvicorn

    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    app = create_app(settings=settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: settings
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="uvicorn-faults", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def wait_until_ready(http: httpx.Client, within_s: float = 60) -> None:
    deadline = time.monotonic() + within_s
    while http.get("/ready", timeout=30).status_code != 200:
        if time.monotonic() > deadline:  # a bounded wait for the setup, not a timing assertion
            raise RuntimeError("the API did not become ready within a minute")
        time.sleep(0.5)


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert " object at 0x" not in response.text and "neo4j._" not in response.text
    return response.json()


def test_with_neo4j_frozen_ready_answers_503_at_once_and_data_requests_fail_fast(graph, settings):
    if not settings.uses_local_server:
        pytest.skip("freezing needs the local test server's process (ORGNET_TEST_NEO4J_URI is set)")
    from orgnet.graph.local_server import LocalServer

    pid = LocalServer(settings).status().pid
    assert pid is not None
    # the defaults: /ready waits 0.8 s; a readiness probe outstanding for more than 1.5 s (the connect
    # timeout) marks Neo4j down
    faulty = settings.model_copy(update={"ready_timeout_s": 0.8, "neo4j_connect_timeout_s": 1.5})
    own = Graph.from_settings(faulty)
    try:
        with live_api(faulty, own) as base, httpx.Client(base_url=base, timeout=3.0) as http:
            wait_until_ready(http)
            # a pooled connection, warm (a generous timeout: the machine is shared)
            assert_problem(http.get("/v1/regions/no-such-region", timeout=30), 404)
            freeze(pid)
            try:
                # timeout=3 s: before, /ready took 15 s and a data request 29.6 s, so these raised
                ready = http.get("/ready")
                body = assert_problem(ready, 503)
                assert body["detail"].startswith("Neo4j did not answer within") and body["neo4j"] == "unavailable"
                assert int(ready.headers["retry-after"]) >= 1
                time.sleep(1.6)  # the probe is still stuck: now past NEO4J_CONNECT_TIMEOUT_S
                data = http.get("/v1/regions/no-such-region")
                body = assert_problem(data, 503)
                assert "not reachable" in body["detail"] and int(data.headers["retry-after"]) >= 1
                again = http.get("/ready")  # the first probe is still stuck: waited on, never doubled
                assert_problem(again, 503)
            finally:
                os.kill(pid, signal.SIGCONT)
            wait_until_ready(http)  # and back once Neo4j runs again
            assert_problem(http.get("/v1/regions/no-such-region", timeout=30), 404)
    finally:
        own.close()


def test_with_neo4j_frozen_every_request_ends_within_its_budget_with_503_and_retry_after(graph, settings):
    """Issue 20 §3: requests that reached a frozen Neo4j before anything marked it down waited 15-30 s,
    past their timeout and budget (nothing polls /ready here).  Now each ends by its deadline: each
    client's timeout is the request's own budget plus the margin and a slack, and must not fire."""
    if not settings.uses_local_server:
        pytest.skip("freezing needs the local test server's process (ORGNET_TEST_NEO4J_URI is set)")
    from orgnet.graph.local_server import LocalServer

    pid = LocalServer(settings).status().pid
    assert pid is not None
    planner = "deadline-planner-token-0001"
    faulty = settings.model_copy(
        update={
            "api_tokens": f"{planner}:planner",
            "query_timeout_s": 1.5,
            "write_timeout_s": 1.5,
            "request_budget_s": 2.0,
            "neo4j_answer_margin_s": 1.0,
            "neo4j_down_retry_s": 2.0,
            "ready_timeout_s": 0.8,
            "neo4j_connect_timeout_s": 1.5,
        }
    )
    slack = 5.0  # a loaded shared machine: scheduling, the watchdog's tick
    margin = faulty.neo4j_answer_margin_s
    budgets = {  # the request's own settings
        "cheap read": faulty.query_timeout_s + margin,
        "gap page": faulty.request_budget_s + margin,
        "write": max(faulty.query_timeout_s, faulty.write_timeout_s) + margin,
        "ready": faulty.ready_timeout_s,
    }
    planner_auth = {"Authorization": f"Bearer {planner}"}
    requests = {
        "cheap read": ("GET", "/v1/regions/320321", {}, None),
        "gap page": ("GET", "/v1/gaps/household_linkage", {}, {"region": "320321", "as_of": "2020-03-31"}),
        "write": ("POST", "/v1/records/households", {**planner_auth, "Idempotency-Key": "frozen-1"}, None),
        "ready": ("GET", "/ready", {}, None),
    }
    own = Graph.from_settings(faulty)
    answers: dict[str, httpx.Response | BaseException] = {}
    try:
        with live_api(faulty, own) as base, httpx.Client(base_url=base) as http:
            wait_until_ready(http)
            for _ in range(3):  # pooled connections, open and idle
                assert http.get("/v1/regions/no-such-region", timeout=30).status_code == 404

            def send(name: str) -> None:
                method, path, headers, params = requests[name]
                body = {"id": "h-frozen", "name": "冻结户", "region_id": "320321001001"} if method == "POST" else None
                try:
                    answers[name] = http.request(method, path, headers=headers, params=params, json=body, timeout=budgets[name] + slack)
                except BaseException as e:  # noqa: BLE001 - a client timeout is the failure this test looks for
                    answers[name] = e

            try:
                freeze(pid)
                senders = [threading.Thread(target=send, args=(name,)) for name in requests]
                for t in senders:
                    t.start()
                for t in senders:
                    t.join()
                # the next request is not even tried: a fast 503 (its client waits only the slack)
                after = http.get("/v1/regions/320321", timeout=slack)
            finally:
                os.kill(pid, signal.SIGCONT)
            for name, answer in answers.items():
                assert isinstance(answer, httpx.Response), f"{name}: {answer!r} (its budget is {budgets[name]:g} s)"
                body = assert_problem(answer, 503)
                assert int(answer.headers["retry-after"]) >= 1, name
            assert answers["write"].json()["written"] == "no" and answers["write"].json()["retry_safe"] is True
            assert "Nothing was written" in answers["write"].json()["detail"]
            body = assert_problem(after, 503)
            assert "not tried" in body["detail"] and int(after.headers["retry-after"]) >= 1
            wait_until_ready(http)  # and back once Neo4j answers again
            assert_problem(http.get("/v1/regions/no-such-region", timeout=30), 404)
    finally:
        own.close()


def test_a_streamed_50_mb_import_is_refused_having_read_at_most_the_limit(graph, settings):
    """Over real HTTP, chunked (no Content-Length): the server answers 413 once the body crosses
    IMPORT_MAX_BYTES and stops reading; the client has not had to send all of it."""
    planner = "streaming-planner-token-0001"
    limited = settings.model_copy(update={"api_tokens": f"{planner}:planner", "import_max_bytes": MIB})
    sent = 0

    def fifty_mb() -> Iterator[bytes]:
        nonlocal sent
        chunk = b" " * 65_536
        while sent < 50 * MIB:
            sent += len(chunk)
            yield chunk

    with live_api(limited, graph) as base, httpx.Client(base_url=base, timeout=30.0) as http:
        response = http.post("/v1/import", content=fifty_mb(), headers={"Authorization": f"Bearer {planner}", "content-type": "application/json"})
    body = assert_problem(response, 413)
    assert "orgnet import" in body["detail"]
    assert sent < 50 * MIB  # what the client pushed: the limit plus what socket buffers took
