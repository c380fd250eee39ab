"""Results reused while the summaries they come from stay the same: an in-process LRU keyed by
the request and the summaries' state, so that no number outlives a write or a refresh."""

from __future__ import annotations

import copy
import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from cachetools import LRUCache

from orgnet.coverage.policy import Policy
from orgnet.coverage.stored_or_live import Source
from orgnet.coverage.summary_state import SummaryView, summary_view
from orgnet.graph import changes
from orgnet.graph.db import Graph

RECHECK_S = 1.0
"""How long a worker trusts the summaries' state it read without a write signalled
(:mod:`orgnet.graph.changes`): a write orgnet makes on this machine is seen at once, one from
elsewhere (another host, Neo4j Browser) within this long (``READ_RECHECK_S``, set by the app)."""
clock: Callable[[], float] = time.monotonic
"""The clock of :data:`RECHECK_S` (tests move it)."""

RESULT_CACHE_ROWS = 20_000
"""How much the reused results may hold (an LRU), in rows: a result weighs one plus its child,
metric and item rows (a city coverage 11, a gap page of 50 items 51), so memory stays bounded
(about 20 MB at most) whatever is asked."""
REUSED_GAP_PAGE_MAX = 100
"""Gap pages larger than this are not kept (exports page through 500 at a time: they would push
every cheap read out of the LRU and gain nothing)."""


def _rows(result: Any) -> int:
    if not isinstance(result, dict):
        return 1
    return 1 + sum(len(result.get(k) or ()) for k in ("children", "metrics", "items"))


cached_results: LRUCache = LRUCache(maxsize=RESULT_CACHE_ROWS, getsizeof=_rows)
_results_lock = threading.Lock()
T = TypeVar("T")


def reused(
    graph: Graph,
    *,
    policy: Policy,
    metrics: list[str],
    source: Source,
    what: tuple[Any, ...],
    compute: Callable[[Mapping[str, str] | None], T],
    keep: bool = True,
) -> T:
    """``compute(keys)``, or the result it gave before for the same ``what`` while the summaries of
    ``metrics`` have not changed.

    One round trip (:func:`~orgnet.coverage.summary_state.summary_view`) reads every metric's state and
    population, and gives ``compute`` the ``policy`` value of the ``summary/*`` queries, so that no
    metric costs a round trip of its own; that state is itself kept by :func:`current_view` until a
    write is signalled (or for :data:`RECHECK_S`), so a reused result costs no round trip at all
    (issue 22).  A result is reused only while every metric it depends on
    is usable (fresh, this policy, population unchanged) with the same generation and refresh time:
    any orgnet write makes them stale (then nothing is reused and the live queries run) and every
    refresh gives them a new refresh time, so a number is never served from before a write or a
    refresh.  Edits outside orgnet that change only properties are not seen, as by the summaries
    themselves (``orgnet summaries refresh`` after them).
    """
    if source == "live":
        return compute(None)
    view = current_view(graph, policy=policy)
    token = view.token(metrics)
    if token is None or not keep:
        return compute(view.keys)
    key = (graph.database, id(graph.driver), policy_identity(policy), what, token)
    with _results_lock:
        hit = cached_results.get(key)
    if hit is not None:
        return copy.deepcopy(hit)
    result = compute(view.keys)
    if _rows(result) <= RESULT_CACHE_ROWS // 10:
        with _results_lock:
            cached_results[key] = copy.deepcopy(result)
    return result


_views: dict[tuple[Any, ...], tuple[tuple[Any, ...], float, SummaryView, tuple[Any, ...]]] = {}
_views_lock = threading.Lock()


def _content(view: SummaryView) -> tuple[Any, ...]:
    return (tuple(sorted(view.keys.items())), tuple(sorted(view.tokens.items())))


def current_view(graph: Graph, *, policy: Policy) -> SummaryView:
    """The summaries' state (:func:`~orgnet.coverage.summary_state.summary_view`) as last read by
    this process, read again only when a write was signalled since (:func:`orgnet.graph.changes.state`,
    one ``stat``) or it is older than :data:`RECHECK_S`: most requests cost no round trip.

    The signal is read *before* the state: a write that ends while the state is being read leaves
    a signal the next request sees as new, so a state from before a write is never kept past it."""
    key = (graph.database, id(graph.driver), policy_identity(policy))
    signal = changes.state(graph.driver)
    now = clock()
    with _views_lock:
        kept = _views.get(key)
    if kept is not None and kept[0] == signal and now - kept[1] < RECHECK_S:
        return kept[2]
    view = summary_view(graph, policy=policy)
    content = _content(view)
    with _views_lock:
        if len(_views) > 64:  # a driver per test: keep the table small
            _views.clear()
        # the epoch (see epoch()) survives a re-check that finds the same state
        same = kept is not None and kept[0] == signal and kept[3][1] == content
        _views[key] = (signal, now, view, kept[3] if same else (signal, content))
    return view


def epoch(graph: Graph, *, policy: Policy) -> tuple[Any, ...]:
    """What changes with every write signalled (:mod:`orgnet.graph.changes`) and whenever the
    periodic re-check finds the summaries' state changed (a change outside orgnet): for answers
    that depend on the graph but on no metric's summaries (a region, its children).  Like the
    summaries, an edit outside orgnet that only changes properties is not seen."""
    current_view(graph, policy=policy)
    with _views_lock:
        return _views[(graph.database, id(graph.driver), policy_identity(policy))][3]


def _kept_if_current(graph: Graph, *, policy: Policy) -> tuple[Any, ...] | None:
    """The state :func:`current_view` keeps, if it is still current without I/O (no write
    signalled since, younger than :data:`RECHECK_S`); else None."""
    with _views_lock:
        kept = _views.get((graph.database, id(graph.driver), policy_identity(policy)))
    if kept is None or kept[0] != changes.state(graph.driver) or clock() - kept[1] >= RECHECK_S:
        return None
    return kept


def known_epoch(graph: Graph, *, policy: Policy) -> tuple[Any, ...] | None:
    """:func:`epoch` when it is known without I/O; else None."""
    kept = _kept_if_current(graph, policy=policy)
    return None if kept is None else kept[3]


def token(graph: Graph, *, policy: Policy, metrics: list[str]) -> tuple[Any, ...] | None:
    """What identifies the content of ``metrics``' summaries now (None: not usable, nothing may be
    reused), as :func:`reused` keys results: for caches of answers built from them."""
    return current_view(graph, policy=policy).token(metrics)


def known_token(graph: Graph, *, policy: Policy, metrics: list[str]) -> tuple[Any, ...] | None:
    """:func:`token` when it is known without I/O (the state kept is current: no write signalled,
    younger than :data:`RECHECK_S`); else None (ask :func:`token`, which may read Neo4j)."""
    kept = _kept_if_current(graph, policy=policy)
    return None if kept is None else kept[2].token(metrics)


_facts: dict[tuple[Any, ...], tuple[tuple[Any, ...], float, Any]] = {}


def while_unchanged(graph: Graph, what: tuple[Any, ...], read: Callable[[], T]) -> T:
    """``read()``, kept by this process as :func:`current_view` keeps the summaries' state: until a
    write is signalled or :data:`RECHECK_S` has passed.  For small facts every cheap read checks (a
    region received through the exchange); ``read`` must return an immutable value."""
    key = (graph.database, id(graph.driver), *what)
    signal = changes.state(graph.driver)
    now = clock()
    with _views_lock:
        kept = _facts.get(key)
    if kept is not None and kept[0] == signal and now - kept[1] < RECHECK_S:
        return kept[2]
    value = read()
    with _views_lock:
        if len(_facts) > 10_000:
            _facts.clear()
        _facts[key] = (signal, now, value)
    return value


def forget() -> None:
    """Drop every reused result and summaries' state kept by this process (tests)."""
    with _results_lock:
        cached_results.clear()
    with _views_lock:
        _views.clear()
        _facts.clear()


_identities: dict[int, tuple[Policy, str]] = {}


def policy_identity(policy: Policy) -> str:
    """The whole policy (status thresholds too, which the summaries' fingerprint leaves out);
    remembered per policy object (the app keeps one until its file changes)."""
    kept = _identities.get(id(policy))
    if kept is not None and kept[0] is policy:
        return kept[1]
    identity = hashlib.sha256(policy.model_dump_json().encode()).hexdigest()
    if len(_identities) > 64:
        _identities.clear()
    _identities[id(policy)] = (policy, identity)
    return identity
