"""The FastAPI application: one Neo4j driver per process, opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from orgnet import __version__
from orgnet.api.guard import (
    AuthenticationMiddleware,
    BodyLimitMiddleware,
    ProblemTrustedHostMiddleware,
    SecurityHeadersMiddleware,
)
from orgnet.api.manual import MANUAL_PATH, manual_files
from orgnet.api.openapi import DOCS_ASSETS, SWAGGER_UI_PARAMETERS, TAGS, install_openapi
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
    health,
    imports,
    incentives,
    me,
    people,
    queries,
    records,
    regions,
    series,
    stats,
    subscriptions,
    whatif,
)
from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.db import Graph
from orgnet.settings import Settings, get_settings

ROUTERS = [
    accounts.router,
    health.router,
    regions.router,
    imports.router,
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

    # /docs and /redoc load Swagger UI and ReDoc from the API itself (fastapi-offline ships them),
    # never from a CDN: government intranets have no internet.
    app = FastAPIOffline(
        title="orgnet",
        version=__version__,
        summary="Coverage analysis and gap detection over a city's party and government network (Neo4j).",
        lifespan=lifespan,
        openapi_tags=TAGS,
        swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
        static_url=DOCS_ASSETS,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    # added innermost first: a request meets the headers, then the host, the token, the body limit
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(AuthenticationMiddleware)
    app.add_middleware(ProblemTrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    install_openapi(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount(MANUAL_PATH, manual_files(), name="manual")  # docs/ built by mkdocs (orgnet/api/manual.py)
    return app
