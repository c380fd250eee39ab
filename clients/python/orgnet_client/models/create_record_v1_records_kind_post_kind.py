from enum import StrEnum


class CreateRecordV1RecordsKindPostKind(StrEnum):
    ALLOCATIONS = "allocations"
    CADRES = "cadres"
    CARE_CONTACTS = "care_contacts"
    CARE_PAYMENTS = "care_payments"
    CENTRAL_HOUSEHOLDS = "central_households"
    CHECKPOINTS = "checkpoints"
    CHECKPOINT_SHIFTS = "checkpoint_shifts"
    DEPLOYMENTS = "deployments"
    DUTY_DEATHS = "duty_deaths"
    ENTERPRISES = "enterprises"
    ENTERPRISE_VISITS = "enterprise_visits"
    FAMILY_SUPPORTS = "family_supports"
    FAMILY_VISITS = "family_visits"
    FRONTLINE_RECORDS = "frontline_records"
    HOUSEHOLDS = "households"
    HOUSEHOLD_LINKS = "household_links"
    HOUSEHOLD_VISITS = "household_visits"
    MEDICAL_WORKERS = "medical_workers"
    PAIRINGS = "pairings"
    PARTY_APPLICATIONS = "party_applications"
    PARTY_MEMBERS = "party_members"
    PARTY_ORGS = "party_orgs"
    RECOGNITIONS = "recognitions"
    SUPERVISIONS = "supervisions"
    TALENTS = "talents"
    TEAM_MEMBERSHIPS = "team_memberships"
    VOLUNTEER_TEAMS = "volunteer_teams"

    def __str__(self) -> str:
        return str(self.value)
