"""Fixtures shared by the integration tests (the database fixtures are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from .news_kit import news  # noqa: F401 - the fixture of the tests of news out (tests/integration/test_events*.py)


@pytest.fixture(params=["live", "summary"])
def source(request):
    """Run a coverage test twice: on the live queries, then on the stored coverage summaries.

    The test module's ``SOURCE`` says which, for the helpers that pass ``source=`` on."""
    request.module.SOURCE = request.param
    return request.param


def cli_environment(settings) -> dict[str, str]:
    """The environment of an ``orgnet`` subprocess that talks to the test server (its home, ports,
    password and URI) with wide Rich tables."""
    import os

    env = dict(os.environ)
    env.update(
        {
            "ORGNET_HOME": str(settings.orgnet_home),
            "NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
            "NEO4J_HTTP_PORT": str(settings.neo4j_http_port),
            "NEO4J_PASSWORD": settings.effective_password(),
            "COLUMNS": "200",
        }
    )
    if settings.neo4j_uri:
        env["NEO4J_URI"] = settings.neo4j_uri
    else:
        env.pop("NEO4J_URI", None)
    return env
