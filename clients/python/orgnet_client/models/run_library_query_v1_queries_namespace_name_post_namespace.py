from enum import StrEnum


class RunLibraryQueryV1QueriesNamespaceNamePostNamespace(StrEnum):
    COVERAGE = "coverage"
    EXPLORE = "explore"
    GAPS = "gaps"
    INCENTIVES = "incentives"
    STATUS = "status"
    SUGGESTIONS = "suggestions"
    SUMMARY = "summary"
    TIMELINE = "timeline"
    WHATIF = "whatif"

    def __str__(self) -> str:
        return str(self.value)
