"""Issue 20 §2 under concurrency: two writers of overlapping assignments of the same pair at the same
moment get exactly one 201 and one 409, and one assignment is written (the overlap check locks the
pair's anchor node inside the write's transaction: orgnet/writes/references.py)."""

from __future__ import annotations

import copy
import threading

import pytest

from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle

from .test_write_integrity import GRAPH
from .test_writes import CITY_PLANNER, client_as

ROUNDS = 6


@pytest.fixture
def small(empty_graph):
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(GRAPH)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    return empty_graph


def _links(graph) -> list[str]:
    rows = graph.read("MATCH (:PartyMember {id: 'm-x2'})-[l:LINKS]->(:Household {id: 'h-x2'}) RETURN toString(l.since) AS since ORDER BY since")
    return [r["since"] for r in rows]


def _race(clients, links: list[dict]) -> dict[int, object]:
    """Both links POSTed at once, each by its own client; the answers by index."""
    barrier = threading.Barrier(2)
    answers: dict[int, object] = {}

    def post(i: int) -> None:
        barrier.wait()
        answers[i] = clients[i].post("/v1/records/household_links", json=links[i])

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return answers


def test_two_concurrent_overlapping_links_of_one_pair_give_one_201_and_one_409(small, settings):
    before = _links(small)
    clients = [client_as(small, settings, CITY_PLANNER) for _ in range(2)]
    for c in clients:
        c.__enter__()
    try:
        for month in range(1, ROUNDS + 1):  # each round a period of its own: later rounds overlap nothing earlier
            links = [
                {"member_id": "m-x2", "household_id": "h-x2", "since": f"2021-{month:02d}-01", "until": f"2021-{month:02d}-20"},
                {"member_id": "m-x2", "household_id": "h-x2", "since": f"2021-{month:02d}-05", "until": f"2021-{month:02d}-25"},
            ]
            answers = _race(clients, links)
            codes = sorted(a.status_code for a in answers.values())
            assert codes == [201, 409], [a.text for a in answers.values()]
            (won,) = [i for i, a in answers.items() if a.status_code == 201]
            refused = answers[1 - won].json()
            assert refused["errors"][0]["active"] == f"m-x2~h-x2~{links[won]['since']}", refused
    finally:
        for c in clients:
            c.__exit__(None, None, None)
    added = [s for s in _links(small) if s not in before]
    assert len(added) == ROUNDS and len({s[:7] for s in added}) == ROUNDS, added  # one link a round, nothing written twice
