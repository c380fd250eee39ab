"""What a coverage metric is made of (docs/design.md §3): one :class:`Metric` per module of
:mod:`orgnet.coverage.metrics`, its four queries produced by :mod:`orgnet.coverage.generate`.

Every metric is **as of a day**: its unit declares (:class:`AsOf`) the dates that put an item into
its population and the dates of the evidence it reads, and the generator adds the filters (a record
dated after the day counts for nothing); :data:`DATED_RECORDS` lists every kind of record that has
such a date, so a metric that reads one without declaring it does not generate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.graph.model import PERSONAL_LABELS

DATED_RECORDS: Mapping[str, str] = {
    # records: the property holding the day they exist from (what happened on a day)
    "Allocation": "date",
    "FrontlineRecord": "date",
    "Recognition": "date",
    "PartyApplication": "submitted_on",
    "DutyDeath": "date",
    "CarePayment": "date",
    "EnterpriseVisit": "date",
    "CheckpointShift": "date",
    "HouseholdVisit": "date",
    "FamilyVisit": "date",
    # assignments: the day they start (their end is the rule's ``<<active:x>>``)
    "PAIRED_WITH": "since",
    "SUPERVISES": "since",
    "LINKS": "since",
    "ON_TEAM": "since",
    "DEPLOYED_TO": "since",
    "SUPPORTS_FAMILY_OF": "since",
    "CARES_FOR": "since",
}
"""Every node label and relationship type whose records are dated, and the property that dates them
(``tests/unit/test_coverage_metrics.py`` checks this against the graph model)."""

DATED_PROPERTIES: Mapping[str, tuple[str, ...]] = {
    "PartyApplication": ("activist_on", "probationary_on", "full_member_on", "declined_on"),
}
"""Properties of a record that say something happened later than the record itself (an application's
decisions): as of a day before them, they are not there yet."""


@dataclass(frozen=True)
class AsOf:
    """What dates a metric reads (docs/design.md §3, "Every metric is as of a day").

    The generator adds, in the ``coverage``, ``gaps`` and ``status`` views, ``x.<date> <= d`` to every
    pattern ``(x:Label<<unvoided:x>>)`` / ``[x:TYPE<<unvoided:x>>]`` of a declared label or type, and
    reads each declared dated property ``x.prop`` as null when it is after the day; in the
    ``timeline`` view it adds the population's step function (``entered``, from the rows the metric's
    timeline returns) beside the covered one.  :func:`orgnet.coverage.generate.check_dates` refuses a
    metric that reads a kind of :data:`DATED_RECORDS` (or a property of :data:`DATED_PROPERTIES`) that
    it does not declare, or reads a declared one without the macro the filter is added to.

    Attributes
    ----------
    enters
        Label of the items → the property holding the day an item enters the population (a promotion
        on its date, an application on its submission, a death on its day).
    enters_with_evidence
        The items enter the population with their first evidence (frontline service: the first day
        on duty, the first record entry), which the population pattern reads.
    evidence
        Label or relationship type of the evidence → the property dating it (records, decisions,
        recognitions, contacts, payments, assignments).
    evidence_properties
        Label → dated properties read as evidence (:data:`DATED_PROPERTIES`).
    """

    enters: Mapping[str, str] = field(default_factory=dict)
    enters_with_evidence: bool = False
    evidence: Mapping[str, str] = field(default_factory=dict)
    evidence_properties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def population_dated(self) -> bool:
        """Whether the population itself depends on the day (its ``timeline`` returns ``entered``)."""
        return bool(self.enters) or self.enters_with_evidence

    @property
    def records(self) -> dict[str, str]:
        """Every declared label or type → the property dating it."""
        return {**self.evidence, **self.enters}

    def __bool__(self) -> bool:
        return bool(self.enters or self.evidence or self.evidence_properties or self.enters_with_evidence)


@dataclass(frozen=True)
class MetricQuery:
    """The metric's own part of one of its four queries (``coverage``, ``gaps``, ``status``, ``timeline``).

    Attributes
    ----------
    title, description
        The query file's header lines (the description may hold ``\\n``: continuation lines).
    body
        Cypher with macros (:func:`orgnet.coverage.generate.expand`), placed inside the view's
        shared frame.
    framed
        False when ``body`` is the whole query (the metric's items are not found the usual way).
    """

    title: str
    description: str
    body: str
    framed: bool = True


@dataclass(frozen=True)
class Metric:
    """One coverage metric.

    Attributes
    ----------
    name
        Stable identifier used in URLs and query file names.
    title_en, title_zh, description
        For people.
    population
        What should be covered, in words.
    label
        Node label of the items (``Village`` for village-level units and communities).
    extra_labels
        Other labels whose records are items too, with ids shared with ``label``'s (a cadre in
        ``frontline_recognition``): the id-order gap walk and the scope check read them as well.
    as_of
        The dates it reads (:class:`AsOf`); a metric declaring none does not depend on the day.
    reason
        English reason of a gap, from the gap's ``details``.
    reason_zh
        Chinese reason of a gap as data (:class:`~orgnet.coverage.metrics._reasons.ReasonText`):
        the export renders it in Python, the dashboard from ``metric_texts.js``; None: the
        English reason serves in both languages.
    rule
        The rule as one Cypher fragment: true when the item is covered on the day ``d``
        (the generated queries place it with ``<<rule>>``).
    measure
        An expression the rule and the gap's details share, e.g. the number a rule compares
        (``<<measure>>``).
    policy_params
        The policy keys the rule reads: query parameter name → header spec (type, default, doc).
    whatif_params
        The ``unavailable_*`` parameters of its ``status`` query.
    whatif_affected
        Cypher binding ``item`` to the items whose coverage may change when the ``$cadres``,
        ``$members`` or ``$teams`` become unavailable on the day ``d`` (macros as in the rule);
        the what-if checks only these.  Required with ``whatif_params``: the produced
        ``whatif/affected.cypher`` joins every metric's.
    categories
        Reason codes of a gap, from its ``details`` (the gaps filter ``reason=``).
    category_texts
        Per reason code, ``{"en": ..., "zh": ...}`` (the dashboard's labels); their order is
        the order facets list them in.
    category_predicates
        Per reason code, the same test as ``categories`` as a Cypher predicate on ``d``, the
        gap's details map (the gap list filters and counts by reason inside Neo4j); the same
        codes in the same order as ``category_texts``.
    sections
        The bundle sections (besides ``regions``) whose records can change its coverage: an
        import of them marks its stored summaries stale.
    summary_population
        The labels and relationship types whose counts fingerprint its population in the stored
        summaries (see :data:`orgnet.coverage.summary_state.POPULATIONS`).
    queries
        Per view, the metric's part of the query.
    """

    name: str
    title_en: str
    title_zh: str
    description: str
    population: str
    label: str
    reason: Callable[[dict[str, Any]], str]
    reason_zh: ReasonText | None = None
    as_of: AsOf = field(default_factory=AsOf)
    extra_labels: tuple[str, ...] = ()
    rule: str = ""
    measure: str = ""
    policy_params: Mapping[str, str] = field(default_factory=dict)
    whatif_params: tuple[str, ...] = ()
    whatif_affected: str = ""
    categories: Callable[[dict[str, Any]], list[str]] = lambda d: []
    category_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    category_predicates: Mapping[str, str] = field(default_factory=dict)
    sections: tuple[str, ...] = ()
    summary_population: tuple[str, ...] = ()
    queries: Mapping[str, MetricQuery] = field(default_factory=dict)

    @property
    def dated(self) -> bool:
        """Whether coverage depends on the day (``as_of``): it reads dated records."""
        return bool(self.as_of)

    @property
    def personal(self) -> bool:
        """Whether item names are personal data (hidden from viewers)."""
        return self.label in PERSONAL_LABELS

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label whose records can be items."""
        return (self.label, *self.extra_labels)

    def item_label(self, details: dict[str, Any]) -> str:
        """The label of the item with these gap ``details``: their ``label`` when it is one of
        :attr:`extra_labels` (the metric's queries say which record the item was found as).

        >>> from orgnet.coverage.metrics import get_metric
        >>> unit = get_metric("frontline_recognition")
        >>> unit.item_label({"label": "Cadre"}), unit.item_label({}), get_metric("cadre_load").item_label({"label": "Region"})
        ('Cadre', 'PartyMember', 'Cadre')
        """
        found = details.get("label")
        return found if found in self.extra_labels else self.label

    @property
    def rollup_query(self) -> str:
        return f"coverage/{self.name}"

    @property
    def gaps_query(self) -> str:
        return f"gaps/{self.name}"

    @property
    def status_query(self) -> str:
        return f"status/{self.name}"

    @property
    def timeline_query(self) -> str:
        return f"timeline/{self.name}"

    def reason_in(self, details: dict[str, Any], lang: str = "en") -> str:
        """The reason of a gap with these ``details`` in ``lang`` (``en`` or ``zh``).

        >>> from orgnet.coverage.metrics import get_metric
        >>> unit, gap = get_metric("party_org_presence"), {"kind": "community"}
        >>> unit.reason_in(gap, "zh") == unit.reason_zh.render(gap), unit.reason_in(gap) == unit.reason(gap)
        (True, True)
        """
        if lang == "zh" and self.reason_zh is not None:
            return self.reason_zh.render(details)
        return self.reason(details)

    def info(self) -> dict[str, Any]:
        return {
            "metric": self.name,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "description": self.description,
            "population": self.population,
            "label": self.label,
            "depends_on_date": self.dated,
            "queries": [self.rollup_query, self.gaps_query, self.status_query],
        }
