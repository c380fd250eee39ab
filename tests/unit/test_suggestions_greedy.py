"""The greedy plan of uniform parts (orgnet/coverage/suggestions.py) is a min-cost maximum flow: on
random cases it serves as many needs, at the same total cost, as networkx's network simplex on the
whole network, and never gives a cadre more than its free slots."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from orgnet.coverage import suggestions

MAXIMA = {"city": 4, "county": 3, "town": 5}


def _case(rng: random.Random) -> list[dict]:
    rows = []
    jurisdictions = {lvl: [f"{lvl}-{j}" for j in range(rng.randint(1, 3))] for lvl in MAXIMA}
    cadres = {
        j: [{"cadre_id": f"c-{j}-{k}", "cadre_name": None, "active_pairings": rng.randint(0, 5)} for k in range(rng.randint(0, 3))]
        for js in jurisdictions.values()
        for j in js
    }
    shared = {"cadre_id": "c-both", "cadre_name": None, "active_pairings": 1}  # a cadre in two jurisdictions couples them
    for e in range(rng.randint(1, 25)):
        for lvl in rng.sample(sorted(MAXIMA), rng.randint(1, 2)):
            j = rng.choice(jurisdictions[lvl])
            cands = list(cadres[j]) + ([shared] if lvl == "town" and rng.random() < 0.2 else [])
            rows.append({"enterprise_id": f"e{e:02d}", "enterprise_name": "", "kind": "non_public", "region_id": "v", "region_level": "village",
                         "level": lvl, "jurisdiction_id": j, "jurisdiction_name": j, "distance": rng.randint(0, 3), "candidates": cands})  # fmt: skip
    return rows


def _measure(plan: dict) -> tuple[int, int, Counter]:
    cost = sum(s["distance"] * suggestions.DISTANCE_COST + s["pairings_before"] for s in plan["suggestions"])
    return len(plan["suggestions"]), cost, Counter(s["cadre_id"] for s in plan["suggestions"])


@pytest.mark.parametrize("seed", range(40))
def test_the_greedy_parts_match_networkx_on_the_whole_network(seed, monkeypatch):
    rows = _case(random.Random(seed))
    fast = suggestions.plan_pairings(rows, maxima=MAXIMA)
    monkeypatch.setattr(suggestions, "_independent_parts", lambda needs: [(needs, False)])  # networkx on the whole network
    slow = suggestions.plan_pairings(rows, maxima=MAXIMA)
    n_fast, cost_fast, load = _measure(fast)
    assert (n_fast, cost_fast) == _measure(slow)[:2]
    actives = {c["cadre_id"]: c["active_pairings"] for r in rows for c in r["candidates"]}
    levels = {c["cadre_id"]: r["level"] for r in rows for c in r["candidates"]}
    assert all(actives[c] + n <= max(MAXIMA[levels[c]], actives[c]) for c, n in load.items())
    assert len(fast["suggestions"]) + len(fast["unresolvable"]) == len(rows)
