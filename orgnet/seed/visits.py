"""Enterprise visits in the seed scenario (issue 26): every pairing in force on the scenario's day has
a visit by its cadre in the 30 days up to that day (the default policy's window), except a few
planted gaps (PLANTED.md, ``pairing_visits``).

In the field, visits come from the phone; the seed records them so the metric has something to
measure.  Planted gaps: an enterprise whose cadre never visited (one of them visited only by another
of its cadres), one whose cadre's last visit is 30 days old (the day before the window opens), one
whose cadre's only recent visit is dated the day after the scenario's day (it does not count on
the day).  Not gaps, to exercise the rules: visits on the window's first day, and pairings that ended
yesterday, which need no visit on the day (``enterprise_pairing``'s ``ended_*`` cases; they were visited
while in force).

>>> from orgnet.seed.scenario import Scenario
>>> from orgnet.seed.facts import DEFAULT_TODAY
>>> plan = VisitPlan(Scenario(2020, "demo", DEFAULT_TODAY))
>>> sorted(set(plan.planted_cases()["pairing_visits"].values()))
['late_only', 'never', 'other_cadre_only', 'window_day_before']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property

from orgnet.graph.model import EnterpriseVisit, Pairing
from orgnet.seed.draws import random_day
from orgnet.seed.scenario import Scenario

WINDOW_DAYS = 30  # the default policy's pairing_visits.window_days
PLANTED_VISIT_CASES = (("never", 2), ("other_cadre_only", 1), ("window_day_before", 1), ("late_only", 1))
PLANTED_COUNTS = {"pairing_visits": sum(n for _, n in PLANTED_VISIT_CASES)}


class VisitPlan:
    """The visits of one scenario (one per pairing in force, a few thousand records)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.today = scenario.today
        self.start = self.today - dt.timedelta(days=WINDOW_DAYS - 1)

    @cached_property
    def in_force(self) -> dict[str, list[Pairing]]:
        """Enterprise id → its pairings in force on the day, in the pairer's order."""
        out: dict[str, list[Pairing]] = {}
        for p in self.scenario.pairings:
            if p.since <= self.today and (p.until is None or self.today <= p.until):
                out.setdefault(p.enterprise_id, []).append(p)
        return out

    @cached_property
    def visited(self) -> dict[str, list[Pairing]]:
        """Enterprise id → its pairings in force on the day or two days before (those that ended
        yesterday were visited while in force, so nothing else is uncovered on the eve of the planted
        endings), in the pairer's order."""
        eve = self.today - dt.timedelta(days=2)
        out: dict[str, list[Pairing]] = {}
        for p in self.scenario.pairings:
            if p.since <= self.today and (p.until is None or eve <= p.until):
                out.setdefault(p.enterprise_id, []).append(p)
        return out

    @cached_property
    def cases(self) -> dict[str, str]:
        """The planted enterprises (with at least two pairings in force, none of enterprise_pairing's cases) → case."""
        rng = self.scenario.rng("visits", "planted")
        planted = set(self.scenario.enterprise_cases)
        eligible = [e for e, ps in self.in_force.items() if len(ps) >= 2 and e not in planted]
        chosen = rng.sample(eligible, sum(n for _, n in PLANTED_VISIT_CASES))
        cases = [case for case, n in PLANTED_VISIT_CASES for _ in range(n)]
        return dict(zip(chosen, cases, strict=True))

    def planted_cases(self) -> dict[str, dict[str, str]]:
        return {"pairing_visits": dict(sorted(self.cases.items()))}

    def build_enterprise_visits(self) -> Iterator[EnterpriseVisit]:
        rng = self.scenario.rng("visits")
        region = {e.id: e.region_id for e in self.scenario.enterprises}
        n = 0

        def visit(p: Pairing, day: dt.date, cadre_id: str | None = None) -> EnterpriseVisit:
            nonlocal n
            n += 1
            who = cadre_id or p.cadre_id
            return EnterpriseVisit(
                id=f"ev-{n:06d}", date=day, cadre_id=who, enterprise_id=p.enterprise_id, region_id=region[p.enterprise_id], recorded_by=f"{who} 的手机"
            )

        for enterprise_id in sorted(self.visited):
            pairings = self.visited[enterprise_id]
            case = self.cases.get(enterprise_id)
            for p in pairings:
                # the planted case concerns the enterprise's last pairing in force on the day
                missed = case is not None and p is self.in_force[enterprise_id][-1]
                if not missed:
                    # on the window's first day now and then, else any day in it up to two days before the day (so
                    # that nothing else is uncovered two days before: the eve of the planted endings)
                    day = self.start if rng.random() < 0.05 else random_day(rng, self.start, self.today - dt.timedelta(days=2))
                    yield visit(p, day)
                elif case == "other_cadre_only":
                    yield visit(p, self.today, cadre_id=self.in_force[enterprise_id][0].cadre_id)
                elif case == "window_day_before":
                    yield visit(p, self.start - dt.timedelta(days=1))
                elif case == "late_only":
                    yield visit(p, self.today - dt.timedelta(days=45))
                    yield visit(p, self.today + dt.timedelta(days=1))
