"""The coverage metrics of docs/design.md §3: one module per metric, listed in :data:`METRICS`.

A metric's module holds all of it: population, the rule as one Cypher fragment, the policy keys
the rule reads, the reasons of a gap (the English sentence, the Chinese one as data, reason codes
and their zh/en labels) and its part of the four library queries (``orgnet/queries``):
``coverage/<metric>`` (the rollup),
``gaps/<metric>`` (uncovered items, paged by id), ``status/<metric>`` (check given items) and
``timeline/<metric>`` (the stored summaries' step functions).  Those files are produced from the
module by :mod:`orgnet.coverage.generate`; the networkx reference (:mod:`orgnet.coverage.reference`)
produces the same details.  Adding a metric: docs/contributors/add-a-metric.md.

>>> [m.name for m in METRICS][:3]
['enterprise_pairing', 'cadre_load', 'party_org_presence']
>>> get_metric("household_linkage").categories({"active_links": 0, "last_link_ended": "2020-03-30"})
['link_ended']
"""

from __future__ import annotations

from orgnet.coverage.metrics import (
    application_followup,
    cadre_load,
    central_household_size,
    checkpoint_staffing,
    community_funding,
    community_teams,
    duty_death_family_care,
    enterprise_pairing,
    frontline_recognition,
    household_linkage,
    medical_family_support,
    member_link_load,
    pairing_visits,
    party_org_presence,
    record_backed_promotion,
)
from orgnet.coverage.metrics._unit import Metric, MetricQuery
from orgnet.errors import NotFound

__all__ = ["METRICS", "METRIC_NAMES", "Metric", "MetricQuery", "get_metric"]

METRICS: tuple[Metric, ...] = (
    enterprise_pairing.METRIC,
    cadre_load.METRIC,
    party_org_presence.METRIC,
    household_linkage.METRIC,
    member_link_load.METRIC,
    central_household_size.METRIC,
    community_teams.METRIC,
    checkpoint_staffing.METRIC,
    medical_family_support.METRIC,
    community_funding.METRIC,
    frontline_recognition.METRIC,
    record_backed_promotion.METRIC,
    application_followup.METRIC,
    duty_death_family_care.METRIC,
    pairing_visits.METRIC,
)
METRIC_NAMES: tuple[str, ...] = tuple(m.name for m in METRICS)
_BY_NAME = {m.name: m for m in METRICS}


def get_metric(name: str) -> Metric:
    """The metric called ``name``; :class:`~orgnet.errors.NotFound` otherwise.

    >>> get_metric("nope")
    Traceback (most recent call last):
    ...
    orgnet.errors.NotFound: Unknown metric 'nope'. Metrics: enterprise_pairing, cadre_load, party_org_presence, household_linkage, member_link_load, central_household_size, community_teams, checkpoint_staffing, medical_family_support, community_funding, frontline_recognition, record_backed_promotion, application_followup, duty_death_family_care, pairing_visits.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise NotFound(f"Unknown metric {name!r}. Metrics: {', '.join(METRIC_NAMES)}.") from None
