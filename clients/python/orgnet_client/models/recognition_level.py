from enum import StrEnum


class RecognitionLevel(StrEnum):
    CITY = "city"
    COUNTY = "county"
    PROVINCE = "province"
    TOWN = "town"
    UNIT = "unit"

    def __str__(self) -> str:
        return str(self.value)
