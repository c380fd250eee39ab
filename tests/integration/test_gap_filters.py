"""Gap lists filtered on the server (issue 14): ``reason``, ``within`` and ``q`` of
``GET /v1/gaps/{metric}``, ``total`` of the filtered list and ``facets`` of the unfiltered one.

The expectations are computed here from the unfiltered list (:func:`service.all_gaps`, paged
with the existing walk) filtered in Python, never read back from the filtered query itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from orgnet.coverage import gap_filters, service
from orgnet.coverage.gap_filters import REASON_CODES, GapFilter, filtered_gaps, reason_codes
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.settings import get_settings

DAY = dt.date(2020, 3, 31)
EARLY = dt.date(2020, 2, 1)
FENGXIAN, PEIXIAN, CITY = "320321", "320322", "320300"
FENGXIAN_TOWN, PEIXIAN_TOWN = "320321-001", "320322-001"  # the latter holds a 刘庄村委会
TOKENS = {"planner": "planner-token", "viewer": "viewer-token"}


@pytest.fixture
def client(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": ",".join(f"{t}:{r}" for r, t in TOKENS.items())})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def planner() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS['planner']}"}


def _all_filtered(graph, *, metric, region, day, gap_filter, personal=True, limit=200):
    items, cursor, pages = [], None, []
    while True:
        page = filtered_gaps(
            graph, metric=metric, region_id=region, as_of=day, policy=default_policy(), gap_filter=gap_filter, limit=limit, cursor=cursor, personal=personal
        )
        pages.append(page)
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items, pages


def _region_ids(item):
    return [p["id"] for p in item["region_path"]]


@pytest.mark.parametrize(("day", "region"), [(EARLY, FENGXIAN_TOWN), (DAY, FENGXIAN)])
def test_facets_and_reason_filter_match_the_unfiltered_list_for_every_metric(xuzhou, day, region):
    """The Cypher reason predicates decide as reason_codes() does, item by item, for every metric."""
    policy = default_policy()
    for m in METRICS:
        everything = service.all_gaps(xuzhou, metric=m.name, region_id=region, as_of=day, policy=policy, personal=True)
        first = filtered_gaps(xuzhou, metric=m.name, region_id=region, as_of=day, policy=policy, limit=5, personal=True)
        depth = len(first["region"]["path"])
        expected_reasons = Counter(c for item in everything for c in reason_codes(m.name, item["details"]))
        assert first["facets"]["reasons"] == {c: expected_reasons[c] for c in REASON_CODES[m.name]}, m.name
        children = Counter(_region_ids(i)[depth] for i in everything if len(i["region_path"]) > depth)
        assert {r["id"]: r["count"] for r in first["facets"]["regions"] if r["count"]} == dict(children), m.name
        assert first["total"] == len(everything) and first["items"] == everything[:5]
        for code in REASON_CODES[m.name]:
            items, _ = _all_filtered(xuzhou, metric=m.name, region=region, day=day, gap_filter=GapFilter(reason=code), limit=500)
            assert [i["id"] for i in items] == [i["id"] for i in everything if code in reason_codes(m.name, i["details"])], (m.name, code)


def test_within_and_q_page_through_exactly_the_matching_items(xuzhou):
    policy = default_policy()
    town = service.all_gaps(xuzhou, metric="household_linkage", region_id=PEIXIAN_TOWN, as_of=EARLY, policy=policy, personal=True)
    items, pages = _all_filtered(xuzhou, metric="household_linkage", region=PEIXIAN, day=EARLY, gap_filter=GapFilter(within=PEIXIAN_TOWN), limit=200)
    assert len(town) > 400 and items == town
    assert {p["total"] for p in pages} == {len(town)}  # carried by the cursor, not recounted
    assert all(p["facets"] == pages[0]["facets"] for p in pages)
    assert next(r["count"] for r in pages[0]["facets"]["regions"] if r["id"] == PEIXIAN_TOWN) == len(town)

    # issue 14: a search for 刘庄 under 沛县 found nothing although 沛县 has gaps under that name
    villages = [r["id"] for r in xuzhou.read("MATCH (v:Village {county_id: $c}) WHERE v.name CONTAINS '刘庄' RETURN v.id AS id ORDER BY id", {"c": PEIXIAN})]
    liuzhuang = sorted(
        (i for v in villages for i in service.all_gaps(xuzhou, metric="household_linkage", region_id=v, as_of=EARLY, policy=policy, personal=True)),
        key=lambda i: i["id"],
    )
    found, pages = _all_filtered(xuzhou, metric="household_linkage", region=PEIXIAN, day=EARLY, gap_filter=GapFilter(q="刘庄"), limit=100)
    assert len(villages) >= 3 and liuzhuang and found == liuzhuang and pages[0]["total"] == len(liuzhuang)
    # every filter at once (the id, matched case-insensitively)
    one_id = liuzhuang[-1]["id"]
    both, _ = _all_filtered(
        xuzhou, metric="household_linkage", region=CITY, day=EARLY, gap_filter=GapFilter(reason="never_linked", within=PEIXIAN, q=one_id.upper())
    )
    assert [i["id"] for i in both] == [one_id]


def test_q_searches_a_name_only_for_callers_who_may_see_it(xuzhou):
    everything = service.all_gaps(xuzhou, metric="household_linkage", region_id=FENGXIAN, as_of=DAY, policy=default_policy(), personal=True)
    named = next(i for i in everything if i["name"] and i["name"] not in i["id"] and all(i["name"] not in p["name"] for p in i["region_path"]))
    seen = filtered_gaps(
        xuzhou, metric="household_linkage", region_id=FENGXIAN, as_of=DAY, policy=default_policy(), gap_filter=GapFilter(q=named["name"]), personal=True
    )
    hidden = filtered_gaps(
        xuzhou, metric="household_linkage", region_id=FENGXIAN, as_of=DAY, policy=default_policy(), gap_filter=GapFilter(q=named["name"]), personal=False
    )
    assert named["id"] in [i["id"] for i in seen["items"]]
    assert hidden["total"] == 0 and hidden["items"] == []


def test_api_filters_totals_facets_and_bounds(client, xuzhou):
    url = "/v1/gaps/household_linkage"
    base = {"region": PEIXIAN, "as_of": EARLY.isoformat(), "limit": 20}
    res = client.get(url, params={**base, "q": "刘庄"}, headers=planner())
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["total"] > 20 and len(body["items"]) == 20 and body["next_cursor"]
    assert set(body["facets"]["reasons"]) == set(REASON_CODES["household_linkage"])
    assert all(any("刘庄" in p["name"] for p in i["region_path"]) for i in body["items"])
    nxt = client.get(url, params={**base, "q": "刘庄", "cursor": body["next_cursor"]}, headers=planner()).json()
    assert nxt["total"] == body["total"] and nxt["items"][0]["id"] > body["items"][-1]["id"]
    # a cursor belongs to its filter, and cannot be altered
    other = client.get(url, params={**base, "q": "王", "cursor": body["next_cursor"]}, headers=planner())
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "cursor"
    altered = body["next_cursor"][:-2] + ("AA" if not body["next_cursor"].endswith("AA") else "BB")
    assert client.get(url, params={**base, "q": "刘庄", "cursor": altered}, headers=planner()).status_code == 422
    # an unfiltered first page carries facets when asked (one pass over the whole list); its cursor is the plain listing's
    assert client.get(url, params=base).json()["facets"] is None
    plain = client.get(url, params={**base, "facets": "true"}).json()
    assert plain["facets"]["regions"] and plain["total"] == sum(plain["facets"]["reasons"].values())
    second = client.get(url, params={**base, "cursor": plain["next_cursor"]})
    assert second.status_code == 200 and second.json()["facets"] is None
    # bounded parameters, each refused by name
    for params, field in (
        ({"reason": "no_such_reason"}, "reason"),
        ({"reason": "DROP"}, "reason"),
        ({"within": FENGXIAN}, "within"),  # a county beside 沛县, not under it
        ({"within": "nowhere"}, "within"),
        ({"q": "x" * 101}, "q"),
    ):
        bad = client.get(url, params={**base, **params})
        assert bad.status_code == 422, (params, bad.text)
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert field in bad.text


def test_deep_filtered_page_reads_from_the_cursor_on(xuzhou):
    """Keyset: a page after the cursor holds only ids above it, and its total is the first page's."""
    gf = GapFilter(within=PEIXIAN_TOWN)
    first = filtered_gaps(xuzhou, metric="household_linkage", region_id=PEIXIAN, as_of=EARLY, policy=default_policy(), gap_filter=gf, limit=50)
    listing = ["household_linkage", PEIXIAN, EARLY.isoformat(), gf.key(), False]
    everything = service.all_gaps(xuzhou, metric="household_linkage", region_id=PEIXIAN_TOWN, as_of=EARLY, policy=default_policy())
    deep_after = everything[-60]["id"]
    cursor = gap_filters.encode_cursor(
        listing, after=deep_after, total=first["total"], facets=[[first["total"], 0], [0] * len(first["facets"]["regions"])], key=None
    )
    deep = filtered_gaps(xuzhou, metric="household_linkage", region_id=PEIXIAN, as_of=EARLY, policy=default_policy(), gap_filter=gf, limit=50, cursor=cursor)
    assert [i["id"] for i in deep["items"]] == [i["id"] for i in everything[-59:-9]]
    assert deep["total"] == first["total"] == len(everything)


# ------------------------------------------------------------------ exports (issue 14)


def _csv_rows(res):
    import csv
    import io

    return list(csv.DictReader(io.StringIO(res.content.decode("utf-8-sig"))))


def test_export_takes_the_filters_and_says_how_many_rows(client, xuzhou):
    """Issue 14: the export ignored the on-screen filter (2 rows shown, 4 exported)."""
    params = {"region": PEIXIAN, "as_of": EARLY.isoformat(), "q": "刘庄"}
    shown = client.get("/v1/gaps/household_linkage", params={**params, "limit": 500}).json()
    res = client.get("/v1/gaps/household_linkage/export", params=params)
    assert res.status_code == 200, res.text
    rows = _csv_rows(res)
    assert sorted(r["id"] for r in rows) == sorted(i["id"] for i in shown["items"])
    assert int(res.headers["x-orgnet-total"]) == shown["total"] == len(rows) and res.headers["x-orgnet-truncated"] == "false"
    bad = client.get("/v1/gaps/household_linkage/export", params={**params, "reason": "no_such_reason"})
    assert bad.status_code == 422 and "reason" in bad.text
    # a reason of another metric is a valid code that no gap of this one has (issue 20 §5: the document
    # listed any code as valid and the code refused it)
    foreign = client.get("/v1/gaps/household_linkage/export", params={**params, "reason": "outside"})
    assert foreign.status_code == 200 and _csv_rows(foreign) == []


def test_zh_export_has_no_english_reason_type_or_header(client, xuzhou):
    import io
    import re

    from openpyxl import load_workbook

    english = re.compile(r"[A-Za-z]{3,}")
    for m in METRICS:
        res = client.get(f"/v1/gaps/{m.name}/export", params={"region": FENGXIAN, "as_of": DAY.isoformat(), "lang": "zh", "format": "xlsx"}, headers=planner())
        assert res.status_code == 200, res.text
        wb = load_workbook(io.BytesIO(res.content), read_only=True)
        assert wb.sheetnames == ["缺口清单", "说明"]  # the sheets' names too (issue 24)
        rows = list(wb["缺口清单"].iter_rows(values_only=True))
        header, body = rows[0], rows[1:]
        assert not any(english.search(h) for h in header)
        for row in body:
            record = dict(zip(header, row, strict=True))
            ids = {record["编号"], *(record["详情"] or "").split()}  # ids (cadre-…, team-…) are no English
            for column in ("类型", "原因", "指标"):
                text = record[column]
                for word in english.findall(re.sub(r"[\w-]*\d[\w-]*", "", text)):
                    assert any(word in i for i in ids), (m.name, column, text)
        about = dict(wb["说明"].iter_rows(values_only=True))
        assert about["导出行数"] == len(body) and about["是否完整"] == "是"
    # a community is a community: 社区, not "Village"
    res = client.get("/v1/gaps/party_org_presence/export", params={"as_of": DAY.isoformat(), "lang": "zh"})
    kinds = {r["类型"] for r in _csv_rows(res)}
    assert kinds <= {"村", "社区"}


def test_a_city_export_of_146k_rows_is_written_whole(client, xuzhou):
    """Issue 14: the list stopped at 5,000 of 146,234 rows without a word; the export cap was 50,000."""
    res = client.get("/v1/gaps/household_linkage/export", params={"as_of": EARLY.isoformat()})
    assert res.status_code == 200
    total = int(res.headers["x-orgnet-total"])
    rows = res.content.decode("utf-8-sig").rstrip("\r\n").split("\r\n")
    assert total > 140_000 and len(rows) - 1 == total
    assert not rows[-1].startswith("#")  # no last line: the file holds exactly X-Orgnet-Total rows


@pytest.mark.parametrize("region, day", [(FENGXIAN, EARLY), (FENGXIAN, DAY), (CITY, DAY)])
def test_the_export_query_holds_exactly_the_gap_list_of_every_metric(xuzhou, region, day):
    """The export reads the list from its own query (one record per region, made from the
    metric's gap query); it holds the items of the paged list, each once, with the same details,
    and its total is their number.  The filtered export holds the list filtered in Python."""
    from orgnet.coverage.gap_export import open_listing, stream_gaps

    for m in METRICS:
        expected = {i["id"]: i for i in service.all_gaps(xuzhou, metric=m.name, region_id=region, as_of=day, policy=default_policy(), personal=True)}
        for gf in (GapFilter(), *(GapFilter(reason=code) for code in REASON_CODES[m.name][:2])):
            listing = open_listing(xuzhou, metric=m.name, region_id=region, as_of=day, policy=default_policy(), gap_filter=gf, personal=True)
            with stream_gaps(xuzhou, listing, tag="test-export") as regions:
                exported = [(r.path, item) for r in regions for item in r.items]
            wanted = {i: g for i, g in expected.items() if gf.matches(g, metric=m.name)}
            ids = [item_id for _, (item_id, _, _) in exported]
            assert sorted(ids) == sorted(wanted) and len(ids) == len(set(ids)) == listing.total, (m.name, region, day, gf)
            for path, (item_id, name, details) in exported:
                assert (path, name, details) == (wanted[item_id]["region_path"], wanted[item_id]["name"], wanted[item_id]["details"]), (m.name, item_id)


def test_gap_json_takes_lang_like_the_export(client, xuzhou):
    """Issue 24: the gap list's reasons in the planner's language, the export's sentences."""
    import re

    params = {"region": FENGXIAN, "as_of": DAY.isoformat(), "limit": 20}
    english = client.get("/v1/gaps/household_linkage", params=params, headers=planner()).json()["items"]
    chinese = client.get("/v1/gaps/household_linkage", params={**params, "lang": "zh"}, headers=planner()).json()["items"]
    assert [i["id"] for i in chinese] == [i["id"] for i in english] and chinese
    for en, zh in zip(english, chinese, strict=True):
        assert zh["reason"] != en["reason"] and not re.search(r"[A-Za-z]{3,}", re.sub(r"[\w-]*\d[\w-]*", "", zh["reason"]))
    # the English list is unchanged by the Chinese one (nothing shared was rewritten)
    assert client.get("/v1/gaps/household_linkage", params=params, headers=planner()).json()["items"] == english


def test_each_facet_counts_the_list_the_other_filters_leave(xuzhou):
    """Issue 24 §8: the 范围 (sub-region) counts ignored the reason filter; each facet now counts the
    list as the other filters narrow it, so a choice shows the count it would give."""
    policy = default_policy()
    narrowed = 0
    for metric in ("household_linkage", "enterprise_pairing", "party_org_presence"):
        everything = service.all_gaps(xuzhou, metric=metric, region_id=FENGXIAN, as_of=DAY, policy=policy, personal=True)
        depth = next(i for i, p in enumerate(everything[0]["region_path"]) if p["id"] == FENGXIAN) + 1
        codes = Counter(c for i in everything for c in reason_codes(metric, i["details"]))
        reasons = {c: codes[c] for c in REASON_CODES[metric]}
        for code in [c for c in codes if codes[c]]:
            page = filtered_gaps(xuzhou, metric=metric, region_id=FENGXIAN, as_of=DAY, policy=policy, gap_filter=GapFilter(reason=code), limit=5, personal=True)
            expected = Counter(_region_ids(i)[depth] for i in everything if code in reason_codes(metric, i["details"]))
            assert {r["id"]: r["count"] for r in page["facets"]["regions"] if r["count"]} == dict(expected), (metric, code)
            assert page["facets"]["reasons"] == reasons  # the reasons' own facet is not narrowed by the reason chosen
            narrowed += len(expected) and sum(expected.values()) < len(everything)
        # a sub-region narrows the reasons' counts, not its own facet
        town = _region_ids(everything[-1])[depth]
        page = filtered_gaps(xuzhou, metric=metric, region_id=FENGXIAN, as_of=DAY, policy=policy, gap_filter=GapFilter(within=town), limit=5, personal=True)
        in_town = Counter(c for i in everything if town in _region_ids(i) for c in reason_codes(metric, i["details"]))
        assert page["facets"]["reasons"] == {c: in_town[c] for c in REASON_CODES[metric]}, metric
        assert {r["id"]: r["count"] for r in page["facets"]["regions"] if r["count"]} == dict(Counter(_region_ids(i)[depth] for i in everything)), metric
    assert narrowed, "no reason filter narrowed a list: the test checks nothing"
