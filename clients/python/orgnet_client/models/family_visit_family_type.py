from enum import StrEnum


class FamilyVisitFamilyType(StrEnum):
    DUTY_DEATH = "duty_death"
    MEDICAL_WORKER = "medical_worker"

    def __str__(self) -> str:
        return str(self.value)
