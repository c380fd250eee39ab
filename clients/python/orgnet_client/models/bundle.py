from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.allocation import Allocation
    from ..models.cadre import Cadre
    from ..models.care_contact import CareContact
    from ..models.care_payment import CarePayment
    from ..models.central_household import CentralHousehold
    from ..models.checkpoint import Checkpoint
    from ..models.checkpoint_shift import CheckpointShift
    from ..models.deployment import Deployment
    from ..models.duty_death import DutyDeath
    from ..models.enterprise import Enterprise
    from ..models.enterprise_visit import EnterpriseVisit
    from ..models.family_support import FamilySupport
    from ..models.family_visit import FamilyVisit
    from ..models.frontline_record import FrontlineRecord
    from ..models.household import Household
    from ..models.household_link import HouseholdLink
    from ..models.household_visit import HouseholdVisit
    from ..models.medical_worker import MedicalWorker
    from ..models.pairing import Pairing
    from ..models.party_application import PartyApplication
    from ..models.party_member import PartyMember
    from ..models.party_org import PartyOrg
    from ..models.recognition import Recognition
    from ..models.region import Region
    from ..models.supervision import Supervision
    from ..models.talent import Talent
    from ..models.team_membership import TeamMembership
    from ..models.volunteer_team import VolunteerTeam


T = TypeVar("T", bound="Bundle")


@_attrs_define
class Bundle:
    """A whole import: sections in load order (referenced records come first).

    Attributes:
        allocations (list[Allocation] | Unset):
        cadres (list[Cadre] | Unset):
        care_contacts (list[CareContact] | Unset):
        care_payments (list[CarePayment] | Unset):
        central_households (list[CentralHousehold] | Unset):
        checkpoint_shifts (list[CheckpointShift] | Unset):
        checkpoints (list[Checkpoint] | Unset):
        deployments (list[Deployment] | Unset):
        duty_deaths (list[DutyDeath] | Unset):
        enterprise_visits (list[EnterpriseVisit] | Unset):
        enterprises (list[Enterprise] | Unset):
        family_supports (list[FamilySupport] | Unset):
        family_visits (list[FamilyVisit] | Unset):
        format_ (Literal['orgnet-bundle/1'] | Unset):  Default: 'orgnet-bundle/1'.
        frontline_records (list[FrontlineRecord] | Unset):
        household_links (list[HouseholdLink] | Unset):
        household_visits (list[HouseholdVisit] | Unset):
        households (list[Household] | Unset):
        medical_workers (list[MedicalWorker] | Unset):
        pairings (list[Pairing] | Unset):
        party_applications (list[PartyApplication] | Unset):
        party_members (list[PartyMember] | Unset):
        party_orgs (list[PartyOrg] | Unset):
        recognitions (list[Recognition] | Unset):
        regions (list[Region] | Unset):
        supervisions (list[Supervision] | Unset):
        talents (list[Talent] | Unset):
        team_memberships (list[TeamMembership] | Unset):
        volunteer_teams (list[VolunteerTeam] | Unset):
    """

    allocations: list[Allocation] | Unset = UNSET
    cadres: list[Cadre] | Unset = UNSET
    care_contacts: list[CareContact] | Unset = UNSET
    care_payments: list[CarePayment] | Unset = UNSET
    central_households: list[CentralHousehold] | Unset = UNSET
    checkpoint_shifts: list[CheckpointShift] | Unset = UNSET
    checkpoints: list[Checkpoint] | Unset = UNSET
    deployments: list[Deployment] | Unset = UNSET
    duty_deaths: list[DutyDeath] | Unset = UNSET
    enterprise_visits: list[EnterpriseVisit] | Unset = UNSET
    enterprises: list[Enterprise] | Unset = UNSET
    family_supports: list[FamilySupport] | Unset = UNSET
    family_visits: list[FamilyVisit] | Unset = UNSET
    format_: Literal["orgnet-bundle/1"] | Unset = "orgnet-bundle/1"
    frontline_records: list[FrontlineRecord] | Unset = UNSET
    household_links: list[HouseholdLink] | Unset = UNSET
    household_visits: list[HouseholdVisit] | Unset = UNSET
    households: list[Household] | Unset = UNSET
    medical_workers: list[MedicalWorker] | Unset = UNSET
    pairings: list[Pairing] | Unset = UNSET
    party_applications: list[PartyApplication] | Unset = UNSET
    party_members: list[PartyMember] | Unset = UNSET
    party_orgs: list[PartyOrg] | Unset = UNSET
    recognitions: list[Recognition] | Unset = UNSET
    regions: list[Region] | Unset = UNSET
    supervisions: list[Supervision] | Unset = UNSET
    talents: list[Talent] | Unset = UNSET
    team_memberships: list[TeamMembership] | Unset = UNSET
    volunteer_teams: list[VolunteerTeam] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allocations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.allocations, Unset):
            allocations = []
            for allocations_item_data in self.allocations:
                allocations_item = allocations_item_data.to_dict()
                allocations.append(allocations_item)

        cadres: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cadres, Unset):
            cadres = []
            for cadres_item_data in self.cadres:
                cadres_item = cadres_item_data.to_dict()
                cadres.append(cadres_item)

        care_contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.care_contacts, Unset):
            care_contacts = []
            for care_contacts_item_data in self.care_contacts:
                care_contacts_item = care_contacts_item_data.to_dict()
                care_contacts.append(care_contacts_item)

        care_payments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.care_payments, Unset):
            care_payments = []
            for care_payments_item_data in self.care_payments:
                care_payments_item = care_payments_item_data.to_dict()
                care_payments.append(care_payments_item)

        central_households: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.central_households, Unset):
            central_households = []
            for central_households_item_data in self.central_households:
                central_households_item = central_households_item_data.to_dict()
                central_households.append(central_households_item)

        checkpoint_shifts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.checkpoint_shifts, Unset):
            checkpoint_shifts = []
            for checkpoint_shifts_item_data in self.checkpoint_shifts:
                checkpoint_shifts_item = checkpoint_shifts_item_data.to_dict()
                checkpoint_shifts.append(checkpoint_shifts_item)

        checkpoints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.checkpoints, Unset):
            checkpoints = []
            for checkpoints_item_data in self.checkpoints:
                checkpoints_item = checkpoints_item_data.to_dict()
                checkpoints.append(checkpoints_item)

        deployments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.deployments, Unset):
            deployments = []
            for deployments_item_data in self.deployments:
                deployments_item = deployments_item_data.to_dict()
                deployments.append(deployments_item)

        duty_deaths: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.duty_deaths, Unset):
            duty_deaths = []
            for duty_deaths_item_data in self.duty_deaths:
                duty_deaths_item = duty_deaths_item_data.to_dict()
                duty_deaths.append(duty_deaths_item)

        enterprise_visits: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.enterprise_visits, Unset):
            enterprise_visits = []
            for enterprise_visits_item_data in self.enterprise_visits:
                enterprise_visits_item = enterprise_visits_item_data.to_dict()
                enterprise_visits.append(enterprise_visits_item)

        enterprises: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.enterprises, Unset):
            enterprises = []
            for enterprises_item_data in self.enterprises:
                enterprises_item = enterprises_item_data.to_dict()
                enterprises.append(enterprises_item)

        family_supports: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.family_supports, Unset):
            family_supports = []
            for family_supports_item_data in self.family_supports:
                family_supports_item = family_supports_item_data.to_dict()
                family_supports.append(family_supports_item)

        family_visits: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.family_visits, Unset):
            family_visits = []
            for family_visits_item_data in self.family_visits:
                family_visits_item = family_visits_item_data.to_dict()
                family_visits.append(family_visits_item)

        format_ = self.format_

        frontline_records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.frontline_records, Unset):
            frontline_records = []
            for frontline_records_item_data in self.frontline_records:
                frontline_records_item = frontline_records_item_data.to_dict()
                frontline_records.append(frontline_records_item)

        household_links: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.household_links, Unset):
            household_links = []
            for household_links_item_data in self.household_links:
                household_links_item = household_links_item_data.to_dict()
                household_links.append(household_links_item)

        household_visits: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.household_visits, Unset):
            household_visits = []
            for household_visits_item_data in self.household_visits:
                household_visits_item = household_visits_item_data.to_dict()
                household_visits.append(household_visits_item)

        households: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.households, Unset):
            households = []
            for households_item_data in self.households:
                households_item = households_item_data.to_dict()
                households.append(households_item)

        medical_workers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.medical_workers, Unset):
            medical_workers = []
            for medical_workers_item_data in self.medical_workers:
                medical_workers_item = medical_workers_item_data.to_dict()
                medical_workers.append(medical_workers_item)

        pairings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pairings, Unset):
            pairings = []
            for pairings_item_data in self.pairings:
                pairings_item = pairings_item_data.to_dict()
                pairings.append(pairings_item)

        party_applications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.party_applications, Unset):
            party_applications = []
            for party_applications_item_data in self.party_applications:
                party_applications_item = party_applications_item_data.to_dict()
                party_applications.append(party_applications_item)

        party_members: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.party_members, Unset):
            party_members = []
            for party_members_item_data in self.party_members:
                party_members_item = party_members_item_data.to_dict()
                party_members.append(party_members_item)

        party_orgs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.party_orgs, Unset):
            party_orgs = []
            for party_orgs_item_data in self.party_orgs:
                party_orgs_item = party_orgs_item_data.to_dict()
                party_orgs.append(party_orgs_item)

        recognitions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recognitions, Unset):
            recognitions = []
            for recognitions_item_data in self.recognitions:
                recognitions_item = recognitions_item_data.to_dict()
                recognitions.append(recognitions_item)

        regions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = []
            for regions_item_data in self.regions:
                regions_item = regions_item_data.to_dict()
                regions.append(regions_item)

        supervisions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.supervisions, Unset):
            supervisions = []
            for supervisions_item_data in self.supervisions:
                supervisions_item = supervisions_item_data.to_dict()
                supervisions.append(supervisions_item)

        talents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.talents, Unset):
            talents = []
            for talents_item_data in self.talents:
                talents_item = talents_item_data.to_dict()
                talents.append(talents_item)

        team_memberships: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.team_memberships, Unset):
            team_memberships = []
            for team_memberships_item_data in self.team_memberships:
                team_memberships_item = team_memberships_item_data.to_dict()
                team_memberships.append(team_memberships_item)

        volunteer_teams: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.volunteer_teams, Unset):
            volunteer_teams = []
            for volunteer_teams_item_data in self.volunteer_teams:
                volunteer_teams_item = volunteer_teams_item_data.to_dict()
                volunteer_teams.append(volunteer_teams_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allocations is not UNSET:
            field_dict["allocations"] = allocations
        if cadres is not UNSET:
            field_dict["cadres"] = cadres
        if care_contacts is not UNSET:
            field_dict["care_contacts"] = care_contacts
        if care_payments is not UNSET:
            field_dict["care_payments"] = care_payments
        if central_households is not UNSET:
            field_dict["central_households"] = central_households
        if checkpoint_shifts is not UNSET:
            field_dict["checkpoint_shifts"] = checkpoint_shifts
        if checkpoints is not UNSET:
            field_dict["checkpoints"] = checkpoints
        if deployments is not UNSET:
            field_dict["deployments"] = deployments
        if duty_deaths is not UNSET:
            field_dict["duty_deaths"] = duty_deaths
        if enterprise_visits is not UNSET:
            field_dict["enterprise_visits"] = enterprise_visits
        if enterprises is not UNSET:
            field_dict["enterprises"] = enterprises
        if family_supports is not UNSET:
            field_dict["family_supports"] = family_supports
        if family_visits is not UNSET:
            field_dict["family_visits"] = family_visits
        if format_ is not UNSET:
            field_dict["format"] = format_
        if frontline_records is not UNSET:
            field_dict["frontline_records"] = frontline_records
        if household_links is not UNSET:
            field_dict["household_links"] = household_links
        if household_visits is not UNSET:
            field_dict["household_visits"] = household_visits
        if households is not UNSET:
            field_dict["households"] = households
        if medical_workers is not UNSET:
            field_dict["medical_workers"] = medical_workers
        if pairings is not UNSET:
            field_dict["pairings"] = pairings
        if party_applications is not UNSET:
            field_dict["party_applications"] = party_applications
        if party_members is not UNSET:
            field_dict["party_members"] = party_members
        if party_orgs is not UNSET:
            field_dict["party_orgs"] = party_orgs
        if recognitions is not UNSET:
            field_dict["recognitions"] = recognitions
        if regions is not UNSET:
            field_dict["regions"] = regions
        if supervisions is not UNSET:
            field_dict["supervisions"] = supervisions
        if talents is not UNSET:
            field_dict["talents"] = talents
        if team_memberships is not UNSET:
            field_dict["team_memberships"] = team_memberships
        if volunteer_teams is not UNSET:
            field_dict["volunteer_teams"] = volunteer_teams

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation import Allocation  # noqa: PLC0415
        from ..models.cadre import Cadre  # noqa: PLC0415
        from ..models.care_contact import CareContact  # noqa: PLC0415
        from ..models.care_payment import CarePayment  # noqa: PLC0415
        from ..models.central_household import CentralHousehold  # noqa: PLC0415
        from ..models.checkpoint import Checkpoint  # noqa: PLC0415
        from ..models.checkpoint_shift import CheckpointShift  # noqa: PLC0415
        from ..models.deployment import Deployment  # noqa: PLC0415
        from ..models.duty_death import DutyDeath  # noqa: PLC0415
        from ..models.enterprise import Enterprise  # noqa: PLC0415
        from ..models.enterprise_visit import EnterpriseVisit  # noqa: PLC0415
        from ..models.family_support import FamilySupport  # noqa: PLC0415
        from ..models.family_visit import FamilyVisit  # noqa: PLC0415
        from ..models.frontline_record import FrontlineRecord  # noqa: PLC0415
        from ..models.household import Household  # noqa: PLC0415
        from ..models.household_link import HouseholdLink  # noqa: PLC0415
        from ..models.household_visit import HouseholdVisit  # noqa: PLC0415
        from ..models.medical_worker import MedicalWorker  # noqa: PLC0415
        from ..models.pairing import Pairing  # noqa: PLC0415
        from ..models.party_application import PartyApplication  # noqa: PLC0415
        from ..models.party_member import PartyMember  # noqa: PLC0415
        from ..models.party_org import PartyOrg  # noqa: PLC0415
        from ..models.recognition import Recognition  # noqa: PLC0415
        from ..models.region import Region  # noqa: PLC0415
        from ..models.supervision import Supervision  # noqa: PLC0415
        from ..models.talent import Talent  # noqa: PLC0415
        from ..models.team_membership import TeamMembership  # noqa: PLC0415
        from ..models.volunteer_team import VolunteerTeam  # noqa: PLC0415

        d = dict(src_dict)
        _allocations = d.pop("allocations", UNSET)
        allocations: list[Allocation] | Unset = UNSET
        if _allocations is not UNSET:
            allocations = []
            for allocations_item_data in _allocations:
                allocations_item = Allocation.from_dict(allocations_item_data)

                allocations.append(allocations_item)

        _cadres = d.pop("cadres", UNSET)
        cadres: list[Cadre] | Unset = UNSET
        if _cadres is not UNSET:
            cadres = []
            for cadres_item_data in _cadres:
                cadres_item = Cadre.from_dict(cadres_item_data)

                cadres.append(cadres_item)

        _care_contacts = d.pop("care_contacts", UNSET)
        care_contacts: list[CareContact] | Unset = UNSET
        if _care_contacts is not UNSET:
            care_contacts = []
            for care_contacts_item_data in _care_contacts:
                care_contacts_item = CareContact.from_dict(care_contacts_item_data)

                care_contacts.append(care_contacts_item)

        _care_payments = d.pop("care_payments", UNSET)
        care_payments: list[CarePayment] | Unset = UNSET
        if _care_payments is not UNSET:
            care_payments = []
            for care_payments_item_data in _care_payments:
                care_payments_item = CarePayment.from_dict(care_payments_item_data)

                care_payments.append(care_payments_item)

        _central_households = d.pop("central_households", UNSET)
        central_households: list[CentralHousehold] | Unset = UNSET
        if _central_households is not UNSET:
            central_households = []
            for central_households_item_data in _central_households:
                central_households_item = CentralHousehold.from_dict(central_households_item_data)

                central_households.append(central_households_item)

        _checkpoint_shifts = d.pop("checkpoint_shifts", UNSET)
        checkpoint_shifts: list[CheckpointShift] | Unset = UNSET
        if _checkpoint_shifts is not UNSET:
            checkpoint_shifts = []
            for checkpoint_shifts_item_data in _checkpoint_shifts:
                checkpoint_shifts_item = CheckpointShift.from_dict(checkpoint_shifts_item_data)

                checkpoint_shifts.append(checkpoint_shifts_item)

        _checkpoints = d.pop("checkpoints", UNSET)
        checkpoints: list[Checkpoint] | Unset = UNSET
        if _checkpoints is not UNSET:
            checkpoints = []
            for checkpoints_item_data in _checkpoints:
                checkpoints_item = Checkpoint.from_dict(checkpoints_item_data)

                checkpoints.append(checkpoints_item)

        _deployments = d.pop("deployments", UNSET)
        deployments: list[Deployment] | Unset = UNSET
        if _deployments is not UNSET:
            deployments = []
            for deployments_item_data in _deployments:
                deployments_item = Deployment.from_dict(deployments_item_data)

                deployments.append(deployments_item)

        _duty_deaths = d.pop("duty_deaths", UNSET)
        duty_deaths: list[DutyDeath] | Unset = UNSET
        if _duty_deaths is not UNSET:
            duty_deaths = []
            for duty_deaths_item_data in _duty_deaths:
                duty_deaths_item = DutyDeath.from_dict(duty_deaths_item_data)

                duty_deaths.append(duty_deaths_item)

        _enterprise_visits = d.pop("enterprise_visits", UNSET)
        enterprise_visits: list[EnterpriseVisit] | Unset = UNSET
        if _enterprise_visits is not UNSET:
            enterprise_visits = []
            for enterprise_visits_item_data in _enterprise_visits:
                enterprise_visits_item = EnterpriseVisit.from_dict(enterprise_visits_item_data)

                enterprise_visits.append(enterprise_visits_item)

        _enterprises = d.pop("enterprises", UNSET)
        enterprises: list[Enterprise] | Unset = UNSET
        if _enterprises is not UNSET:
            enterprises = []
            for enterprises_item_data in _enterprises:
                enterprises_item = Enterprise.from_dict(enterprises_item_data)

                enterprises.append(enterprises_item)

        _family_supports = d.pop("family_supports", UNSET)
        family_supports: list[FamilySupport] | Unset = UNSET
        if _family_supports is not UNSET:
            family_supports = []
            for family_supports_item_data in _family_supports:
                family_supports_item = FamilySupport.from_dict(family_supports_item_data)

                family_supports.append(family_supports_item)

        _family_visits = d.pop("family_visits", UNSET)
        family_visits: list[FamilyVisit] | Unset = UNSET
        if _family_visits is not UNSET:
            family_visits = []
            for family_visits_item_data in _family_visits:
                family_visits_item = FamilyVisit.from_dict(family_visits_item_data)

                family_visits.append(family_visits_item)

        format_ = cast(Literal["orgnet-bundle/1"] | Unset, d.pop("format", UNSET))
        if format_ != "orgnet-bundle/1" and not isinstance(format_, Unset):
            raise ValueError(f"format must match const 'orgnet-bundle/1', got '{format_}'")

        _frontline_records = d.pop("frontline_records", UNSET)
        frontline_records: list[FrontlineRecord] | Unset = UNSET
        if _frontline_records is not UNSET:
            frontline_records = []
            for frontline_records_item_data in _frontline_records:
                frontline_records_item = FrontlineRecord.from_dict(frontline_records_item_data)

                frontline_records.append(frontline_records_item)

        _household_links = d.pop("household_links", UNSET)
        household_links: list[HouseholdLink] | Unset = UNSET
        if _household_links is not UNSET:
            household_links = []
            for household_links_item_data in _household_links:
                household_links_item = HouseholdLink.from_dict(household_links_item_data)

                household_links.append(household_links_item)

        _household_visits = d.pop("household_visits", UNSET)
        household_visits: list[HouseholdVisit] | Unset = UNSET
        if _household_visits is not UNSET:
            household_visits = []
            for household_visits_item_data in _household_visits:
                household_visits_item = HouseholdVisit.from_dict(household_visits_item_data)

                household_visits.append(household_visits_item)

        _households = d.pop("households", UNSET)
        households: list[Household] | Unset = UNSET
        if _households is not UNSET:
            households = []
            for households_item_data in _households:
                households_item = Household.from_dict(households_item_data)

                households.append(households_item)

        _medical_workers = d.pop("medical_workers", UNSET)
        medical_workers: list[MedicalWorker] | Unset = UNSET
        if _medical_workers is not UNSET:
            medical_workers = []
            for medical_workers_item_data in _medical_workers:
                medical_workers_item = MedicalWorker.from_dict(medical_workers_item_data)

                medical_workers.append(medical_workers_item)

        _pairings = d.pop("pairings", UNSET)
        pairings: list[Pairing] | Unset = UNSET
        if _pairings is not UNSET:
            pairings = []
            for pairings_item_data in _pairings:
                pairings_item = Pairing.from_dict(pairings_item_data)

                pairings.append(pairings_item)

        _party_applications = d.pop("party_applications", UNSET)
        party_applications: list[PartyApplication] | Unset = UNSET
        if _party_applications is not UNSET:
            party_applications = []
            for party_applications_item_data in _party_applications:
                party_applications_item = PartyApplication.from_dict(party_applications_item_data)

                party_applications.append(party_applications_item)

        _party_members = d.pop("party_members", UNSET)
        party_members: list[PartyMember] | Unset = UNSET
        if _party_members is not UNSET:
            party_members = []
            for party_members_item_data in _party_members:
                party_members_item = PartyMember.from_dict(party_members_item_data)

                party_members.append(party_members_item)

        _party_orgs = d.pop("party_orgs", UNSET)
        party_orgs: list[PartyOrg] | Unset = UNSET
        if _party_orgs is not UNSET:
            party_orgs = []
            for party_orgs_item_data in _party_orgs:
                party_orgs_item = PartyOrg.from_dict(party_orgs_item_data)

                party_orgs.append(party_orgs_item)

        _recognitions = d.pop("recognitions", UNSET)
        recognitions: list[Recognition] | Unset = UNSET
        if _recognitions is not UNSET:
            recognitions = []
            for recognitions_item_data in _recognitions:
                recognitions_item = Recognition.from_dict(recognitions_item_data)

                recognitions.append(recognitions_item)

        _regions = d.pop("regions", UNSET)
        regions: list[Region] | Unset = UNSET
        if _regions is not UNSET:
            regions = []
            for regions_item_data in _regions:
                regions_item = Region.from_dict(regions_item_data)

                regions.append(regions_item)

        _supervisions = d.pop("supervisions", UNSET)
        supervisions: list[Supervision] | Unset = UNSET
        if _supervisions is not UNSET:
            supervisions = []
            for supervisions_item_data in _supervisions:
                supervisions_item = Supervision.from_dict(supervisions_item_data)

                supervisions.append(supervisions_item)

        _talents = d.pop("talents", UNSET)
        talents: list[Talent] | Unset = UNSET
        if _talents is not UNSET:
            talents = []
            for talents_item_data in _talents:
                talents_item = Talent.from_dict(talents_item_data)

                talents.append(talents_item)

        _team_memberships = d.pop("team_memberships", UNSET)
        team_memberships: list[TeamMembership] | Unset = UNSET
        if _team_memberships is not UNSET:
            team_memberships = []
            for team_memberships_item_data in _team_memberships:
                team_memberships_item = TeamMembership.from_dict(team_memberships_item_data)

                team_memberships.append(team_memberships_item)

        _volunteer_teams = d.pop("volunteer_teams", UNSET)
        volunteer_teams: list[VolunteerTeam] | Unset = UNSET
        if _volunteer_teams is not UNSET:
            volunteer_teams = []
            for volunteer_teams_item_data in _volunteer_teams:
                volunteer_teams_item = VolunteerTeam.from_dict(volunteer_teams_item_data)

                volunteer_teams.append(volunteer_teams_item)

        bundle = cls(
            allocations=allocations,
            cadres=cadres,
            care_contacts=care_contacts,
            care_payments=care_payments,
            central_households=central_households,
            checkpoint_shifts=checkpoint_shifts,
            checkpoints=checkpoints,
            deployments=deployments,
            duty_deaths=duty_deaths,
            enterprise_visits=enterprise_visits,
            enterprises=enterprises,
            family_supports=family_supports,
            family_visits=family_visits,
            format_=format_,
            frontline_records=frontline_records,
            household_links=household_links,
            household_visits=household_visits,
            households=households,
            medical_workers=medical_workers,
            pairings=pairings,
            party_applications=party_applications,
            party_members=party_members,
            party_orgs=party_orgs,
            recognitions=recognitions,
            regions=regions,
            supervisions=supervisions,
            talents=talents,
            team_memberships=team_memberships,
            volunteer_teams=volunteer_teams,
        )

        return bundle
