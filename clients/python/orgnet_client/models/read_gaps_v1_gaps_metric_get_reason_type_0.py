from enum import StrEnum


class ReadGapsV1GapsMetricGetReasonType0(StrEnum):
    COMMUNITY = "community"
    DECIDED_LATE = "decided_late"
    FEWER = "fewer"
    LAPSED = "lapsed"
    LEVEL_CITY = "level_city"
    LEVEL_COUNTY = "level_county"
    LEVEL_TOWN = "level_town"
    LEVEL_VILLAGE = "level_village"
    LINK_ENDED = "link_ended"
    MISSING_CITY = "missing_city"
    MISSING_COUNTY = "missing_county"
    MISSING_TOWN = "missing_town"
    MISSING_VILLAGE = "missing_village"
    MORE = "more"
    NEVER = "never"
    NEVER_LINKED = "never_linked"
    NEVER_RECOGNISED = "never_recognised"
    NO_CONTACT = "no_contact"
    NO_PAYMENT = "no_payment"
    NO_RECORD = "no_record"
    NO_SUPPORT = "no_support"
    NO_TEAM = "no_team"
    OUTSIDE = "outside"
    RECORD_AFTER = "record_after"
    RECORD_SAME_DAY = "record_same_day"
    SMALL_TEAM = "small_team"
    SUPPORT_ENDED = "support_ended"
    UNDECIDED = "undecided"
    UNDERFUNDED = "underfunded"
    UNFUNDED = "unfunded"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
