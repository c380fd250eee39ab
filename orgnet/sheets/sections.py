"""Which sheet holds which bundle section, and its columns: the one table templates, the parser,
the dry run and the exports read.

A sheet is one section of the import bundle (docs/operators/import-bundles.md, the model in
``orgnet/graph/model.py``): a row is one record, a column one field.  Row 1 holds the Chinese
header, row 2 the field name (so a sheet is readable by a person and by a program), data starts on
row 3.  A column has a type:

- ``id``: text (leading zeros and dashes survive), checked by the model's id rule;
- ``text``: free text (the model's ``clean_text``);
- ``date``: a day (the parser reads the forms offices write, :func:`orgnet.sheets.reader.parse_date`);
- ``enum``: one of ``choices`` (code, Chinese label); either is accepted, the label is written;
- ``enums``: several of them, separated by ``、`` ``,`` ``，`` or ``;``;
- ``flag``: 是 / 否 (also yes/no, true/false, 1/0);
- ``int``: a whole number; ``money``: yuan, at most two decimals;
- ``idnumber``: a 身份证号, only to match (``match_only``: no field of the bundle; kept as a keyed
  hash, :mod:`orgnet.sheets.identity`).

>>> SECTIONS["party_members"].sheet, [c.field for c in SECTIONS["party_members"].columns][:3]
('党员', ['id', 'name', 'org_id'])
>>> by_sheet("党员联系户").section
'household_links'
>>> SECTIONS["allocations"].column("fund").label_of("city_party_fee")
'市级党费'
>>> SECTIONS["allocations"].column("fund").code_of("市级党费"), SECTIONS["allocations"].column("fund").code_of("city_party_fee")
('city_party_fee', 'city_party_fee')
>>> sorted(set(SECTIONS) - set(SECTION_MODELS))
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from orgnet.graph.model import SECTION_MODELS, Duty

ColumnType = Literal["id", "text", "date", "enum", "enums", "flag", "int", "money", "idnumber"]
Choices = tuple[tuple[str, str], ...]

FLAG_CHOICES: Choices = (("true", "是"), ("false", "否"))
ENTERPRISE_KINDS: Choices = (("city_owned", "市属国有企业"), ("non_public", "非公企业"), ("talent", "人才企业"))
TARGET_TYPES: Choices = (("region", "村(社区)"), ("checkpoint", "卡口"))
SUPPORTER_TYPES: Choices = (("party_org", "党组织"), ("cadre", "干部"))
PERSON_TYPES: Choices = (("cadre", "干部"), ("party_member", "党员"), ("medical_worker", "医务人员"), ("talent", "人才"))
FUNDS: Choices = (
    ("city_party_fee", "市级党费"),
    ("pengcheng_care_fund", "彭城关爱基金"),
    ("county_party_fee", "县级党费"),
    ("community_standard", "社区标准经费"),
)
DUTIES: Choices = (
    ("rail_station_exit", "火车站出站口"),
    ("transport_hub", "交通枢纽"),
    ("duty_registration", "值守登记"),
    ("door_to_door_screening", "入户排查"),
    ("temperature_check", "体温检测"),
    ("supply_delivery", "物资配送"),
    ("disinfection", "消毒消杀"),
)
RECORD_KINDS: Choices = (("duty", "值守"), ("major_event", "重大事件"), ("positive_case", "正面典型"), ("negative_case", "反面典型"))
RECOGNITION_KINDS: Choices = (
    ("noted", "纳入组织视野"),
    ("promoted", "提拔晋升"),
    ("commended", "表彰嘉奖"),
    ("posthumous_honour", "追授"),
    ("advanced_individual", "先进个人"),
    ("excellent_assessment", "年度考核优秀"),
    ("talent_programme", "人才工程"),
    ("rest_leave", "优先疗养"),
    ("care_payment", "关爱慰问金"),
    ("pioneer", "抗疫先锋"),
)
RECOGNITION_LEVELS: Choices = (("province", "省级"), ("city", "市级"), ("county", "县级"), ("town", "镇级"), ("unit", "单位"))
assert {c for c, _ in DUTIES} == set(Duty.__args__)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    type: ColumnType = "text"
    choices: Choices = ()
    required: bool = True
    note: str = ""
    match_only: bool = False  # read to match a row to a stored record, never written as a field

    def label_of(self, code: str) -> str:
        return dict(self.choices).get(code, code)

    def code_of(self, text: str) -> str | None:
        """The code of a choice given as its code or its label (``None``: neither)."""
        for code, label in self.choices:
            if text in (code, label):
                return code
        return None


@dataclass(frozen=True)
class Section:
    section: str  # the bundle section
    sheet: str  # the sheet's (Chinese) name
    title: str  # what the office calls the list
    columns: tuple[Column, ...]
    example: tuple[str, ...] = field(default=())  # one filled row, as a planner would type it

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    @property
    def is_assignment(self) -> bool:
        return "since" in self.fields


def _id(header: str, name: str, required: bool = True, note: str = "") -> Column:
    return Column(header, name, "id", required=required, note=note)


def _period() -> tuple[Column, Column]:
    return Column("开始日期", "since", "date"), Column("结束日期", "until", "date", required=False, note="空: 仍在进行")


_SECTIONS = (
    Section(
        "party_members",
        "党员",
        "党员花名册",
        (
            _id("党员编号", "id", required=False, note="空: 按姓名和居住村(社区)匹配"),
            Column("姓名", "name"),
            _id("所在党组织编号", "org_id"),
            _id("居住村(社区)编号", "region_id", note="见“村(社区)”表"),
            Column("农村党员", "rural", "flag", FLAG_CHOICES, required=False),
            Column("市直机关党员", "city_organ", "flag", FLAG_CHOICES, required=False),
            _id("中心户编号", "central_household_id", required=False),
            Column("身份证号", "id_number", "idnumber", required=False, note="仅用于匹配, 只保存其密钥散列, 不显示不导出", match_only=True),
        ),
        ("pm-320321-0001", "示例党员", "po-320321-001-001", "320321-001-001", "是", "否", "", ""),
    ),
    Section(
        "household_links",
        "党员联系户",
        "党员联系户名单",
        (_id("党员编号", "member_id"), _id("户编号", "household_id"), *_period()),
        ("pm-320321-0001", "hh-320321-001-001-01", "2020-02-01", ""),
    ),
    Section(
        "pairings",
        "联挂干部企业",
        "联挂干部与企业名单",
        (_id("干部编号", "cadre_id"), _id("企业编号", "enterprise_id"), *_period()),
        ("cadre-city-1", "ent-00001", "2020-02-01", ""),
    ),
    Section(
        "volunteer_teams",
        "志愿服务队",
        "志愿服务队名单",
        (_id("服务队编号", "id"), Column("服务队名称", "name"), _id("所属党组织编号", "org_id", required=False)),
        ("team-320321-001", "丰县党员志愿服务队", "po-320321-001-001"),
    ),
    Section(
        "team_memberships",
        "服务队队员",
        "志愿服务队队员名单",
        (_id("党员编号", "member_id"), _id("服务队编号", "team_id"), *_period()),
        ("pm-320321-0001", "team-320321-001", "2020-02-01", ""),
    ),
    Section(
        "deployments",
        "服务队排班",
        "志愿服务队排班(部署)",
        (
            _id("服务队编号", "team_id"),
            Column("部署到", "target_type", "enum", TARGET_TYPES),
            _id("村(社区)或卡口编号", "target_id"),
            Column("任务", "duties", "enums", DUTIES, required=False, note="多项用顿号、分隔"),
            *_period(),
        ),
        ("team-320321-001", "村(社区)", "320321-001-001", "值守登记、体温检测", "2020-02-01", "2020-03-31"),
    ),
    Section(
        "medical_workers",
        "援鄂医疗队员",
        "援鄂医疗队员名单",
        (
            _id("队员编号", "id"),
            Column("姓名", "name"),
            Column("批次", "batch", "int"),
            Column("支援地", "destination"),
            _id("家庭所在村(社区)编号", "region_id", required=False),
        ),
        ("mw-001", "示例队员", "1", "武汉", "320321-001-001"),
    ),
    Section(
        "family_supports",
        "家庭联系",
        "援鄂医疗队员家庭联系表",
        (
            Column("联系方", "supporter_type", "enum", SUPPORTER_TYPES),
            _id("党组织或干部编号", "supporter_id"),
            _id("医疗队员编号", "medical_worker_id"),
            *_period(),
        ),
        ("党组织", "po-320321-001-001", "mw-001", "2020-02-10", ""),
    ),
    Section(
        "allocations",
        "经费拨付",
        "经费拨付表",
        (
            _id("拨付编号", "id"),
            Column("经费来源", "fund", "enum", FUNDS),
            Column("金额(元)", "amount", "money"),
            Column("拨付日期", "date", "date"),
            _id("拨付到(区划编号)", "region_id"),
        ),
        ("alloc-2020-001", "市级党费", "20000", "2020-02-05", "320321-001-001"),
    ),
    Section(
        "frontline_records",
        "战疫纪实",
        "战疫纪实",
        (
            _id("纪实编号", "id"),
            _id("干部编号", "cadre_id"),
            Column("日期", "date", "date"),
            Column("类别", "kind", "enum", RECORD_KINDS),
            _id("地点(区划编号)", "region_id"),
            Column("纪实内容", "text"),
            Column("记录人", "recorded_by"),
        ),
        ("fr-001", "cadre-city-1", "2020-02-03", "值守", "320321-001-001", "在卡口值守", "组织部"),
    ),
    Section(
        "recognitions",
        "表彰",
        "表彰名单",
        (
            _id("表彰编号", "id"),
            Column("人员类别", "person_type", "enum", PERSON_TYPES),
            _id("人员编号", "person_id"),
            Column("表彰类别", "kind", "enum", RECOGNITION_KINDS),
            Column("级别", "level", "enum", RECOGNITION_LEVELS),
            Column("日期", "date", "date"),
            Column("授予单位", "awarding_body"),
            _id("所在区划编号", "region_id"),
        ),
        ("rec-001", "党员", "pm-320321-0001", "先进个人", "县级", "2020-04-01", "中共丰县县委", "320321-001-001"),
    ),
    Section(
        "party_applications",
        "入党申请",
        "入党申请",
        (
            _id("申请编号", "id"),
            Column("申请人类别", "applicant_type", "enum", PERSON_TYPES),
            _id("申请人编号", "applicant_id"),
            _id("申请地(区划编号)", "region_id"),
            Column("递交日期", "submitted_on", "date"),
            Column("确定为积极分子日期", "activist_on", "date", required=False),
            Column("发展为预备党员日期", "probationary_on", "date", required=False),
            Column("转正日期", "full_member_on", "date", required=False),
            Column("不再发展日期", "declined_on", "date", required=False),
            Column("在一线递交", "at_front", "flag", FLAG_CHOICES, required=False),
            Column("火线入党", "joined_at_front", "flag", FLAG_CHOICES, required=False),
        ),
        ("app-001", "人才", "tal-001", "320321-001-001", "2020-02-15", "", "", "", "", "是", "否"),
    ),
)
SECTIONS: dict[str, Section] = {s.section: s for s in _SECTIONS}
SHEETS: dict[str, Section] = {s.sheet: s for s in _SECTIONS}
LOOKUP_SHEET = "村(社区)"
PEOPLE_SHEET = "人员"
INSTRUCTIONS_SHEET = "填表说明"
ERROR_HEADER = "错误 / error"
# Lists an office keeps as one workbook of several sheets: 党员花名册 is the members and the households they link.
GROUPS: dict[str, tuple[str, ...]] = {"party_roster": ("party_members", "household_links")}


def by_sheet(name: str) -> Section | None:
    """The section a sheet holds, by its Chinese name or its section name (a CSV's file name)."""
    name = name.strip()
    return SHEETS.get(name) or SECTIONS.get(name)


def _check() -> None:
    for s in _SECTIONS:
        model_fields = SECTION_MODELS[s.section].model_fields
        extra = {c.field for c in s.columns if not c.match_only} - set(model_fields)
        missing = {n for n, f in model_fields.items() if f.is_required()} - set(s.fields)
        assert not extra and not missing, (s.section, extra, missing)
        assert len(s.example) == len(s.columns), s.section
        assert len(s.sheet) <= 31


_check()
