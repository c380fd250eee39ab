"""Every transaction has a client-side deadline, even when Neo4j does not answer (issue 20 §3).

The test Neo4j is frozen for real (SIGSTOP of its JVM; :func:`thawed_after` always sends SIGCONT).
Each graph here has its own driver with short timeouts, so the session's graph (and its health
state) is never touched.  A call that must end by its deadline runs in a thread joined for its
deadline plus a slack (:func:`ended_within`): the join timing out is the failure, as an HTTP
client's timeout would be; nothing asserts on elapsed time.
"""

from __future__ import annotations

import copy
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from orgnet.errors import DatabaseDown, DatabaseNoAnswer
from orgnet.graph.db import DatabaseHealth, Graph, create_driver
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle
from orgnet.graph.watchdog import shut_socket_of
from orgnet.settings import Settings
from orgnet.writes import workflow
from orgnet.writes.idempotency import fingerprint

from .test_import import SMALL

pytestmark = pytest.mark.faults

TIMEOUT_S, MARGIN_S = 1.0, 0.5
SLACK_S = 5.0
"""What a loaded shared machine may add to a deadline (thread scheduling, the watchdog's tick)."""
AUTHOR = workflow.Author(path="api", account="deadline-test")
HOUSEHOLD = {"id": "h-deadline", "name": "期限户", "region_id": "X-1-1-1"}


def short(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"query_timeout_s": TIMEOUT_S, "write_timeout_s": TIMEOUT_S, "neo4j_answer_margin_s": MARGIN_S, "neo4j_down_retry_s": 1.0}
    )


def server_pid(settings: Settings) -> int:
    if not settings.uses_local_server:
        pytest.skip("freezing needs the local test server's process (ORGNET_TEST_NEO4J_URI is set)")
    from orgnet.graph.local_server import LocalServer

    pid = LocalServer(settings).status().pid
    assert pid is not None
    return pid


def freeze(pid: int) -> None:
    """SIGSTOP ``pid`` and return once every one of its threads has stopped: the signal is delivered
    thread by thread, and on a loaded machine a Bolt worker could still answer a request sent at once
    (a CI run saw `RETURN 2` answered right after the kill)."""
    os.kill(pid, signal.SIGSTOP)
    give_up = time.monotonic() + 30  # a bounded wait for the kernel, not a timing assertion
    while True:
        states = []
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                stat = open(f"/proc/{pid}/task/{task}/stat").read()  # noqa: SIM115, PTH123 - a one-line read
            except FileNotFoundError:  # the thread ended meanwhile
                continue
            states.append(stat.rsplit(")", 1)[1].split()[0])
        if all(state in "Tt" for state in states):
            return
        assert time.monotonic() < give_up, f"Neo4j's threads did not all stop: {states}"
        time.sleep(0.01)


@contextmanager
def thawed_after(pid: int) -> Iterator[None]:
    """Whatever happens inside (a freeze, a failed assertion), Neo4j runs again after it."""
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def ended_within(seconds: float, call: Callable[[], Any]) -> Any:
    """``call()``'s result, or the exception it raised, provided it ended within ``seconds``."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as e:  # noqa: BLE001 - returned to the test, which checks it
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"the call did not end within {seconds:g} s: its deadline did not hold"
    return outcome[0]


def answered(graph: Graph, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows once Neo4j answers again (while it is marked down, calls are refused until one tries)."""
    give_up = time.monotonic() + 60  # a bounded wait for the thaw, not a timing assertion
    while True:
        try:
            return graph.read(query, params)
        except DatabaseDown:
            if time.monotonic() > give_up:
                raise
            time.sleep(0.2)


def test_the_watchdog_reaches_the_socket_of_a_session_connection(graph, settings):
    """The driver offers no public way to abandon a transaction: the watchdog reaches the session's
    connection through the driver's attributes.  A driver upgrade that moves them fails here."""
    own = Graph.from_settings(settings)
    try:
        with own.driver.session(database=own.database) as session:
            tx = session.begin_transaction()
            tx.run("RETURN 1").consume()
            shut_socket_of(session)
            with pytest.raises((ServiceUnavailable, SessionExpired)):
                tx.run("RETURN 2").consume()
        assert own.read("RETURN $k AS k", {"k": 3}) == [{"k": 3}]  # the dead connection was not pooled
    finally:
        own.close()


def test_a_read_neo4j_does_not_answer_ends_at_its_deadline_and_marks_neo4j_down(graph, settings):
    pid = server_pid(settings)
    own = Graph.from_settings(short(settings))
    try:
        assert own.read("RETURN 1 AS x") == [{"x": 1}]  # a pooled connection, open and idle
        with thawed_after(pid):
            freeze(pid)
            # before: the driver waited on the open connection for as long as Neo4j was frozen
            stopped = ended_within(TIMEOUT_S + MARGIN_S + SLACK_S, lambda: own.read("RETURN 2 AS x"))
            assert isinstance(stopped, DatabaseNoAnswer), stopped
            assert stopped.retry_after_s >= 1 and "did not answer within 1.5 s" in stopped.detail
            assert own.health.known_down
            # the next call is not even tried: a fast 503, not another wait for a deadline
            refused = ended_within(SLACK_S, lambda: own.read("RETURN 3 AS x"))
            assert isinstance(refused, DatabaseDown) and "not tried" in refused.detail
        assert answered(own, "RETURN 4 AS x") == [{"x": 4}]  # back once Neo4j answers again
        assert not own.health.known_down
        # every answer is its own query's: no connection given up mid-transaction went back to the pool
        assert [own.read("RETURN $k AS k", {"k": k}) for k in range(20)] == [[{"k": k}] for k in range(20)]
    finally:
        own.close()


def test_the_first_transaction_given_up_ends_the_others_waiting_on_the_same_neo4j(graph, settings):
    """A transaction with a long timeout (a summaries refresh, an export) waiting on a frozen Neo4j
    ends when a short one finds Neo4j not answering, not at its own deadline a minute later."""
    pid = server_pid(settings)
    own = Graph.from_settings(short(settings))
    patient = Graph(own.driver, database=own.database, timeout_s=60.0)  # the same driver: the same health
    assert patient.health is own.health
    inside, frozen = threading.Event(), threading.Event()

    def long_read(tx: Any) -> Any:
        tx.run("RETURN 1").consume()
        inside.set()  # in its transaction, on its connection
        frozen.wait()
        return tx.run("RETURN 2 AS x").data()

    results: dict[str, Any] = {}
    long_one = threading.Thread(target=lambda: results.update(long=ended_within(TIMEOUT_S + MARGIN_S + 2 * SLACK_S, lambda: patient.read_with(long_read))))
    try:
        with thawed_after(pid):
            long_one.start()
            assert inside.wait(30)
            freeze(pid)
            frozen.set()
            # the short read opens a connection of its own: the frozen server never completes the handshake
            results["short"] = ended_within(TIMEOUT_S + MARGIN_S + SLACK_S, lambda: own.read("RETURN 3 AS x"))
            long_one.join()
        assert isinstance(results["short"], DatabaseNoAnswer) and "did not answer within" in results["short"].detail
        assert isinstance(results["long"], DatabaseNoAnswer) and "another transaction got no answer" in results["long"].detail
        assert answered(own, "RETURN 4 AS x") == [{"x": 4}]
    finally:
        frozen.set()
        own.close()


def small_graph(empty_graph) -> None:
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(SMALL)), batch_size=100)


def households(graph: Graph, household_id: str) -> int:
    return graph.read("MATCH (h:Household {id: $id}) RETURN count(h) AS n", {"id": household_id})[0]["n"]


def test_a_write_stopped_before_its_commit_says_nothing_was_written(empty_graph, settings):
    pid = server_pid(settings)
    small_graph(empty_graph)
    own = Graph.from_settings(short(settings))
    idem = workflow.Idempotency(key="deadline:before-commit", fingerprint=fingerprint("POST", "/v1/records/households", HOUSEHOLD))
    try:
        assert own.read("RETURN 1 AS x") == [{"x": 1}]
        with thawed_after(pid):
            freeze(pid)
            stopped = ended_within(
                2 * (TIMEOUT_S + MARGIN_S) + SLACK_S,
                lambda: workflow.create_record(own, section="households", data=dict(HOUSEHOLD), author=AUTHOR, policy=None, idem=idem),
            )
        assert isinstance(stopped, DatabaseNoAnswer), stopped
        assert stopped.members == {"written": "no", "retry_safe": True} and "Nothing was written" in stopped.detail
        assert answered(empty_graph, "RETURN 1 AS x") and households(empty_graph, HOUSEHOLD["id"]) == 0
    finally:
        own.close()


class FreezingAtCommit(Graph):
    """The real graph, but Neo4j is frozen between a write's last statement and its COMMIT."""

    pid = 0

    def transact(self, work: Callable[[Any], Any]) -> Any:
        def then_freeze(tx: Any) -> Any:
            result = work(tx)
            freeze(self.pid)
            return result

        return super().transact(then_freeze)


def test_a_write_whose_commit_got_no_answer_may_be_written_and_a_retry_with_its_key_writes_it_once(empty_graph, settings):
    pid = server_pid(settings)
    small_graph(empty_graph)
    quick = short(settings)
    # the write's statements run before the freeze, and must not meet their deadline on a busy machine
    write_timeout_s = 10.0
    freezing = FreezingAtCommit(
        create_driver(quick),
        database=quick.neo4j_database,
        timeout_s=TIMEOUT_S,
        write_timeout_s=write_timeout_s,
        health=DatabaseHealth(retry_s=1.0, answer_margin_s=MARGIN_S),
    )
    freezing.pid = pid
    idem = workflow.Idempotency(key="deadline:at-commit", fingerprint=fingerprint("POST", "/v1/records/households", HOUSEHOLD))

    def create(graph: Graph) -> Any:
        return workflow.create_record(graph, section="households", data=dict(HOUSEHOLD), author=AUTHOR, policy=None, idem=idem)

    try:
        with thawed_after(pid):
            stopped = ended_within(write_timeout_s + MARGIN_S + SLACK_S, lambda: create(freezing))
        assert isinstance(stopped, DatabaseNoAnswer) and stopped.commit_unknown, stopped
        assert stopped.members == {"written": "unknown", "retry_safe": True}
        assert "may or may not be written" in stopped.detail and "same Idempotency-Key is safe" in stopped.detail
        # Neo4j decides once it runs again (the COMMIT was in its socket buffer): either way, the
        # retry with the same key leaves exactly one household
        again = create(empty_graph)
        assert again.status == 201 and again.body["id"] == HOUSEHOLD["id"]
        assert households(empty_graph, HOUSEHOLD["id"]) == 1
    finally:
        freezing.close()
