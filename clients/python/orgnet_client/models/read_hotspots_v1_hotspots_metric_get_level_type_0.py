from enum import StrEnum


class ReadHotspotsV1HotspotsMetricGetLevelType0(StrEnum):
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
