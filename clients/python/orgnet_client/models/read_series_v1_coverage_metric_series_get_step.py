from enum import StrEnum


class ReadSeriesV1CoverageMetricSeriesGetStep(StrEnum):
    DAY = "day"
    MONTH = "month"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
