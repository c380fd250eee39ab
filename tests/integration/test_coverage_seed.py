"""The demo seed scenario: every planted gap is found, at the right place and level, and nothing
else; Cypher equals the networkx reference on it; coverage changes between dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference
from orgnet.coverage.suggestions import suggest_enterprise_pairings
from orgnet.coverage.whatif import what_if
from orgnet.seed.generator import build_bundle, expected_figures, planted_cases, planted_gaps

DAY = dt.date(2020, 3, 31)
POLICY = default_policy()
CITY = "320300"
# Which levels a planted enterprise case misses (docs/design.md §3 under the default policy).
MISSING_BY_CASE = {
    "missing_town": ["town"],
    "missing_county": ["county"],
    "outside_jurisdiction": ["town"],
    "ended_town": ["town"],
    "ended_city": ["city"],
}


@pytest.fixture(scope="module")
def seed_bundle():
    return build_bundle(seed=2020, scale="demo", today=DAY)


@pytest.fixture(scope="module")
def seed_reference(seed_bundle):
    return Reference(seed_bundle)


@pytest.mark.parametrize("metric", [m.name for m in METRICS])
def test_every_planted_gap_is_found_and_nothing_else(xuzhou, metric):
    gaps = service.all_gaps(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)
    assert [g["id"] for g in gaps] == planted_gaps(2020, "demo")[metric]
    assert len(gaps) == expected_figures("demo")[f"gaps_{metric}"]
    cov = service.coverage(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)
    assert cov["total"] - cov["covered"] == len(gaps)
    assert sum(c["total"] - c["covered"] for c in cov["children"]) <= len(gaps)


def _region_of(bundle, label: str, item_id: str) -> str | None:
    section = {
        "Enterprise": "enterprises",
        "Cadre": "cadres",
        "Household": "households",
        "PartyMember": "party_members",
        "CentralHousehold": "central_households",
        "Checkpoint": "checkpoints",
        "MedicalWorker": "medical_workers",
        "Recognition": "recognitions",
        "PartyApplication": "party_applications",
        "DutyDeath": "duty_deaths",
    }.get(label)
    if section is None:  # the item is a region
        return item_id
    return next(r.region_id for r in getattr(bundle, section) if r.id == item_id)


@pytest.mark.parametrize("metric", [m.name for m in METRICS])
def test_planted_gaps_are_reported_where_they_are(xuzhou, seed_bundle, seed_reference, metric):
    """Each gap's region path ends at the item's own region, and every county and town counts
    exactly the planted gaps located under it."""
    gaps = service.all_gaps(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)
    per_county: Counter[str] = Counter()
    for g in gaps:
        region = _region_of(seed_bundle, g["label"], g["id"])
        if region is None:  # a medical worker with no family region: the city's, no path
            assert g["region_path"] == []
            continue
        assert [p["id"] for p in g["region_path"]] == list(reversed(seed_reference.ancestors(region)))
        assert [p["level"] for p in g["region_path"]] == ["city", "county", "town", "village"][: len(g["region_path"])]
        if len(g["region_path"]) > 1:
            per_county[g["region_path"][1]["id"]] += 1
    cov = service.coverage(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)
    assert {c["id"]: c["total"] - c["covered"] for c in cov["children"] if c["total"] > c["covered"]} == dict(per_county)
    for county, n in per_county.items():
        assert service.gaps(xuzhou, metric=metric, region_id=county, as_of=DAY, policy=POLICY)["total"] == n


def test_enterprise_gaps_name_the_missing_levels(xuzhou):
    cases = planted_cases(2020, "demo")["enterprise_pairing"]
    required = {k: [lvl.value for lvl in v] for k, v in POLICY.enterprise_pairing.required_levels.items()}
    for g in service.all_gaps(xuzhou, metric="enterprise_pairing", region_id=CITY, as_of=DAY, policy=POLICY):
        case = cases[g["id"]]
        expected = required[g["details"]["kind"]] if case == "unpaired" else MISSING_BY_CASE[case]
        assert g["details"]["missing_levels"] == expected, (g["id"], case)
        assert bool(g["details"]["outside_jurisdiction"]) == (case == "outside_jurisdiction"), g["id"]
        assert "within jurisdiction" in g["reason"]


def test_other_planted_cases_carry_their_details(xuzhou):
    def details(metric):
        return {g["id"]: g["details"] for g in service.all_gaps(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)}

    cases = planted_cases(2020, "demo")
    yesterday = (DAY - dt.timedelta(days=1)).isoformat()
    for hid, case in cases["household_linkage"].items():
        assert (details("household_linkage")[hid]["last_link_ended"] == yesterday) == (case == "link_ended")
    for mid, case in cases["member_link_load"].items():
        assert details("member_link_load")[mid]["active_links"] == int(case.split("_")[1])
    for cid, case in cases["central_household_size"].items():
        assert details("central_household_size")[cid]["members"] == int(case.split("_")[0])
    overloaded = details("cadre_load")
    assert {cid: d["active_pairings"] - d["maximum"] for cid, d in overloaded.items()} == dict.fromkeys(overloaded, 1)
    funding = details("community_funding")
    assert sorted(d["allocated"] for d in funding.values()) == [0.0, 49_999.0]


@pytest.mark.parametrize("metric", [m.name for m in METRICS])
def test_cypher_equals_the_reference_on_the_seed(xuzhou, seed_reference, metric):
    regions = [CITY, "320321", "320321-004", "320311-008"]
    for region in regions:
        top, groups = service.rollup(xuzhou, metric=metric, region_id=region, as_of=DAY, policy=POLICY)
        want = seed_reference.rollup(metric, region_id=region, as_of=DAY, policy=POLICY)
        assert (top["covered"], top["total"]) == want["region"]
        assert {g["id"]: (g["covered"], g["total"]) for g in groups} == want["groups"]
    got = {g["id"]: g["details"] for g in service.all_gaps(xuzhou, metric=metric, region_id=CITY, as_of=DAY, policy=POLICY)}
    assert got == {g.id: g.details for g in seed_reference.gaps(metric, region_id=CITY, as_of=DAY, policy=POLICY)}


def test_coverage_differs_between_dates(xuzhou, seed_reference):
    """About 4 % of town pairings were handed over on 2020-02-15 (the old one ends the day before)."""
    cmp = service.compare(xuzhou, metric="enterprise_pairing", region_id=CITY, before=dt.date(2020, 2, 14), after=DAY, policy=POLICY)
    for day, key in ((dt.date(2020, 2, 14), "covered_before"), (DAY, "covered_after")):
        assert cmp[key] == seed_reference.rollup("enterprise_pairing", region_id=CITY, as_of=day, policy=POLICY)["region"][0]
    assert cmp["covered_after"] - cmp["covered_before"] == cmp["covered_change"]
    assert [c["id"] for c in cmp["children"]] == sorted(c["id"] for c in cmp["children"])


def test_what_if_and_suggestions_on_the_seed(xuzhou, seed_bundle, seed_reference):
    town_cadres = sorted(c.id for c in seed_bundle.cadres if c.level.value == "town")[:3]
    res = what_if(xuzhou, region_id=CITY, as_of=DAY, policy=POLICY, cadres=town_cadres)
    for line in res["metrics"]:
        want = seed_reference.newly_uncovered(line["metric"], region_id=CITY, as_of=DAY, policy=POLICY, unavailable={"cadres": town_cadres})
        assert [i["id"] for i in line["newly_uncovered"]] == want
    assert res["total_newly_uncovered"] > 0

    plan = suggest_enterprise_pairings(xuzhou, region_id=CITY, as_of=DAY, policy=POLICY)
    gaps = {g["id"]: g["details"]["missing_levels"] for g in service.all_gaps(xuzhou, metric="enterprise_pairing", region_id=CITY, as_of=DAY, policy=POLICY)}
    needs = {(e, lvl) for e, levels in gaps.items() for lvl in levels}
    closed = {(s["enterprise_id"], s["level"]) for s in plan["suggestions"]}
    open_ = {(u["enterprise_id"], u["level"]) for u in plan["unresolvable"]}
    assert closed | open_ == needs and not closed & open_
    assert closed, "the seed has cadres with spare capacity"
    cadres = {c.id: c for c in seed_bundle.cadres}
    enterprises = {e.id: e for e in seed_bundle.enterprises}
    maxima = {k.value: v for k, v in POLICY.cadre_load.max_active_pairings.items()}
    load = Counter()
    for s in plan["suggestions"]:
        cadre, ent = cadres[s["cadre_id"]], enterprises[s["enterprise_id"]]
        assert cadre.level.value == s["level"]
        assert cadre.region_id == seed_reference.ancestor_at(ent.region_id, s["level"])  # jurisdiction
        assert s["cadre_name"] is None  # personal data hidden by default
        load[s["cadre_id"]] += 1
    current = seed_reference.evaluate("cadre_load", as_of=DAY, policy=POLICY)
    for cid, extra in load.items():
        assert current[cid].details["active_pairings"] + extra <= maxima[cadres[cid].level.value]  # capacity
    # nothing was written
    assert [g["id"] for g in service.all_gaps(xuzhou, metric="enterprise_pairing", region_id=CITY, as_of=DAY, policy=POLICY)] == sorted(gaps)


def test_seed_figures_at_city_level(xuzhou):
    """The closing figures: every metric for the city as of 2020-03-31."""
    card = service.scorecard(xuzhou, region_id=CITY, as_of=DAY, policy=POLICY)
    figures = {line["metric"]: (line["covered"], line["total"]) for line in card["metrics"]}
    e = expected_figures("demo")
    assert figures["enterprise_pairing"] == (e["enterprises"] - 17, e["enterprises"])
    assert figures["party_org_presence"] == (e["party_orgs_village_level"], e["regions_village_level"])
    assert figures["household_linkage"] == (e["households"] - 5, e["households"])
    assert figures["community_funding"] == (e["communities_funded_to_standard"], e["communities"])
    assert figures["medical_family_support"] == (e["medical_workers_supported"], e["medical_workers"])
    assert figures["cadre_load"] == (e["cadres"] - 3, e["cadres"])
    for line in card["metrics"]:
        print(f"{line['metric']:24s} {line['covered']:>7} / {line['total']:<7} {line['ratio']:.4f} {line['status']}")
