from enum import StrEnum


class RecordEntryV1MeRecordPostBodyKind(StrEnum):
    DUTY = "duty"
    MAJOR_EVENT = "major_event"
    NEGATIVE_CASE = "negative_case"
    POSITIVE_CASE = "positive_case"

    def __str__(self) -> str:
        return str(self.value)
