from enum import StrEnum


class DeploymentTargetType(StrEnum):
    CHECKPOINT = "checkpoint"
    REGION = "region"

    def __str__(self) -> str:
        return str(self.value)
