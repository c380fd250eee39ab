from enum import StrEnum


class RecordVisitV1MeVisitsKindPostKind(StrEnum):
    CHECKPOINT_SHIFTS = "checkpoint_shifts"
    ENTERPRISE_VISITS = "enterprise_visits"
    FAMILY_VISITS = "family_visits"
    HOUSEHOLD_VISITS = "household_visits"

    def __str__(self) -> str:
        return str(self.value)
