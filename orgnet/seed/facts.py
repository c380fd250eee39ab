"""The seed scenario's figures: the article's (docs/design.md §1), the scenario's own choices where
the article gives none, the default policy they are planted against, and the planted gaps
(``orgnet/seed/PLANTED.md``).  Read by every module of the seed; none of them writes a figure twice."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from orgnet.graph.model import Level

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
GRASSROOTS_APPLICANTS = 629  # 在一线递交入党申请
MEDICAL_APPLICANTS = 72  # among the medical workers sent to Wuhan
TALENT_APPLICANTS = 100  # grassroots talents who are not members (our choice: the article gives no split)
CADRE_APPLICANTS = GRASSROOTS_APPLICANTS - MEDICAL_APPLICANTS - TALENT_APPLICANTS
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
INCENTIVE_METRICS = ("frontline_recognition", "record_backed_promotion", "application_followup", "duty_death_family_care")
"""The metrics whose records :mod:`orgnet.seed.incentives` builds."""
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
    *INCENTIVE_METRICS,
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
