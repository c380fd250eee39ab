"""The Neo4j Browser kit (``/browser-kit/...``): the GraSS style sheet and a guide rebuilt from the
query library on every request, served from the package for Neo4j Browser to fetch."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from orgnet.browser import grass_text, render_guide

router = APIRouter(tags=["browser-kit"])

# Browser (served by Neo4j on another port) fetches the kit cross-origin; it is public and read-only.
KIT_HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}


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
    from orgnet.errors import QueryFileError
    from orgnet.queries.library import parse_query_file

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
