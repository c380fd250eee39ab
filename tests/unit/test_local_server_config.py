"""The local server's configuration and prerequisites, checked without starting Java."""

import os
import re
import stat

import pytest

from orgnet.errors import LocalServerError
from orgnet.graph.local_server import LocalServer
from orgnet.settings import Settings


def make_server(tmp_path, **kw):
    return LocalServer(Settings(orgnet_home=tmp_path, **kw))


def test_config_listens_on_loopback_only_with_configured_ports(tmp_path):
    server = make_server(tmp_path, neo4j_bolt_port=17687, neo4j_http_port=17474, neo4j_password="pw-not-in-conf")
    text = server.write_config().read_text()
    listen = [line for line in text.splitlines() if "listen_address" in line]
    assert listen and all("127.0.0.1" in line for line in listen)
    assert "server.bolt.listen_address=127.0.0.1:17687" in text
    assert "server.http.listen_address=127.0.0.1:17474" in text
    assert "dbms.security.auth_enabled=true" in text
    assert "pw-not-in-conf" not in text


def test_admin_config_leaves_out_browser_settings(tmp_path):
    server = make_server(tmp_path)
    server.write_config()
    admin = (server.admin_conf_dir / "neo4j.conf").read_text()
    assert "browser." not in admin
    assert "browser.post_connect_cmd" in (server.conf_dir / "neo4j.conf").read_text()


def fake_java(tmp_path, version_line):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    java = bindir / "java"
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return bindir


def test_old_java_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    bindir = fake_java(tmp_path, 'openjdk version "11.0.2" 2019-01-15')
    monkeypatch.setenv("PATH", str(bindir))
    with pytest.raises(LocalServerError, match="Java 17 or newer.*Java 11"):
        make_server(tmp_path).check_java()


def test_legacy_java_version_format_is_read(tmp_path, monkeypatch):
    bindir = fake_java(tmp_path, 'java version "1.8.0_292"')
    monkeypatch.setenv("PATH", str(bindir))
    assert LocalServer.java_major_version() == 8


def test_missing_java_and_maven_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalServerError, match="`java` is not on PATH"):
        make_server(tmp_path).check_java()
    with pytest.raises(LocalServerError, match="Maven"):
        make_server(tmp_path).install()


def test_status_of_a_never_started_server_is_stopped(tmp_path):
    status = make_server(tmp_path).status()
    assert not status.running and status.pid is None
    assert status.describe() == "stopped"


def test_stale_pid_file_is_not_a_running_server(tmp_path):
    server = make_server(tmp_path)
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(str(os.getpid()))  # alive, but not Neo4j
    assert not server.status().running
    server.stop()  # idempotent: nothing to stop, and no error
    assert not server.pid_file.exists()


def test_orgnet_home_is_private_even_when_it_existed_before(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    server = LocalServer(Settings(orgnet_home=home))
    server.write_config()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700  # data/ and auth.ini below it: no other user gets in
    assert stat.S_IMODE(server.server_home.stat().st_mode) == 0o700


def test_writes_have_a_transaction_timeout_too(tmp_path):
    text = make_server(tmp_path, neo4j_transaction_timeout_s=120).write_config().read_text()
    assert "db.transaction.timeout=120s" in text


def test_the_initial_password_is_never_on_the_command_line(tmp_path, monkeypatch):
    password = '-pw-with-dash-and-"quote"'
    server = make_server(tmp_path, neo4j_password=password)
    seen = {}

    def fake_run(cmd, **kw):  # the command line neo4j-admin would get, and the file it would read
        args_file = next(a[1:] for a in cmd if a.startswith("@"))
        seen["cmd"] = cmd
        seen["mode"] = stat.S_IMODE(os.stat(args_file).st_mode)
        seen["args"] = open(args_file).read()
        import subprocess

        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(LocalServer, "install", lambda self: None)
    monkeypatch.setattr("orgnet.graph.local_server.subprocess.run", fake_run)
    server._set_initial_password()
    assert not any(password in a or "pw-with-dash" in a for a in seen["cmd"])
    assert seen["cmd"][-3:-1] == ["dbms", "set-initial-password"]
    assert seen["mode"] == 0o600
    assert seen["args"] == '-- "-pw-with-dash-and-\\"quote\\""\n'  # picocli: end of options, one quoted argument
    assert not server.password_args_file.exists()  # removed once neo4j-admin has read it


def test_the_compose_health_check_passes_no_password_on_a_command_line():
    from orgnet.settings import PROJECT_ROOT

    text = (PROJECT_ROOT / "deploy" / "docker-compose.yml").read_text()
    check = text[text.index("healthcheck:") : text.index("interval:")]
    assert '"-p"' not in check and "${NEO4J_PASSWORD}" not in check
    assert "NEO4J_PASSWORD=" in check  # cypher-shell reads it from its environment


def test_browser_makes_no_outgoing_connections_and_sends_no_usage_data(tmp_path):
    """Issue 14: on an intranet Browser contacted Google Fonts, Segment and Canny and showed a
    usage-data banner; Neo4j 5.26 turns both off server-side (tests/browser/ checks the requests)."""
    server = make_server(tmp_path)
    server.write_config()
    conf = (server.conf_dir / "neo4j.conf").read_text().splitlines()
    assert "client.allow_telemetry=false" in conf
    (csp,) = [line.split("=", 1)[1] for line in conf if line.startswith("dbms.security.http_static_content_security_policy_header=")]
    for outside in ("segment", "canny", "googleapis", "gstatic", "guides.neo4j.com"):
        assert outside not in csp, outside
    assert not re.search(r"\s(https?|wss?):(\s|;|$)", csp)  # no scheme-wide source (any host)
    hosts = {h for h in re.findall(r"(?:https?|wss?)://([^:/\s]+)", csp)}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
    assert "connect-src 'self' ws://127.0.0.1:" in csp
    admin = (server.admin_conf_dir / "neo4j.conf").read_text()
    assert "client." not in admin and "http_static" not in admin  # neo4j-admin refuses settings it does not declare


def _server_with_pid(tmp_path, pid: int):
    from orgnet.graph.local_server import LocalServer
    from orgnet.settings import Settings

    server = LocalServer(Settings(orgnet_home=tmp_path, neo4j_password="x"))
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(str(pid))
    return server


def test_a_pid_file_naming_another_program_is_not_the_server(tmp_path):
    """The pid was reused: the process (this test's own) is not Neo4j's entry point (psutil reads its command line)."""
    import os

    assert _server_with_pid(tmp_path, os.getpid())._read_pid() is None


def test_a_zombie_child_counts_as_gone_and_a_running_one_as_alive(tmp_path):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        server = _server_with_pid(tmp_path, child.pid)
        assert server._alive(child.pid)
    finally:
        child.kill()
        child.wait()
    assert not server._alive(child.pid)
