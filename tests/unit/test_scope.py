"""orgnet/api/scope.py without a database: every library parameter is classified for the scope check."""

from __future__ import annotations

from orgnet.api.scope import ITEM_PARAMS, NEUTRAL_PARAMS, REGION_PARAMS
from orgnet.coverage.metrics import get_metric
from orgnet.queries.library import library


def test_every_parameter_of_the_library_says_what_it_names():
    # a new query parameter must be classified in orgnet/api/scope.py: as naming regions, items (with
    # their label) or nothing of a region's; until it is, scoped accounts get 404 for the query
    unclassified = sorted(
        f"{q.key}: {name}"
        for q in library()
        for name in q.param_names
        if name not in REGION_PARAMS | NEUTRAL_PARAMS | set(ITEM_PARAMS) and not (name == "ids" and q.namespace == "status")
    )
    assert not unclassified, f"classify these in orgnet/api/scope.py: {unclassified}"


def test_every_status_query_is_named_after_a_metric_whose_items_have_a_label():
    for q in library():
        if q.namespace == "status":
            assert get_metric(q.name).label
