"""A policy per city (issue 15): two of Jiangsu's cities under 江苏省, 镇江市 under a strict policy of
its own (``POLICY_FILES``) and 无锡市 under the default.  Each city's figures are its own policy's
(the networkx reference under that policy), the province's are the sum of the two, every row says
which policy its figures were computed under, and the live path refuses the mixed province rather
than computing it under one policy.  Also the guard of ``summaries refresh`` on figures received
through the aggregate exchange, and an exchange file that names each city's policy."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policies import MixedPolicies, load_configured_policy
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from orgnet.coverage.summary_state import MIXED, policy_fingerprint
from orgnet.errors import InvalidInput
from orgnet.exchange.publish import build_export
from orgnet.exchange.receive import import_exchange
from orgnet.graph.loader import load_bundle
from orgnet.seed import province
from tests.integration.conftest import cli_environment
from tests.integration.test_province import CITIES, DAY, province_bundle

STRICT_CITY, DEFAULT_CITY = CITIES  # 镇江市, 无锡市
DEFAULT = default_policy()
# the rural scheme links ten households per member and ten members per central household: asking
# for nine makes both metrics differ between the two policies (checked below, so the test can fail)
STRICT_TEXT = (
    resources.files("orgnet")
    .joinpath("policy/default.toml")
    .read_text(encoding="utf-8")
    .replace('name = "xuzhou-2020"', 'name = "zhenjiang-strict"')
    .replace("target_households = 10", "target_households = 9")
    .replace("target_members = 10", "target_members = 9")
    .replace("ok = 0.95", "ok = 1.0")
    .replace("warn = 0.8", "warn = 1.0")  # anything short of complete is bad here
)
CHANGED = ("member_link_load", "central_household_size")


@pytest.fixture
def policy_folder(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / f"{STRICT_CITY}.toml").write_text(STRICT_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def two_policies(empty_graph, policy_folder):
    bundle = province_bundle()
    load_bundle(empty_graph, bundle, batch_size=2000)
    configured = load_configured_policy(None, policy_folder)
    refresh(empty_graph, policy=configured)
    return empty_graph, Reference(bundle), configured


def test_each_city_under_its_own_policy_and_the_province_sums_them(two_policies):
    graph, ref, configured = two_policies
    strict = configured.regional[STRICT_CITY]
    fp_strict, fp_default = policy_fingerprint(strict), policy_fingerprint(DEFAULT)
    assert fp_strict != fp_default
    for metric in CHANGED:  # the strict policy changes these figures: a test that can fail
        assert (
            ref.rollup(metric, region_id=STRICT_CITY, as_of=DAY, policy=strict)["region"]
            != ref.rollup(metric, region_id=STRICT_CITY, as_of=DAY, policy=DEFAULT)["region"]
        ), metric
    for metric in (m.name for m in METRICS):
        expected = {
            STRICT_CITY: ref.rollup(metric, region_id=STRICT_CITY, as_of=DAY, policy=strict)["region"],
            DEFAULT_CITY: ref.rollup(metric, region_id=DEFAULT_CITY, as_of=DAY, policy=DEFAULT)["region"],
        }
        top, cities = service.rollup(graph, metric=metric, region_id=province.PROVINCE_ID, as_of=DAY, policy=configured, source="summary")
        assert {g["id"]: (g["covered"], g["total"]) for g in cities} == expected, metric
        assert (top["covered"], top["total"]) == tuple(map(sum, zip(*expected.values(), strict=True))), metric
        assert {g["id"]: g["policy"] for g in cities} == {STRICT_CITY: fp_strict, DEFAULT_CITY: fp_default}, metric
        assert (top["policy"], top["policies"]) == (MIXED, sorted([fp_strict, fp_default])), metric
        nation, _ = service.rollup(graph, metric=metric, region_id=province.NATION_ID, as_of=DAY, policy=configured, source="summary")
        assert (nation["covered"], nation["total"], nation["policy"]) == (top["covered"], top["total"], MIXED)
        for city, fp in ((STRICT_CITY, fp_strict), (DEFAULT_CITY, fp_default)):
            for source in ("summary", "live"):
                row, counties = service.rollup(graph, metric=metric, region_id=city, as_of=DAY, policy=configured, source=source)
                assert ((row["covered"], row["total"]), row["policy"]) == (expected[city], fp), (metric, city, source)
                assert {c["policy"] for c in counties} <= {fp}, (metric, city, source)
    # the summary nodes themselves record it
    stored = graph.read(
        "MATCH (s:CoverageSummary) WHERE s.metric = 'member_link_load' AND s.region_id IN $ids RETURN s.region_id AS id, s.policy AS policy",
        {"ids": [*CITIES, province.PROVINCE_ID]},
    )
    assert {r["id"]: r["policy"] for r in stored} == {STRICT_CITY: fp_strict, DEFAULT_CITY: fp_default, province.PROVINCE_ID: MIXED}


def test_the_live_path_refuses_a_province_above_two_policies(two_policies):
    graph, _, configured = two_policies
    with pytest.raises(MixedPolicies, match=STRICT_CITY):
        service.rollup(graph, metric="member_link_load", region_id=province.PROVINCE_ID, as_of=DAY, policy=configured, source="live")


def test_gap_lists_and_scorecards_follow_the_citys_policy(two_policies):
    graph, ref, configured = two_policies
    strict = configured.regional[STRICT_CITY]
    for metric in CHANGED:
        listed = service.all_gaps(graph, metric=metric, region_id=STRICT_CITY, as_of=DAY, policy=configured, source="summary")
        expected = [g.id for g in ref.gaps(metric, region_id=STRICT_CITY, as_of=DAY, policy=strict)]
        assert sorted(g["id"] for g in listed) == expected, metric
        assert expected != [g.id for g in ref.gaps(metric, region_id=STRICT_CITY, as_of=DAY, policy=DEFAULT)], metric
    with pytest.raises(MixedPolicies):
        service.all_gaps(graph, metric="member_link_load", region_id=province.PROVINCE_ID, as_of=DAY, policy=configured, source="summary")
    card = service.scorecard(graph, region_id=STRICT_CITY, as_of=DAY, policy=configured)
    assert all(line["status"] == strict.status_for(line["ratio"]) for line in card["metrics"])
    assert any(line["status"] != DEFAULT.status_for(line["ratio"]) for line in card["metrics"])  # the thresholds differ somewhere
    assert {line["policy"] for line in card["metrics"]} == {policy_fingerprint(strict)}


def test_an_items_check_and_the_what_if_follow_its_citys_policy_and_suggestions_refuse_a_mixed_region(two_policies):
    """The single-item check agrees with the item's own city's gap list, whichever cities the ids
    come from (the what-if is built on the same check); suggestions plan under one city's policy only."""
    graph, ref, configured = two_policies
    strict = configured.regional[STRICT_CITY]
    for metric in CHANGED:
        strict_only = sorted(
            {g.id for g in ref.gaps(metric, region_id=STRICT_CITY, as_of=DAY, policy=strict)}
            - {g.id for g in ref.gaps(metric, region_id=STRICT_CITY, as_of=DAY, policy=DEFAULT)}
        )
        other_city = [g.id for g in ref.gaps(metric, region_id=DEFAULT_CITY, as_of=DAY, policy=DEFAULT)][:3]
        assert strict_only, metric  # items the strict policy alone leaves uncovered: the check can fail
        status = service.item_status(graph, metric=metric, ids=strict_only[:5] + other_city, as_of=DAY, policy=configured)
        assert [status[i]["covered"] for i in strict_only[:5]] == [False] * len(strict_only[:5]), metric
        assert [status[i]["covered"] for i in other_city] == [False] * len(other_city), metric
        assert not service.is_covered(graph, metric=metric, item_id=strict_only[0], as_of=DAY, policy=configured)
        assert service.is_covered(graph, metric=metric, item_id=strict_only[0], as_of=DAY, policy=DEFAULT)  # as before, given
    from orgnet.coverage.suggestions import suggest_enterprise_pairings

    with pytest.raises(MixedPolicies):
        suggest_enterprise_pairings(graph, region_id=province.PROVINCE_ID, as_of=DAY, policy=configured)
    assert "suggestions" in suggest_enterprise_pairings(graph, region_id=STRICT_CITY, as_of=DAY, policy=configured)


def test_an_explicit_policy_still_rules_a_single_city(two_policies):
    """A caller's own policy (no POLICY_FILES attached) is used as given, as before issue 15."""
    graph, ref, _ = two_policies
    row, _ = service.rollup(graph, metric="member_link_load", region_id=STRICT_CITY, as_of=DAY, policy=DEFAULT, source="live")
    assert (row["covered"], row["total"]) == ref.rollup("member_link_load", region_id=STRICT_CITY, as_of=DAY, policy=DEFAULT)["region"]


def test_the_api_and_summaries_status_show_each_citys_policy(two_policies, policy_folder, api_client, settings):
    from orgnet.settings import get_settings

    graph, ref, configured = two_policies
    fp_strict = policy_fingerprint(configured.regional[STRICT_CITY])
    s = settings.model_copy(update={"policy_files": policy_folder})
    api_client.app.dependency_overrides[get_settings] = lambda: s
    body = api_client.get(f"/v1/coverage/member_link_load?region={province.PROVINCE_ID}&as_of={DAY}").json()
    assert (body["policy"], body["policies"]) == (MIXED, sorted([fp_strict, policy_fingerprint(DEFAULT)]))
    assert {c["id"]: c["policy"] for c in body["children"]} == {STRICT_CITY: fp_strict, DEFAULT_CITY: policy_fingerprint(DEFAULT)}
    city = api_client.get(f"/v1/coverage/member_link_load?region={STRICT_CITY}&as_of={DAY}").json()
    strict = configured.regional[STRICT_CITY]
    assert ((city["covered"], city["total"]), city["policy"]) == (
        ref.rollup("member_link_load", region_id=STRICT_CITY, as_of=DAY, policy=strict)["region"],
        fp_strict,
    )
    policy = api_client.get("/v1/policy").json()
    assert [(r["region_id"], r["name"], r["fingerprint"]) for r in policy["regional"]] == [(STRICT_CITY, "zhenjiang-strict", fp_strict)]
    assert policy["fingerprint"] == policy_fingerprint(configured)
    # stale summaries send a mixed region to the live path: a 409 problem naming the city, never a figure under one policy
    graph.write("MATCH (st:CoverageSummaryState {id: 'member_link_load'}) SET st.stale = true")
    stale = api_client.get(f"/v1/coverage/member_link_load?region={province.PROVINCE_ID}&as_of={DAY}")
    assert stale.status_code == 409 and stale.headers["content-type"].startswith("application/problem+json")
    assert STRICT_CITY in stale.json()["detail"] and "summaries refresh" in stale.json()["detail"]


def test_summaries_status_lists_the_policies(two_policies, policy_folder, settings):
    from tests.integration.test_cli import orgnet

    env = _cli_env(settings)
    env["POLICY_FILES"] = str(policy_folder)
    done = orgnet(env, "summaries", "status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    _, _, configured = two_policies
    assert [(p["region_id"], p["fingerprint"]) for p in status["policies"]] == [
        (None, policy_fingerprint(DEFAULT)),
        (STRICT_CITY, policy_fingerprint(configured.regional[STRICT_CITY])),
    ]
    assert status["member_link_load"]["fresh"] is True  # computed under this configuration
    table = orgnet(env, "summaries", "status")
    assert "zhenjiang-strict" in table.stdout and STRICT_CITY in table.stdout


def _cli_env(settings):
    env = cli_environment(settings)
    env.pop("POLICY_FILE", None)
    return env


# ----------------------------------------------------------------------------- the exchange


def _rollups(graph, policy):
    return {
        (m.name, rid): service.rollup(graph, metric=m.name, region_id=rid, as_of=DAY, policy=policy, source="summary")[0]["covered"]
        for m in METRICS
        for rid in (province.NATION_ID, province.PROVINCE_ID, *CITIES)
    }


def test_a_refresh_keeps_the_figures_received_through_the_exchange(empty_graph):
    """A national instance holds no items of the regions it received: a whole refresh used to
    recompute them from nothing and write zeros over the received figures."""
    graph = empty_graph
    load_bundle(graph, province_bundle(), batch_size=2000)
    refresh(graph, policy=DEFAULT)
    data = build_export(graph, policy=DEFAULT, level="city")
    sent = _rollups(graph, DEFAULT)
    assert any(sent.values())
    graph.delete_all()  # the receiver: the file only
    import_exchange(graph, data=data, policy=DEFAULT)
    assert _rollups(graph, DEFAULT) == sent
    report = refresh(graph, policy=DEFAULT)
    assert _rollups(graph, DEFAULT) == sent
    assert set(report.kept_received) == {province.NATION_ID, province.PROVINCE_ID, *CITIES}


def test_a_file_names_each_citys_policy_and_the_receiver_must_know_every_one(two_policies):
    graph, _, configured = two_policies
    fp_strict, fp_default = policy_fingerprint(configured.regional[STRICT_CITY]), policy_fingerprint(DEFAULT)
    data = build_export(graph, policy=configured, level="city")
    by_region = {s["region_id"]: s["policies"] for s in data["summaries"] if s["metric"] == "member_link_load"}
    assert by_region == {STRICT_CITY: [fp_strict], DEFAULT_CITY: [fp_default], province.PROVINCE_ID: sorted([fp_strict, fp_default])}
    sent = _rollups(graph, configured)
    graph.delete_all()
    with pytest.raises(InvalidInput, match=fp_strict) as refused:  # told about the default only
        import_exchange(graph, data=data, policy=DEFAULT)
    assert fp_default not in refused.value.detail
    assert graph.read("MATCH (s:CoverageSummary) RETURN count(s) AS n")[0]["n"] == 0
    import_exchange(graph, data=data, policy=DEFAULT, listed_policies=[fp_strict])
    assert _rollups(graph, DEFAULT) == sent
