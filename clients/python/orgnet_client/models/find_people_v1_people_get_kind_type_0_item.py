from enum import StrEnum


class FindPeopleV1PeopleGetKindType0Item(StrEnum):
    CADRE = "cadre"
    MEDICAL_WORKER = "medical_worker"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
