from enum import StrEnum


class GetAssignmentWhatifV1WhatifAssignmentGetKind(StrEnum):
    CARE_CONTACTS = "care_contacts"
    FAMILY_SUPPORTS = "family_supports"
    HOUSEHOLD_LINKS = "household_links"
    PAIRINGS = "pairings"

    def __str__(self) -> str:
        return str(self.value)
