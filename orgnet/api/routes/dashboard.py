"""The planner dashboard (``/``, ``/static/...``) and the Neo4j Browser kit (``/browser-kit/...``).

Everything is served from the package: no CDN, no build step.  The dashboard is plain
HTML/CSS/JS (``orgnet/api/static/``) that calls the JSON API; the Browser kit is the GraSS
style sheet and a guide rebuilt from the query library on every request.
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
from orgnet.browser import grass_text, render_guide
from orgnet.errors import NotFound

router = APIRouter(tags=["dashboard"])

# The dashboard talks only to this API; nothing is loaded from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# Browser (served by Neo4j on another port) fetches the kit cross-origin; it is public and read-only.
KIT_HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}
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


@router.get(
    "/browser-kit/orgnet.grass",
    summary="Neo4j Browser style sheet (GraSS)",
    description="Colour, size and caption for every label and relationship type. The local server "
    "applies it on connect (`browser.post_connect_cmd`); elsewhere run `:style <this URL>` in Browser.",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
def browser_style() -> Response:
    return Response(grass_text(), media_type="text/plain; charset=utf-8", headers=KIT_HEADERS)


@router.get(
    "/browser-kit/guide.html",
    summary="Neo4j Browser guide with click-to-run library queries",
    description="Built from the query library on every request. In Browser: `:guide <this URL>` (the local server opens it on connect).",
    response_class=HTMLResponse,
)
def browser_guide(request: Request) -> HTMLResponse:
    queries, problems = load_library_leniently()
    base = str(request.base_url).rstrip("/")
    return HTMLResponse(render_guide(queries=queries, problems=problems, api_base=base), headers=KIT_HEADERS)


async def _kit_preflight(request: Request) -> Response:
    """CORS preflight: Browser's guide loader sends one before fetching the guide."""
    return Response(
        status_code=204,
        headers={
            **KIT_HEADERS,
            "Access-Control-Allow-Methods": "GET, OPTIONS",
            "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers", "*"),
            "Access-Control-Max-Age": "600",
        },
    )


for _path in ("/browser-kit/orgnet.grass", "/browser-kit/guide.html"):
    # a plain Starlette route: not an API operation, so not in the OpenAPI schema
    router.add_route(_path, _kit_preflight, methods=["OPTIONS"], include_in_schema=False)


def load_library_leniently(root: Traversable | None = None) -> tuple[list, list[str]]:
    """Every readable query file now (not the process's cached library), and what is wrong with the rest.

    ``root``: the folder holding ``<namespace>/<name>.cypher`` (default: the package's library).
    """
    from orgnet.queries.library import QueryFileError, parse_query_file

    base = root if root is not None else resources.files("orgnet.queries")
    queries, problems, seen = [], [], set()
    for ns_dir in sorted(base.iterdir(), key=lambda p: p.name):
        if not ns_dir.is_dir() or ns_dir.name.startswith(("_", ".")):
            continue
        for f in sorted(ns_dir.iterdir(), key=lambda p: p.name):
            if not f.name.endswith(".cypher"):
                continue
            where = f"{ns_dir.name}/{f.name}"
            try:
                q = parse_query_file(f.read_text(encoding="utf-8"), namespace=ns_dir.name, filename=where)
            except (QueryFileError, UnicodeDecodeError) as e:
                problems.append(str(e))
                continue
            if q.key in seen:
                problems.append(f"{where}: duplicate query name {q.key}")
                continue
            seen.add(q.key)
            queries.append(q)
    return queries, problems
