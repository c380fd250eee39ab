from enum import StrEnum


class ExportGapsV1GapsMetricExportGetLang(StrEnum):
    EN = "en"
    ZH = "zh"

    def __str__(self) -> str:
        return str(self.value)
