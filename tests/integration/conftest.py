"""Fixtures shared by the integration tests (the database fixtures are in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["live", "summary"])
def source(request):
    """Run a coverage test twice: on the live queries, then on the stored coverage summaries.

    The test module's ``SOURCE`` says which, for the helpers that pass ``source=`` on."""
    request.module.SOURCE = request.param
    return request.param
