"""The spreadsheets of issue 23 without a database: the section table, templates, the parser."""

from __future__ import annotations

from orgnet.graph.model import SECTION_MODELS
from orgnet.sheets.sections import SECTIONS, SHEETS


def test_every_sheet_is_a_bundle_section_with_every_required_field():
    assert len(SHEETS) == len(SECTIONS)
    for s in SECTIONS.values():
        model = SECTION_MODELS[s.section]
        assert set(s.fields) <= set(model.model_fields)
        assert {n for n, f in model.model_fields.items() if f.is_required()} <= set(s.fields)
        assert len({c.header for c in s.columns}) == len(s.columns), s.section
