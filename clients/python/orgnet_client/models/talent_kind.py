from enum import StrEnum


class TalentKind(StrEnum):
    COMMUNITY_WORKER = "community_worker"
    TALENT = "talent"
    VILLAGE_WORKER = "village_worker"

    def __str__(self) -> str:
        return str(self.value)
