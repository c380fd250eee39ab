"""GET /v1/incentives/funnel on the shared demo seed (issue 13): counts written from the article and
from PLANTED.md, not from the code."""

from __future__ import annotations


def test_the_city_funnel_and_the_article_figures(xuzhou, api_client):
    r = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-03-31"})
    assert r.status_code == 200, r.text
    body = r.json()
    stages = {s["stage"]: s["count"] for s in body["stages"]}
    # 72 noted and 30 promoted (the article); every one of the 5,000 city-organ volunteers has served
    # more than 14 days, and all but the 7 planted ones, the 72 noted cadres and 29 medical workers are recognised
    assert stages["noted"] == 72 and stages["promoted"] == 30
    assert stages["served"] >= 5_000
    assert stages["recognised"] == 5_000 - 7 + 72 + 29 + 4
    assert body["article"]["frontline_party_applications"] == 629 and body["article"]["county_funds_cny"] == 19_690_000


def test_a_county_has_no_article_figures_and_counts_only_its_own(xuzhou, api_client):
    body = api_client.get("/v1/incentives/funnel", params={"region": "320321", "as_of": "2020-03-31"}).json()
    assert body["article"] is None and body["region"]["name"] == "丰县"
    city = api_client.get("/v1/incentives/funnel", params={"as_of": "2020-03-31"}).json()
    assert all(s["count"] <= c["count"] for s, c in zip(body["stages"], city["stages"], strict=True))
    # before the epidemic response nobody had served or been recognised
    early = api_client.get("/v1/incentives/funnel", params={"region": "320321", "as_of": "2020-01-01"}).json()
    assert [s["count"] for s in early["stages"]] == [0, 0, 0, 0]
