from enum import StrEnum


class RecognitionKind(StrEnum):
    ADVANCED_INDIVIDUAL = "advanced_individual"
    CARE_PAYMENT = "care_payment"
    COMMENDED = "commended"
    EXCELLENT_ASSESSMENT = "excellent_assessment"
    NOTED = "noted"
    PIONEER = "pioneer"
    POSTHUMOUS_HONOUR = "posthumous_honour"
    PROMOTED = "promoted"
    REST_LEAVE = "rest_leave"
    TALENT_PROGRAMME = "talent_programme"

    def __str__(self) -> str:
        return str(self.value)
