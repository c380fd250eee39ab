"""What the workers of one server share, without a database (issue 22 "Serve with more than one
process", issue 20 §5, issue 21 "one of each"): slots held as lock files by several processes, the
failed-token limits per address and per token seen by every worker, the unknown-token cache, the
client address taken from X-Forwarded-For only from a configured proxy, the request id on every
response, one problem builder, and /docs and /redoc with no request leaving the server.

Two "workers" here are two objects on one folder, or a real child process (the kernel's locks
are per open file, so threads and processes meet them alike); tests/integration/test_workers.py
runs two real uvicorn workers against the test Neo4j."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from orgnet.api.failed_tokens import FailedTokens
from orgnet.api.limits import Limiter
from orgnet.api.main import create_app, server_options
from orgnet.errors import DatabaseUnavailable, RateLimited, ServiceBusy, Unauthorized
from orgnet.settings import Settings, get_settings
from tests.unit.test_http_guard import PLANNER_TOKEN, free_port, is_problem, make_client

# ----------------------------------------------------------------------------- slots


def test_slots_held_by_one_worker_count_in_another(tmp_path):
    worker_a = Limiter(slots=2, per_caller=1, directory=tmp_path)
    worker_b = Limiter(slots=2, per_caller=1, directory=tmp_path)
    held = worker_a.acquire("caller-1")
    with pytest.raises(RateLimited):  # the same caller's second request, on the other worker
        worker_b.acquire("caller-1")
    other = worker_b.acquire("caller-2")
    with pytest.raises(ServiceBusy):  # the server's two slots are taken, one in each worker
        worker_a.acquire("caller-3")
    assert worker_a.running == worker_b.running == 2
    held.release()
    worker_a.acquire("caller-3").release()
    other.release()
    assert worker_b.running == 0
    assert not list(tmp_path.glob("caller-*"))  # a caller's files go with its last request: they do not pile up


HOLDER = """
import sys, time
from pathlib import Path
from orgnet.api.limits import Limiter
slot = Limiter(slots=1, per_caller=1, directory=Path(sys.argv[1])).acquire("the-caller")
print("held", flush=True)
time.sleep(600)
"""


def test_a_worker_killed_while_holding_a_slot_frees_it(tmp_path):
    """No lease, no clean-up: the kernel drops a dead process's locks with its file descriptors."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        here = Limiter(slots=1, per_caller=1, directory=tmp_path)
        assert here.running == 1
        with pytest.raises(RateLimited):
            here.acquire("the-caller")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert here.running == 0
        here.acquire("the-caller").release()
    finally:
        child.kill()
        child.wait(timeout=30)


# ----------------------------------------------------------------------------- failed tokens


def test_failures_recorded_by_one_worker_lock_out_in_another(tmp_path):
    worker_a = FailedTokens(tmp_path, per_address=3, per_token=5, window_s=60)
    worker_b = FailedTokens(tmp_path, per_address=3, per_token=5, window_s=60)
    assert worker_b.refused("10.0.0.1", "t-x") is None  # worker b has read the (empty) lockouts
    worker_a.record("10.0.0.1", "t-1")
    worker_b.record("10.0.0.1", "t-2")
    assert worker_a.refused("10.0.0.1", "t-x") is None and worker_b.refused("10.0.0.1", "t-x") is None
    worker_a.record("10.0.0.1", "t-3")  # the third different token, whichever worker saw the others
    assert 1 <= worker_b.refused("10.0.0.1", "t-x") <= 60
    assert worker_b.refused("10.0.0.2", "t-x") is None  # another address may still try
    for address in ("10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.4", "10.0.1.5"):  # one token from five addresses
        (worker_a if address[-1] in "135" else worker_b).record(address, "t-replayed")
    assert worker_a.refused("10.0.9.9", "t-replayed") is not None and worker_b.refused("10.0.9.9", "t-replayed") is not None


# ----------------------------------------------------------------------------- the guard


def _account_like(n: int) -> str:
    return f"Bearer guess-{n:016d}"


def test_the_same_unknown_token_is_limited_and_answered_from_memory(tmp_path, monkeypatch):
    """The same wrong token again and again was never limited (issue 20 §5: 192 requests at
    concurrency 64 each cost an Argon2 check).  Now: answered from the worker's memory after the
    first check, and 429 once it failed AUTH_TOKEN_FAILURES_MAX times."""
    from orgnet.api import deps

    checks = []
    real = deps.authenticate
    monkeypatch.setattr("orgnet.api.guard.authenticate", lambda *a, **k: checks.append(1) or real(*a, **k))
    client = make_client(auth_failures_max=100, auth_token_failures_max=4, api_state_dir=tmp_path)
    for _ in range(4):
        is_problem(client.get("/v1/metrics", headers={"Authorization": _account_like(1)}), 401)
    assert len(checks) == 1  # the first check decided; the three others were answered from memory
    limited = client.get("/v1/metrics", headers={"Authorization": _account_like(1)})
    is_problem(limited, 429)
    assert 1 <= int(limited.headers["retry-after"]) <= 301
    # another token from the same address is not concerned by this token's limit
    is_problem(client.get("/v1/metrics", headers={"Authorization": _account_like(2)}), 401)
    assert client.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}).status_code == 200


def test_two_apps_on_one_state_folder_share_the_failed_token_limit(tmp_path):
    """Two workers (two apps, as uvicorn's processes build them) on one API_STATE_DIR: the guesses
    sent to each add up; each alone would allow AUTH_FAILURES_MAX."""
    worker_a = make_client(auth_failures_max=4, api_state_dir=tmp_path)
    worker_b = make_client(auth_failures_max=4, api_state_dir=tmp_path)
    for n in range(4):
        is_problem((worker_a if n % 2 else worker_b).get("/v1/metrics", headers={"Authorization": _account_like(n)}), 401)
    is_problem(worker_a.get("/v1/metrics", headers={"Authorization": _account_like(9)}), 429)
    is_problem(worker_b.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}), 429)


def test_x_forwarded_for_is_believed_only_from_a_configured_proxy(tmp_path):
    """Rotating X-Forwarded-For gave 60 guesses of 60 without a 429 (uvicorn trusts 127.0.0.1 by
    default).  Without API_TRUSTED_PROXIES the header is ignored; with the proxy listed, the
    address it names is the one counted."""
    direct = make_client(auth_failures_max=3, api_state_dir=tmp_path / "direct")
    for n in range(3):
        is_problem(direct.get("/v1/metrics", headers={"Authorization": _account_like(n), "X-Forwarded-For": f"10.9.0.{n}"}), 401)
    is_problem(direct.get("/v1/metrics", headers={"Authorization": _account_like(7), "X-Forwarded-For": "10.9.0.7"}), 429)

    behind_proxy = make_client(auth_failures_max=3, api_trusted_proxies="testclient", api_state_dir=tmp_path / "proxied")
    for n in range(3):
        is_problem(behind_proxy.get("/v1/metrics", headers={"Authorization": _account_like(n), "X-Forwarded-For": "10.9.0.1"}), 401)
    is_problem(behind_proxy.get("/v1/metrics", headers={"Authorization": _account_like(7), "X-Forwarded-For": "10.9.0.1"}), 429)
    is_problem(behind_proxy.get("/v1/metrics", headers={"Authorization": _account_like(8), "X-Forwarded-For": "10.9.0.2"}), 401)


def test_serve_leaves_forwarded_headers_to_the_app_and_runs_a_worker_per_core():
    options = server_options(Settings(api_port=8123))
    assert options["proxy_headers"] is False and options["factory"] is True
    assert options["workers"] == len(__import__("os").sched_getaffinity(0))
    assert server_options(Settings(api_workers=3), workers=5)["workers"] == 5


# ----------------------------------------------------------------------------- request ids and problems


def test_every_response_carries_a_request_id_a_guard_503_included():
    """README promised X-Request-Id on every 5xx; the guard's 503 (Neo4j down while looking an
    account up) had none."""
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused", api_allowed_hosts="testserver", neo4j_connect_timeout_s=2)
    app = create_app(settings=settings)
    app.dependency_overrides[get_settings] = lambda: settings
    with TestClient(app) as client:
        down = client.get("/v1/metrics", headers={"Authorization": "Bearer acc-0123456789ab.some-secret"})
        is_problem(down, 503)
        assert re.fullmatch(r"[0-9a-f]{16}", down.headers["x-request-id"])
        mine = client.get("/health", headers={"X-Request-Id": "trace-42"})
        assert mine.headers["x-request-id"] == "trace-42"
        assert client.get("/health", headers={"X-Request-Id": "bad id <script>"}).headers["x-request-id"] != "bad id <script>"


def test_one_problem_builder_gives_every_error_its_headers():
    """The route handler's builder had no WWW-Authenticate on 401, the guard's no X-Request-Id on a
    5xx: a 401 and a 503 raised in a route now carry what the guard's carry."""
    client = make_client()
    app: FastAPI = client.app

    @app.get("/raise/{what}")
    def raising(what: str) -> None:
        raise {"401": Unauthorized("no"), "503": DatabaseUnavailable("down"), "429": RateLimited("slow", retry_after_s=7)}[what]

    assert client.get("/raise/401").headers["www-authenticate"] == "Bearer"
    down = client.get("/raise/503", headers={"X-Request-Id": "abc-1"})
    assert down.status_code == 503 and down.headers["x-request-id"] == "abc-1" and "abc-1" not in down.json()["detail"]
    assert client.get("/raise/429").headers["retry-after"] == "7"


# ----------------------------------------------------------------------------- /docs and /redoc


ASSETS = Path(__file__).resolve().parents[2] / "orgnet" / "api" / "docs_assets"


def test_docs_and_redoc_load_every_file_from_this_server():
    client = make_client()
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200
        sources = re.findall(r"""(?:src|href)=["']([^"']+)["']""", r.text) + re.findall(r"""url: ?['"]([^'"]+)['"]""", r.text)
        assert sources and all(s.startswith("/") for s in sources), (page, sources)
        for src in sources:
            if src.startswith("/docs-assets/"):
                assert client.get(src).status_code == 200, src
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "img-src 'self' data:" in csp and "http" not in csp
    # ReDoc's bundle asked cdn.redoc.ly for its logo (issue 24 point 9)
    assert b"cdn.redoc.ly" not in (ASSETS / "redoc.standalone.js").read_bytes()
    assert b"fonts.googleapis.com" not in client.get("/redoc").content


def test_no_module_imports_fastapi_offline():
    root = Path(__file__).resolve().parents[2]
    assert "fastapi-offline" not in (root / "pyproject.toml").read_text()
    assert not [p for p in (root / "orgnet").rglob("*.py") if "fastapi_offline" in p.read_text(encoding="utf-8")]
