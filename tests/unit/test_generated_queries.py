"""The metric query files and the dashboard's metric texts are produced from orgnet/coverage/metrics/
(``python -m orgnet.coverage.generate``): the committed files must be exactly what the metrics produce."""

from __future__ import annotations

import re

from orgnet.coverage import generate
from orgnet.coverage.metrics import METRICS
from orgnet.queries.library import read_library


def test_committed_files_are_what_the_metrics_produce():
    assert generate.drifted() == [], "run `python -m orgnet.coverage.generate` and commit the result"


def test_a_hand_edit_of_a_produced_file_is_reported_as_drift(tmp_path, monkeypatch):
    for path, text in generate.generated_files().items():
        target = tmp_path / path.relative_to(generate.QUERIES_DIR.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    monkeypatch.setattr(generate, "QUERIES_DIR", tmp_path / "queries")
    monkeypatch.setattr(generate, "TEXTS_FILE", tmp_path / "api" / "static" / "metric_texts.js")
    assert generate.drifted() == []
    edited = tmp_path / "queries" / "gaps" / "household_linkage.cypher"
    edited.write_text(edited.read_text(encoding="utf-8").replace("LIMIT", "LIMIT 1 +"), encoding="utf-8")
    assert generate.drifted() == [edited]


def test_every_produced_query_is_a_valid_library_query_with_no_macro_left():
    lib = read_library()
    for m in METRICS:
        for view in generate.VIEWS:
            query = lib.get(f"{view}/{m.name}")
            assert "<<" not in query.text and ">>" not in query.text, query.key


def test_the_whatif_exclusions_appear_only_in_status_queries():
    text = generate.expand("a<<whatif: AND NOT m.id IN $unavailable_members>>", view="status")
    assert text == "a AND NOT m.id IN $unavailable_members"
    for view in ("coverage", "gaps", "timeline"):
        assert generate.expand("a<<whatif: AND x>>", view=view) == "a"


def test_an_unknown_macro_is_refused():
    try:
        generate.expand("<<nope:x>>", view="gaps")
    except ValueError as e:
        assert "nope" in str(e)
    else:
        raise AssertionError("an unknown macro was accepted")


def test_a_metric_with_what_if_parameters_names_its_what_if_candidates():
    # without them the what-if would never list its items (duty_death_family_care once had none)
    for m in METRICS:
        assert bool(m.whatif_params) == bool(m.whatif_affected.strip()), m.name
        if m.whatif_affected:
            assert "item:" in m.whatif_affected, m.name  # the part binds `item`


def test_every_reason_code_has_a_cypher_predicate_in_the_same_order():
    # the gap list filters and counts by reason inside Neo4j with these; a unit without one for
    # a code would be a KeyError on that metric's gap page (as the incentive metrics once were)
    for m in METRICS:
        assert tuple(m.category_predicates) == tuple(m.category_texts), m.name
        assert all(p.strip() for p in m.category_predicates.values()), m.name


def test_every_reason_code_a_metric_gives_has_both_texts():
    for m in METRICS:
        for code, texts in m.category_texts.items():
            assert re.fullmatch(r"[a-z_]+", code)
            assert texts["en"] and texts["zh"], (m.name, code)
