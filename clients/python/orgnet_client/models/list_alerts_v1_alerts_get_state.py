from enum import StrEnum


class ListAlertsV1AlertsGetState(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ACTIVE = "active"
    ALL = "all"
    OPEN = "open"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
