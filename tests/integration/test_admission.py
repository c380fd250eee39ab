"""Admission control of heavy reads and the cost of unknown tokens, on the demo seed (issue 20 §5).

* 60 anonymous filtered city gap pages all got 504 after 10 s and a cheap ``GET /v1/regions/320321``
  stalled 12.9 s: a read whose cost grows with the data (a filtered or faceted gap page, a library
  query, a people search) now takes a heavy-read slot or is refused at once, and the cheap reads
  take none.
* The same unknown token sent by 64 clients at once cost one Argon2 check each: now one check for
  all of them, and none when it is sent again.

What is asserted is statuses and counts: which requests were admitted, how many checks ran."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from orgnet.accounts import tokens
from orgnet.api.limits import HEAVY_READS, caller_key, get_limiter

EPOCH = "1970-01-01"
PLANNER = "admission-planner-0123456789"
CITY_FILTERED = {"region": "320300", "as_of": EPOCH, "reason": "never_linked", "limit": 5}


@pytest.fixture
def app(xuzhou, settings):
    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    s = settings.model_copy(update={"heavy_read_slots": 3, "heavy_read_slots_per_caller": 2, "api_tokens": f"{PLANNER}:planner"})
    application = create_app(settings=s, graph=xuzhou)
    application.dependency_overrides[get_settings] = lambda: s
    application.state.graph = xuzhou  # the ASGI transport runs no lifespan
    return application


def _holding(app, callers: list[str]) -> contextlib.ExitStack:
    """Heavy-read slots taken by ``callers`` (as requests of theirs would take them)."""
    from starlette.requests import Request

    request = Request({"type": "http", "app": app, "headers": [], "client": ("198.51.100.1", 1)})
    limiter = get_limiter(request, app.state.settings, HEAVY_READS)
    stack = contextlib.ExitStack()
    for caller in callers:
        stack.enter_context(limiter.acquire(caller))
    return stack


def _get(app, path: str, **kwargs) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 5000)), base_url="http://testserver") as client:
            return await client.get(path, timeout=120, **kwargs)

    return asyncio.run(go())


def _post(app, path: str, body: dict) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 5000)), base_url="http://testserver") as client:
            return await client.post(path, json=body, timeout=120)

    return asyncio.run(go())


def test_heavy_reads_are_refused_when_their_slots_are_taken_and_cheap_reads_are_not(app):
    with _holding(app, ["addr:198.51.100.7", "addr:198.51.100.8", "addr:198.51.100.9"]):  # other callers fill the server's slots
        busy = _get(app, "/v1/gaps/household_linkage", params=CITY_FILTERED)
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1, busy.text
        faceted = _get(app, "/v1/gaps/household_linkage", params={"region": "320300", "as_of": EPOCH, "facets": "true", "limit": 1})
        assert faceted.status_code == 503
        library = _post(app, "/v1/queries/gaps/household_linkage", {"region": "320300", "as_of": EPOCH})
        assert library.status_code == 503, library.text
        assert _get(app, "/v1/people", params={"q": "320321"}).status_code == 503  # every person's id and name searched
        # the cheap reads keep their own capacity: no slot, admitted
        assert _get(app, "/v1/regions/320321").status_code == 200
        page = _get(app, "/v1/gaps/household_linkage", params={"region": "320300", "as_of": EPOCH, "limit": 5})
        assert page.status_code == 200 and len(page.json()["items"]) == 5
    admitted = _get(app, "/v1/gaps/household_linkage", params=CITY_FILTERED)
    assert admitted.status_code == 200 and admitted.json()["total"] > 0


def test_one_caller_gets_429_beyond_its_share_of_heavy_reads(app):
    from starlette.requests import Request

    me = caller_key(Request({"type": "http", "headers": [], "client": ("127.0.0.1", 5000)}))
    with _holding(app, [me, me]):
        mine = _get(app, "/v1/gaps/household_linkage", params=CITY_FILTERED)
        assert mine.status_code == 429 and int(mine.headers["retry-after"]) >= 1
        assert _post(app, "/v1/queries/gaps/household_linkage", {"region": "320321", "as_of": EPOCH}).status_code == 429
        theirs = _get(app, "/v1/gaps/household_linkage", params=CITY_FILTERED, headers={"Authorization": f"Bearer {PLANNER}"})
        assert theirs.status_code == 200, theirs.text  # a token is another caller, and the server has a slot left


def test_the_same_unknown_token_from_many_clients_costs_one_argon2_check(app, monkeypatch):
    checks: list[str] = []
    verify = tokens.verify_secret
    monkeypatch.setattr(tokens, "verify_secret", lambda stored, secret: checks.append(secret) or verify(stored, secret))
    unknown = {"Authorization": "Bearer acc-00000000dead." + "s" * 43}

    async def many() -> list[int]:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            at_once = await asyncio.gather(*(client.get("/v1/metrics", headers=unknown, timeout=120) for _ in range(16)))
            again = [await client.get("/v1/metrics", headers=unknown, timeout=120) for _ in range(3)]
        return [r.status_code for r in at_once + again]

    statuses = asyncio.run(many())
    assert statuses == [401] * 19
    assert len(checks) == 1  # 16 at once waited for one check; the 3 later ones were answered from memory
