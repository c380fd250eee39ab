"""The planner dashboard in a real browser, on the demo seed (planted gaps: orgnet/seed/PLANTED.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from orgnet.seed.generator import DEFAULT_TODAY, planted_cases

FENGXIAN = "320321"
DAY = DEFAULT_TODAY.isoformat()  # the scenario's day: planted "ended yesterday" cases are gaps on it


@pytest.fixture(scope="module")
def planted() -> dict[str, dict[str, str]]:
    return planted_cases(2020, "demo")


@pytest.fixture
def orgless_in_fengxian(planted) -> list[str]:
    ids = sorted(i for i in planted["party_org_presence"] if i.startswith(FENGXIAN + "-"))
    assert ids, "the seed plants villages without a party organisation in 丰县"
    return ids


def open_at(page, base: str, region: str | None = None, day: str = DAY):
    page.goto(f"{base}/#/r/{region}?d={day}" if region else f"{base}/")
    expect(page.locator("#region-name")).not_to_have_text("…")
    return page


def wait_gaps(page):
    """Until the gap list has finished loading (the summary holds the total, no 'loaded … of …')."""
    expect(page.locator("#gaps-summary")).to_contain_text(" ")
    # the summary names its day now: a count is a number that is not part of the date
    page.wait_for_function(
        "() => { const s = document.querySelector('#gaps-summary').textContent.replace(/\\d{4}-\\d{2}-\\d{2}/g, ''); return /\\d/.test(s) && !/loaded|已加载/.test(s); }"
    )


def gap_ids(page) -> list[str]:
    return page.locator("#gaps-body tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")


def test_drill_down_from_the_city_to_a_village_shows_the_planted_gap(live_server, xuzhou, new_page, orgless_in_fengxian):
    village = orgless_in_fengxian[0]
    town = village.rsplit("-", 1)[0]
    page = new_page()
    page.goto(f"{live_server}/")
    # the city root is found without being told, and the as_of picker sets the day
    expect(page.locator("#breadcrumbs li")).to_have_count(1)
    page.fill("#as-of", DAY)
    page.locator("#as-of").press("Enter")  # a typed day counts once entered (the field is ISO text)
    expect(page).to_have_url(f"{live_server}/#/r/320300?d={DAY}")
    # party organisation presence is the default metric; the chart lists the counties
    page.locator(f'#children button[data-region-id="{FENGXIAN}"]').click()
    expect(page.locator("#region-name")).to_have_text("丰县")
    expect(page.locator("#breadcrumbs")).to_contain_text("徐州市")
    wait_gaps(page)
    assert gap_ids(page) == orgless_in_fengxian
    # drill down to the town, then to the village, through the chart
    page.locator(f'#children button[data-region-id="{town}"]').click()
    expect(page.locator("#breadcrumbs li")).to_have_count(3)
    page.locator(f'#children button[data-region-id="{village}"]').click()
    expect(page.locator("#breadcrumbs li")).to_have_count(4)
    expect(page.locator("#breadcrumbs a[aria-current=page]")).to_have_attribute("href", f"#/r/{village}?d={DAY}")
    wait_gaps(page)
    assert gap_ids(page) == [village]
    row = page.locator(f'#gaps-body tr[data-id="{village}"]')
    expect(row).to_contain_text("No party organisation is located in this")
    # the scorecard of the village: nothing organised there, coloured "bad"
    card = page.locator('#scorecard .card[data-metric="party_org_presence"]')
    expect(card).to_have_class(re.compile(r"\bstatus-bad\b"))
    expect(card).to_contain_text("1 uncovered")
    # the tree followed: the village is the selected item, its ancestors are open
    expect(page.locator('#tree [role=treeitem][aria-selected="true"]')).to_have_attribute("data-id", village)
    expect(page.locator(f'#tree [role=treeitem][data-id="{town}"]')).to_have_attribute("aria-expanded", "true")
    # breadcrumbs lead back up
    page.locator("#breadcrumbs a", has_text="丰县").click()
    expect(page.locator("#region-name")).to_have_text("丰县")
    assert not page.errors


def test_enterprises_lacking_a_town_level_cadre(live_server, xuzhou, new_page, settings):
    from orgnet.coverage.policy import load_policy
    from orgnet.coverage.service import all_gaps

    expected = sorted(
        g["id"]
        for g in all_gaps(xuzhou, metric="enterprise_pairing", region_id=FENGXIAN, as_of=DEFAULT_TODAY, policy=load_policy(settings.policy_file))
        if "town" in g["details"].get("missing_levels", [])
    )
    assert expected
    page = open_at(new_page(), live_server, FENGXIAN)
    page.locator('#scorecard .card[data-metric="enterprise_pairing"]').click()
    expect(page.locator("#gaps-heading")).to_contain_text("Enterprise pairing")
    wait_gaps(page)
    page.select_option("#gap-category", "missing_town")
    expect(page.locator("#gaps-body tr[data-id]")).to_have_count(len(expected))
    assert sorted(gap_ids(page)) == expected
    expect(page.locator("#gaps-body")).to_contain_text("No active town-level cadre pairing")
    # the search filter narrows further; a search for nothing shows a message
    page.fill("#gap-search", expected[0])
    expect(page.locator("#gaps-body tr[data-id]")).to_have_count(1)
    page.fill("#gap-search", "no-such-enterprise")
    expect(page.locator("#gaps-body")).to_contain_text("No gap matches the filters.")


def test_export_the_gap_list_to_csv_and_excel(live_server, xuzhou, new_page, orgless_in_fengxian, tmp_path):
    page = open_at(new_page(), live_server, FENGXIAN)
    wait_gaps(page)
    with page.expect_download() as info:
        page.click("#export-csv")
    download = info.value
    assert download.suggested_filename == f"gaps-party_org_presence-{FENGXIAN}-{DAY}.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == orgless_in_fengxian
    assert {r["county"] for r in rows} == {"丰县"}
    assert all(r["metric"] == "party_org_presence" and r["reason"].startswith("No party organisation") for r in rows)
    assert all(r["village"] and r["town"] and r["region path"].startswith("徐州市 / 丰县 / ") for r in rows)
    expect(page.locator("#export-status")).to_contain_text("Downloaded")

    from openpyxl import load_workbook

    with page.expect_download() as info:
        page.click("#export-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    wb = load_workbook(saved, read_only=True)
    sheet = list(wb["gaps"].iter_rows(values_only=True))
    assert sheet[0][:2] == ("metric", "id")
    assert [r[1] for r in sheet[1:]] == orgless_in_fengxian
    about = dict(wb["about"].iter_rows(values_only=True))
    assert about["as of"] == DAY and about["region id"] == FENGXIAN


def test_switch_language_keeps_region_names(live_server, xuzhou, new_page, orgless_in_fengxian):
    page = open_at(new_page(), live_server, FENGXIAN)
    wait_gaps(page)
    expect(page.locator("#scorecard-heading")).to_contain_text("Scorecard")
    page.click("#lang-toggle")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#scorecard-heading")).to_contain_text("指标总览")
    expect(page.locator("#gaps-heading")).to_contain_text("基层党组织覆盖")
    expect(page.locator("#region-name")).to_have_text("丰县")
    row = page.locator(f'#gaps-body tr[data-id="{orgless_in_fengxian[0]}"]')
    expect(row.locator(".reason")).to_contain_text("没有党组织")
    expect(page.locator('#scorecard .card[data-metric="party_org_presence"]')).to_contain_text("未覆盖")
    expect(page.locator("#lang-toggle")).to_have_text("English")
    # the choice is remembered
    page.reload()
    expect(page.locator("#scorecard-heading")).to_contain_text("指标总览")
    page.click("#lang-toggle")
    expect(page.locator("#scorecard-heading")).to_contain_text("Scorecard")
    assert not page.errors


def test_keyboard_only_navigation(live_server, xuzhou, new_page):
    page = open_at(new_page(), live_server, FENGXIAN)
    # the tree: the current region holds the tab stop; arrows move, Enter opens
    selected = page.locator('#tree [role=treeitem][aria-selected="true"]')
    expect(selected).to_have_attribute("data-id", FENGXIAN)
    selected.focus()
    page.keyboard.press("ArrowDown")  # the first town of 丰县 (the county is open)
    focused = page.evaluate("() => document.activeElement.dataset.id")
    assert focused.startswith(FENGXIAN + "-")
    page.keyboard.press("Enter")
    expect(page.locator("#breadcrumbs li")).to_have_count(3)
    expect(page.locator("#region-name")).not_to_have_text("丰县")
    town = page.locator(f'#tree [role=treeitem][data-id="{focused}"]')
    expect(town).to_have_attribute("aria-expanded", "true")  # the current region is open
    page.keyboard.press("ArrowLeft")  # closes it
    expect(town).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowLeft")  # then moves to the parent
    assert page.evaluate("() => document.activeElement.dataset.id") == FENGXIAN
    # scorecard cards are buttons: Tab reaches them, Enter chooses the metric
    expect(page.locator("#scorecard")).to_have_attribute("aria-busy", "false")
    card = page.locator('#scorecard .card[data-metric="enterprise_pairing"]')
    card.focus()
    page.keyboard.press("Enter")
    expect(card).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#gaps-heading")).to_contain_text("Enterprise pairing")
    # Tab moves on to the next card, which shows a visible focus ring (a 3 px outline)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.metric") == "cadre_load"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth") == "3px"


def test_readable_at_phone_width(live_server, xuzhou, new_page, orgless_in_fengxian):
    page = open_at(new_page(390, 844), live_server, FENGXIAN)
    wait_gaps(page)
    expect(page.locator(f'#gaps-body tr[data-id="{orgless_in_fengxian[0]}"]')).to_be_visible()
    # nothing is wider than the screen (tables scroll inside their own box)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # the tree is folded away but one tap opens it
    expect(page.locator("#tree")).to_be_hidden()
    page.locator("#tree-details summary").click()
    expect(page.locator(f'#tree [role=treeitem][data-id="{FENGXIAN}"]')).to_be_visible()


def test_chart_views_matrix_and_hotspots(live_server, xuzhou, new_page, orgless_in_fengxian):
    page = open_at(new_page(), live_server, FENGXIAN)
    expect(page.locator("#children .chart-row")).to_have_count(15)  # 丰县's towns and streets
    # lowest coverage first: the towns holding a planted orgless village come first
    towns = {v.rsplit("-", 1)[0] for v in orgless_in_fengxian}
    first = page.locator("#children .chart-row").evaluate_all("rows => rows.map(r => r.dataset.regionId)")
    assert set(first[: len(towns)]) == towns
    page.click("#view-matrix")
    expect(page.locator("#children table.matrix tbody tr")).to_have_count(15)
    # the region column and one per metric: the ten of issues 1-11, issue 13's four incentive metrics
    # and issue 26's pairing visits
    expect(page.locator("#children table.matrix thead th")).to_have_count(1 + 10 + 4 + 1)
    page.wait_for_function("() => !document.querySelector('#children table.matrix td:not([class])')")
    page.click("#view-hotspots")
    rows = page.locator("#children .chart-row")
    expect(rows.first).to_be_visible()
    hot = rows.evaluate_all("rows => rows.map(r => r.dataset.regionId)")
    assert set(orgless_in_fengxian) <= set(hot[: len(orgless_in_fengxian)])


def test_pairing_suggestions_and_what_if(live_server, xuzhou, new_page, settings):
    from orgnet.coverage.policy import load_policy
    from orgnet.coverage.whatif import what_if

    page = open_at(new_page(), live_server, FENGXIAN)
    page.click("#tab-suggestions")
    page.click("#load-suggestions")
    table = page.locator("#suggestions-table")
    expect(table).to_be_visible()
    cadre = table.locator("tbody tr").first.locator(".cadre-id").inner_text()
    assert cadre.startswith("cadre-")
    # "what if unavailable?" carries the suggested cadre to the what-if form
    table.locator("tbody tr").first.locator(".chip-button").click()
    expect(page.locator("#tab-whatif")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#wi-cadres")).to_have_value(cadre)
    # a cadre with active pairings: compare the page with the analysis itself
    busy = xuzhou.read(
        "MATCH (c:Cadre {level: 'town'})-[p:PAIRED_WITH]->(:Enterprise) WHERE c.region_id STARTS WITH $county "
        "AND p.since <= date($day) AND (p.until IS NULL OR date($day) <= p.until) "
        "RETURN c.id AS id, count(p) AS n ORDER BY n DESC, id LIMIT 1",
        {"county": FENGXIAN, "day": DAY},
    )[0]["id"]
    expected = what_if(xuzhou, region_id=FENGXIAN, as_of=dt.date.fromisoformat(DAY), policy=load_policy(settings.policy_file), cadres=[busy])
    page.fill("#wi-cadres", busy)
    page.click("#whatif-form button[type=submit]")
    result = page.locator("#whatif-result")
    if expected["total_newly_uncovered"]:
        for line in expected["metrics"]:
            for item in line["newly_uncovered"]:
                expect(result).to_contain_text(item["id"])
    else:
        expect(result).to_contain_text("Nothing under this region loses coverage.")
    page.fill("#wi-cadres", "cadre-that-does-not-exist")
    page.click("#whatif-form button[type=submit]")
    expect(result).to_contain_text("cadre-that-does-not-exist")
