"""The province seed (orgnet/seed/province.py): real hierarchy, Xuzhou as the city scenario,
the other cities in proportion to their village-level units, deterministic."""

from __future__ import annotations

import itertools
from collections import Counter

from orgnet.graph.model import Bundle, Level
from orgnet.seed import facts, generator, province, xuzhou


def _records(**kw):
    return [(s, r.model_dump_json()) for s, batch in province.generate(**kw) for r in batch]


def test_same_seed_same_records_and_sections_in_bundle_order():
    one, two = _records(cities=["321100"], density=0.01), _records(cities=["321100"], density=0.01)
    assert one == two
    order = [s for s, _ in itertools.groupby(s for s, _ in one)]
    assert order == [s for s in Bundle.SECTIONS if s in order]


def test_the_province_sits_under_the_nation_and_every_city_under_the_province():
    h = province.load_province()
    assert [c["code"] for c in h["cities"]][:3] == ["320100", "320200", "320300"] and len(h["cities"]) == 13
    regions = [r for s, b in province.generate(cities=["321100", "320300"], density=0.01) if s == "regions" for r in b]
    by_id = {r.id: r for r in regions}
    assert by_id["100000"].level == Level.nation and by_id["100000"].parent_id is None
    assert by_id["320000"].parent_id == "100000"
    assert {r.id: r.parent_id for r in regions if r.level == Level.city} == {"320300": "320000", "321100": "320000"}
    assert all(r.parent_id in by_id for r in regions if r.parent_id)  # every parent is loaded too
    assert sum(r.level == Level.village for r in regions) == xuzhou.VILLAGE_LEVEL_UNITS + province.units(province.city(h, "321100"))


def test_xuzhou_is_the_city_scenario_and_the_others_follow_their_village_count():
    ours = Counter(s for s, b in province.generate(cities=["320300"]) for _ in b)
    city_scenario = Counter(s for s, b in generator.generate(scale="demo") for _ in b)
    assert ours == city_scenario + Counter(regions=2)  # plus the nation and the province
    small = Counter(s for s, b in province.generate(cities=["321100"]) for _ in b)  # 镇江市: 634 units
    wanted = round(facts.RURAL_MEMBERS / facts.DEMO_RURAL_DIVISOR * 634 / 2637 / facts.CENTRAL_HOUSEHOLD_MEMBERS)
    assert small["central_households"] == wanted
    assert small["party_members"] == 10 * wanted and small["households"] == 100 * wanted
    assert 0 < small["households"] - small["household_links"] < small["households"] // 20
