"""Each bundle section is built and written by code a reader finds in one explicit table (issue 21),
not by a method name assembled from the section's name."""

from __future__ import annotations

import datetime as dt

from orgnet.graph.model import Bundle
from orgnet.graph.offline_csv import CsvWriter
from orgnet.seed.generator import section_builders
from orgnet.seed.scenario import Scenario


def test_the_seed_has_one_builder_per_section_in_bundle_order():
    builders = section_builders(Scenario(2020, "demo", dt.date(2020, 3, 31)))
    assert list(builders) == list(Bundle.SECTIONS)
    assert all(callable(b) for b in builders.values())


def test_the_offline_writer_has_one_writer_per_section_in_bundle_order(tmp_path):
    writers = CsvWriter(tmp_path).section_writers
    assert list(writers) == list(Bundle.SECTIONS)
