from enum import StrEnum


class CareContactSupporterType(StrEnum):
    CADRE = "cadre"
    PARTY_ORG = "party_org"

    def __str__(self) -> str:
        return str(self.value)
