from enum import StrEnum


class ReadQueryV1QueriesNamespaceNameGetName(StrEnum):
    AFFECTED = "affected"
    APPLICATION_FOLLOWUP = "application_followup"
    ARTICLE_FIGURES = "article_figures"
    CADRE_LOAD = "cadre_load"
    CADRE_RESPONSIBILITIES = "cadre_responsibilities"
    CENTRAL_HOUSEHOLD = "central_household"
    CENTRAL_HOUSEHOLD_SIZE = "central_household_size"
    CHECKPOINT_STAFFING = "checkpoint_staffing"
    COMMUNITY_FUNDING = "community_funding"
    COMMUNITY_TEAMS = "community_teams"
    DUTY_DEATH_FAMILY_CARE = "duty_death_family_care"
    ENTERPRISE_PAIRING = "enterprise_pairing"
    ENTERPRISE_PAIRINGS = "enterprise_pairings"
    ENTERPRISE_PAIRING_CANDIDATES = "enterprise_pairing_candidates"
    FRONTLINE_RECOGNITION = "frontline_recognition"
    FUNNEL = "funnel"
    GAP_REGIONS = "gap_regions"
    HOTSPOTS = "hotspots"
    HOUSEHOLD_LINKAGE = "household_linkage"
    INCENTIVE_TRAIL = "incentive_trail"
    MEDICAL_FAMILY_SUPPORT = "medical_family_support"
    MEMBER_LINK_LOAD = "member_link_load"
    PAIRING_VISITS = "pairing_visits"
    PARTY_ORG_PRESENCE = "party_org_presence"
    RECORD_BACKED_PROMOTION = "record_backed_promotion"
    ROLLUP = "rollup"

    def __str__(self) -> str:
        return str(self.value)
