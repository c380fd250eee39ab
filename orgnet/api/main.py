"""The FastAPI application: one Neo4j driver per process, opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from orgnet import __version__
from orgnet.api.openapi import install_openapi
from orgnet.api.problems import install_problem_handlers
from orgnet.api.routes import coverage, dashboard, export, health, imports, queries, regions, stats, whatif
from orgnet.graph.db import Graph
from orgnet.settings import Settings, get_settings

ROUTERS = [health.router, regions.router, imports.router, stats.router, export.router, dashboard.router, coverage.router, whatif.router, queries.router]


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    """Build the app; tests pass their own ``graph`` (the real Neo4j), production opens one."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = graph is None
        app.state.graph = graph or Graph.from_settings(settings or get_settings())
        try:
            yield
        finally:
            if own:
                app.state.graph.close()

    app = FastAPI(
        title="orgnet",
        version=__version__,
        summary="Coverage analysis and gap detection over a city's party and government network (Neo4j).",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    install_openapi(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
