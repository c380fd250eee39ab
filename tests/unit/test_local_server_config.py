"""The local server's configuration and prerequisites, checked without starting Java."""

import os
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
