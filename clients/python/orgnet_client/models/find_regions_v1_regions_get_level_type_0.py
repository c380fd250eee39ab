from enum import StrEnum


class FindRegionsV1RegionsGetLevelType0(StrEnum):
    CITY = "city"
    COUNTY = "county"
    NATION = "nation"
    PROVINCE = "province"
    TOWN = "town"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
