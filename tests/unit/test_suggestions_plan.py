"""The min-cost-flow plan on hand-made candidate rows (no database)."""

from __future__ import annotations

from orgnet.coverage.suggestions import plan_pairings

MAXIMA = {"city": 5, "county": 8, "town": 10, "village": 6}


def need(e: str, level: str = "town", jurisdiction: str | None = "T1", candidates=(), distance: int = 1) -> dict:
    return {
        "enterprise_id": e,
        "enterprise_name": f"name-{e}",
        "kind": "non_public",
        "region_id": "V1",
        "region_level": "village",
        "level": level,
        "jurisdiction_id": jurisdiction,
        "jurisdiction_name": "一镇" if jurisdiction else None,
        "distance": distance,
        "candidates": [{"cadre_id": c, "cadre_name": f"n-{c}", "active_pairings": n} for c, n in candidates],
    }


def test_capacity_is_respected_and_load_spreads():
    rows = [need(f"e{i}", candidates=[("busy", 8), ("idle", 0)]) for i in range(6)]
    plan = plan_pairings(rows, maxima=MAXIMA)
    chosen = [s["cadre_id"] for s in plan["suggestions"]]
    assert len(chosen) == 6 and not plan["unresolvable"]
    assert chosen.count("busy") <= 2
    # with convex costs the idle cadre takes the first ones: busy only when idle reaches 8
    assert chosen.count("idle") == 6


def test_what_cannot_be_closed_says_why():
    rows = [
        need("e1", candidates=[]),
        need("e2", candidates=[("full", 10)]),
        need("e3", level="village", jurisdiction=None),
        need("e4", candidates=[("c", 9)]),
        need("e5", candidates=[("c", 9)]),
    ]
    plan = plan_pairings(rows, maxima=MAXIMA)
    reasons = {u["enterprise_id"]: u["reason"] for u in plan["unresolvable"]}
    assert [s["enterprise_id"] for s in plan["suggestions"]] == ["e4"]
    assert reasons["e1"].startswith("No town-level cadre serves in 一镇 (T1)")
    assert "already holds the maximum of 10" in reasons["e2"]
    assert "above the village level" in reasons["e3"]
    assert "taken by other suggestions" in reasons["e5"]


def test_each_level_is_its_own_need_and_the_plan_is_deterministic():
    rows = [need("e1", level="county", jurisdiction="K1", candidates=[("k", 0)], distance=2), need("e1", candidates=[("t", 0)])]
    a = plan_pairings(rows, maxima=MAXIMA)
    assert [(s["level"], s["cadre_id"], s["pairings_after"]) for s in a["suggestions"]] == [("county", "k", 1), ("town", "t", 1)]
    assert plan_pairings(list(reversed(rows)), maxima=MAXIMA) == a
    assert plan_pairings([], maxima=MAXIMA) == {"suggestions": [], "unresolvable": []}


def test_an_applied_suggestion_leaves_the_other_towns_suggestions_as_they_were():
    """Issue 24 §8: after an Apply in one town the suggestions of another changed (network simplex
    picked another of several optima of equal cost, as the whole network had changed)."""
    towns = {"T1": ["a1", "a2", "a3"], "T2": ["b1", "b2", "b3", "b4"], "T3": ["c1", "c2"]}
    loads = {"a1": 2, "a2": 2, "a3": 1, "b1": 3, "b2": 3, "b3": 0, "b4": 0, "c1": 1, "c2": 1}

    def rows(loads, skip=()):
        return [
            need(f"e-{t}-{k}", jurisdiction=t, candidates=[(c, loads[c]) for c in cadres])
            for t, cadres in towns.items()
            for k in range(5)
            if f"e-{t}-{k}" not in skip
        ]

    def elsewhere(plan, town):
        return [(s["enterprise_id"], s["cadre_id"], s["pairings_before"]) for s in plan["suggestions"] if s["jurisdiction_id"] != town]

    before = plan_pairings(rows(loads), maxima=MAXIMA)
    assert plan_pairings(rows(loads), maxima=MAXIMA) == before  # the same input, the same plan
    for town in towns:
        for applied in [s for s in before["suggestions"] if s["jurisdiction_id"] == town]:
            after = plan_pairings(rows({**loads, applied["cadre_id"]: loads[applied["cadre_id"]] + 1}, skip={applied["enterprise_id"]}), maxima=MAXIMA)
            assert elsewhere(after, town) == elsewhere(before, town), applied
