from enum import StrEnum


class RuleInKind(StrEnum):
    BELOW = "below"
    FALL = "fall"
    NEW_GAP = "new_gap"

    def __str__(self) -> str:
        return str(self.value)
