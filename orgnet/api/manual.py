"""The manual at ``/manual/``: the site mkdocs builds from ``docs/`` (``make manual``), served as
static files by the API itself, so it works on an intranet with no internet.

The site is built into ``build/manual/`` of the checkout (``mkdocs.yml``); when it is missing,
``/manual/`` answers 404 naming the command that builds it.  Each page gets a Content-Security-Policy
that allows only this server: the theme's two small inline scripts are allowed by their hashes,
computed from the page served, so a new theme version needs no change here.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from orgnet.errors import NotFound
from orgnet.settings import PROJECT_ROOT

MANUAL_PATH = "/manual"
MANUAL_DIR = PROJECT_ROOT / "build" / "manual"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=256)
def _page_csp(path: str, mtime_ns: int) -> str:
    """The page's policy: its own server only, and its inline scripts by hash (``mtime_ns`` keys the cache)."""
    scripts = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'" for s in _INLINE_SCRIPT.findall(Path(path).read_bytes()))
    return (
        f"default-src 'self'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


class ManualFiles(StaticFiles):
    """Starlette's static files, with the manual's security and caching headers."""

    def file_response(self, full_path: os.PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "no-cache"
        if str(full_path).endswith(".html"):
            response.headers["Content-Security-Policy"] = _page_csp(str(full_path), stat_result.st_mtime_ns)
        return response

    async def check_config(self) -> None:
        """Checked on each request until the site is there: building it needs no restart."""
        if not Path(self.directory or MANUAL_DIR).is_dir():
            raise self._not_found("")
        await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as e:
            if e.status_code != 404:
                raise
            raise self._not_found(path) from None

    def _not_found(self, path: str) -> NotFound:
        built = Path(self.directory or MANUAL_DIR, "index.html").is_file()
        hint = "" if built else " The manual is not built: run `make manual` (or `.venv/bin/mkdocs build`)."
        return NotFound(f"No page {path!r} in the manual.{hint}")


def manual_files(directory: Path | None = None) -> ManualFiles:
    """The ASGI app mounted at :data:`MANUAL_PATH`; ``directory`` defaults to :data:`MANUAL_DIR` (read at call time)."""
    return ManualFiles(directory=directory or MANUAL_DIR, html=True, check_dir=False)
