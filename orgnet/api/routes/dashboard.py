"""The planner dashboard (``/``, ``/static/...``); the Neo4j Browser kit is routes/browser_kit.py.

Everything is served from the package: no CDN, no build step.  The dashboard is plain
HTML/CSS/JS (``orgnet/api/static/``) that calls the JSON API.
"""

from __future__ import annotations

import html
import mimetypes
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from orgnet.api.deps import SettingsDep
from orgnet.errors import NotFound

router = APIRouter(tags=["dashboard"])

# The dashboard talks only to this API; nothing is loaded from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
STATIC_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".html": "text/html"}


def _static_root() -> Traversable:
    return resources.files("orgnet.api").joinpath("static")


def _static_file(path: str) -> Traversable:
    parts = [p for p in path.split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") or "\\" in p for p in parts):
        raise NotFound(f"No static file {path!r}.")
    node = _static_root()
    for p in parts:
        node = node.joinpath(p)
    if not node.is_file():
        raise NotFound(f"No static file {path!r}.")
    return node


def _browser_url(request: Request, settings: SettingsDep) -> str:
    """Neo4j Browser of the local server, or empty when orgnet uses someone else's Neo4j."""
    if not settings.uses_local_server:
        return ""
    host = request.url.hostname or "127.0.0.1"
    return f"http://{host}:{settings.neo4j_http_port}/browser/"


@router.get("/", response_class=HTMLResponse, summary="The planner dashboard (HTML)", include_in_schema=False)
def dashboard(request: Request, settings: SettingsDep) -> HTMLResponse:
    page = _static_file("index.html").read_text(encoding="utf-8")
    page = page.replace("{{BROWSER_URL}}", html.escape(_browser_url(request, settings), quote=True))
    return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})


@router.get("/static/{path:path}", summary="The dashboard's scripts and styles", include_in_schema=False)
def static(path: Annotated[str, Path(max_length=200)]) -> Response:
    node = _static_file(path)
    suffix = "." + node.name.rsplit(".", 1)[-1] if "." in node.name else ""
    media = STATIC_TYPES.get(suffix) or mimetypes.guess_type(node.name)[0] or "application/octet-stream"
    return Response(
        node.read_bytes(),
        media_type=media,
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
