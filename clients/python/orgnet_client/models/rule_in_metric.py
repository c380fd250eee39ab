from enum import StrEnum


class RuleInMetric(StrEnum):
    APPLICATION_FOLLOWUP = "application_followup"
    CADRE_LOAD = "cadre_load"
    CENTRAL_HOUSEHOLD_SIZE = "central_household_size"
    CHECKPOINT_STAFFING = "checkpoint_staffing"
    COMMUNITY_FUNDING = "community_funding"
    COMMUNITY_TEAMS = "community_teams"
    DUTY_DEATH_FAMILY_CARE = "duty_death_family_care"
    ENTERPRISE_PAIRING = "enterprise_pairing"
    FRONTLINE_RECOGNITION = "frontline_recognition"
    HOUSEHOLD_LINKAGE = "household_linkage"
    MEDICAL_FAMILY_SUPPORT = "medical_family_support"
    MEMBER_LINK_LOAD = "member_link_load"
    PAIRING_VISITS = "pairing_visits"
    PARTY_ORG_PRESENCE = "party_org_presence"
    RECORD_BACKED_PROMOTION = "record_backed_promotion"

    def __str__(self) -> str:
        return str(self.value)
