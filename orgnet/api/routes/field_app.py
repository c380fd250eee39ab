"""The field app's pages (``/m/``, issue 26): a PWA served from the package, no build step.

``/m/`` is the app shell (``orgnet/api/static/m/index.html``); ``/m/sw.js`` its service worker,
served from ``/m/`` so its scope is the app (and nothing of the planner dashboard);
``/m/manifest.webmanifest`` makes it installable.  The pages talk only to this API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from orgnet.api.routes.dashboard import STATIC_TYPES, _static_file

router = APIRouter(tags=["field"], include_in_schema=False)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
TYPES = {**STATIC_TYPES, ".webmanifest": "application/manifest+json"}


@router.get("/m")
def app_redirect() -> RedirectResponse:
    return RedirectResponse("/m/", status_code=308)


@router.get("/m/")
def app_shell() -> HTMLResponse:
    page = _static_file("m/index.html").read_text(encoding="utf-8")
    return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})


@router.get("/m/{name}")
def app_file(name: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9_.-]+$")]) -> Response:
    node = _static_file(f"m/{name}")
    media = TYPES.get("." + name.rsplit(".", 1)[-1], "application/octet-stream")
    headers = {"Cache-Control": "no-cache", "Content-Security-Policy": CSP}
    if name == "sw.js":
        headers["Service-Worker-Allowed"] = "/m/"
    return Response(node.read_bytes(), media_type=media, headers=headers)
