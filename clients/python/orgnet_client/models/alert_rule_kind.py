from enum import StrEnum


class AlertRuleKind(StrEnum):
    BELOW = "below"
    FALL = "fall"
    NEW_GAP = "new_gap"

    def __str__(self) -> str:
        return str(self.value)
