"""The dashboard's Incentives view (issue 13's "Done when"), in a real browser on the demo seed: a
planner opens it for 丰县 and finds the county's planted unrecognised long-serving team members
and, in the county where one was planted, a promotion without a frontline record; the city shows
the source article's figures, each beside the graph's own count (a pair that differs is marked).  The planted ids come from the seed's plan (orgnet/seed/PLANTED.md),
the article's figures are written here from the article."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from orgnet.accounts import store
from orgnet.seed.generator import DEFAULT_TODAY, planted_cases

from .test_dashboard import gap_ids, wait_gaps
from .test_operate import sign_in

FENGXIAN, CITY = "320321", "320300"
DAY = DEFAULT_TODAY.isoformat()


@pytest.fixture(scope="module")
def planted() -> dict[str, dict[str, str]]:
    return planted_cases(2020, "demo")


def regions_of(graph, label: str, ids) -> dict[str, str]:
    """id → region_id of the seed's nodes (where a member lives, where a recognition counts)."""
    rows = graph.read(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, n.region_id AS region", {"ids": sorted(ids)})
    return {r["id"]: r["region"] for r in rows}


@pytest.fixture
def planner_token(xuzhou, planted):
    # in scope of 丰县 and of the counties where the promotions without a record were planted
    promotions = regions_of(xuzhou, "Recognition", planted["record_backed_promotion"])
    scope = sorted({FENGXIAN, *(r[:6] for r in promotions.values())})
    account, token = store.add_account(xuzhou, name="incentives-planner", role="planner", scope=scope)
    yield token
    xuzhou.write("MATCH (a:Account {id: $id}) DETACH DELETE a", {"id": account["id"]})


def funnel_counts(page) -> dict[str, int]:
    """The funnel's stages as the page writes them, checked to be nested and drawn as a funnel, each
    with its share of the stage before it (issue 24: never capped)."""
    stages = page.locator("#incentives-stages li")
    expect(stages).to_have_count(4)
    assert stages.evaluate_all("li => li.map(x => x.dataset.stage)") == ["served", "recognised", "noted", "promoted"]
    counts = {s.get_attribute("data-stage"): int(s.locator(".stage-count").inner_text().replace(",", "")) for s in stages.all()}
    assert counts["served"] >= counts["recognised"] >= counts["noted"] >= counts["promoted"], counts
    expect(page.locator("#incentives-funnel")).to_have_attribute("data-shape", "funnel")
    shares = stages.locator(".share").all_inner_texts()
    before = [counts["served"], counts["recognised"], counts["noted"]]
    for share, count, previous in zip(shares, [counts["recognised"], counts["noted"], counts["promoted"]], before, strict=True):
        shown = float(re.search(r"([\d.]+)%", share).group(1))
        assert previous == 0 or abs(shown - 100 * count / previous) <= 0.05, (share, count, previous)
    return counts


def card_total(page, metric: str) -> int:
    """The total of the metric's card in the Incentives view ("N uncovered · covered/total")."""
    text = page.locator(f'#incentives-metrics [data-metric="{metric}"] .incentive-count').inner_text()
    return int(text.rsplit("/", 1)[1].replace(",", ""))


def open_incentive_gaps(page, metric: str):
    button = page.locator(f'#incentives-metrics .incentive-metric[data-metric="{metric}"]')
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    # the list is the chosen metric's (not the previous one's still on the page) before it is read
    expect(page.locator("#gaps-heading")).to_contain_text(button.locator(".card-title").inner_text())
    wait_gaps(page)


def test_the_incentives_view_of_a_county_finds_its_planted_unrecognised_members_and_a_promotion_without_a_record(
    live_server, xuzhou, new_page, planted, planner_token
):
    base = live_server
    members = regions_of(xuzhou, "PartyMember", planted["frontline_recognition"])
    unrecognised_here = sorted(i for i, r in members.items() if r.startswith(FENGXIAN + "-"))
    assert len(unrecognised_here) == 5, "PLANTED.md: 5 unrecognised long-serving team members in 丰县"
    promotions = regions_of(xuzhou, "Recognition", planted["record_backed_promotion"])
    assert not [i for i, r in promotions.items() if r.startswith(FENGXIAN)], "none planted in 丰县"
    promotion, promotion_region = sorted(promotions.items())[0]

    page = new_page()
    page.goto(f"{base}/#/r/{CITY}?d={DAY}")
    sign_in(page, planner_token)
    expect(page.locator("#account-summary")).to_contain_text("incentives-planner")

    # 丰县: the view opens from its toggle and stays in the address
    page.goto(f"{base}/#/r/{FENGXIAN}?d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    expect(page.locator("#incentives-section")).to_be_hidden()
    page.click("#incentives-toggle")
    expect(page.locator("#incentives-section")).to_be_visible()
    expect(page).to_have_url(f"{base}/#/r/{FENGXIAN}?d={DAY}&v=incentives")
    expect(page.locator("#incentives-heading")).to_contain_text("丰县")
    # the funnel: drawn, its four stages as text, nested; the county has no article figures
    expect(page.locator("#incentives-funnel svg")).to_have_count(1)
    expect(page.locator("#incentives-section")).to_contain_text("5 uncovered")
    counts = funnel_counts(page)
    assert counts["served"] >= len(unrecognised_here), "the unrecognised members served at the front"
    expect(page.locator("#incentives-article")).to_be_hidden()
    for metric in ("frontline_recognition", "record_backed_promotion", "application_followup", "duty_death_family_care"):
        expect(page.locator(f'#incentives-metrics [data-metric="{metric}"] .incentive-count')).not_to_have_text("…")
    expect(page.locator('#incentives-metrics [data-metric="frontline_recognition"]')).to_contain_text("5 uncovered")
    assert card_total(page, "frontline_recognition") == counts["served"], "the card and the chart count the same people"

    # the unrecognised long-serving team members, in the page's gap list, with their reason
    open_incentive_gaps(page, "frontline_recognition")
    expect(page).to_have_url(f"{base}/#/r/{FENGXIAN}?m=frontline_recognition&d={DAY}&v=incentives")
    expect(page.locator("#gaps-heading")).to_contain_text("丰县")
    assert sorted(gap_ids(page)) == unrecognised_here
    expect(page.locator(f'#gaps-body tr[data-id="{unrecognised_here[0]}"] td.reason')).to_contain_text("no recognition")
    # and its export holds the same people
    with page.expect_download() as download:
        page.click("#export-csv")
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    assert set(unrecognised_here) <= {cell for row in csv.reader(io.StringIO(exported)) for cell in row}

    # no promotion without a record was planted in 丰县: its list says so
    open_incentive_gaps(page, "record_backed_promotion")
    assert gap_ids(page) == []
    expect(page.locator("#gaps-body")).to_contain_text("No gaps")

    # the county where one was planted: the same view (region changes, view and metric stay) finds it
    page.goto(f"{base}/#/r/{promotion_region[:6]}?m=record_backed_promotion&d={DAY}&v=incentives")
    expect(page.locator("#incentives-section")).to_be_visible()
    expect(page.locator("#region-name")).not_to_have_text(re.compile("丰县|…"))
    expect(page.locator("#gaps-heading")).to_contain_text(page.locator("#region-name").inner_text())
    wait_gaps(page)
    expected = sorted(i for i, r in promotions.items() if r[:6] == promotion_region[:6])
    assert sorted(gap_ids(page)) == expected and promotion in expected
    expect(page.locator(f'#gaps-body tr[data-id="{promotion}"] td.reason')).not_to_be_empty()
    assert not page.errors, page.errors


def test_the_city_shows_the_article_figures_next_to_its_funnel_and_the_graphs_counts(live_server, xuzhou, new_page):
    page = new_page(locale="zh-CN")
    page.goto(f"{live_server}/#/r/{CITY}?d={DAY}&v=incentives")
    article = page.locator("#incentives-article")
    expect(article).to_be_visible()
    # the article's figures (../shared/source-article.txt), written here from the article
    for key, shown in (("young_cadres_noted", "72"), ("promoted", "30"), ("frontline_party_applications", "629"), ("pioneers_who_died_on_duty", "4")):
        expect(article.locator(f'dd[data-figure="{key}"] .article-value .n')).to_have_text(shown)
    expect(article.locator('dd[data-figure="county_funds_cny"] .article-value')).to_contain_text("19,690,000")
    # beside each, the graph's own count on the day: the seed reproduces the article, so they agree
    noted = article.locator('dd[data-figure="young_cadres_noted"]')
    expect(noted).to_have_text("原文 72 · 图谱 72")
    expect(noted).to_have_attribute("data-matches", "true")
    expect(article.locator("dd.mismatch")).to_have_count(0)
    # before the response the graph holds no noted cadre: the pair differs, and says so
    page.goto(f"{live_server}/#/r/{CITY}?d=2020-01-01&v=incentives")
    expect(noted.locator(".graph-value .n")).to_have_text("0")
    expect(noted).to_have_class(re.compile(r"\bmismatch\b"))
    expect(noted).to_contain_text("图谱与原文不符")
    expect(page.locator("#incentives-heading")).to_contain_text("徐州市的激励")  # and the day it is for
    expect(page.locator("#incentives-stages li")).to_have_count(4)
    # on the scenario's day the city's funnel is nested, and its first stage is the card's people
    page.goto(f"{live_server}/#/r/{CITY}?d={DAY}&v=incentives")
    expect(page.locator('#incentives-metrics [data-metric="frontline_recognition"] .incentive-count')).to_contain_text("/")
    counts = funnel_counts(page)
    assert counts["promoted"] > 0 and card_total(page, "frontline_recognition") == counts["served"]
    assert not page.errors, page.errors
