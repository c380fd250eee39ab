from enum import StrEnum


class MeRole(StrEnum):
    ADMIN = "admin"
    ANONYMOUS = "anonymous"
    EXCHANGE = "exchange"
    FIELD = "field"
    PLANNER = "planner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
