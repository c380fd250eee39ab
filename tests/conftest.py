"""Shared fixtures.

Unit tests (``tests/unit``) need no database.  Integration tests (``tests/integration``)
run against a real Neo4j: by default a local test server that this session starts under
``.orgnet-test/`` (Bolt 7688, HTTP 7475, so it never touches the ``make run`` database)
and stops at the end.  ``ORGNET_TEST_NEO4J_URI`` points them at another server instead:
they DELETE EVERYTHING in its database, so never point it at data you want to keep.
(``NEO4J_URI`` is deliberately ignored here for that reason.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgnet.graph.db import Graph
from orgnet.settings import PROJECT_ROOT, Settings

TEST_HOME = PROJECT_ROOT / ".orgnet-test"
_state: dict[str, object] = {"seeded": False}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_settings_values() -> dict[str, object]:
    return {
        # the browser tests' API listens here, and the test Neo4j's Browser loads its style
        # and guide from it on connect (browser.post_connect_cmd), as with `make run`
        "api_port": int(os.environ.get("ORGNET_TEST_API_PORT") or _free_port()),
        "neo4j_uri": os.environ.get("ORGNET_TEST_NEO4J_URI") or None,
        "neo4j_password": os.environ.get("ORGNET_TEST_NEO4J_PASSWORD") or None,
        "orgnet_home": Path(os.environ.get("ORGNET_TEST_HOME", TEST_HOME)),
        "neo4j_bolt_port": int(os.environ.get("ORGNET_TEST_BOLT_PORT", "7688")),
        "neo4j_http_port": int(os.environ.get("ORGNET_TEST_HTTP_PORT", "7475")),
        # several engineers' test servers may share one machine: ORGNET_TEST_NEO4J_HEAP lowers them
        "neo4j_heap": os.environ.get("ORGNET_TEST_NEO4J_HEAP", "1g"),
        "neo4j_pagecache": os.environ.get("ORGNET_TEST_NEO4J_PAGECACHE", "1g"),
        "query_timeout_s": 60.0,
        # the machine is shared: a slow answer under load is not a dead server (tests/integration/test_http_faults.py
        # sets them short to freeze Neo4j)
        "ready_timeout_s": 10.0,
        "neo4j_connect_timeout_s": 30.0,
        # no events dispatcher in every app a test builds: the tests of orgnet/events run one where they need it
        "events_dispatch": False,
        # TestClient's requests carry `Host: testserver`
        "api_allowed_hosts": "127.0.0.1,localhost,testserver",
    }


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark integration tests; run those that wipe the database before those that read the seed."""
    for item in items:
        if "tests/integration" in str(item.path) or "tests\\integration" in str(item.path):
            item.add_marker(pytest.mark.integration)

    def order(item: pytest.Item) -> int:
        names = getattr(item, "fixturenames", ())
        if "xuzhou" in names:
            return 2
        if "empty_graph" in names:
            return 1
        return 0

    items.sort(key=order)  # stable: keeps file order within each group


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(**_test_settings_values())  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[None]:
    if not settings.uses_local_server:
        yield
        return
    from orgnet.graph.local_server import LocalServer

    server = LocalServer(settings, say=print)
    was_running = server.status().running
    server.start()
    yield
    if not was_running:
        server.stop()


@pytest.fixture(scope="session")
def graph(settings: Settings, neo4j_server: None) -> Iterator[Graph]:
    from orgnet.graph.schema import apply_schema

    g = Graph.from_settings(settings)
    apply_schema(g)
    yield g
    g.close()


@pytest.fixture
def empty_graph(graph: Graph) -> Graph:
    """The database, emptied (schema kept)."""
    graph.delete_all()
    _state["seeded"] = False
    return graph


@pytest.fixture
def xuzhou(graph: Graph, settings: Settings) -> Graph:
    """The database holding exactly the demo seed scenario and its coverage summaries (loaded
    once while nothing wipes it)."""
    if not _state["seeded"]:
        from orgnet.coverage.policy import default_policy
        from orgnet.coverage.summaries import refresh
        from orgnet.graph.loader import load_stream
        from orgnet.seed.generator import generate

        graph.delete_all()
        load_stream(graph, generate(seed=2020, scale="demo"), batch_size=settings.write_batch_size)
        refresh(graph, policy=default_policy())  # as `orgnet seed` does: the API reads the summaries
        _state["seeded"] = True
    return graph


@pytest.fixture
def api_client(graph: Graph, settings: Settings):
    """A TestClient on the real app, sharing the session's graph."""
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    app = create_app(settings=settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: settings
    with TestClient(app) as client:
        yield client
