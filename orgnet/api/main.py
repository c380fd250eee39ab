"""The FastAPI application: one Neo4j driver per worker process, opened in the lifespan; and how
``orgnet serve`` runs it (:func:`server_options`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from orgnet import __version__
from orgnet.api import access_log
from orgnet.api.docs_pages import install_docs_pages
from orgnet.api.guard import (
    AuthenticationMiddleware,
    BodyLimitMiddleware,
    ProblemTrustedHostMiddleware,
    ResponseHeadersMiddleware,
)
from orgnet.api.manual import MANUAL_PATH, manual_files
from orgnet.api.openapi import TAGS, install_openapi
from orgnet.api.problems import install_problem_handlers
from orgnet.api.routes import (
    accounts,
    alerts,
    browser_kit,
    changes,
    coverage,
    dashboard,
    events,
    exchange,
    export,
    field,
    field_app,
    health,
    imports,
    incentives,
    me,
    people,
    queries,
    records,
    regions,
    series,
    sheets,
    stats,
    subscriptions,
    whatif,
)
from orgnet.coverage import result_cache
from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.db import Graph
from orgnet.settings import Settings, get_settings

ROUTERS = [
    accounts.router,
    health.router,
    regions.router,
    imports.router,
    sheets.router,
    stats.router,
    export.router,
    dashboard.router,
    browser_kit.router,
    coverage.router,
    series.router,
    incentives.router,
    whatif.router,
    queries.router,
    records.router,
    changes.router,
    people.router,
    exchange.router,
    me.router,
    alerts.router,
    subscriptions.router,
    events.router,
    field.router,
    field_app.router,
]


def start_dispatcher(graph: Graph, settings: Settings) -> Dispatcher | None:
    """The events dispatcher of this process (EVENTS_DISPATCH): works while it holds the lease."""
    if not settings.events_dispatch:
        return None
    dispatcher = Dispatcher(graph, settings)
    dispatcher.start()
    return dispatcher


async def stop_events(app: FastAPI, dispatcher: Dispatcher | None) -> None:
    broadcaster = getattr(app.state, "events_broadcaster", None)
    if broadcaster is not None:
        await broadcaster.close()
    if dispatcher is not None:
        await run_in_threadpool(dispatcher.stop)


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    """Build the app; tests pass their own ``graph`` (the real Neo4j), production opens one."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = graph is None
        app.state.graph = graph or Graph.from_settings(settings)
        dispatcher = start_dispatcher(app.state.graph, settings)
        try:
            yield
        finally:
            await stop_events(app, dispatcher)
            probes = getattr(app.state, "ready_executor", None)  # /ready's thread (routes/health.py)
            if probes is not None:
                probes.shutdown(wait=False, cancel_futures=True)
            if own:
                app.state.graph.close()

    app = FastAPI(
        title="orgnet",
        version=__version__,
        summary="Coverage analysis and gap detection over a city's party and government network (Neo4j).",
        lifespan=lifespan,
        openapi_tags=TAGS,
        docs_url=None,  # served by install_docs_pages, every file from this server
        redoc_url=None,
    )
    app.state.settings = settings
    result_cache.RECHECK_S = settings.read_recheck_s  # per process: every app of a process reads the same Neo4j
    access_log.install()  # no search terms in the access log (uvicorn logs whole query strings)
    install_problem_handlers(app)
    # added innermost first: a request meets its id and headers, then the host, the token, the body limit
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(AuthenticationMiddleware)
    app.add_middleware(ProblemTrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(ResponseHeadersMiddleware)
    if settings.trusted_proxies:  # the client's address from X-Forwarded-For, only when a listed proxy sends it
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    install_docs_pages(app)
    install_openapi(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount(MANUAL_PATH, manual_files(), name="manual")  # docs/ built by mkdocs (orgnet/api/manual.py)
    return app


def state_dir_for_server(settings: Settings, port: int) -> Path:
    """Where the workers of the server on ``port`` share their state (``API_STATE_DIR``, else a
    folder of ORGNET_HOME named by the port: two servers on one home keep theirs apart)."""
    return settings.api_state_dir or settings.orgnet_home / "api-state" / str(port)


def server_options(settings: Settings, *, host: str | None = None, port: int | None = None, workers: int | None = None) -> dict[str, Any]:
    """uvicorn's options for ``orgnet serve``.

    ``workers`` processes (default ``API_WORKERS``: the cores), each building the app from the
    settings in the environment.  uvicorn's own proxy-header handling is off: it believes
    ``X-Forwarded-For`` from 127.0.0.1 by default, so anything on the machine could pick the
    address the failed-token limits count; the app trusts only ``API_TRUSTED_PROXIES`` (see
    :func:`create_app`).

    >>> options = server_options(Settings(api_workers=3, api_port=8123))
    >>> options["workers"], options["port"], options["proxy_headers"], options["factory"], options["timeout_graceful_shutdown"]
    (3, 8123, False, True, 5)
    """
    return {
        "app": "orgnet.api.main:create_app",
        "factory": True,
        "host": host or settings.api_host,
        "port": port or settings.api_port,
        "workers": workers or settings.workers,
        "proxy_headers": False,
        "log_level": settings.log_level,
        # open event streams (GET /v1/events) would otherwise hold a stop for EVENTS_STREAM_MAX_S
        "timeout_graceful_shutdown": 5,
    }


def startup_lines(settings: Settings, options: dict[str, Any], *, browser: bool) -> list[str]:
    """What ``orgnet serve`` / ``orgnet run`` say on start: the dashboard's address first (what a
    planner opens), then the API docs and, for ``run`` (``browser``), Neo4j Browser's.

    >>> lines = startup_lines(Settings(neo4j_uri="bolt://db:7687"), {"host": "127.0.0.1", "port": 8000, "workers": 2}, browser=True)
    >>> lines[0], lines[2]
    ('Dashboard: http://127.0.0.1:8000/', 'Neo4j: bolt://db:7687')
    """
    base = f"http://{options['host']}:{options['port']}"
    lines = [f"Dashboard: {base}/", f"API docs: {base}/docs ({options['workers']} worker processes)"]
    if browser:
        lines.append(
            f"Neo4j Browser: http://127.0.0.1:{settings.neo4j_http_port}/browser/ (user {settings.neo4j_user}, password in {settings.password_file})"
            if settings.uses_local_server
            else f"Neo4j: {settings.neo4j_uri}"
        )
    return lines
