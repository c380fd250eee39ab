from enum import StrEnum


class ExportGapsV1GapsMetricExportGetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
