"""The seed scenario's plans (:class:`Scenario`): one seed, scale and day; every random choice drawn
from a generator of its own topic; the planted cases; and one builder per bundle section
(``build_<section>``), which :func:`orgnet.seed.generator.section_builders` lists.

It is over 400 lines because every core section of the bundle has its builder here, beside the
plans (enterprises, cadres, teams, checkpoints, planted cases) that several builders share.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from functools import cached_property

from orgnet.graph.model import (
    Allocation,
    Cadre,
    CentralHousehold,
    Checkpoint,
    Deployment,
    Enterprise,
    FamilySupport,
    Household,
    HouseholdLink,
    MedicalWorker,
    Pairing,
    PartyMember,
    PartyOrg,
    Supervision,
    TeamMembership,
    VolunteerTeam,
)
from orgnet.seed import xuzhou
from orgnet.seed.draws import Record, in_2020, person_name, random_day
from orgnet.seed.facts import (
    CADRE_APPLICANTS,
    CHECKPOINT_DUTIES,
    CHECKPOINT_PLAN,
    CITY_CADRES,
    CITY_HOSPITALS,
    CITY_ORGAN_MEMBERS,
    CITY_ORGAN_ORGS,
    CITY_ORGANS,
    CITY_PARTY_FEE_CNY,
    COMMUNITY_DUTIES,
    COMMUNITY_STANDARD_CNY,
    COUNTY_CADRES_PER_COUNTY,
    COUNTY_FUND_ROUNDING_CNY,
    COUNTY_FUNDS_CNY,
    COUNTY_HOSPITAL_COUNTIES,
    COUNTY_LEADERS_PER_COUNTY,
    DEMO_RURAL_DIVISOR,
    EARLIEST_TODAY,
    ENTERPRISE_IN_TOWN_SHARE,
    ENTERPRISES_PER_COUNTY,
    FENGXIAN,
    GRASSROOTS_APPLICANTS,
    HOSPITAL_ORGS,
    INDUSTRIES,
    MAX_ACTIVE_PAIRINGS,
    MEDICAL_BATCH_PLAN,
    MEDICAL_WORKERS,
    ORGAN_BRANCHES,
    OTHER_MEMBERS,
    PARTY_ORGS,
    PENGCHENG_CARE_FUND_CNY,
    PLANTED_COMMUNITY_CASES,
    PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS,
    PLANTED_ENDED_SUPPORTS,
    PLANTED_ENTERPRISES,
    PLANTED_ORGLESS,
    PLANTED_OVERLOADED_LEVELS,
    PLANTED_UNSTAFFED_CHECKPOINTS,
    PLANTED_UNSUPPORTED_MEDICAL,
    SCALES,
    SCENARIO,
    SECOND_TEAM_SHARE,
    SPLIT_FUNDING_CNY,
    TOWN_CADRES_PER_TOWN,
    TOWN_UNIT_CATEGORIES,
    TRADE,
    UNDERFUNDED_CNY,
    VOLUNTEER_TEAMS,
    YOUNG_CADRES_COMMENDED,
    YOUNG_CADRES_PROMOTED,
    Level,
)
from orgnet.seed.pairings import Pairer
from orgnet.seed.plans import PlannedCadre, PlannedEnterprise, PlannedTeam
from orgnet.seed.rural import RuralScheme


def _short(unit_name: str) -> str:
    """Strip the committee suffix of a village-level unit name (张庄村委会 → 张庄村)."""
    for suffix in ("居民委员会", "村民委员会", "居委会", "村委会", "委员会"):
        if unit_name.endswith(suffix):
            return unit_name[: -len(suffix)]
    return unit_name


def check_args(scale: str, today: dt.date) -> None:
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, not {scale!r}")
    if today < EARLIEST_TODAY:
        raise ValueError(f"today must be on or after {EARLIEST_TODAY} (assignments start in Jan-Feb 2020)")


class Scenario:
    """Plans of one scenario (seed, scale, day): small parts cached, rural parts recomputed."""

    def __init__(self, seed: int, scale: str, today: dt.date) -> None:
        check_args(scale, today)
        self.seed, self.scale, self.today = seed, scale, today
        self.yesterday = today - dt.timedelta(days=1)
        self.hierarchy = xuzhou.load_hierarchy()

    def rng(self, *topic: object) -> random.Random:
        """Return a fresh generator for one topic (independent of evaluation order)."""
        return random.Random(":".join(map(str, (SCENARIO, self.seed, *topic))))

    # ------------------------------------------------------------ planted choices

    @cached_property
    def unit_cases(self) -> dict[str, str]:
        """Planted village-level cases: unit id → case (orgless, teamless, underfunded, ...)."""
        rng, cases = self.rng("plant", "units"), {}
        for county, kind, n in PLANTED_ORGLESS:
            pool = [u.id for u in self.hierarchy.of_kind(kind) if (u.county_id == FENGXIAN) == (county == FENGXIAN)]
            cases.update((i, "orgless") for i in rng.sample(pool, n))
        for case, n in PLANTED_COMMUNITY_CASES:
            pool = [u.id for u in self.hierarchy.of_kind("community") if u.id not in cases]
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
    def _fits(e: PlannedEnterprise, kind: str | None, county: str | None) -> bool:
        if kind is not None and e.kind != kind:
            return False
        return county == "" or (e.county_id == FENGXIAN) == (county == FENGXIAN)

    @cached_property
    def free_enterprises(self) -> dict[str, list[PlannedEnterprise]]:
        """Non-planted enterprises per region containing them (city, county and town ids)."""
        out: dict[str, list[PlannedEnterprise]] = {}
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

    def build_regions(self) -> Iterator[Record]:
        return (d.region() for d in self.hierarchy.all())

    def build_party_orgs(self) -> Iterator[Record]:
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
        city = self.hierarchy.city
        yield self._org(f"po-{city.id}", f"中共{city.name}委员会", "committee", city.id, None)
        for d in (*self.hierarchy.counties, *self.hierarchy.towns):
            suffix = "工作委员会" if d.kind == "street" else "委员会"
            yield self._org(f"po-{d.id}", f"中共{xuzhou.place_name(d.name)}{suffix}", "committee", d.id, d.parent_id)

    def _village_branches(self) -> Iterator[PartyOrg]:
        for u in self.hierarchy.units:
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
        places += [(f"{self.hierarchy.by_id[c].name}人民医院", c) for c in COUNTY_HOSPITAL_COUNTIES]
        return [self._org(f"po-hosp-{n:02d}", f"{name}党委", "unit", region, region) for n, (name, region) in enumerate(places, start=1)]

    def _hospital_orgs(self) -> Iterator[PartyOrg]:
        return iter(self.hospital_orgs)

    def town_unit_counts(self) -> list[int]:
        """Unit organisations per town so that the total is exactly PARTY_ORGS."""
        branches = len(self.hierarchy.units) - sum(1 for c in self.unit_cases.values() if c == "orgless")
        fixed = 1 + len(self.hierarchy.counties) + len(self.hierarchy.towns) + branches + CITY_ORGAN_ORGS + HOSPITAL_ORGS
        base, extra = divmod(PARTY_ORGS - fixed, len(self.hierarchy.towns))
        return [base + (1 if t < extra else 0) for t in range(len(self.hierarchy.towns))]

    def _town_units(self) -> Iterator[PartyOrg]:
        for town, count in zip(self.hierarchy.towns, self.town_unit_counts(), strict=True):
            place = xuzhou.place_name(town.name)
            for k in range(1, count + 1):
                category = TOWN_UNIT_CATEGORIES[k % len(TOWN_UNIT_CATEGORIES)]
                yield self._org(f"po-{town.id}-u{k:03d}", f"{place}{category}第{k}党支部", "unit", town.id, town.id)

    # ------------------------------------------------------------ cadres, enterprises, pairings

    @cached_property
    def cadre_rows(self) -> list[PlannedCadre]:
        rows = [PlannedCadre(f"cadre-c-{n:02d}", Level.city, xuzhou.CITY_ID) for n in range(1, CITY_CADRES + 1)]
        for c in self.hierarchy.counties:
            numbers = range(1, COUNTY_CADRES_PER_COUNTY + 1)
            rows += [PlannedCadre(f"cadre-k-{c.id}-{n:02d}", Level.county, c.id) for n in numbers]
        for t in self.hierarchy.towns:
            rows += [PlannedCadre(f"cadre-t-{t.id}-{n}", Level.town, t.id) for n in range(1, TOWN_CADRES_PER_TOWN + 1)]
        rows += [PlannedCadre(f"cadre-v-{u.id}", Level.village, u.id) for u in self.hierarchy.units]
        return rows

    def build_cadres(self) -> Iterator[Cadre]:
        rng = self.rng("cadres")
        young = rng.sample([c.id for c in self.cadre_rows if c.level != Level.city], YOUNG_CADRES_COMMENDED)
        promoted = set(young[:YOUNG_CADRES_PROMOTED])
        grassroots = [c.id for c in self.cadre_rows if c.level in (Level.town, Level.village)]
        last = min(in_2020(3, 31), self.today)
        applied = {i: random_day(rng, in_2020(2, 1), last) for i in rng.sample(grassroots, GRASSROOTS_APPLICANTS)}
        # of the 629 frontline applicants, the medical workers and talents are in orgnet/seed/incentives.py
        applied = dict(itertools.islice(applied.items(), CADRE_APPLICANTS))
        young_set = set(young)
        for c in self.cadre_rows:
            yield Cadre(
                id=c.id,
                name=person_name(rng),
                level=c.level,
                region_id=c.region_id,
                young=c.id in young_set,
                commended=c.id in young_set,
                promoted=c.id in promoted,
                applied_to_join_party_on=applied.get(c.id),
            )

    @cached_property
    def enterprises(self) -> list[PlannedEnterprise]:
        rng, out = self.rng("enterprises"), []
        for county in self.hierarchy.counties:
            kinds = [kind for kind, n in ENTERPRISES_PER_COUNTY for _ in range(n)]
            rng.shuffle(kinds)
            towns = self.hierarchy.children(county.id)
            offset = rng.randrange(len(towns))
            for j, kind in enumerate(kinds):
                out.append(self._enterprise(rng, len(out) + 1, kind, towns[(offset + j) % len(towns)]))
        return out

    def _enterprise(self, rng: random.Random, n: int, kind: str, town: xuzhou.Division) -> PlannedEnterprise:
        in_village = rng.random() >= ENTERPRISE_IN_TOWN_SHARE
        region = rng.choice(self.hierarchy.children(town.id)).id if in_village else town.id
        trade = "".join(rng.sample(TRADE, 2))
        name = f"{xuzhou.place_name(town.name)}{trade}{rng.choice(INDUSTRIES[kind])}有限公司"
        return PlannedEnterprise(f"ent-{n:04d}", name, kind, region, town.id, town.parent_id or "", in_village)

    def build_enterprises(self) -> Iterator[Enterprise]:
        return (Enterprise(id=e.id, name=e.name, kind=e.kind, region_id=e.region_id) for e in self.enterprises)

    @cached_property
    def pairings(self) -> list[Pairing]:
        return Pairer(
            rng=self.rng("pairings"),
            hierarchy=self.hierarchy,
            today=self.today,
            yesterday=self.yesterday,
            cadre_rows=self.cadre_rows,
            overloaded=self.overloaded,
            enterprises=self.enterprises,
            enterprise_cases=self.enterprise_cases,
            free_enterprises=self.free_enterprises,
        ).run()

    def build_pairings(self) -> Iterator[Pairing]:
        return iter(self.pairings)

    def build_supervisions(self) -> Iterator[Supervision]:
        rng = self.rng("supervisions")
        for county in self.hierarchy.counties:
            for t, town in enumerate(self.hierarchy.children(county.id)):
                leader = f"cadre-k-{county.id}-{t % COUNTY_LEADERS_PER_COUNTY + 1:02d}"
                yield Supervision(cadre_id=leader, region_id=town.id, since=random_day(rng, in_2020(2, 1), in_2020(2, 10)))

    # ------------------------------------------------------------ the rural 10x10 scheme

    @cached_property
    def rural(self) -> RuralScheme:
        villages = [u.id for u in self.hierarchy.of_kind("village") if self.unit_cases.get(u.id) != "orgless"]
        return RuralScheme(rng=self.rng, scale=self.scale, villages=villages, today=self.today, yesterday=self.yesterday)

    def build_central_households(self) -> Iterator[CentralHousehold]:
        r = self.rural
        return (CentralHousehold(id=r.ch_id(i), region_id=r.village(i)) for i in range(r.n_ch))

    def build_party_members(self) -> Iterator[PartyMember]:
        yield from self.organ_members()
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
        for u in self.hierarchy.units:
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
            if self.hierarchy.by_id[region_id].level != village_level:
                region_id = rng.choice(units[region_id])
            yield PartyMember(id=self.other_member_id(n), name=person_name(rng), org_id=org_id, region_id=region_id)

    def build_households(self) -> Iterator[Household]:
        for i in range(self.rural.n_ch):
            yield from self.rural.households(i)

    def build_household_links(self) -> Iterator[HouseholdLink]:
        for i in range(self.rural.n_ch):
            yield from self.rural.links(i)

    # ------------------------------------------------------------ city-organ volunteers

    @cached_property
    def teams(self) -> list[PlannedTeam]:
        base, extra = divmod(CITY_ORGAN_MEMBERS, VOLUNTEER_TEAMS)
        org = [self.organ_org_id(t * CITY_ORGAN_ORGS // VOLUNTEER_TEAMS) for t in range(VOLUNTEER_TEAMS)]
        return [PlannedTeam(f"team-{t + 1:03d}", t, org[t], base + int(t < extra)) for t in range(VOLUNTEER_TEAMS)]

    def _organ_member_ids(self) -> Iterator[tuple[str, PlannedTeam]]:
        n = 0
        for team in self.teams:
            for _ in range(team.size):
                n += 1
                yield f"pm-o-{n:04d}", team

    def organ_members(self) -> Iterator[PartyMember]:
        rng = self.rng("organ-members")
        communities = self.hierarchy.of_kind("community")
        for member_id, team in self._organ_member_ids():
            yield PartyMember(id=member_id, name=person_name(rng), org_id=team.org_id, region_id=rng.choice(communities).id, city_organ=True)

    def build_volunteer_teams(self) -> Iterator[VolunteerTeam]:
        return (VolunteerTeam(id=t.id, name=f"市级机关社区先锋服务队第{t.index + 1}队", org_id=t.org_id) for t in self.teams)

    def build_team_memberships(self) -> Iterator[TeamMembership]:
        rng = self.rng("team-memberships")
        for member_id, team in self._organ_member_ids():
            yield TeamMembership(member_id=member_id, team_id=team.id, since=random_day(rng, in_2020(1, 26), in_2020(2, 5)))

    @cached_property
    def checkpoints(self) -> list[Checkpoint]:
        rng, out = self.rng("checkpoints"), []
        for kind, n in CHECKPOINT_PLAN:
            for k in range(1, n + 1):
                name, region = self._checkpoint_place(rng, kind, k)
                out.append(Checkpoint(id=f"cp-{len(out) + 1:02d}", name=name, kind=kind, region_id=region))
        return out

    def _checkpoint_place(self, rng: random.Random, kind: str, k: int) -> tuple[str, str]:
        h = self.hierarchy
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

    def build_checkpoints(self) -> Iterator[Checkpoint]:
        return iter(self.checkpoints)

    def build_deployments(self) -> Iterator[Deployment]:
        rng = self.rng("deployments")
        yield from self._community_deployments(rng)
        yield from self._checkpoint_deployments(rng)

    def _deploy(self, rng: random.Random, team: PlannedTeam, target: tuple[str, str], duties: list[str], ended: bool) -> Deployment:
        since = random_day(rng, in_2020(1, 28), in_2020(2, 10))
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
        for unit in self.hierarchy.of_kind("community"):
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

    def medical_rows(self) -> Iterator[tuple[str, int, str, dt.date]]:
        n = 0
        for batch, destination, departure, size in MEDICAL_BATCH_PLAN:
            for _ in range(size):
                n += 1
                yield f"mw-{n:03d}", batch, destination, departure

    def build_medical_workers(self) -> Iterator[MedicalWorker]:
        rng = self.rng("medical-workers")
        for mw_id, batch, destination, _ in self.medical_rows():
            family = rng.choice(self.hierarchy.units).id
            yield MedicalWorker(id=mw_id, name=person_name(rng), batch=batch, destination=destination, region_id=family)

    def build_family_supports(self) -> Iterator[FamilySupport]:
        rng = self.rng("family-supports")
        for mw_id, _, _, departure in self.medical_rows():
            org = rng.choice(self.hospital_orgs).id
            since = departure + dt.timedelta(days=rng.randrange(3))
            case = self.medical_cases.get(mw_id)
            if case != "unsupported":
                until = self.yesterday if case == "support_ended" else None
                yield FamilySupport(supporter_type="party_org", supporter_id=org, medical_worker_id=mw_id, since=since, until=until)

    def county_fund_amounts(self) -> list[int]:
        """Split COUNTY_FUNDS_CNY over the counties by their number of villages and communities."""
        sizes = [sum(1 for u in self.hierarchy.units if u.county_id == c.id) for c in self.hierarchy.counties]
        step, total = COUNTY_FUND_ROUNDING_CNY, sum(sizes)
        amounts = [COUNTY_FUNDS_CNY * s // total // step * step for s in sizes[:-1]]
        return [*amounts, COUNTY_FUNDS_CNY - sum(amounts)]

    def build_allocations(self) -> Iterator[Allocation]:
        rng, city = self.rng("allocations"), xuzhou.CITY_ID

        def allocation(alloc_id: str, fund: str, amount: int, day: dt.date, region_id: str) -> Allocation:
            return Allocation(id=alloc_id, fund=fund, amount=amount, date=day, region_id=region_id)

        yield allocation("alloc-city-party-fee", "city_party_fee", CITY_PARTY_FEE_CNY, in_2020(2, 3), city)
        yield allocation("alloc-pengcheng-care-fund", "pengcheng_care_fund", PENGCHENG_CARE_FUND_CNY, in_2020(2, 3), city)
        for county, amount in zip(self.hierarchy.counties, self.county_fund_amounts(), strict=True):
            day = random_day(rng, in_2020(2, 5), in_2020(2, 12))
            yield allocation(f"alloc-county-{county.id}", "county_party_fee", amount, day, county.id)
        for unit in self.hierarchy.of_kind("community"):
            for suffix, amount in self._community_amounts(unit.id):
                day = random_day(rng, in_2020(2, 10), in_2020(2, 20))
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
        }
