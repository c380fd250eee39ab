from enum import StrEnum


class EnterpriseKind(StrEnum):
    CITY_OWNED = "city_owned"
    NON_PUBLIC = "non_public"
    TALENT = "talent"

    def __str__(self) -> str:
        return str(self.value)
