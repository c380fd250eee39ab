"""The read path's caches without a database (issue 22): the change signal shared by a machine's
orgnet processes, the summaries' state each worker keeps until a write is signalled or
READ_RECHECK_S passes, and the answers kept as bytes with their ETag."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from orgnet.api import answers
from orgnet.coverage import result_cache
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summary_state import POPULATIONS, policy_fingerprint
from orgnet.graph import changes

POLICY = default_policy()
NAMES = sorted({n for m in METRICS for n in POPULATIONS[m.name]})


class Driver:
    """Stands for a neo4j driver: the caches only key on it."""


class StateGraph:
    """Answers the one query :func:`summary_view` sends: every metric fresh at ``generation``."""

    def __init__(self, generation: int = 1) -> None:
        self.driver, self.database, self.generation, self.reads = Driver(), "neo4j", generation, 0
        self.during_read = None

    def read(self, query, params=None, **kwargs):
        self.reads += 1
        if self.during_read is not None:
            self.during_read()
        counts = list(range(1, len(NAMES) + 1))
        by_name = dict(zip(NAMES, counts, strict=True))
        fp = policy_fingerprint(POLICY)
        states = [
            {
                "id": m.name,
                "population": ";".join(f"{n}={by_name[n]}" for n in sorted(POPULATIONS[m.name])),
                "stale": False,
                "policy": fp,
                "generation": self.generation,
                "computed_at": f"2020-01-01T00:00:0{self.generation % 10}",
            }
            for m in METRICS
        ]
        return [{"states": states, "counts": counts}]


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    result_cache.forget()
    answers.forget()
    now = [1000.0]
    monkeypatch.setattr(result_cache, "clock", lambda: now[0])
    monkeypatch.setattr(result_cache, "RECHECK_S", 1.0)
    yield now
    result_cache.forget()
    answers.forget()


def test_the_summaries_state_is_read_once_until_a_write_is_signalled(clean):
    graph = StateGraph()
    first = result_cache.token(graph, policy=POLICY, metrics=["household_linkage"])
    assert first is not None and graph.reads == 1
    for _ in range(5):
        assert result_cache.token(graph, policy=POLICY, metrics=["household_linkage"]) == first
    assert graph.reads == 1  # no round trip while nothing was written
    graph.generation = 2
    changes.bump(graph.driver)  # an orgnet write (Graph._transaction bumps after every write)
    second = result_cache.token(graph, policy=POLICY, metrics=["household_linkage"])
    assert graph.reads == 2 and second != first


def test_a_change_nobody_signalled_is_seen_after_the_recheck_interval(clean):
    graph = StateGraph()
    first = result_cache.token(graph, policy=POLICY, metrics=["household_linkage"])
    graph.generation = 2  # written from elsewhere: Neo4j Browser, another host
    clean[0] += 0.5
    assert result_cache.token(graph, policy=POLICY, metrics=["household_linkage"]) == first
    assert result_cache.known_token(graph, policy=POLICY, metrics=["household_linkage"]) == first
    clean[0] += 0.6  # past RECHECK_S
    assert result_cache.known_token(graph, policy=POLICY, metrics=["household_linkage"]) is None  # not known without I/O
    assert result_cache.token(graph, policy=POLICY, metrics=["household_linkage"]) != first
    assert graph.reads == 2


def test_a_write_during_the_state_read_is_not_hidden(clean):
    """The signal is read before the state: a write that ends while the state is read (which may
    have missed it) makes the next request read again."""
    graph = StateGraph()
    graph.during_read = lambda: changes.bump(graph.driver)
    result_cache.token(graph, policy=POLICY, metrics=["household_linkage"])
    graph.during_read = None
    result_cache.token(graph, policy=POLICY, metrics=["household_linkage"])
    assert graph.reads == 2


def test_reused_results_cost_no_round_trip_and_are_copies(clean):
    graph = StateGraph()
    computed = []

    def compute(keys):
        computed.append(keys)
        return {"covered": 3, "children": [{"id": "a"}]}

    kw = {"policy": POLICY, "metrics": ["household_linkage"], "source": "auto", "what": ("t",), "compute": compute}
    first = result_cache.reused(graph, **kw)
    again = result_cache.reused(graph, **kw)
    assert again == first and len(computed) == 1 and graph.reads == 1
    again["children"].append({"id": "b"})
    assert result_cache.reused(graph, **kw) == first
    changes.bump(graph.driver)
    graph.generation = 2
    result_cache.reused(graph, **kw)
    assert len(computed) == 2


def test_the_signal_crosses_processes_through_the_shared_file(tmp_path):
    """A bump in another process (another worker, an ``orgnet`` command) changes what this one reads."""
    path = changes.signal_file(tmp_path, "bolt://127.0.0.1:1", "neo4j")
    driver = Driver()
    changes.share(driver, path)
    before = changes.state(driver)
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from orgnet.graph import changes
        class D: pass
        d = D()
        changes.share(d, Path({str(path)!r}))
        changes.bump(d)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert changes.state(driver) != before
    assert changes.signal_file(tmp_path, "bolt://127.0.0.1:1", "other") != path  # another database: its own signal


def test_a_full_signal_file_is_replaced_and_still_reads_as_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(changes, "ROTATE_BYTES", 3)
    driver = Driver()
    changes.share(driver, tmp_path / "signal")
    seen = {changes.state(driver)}
    for _ in range(7):
        changes.bump(driver)
        state = changes.state(driver)
        assert state not in seen
        seen.add(state)
    assert (tmp_path / "signal").stat().st_size < 3


class Out(BaseModel):
    n: int
    name: str


def _request(headers: dict[str, str] | None = None) -> Request:
    return Request({"type": "http", "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]})


def test_an_answer_is_validated_once_encoded_once_and_kept_with_its_etag(clean):
    graph = StateGraph()
    built = []

    def build():
        built.append(1)
        return {"n": 1, "name": "徐州"}

    kw = {"graph": graph, "policy": POLICY, "metrics": ["household_linkage"], "what": ("x", 1), "build": build, "model": Out}
    first = answers.answer_now(_request(), **kw)
    assert first.status_code == 200 and first.body == '{"n":1,"name":"徐州"}'.encode()
    again = answers.answer_now(_request(), **kw)
    assert again.body == first.body and len(built) == 1 and graph.reads == 1
    etag = first.headers["etag"]
    assert answers.answer_now(_request({"If-None-Match": etag}), **kw).status_code == 304
    assert answers.answer_now(_request({"If-None-Match": '"other"'}), **kw).status_code == 200
    changes.bump(graph.driver)
    graph.generation = 2  # the summaries were refreshed: the answer is built again
    assert answers.answer_now(_request({"If-None-Match": etag}), **kw).status_code in (200, 304)
    assert len(built) == 2


def test_answers_are_not_kept_while_the_summaries_are_not_usable(clean):
    graph = StateGraph()
    graph.generation = 1
    real = graph.read

    def stale(query, params=None, **kwargs):
        row = real(query, params, **kwargs)
        for s in row[0]["states"]:
            s["stale"] = True
        return row

    graph.read = stale
    built = []
    kw = {
        "graph": graph,
        "policy": POLICY,
        "metrics": ["household_linkage"],
        "what": ("x",),
        "build": lambda: built.append(1) or {"n": 2, "name": "a"},
        "model": Out,
    }
    answers.answer_now(_request(), **kw)
    answers.answer_now(_request(), **kw)
    assert len(built) == 2


def test_an_invalid_answer_is_refused_not_kept(clean):
    graph = StateGraph()
    with pytest.raises(ValidationError):
        answers.answer_now(_request(), graph=graph, policy=POLICY, metrics=["household_linkage"], what=("bad",), build=lambda: {"n": "x"}, model=Out)
    assert len(answers.answers) == 0


def test_a_fact_every_read_checks_is_read_again_only_after_a_write_or_the_interval(clean):
    graph = StateGraph()
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert [result_cache.while_unchanged(graph, ("fact", "a"), read) for _ in range(3)] == [1, 1, 1]
    changes.bump(graph.driver)
    assert result_cache.while_unchanged(graph, ("fact", "a"), read) == 2
    clean[0] += result_cache.RECHECK_S
    assert result_cache.while_unchanged(graph, ("fact", "a"), read) == 3
    assert result_cache.while_unchanged(graph, ("fact", "b"), read) == 4  # another fact: its own


def test_answers_that_read_no_summaries_last_until_a_write_or_a_change_found(clean):
    """A region or its children (metrics None): kept across re-checks that find the same state, dropped
    at a write signalled or when a re-check finds the summaries' state changed (outside orgnet)."""
    graph = StateGraph()
    built = []
    kw = {
        "graph": graph,
        "policy": POLICY,
        "metrics": None,
        "what": ("region", "r"),
        "build": lambda: built.append(1) or {"n": len(built), "name": "r"},
        "model": Out,
    }
    assert answers.answer_now(_request(), **kw).body == b'{"n":1,"name":"r"}'
    clean[0] += 5 * result_cache.RECHECK_S  # re-checked: the same state
    assert answers.answer_now(_request(), **kw).body == b'{"n":1,"name":"r"}' and graph.reads == 2
    graph.generation = 2  # changed outside orgnet: found by the next re-check
    clean[0] += result_cache.RECHECK_S
    assert answers.answer_now(_request(), **kw).body == b'{"n":2,"name":"r"}'
    changes.bump(graph.driver)
    assert answers.answer_now(_request(), **kw).body == b'{"n":3,"name":"r"}'
