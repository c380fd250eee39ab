"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), served with every file from this server.

Government intranets have no internet, and a page that fetches from a CDN leaks who reads the API
docs.  The files are the npm packages' own (``swagger-ui-dist``, ``redoc``), pinned and checked by
``scripts/fetch_vendor.py`` into ``orgnet/api/docs_assets/`` and served under ``/docs-assets``;
ReDoc's bundle has its one outside request (a logo on cdn.redoc.ly) taken out there, and the
pages' Content-Security-Policy (``DOCS_CSP`` in orgnet/api/guard.py) lets nothing else out.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

ASSETS = Path(__file__).resolve().parent / "docs_assets"
ASSETS_URL = "/docs-assets"
# No validator badge (it loads an image from validator.swagger.io); "Try it out" open.
SWAGGER_UI_PARAMETERS = {"validatorUrl": None, "tryItOutEnabled": True}


def install_docs_pages(app: FastAPI) -> None:
    """Add the two pages and their files to ``app`` (built with ``docs_url=None, redoc_url=None``)."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=f"{root}{redirect_url}",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
        )

    @app.get(redirect_url, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
