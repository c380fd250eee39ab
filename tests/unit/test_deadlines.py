"""The client-side deadline's parts that need no database: the watchdog on real sockets, and the
problem body of a write Neo4j stopped (issue 20 §3)."""

from __future__ import annotations

import socket

from fastapi import FastAPI
from fastapi.testclient import TestClient

from orgnet.api.problems import install_problem_handlers
from orgnet.errors import DatabaseNoAnswer, explain_stopped_write
from orgnet.graph.watchdog import TransactionWatchdog


def test_an_overdue_transaction_ends_every_other_of_its_group_and_no_other():
    now = [0.0]
    dog = TransactionWatchdog(clock=lambda: now[0], thread=False)  # checked by the test, step by step
    pairs = [socket.socketpair() for _ in range(3)]
    try:
        due = dog.watch(lambda: pairs[0][0].shutdown(socket.SHUT_RDWR), ends_at=1.0, group="driver-a")
        patient = dog.watch(lambda: pairs[1][0].shutdown(socket.SHUT_RDWR), ends_at=600.0, group="driver-a")
        elsewhere = dog.watch(lambda: pairs[2][0].shutdown(socket.SHUT_RDWR), ends_at=600.0, group="driver-b")
        assert dog.check() == []  # nothing is due yet
        now[0] = 1.0
        assert set(dog.check()) == {due, patient}
        assert (due.overdue, patient.overdue, patient.fired, elsewhere.fired) == (True, False, True, False)
        assert pairs[0][0].recv(1) == b"" and pairs[1][0].recv(1) == b""  # their waits are over
        pairs[2][1].sendall(b"x")
        assert pairs[2][0].recv(1) == b"x"  # the other driver's connection still works
        for w in (due, patient, elsewhere):
            dog.forget(w)
        assert dog.watched == 0
    finally:
        dog.stop()
        for a, b in pairs:
            a.close()
            b.close()


def test_a_stopped_write_answers_503_with_retry_after_and_says_whether_it_was_written():
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/write")
    def write() -> None:
        raise explain_stopped_write(DatabaseNoAnswer("Neo4j did not answer within 12 s.", retry_after_s=5, commit_unknown=True), keyed=True)

    response = TestClient(app).post("/write")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    body = response.json()
    assert (body["written"], body["retry_safe"], body["title"]) == ("unknown", True, "Database did not answer")
    assert "Retrying with the same Idempotency-Key is safe" in body["detail"]
