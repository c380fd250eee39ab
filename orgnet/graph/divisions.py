"""GB/T 2260 division ids above the city: how the nation and a province are recognised.

A city graph is rooted at its city (徐州市 in the demo); a province graph (``orgnet seed --scale
province``, issue 15) adds the province and the nation above its cities.  Region ids are GB/T 2260
codes, unique nationally, so the levels above the city are known from the id alone: a region path
(topmost first) then tells its own levels without storing them.

>>> top_of_path(["100000", "320000", "320300"]), top_of_path(["320000"]), top_of_path(["320300", "320321"]), top_of_path([])
('nation', 'province', 'city', 'city')
>>> level_problem("320000", "province", "100000"), level_problem("320001", "province", "100000")
(None, "a province's id is its GB/T 2260 code: two digits then 0000 (江苏省 320000)")
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NATION_ID = "100000"
"""The nation's id: the root when provinces are loaded."""
PROVINCE_ID = re.compile(r"^(?!100000$)[1-9][0-9]0000$")
"""A province's code ends in 0000 (江苏省 320000); a city's ends in 00 but never in 0000."""
ROOT_LEVELS = ("nation", "province", "city")
"""Levels a region without a parent may have (a city is the root of a city graph)."""


def top_of_path(path_ids: Sequence[str]) -> str:
    """The level of the first region of an ancestor path: the nation or a province by id, else a city."""
    if path_ids and path_ids[0] == NATION_ID:
        return "nation"
    return "province" if path_ids and PROVINCE_ID.match(path_ids[0]) else "city"


def level_problem(region_id: str, level: str, parent_id: str | None) -> str | None:
    """Why a region's id, level and parent do not fit together (None: they do)."""
    if (region_id == NATION_ID) != (level == "nation") or (level == "nation" and parent_id is not None):
        return f"the nation, and only the nation, has the id {NATION_ID} and no parent"
    if bool(PROVINCE_ID.match(region_id)) != (level == "province"):
        return "a province's id is its GB/T 2260 code: two digits then 0000 (江苏省 320000)"
    if parent_id is None and level not in ROOT_LEVELS:
        return "only a city, a province or the nation may have no parent_id"
    return None
