"""All settings of orgnet, read from the environment (and ``.env``) in one place.

Every field is documented in docs/operators/settings.md; ``tests/unit/test_docs.py`` fails when one is not.

It is over 400 lines because it is the one ``Settings`` class: each field with its bounds and its
description in one place is what keeps settings from being read anywhere else.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from orgnet.accounts.roles import BOOTSTRAP_ROLES

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """orgnet settings.  Environment variables use the field name in upper case."""

    # hide_input_in_errors: a refused API_TOKENS or NEO4J_PASSWORD must not be printed at start-up
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True)

    neo4j_uri: str | None = Field(
        default=None,
        description="Bolt URI of your own Neo4j server or cluster (neo4j:// routes). Unset: orgnet starts its own local server.",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Neo4j password.  Unset with a local server: generated once and stored in ORGNET_HOME/neo4j-password (mode 0600).",
    )
    neo4j_database: str = Field(default="neo4j", description="Database name used on every call.")
    orgnet_home: Path = Field(
        default=PROJECT_ROOT / ".orgnet",
        description="Folder for the local server (jars, data, logs, password file).",
    )
    neo4j_version: str = Field(default="5.26.30", description="Neo4j version assembled from Maven Central.")
    neo4j_browser_version: str = Field(default="5.24.0", description="Neo4j Browser version.")
    neo4j_bolt_port: int = Field(default=7687, ge=1, le=65535, description="Local server Bolt port.")
    neo4j_http_port: int = Field(default=7474, ge=1, le=65535, description="Local server HTTP port (Browser).")
    neo4j_heap: str = Field(default="2g", description="Local server JVM heap (initial = max).")
    neo4j_pagecache: str = Field(default="2g", description="Local server page cache size.")
    neo4j_start_timeout_s: float = Field(default=120.0, gt=0, description="How long start waits for Bolt.")
    query_timeout_s: float = Field(default=10.0, gt=0, description="Timeout of every read transaction.")
    read_recheck_s: float = Field(
        default=1.0,
        gt=0,
        le=3600,
        description="How long an API worker reuses answers without asking Neo4j whether the stored summaries changed. Writes by orgnet "
        "on this machine (any worker, any `orgnet` command of the same ORGNET_HOME) are seen at once; this bounds how long a change "
        "made elsewhere (another host, Neo4j Browser) may go unseen.",
    )
    write_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of every write transaction (an import's batch, a record, a summaries write).")
    write_batch_size: int = Field(default=5000, ge=1, le=100_000, description="Rows per UNWIND batch.")
    page_size_max: int = Field(default=500, ge=1, le=10_000, description="Hard maximum of a page.")
    page_size_default: int = Field(default=50, ge=1, le=10_000, description="Page size of a list when the request names none.")
    api_host: str = Field(default="127.0.0.1", description="Address the API binds to.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="API port.")
    api_tokens: str = Field(
        default="",
        description="Comma-separated `token:role` pairs (roles: viewer, planner, admin, exchange). Empty: every caller is a viewer, so personal data stays hidden.",
    )
    policy_file: Path | None = Field(default=None, description="Coverage policy TOML; default: the article's.")
    policy_files: Path | None = Field(
        default=None,
        description="Folder of per-region policies, `<region id>.toml` each (a city's, or the province's): a region follows the "
        "policy of its nearest ancestor-or-self with a file there, else POLICY_FILE. Unset: POLICY_FILE serves every region.",
    )
    boundaries_file: Path | None = Field(
        default=None,
        description="GeoJSON of the county boundaries the dashboard's map draws, one feature per county keyed by region code "
        "(`id` or `properties.code`); default: the schematic Xuzhou shapes in orgnet/seed/data/xuzhou-counties.geojson.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(default="info", description="Log level.")
    api_allowed_hosts: str = Field(
        default="",
        description="Comma-separated host names the API answers to in the `Host` header (a DNS-rebinding "
        "guard; `*.example.org` allowed). Empty: 127.0.0.1 and localhost, plus API_HOST when it is one address.",
    )
    api_anonymous_viewers: bool | None = Field(
        default=None,
        description="Whether callers without a token are viewers. Unset: only while API_HOST is a loopback "
        "address (the local demo); on any other address every /v1 call needs a token from API_TOKENS.",
    )
    api_workers: int | None = Field(
        default=None, ge=1, le=64, description="Worker processes of `orgnet serve` (and `make run`). Unset: the number of cores this process may use."
    )
    api_trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks of the reverse proxies in front of the API: only from them are "
        "`X-Forwarded-For` and `X-Forwarded-Proto` believed (the client's address counts against the limits). Empty: none, "
        "the address is the connection's own.",
    )
    api_state_dir: Path | None = Field(
        default=None,
        description="Folder where the workers of one server share expensive-request slots and failed-token counts. "
        "Unset: `orgnet serve` uses ORGNET_HOME/api-state/<API_PORT>; an app built otherwise keeps them to itself.",
    )
    auth_failures_max: int = Field(default=10, ge=1, le=10_000, description="Failed tokens one client address may send per AUTH_FAILURE_WINDOW_S.")
    auth_token_failures_max: int = Field(
        default=20, ge=1, le=10_000, description="Failed attempts with one and the same token (from any address) per AUTH_FAILURE_WINDOW_S."
    )
    auth_failure_window_s: int = Field(
        default=300, ge=1, le=86_400, description="Window of AUTH_FAILURES_MAX and AUTH_TOKEN_FAILURES_MAX; beyond them: 429 with Retry-After."
    )
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest request body of any route but POST /v1/import (413 beyond).")
    import_max_bytes: int = Field(default=16 * 1_048_576, ge=1024, description="Largest body of POST /v1/import (413 beyond: use `orgnet import`).")
    import_max_records: int = Field(default=50_000, ge=1, description="Most records in one bundle sent to POST /v1/import (413 beyond).")
    sheet_max_rows: int = Field(
        default=100_000, ge=1, description="Most data rows of one imported spreadsheet (.xlsx or .csv, all sheets together); a file beyond is refused whole."
    )
    sheet_max_upload_bytes: int = Field(default=32 * 1_048_576, ge=1024, description="Largest spreadsheet sent to POST /v1/imports (413 beyond).")
    sheet_max_unzipped_bytes: int = Field(
        default=256 * 1_048_576, ge=1024, description="Largest uncompressed size of an .xlsx (a zip); checked before parsing, a zip bomb is refused."
    )
    sheet_max_zip_entries: int = Field(default=500, ge=10, description="Most entries (files) in an .xlsx zip; checked before parsing.")
    sheet_lookup_max_rows: int = Field(default=20_000, ge=0, description="Most rows of a template's people lookup sheet (items a row may refer to).")
    neo4j_connect_timeout_s: float = Field(default=5.0, gt=0, description="Opening a Bolt connection (TCP and handshake) gives up after this.")
    neo4j_acquire_timeout_s: float = Field(default=10.0, gt=0, description="Waiting for a pooled connection (or a new one) gives up after this.")
    neo4j_down_retry_s: float = Field(default=5.0, gt=0, description="After Neo4j was found unreachable, requests fail at once (503, Retry-After) this long.")
    neo4j_answer_margin_s: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description="A transaction Neo4j has not answered this long after its own timeout (QUERY_TIMEOUT_S, WRITE_TIMEOUT_S) "
        "is given up: its connection is closed, the request answers 503 with Retry-After, and so do the others for "
        "NEO4J_DOWN_RETRY_S (a frozen server never answers, and the driver has no read timeout of its own).",
    )
    import_lease_s: float = Field(
        default=60.0,
        ge=3,
        description="A batched import renews its job's lease every third of this; a `running` job whose lease ran out is "
        "shown `interrupted` (its process died), with the command that resumes it.",
    )
    ready_timeout_s: float = Field(default=0.8, gt=0, le=30, description="`GET /ready` answers 503 when its checks take longer.")
    neo4j_transaction_timeout_s: int = Field(
        default=300, ge=0, description="Local server: `db.transaction.timeout`, the limit of every transaction, writes too (0: none)."
    )
    expensive_slots: int = Field(
        default=4,
        ge=1,
        le=32,
        description="Expensive requests (exports, suggestions, what-if, city-level gap pages) running at once, "
        "for all callers; one more gets 503 with Retry-After. Kept well below Starlette's 40 worker threads "
        "so cheap reads always find one.",
    )
    expensive_slots_per_caller: int = Field(
        default=2,
        ge=1,
        le=32,
        description="Expensive requests one caller (its token, else its address) may run at once; one more gets 429 with Retry-After.",
    )
    heavy_read_slots: int = Field(
        default=4,
        ge=1,
        le=32,
        description="Heavy reads (filtered or faceted gap pages, library queries, people searches: their cost grows with the data) running at once "
        "for all callers; one more gets 503 with Retry-After. Apart from EXPENSIVE_SLOTS, so cheap reads keep the rest.",
    )
    heavy_read_slots_per_caller: int = Field(
        default=3, ge=1, le=32, description="Heavy reads one caller (its token, else its address) may run at once; one more gets 429 with Retry-After."
    )
    request_budget_s: float = Field(
        default=60.0,
        gt=0,
        description="Total time of one expensive request (every query it runs; a streamed export included); "
        "each query's timeout is the smaller of QUERY_TIMEOUT_S and what is left. Over budget: 504.",
    )
    export_budget_s: float = Field(
        default=600.0,
        gt=0,
        description="Total time of one streamed gap export (`/v1/gaps/{metric}/export`), instead of REQUEST_BUDGET_S: "
        "a whole city's list takes minutes on a busy server; its slot (EXPENSIVE_SLOTS) is held meanwhile.",
    )
    export_max_rows: int = Field(
        default=1_000_000,
        ge=1,
        le=10_000_000,
        description="Most rows one gap export (`/v1/gaps/{metric}/export`) writes; a longer list is cut there, the "
        "X-Orgnet-Truncated header says so beforehand and the file's last line (CSV) or about sheet (xlsx) afterwards.",
    )
    cursor_secret: SecretStr | None = Field(
        default=None,
        description="Key that signs page cursors (HMAC-SHA256). Unset: generated once and stored in "
        "ORGNET_HOME/cursor-secret (mode 0600), so cursors survive restarts.",
    )
    id_number_secret: SecretStr | None = Field(
        default=None,
        description="Key of the HMAC-SHA256 under which a spreadsheet's 身份证号 is stored (used only to match members; the number "
        "itself is never stored, shown or exported). Unset: generated once and stored in ORGNET_HOME/id-number-secret (mode 0600). "
        "Changing it makes the stored hashes match nothing.",
    )

    exchange_source: str | None = Field(
        default=None,
        max_length=64,
        description="This instance's name in the aggregate exchange (`source` of the files it exports); default: its root region's id.",
    )
    exchange_key: SecretStr | None = Field(
        default=None,
        description="Key shared by the instances of an aggregate exchange: exports are signed with it (HMAC-SHA256) and, when it is "
        "set, imports refuse files not signed with it. Unset: files carry a sha256 checksum only.",
    )
    exchange_policies: str = Field(
        default="",
        description="Comma-separated policy fingerprints (`orgnet exchange policy` prints an instance's; `policy` of an exchange file) whose "
        "figures this instance accepts besides its own active policy's; a file computed under any other policy is refused.",
    )

    reference_day: dt.date | None = Field(
        default=None,
        description="The day the dashboard opens on (YYYY-MM-DD). Unset: the seed scenario's day (2020-03-31) when the database holds the seed, "
        "otherwise today, clipped to the data calendar's first and last day.",
    )
    field_enrolment_hours: int = Field(
        default=24, ge=1, le=168, description="How long a field account's enrolment code (link, QR code) stays valid; it is good for one use."
    )

    events_dispatch: bool = Field(
        default=True,
        description="Whether this process runs the events dispatcher (outbox → alerts, webhooks, e-mail, the live stream); several may: "
        "one at a time holds the lease in Neo4j. `orgnet alerts run` runs one on its own.",
    )
    events_poll_s: float = Field(default=0.1, gt=0, le=10, description="How often the dispatcher and each API worker's live stream look for new events.")
    events_lease_s: float = Field(default=15.0, ge=1, le=600, description="The dispatcher's lease: another process takes over this long after the holder died.")
    events_retention_days: int = Field(
        default=7, ge=1, le=3650, description="Published events (the live stream's resume window) and finished deliveries are kept this long."
    )
    events_stream_max_s: float = Field(
        default=300.0, gt=0, description="A live stream (`GET /v1/events`) ends after this; clients reconnect with `Last-Event-ID` and lose nothing."
    )
    webhook_max_attempts: int = Field(default=12, ge=1, le=100, description="Attempts of a delivery before it is dead-lettered (replayable by an admin).")
    webhook_backoff_base_s: float = Field(default=10.0, gt=0, description="Wait after a delivery's first failed attempt; doubled after each (with jitter).")
    webhook_backoff_max_s: float = Field(default=1800.0, gt=0, description="Longest wait between two attempts of a delivery.")
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=120, description="A webhook receiver must answer within this.")
    smtp_host: str | None = Field(
        default=None, description="SMTP server for e-mail subscriptions. Unset: e-mail deliveries fail (and are retried, then dead-lettered)."
    )
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP port.")
    smtp_from: str = Field(default="orgnet@localhost", description="Sender address of orgnet's e-mail.")
    smtp_user: str | None = Field(default=None, description="SMTP login (unset: none).")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(default=False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_timeout_s: float = Field(default=10.0, gt=0, le=120, description="An SMTP exchange gives up after this.")
    email_digest_hour: int = Field(default=7, ge=0, le=23, description="Hour (UTC) daily and weekly (Mondays) digests are sent.")

    @property
    def trusted_proxies(self) -> list[str]:
        return [p.strip() for p in self.api_trusted_proxies.split(",") if p.strip()]

    @property
    def workers(self) -> int:
        """``API_WORKERS``, or the cores this process may run on."""
        import os

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return self.api_workers or cores or 1

    @property
    def exchange_key_bytes(self) -> bytes | None:
        return self.exchange_key.get_secret_value().encode() if self.exchange_key else None

    @property
    def exchange_policy_list(self) -> list[str]:
        return [p.strip() for p in self.exchange_policies.split(",") if p.strip()]

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri

    @property
    def local_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def effective_uri(self) -> str:
        return self.neo4j_uri or self.local_uri

    @property
    def password_file(self) -> Path:
        return self.orgnet_home / "neo4j-password"

    def effective_password(self) -> str:
        """The password to use: from settings, else the local server's stored one (created once)."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if not self.uses_local_server:
            return ""
        path = self.password_file
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_EXCL + 0600: the password is never readable by other users, even briefly.
            import os

            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(24))
        return path.read_text().strip()

    @field_validator("api_tokens")
    @classmethod
    def _valid_api_tokens(cls, value: str) -> str:
        parse_api_tokens(value)  # start-up fails here, with the reason, instead of a 500 per request
        return value

    @property
    def anonymous_viewers(self) -> bool:
        """``API_ANONYMOUS_VIEWERS``, or, unset, whether the API listens on a loopback address only."""
        if self.api_anonymous_viewers is not None:
            return self.api_anonymous_viewers
        return is_loopback(self.api_host)

    @property
    def allowed_hosts(self) -> list[str]:
        """``API_ALLOWED_HOSTS``, or the loopback names plus a specific ``API_HOST``."""
        listed = [h.strip() for h in self.api_allowed_hosts.split(",") if h.strip()]
        if listed:
            return listed
        hosts = ["127.0.0.1", "localhost"]
        if self.api_host not in ("0.0.0.0", "::", "") and self.api_host not in hosts:
            hosts.append(self.api_host)
        return hosts

    @property
    def cursor_secret_file(self) -> Path:
        return self.orgnet_home / "cursor-secret"

    def effective_cursor_secret(self) -> bytes:
        """The key that signs cursors: from settings, else the stored one (created once, mode 0600)."""
        if self.cursor_secret is not None:
            return self.cursor_secret.get_secret_value().encode()
        return _stored_secret(self.cursor_secret_file)

    def effective_id_number_secret(self) -> bytes:
        """The key of the 身份证号 hashes: from settings, else the stored one (created once, mode 0600)."""
        if self.id_number_secret is not None:
            return self.id_number_secret.get_secret_value().encode()
        return _stored_secret(self.orgnet_home / "id-number-secret")


API_TOKEN_MIN_LENGTH = 16


def parse_api_tokens(spec: str, *, min_length: int = API_TOKEN_MIN_LENGTH) -> dict[str, str]:
    """``API_TOKENS`` (``"tok1:planner,tok2:admin"``) → ``{token: role}``, or ``ValueError`` naming
    what is wrong (never the token itself: it would land in a log).

    >>> parse_api_tokens("0123456789abcdef:planner, fedcba9876543210:admin")
    {'0123456789abcdef': 'planner', 'fedcba9876543210': 'admin'}
    >>> parse_api_tokens(":admin")
    Traceback (most recent call last):
    ...
    ValueError: API_TOKENS: entry 1 has an empty token (write token:role)
    """
    out: dict[str, str] = {}
    for n, part in enumerate(filter(None, (p.strip() for p in spec.split(","))), start=1):
        token, sep, role = (x.strip() for x in part.rpartition(":"))
        if not sep:
            raise ValueError(f"API_TOKENS: entry {n} has no role (write token:role)")
        if role not in BOOTSTRAP_ROLES:
            raise ValueError(f"API_TOKENS: unknown role {role!r} in entry {n} (use viewer, planner, admin, exchange)")
        if not token:
            raise ValueError(f"API_TOKENS: entry {n} has an empty token (write token:role)")
        if len(token) < min_length:
            raise ValueError(
                f"API_TOKENS: the token of entry {n} has {len(token)} characters; use at least "
                f"{min_length} (e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
            )
        if any(c.isspace() for c in token):
            raise ValueError(f"API_TOKENS: the token of entry {n} contains white space")
        if token in out:
            raise ValueError(f"API_TOKENS: entry {n} repeats an earlier token")
        out[token] = role
    return out


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) is reachable from this machine only.

    >>> [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "10.0.0.5")]
    [True, True, True, False, False]
    """
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=8)
def _stored_secret(path: Path) -> bytes:
    """The secret in ``path``, created once (O_EXCL + 0600: never readable by others, even
    briefly; when two processes race, both read the one that won)."""
    import os

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(32))
    import time

    for _ in range(50):  # another process may have created the file and not yet written it
        secret = path.read_text().strip()
        if secret:
            return secret.encode()
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty; delete it so that a new cursor secret is generated")


@lru_cache
def get_settings() -> Settings:
    return Settings()
