"""GET /v1/incentives/funnel on the shared demo seed (issue 13): counts written from the article and
from PLANTED.md, not from the code."""

from __future__ import annotations


def test_the_city_funnel_and_the_article_figures(xuzhou, api_client):
    """The stages are nested subsets of the people frontline_recognition counts (issue 24): the
    5,000 city-organ volunteers and the cadres with frontline record entries."""
    r = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-03-31"})
    assert r.status_code == 200, r.text
    body = r.json()
    stages = {s["stage"]: s["count"] for s in body["stages"]}
    assert [s["stage"] for s in body["stages"]] == ["served", "recognised", "noted", "promoted"] and body["nested"] is True
    card = api_client.get("/v1/coverage/frontline_recognition", params={"as_of": "2020-03-31"}).json()
    assert stages["served"] == card["total"] and stages["served"] >= 5_000  # the card and the chart count the same people
    # PLANTED.md: two promoted noted cadres have no frontline record entry at all, so no frontline
    # service to count: 70 of the article's 72 noted and 28 of its 30 promoted are in the population
    assert stages["noted"] == 72 - 2 and stages["promoted"] == 30 - 2
    # recognised among them: the volunteers but the 7 planted unrecognised, and those 70 noted cadres
    # (the medical workers and the cadres who died on duty, recognised too, served in no team and kept no record)
    assert stages["recognised"] == 5_000 - 7 + 70
    assert body["article"]["frontline_party_applications"] == 629 and body["article"]["county_funds_cny"] == 19_690_000


def test_a_county_has_no_article_figures_and_counts_only_its_own(xuzhou, api_client):
    body = api_client.get("/v1/incentives/funnel", params={"region": "320321", "as_of": "2020-03-31"}).json()
    assert body["article"] is None and body["region"]["name"] == "丰县"
    city = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-03-31"}).json()
    assert all(s["count"] <= c["count"] for s, c in zip(body["stages"], city["stages"], strict=True))
    # before the epidemic response nobody had served or been recognised
    early = api_client.get("/v1/incentives/funnel", params={"region": "320321", "as_of": "2020-01-01"}).json()
    assert [s["count"] for s in early["stages"]] == [0, 0, 0, 0]


def test_the_city_shows_the_graphs_count_beside_each_article_figure(xuzhou, api_client):
    """The seed reproduces the article (tests/integration/test_seed_figures.py): on its last day every
    figure the graph counts agrees with the article's, which the article reports (written here)."""
    body = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-03-31"}).json()
    graph = {f["figure"]: f["graph"] for f in body["figures"]}
    assert graph == {
        "young_cadres_noted": 72,
        "promoted": 30,
        "frontline_party_applications": 629,
        "applications_from_wuhan_medical_workers": 72,
        "joined_the_party_at_the_front": 2,
        "posthumous_outstanding_members": 3,
        "medical_members_commended": 12,
        "advanced_individuals": 17,
        "pioneers_who_died_on_duty": 4,
        "city_funds_cny": 6_000_000,
        "county_funds_cny": 19_690_000,
        "per_community_cny": 50_000,
    }
    assert all(f["matches"] for f in body["figures"]) and all(f["article"] == body["article"][f["figure"]] for f in body["figures"])
    # a county has the graph's counts of its own, and no article to compare with
    county = api_client.get("/v1/incentives/funnel", params={"region": "320321", "as_of": "2020-03-31"}).json()
    assert all(f["article"] is None and f["matches"] is None for f in county["figures"])
    assert 0 < {f["figure"]: f["graph"] for f in county["figures"]}["frontline_party_applications"] < 629
    # before the response, the graph holds none of it: every figure differs, visibly
    early = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-01-01"}).json()
    assert {f["figure"]: f["graph"] for f in early["figures"]}["young_cadres_noted"] == 0
    assert not any(f["matches"] for f in early["figures"] if not f["figure"].endswith("_cny"))
