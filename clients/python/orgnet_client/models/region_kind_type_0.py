from enum import StrEnum


class RegionKindType0(StrEnum):
    CITY = "city"
    COMMUNITY = "community"
    COUNTY = "county"
    COUNTY_CITY = "county_city"
    DISTRICT = "district"
    NATION = "nation"
    PROVINCE = "province"
    STREET = "street"
    TOWN = "town"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
