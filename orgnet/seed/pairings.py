"""The pairing of cadres with enterprises: for every enterprise, the least-loaded cadre of each
level its kind requires, within that cadre's jurisdiction, with the planted cases (missing, ended,
outside the jurisdiction, overloaded) drawn by :class:`~orgnet.seed.scenario.Scenario`."""

from __future__ import annotations

import datetime as dt
import random

from orgnet.graph.model import Pairing
from orgnet.seed import xuzhou
from orgnet.seed.draws import in_2020, random_day
from orgnet.seed.facts import MAX_ACTIVE_PAIRINGS, REQUIRED_LEVELS, ROTATED_PAIRING_SHARE, ROTATION_DAY, VILLAGE_PAIRING_SHARE, Level
from orgnet.seed.plans import PlannedCadre, PlannedEnterprise


class Pairer:
    """Pairs cadres with enterprises: least-loaded in-jurisdiction cadre per required level."""

    def __init__(
        self,
        *,
        rng: random.Random,
        hierarchy: xuzhou.Hierarchy,
        today: dt.date,
        yesterday: dt.date,
        cadre_rows: list[PlannedCadre],
        overloaded: dict[Level, str],
        enterprises: list[PlannedEnterprise],
        enterprise_cases: dict[str, str],
        free_enterprises: dict[str, list[PlannedEnterprise]],
    ) -> None:
        self.rng, self.hierarchy, self.today, self.yesterday = rng, hierarchy, today, yesterday
        self.cadre_rows, self.overloaded, self.enterprises = cadre_rows, overloaded, enterprises
        self.enterprise_cases, self.free_enterprises = enterprise_cases, free_enterprises
        self.load: dict[str, int] = {c.id: 0 for c in cadre_rows}
        self.out: list[Pairing] = []
        excluded = set(overloaded.values())
        self.pools: dict[tuple[Level, str], list[str]] = {}
        for c in cadre_rows:
            if c.id not in excluded:
                self.pools.setdefault((c.level, c.region_id), []).append(c.id)

    def run(self) -> list[Pairing]:
        for e in self.enterprises:
            case = self.enterprise_cases.get(e.id)
            if case != "unpaired":
                for level in REQUIRED_LEVELS[e.kind]:
                    self._pair_level(e, level, case)
            if case is None and e.in_village and self.rng.random() < VILLAGE_PAIRING_SHARE:
                self._pair_village(e)
        self._overload()
        return self.out

    def _since(self) -> dt.date:
        return random_day(self.rng, in_2020(1, 27), in_2020(2, 20))

    def _add(self, cadre_id: str, e: PlannedEnterprise, since: dt.date, until: dt.date | None = None) -> None:
        self.out.append(Pairing(cadre_id=cadre_id, enterprise_id=e.id, since=since, until=until))
        if until is None or until >= self.today:
            self.load[cadre_id] += 1

    def _least_loaded(self, level: Level, region_id: str, exclude: str = "") -> str:
        pool = [c for c in self.pools[(level, region_id)] if c != exclude]
        best = min(pool, key=lambda c: self.load[c])
        if self.load[best] >= MAX_ACTIVE_PAIRINGS[level]:
            raise RuntimeError(f"no {level.value} cadre with spare capacity in {region_id}")
        return best

    @staticmethod
    def _jurisdiction(e: PlannedEnterprise, level: Level) -> str:
        by_level = {Level.city: xuzhou.CITY_ID, Level.county: e.county_id, Level.town: e.town_id}
        return by_level.get(level, e.region_id)

    def _pair_level(self, e: PlannedEnterprise, level: Level, case: str | None) -> None:
        if (case, level) in (("missing_town", Level.town), ("missing_county", Level.county)):
            return
        if (case, level) in (("ended_town", Level.town), ("ended_city", Level.city)):
            self._add(self._least_loaded(level, self._jurisdiction(e, level)), e, self._since(), self.yesterday)
            return
        if (case, level) == ("outside_jurisdiction", Level.town):
            others = [t.id for t in self.hierarchy.children(e.county_id) if t.id != e.town_id]
            self._add(self._least_loaded(level, self.rng.choice(others)), e, self._since())
            return
        region = self._jurisdiction(e, level)
        cadre = self._least_loaded(level, region)
        if case is None and level == Level.town and self.rng.random() < ROTATED_PAIRING_SHARE:
            before = self._least_loaded(level, region, exclude=cadre)
            self._add(before, e, random_day(self.rng, in_2020(1, 27), in_2020(2, 7)), ROTATION_DAY - dt.timedelta(days=1))
            self._add(cadre, e, ROTATION_DAY)
            return
        self._add(cadre, e, self._since())

    def _pair_village(self, e: PlannedEnterprise) -> None:
        cadre = f"cadre-v-{e.region_id}"
        if self.load[cadre] < MAX_ACTIVE_PAIRINGS[Level.village]:
            self._add(cadre, e, self._since())

    def _overload(self) -> None:
        regions = {c.id: c.region_id for c in self.cadre_rows}
        for level, cadre_id in self.overloaded.items():
            targets = self.free_enterprises[regions[cadre_id]]
            for e in self.rng.sample(targets, MAX_ACTIVE_PAIRINGS[level] + 1):
                self._add(cadre_id, e, self._since())
