from enum import StrEnum


class AllocationFund(StrEnum):
    CITY_PARTY_FEE = "city_party_fee"
    COMMUNITY_STANDARD = "community_standard"
    COUNTY_PARTY_FEE = "county_party_fee"
    PENGCHENG_CARE_FUND = "pengcheng_care_fund"

    def __str__(self) -> str:
        return str(self.value)
