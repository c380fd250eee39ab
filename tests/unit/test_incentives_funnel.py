"""The funnel counts frontline_recognition's people (issues 13, 24): its query file is produced from
the metric's own population, service and as-of filters, so the card and the chart cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from orgnet.coverage.generate import QUERIES_DIR, expand
from orgnet.coverage.metrics import frontline_recognition as unit


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_funnel_reads_the_metrics_population_service_and_dates():
    funnel = _flat(Path(QUERIES_DIR, "incentives", "funnel.cypher").read_text(encoding="utf-8"))
    for fragment in (unit._IN_REGION, unit._PEOPLE, unit._SERVICE, unit._STARTED):
        assert _flat(expand(fragment, view="coverage", as_of=unit.METRIC.as_of)) in funnel
    # the evidence is read as of the day, as in the metric's own queries
    assert "fr.date <= d" in funnel and "o.since <= d" in funnel and "rec.date <= d" in funnel
