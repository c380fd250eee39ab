from enum import StrEnum


class PartyOrgKind(StrEnum):
    BRANCH = "branch"
    COMMITTEE = "committee"
    GENERAL_BRANCH = "general_branch"
    UNIT = "unit"

    def __str__(self) -> str:
        return str(self.value)
