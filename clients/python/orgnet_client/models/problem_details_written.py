from enum import StrEnum


class ProblemDetailsWritten(StrEnum):
    NO = "no"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
