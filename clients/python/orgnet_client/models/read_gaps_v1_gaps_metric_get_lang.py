from enum import StrEnum


class ReadGapsV1GapsMetricGetLang(StrEnum):
    EN = "en"
    ZH = "zh"

    def __str__(self) -> str:
        return str(self.value)
