"""The domain model: every node label, relationship type and the import bundle format.

This module is the one place where the graph's vocabulary is written down (docs/design.md §2);
``orgnet/queries/README.md`` documents the same names for graph explorers, and a test keeps
the two in step.

A *bundle* is a JSON object ``{"format": "orgnet-bundle/1", "<section>": [records...]}``.
Each section holds records of one kind; ids are strings, dates ISO ``YYYY-MM-DD``.
Assignments (pairings, links, deployments, supports, memberships) carry ``since`` and an
optional ``until``: an assignment is *active on* day ``d`` when ``since <= d`` and
(``until`` is empty or ``d <= until``), i.e. ``until`` is the last active day.

It is over 400 lines because the vocabulary is one list that a test compares with the query
library's README: splitting it would make two places to keep in step.

>>> Region(id="320321", name="丰县", level="county", parent_id="320300").level.rank
3
>>> Bundle.model_validate({"format": "orgnet-bundle/1", "regions": []}).total_records()
0
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, model_validator

from orgnet.graph.divisions import level_problem

BUNDLE_FORMAT = "orgnet-bundle/1"

# Strict field types: a bundle says what it means.  JSON ``"100"`` is not a number, ``"yes"`` or
# ``1`` not a boolean, ``0`` or a datetime not a date, and ``1e309`` (which JSON parsers read as
# Infinity) not an amount.  The enums and literals stay as they are: their values are checked anyway.
Id = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Flag = Annotated[bool, Strict()]
Amount = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """``YYYY-MM-DD`` strings become dates; anything else must already be a date (not a datetime).

    >>> _iso_date("2020-02-01")
    datetime.date(2020, 2, 1)
    >>> _iso_date("2020-02-01T00:00:00")
    Traceback (most recent call last):
    ...
    ValueError: a date is a 'YYYY-MM-DD' string, not '2020-02-01T00:00:00'
    """
    if not isinstance(value, str):
        return value  # Strict() below accepts a date instance only: no int, no datetime
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"a date is a 'YYYY-MM-DD' string, not {value[:40]!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a day of the calendar") from None


IsoDate = Annotated[dt.date, Strict(), BeforeValidator(_iso_date)]

# Zero-width joiners shape Indic and Arabic script words; anywhere else they only hide things.
_JOINERS = {"\u200c", "\u200d"}
_NONCHARACTERS = (
    {*map(chr, range(0xFDD0, 0xFDF0))} | {chr(p | 0xFFFE) for p in range(0, 0x110000, 0x10000)} | {chr(p | 0xFFFF) for p in range(0, 0x110000, 0x10000)}
)


def _refused_char(text: str, i: int) -> str | None:
    """Why ``text[i]`` may not be in a bundle text, or ``None``.

    Controls (C0, C1, NUL), format characters (bidi overrides and isolates, zero-width spaces,
    the BOM, soft hyphen, tags), surrogates, line/paragraph separators and noncharacters are
    refused.  Private-use and not yet assigned code points are kept: older systems store rare
    characters of personal names there, and a newer Unicode assigns new CJK ideographs.
    """
    ch = text[i]
    category = unicodedata.category(ch)
    if ch in _JOINERS and 0 < i < len(text) - 1 and all(unicodedata.category(c)[0] in "LM" for c in (text[i - 1], text[i + 1])):
        return None
    what = {"Cc": "control character", "Cf": "format character", "Cs": "surrogate", "Zl": "line separator", "Zp": "paragraph separator"}.get(category)
    if what is None and ch in _NONCHARACTERS:
        what = "noncharacter"
    if what is None:
        return None
    name = unicodedata.name(ch, "")
    return f"contains the {what} U+{ord(ch):04X}{f' ({name})' if name else ''} at position {i}"


def clean_text(value: str) -> str:
    """The one rule for every free text of a bundle: NFC, stripped, not empty, no hidden characters.

    >>> clean_text("  Cafe\u0301 ")
    'Café'
    >>> clean_text("abc\u202edcba")
    Traceback (most recent call last):
    ...
    ValueError: contains the format character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 3
    >>> clean_text(" \u3000 ")
    Traceback (most recent call last):
    ...
    ValueError: must not be empty or only whitespace
    """
    text = unicodedata.normalize("NFC", value)
    # every refused character is non-printable, so the usual name (printable) skips the slow scan;
    # the scan comes before stripping: strip() would silently drop some controls (U+001C-U+001F, U+0085)
    if not text.isprintable():
        for i in range(len(text)):
            if reason := _refused_char(text, i):
                raise ValueError(reason)
    text = text.strip()
    if not text:
        raise ValueError("must not be empty or only whitespace")
    return text


Text = Annotated[str, Strict(), AfterValidator(clean_text)]
Name = Annotated[Text, StringConstraints(max_length=200)]


class Level(StrEnum):
    nation = "nation"
    province = "province"
    city = "city"
    county = "county"
    town = "town"
    village = "village"

    @property
    def rank(self) -> int:
        return LEVELS.index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


LEVELS: list[Level] = [Level.nation, Level.province, Level.city, Level.county, Level.town, Level.village]
# Levels holding people and cadres (a city and below); the nation and provinces only group cities (issue 15).
LOCAL_LEVELS: list[Level] = LEVELS[LEVELS.index(Level.city) :]
# The ancestor-id property a descendant stores for each level (docs/design.md §2: rollups without traversal).
ANCESTOR_KEYS: dict[Level, str] = {lvl: f"{lvl.value}_id" for lvl in LEVELS}  # nation_id, province_id, city_id, ...

RegionKind = Literal["nation", "province", "city", "district", "county", "county_city", "town", "street", "village", "community"]
EnterpriseKind = Literal["city_owned", "non_public", "talent"]
CheckpointKind = Literal["rail_station_exit", "transport_hub", "highway_exit", "community_gate", "market"]
Duty = Literal[
    "rail_station_exit",
    "transport_hub",
    "duty_registration",
    "door_to_door_screening",
    "temperature_check",
    "supply_delivery",
    "disinfection",
]
FUNDS = ("city_party_fee", "pengcheng_care_fund", "county_party_fee", "community_standard")
Fund = Literal["city_party_fee", "pengcheng_care_fund", "county_party_fee", "community_standard"]


class Record(BaseModel):
    """Base of every bundle record: unknown fields are refused, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Assignment(Record):
    since: IsoDate
    until: IsoDate | None = None

    @model_validator(mode="after")
    def _until_not_before_since(self) -> Assignment:
        if self.until is not None and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self


class Region(Record):
    id: Id
    name: Name
    level: Level
    kind: RegionKind | None = None
    code: Annotated[Text, StringConstraints(max_length=64)] | None = Field(default=None, description="Official GB/T 2260 code where there is one")
    parent_id: Id | None = None

    @model_validator(mode="after")
    def _parent_matches_level(self) -> Region:
        if problem := level_problem(self.id, self.level.value, self.parent_id):
            raise ValueError(problem)
        return self


class PartyOrg(Record):
    id: Id
    name: Name
    kind: Literal["committee", "general_branch", "branch", "unit"] = "branch"
    region_id: Id
    parent_id: Id | None = None


class Cadre(Record):
    id: Id
    name: Name
    level: Level
    region_id: Id = Field(description="Jurisdiction: the region the cadre serves in (same level)")
    young: Flag = False
    commended: Flag = Field(default=False, description="Noted for frontline performance")
    promoted: Flag = False
    applied_to_join_party_on: IsoDate | None = None


class Enterprise(Record):
    id: Id
    name: Name
    kind: EnterpriseKind
    region_id: Id


class Pairing(Assignment):
    cadre_id: Id
    enterprise_id: Id


class Supervision(Assignment):
    """A county leader assigned to a district for supervision (包片下沉)."""

    cadre_id: Id
    region_id: Id


class CentralHousehold(Record):
    id: Id
    region_id: Id


class PartyMember(Record):
    id: Id
    name: Name
    org_id: Id
    region_id: Id = Field(description="Where the member lives")
    rural: Flag = Field(default=False, description="In the rural 10x10 scheme")
    city_organ: Flag = False
    central_household_id: Id | None = None


class Household(Record):
    id: Id
    name: Name = Field(description="Head of household (personal data)")
    region_id: Id


class HouseholdLink(Assignment):
    member_id: Id
    household_id: Id


class VolunteerTeam(Record):
    id: Id
    name: Name
    org_id: Id | None = None


class TeamMembership(Assignment):
    member_id: Id
    team_id: Id


class Checkpoint(Record):
    id: Id
    name: Name
    kind: CheckpointKind
    region_id: Id


class Deployment(Assignment):
    team_id: Id
    target_type: Literal["region", "checkpoint"]
    target_id: Id
    duties: list[Duty] = Field(default_factory=list)


class MedicalWorker(Record):
    id: Id
    name: Name
    batch: Annotated[int, Strict()] = Field(ge=1, le=99)
    destination: Name
    region_id: Id | None = Field(default=None, description="Where the family lives")


class FamilySupport(Assignment):
    supporter_type: Literal["party_org", "cadre"]
    supporter_id: Id
    medical_worker_id: Id


class Allocation(Record):
    id: Id
    fund: Fund
    amount: Amount
    date: IsoDate
    region_id: Id


# ---------------------------------------------------------------- incentives (issue 13, the article's four measures)
# A person is any record that names one: a cadre, a party member, a medical worker, or a talent
# (a grassroots talent or worker who is not a party member).  Incentive records refer to the
# person by (type, id), so nobody is recorded twice to be recognised or to apply.
PersonType = Literal["cadre", "party_member", "medical_worker", "talent"]
PERSON_LABELS: dict[str, str] = {"cadre": "Cadre", "party_member": "PartyMember", "medical_worker": "MedicalWorker", "talent": "Talent"}
FrontlineRecordKind = Literal["duty", "major_event", "positive_case", "negative_case"]
RecognitionKind = Literal[
    "noted",  # 纳入组织视野
    "promoted",  # 提拔晋升
    "commended",  # 表彰 / 嘉奖记功
    "posthumous_honour",  # 追授
    "advanced_individual",  # 先进个人
    "excellent_assessment",  # 年度考核优秀
    "talent_programme",  # 双百工程, 双创计划, 333工程
    "rest_leave",  # 优先安排疗养
    "care_payment",  # 关爱慰问金
    "pioneer",  # 江苏最美"抗疫先锋"
]
RecognitionLevel = Literal["province", "city", "county", "town", "unit"]


class Talent(Record):
    """A grassroots talent or worker who is not a party member (a party applicant, a recognised person)."""

    id: Id
    name: Name
    kind: Literal["talent", "village_worker", "community_worker"] = "talent"
    region_id: Id = Field(description="Where the person works")


class FrontlineRecord(Record):
    """An entry of a leading cadre's frontline record file (纪实档案), the basis of promotion."""

    id: Id
    cadre_id: Id
    date: IsoDate
    kind: FrontlineRecordKind
    region_id: Id = Field(description="Where it happened")
    text: Annotated[Text, StringConstraints(max_length=500)]
    recorded_by: Name


class Recognition(Record):
    """A recognition of a person: noted, promoted, commended, honoured, cared for."""

    id: Id
    person_type: PersonType
    person_id: Id
    kind: RecognitionKind
    level: RecognitionLevel
    date: IsoDate
    awarding_body: Name
    region_id: Id = Field(description="Where it counts: the person's region (a medical worker's: the family's)")


class PartyApplication(Record):
    """An application to join the Party, with the dates of its stages (status history)."""

    id: Id
    applicant_type: PersonType
    applicant_id: Id
    region_id: Id = Field(description="Where the application was made")
    submitted_on: IsoDate
    activist_on: IsoDate | None = Field(default=None, description="Accepted as an activist (入党积极分子)")
    probationary_on: IsoDate | None = Field(default=None, description="Admitted as a probationary member (预备党员)")
    full_member_on: IsoDate | None = None
    declined_on: IsoDate | None = Field(default=None, description="Decided: not taken further")
    at_front: Flag = Field(default=False, description="Submitted at the front (在一线递交)")
    joined_at_front: Flag = Field(default=False, description="Admitted at the front (火线入党)")

    @model_validator(mode="after")
    def _stages_in_order(self) -> PartyApplication:
        days = [d for d in (self.submitted_on, self.activist_on, self.probationary_on, self.full_member_on) if d is not None]
        if days != sorted(days) or (self.declined_on is not None and self.declined_on < self.submitted_on):
            raise ValueError("the stages of an application must be dated in order, from submitted_on on")
        return self

    @property
    def status(self) -> str:
        """The stage reached: ``submitted``, ``activist``, ``probationary``, ``full_member`` or ``declined``."""
        if self.declined_on is not None:
            return "declined"
        for name in ("full_member", "probationary", "activist"):
            if getattr(self, f"{name}_on") is not None:
                return name
        return "submitted"


class DutyDeath(Record):
    """A person who died on duty (因公殉职); their family is cared for."""

    id: Id
    person_type: PersonType
    person_id: Id
    date: IsoDate
    region_id: Id = Field(description="Where the family lives")


class CareContact(Assignment):
    """A party organisation or cadre in contact with the family of one who died on duty."""

    supporter_type: Literal["party_org", "cadre"]
    supporter_id: Id
    duty_death_id: Id


class CarePayment(Record):
    """Care money paid to the family of one who died on duty."""

    id: Id
    duty_death_id: Id
    fund: Fund
    amount: Amount
    date: IsoDate


class FieldWork(Record):
    """Work at the front (issue 26, from the field app): a visit or a shift, when, where, who wrote it."""

    id: Id
    date: IsoDate
    region_id: Id = Field(description="Where it happened (the enterprise's, checkpoint's, household's or family's region)")
    text: Annotated[Text, StringConstraints(max_length=500)] | None = None
    recorded_by: Name


class EnterpriseVisit(FieldWork):
    """A cadre's visit to an enterprise they are paired with (走访结对企业)."""

    cadre_id: Id
    enterprise_id: Id


class CheckpointShift(FieldWork):
    """A shift at a checkpoint and the party members on duty (卡口值守), recorded by one of them."""

    member_id: Id = Field(description="Who recorded the shift")
    checkpoint_id: Id
    on_duty: list[Id] = Field(min_length=1, max_length=50, description="The party members on duty (the roster)")


class HouseholdVisit(FieldWork):
    """A party member's visit to a household they link (入户走访)."""

    member_id: Id
    household_id: Id


class FamilyVisit(FieldWork):
    """A cadre's care contact with a family: a medical worker's, or one who died on duty's (关爱走访)."""

    cadre_id: Id
    family_type: Literal["medical_worker", "duty_death"]
    family_id: Id = Field(description="The medical worker or the one who died on duty whose family it is")


class Bundle(Record):
    """A whole import: sections in load order (referenced records come first)."""

    model_config = ConfigDict(extra="forbid", frozen=False)
    SECTIONS: ClassVar[tuple[str, ...]] = (
        "regions",
        "party_orgs",
        "cadres",
        "enterprises",
        "pairings",
        "supervisions",
        "central_households",
        "party_members",
        "households",
        "household_links",
        "volunteer_teams",
        "team_memberships",
        "checkpoints",
        "deployments",
        "medical_workers",
        "family_supports",
        "allocations",
        "talents",
        "frontline_records",
        "recognitions",
        "party_applications",
        "duty_deaths",
        "care_contacts",
        "care_payments",
        "enterprise_visits",
        "checkpoint_shifts",
        "household_visits",
        "family_visits",
    )

    format: Literal["orgnet-bundle/1"] = BUNDLE_FORMAT
    regions: list[Region] = Field(default_factory=list)
    party_orgs: list[PartyOrg] = Field(default_factory=list)
    cadres: list[Cadre] = Field(default_factory=list)
    enterprises: list[Enterprise] = Field(default_factory=list)
    pairings: list[Pairing] = Field(default_factory=list)
    supervisions: list[Supervision] = Field(default_factory=list)
    central_households: list[CentralHousehold] = Field(default_factory=list)
    party_members: list[PartyMember] = Field(default_factory=list)
    households: list[Household] = Field(default_factory=list)
    household_links: list[HouseholdLink] = Field(default_factory=list)
    volunteer_teams: list[VolunteerTeam] = Field(default_factory=list)
    team_memberships: list[TeamMembership] = Field(default_factory=list)
    checkpoints: list[Checkpoint] = Field(default_factory=list)
    deployments: list[Deployment] = Field(default_factory=list)
    medical_workers: list[MedicalWorker] = Field(default_factory=list)
    family_supports: list[FamilySupport] = Field(default_factory=list)
    allocations: list[Allocation] = Field(default_factory=list)
    talents: list[Talent] = Field(default_factory=list)
    frontline_records: list[FrontlineRecord] = Field(default_factory=list)
    recognitions: list[Recognition] = Field(default_factory=list)
    party_applications: list[PartyApplication] = Field(default_factory=list)
    duty_deaths: list[DutyDeath] = Field(default_factory=list)
    care_contacts: list[CareContact] = Field(default_factory=list)
    care_payments: list[CarePayment] = Field(default_factory=list)
    enterprise_visits: list[EnterpriseVisit] = Field(default_factory=list)
    checkpoint_shifts: list[CheckpointShift] = Field(default_factory=list)
    household_visits: list[HouseholdVisit] = Field(default_factory=list)
    family_visits: list[FamilyVisit] = Field(default_factory=list)

    def total_records(self) -> int:
        return sum(len(getattr(self, s)) for s in self.SECTIONS)

    def sections(self) -> list[tuple[str, list[Any]]]:
        return [(s, getattr(self, s)) for s in self.SECTIONS]


SECTION_MODELS: dict[str, type[Record]] = {
    name: Bundle.model_fields[name].annotation.__args__[0]  # type: ignore[union-attr]
    for name in Bundle.SECTIONS
}

# Node labels that carry an `id` with a uniqueness constraint, and the section that creates them.
NODE_LABELS: dict[str, str] = {
    "Region": "regions",
    "PartyOrg": "party_orgs",
    "Cadre": "cadres",
    "Enterprise": "enterprises",
    "CentralHousehold": "central_households",
    "PartyMember": "party_members",
    "Household": "households",
    "VolunteerTeam": "volunteer_teams",
    "Checkpoint": "checkpoints",
    "MedicalWorker": "medical_workers",
    "Allocation": "allocations",
    "Talent": "talents",
    "FrontlineRecord": "frontline_records",
    "Recognition": "recognitions",
    "PartyApplication": "party_applications",
    "DutyDeath": "duty_deaths",
    "CarePayment": "care_payments",
    "EnterpriseVisit": "enterprise_visits",
    "CheckpointShift": "checkpoint_shifts",
    "HouseholdVisit": "household_visits",
    "FamilyVisit": "family_visits",
}
LEVEL_LABELS = [lvl.label for lvl in LEVELS]  # City, County, Town, Village (extra labels on :Region)

RELATIONSHIP_TYPES = [
    "PART_OF",
    "LOCATED_IN",
    "SUBORDINATE_TO",
    "SERVES_IN",
    "PAIRED_WITH",
    "SUPERVISES",
    "MEMBER_OF",
    "LIVES_IN",
    "IN_CENTRAL_HOUSEHOLD",
    "LINKS",
    "ON_TEAM",
    "DEPLOYED_TO",
    "SUPPORTS_FAMILY_OF",
    "TO",
    "RECORD_OF",
    "RECOGNISES",
    "APPLIED_BY",
    "DEATH_OF",
    "CARES_FOR",
    "PAID_TO",
]

# Properties that are personal data: hidden from roles without `personal_data`.
PERSONAL_LABELS = {"PartyMember", "Household", "MedicalWorker", "Cadre", "Talent", "Recognition", "FrontlineRecord", "PartyApplication", "DutyDeath"}
PERSONAL_LABELS |= {"EnterpriseVisit", "CheckpointShift", "HouseholdVisit", "FamilyVisit"}
