from enum import StrEnum


class FamilySupportSupporterType(StrEnum):
    CADRE = "cadre"
    PARTY_ORG = "party_org"

    def __str__(self) -> str:
        return str(self.value)
