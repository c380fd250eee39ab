"""A local Neo4j 5.26 Community server, assembled from Maven Central and run by orgnet.

Why not a tarball?  This machine (and many locked-down ones) reach Maven Central but
not Neo4j's download site; ``org.neo4j:neo4j`` (which holds ``CommunityEntryPoint``),
``org.neo4j.app:neo4j-server``, ``org.neo4j:neo4j-import-tool`` (``neo4j-admin``) and
``org.neo4j.client:neo4j-browser`` together are the whole server.

Layout under ``ORGNET_HOME``::

    lib-<version>/      jars (cached: the second start downloads nothing)
    server/conf/        neo4j.conf, generated on every start from settings
    server/data/        the databases
    server/logs/        neo4j.log, debug.log, console.log
    server/run/neo4j.pid
    neo4j-password      generated once, mode 0600

``ORGNET_HOME`` itself is mode 0700: the data directory and Neo4j's ``auth.ini`` (the password
hash) under it are then readable by no other user, whatever their own modes are.

It is over 400 lines because assembling, configuring, starting and stopping the local Neo4j is one lifecycle.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from orgnet.errors import BrowserNotOffline, LocalServerError
from orgnet.graph.browser_offline import make_offline
from orgnet.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

POM_TEMPLATE = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>orgnet.local</groupId>
  <artifactId>neo4j-local-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version></dependency>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>{version}</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j-import-tool</artifactId><version>{version}</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version></dependency>
  </dependencies>
</project>
"""

# The flags Neo4j's own launcher passes on Java 17 (see its default neo4j.conf).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
]


# Settings of the server only: neo4j-admin does not declare them and refuses unknown ones.
ADMIN_UNDECLARED = ("browser.", "client.", "dbms.security.http_")


def browser_csp(*, kit_host: str, api_port: int, bolt_port: int) -> str:
    """Neo4j Browser's Content-Security-Policy: everything from its own server, the Bolt
    WebSocket and orgnet's kit (style and guide) on the loopback address; nothing else.

    >>> "fonts.googleapis.com" in browser_csp(kit_host="127.0.0.1", api_port=8000, bolt_port=7687)
    False
    >>> "ws://127.0.0.1:7687" in browser_csp(kit_host="127.0.0.1", api_port=8000, bolt_port=7687)
    True
    """
    hosts = list(dict.fromkeys(["127.0.0.1", "localhost", kit_host]))
    host = lambda h: f"[{h}]" if ":" in h else h  # noqa: E731
    kit = " ".join(f"http://{host(h)}:{api_port}" for h in hosts)
    bolt = " ".join(f"ws://{host(h)}:{bolt_port}" for h in hosts)
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
        f"img-src 'self' data: {kit}; connect-src 'self' {bolt} {kit}; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
    )


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"running (pid {self.pid}) at {self.bolt_uri}; Browser {self.browser_url}"
        return "stopped"


class LocalServer:
    """Install, configure, start, stop and inspect the local Neo4j server.

    All operations are idempotent: ``start`` on a running server returns at once,
    ``stop`` on a stopped one does nothing.
    """

    def __init__(self, settings: Settings, *, say: Callable[[str], None] = lambda _m: None) -> None:
        self.settings = settings
        self.say = say
        self.home = settings.orgnet_home
        self.server_home = self.home / "server"
        self.lib = self.home / f"lib-{settings.neo4j_version}-browser-{settings.neo4j_browser_version}"
        self.pid_file = self.server_home / "run" / "neo4j.pid"

    # -- paths ---------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.server_home / "conf"

    @property
    def admin_conf_dir(self) -> Path:
        return self.server_home / "admin-conf"

    @property
    def data_dir(self) -> Path:
        return self.server_home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.server_home / "logs"

    @property
    def import_dir(self) -> Path:
        return self.server_home / "import"

    # -- prerequisites ---------------------------------------------------------
    @staticmethod
    def java_major_version(java: str = "java") -> int:
        exe = shutil.which(java)
        if exe is None:
            raise LocalServerError(
                "Java 17 or newer is needed for the local Neo4j server and `java` is not on PATH. "
                "Install it (Debian: apt-get install openjdk-17-jre-headless) or set NEO4J_URI "
                "to use your own server."
            )
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False)
        match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
        if not match:
            raise LocalServerError(f"Cannot read the Java version from: {out.stderr.strip()!r}")
        major = int(match.group(1))
        return int(match.group(2)) if major == 1 and match.group(2) else major

    def check_java(self) -> None:
        major = self.java_major_version()
        if major < 17:
            raise LocalServerError(
                f"Neo4j {self.settings.neo4j_version} needs Java 17 or newer; `java` is Java {major}. Put a Java 17+ first on PATH or set NEO4J_URI."
            )

    def installed(self) -> bool:
        return (self.lib / ".complete").exists()

    def install(self) -> None:
        """Fetch the server's jars through Maven once; later calls find them cached."""
        if self.installed():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalServerError(
                "Maven (`mvn`) is needed once to fetch Neo4j's jars from Maven Central. Install it (Debian: apt-get install maven) or set NEO4J_URI."
            )
        self.make_home_private()
        build = self.home / "maven"
        build.mkdir(exist_ok=True)
        (build / "pom.xml").write_text(POM_TEMPLATE.format(version=self.settings.neo4j_version, browser=self.settings.neo4j_browser_version))
        staging = self.lib.with_name(self.lib.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        self.say(f"Fetching Neo4j {self.settings.neo4j_version} jars from Maven Central (once) ...")
        proc = subprocess.run(
            [mvn, "-B", "-q", "dependency:copy-dependencies", f"-DoutputDirectory={staging}", "-DincludeScope=runtime"],
            cwd=build,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise LocalServerError("Maven could not fetch Neo4j's jars:\n" + (proc.stdout + proc.stderr)[-3000:])
        (staging / ".complete").write_text(self.settings.neo4j_version)
        shutil.rmtree(self.lib, ignore_errors=True)
        staging.rename(self.lib)

    def make_browser_offline(self) -> None:
        """Rewrite Neo4j Browser's jar once so that its page asks nothing of outside hosts
        (orgnet/graph/browser_offline.py); run by ``start``, so installs made before are patched too.
        A jar it does not know is left as it is, with a line saying so: the CSP still blocks them."""
        jars = sorted(self.lib.glob("neo4j-browser-*.jar"))
        if len(jars) != 1:
            self.say(f"Neo4j Browser not made offline: expected one neo4j-browser jar in {self.lib}, found {len(jars)}.")
            return
        try:
            if make_offline(jars[0]) == "patched":
                self.say(f"Neo4j Browser made offline (no Canny, Segment, Sentry or Google Fonts): {jars[0].name}")
        except BrowserNotOffline as e:
            self.say(f"{e.detail}. Its Content-Security-Policy still keeps those requests from being sent.")

    def make_home_private(self) -> None:
        """Create ``ORGNET_HOME`` (and ``server/``) as 0700, and tighten them if they exist: Neo4j
        writes its stores and ``auth.ini`` with the umask's modes (world-readable by default)."""
        for d in (self.home, self.server_home):
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
            d.chmod(0o700)

    # -- configuration -----------------------------------------------------------
    def write_config(self) -> Path:
        s = self.settings
        self.make_home_private()
        # An API bound to every interface is still reached by the browser on the loopback address.
        kit_host = "127.0.0.1" if s.api_host in ("0.0.0.0", "::", "") else s.api_host
        kit = f"http://{'[' + kit_host + ']' if ':' in kit_host else kit_host}:{s.api_port}/browser-kit"
        for d in (self.conf_dir, self.data_dir, self.logs_dir, self.import_dir, self.pid_file.parent):
            d.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Generated by orgnet on every start from its settings; edits here are overwritten.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{s.neo4j_bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{s.neo4j_bolt_port}",
            f"server.http.listen_address=127.0.0.1:{s.neo4j_http_port}",
            f"server.http.advertised_address=127.0.0.1:{s.neo4j_http_port}",
            "server.https.enabled=false",
            f"server.directories.data={self.data_dir}",
            f"server.directories.logs={self.logs_dir}",
            f"server.directories.import={self.import_dir}",
            f"server.memory.pagecache.size={s.neo4j_pagecache}",
            "dbms.security.auth_enabled=true",
            # every transaction, writes included, ends after this (reads carry their own, shorter one)
            f"db.transaction.timeout={s.neo4j_transaction_timeout_s}s",
            "dbms.usage_report.enabled=false",
            # Neo4j Browser: our style sheet and guide are served by the orgnet API; Browser
            # applies the style and opens the guide on connect (orgnet/browser/).
            f"browser.remote_content_hostname_whitelist={','.join(dict.fromkeys(['localhost', '127.0.0.1', kit_host]))}",
            f"browser.post_connect_cmd=style {kit}/orgnet.grass; guide {kit}/guide.html",
            # Government intranets have no internet: Browser sends no usage data (no Segment, no
            # Canny, no consent banner), and its pages may load and connect to nothing but this
            # server, its Bolt port and the API's kit (Neo4j 5.26's own policy allows Google Fonts,
            # Segment, Canny and any http/https/ws host).  Community 5.26 does not declare
            # browser.allow_outgoing_connections (strict validation refuses it): the jar is rewritten
            # not to ask them (make_browser_offline), and the policy is the second line.
            "client.allow_telemetry=false",
            f"dbms.security.http_static_content_security_policy_header={browser_csp(kit_host=kit_host, api_port=s.api_port, bolt_port=s.neo4j_bolt_port)}",
        ]
        path = self.conf_dir / "neo4j.conf"
        path.write_text("\n".join(lines) + "\n")
        # neo4j-admin does not declare the server's own settings (Browser, HTTP) and refuses unknown ones.
        self.admin_conf_dir.mkdir(parents=True, exist_ok=True)
        admin_lines = [line for line in lines if not line.startswith(ADMIN_UNDECLARED)]
        (self.admin_conf_dir / "neo4j.conf").write_text("\n".join(admin_lines) + "\n")
        return path

    def _env(self, conf_dir: Path | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.server_home)
        env["NEO4J_CONF"] = str(conf_dir or self.conf_dir)
        return env

    def _classpath(self) -> str:
        return str(self.lib / "*")

    def admin_command(self, *args: str, heap: str | None = None) -> list[str]:
        """The ``neo4j-admin`` (``AdminTool``) command line; nothing secret may be in ``args``: any
        user sees a process's arguments (``ps``, ``/proc/<pid>/cmdline``)."""
        cmd = ["java", *JVM_FLAGS]
        if heap:
            cmd.append(f"-Xmx{heap}")
        return [*cmd, "-cp", self._classpath(), ADMIN_TOOL, *args]

    def admin(self, *args: str, heap: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin`` (``AdminTool``) from the cached jars."""
        self.install()
        self.write_config()
        cmd = self.admin_command(*args, heap=heap)
        return subprocess.run(cmd, env=self._env(self.admin_conf_dir), capture_output=True, text=True, check=False)

    @property
    def password_args_file(self) -> Path:
        return self.home / "set-initial-password.args"

    def write_password_args_file(self, password: str) -> Path:
        """The password as a picocli argument file (mode 0600, created exclusively).

        ``neo4j-admin dbms set-initial-password`` takes the password only as an argument (no stdin,
        no environment variable), but neo4j-admin reads ``@file`` arguments from a file: the
        command line then shows the file's name, never the password.  ``--`` ends the options, so
        a password that starts with ``-`` is not taken for one; the quotes keep it one argument.
        """
        path = self.password_args_file
        path.unlink(missing_ok=True)
        escaped = password.replace("\\", "\\\\").replace('"', '\\"')
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f'-- "{escaped}"\n')
        return path

    def _set_initial_password(self) -> None:
        if (self.data_dir / "dbms").exists():
            return
        args_file = self.write_password_args_file(self.settings.effective_password())
        try:
            proc = self.admin("dbms", "set-initial-password", f"@{args_file}")
        finally:
            args_file.unlink(missing_ok=True)
        if proc.returncode != 0:
            raise LocalServerError("Could not set the initial password:\n" + proc.stdout + proc.stderr)

    # -- lifecycle ------------------------------------------------------------------
    def _read_pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        try:
            if ENTRY_POINT not in "\0".join(psutil.Process(pid).cmdline()):
                return None  # the pid was reused by another program
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return None
        except psutil.AccessDenied:
            pass
        return pid

    def bolt_answers(self, timeout: float = 2.0) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        try:
            with GraphDatabase.driver(
                self.settings.local_uri,
                auth=(self.settings.neo4j_user, self.settings.effective_password()),
                connection_timeout=timeout,
            ) as driver:
                driver.verify_connectivity()
            return True
        except AuthError as e:
            # Asking again would only lock the user out of whichever server answers (Neo4j blocks a
            # user after repeated failures), including a server of another project on this port.
            raise LocalServerError(
                f"A Neo4j server answers on {self.settings.local_uri} but refuses this project's password "
                f"(kept in {self.settings.orgnet_home}): another server is on that port, or the password file was "
                "replaced. Stop that server or choose other ports (NEO4J_BOLT_PORT, NEO4J_HTTP_PORT)."
            ) from e
        except (Neo4jError, DriverError, OSError):
            return False

    def http_answers(self, timeout: float = 2.0) -> bool:
        """Jetty (Browser, HTTP API) comes up a moment after Bolt; start waits for both."""
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.settings.neo4j_http_port), timeout=timeout):
                return True
        except OSError:
            return False

    def status(self) -> ServerStatus:
        pid = self._read_pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            bolt_uri=self.settings.local_uri,
            browser_url=f"http://127.0.0.1:{self.settings.neo4j_http_port}/browser/",
            home=self.server_home,
        )

    def start(self) -> ServerStatus:
        """Start the server (installing it first if needed) and wait until Bolt answers."""
        if self._read_pid() is not None:
            self._wait_for_bolt(self._read_pid())
            return self.status()
        self.check_java()
        taken = [port for port in (self.settings.neo4j_bolt_port, self.settings.neo4j_http_port) if _port_taken(port)]
        if taken:
            raise LocalServerError(
                f"Port {', '.join(map(str, taken))} is already in use by another program, so this project's Neo4j "
                f"(home {self.server_home}) cannot start there. Stop that program or choose other ports "
                "(NEO4J_BOLT_PORT, NEO4J_HTTP_PORT)."
            )
        self.install()
        self.make_browser_offline()
        self.write_config()
        self._set_initial_password()
        heap = self.settings.neo4j_heap
        cmd = [
            "java",
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *JVM_FLAGS,
            "-cp",
            self._classpath(),
            ENTRY_POINT,
            f"--home-dir={self.server_home}",
            f"--config-dir={self.conf_dir}",
        ]
        console = open(self.logs_dir / "console.log", "ab")  # noqa: SIM115 - handed to the child
        self.say(f"Starting Neo4j {self.settings.neo4j_version} on {self.settings.local_uri} ...")
        proc = subprocess.Popen(
            cmd,
            env=self._env(),
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # survives the CLI that started it; stop() ends it
        )
        console.close()
        self.pid_file.write_text(str(proc.pid))
        self._wait_for_bolt(proc.pid, proc)
        return self.status()

    def _wait_for_bolt(self, pid: int | None, proc: subprocess.Popen[bytes] | None = None) -> None:
        deadline = time.monotonic() + self.settings.neo4j_start_timeout_s
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise LocalServerError(f"Neo4j exited with code {proc.returncode} while starting. Last log lines:\n" + self.log_tail())
            if self.bolt_answers() and self.http_answers():
                return
            time.sleep(0.5)
        raise LocalServerError(
            f"Neo4j (pid {pid}) did not answer on {self.settings.local_uri} within "
            f"{self.settings.neo4j_start_timeout_s:.0f} s. Last log lines:\n" + self.log_tail()
        )

    def log_tail(self, lines: int = 30) -> str:
        chunks = []
        for name in ("console.log", "neo4j.log"):
            path = self.logs_dir / name
            if path.exists():
                chunks.extend(path.read_text(errors="replace").splitlines()[-lines:])
        return "\n".join(chunks[-lines:])

    def stop(self, timeout: float = 60.0) -> None:
        """Stop cleanly (SIGTERM lets Neo4j flush and close its stores); kill only as a last resort."""
        pid = self._read_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return
        self.say(f"Stopping Neo4j (pid {pid}) ...")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._alive(pid):
                break
            time.sleep(0.3)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:  # a zombie child of ours counts as gone
            waited, _ = os.waitpid(pid, os.WNOHANG)
            if waited == pid:
                return False
        except ChildProcessError:
            pass
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    def wipe_database(self) -> None:
        """Delete all data (server must be stopped); used before an offline import."""
        if self._read_pid() is not None:
            raise LocalServerError("Stop the server before wiping its data.")
        for sub in ("databases/neo4j", "transactions/neo4j"):
            shutil.rmtree(self.data_dir / sub, ignore_errors=True)


def _port_taken(port: int) -> bool:
    """Whether something already listens on ``127.0.0.1:port`` (a connection is accepted)."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False
