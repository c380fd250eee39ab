"""Cheap reads answered from bytes: the serialised answer of a route, kept while the summaries it
was computed from stay the same (issue 22).

:mod:`orgnet.coverage.result_cache` already reuses a rollup's *result* (a dict); each request
still copied it, validated it against the route's model and encoded it again.  Here the answer's
bytes are kept, under the same token (the summaries' generation and refresh time, which any orgnet
write or refresh changes: :func:`orgnet.coverage.result_cache.token`), with an ``ETag``: a hit is a
dictionary look-up, no thread, no validation, no encoding, and a client that sends
``If-None-Match`` with the tag gets ``304 Not Modified`` and no body.

A miss (or summaries that are not usable: stale after a write, another policy, changed outside
orgnet) builds the answer in the thread pool, validates it once against the route's model and
encodes it with pydantic's JSON encoder (as FastAPI's own fast path does), then keeps the bytes
when the token allows.  The key is what the route resolved (metric, region, day, the caller's
role and scope where the answer depends on them), never the raw query string.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from orgnet.coverage import result_cache
from orgnet.coverage.policy import Policy
from orgnet.graph.db import Graph

ANSWER_CACHE_BYTES = 32 * 1024 * 1024
"""What the kept answers may weigh (an LRU, in bytes): a city coverage is about 2 kB, a gap page
of 50 items about 30 kB."""


@dataclass(frozen=True)
class Answer:
    body: bytes
    etag: str


answers: LRUCache = LRUCache(maxsize=ANSWER_CACHE_BYTES, getsizeof=lambda a: len(a.body) + 200)
_lock = threading.Lock()
_adapters: dict[Any, TypeAdapter] = {}


def encode(model: Any, result: Any) -> bytes:
    """``result`` validated once against ``model`` and encoded as JSON (UTF-8, by alias)."""
    adapter = _adapters.get(model)
    if adapter is None:
        adapter = _adapters[model] = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(result), by_alias=True)


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _response(request: Request, answer: Answer) -> Response:
    headers = {"ETag": answer.etag, "Cache-Control": "no-cache"}  # a client may keep it, and must ask again (If-None-Match)
    presented = request.headers.get("if-none-match")
    if presented and (answer.etag in presented or presented.strip() == "*"):
        return Response(status_code=304, headers=headers)
    return Response(answer.body, media_type="application/json", headers=headers)


def forget() -> None:
    """Drop every kept answer (tests)."""
    with _lock:
        answers.clear()


def _key(graph: Graph, policy: Policy, token: tuple[Any, ...], what: tuple[Any, ...]) -> tuple[Any, ...]:
    # the whole policy: the token has its fingerprint, which leaves the status thresholds out
    return (graph.database, id(graph.driver), result_cache.policy_identity(policy), token, what)


def _peek(graph: Graph, policy: Policy, metrics: list[str] | None, what: tuple[Any, ...]) -> Answer | None:
    """The kept answer, when it can be known without I/O (the summaries' state in memory and
    current); else None (the caller takes the thread pool)."""
    token = result_cache.known_token(graph, policy=policy, metrics=metrics) if metrics is not None else result_cache.known_epoch(graph, policy=policy)
    if token is None:
        return None
    with _lock:
        return answers.get(_key(graph, policy, token, what))


def _build(graph: Graph, policy: Policy, metrics: list[str] | None, what: tuple[Any, ...], build: Callable[[], Any], model: Any) -> Answer:
    # read before the answer (never newer than it): the summaries' token, or for answers that read no summaries the epoch
    token = result_cache.token(graph, policy=policy, metrics=metrics) if metrics is not None else result_cache.epoch(graph, policy=policy)
    if token is not None:
        with _lock:
            kept = answers.get(_key(graph, policy, token, what))
        if kept is not None:
            return kept
    body = encode(model, build())
    answer = Answer(body, _etag(body))
    if token is not None and len(body) <= ANSWER_CACHE_BYTES // 20:
        with _lock:
            answers[_key(graph, policy, token, what)] = answer
    return answer


def answer_now(
    request: Request, *, graph: Graph, policy: Policy, metrics: list[str] | None, what: tuple[Any, ...], build: Callable[[], Any], model: Any
) -> Response:
    """:func:`answer` for a route that already runs in the thread pool (it queried Neo4j first)."""
    return _response(request, _build(graph, policy, metrics, what, build, model))


async def answer(
    request: Request, *, graph: Graph, policy: Policy, metrics: list[str] | None, what: tuple[Any, ...], build: Callable[[], Any], model: Any
) -> Response:
    """The route's answer: the kept bytes of ``what`` while ``metrics``' summaries are unchanged
    (``metrics`` None: while no write is signalled nor a change found, :func:`result_cache.epoch`),
    else ``build()`` (in the thread pool: it may query Neo4j) validated against ``model``."""
    kept = _peek(graph, policy, metrics, what)
    if kept is None:
        kept = await run_in_threadpool(_build, graph, policy, metrics, what, build, model)
    return _response(request, kept)
