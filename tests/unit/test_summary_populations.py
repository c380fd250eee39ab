"""The population fingerprints of the stored summaries, checked against the queries and the loader.

A metric's population (the labels and relationship types whose counts are recorded when its
summaries are computed) must be read by its timeline query, or a change to it would be reported
for nothing; and every orgnet write that changes it must mark the metric stale, or a fresh
metric would look changed outside orgnet after an ordinary import."""

from __future__ import annotations

import re

import pytest

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.summaries import SECTION_METRICS
from orgnet.coverage.summary_state import POPULATIONS, population_query
from orgnet.graph.statements import REGION_STATEMENTS, SECTION_STATEMENTS
from orgnet.queries.library import library

NAME = re.compile(r":([A-Z][A-Za-z_]*)\b")


def written_by(statement: str) -> set[str]:
    """Labels and relationship types a loader statement creates: what its MERGE and (ON CREATE) SET clauses name."""
    out: set[str] = set()
    for line in statement.splitlines():
        line = line.strip()
        if line.startswith(("MERGE", "SET", "ON CREATE SET", "ON MATCH SET")):
            out |= set(NAME.findall(line))
    return out


SECTION_WRITES = {section: written_by(text) for section, text in SECTION_STATEMENTS.items()}
SECTION_WRITES["regions"] = set().union(*(written_by(text) for text in REGION_STATEMENTS.values()))


def test_the_section_writes_are_what_the_loader_statements_say():
    # read by hand from orgnet/graph/statements.py: the parser above must find them
    assert SECTION_WRITES["household_links"] == {"LINKS"}
    assert SECTION_WRITES["households"] == {"Household", "LOCATED_IN"}
    assert {"Region", "Village", "City", "PART_OF"} <= SECTION_WRITES["regions"]
    assert SECTION_WRITES["party_members"] == {"PartyMember", "MEMBER_OF", "LIVES_IN", "IN_CENTRAL_HOUSEHOLD"}


def test_every_metric_has_a_population():
    assert set(POPULATIONS) == {m.name for m in METRICS}


@pytest.mark.parametrize("metric", [m.name for m in METRICS])
def test_a_population_is_read_by_the_metric_timeline_query(metric):
    body = library().get(f"timeline/{metric}").body
    read = set(NAME.findall(body))
    assert set(POPULATIONS[metric]) <= read, set(POPULATIONS[metric]) - read


@pytest.mark.parametrize("section", sorted(SECTION_METRICS))
def test_an_orgnet_write_changes_only_the_populations_of_the_metrics_it_marks_stale(section):
    touched = {m for m, names in POPULATIONS.items() if set(names) & SECTION_WRITES[section]}
    assert touched <= set(SECTION_METRICS[section]), touched - set(SECTION_METRICS[section])


def test_the_household_links_population_catches_deleted_links():
    # the defect of issue 10.2: 1,900 LINKS deleted in Browser went unnoticed
    assert "LINKS" in POPULATIONS["household_linkage"] and "LINKS" in POPULATIONS["member_link_load"]


def test_the_count_query_inlines_only_population_names():
    assert "MATCH ()-[x:LINKS]->()" in population_query(["LINKS", "Household"])
    assert "MATCH (x:Household)" in population_query(["LINKS", "Household"])
    with pytest.raises(ValueError):
        population_query(["Household) DETACH DELETE (x"])
