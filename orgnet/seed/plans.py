"""The small rows the seed scenario plans before it writes records: enterprises, cadres and volunteer
teams, as the scenario, the pairer and the incentives read them."""

from __future__ import annotations

from dataclasses import dataclass

from orgnet.graph.model import Level


@dataclass(frozen=True)
class PlannedEnterprise:
    """An enterprise with the town and county it lies in (``in_village``: located in a village of the town)."""

    id: str
    name: str
    kind: str
    region_id: str
    town_id: str
    county_id: str
    in_village: bool


@dataclass(frozen=True)
class PlannedCadre:
    """A cadre's id, level and the region of its jurisdiction."""

    id: str
    level: Level
    region_id: str


@dataclass(frozen=True)
class PlannedTeam:
    """A city-organ volunteer team: its number, organisation and size."""

    id: str
    index: int
    org_id: str
    size: int
