from enum import StrEnum


class RecognitionPersonType(StrEnum):
    CADRE = "cadre"
    MEDICAL_WORKER = "medical_worker"
    PARTY_MEMBER = "party_member"
    TALENT = "talent"

    def __str__(self) -> str:
        return str(self.value)
