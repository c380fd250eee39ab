from enum import StrEnum


class SubscriptionInEventsItem(StrEnum):
    ALERT_ACKNOWLEDGED = "alert.acknowledged"
    ALERT_OPENED = "alert.opened"
    ALERT_RESOLVED = "alert.resolved"
    CHANGE = "change"

    def __str__(self) -> str:
        return str(self.value)
