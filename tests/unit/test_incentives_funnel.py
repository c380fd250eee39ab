"""The funnel's `served` stage counts frontline_recognition's people (issue 13): its query file
holds the metric's own population and measure, expanded, so the two cannot drift apart unseen."""

from __future__ import annotations

from pathlib import Path

from orgnet.coverage.generate import QUERIES_DIR, expand
from orgnet.coverage.metrics import frontline_recognition as unit


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_funnel_reads_the_metrics_population_and_measure():
    funnel = _flat(Path(QUERIES_DIR, "incentives", "funnel.cypher").read_text(encoding="utf-8"))
    for fragment in (unit._IN_REGION, unit._PEOPLE, unit._REACHED):
        assert _flat(expand(fragment, view="coverage")) in funnel
