from enum import StrEnum


class RuleInThresholdRefType0(StrEnum):
    OK = "ok"
    WARN = "warn"

    def __str__(self) -> str:
        return str(self.value)
