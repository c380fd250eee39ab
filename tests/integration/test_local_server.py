"""The local Neo4j the project starts itself (the session's test server)."""

import socket
import stat
import urllib.request

import psutil
import pytest

from orgnet.graph.local_server import LocalServer


@pytest.fixture
def server(settings, neo4j_server):
    if not settings.uses_local_server:
        pytest.skip("ORGNET_TEST_NEO4J_URI points at an external server: no local server to inspect")
    return LocalServer(settings)


def test_start_is_idempotent(server):
    before = server.status()
    again = server.start()
    assert before.running and again.pid == before.pid


def test_listens_on_loopback_only(server, settings):
    ports = {settings.neo4j_bolt_port, settings.neo4j_http_port}
    listening = [c for c in psutil.Process(server.status().pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN and c.laddr.port in ports]
    assert {c.laddr.port for c in listening} == ports
    assert all(c.laddr.ip in ("127.0.0.1", "::ffff:127.0.0.1") for c in listening)


def test_password_file_is_private(server, settings):
    assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600


def test_home_is_private_and_the_password_was_set_from_a_file(server, settings):
    # the databases and auth.ini below it were world-readable; the password came from a 0600 @file, now gone
    assert stat.S_IMODE(settings.orgnet_home.stat().st_mode) == 0o700
    assert (settings.orgnet_home / "server" / "data" / "dbms" / "auth.ini").exists()
    assert not (settings.orgnet_home / "set-initial-password.args").exists()


def test_wrong_password_is_refused(settings, neo4j_server):
    from pydantic import SecretStr

    from orgnet.errors import DatabaseUnavailable
    from orgnet.graph.db import Graph

    wrong = settings.model_copy(update={"neo4j_password": SecretStr("definitely-wrong")})
    with Graph.from_settings(wrong) as g, pytest.raises(DatabaseUnavailable, match="credentials"):
        g.read("RETURN 1")


def test_browser_is_served(server, settings):
    with urllib.request.urlopen(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/", timeout=10) as r:
        assert r.status == 200
        assert b"Neo4j Browser" in r.read()


def test_second_server_starts_and_stops_cleanly(tmp_path, server, settings):
    """A fresh home reuses nothing but Maven's cache; stop leaves no process and frees the port."""
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    other = LocalServer(
        settings.model_copy(
            update={
                "orgnet_home": tmp_path,
                "neo4j_bolt_port": ports[0],
                "neo4j_http_port": ports[1],
                "neo4j_password": None,
                "neo4j_heap": "512m",
                "neo4j_pagecache": "128m",
            }
        )
    )
    # share the already-fetched jars (the download itself is exercised by the session server)
    other.lib.parent.mkdir(parents=True, exist_ok=True)
    other.lib.symlink_to(server.lib, target_is_directory=True)
    status = other.start()
    try:
        assert status.running
        assert other.bolt_answers()
    finally:
        other.stop()
    assert not other.status().running
    assert not psutil.pid_exists(status.pid) or psutil.Process(status.pid).status() == psutil.STATUS_ZOMBIE
    with socket.socket() as s:
        # nothing listens any more; SO_REUSEADDR because the server's closed connections may
        # linger in TIME_WAIT on that port for a minute, which is not a listener
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", ports[0]))  # the port is free again
        s.listen()


def test_a_server_of_another_home_on_our_ports_is_a_clear_error_not_a_lockout(tmp_path, server, settings):
    # before: start() launched a second Java that could not bind, and waited up to
    # NEO4J_START_TIMEOUT_S asking the server already there for its own password twice a second,
    # which made Neo4j lock the user out for every client of that server (a whole suite erred)
    from orgnet.errors import LocalServerError

    other = LocalServer(settings.model_copy(update={"orgnet_home": tmp_path, "neo4j_password": None}))
    with pytest.raises(LocalServerError, match="already in use"):
        other.start()
    assert not other.status().running
    assert not (tmp_path / "server" / "data").exists()  # nothing was set up for a server that cannot start
    assert server.bolt_answers()


def test_a_server_that_refuses_our_password_is_said_at_once(settings, server):
    from pydantic import SecretStr

    from orgnet.errors import LocalServerError

    wrong = LocalServer(settings.model_copy(update={"neo4j_password": SecretStr("definitely-wrong")}))
    with pytest.raises(LocalServerError, match="refuses this project's password"):
        wrong.bolt_answers()
    assert server.bolt_answers()  # one refusal does not lock the user out
