"""Expensive requests on the demo seed (issue 9 items 2, 10; issue 10 items 5, 8): streamed exports
whose row count is the announced total, admission control (429/503 with Retry-After), the time
budget (504, logged with a request id), signed cursors over HTTP, keyset pages whose cost does not
grow with depth, and bounded suggestions."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import logging
import stat
from typing import Any

from fastapi.testclient import TestClient

from orgnet.api.limits import Limiter
from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.graph.db import Graph
from orgnet.graph.values import to_native

EPOCH = dt.date(1970, 1, 1)  # nothing is active yet: every household, member, enterprise ... is a gap
EPOCH_S = EPOCH.isoformat()


def _client(graph: Graph, settings, **changes: Any) -> TestClient:
    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    s = settings.model_copy(update=changes)
    app = create_app(settings=s, graph=graph)
    app.dependency_overrides[get_settings] = lambda: s
    return TestClient(app)


# ----------------------------------------------------------------------------- keyset all the way down


class ProfiledGraph(Graph):
    """The real graph, every read run with PROFILE and its database hits added up."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, database=graph.database, timeout_s=graph.timeout_s)
        self.db_hits = 0

    def read(self, query, params=None, *, timeout_s=None):
        with self.driver.session(database=self.database) as s:
            result = s.run("PROFILE " + query, dict(params or {}))
            rows = [to_native(r.data()) for r in result]
            summary = result.consume()

        def hits(p: dict) -> int:
            return p.get("dbHits", 0) + sum(hits(c) for c in p.get("children", []))

        self.db_hits += hits(summary.profile)
        return rows


def _page_hits(graph: Graph, *, after_index: int | None, walk: bool | None = None) -> tuple[int, dict]:
    ids = [r["id"] for r in graph.read("MATCH (h:Household) RETURN h.id AS id ORDER BY id")]
    cursor = None
    if after_index is not None:  # the cursor the API hands out after the page ending with this id
        cursor = service.encode_cursor(metric="household_linkage", region_id="320300", as_of=EPOCH, after=ids[after_index], total=len(ids))
    pg = ProfiledGraph(graph)
    page = service.gaps(pg, metric="household_linkage", region_id="320300", as_of=EPOCH, policy=default_policy(), limit=50, cursor=cursor, walk=walk)
    return pg.db_hits, page


def test_the_hundredth_page_costs_what_the_first_does(xuzhou):
    first_hits, first = _page_hits(xuzhou, after_index=None)
    deep_hits, deep = _page_hits(xuzhou, after_index=99 * 50 - 1)
    assert first["total"] == deep["total"] == 154_000 and len(first["items"]) == len(deep["items"]) == 50
    assert deep["items"][0]["id"] > first["items"][-1]["id"] and deep["next_cursor"]
    assert deep_hits <= 1.5 * first_hits, (first_hits, deep_hits)
    # and neither reads every household of the city, as the region query does on every page
    region_hits, region_page = _page_hits(xuzhou, after_index=99 * 50 - 1, walk=False)
    assert region_page["items"] == deep["items"]
    assert deep_hits * 10 < region_hits, (deep_hits, region_hits)


def test_the_id_walk_finds_exactly_what_the_region_query_finds(xuzhou):
    """On the day every item is a gap the pages are found by the id walk; they are the region
    query's, item for item (on a day with few gaps both are the region query)."""
    as_of = EPOCH
    policy = default_policy()
    for m in METRICS:
        for region in ("320300", "320321"):
            kw = {"metric": m.name, "region_id": region, "as_of": as_of, "policy": policy, "limit": 40, "personal": True}
            auto, by_region = service.gaps(xuzhou, **kw), service.gaps(xuzhou, walk=False, **kw)
            assert auto["items"] == by_region["items"] and auto["total"] == by_region["total"], (m.name, region)
            if auto["next_cursor"]:
                auto2 = service.gaps(xuzhou, cursor=auto["next_cursor"], **kw)
                region2 = service.gaps(xuzhou, cursor=by_region["next_cursor"], walk=False, **kw)
                assert auto2["items"] == region2["items"], (m.name, region)


# ----------------------------------------------------------------------------- streamed exports


def _town_with_households(graph: Graph, low: int, high: int) -> tuple[str, int]:
    rows = graph.read(
        "MATCH (t:Town) WITH t, COUNT { MATCH (h:Household)-[:LOCATED_IN]->(r:Region) WHERE r.town_id = t.id OR r.id = t.id } AS n "
        "WHERE $low <= n <= $high RETURN t.id AS id, n ORDER BY id LIMIT 1",
        {"low": low, "high": high},
    )
    assert rows, "the demo seed has a town of that size"
    return rows[0]["id"], rows[0]["n"]


def test_csv_export_is_streamed_and_holds_every_row_it_announces(xuzhou, api_client, monkeypatch):
    town, households = _town_with_households(xuzhou, 600, 3000)  # several pages of 500
    from orgnet.api.routes import export as export_route

    running: list[int] = []
    rows_of = export_route.spreadsheets.GapSheet.rows

    def watching(self, path, items):
        running.append(api_client.app.state.expensive_limiter.running)
        return rows_of(self, path, items)

    monkeypatch.setattr(export_route.spreadsheets.GapSheet, "rows", watching)
    r = api_client.get("/v1/gaps/household_linkage/export", params={"region": town, "as_of": EPOCH_S})
    assert r.status_code == 200, r.text
    assert "content-length" not in r.headers  # streamed, not built whole
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert int(r.headers["x-orgnet-total"]) == households == len(rows) and r.headers["x-orgnet-truncated"] == "false"
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) and not any(i.startswith("#") for i in ids)
    # region after region, each region's items in id order
    assert [(row["region id"], row["id"]) for row in rows] == sorted((row["region id"], row["id"]) for row in rows)
    # the slot is held while the rows are written, and free once the response is sent
    assert running and set(running) == {1}
    assert api_client.app.state.expensive_limiter.running == 0


def test_xlsx_export_streams_a_multi_page_list(xuzhou, api_client):
    from openpyxl import load_workbook

    town, households = _town_with_households(xuzhou, 600, 3000)
    r = api_client.get("/v1/gaps/household_linkage/export", params={"region": town, "as_of": EPOCH_S, "format": "xlsx"})
    assert r.status_code == 200 and "content-length" not in r.headers
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    assert sum(1 for _ in wb["gaps"].iter_rows()) - 1 == households == int(r.headers["x-orgnet-total"])
    about = dict(wb["about"].iter_rows(values_only=True))
    assert about["rows exported"] == households and about["complete"] == "yes"


def _csv(r) -> list[str]:
    return r.content.decode("utf-8-sig").rstrip("\r\n").split("\r\n")


def _about(r) -> dict:
    from openpyxl import load_workbook

    return dict(load_workbook(io.BytesIO(r.content), read_only=True)["about"].iter_rows(values_only=True))


def test_an_export_cut_at_the_maximum_says_so_before_and_after_and_promises_nothing_more(xuzhou, graph, settings):
    """Issue 20 §4: `X-Orgnet-Rows` promised 247,344 rows on files cut at 242,500.  The headers
    now state the list's size and the maximum; the file says how many rows it holds."""
    with _client(graph, settings, export_max_rows=1_000) as client:
        r = client.get("/v1/gaps/household_linkage/export", params={"as_of": EPOCH_S})
        lines = _csv(r)
        assert r.status_code == 200 and "x-orgnet-rows" not in r.headers
        assert r.headers["x-orgnet-total"] == "154000" and r.headers["x-orgnet-max-rows"] == "1000" and r.headers["x-orgnet-truncated"] == "true"
        assert len(lines) == 1 + 1_000 + 1 and lines[-1].startswith("# TRUNCATED: this file holds the first 1,000 of 154,000 rows")
        x = client.get("/v1/gaps/household_linkage/export", params={"as_of": EPOCH_S, "format": "xlsx"})
        about = _about(x)
        assert about["rows exported"] == 1_000 and about["uncovered items"] == 154_000 and about["truncated"] == "yes"
        assert about["complete"].startswith("no") and about["most rows per export"] == 1_000


def test_an_export_stopped_by_the_database_says_so_and_no_header_promised_its_rows(xuzhou, graph, settings, monkeypatch, caplog):
    """The query fails after three regions (a timeout mid-stream): the response has started, so
    the file itself says it is short, and how short; the log too."""
    from orgnet.coverage import gap_export
    from orgnet.errors import QueryTimeout

    real = gap_export._regions

    @contextlib.contextmanager
    def failing_after_three(*args, **kwargs):
        with real(*args, **kwargs) as regions:

            def three():
                for i, region in enumerate(regions):
                    if i == 3:
                        raise QueryTimeout("The query exceeded its timeout.")
                    yield region

            yield three()

    monkeypatch.setattr(gap_export, "_regions", failing_after_three)
    with _client(graph, settings) as client, caplog.at_level(logging.WARNING, logger="orgnet.api"):
        r = client.get("/v1/gaps/household_linkage/export", params={"as_of": EPOCH_S})
        x = client.get("/v1/gaps/household_linkage/export", params={"as_of": EPOCH_S, "format": "xlsx"})
    lines = _csv(r)
    rows = len(lines) - 2
    assert r.status_code == 200 and r.headers["x-orgnet-total"] == "154000" and "x-orgnet-rows" not in r.headers
    assert 0 < rows < 154_000 and lines[-1].startswith("# INCOMPLETE: Query timed out after")
    assert f"this file holds {rows:,} rows" in lines[-1]
    about = _about(x)
    assert about["rows exported"] == rows and about["complete"].startswith("no: Query timed out")
    assert sum("ended early" in m for m in caplog.messages) == 2


# ----------------------------------------------------------------------------- admission control and budget


def test_over_the_limit_is_429_then_503_with_retry_after(xuzhou, api_client):
    limiter = Limiter(slots=3, per_caller=1, retry_after_s=9)
    api_client.app.state.expensive_limiter = limiter
    held = limiter.acquire("addr:testclient")  # this client's one slot, held open
    try:
        r = api_client.get("/v1/suggestions/enterprise_pairing", params={"region": "320321", "as_of": "2020-03-31"})
        assert r.status_code == 429 and r.headers["retry-after"] == "9"
        assert r.headers["content-type"] == "application/problem+json" and r.json()["status"] == 429
        held.release()
        others = [limiter.acquire(f"addr:10.0.0.{i}") for i in range(3)]  # the server's every slot
        for path, kw in (("/v1/gaps/household_linkage/export", {}), ("/v1/suggestions/enterprise_pairing", {})):
            r = api_client.get(path, params={"region": "320321", **kw})
            assert r.status_code == 503 and r.headers["retry-after"] == "9", path
        r = api_client.post("/v1/whatif", json={"unavailable": {"cadres": ["c-1"]}})
        assert r.status_code == 503
        for s in others:
            s.release()
        assert api_client.get("/v1/suggestions/enterprise_pairing", params={"region": "320321", "as_of": "2020-03-31"}).status_code == 200
        # cheap reads are never held back
        assert api_client.get("/v1/coverage/household_linkage", params={"as_of": "2020-03-31"}).status_code == 200
    finally:
        held.release()
    assert limiter.running == 0


def test_a_request_over_its_time_budget_is_a_logged_504(xuzhou, graph, settings, caplog):
    with _client(graph, settings, request_budget_s=0.01) as client, caplog.at_level(logging.WARNING, logger="orgnet.api"):
        r = client.get("/v1/suggestions/enterprise_pairing", params={"as_of": EPOCH_S}, headers={"X-Request-Id": "probe-1"})
        gap = client.get("/v1/gaps/household_linkage", params={"as_of": EPOCH_S})
    assert r.status_code == 504 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["title"] == "Request time budget exceeded" and r.headers["x-request-id"] == "probe-1"
    assert gap.status_code == 504
    assert any("/v1/suggestions/enterprise_pairing" in m and "probe-1" in m for m in caplog.messages)


def test_suggestions_at_the_epoch_are_admitted_bounded_and_answered(xuzhou, api_client, monkeypatch):
    r = api_client.get("/v1/suggestions/enterprise_pairing", params={"as_of": EPOCH_S})
    assert r.status_code == 200, r.text
    assert r.json()["needs"] == len(r.json()["suggestions"]) + len(r.json()["unresolvable"])
    from orgnet.coverage import suggestions

    monkeypatch.setattr(suggestions, "MAX_NEEDS", 100)  # a city far bigger than the demo's
    r = api_client.get("/v1/suggestions/enterprise_pairing", params={"as_of": EPOCH_S})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "region"


# ----------------------------------------------------------------------------- signed cursors over HTTP


def test_cursors_are_signed_and_survive_a_restart(xuzhou, graph, settings):
    params = {"as_of": EPOCH_S, "limit": 5}
    with _client(graph, settings) as client:
        first = client.get("/v1/gaps/household_linkage", params=params).json()
        cursor = first["next_cursor"]
        second = client.get("/v1/gaps/household_linkage", params={**params, "cursor": cursor})
        assert second.status_code == 200 and second.json()["total"] == first["total"] == 154_000
        from itsdangerous import URLSafeSerializer

        data = URLSafeSerializer(b"any key").loads_unsafe(cursor)[1]  # what the cursor says, read without its key
        forged_total = URLSafeSerializer(b"not the server's key", salt="orgnet.cursor.gaps").dumps({**data, "t": 10**30})
        unsigned = forged_total.rsplit(".", 1)[0]
        for bad in (forged_total, unsigned, cursor[:-4] + "AAAA"):
            r = client.get("/v1/gaps/household_linkage", params={**params, "cursor": bad})
            assert r.status_code == 422 and r.json()["errors"][0]["field"] == "cursor", r.text
            assert "1000000000000000000000000000000" not in r.text
    assert stat.S_IMODE(settings.cursor_secret_file.stat().st_mode) == 0o600
    with _client(graph, settings) as restarted:  # a new process reads the same stored secret
        again = restarted.get("/v1/gaps/household_linkage", params={**params, "cursor": cursor})
        assert again.status_code == 200 and again.json()["items"] == second.json()["items"]
