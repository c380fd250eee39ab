from enum import StrEnum


class RuleInLevelType0(StrEnum):
    CITY = "city"
    COUNTY = "county"
    PROVINCE = "province"
    TOWN = "town"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
