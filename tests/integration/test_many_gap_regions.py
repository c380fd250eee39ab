"""More regions holding gaps than a query parameter may list: the gap list still answers, right.

bench.scaling's Jiangsu at city density has 19,664 villages: the stored summaries named more
regions with gaps than ``MAX_LIST`` (10,000), the gap queries refused that list, and the gap list of
the province (and of the nation above it) was a 400.  Here the limit is lowered to one region so a
small graph crosses it."""

from __future__ import annotations

import pytest

from orgnet.coverage import gap_export, result_cache, service, stored_or_live, summaries
from orgnet.coverage.policy import default_policy
from orgnet.graph.loader import load_bundle
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()


@pytest.fixture
def many_gap_regions(empty_graph, monkeypatch):
    result_cache.cached_results.clear()
    load_bundle(empty_graph, random_bundle(45, size=2), batch_size=500)
    summaries.refresh(empty_graph, policy=POLICY)
    regions, _, _ = stored_or_live.gap_regions(empty_graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    assert len(regions) > 1  # the limit below is crossed
    monkeypatch.setattr(stored_or_live, "MAX_LIST", 1)
    result_cache.cached_results.clear()
    return empty_graph


def test_too_many_regions_to_list_are_not_listed_but_still_counted(many_gap_regions):
    found = stored_or_live.gap_regions(many_gap_regions, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    assert found is not None
    ids, uncovered, _ = found
    live = service.coverage(many_gap_regions, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, source="live")
    assert ids is None and uncovered == live["total"] - live["covered"] > 0


@pytest.mark.parametrize("walk", [False, None])
def test_the_gap_list_is_the_live_one_page_after_page(many_gap_regions, walk):
    graph = many_gap_regions

    def pages(source):
        items, cursor = [], None
        while True:
            page = service.gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, limit=1, cursor=cursor, source=source, walk=walk)
            items += [i["id"] for i in page["items"]]
            if not (cursor := page["next_cursor"]):
                return page["total"], items

    stored, live = pages("auto"), pages("live")
    assert stored == live and stored[0] == len(stored[1]) > 1


def test_an_export_lists_every_gap_as_the_live_list_does(many_gap_regions):
    """The export reads the summaries' region list too, and passes it to the gap query."""
    graph = many_gap_regions
    listing = gap_export.open_listing(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY)
    with gap_export.stream_gaps(graph, listing, tag="test-many-gap-regions") as regions:
        exported = sorted(item[0] for region in regions for item in region.items)
    total, live = 0, []
    cursor = None
    while True:
        page = service.gaps(graph, metric="household_linkage", region_id="S", as_of=AS_OF, policy=POLICY, limit=100, cursor=cursor, source="live")
        live += [i["id"] for i in page["items"]]
        total = page["total"]
        if not (cursor := page["next_cursor"]):
            break
    assert listing.total == total == len(exported) and exported == sorted(live)
