from enum import StrEnum


class AccountViewRole(StrEnum):
    ADMIN = "admin"
    EXCHANGE = "exchange"
    FIELD = "field"
    PLANNER = "planner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
