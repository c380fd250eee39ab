"""orgnet on a ``neo4j://`` URI (the routing driver a cluster needs), tested on the local server.

A cluster routes READ transactions to secondaries and followers, which refuse writes and may lag the
leader: every read must run in a READ session, and carry the bookmarks of the writes before it so
that it waits for them (causal consistency).  The local server is one machine, but it answers a
``neo4j://`` driver with a routing table of itself, refuses a write in a READ session as a read
replica would, and accepts the bookmarks: what can be checked here is checked here.
"""

from __future__ import annotations

import neo4j
import pytest
from pydantic import SecretStr

from orgnet.errors import DatabaseError
from orgnet.graph.db import Graph
from orgnet.queries.library import library, run_query

PROBE = "RoutingProbe"  # a label no metric counts: the shared seed's summaries stay fresh


class RecordingBookmarks(neo4j.api.BookmarkManager):
    """The driver's own bookmark manager, remembering what it gave each transaction and was given back."""

    def __init__(self) -> None:
        self.inner = neo4j.GraphDatabase.bookmark_manager()
        self.handed: list[frozenset[str]] = []
        self.committed: list[frozenset[str]] = []

    def update_bookmarks(self, previous_bookmarks, new_bookmarks) -> None:
        self.committed.append(frozenset(new_bookmarks))
        self.inner.update_bookmarks(previous_bookmarks, new_bookmarks)

    def get_bookmarks(self):
        out = self.inner.get_bookmarks()
        self.handed.append(frozenset(out))
        return out


@pytest.fixture
def routed(graph, settings):
    """A Graph on ``neo4j://`` to the suite's server (the tests that read the seed ask for ``xuzhou`` too)."""
    routing = settings.model_copy(
        update={"neo4j_uri": f"neo4j://127.0.0.1:{settings.neo4j_bolt_port}", "neo4j_password": SecretStr(settings.effective_password())}
    )
    graph = Graph.from_settings(routing)
    yield graph
    graph.write(f"MATCH (p:{PROBE}) DELETE p")
    graph.close()


def test_a_neo4j_uri_graph_writes_and_reads_through_the_routing_driver(routed):
    assert isinstance(routed.driver, neo4j.Neo4jDriver) and routed.bookmarks is not None
    routed.write(f"CREATE (:{PROBE} {{id: 'w1'}})")
    assert routed.read(f"MATCH (p:{PROBE}) RETURN p.id AS id") == [{"id": "w1"}]
    assert routed.execute(f"MATCH (p:{PROBE}) RETURN count(p) AS n") == [{"n": 1}]


def test_the_server_refuses_a_write_in_a_read_session_as_a_replica_would(routed):
    # what makes the next test meaningful: a READ session is enforced, not a hint
    with pytest.raises(DatabaseError):
        routed.read(f"CREATE (:{PROBE} {{id: 'refused'}})")
    assert routed.read(f"MATCH (p:{PROBE}) RETURN count(p) AS n") == [{"n": 0}]


def test_every_library_query_is_accepted_in_a_read_session(routed, xuzhou):
    ran = []
    for query in library():
        rows, _ = run_query(routed, query, query.defaults(), max_rows=20)
        ran.append(query.key)
    assert len(ran) == len(library()) and any(k.startswith("timeline/") for k in ran), ran


def test_a_read_after_a_write_waits_for_the_writes_bookmarks_on_every_read_path(routed):
    recording = RecordingBookmarks()
    routed.bookmarks = recording
    routed.write(f"CREATE (:{PROBE} {{id: 'b1'}})")
    written = recording.committed[-1]
    assert written, "a committed write returns a bookmark"

    def next_read_waits_for_the_write(read) -> None:
        recording.handed.clear()
        read()
        assert recording.handed and written <= recording.handed[0], recording.handed

    next_read_waits_for_the_write(lambda: routed.read(f"MATCH (p:{PROBE}) RETURN p.id AS id"))
    # a Graph on the same driver with another timeout (the summaries' refresh makes one)
    timed = Graph(routed.driver, database=routed.database, timeout_s=900.0)
    next_read_waits_for_the_write(lambda: timed.read(f"MATCH (p:{PROBE}) RETURN p.id AS id"))
    # a library query cut at max_rows (the /v1/queries route) opens its own session
    query = library().get("summary/rollup")
    next_read_waits_for_the_write(lambda: run_query(routed, query, query.defaults(), max_rows=5))
    assert routed.read(f"MATCH (p:{PROBE}) RETURN p.id AS id") == [{"id": "b1"}]


def test_the_api_answers_on_a_neo4j_uri(routed, xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    s = settings.model_copy(update={"api_anonymous_viewers": True})
    app = create_app(settings=s, graph=routed)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app) as client:
        for url in (
            "/v1/coverage/household_linkage?as_of=2020-03-31",
            "/v1/hotspots/household_linkage?as_of=2020-03-31&level=town",
            "/v1/regions/320300/scorecard?as_of=2020-03-31",
            "/v1/gaps/household_linkage?as_of=2020-03-31&limit=5",
            "/ready",
        ):
            r = client.get(url)
            assert r.status_code == 200, (url, r.text[:300])
        assert client.get("/v1/coverage/household_linkage?as_of=2020-03-31").json()["region"]["id"] == "320300"
