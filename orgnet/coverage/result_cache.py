"""Results reused while the summaries they come from stay the same: an in-process LRU keyed by
the request and the summaries' state, so that no number outlives a write or a refresh."""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from cachetools import LRUCache

from orgnet.coverage.policy import Policy
from orgnet.coverage.stored_or_live import Source
from orgnet.coverage.summary_state import summary_view
from orgnet.graph.db import Graph

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
    metric costs a round trip of its own.  A result is reused only while every metric it depends on
    is usable (fresh, this policy, population unchanged) with the same generation and refresh time:
    any orgnet write makes them stale (then nothing is reused and the live queries run) and every
    refresh gives them a new refresh time, so a number is never served from before a write or a
    refresh.  Edits outside orgnet that change only properties are not seen, as by the summaries
    themselves (``orgnet summaries refresh`` after them).
    """
    if source == "live":
        return compute(None)
    view = summary_view(graph, policy=policy)
    token = view.token(metrics)
    if token is None or not keep:
        return compute(view.keys)
    key = (graph.database, id(graph.driver), _policy_identity(policy), what, token)
    with _results_lock:
        hit = cached_results.get(key)
    if hit is not None:
        return copy.deepcopy(hit)
    result = compute(view.keys)
    if _rows(result) <= RESULT_CACHE_ROWS // 10:
        with _results_lock:
            cached_results[key] = copy.deepcopy(result)
    return result


def _policy_identity(policy: Policy) -> str:
    """The whole policy (status thresholds too, which the summaries' fingerprint leaves out)."""
    return hashlib.sha256(policy.model_dump_json().encode()).hexdigest()
