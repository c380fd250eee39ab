"""The article's incentives in the seed scenario (issue 13): who was noted, recorded, recognised,
who applied to join the Party at the front, who died on duty and how their families were cared for.

The figures are the article's (source-article.txt, 组织激励 / 考核激励 / 精神激励 / 关爱激励):
72 young cadres noted, 30 of them promoted; 629 grassroots cadres and talents applied to join the
Party at the front, 72 of them medical workers sent to Wuhan, 2 of whom joined at the front; 3 who
died on duty posthumously named outstanding Party members; 12 medical Party members commended and 17
advanced individuals; 4 who died on duty recommended as Jiangsu's 最美"抗疫先锋".  The planted gaps
of the four incentive metrics are listed in PLANTED.md.  Everything is drawn from the scenario's
seeded generators (:meth:`orgnet.seed.scenario.Scenario.rng`), so it is deterministic.

>>> from orgnet.seed.facts import CADRE_APPLICANTS, GRASSROOTS_APPLICANTS
>>> SECTIONS[0], GRASSROOTS_APPLICANTS == CADRE_APPLICANTS + TALENT_APPLICANTS + MEDICAL_APPLICANTS
('talents', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from orgnet.graph.model import (
    Cadre,
    CareContact,
    CarePayment,
    DutyDeath,
    FrontlineRecord,
    Level,
    PartyApplication,
    Recognition,
    Talent,
)
from orgnet.seed.draws import in_2020, person_name, random_day
from orgnet.seed.facts import INCENTIVE_METRICS, MEDICAL_APPLICANTS, TALENT_APPLICANTS
from orgnet.seed.scenario import Scenario

SECTIONS = ("talents", "frontline_records", "recognitions", "party_applications", "duty_deaths", "care_contacts", "care_payments")
METRICS = INCENTIVE_METRICS

# ---------------------------------------------------------------- the article's figures
NOTED = 72  # 纳入组织视野 (the generator's YOUNG_CADRES_COMMENDED)
PROMOTED = 30
JOINED_AT_FRONT = 2  # 火线入党
TALENTS = 120
POSTHUMOUS = 3  # 追授市级"优秀共产党员"
MEDICAL_COMMENDED = 12
ADVANCED_INDIVIDUALS = 17
DUTY_DEATHS = 4  # 推荐入选江苏最美"抗疫先锋", a care payment to each family
CARE_PAYMENT_CNY = 20_000
FOLLOWUP_DAYS = 30  # the default policy's application_followup.max_days

# ---------------------------------------------------------------- planted gaps (PLANTED.md)
PLANTED_UNRECOGNISED_IN_COUNTY = 5  # long-serving team members never recognised, in 丰县
PLANTED_UNRECOGNISED_ELSEWHERE = 2
# town cadres whose frontline record files reach the policy's entries, never recognised (outside 丰县,
# whose list the browser test reads as its 5 members): 3, 4 and 5 entries, in three counties
PLANTED_UNRECOGNISED_CADRE_ENTRIES = (3, 4, 5)
MIN_RECORD_ENTRIES = 3  # the default policy's incentives.min_record_entries
PLANTED_PROMOTIONS_WITHOUT_RECORD = 2  # no frontline record at all
PLANTED_PROMOTIONS_RECORD_AFTER = 1  # the only record is dated after the promotion
PLANTED_UNDECIDED = 4  # frontline applications left undecided past the policy's days
PLANTED_DECIDED_LATE = 1  # decided one day after the policy's days
PLANTED_UNCARED_FAMILIES = 1  # a care contact, and nothing paid to the family
FENGXIAN = "320321"

ORG_DEPARTMENT = "中共徐州市委组织部"
HEALTH_COMMITTEE = "徐州市卫生健康委员会党委"
CITY_ORGANS_WORK_COMMITTEE = "中共徐州市级机关工委(会同公安、工会、人社)"


PLANTED_COUNTS = {
    "frontline_recognition": PLANTED_UNRECOGNISED_IN_COUNTY + PLANTED_UNRECOGNISED_ELSEWHERE + len(PLANTED_UNRECOGNISED_CADRE_ENTRIES),
    "record_backed_promotion": PLANTED_PROMOTIONS_WITHOUT_RECORD + PLANTED_PROMOTIONS_RECORD_AFTER,
    "application_followup": PLANTED_UNDECIDED + PLANTED_DECIDED_LATE,
    "duty_death_family_care": PLANTED_UNCARED_FAMILIES,
}


class IncentivePlan:
    """Plans of the incentive records of one scenario (small: a few thousand records), one builder
    per incentive section (``build_<section>``, listed by :func:`orgnet.seed.generator.section_builders`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    # ------------------------------------------------------------ who
    @cached_property
    def cadres(self) -> list[Cadre]:
        return list(self.scenario.build_cadres())

    @cached_property
    def noted(self) -> list[Cadre]:
        return [c for c in self.cadres if c.young and c.commended]

    @cached_property
    def promoted(self) -> list[Cadre]:
        return [c for c in self.noted if c.promoted]

    @cached_property
    def unbacked(self) -> dict[str, str]:
        """Promoted cadre id → planted case (``no_record``, ``record_after``)."""
        ids = sorted(c.id for c in self.promoted)
        cases = ["no_record"] * PLANTED_PROMOTIONS_WITHOUT_RECORD + ["record_after"] * PLANTED_PROMOTIONS_RECORD_AFTER
        return dict(zip(ids, cases, strict=False))

    @cached_property
    def team_members(self) -> list[tuple[str, str]]:
        """(member id, region id) of the city-organ volunteers."""
        return [(m.id, m.region_id) for m in self.scenario.organ_members()]

    @cached_property
    def unrecognised(self) -> dict[str, str]:
        """Team member id → planted case: never recognised, several in 丰县."""
        county = {u.id: u.county_id for u in self.scenario.hierarchy.units}
        here = sorted(m for m, r in self.team_members if county.get(r) == FENGXIAN)
        elsewhere = sorted(m for m, r in self.team_members if county.get(r) != FENGXIAN)
        out = dict.fromkeys(here[:PLANTED_UNRECOGNISED_IN_COUNTY], "never_recognised")
        out.update(dict.fromkeys(elsewhere[-PLANTED_UNRECOGNISED_ELSEWHERE:], "never_recognised"))
        return out

    @cached_property
    def unrecognised_cadres(self) -> dict[str, int]:
        """Cadre id → its number of frontline record entries: the first town cadre, neither noted nor
        dead on duty, of the first towns of three counties other than 丰县 (planted: never recognised)."""
        taken = {c.id for c in self.noted} | {c.id for c in self.deaths}
        towns = [c for c in self.cadres if c.level == Level.town and c.id not in taken and not c.region_id.startswith(FENGXIAN)]
        first_per_county: dict[str, Cadre] = {}
        for c in sorted(towns, key=lambda c: c.id):
            first_per_county.setdefault(c.region_id[:6], c)
        chosen = sorted(first_per_county.values(), key=lambda c: c.id)[: len(PLANTED_UNRECOGNISED_CADRE_ENTRIES)]
        return {c.id: n for c, n in zip(chosen, PLANTED_UNRECOGNISED_CADRE_ENTRIES, strict=True)}

    @cached_property
    def deaths(self) -> list[Cadre]:
        rng = self.scenario.rng("incentives", "duty-deaths")
        village = sorted((c for c in self.cadres if c.level == Level.village), key=lambda c: c.id)
        return sorted(rng.sample(village, DUTY_DEATHS), key=lambda c: c.id)

    @cached_property
    def wuhan_workers(self) -> list[tuple[str, str, dt.date]]:
        """(id, family region, departure) of the medical workers sent to Wuhan."""
        departures = {mw_id: departure for mw_id, _, _, departure in self.scenario.medical_rows()}
        return [(w.id, w.region_id, departures[w.id]) for w in self.scenario.build_medical_workers() if w.destination == "武汉"]  # type: ignore[misc]

    # ------------------------------------------------------------ sections
    def build_talents(self) -> Iterator[Talent]:
        rng = self.scenario.rng("incentives", "talents")
        units = self.scenario.hierarchy.units
        for n in range(1, TALENTS + 1):
            kind = ("talent", "village_worker", "community_worker")[n % 3]
            yield Talent(id=f"talent-{n:03d}", name=person_name(rng), kind=kind, region_id=rng.choice(units).id)

    def build_frontline_records(self) -> Iterator[FrontlineRecord]:
        rng = self.scenario.rng("incentives", "frontline-records")
        for c in self.noted:
            case = self.unbacked.get(c.id)
            if case == "no_record":
                continue
            if case == "record_after":
                yield self._record(c, 1, "positive_case", in_2020(3, 30), "晋升后补记的一线表现")
                continue
            yield self._record(c, 1, "duty", random_day(rng, in_2020(2, 1), in_2020(2, 15)), "在疫情防控一线履职值守")
            yield self._record(c, 2, "positive_case", random_day(rng, in_2020(2, 16), in_2020(2, 28)), "冲锋在前, 完成重点人员排查")
        leaders = [c for c in self.cadres if c.level == Level.county and int(c.id.rsplit("-", 1)[1]) <= 5]
        for c in leaders:  # 包片下沉: the county leaders who supervise towns (a planted case keeps no record)
            if c.id in self.unbacked:
                continue
            yield self._record(c, 1, "major_event", random_day(rng, in_2020(2, 5), in_2020(2, 20)), "包片下沉督查疫情防控")
        planted = self.scenario.rng("incentives", "unrecognised-cadres")  # its own draws: the records above stay as they were
        kinds = ("duty", "major_event", "duty", "positive_case", "duty")
        texts = ("在卡口值守", "参与重大疫情处置", "驻村入户排查", "带头完成物资保障", "夜间巡查值守")
        for c in self.cadres:  # planted: long frontline record files and no recognition, one entry a week from 01-25
            for n in range(1, self.unrecognised_cadres.get(c.id, 0) + 1):
                week = in_2020(1, 25) + dt.timedelta(days=7 * (n - 1))
                yield self._record(c, n, kinds[n - 1], random_day(planted, week, week + dt.timedelta(days=6)), texts[n - 1])

    @staticmethod
    def _record(c: Cadre, n: int, kind: str, day: dt.date, text: str) -> FrontlineRecord:
        return FrontlineRecord(id=f"fr-{c.id}-{n}", cadre_id=c.id, date=day, kind=kind, region_id=c.region_id, text=text, recorded_by=ORG_DEPARTMENT)

    def build_recognitions(self) -> Iterator[Recognition]:
        rng = self.scenario.rng("incentives", "recognitions")

        def rec(kind: str, person_type: str, person_id: str, level: str, day: dt.date, body: str, region: str) -> Recognition:
            return Recognition(
                id=f"rec-{kind}-{person_id}", person_type=person_type, person_id=person_id, kind=kind, level=level,
                date=day, awarding_body=body, region_id=region,
            )  # fmt: skip

        for c in self.noted:
            yield rec("noted", "cadre", c.id, "city", random_day(rng, in_2020(3, 2), in_2020(3, 10)), ORG_DEPARTMENT, c.region_id)
        for c in self.promoted:
            yield rec("promoted", "cadre", c.id, "city", random_day(rng, in_2020(3, 16), in_2020(3, 28)), ORG_DEPARTMENT, c.region_id)
        for k, c in enumerate(self.deaths):
            if k < POSTHUMOUS:
                yield rec("posthumous_honour", "cadre", c.id, "city", in_2020(3, 20), "中共徐州市委", c.region_id)
            yield rec("pioneer", "cadre", c.id, "province", in_2020(3, 25), "中共江苏省委组织部", c.region_id)
        workers = rng.sample(sorted(self.scenario.build_medical_workers(), key=lambda w: w.id), MEDICAL_COMMENDED + ADVANCED_INDIVIDUALS)  # type: ignore[arg-type]
        for k, w in enumerate(sorted(workers, key=lambda w: w.id)):
            kind = "commended" if k < MEDICAL_COMMENDED else "advanced_individual"
            yield rec(kind, "medical_worker", w.id, "city", in_2020(3, 20), HEALTH_COMMITTEE, w.region_id)
        for member_id, region in self.team_members:  # 专项表彰奖励, except the planted never-recognised
            if member_id not in self.unrecognised:
                yield rec("commended", "party_member", member_id, "unit", random_day(rng, in_2020(3, 10), in_2020(3, 25)), CITY_ORGANS_WORK_COMMITTEE, region)

    def build_party_applications(self) -> Iterator[PartyApplication]:
        rng = self.scenario.rng("incentives", "party-applications")
        late = self.late_applications
        for c in sorted((c for c in self.cadres if c.applied_to_join_party_on), key=lambda c: c.id):
            yield self._application(rng, "cadre", c.id, c.region_id, c.applied_to_join_party_on, late.get(f"app-{c.id}"))  # type: ignore[arg-type]
        for t in list(self.build_talents())[:TALENT_APPLICANTS]:
            yield self._application(rng, "talent", t.id, t.region_id, random_day(rng, in_2020(2, 1), in_2020(3, 20)), late.get(f"app-{t.id}"))
        chosen = sorted(rng.sample(self.wuhan_workers, MEDICAL_APPLICANTS))
        for k, (mw_id, region, departure) in enumerate(chosen):
            submitted = departure + dt.timedelta(days=rng.randint(3, 10))
            if k < JOINED_AT_FRONT:  # 火线入党: admitted at the front as probationary members
                yield PartyApplication(
                    id=f"app-{mw_id}", applicant_type="medical_worker", applicant_id=mw_id, region_id=region, submitted_on=submitted,
                    activist_on=submitted + dt.timedelta(days=2), probationary_on=submitted + dt.timedelta(days=9),
                    at_front=True, joined_at_front=True,
                )  # fmt: skip
            else:
                yield self._application(rng, "medical_worker", mw_id, region, submitted, None)

    @cached_property
    def late_applications(self) -> dict[str, str]:
        """Application id → planted case: ``undecided`` (several), ``decided_late`` (by one day)."""
        last = self.scenario.today - dt.timedelta(days=FOLLOWUP_DAYS + 2)
        early = sorted(f"app-{c.id}" for c in self.cadres if c.applied_to_join_party_on and c.applied_to_join_party_on <= last)
        cases = ["undecided"] * PLANTED_UNDECIDED + ["decided_late"] * PLANTED_DECIDED_LATE
        return dict(zip(early, cases, strict=False))

    def _application(self, rng: Any, kind: str, who: str, region: str, submitted: dt.date, case: str | None) -> PartyApplication:
        wait = rng.randint(5, FOLLOWUP_DAYS - 2)
        if case == "decided_late":
            wait = FOLLOWUP_DAYS + 1
        decided = submitted + dt.timedelta(days=wait)
        activist = decided if case != "undecided" and decided <= self.scenario.today else None
        return PartyApplication(
            id=f"app-{who}", applicant_type=kind, applicant_id=who, region_id=region, submitted_on=submitted,
            activist_on=activist, at_front=True,
        )  # fmt: skip

    def build_duty_deaths(self) -> Iterator[DutyDeath]:
        rng = self.scenario.rng("incentives", "duty-death-days")
        for k, c in enumerate(self.deaths, start=1):
            yield DutyDeath(id=f"dd-{k}", person_type="cadre", person_id=c.id, date=random_day(rng, in_2020(2, 8), in_2020(3, 5)), region_id=c.region_id)

    def build_care_contacts(self) -> Iterator[CareContact]:
        towns = {u.id: u.parent_id for u in self.scenario.hierarchy.units}
        for d in self.build_duty_deaths():
            supporter = f"cadre-t-{towns[d.region_id]}-1"  # the town's first cadre visits the family
            yield CareContact(supporter_type="cadre", supporter_id=supporter, duty_death_id=d.id, since=d.date + dt.timedelta(days=1))

    def build_care_payments(self) -> Iterator[CarePayment]:
        for d in list(self.build_duty_deaths())[: DUTY_DEATHS - PLANTED_UNCARED_FAMILIES]:  # the last family: planted, no payment
            yield CarePayment(id=f"care-{d.id}", duty_death_id=d.id, fund="pengcheng_care_fund", amount=CARE_PAYMENT_CNY, date=in_2020(3, 25))

    def planted_cases(self) -> dict[str, dict[str, str]]:
        deaths = list(self.build_duty_deaths())
        return {
            "frontline_recognition": {**self.unrecognised, **dict.fromkeys(self.unrecognised_cadres, "never_recognised")},
            "record_backed_promotion": {f"rec-promoted-{c}": case for c, case in self.unbacked.items()},
            "application_followup": dict(self.late_applications),
            "duty_death_family_care": {d.id: "no_payment" for d in deaths[DUTY_DEATHS - PLANTED_UNCARED_FAMILIES :]},
        }
