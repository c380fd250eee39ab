from enum import StrEnum


class AssignmentEffectEffect(StrEnum):
    CLOSES = "closes"
    NARROWS = "narrows"
    NONE = "none"
    OPENS = "opens"

    def __str__(self) -> str:
        return str(self.value)
