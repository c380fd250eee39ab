"""All settings of orgnet, read from the environment (and ``.env``) in one place.

Every field is documented in README.md; ``tests/unit/test_docs.py`` fails when one is not.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """orgnet settings.  Environment variables use the field name in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None,
        description="Bolt URI of your own Neo4j server or cluster (neo4j:// routes). "
        "Unset: orgnet starts its own local server.",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Neo4j password.  Unset with a local server: generated once and stored "
        "in ORGNET_HOME/neo4j-password (mode 0600).",
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
    write_batch_size: int = Field(default=5000, ge=1, le=100_000, description="Rows per UNWIND batch.")
    page_size_max: int = Field(default=500, ge=1, le=10_000, description="Hard maximum of a page.")
    api_host: str = Field(default="127.0.0.1", description="Address the API binds to.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="API port.")
    api_tokens: str = Field(
        default="",
        description="Comma-separated `token:role` pairs (roles: viewer, planner, admin). "
        "Empty: every caller is a viewer, so personal data stays hidden.",
    )
    policy_file: Path | None = Field(default=None, description="Coverage policy TOML; default: the article's.")
    log_level: Literal["debug", "info", "warning", "error"] = Field(default="info", description="Log level.")
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
    request_budget_s: float = Field(
        default=60.0,
        gt=0,
        description="Total time of one expensive request (every query it runs; a streamed export included); "
        "each query's timeout is the smaller of QUERY_TIMEOUT_S and what is left. Over budget: 504.",
    )
    cursor_secret: SecretStr | None = Field(
        default=None,
        description="Key that signs page cursors (HMAC-SHA256). Unset: generated once and stored in "
        "ORGNET_HOME/cursor-secret (mode 0600), so cursors survive restarts.",
    )

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

    @property
    def cursor_secret_file(self) -> Path:
        return self.orgnet_home / "cursor-secret"

    def effective_cursor_secret(self) -> bytes:
        """The key that signs cursors: from settings, else the stored one (created once, mode 0600)."""
        if self.cursor_secret is not None:
            return self.cursor_secret.get_secret_value().encode()
        return _stored_secret(self.cursor_secret_file)


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
