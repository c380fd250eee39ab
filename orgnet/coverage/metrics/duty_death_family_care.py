"""The duty_death_family_care metric (issue 13, 关爱激励): the family of one who died on duty has a
care contact and has received a care payment.

As of a day: a death enters the population on its day, and only care contacts begun and payments
made on or before the day count; the generator adds these filters from the declaration below."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

_CARED = "EXISTS { (dd)<-[c:CARES_FOR<<unvoided:c>>]-(s<<unvoided:s>>) WHERE <<active:c>><<whatif: AND NOT (s:Cadre AND s.id IN $unavailable_cadres)>> }"
_PAID = "EXISTS { (p:CarePayment<<unvoided:p>>)-[:PAID_TO]->(dd) }"
_DETAILS = """{died_on: toString(dd.date), person_type: dd.person_type,
        active_contacts: COUNT { (dd)<-[c:CARES_FOR<<unvoided:c>>]-(s<<unvoided:s>>) WHERE <<active:c>><<whatif: AND NOT (s:Cadre AND s.id IN $unavailable_cadres)>> },
        payments: COUNT { (p:CarePayment<<unvoided:p>>)-[:PAID_TO]->(dd) }}"""


def _reason(d: dict[str, Any]) -> str:
    missing = [what for what, n in (("no care contact", d.get("active_contacts")), ("no care payment", d.get("payments"))) if not n]
    return f"Died on duty on {d.get('died_on')}; the family has {' and '.join(missing)}."


def _categories(d: dict[str, Any]) -> list[str]:
    return [code for code, n in (("no_contact", d.get("active_contacts")), ("no_payment", d.get("payments"))) if not n]


METRIC = Metric(
    name="duty_death_family_care",
    title_en="Care for the families of those who died on duty",
    title_zh="因公殉职人员家庭关爱",
    description="The family has an active care contact (a party organisation or a cadre) and a care payment dated on or before the day.",
    population="Those who died on duty (因公殉职), where their family lives",
    label="DutyDeath",
    as_of=AsOf(enters={"DutyDeath": "date"}, evidence={"CARES_FOR": "since", "CarePayment": "date"}),
    reason=_reason,
    reason_zh=ReasonText(parts=(("", "{died_on} 因公殉职者的家属"), ("!active_contacts", "：无关爱联系人"), ("!payments", "：未发放关爱慰问金")), end="。"),
    category_predicates={"no_contact": "coalesce(d.active_contacts, 0) = 0", "no_payment": "coalesce(d.payments, 0) = 0"},
    categories=_categories,
    category_texts={"no_contact": {"en": "no care contact", "zh": "无关爱联系人"}, "no_payment": {"en": "no care payment", "zh": "未发放关爱慰问金"}},
    rule=f"({_CARED} AND {_PAID})",
    sections=("duty_deaths", "care_contacts", "care_payments"),
    summary_population=("Region", "DutyDeath", "CARES_FOR", "CarePayment"),
    whatif_affected="""\
UNWIND $cadres AS cadre_id
MATCH (:Cadre {id: cadre_id})-[c:CARES_FOR]->(item:DutyDeath)
WHERE <<active:c>>
""",
    whatif_params=("unavailable_cadres",),
    queries={
        "coverage": MetricQuery(
            title="Families of those who died on duty with care, rolled up",
            description="Those who died on duty whose family lives under the region and has, on the day, an active care\ncontact and a care payment. Returns one `region` row for the region itself, then one `group` row\nper region at the group level (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:LOCATED_IN]-(dd:DutyDeath<<unvoided:dd>>)
  RETURN count(dd) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Families of those who died on duty without care",
            description="Those who died on duty whose family, under the region, has no active care contact or no care\npayment on the day. Stable order by id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:LOCATED_IN]-(dd:DutyDeath<<unvoided:dd>>)
WHERE ($after IS NULL OR dd.id > $after) AND NOT <<rule>>
WITH d, r, dd ORDER BY dd.id LIMIT toInteger($limit)
OPTIONAL MATCH (dd)-[:DEATH_OF]->(person)
RETURN dd.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names,
       """
            + _DETAILS
            + """ AS details
""",
        ),
        "status": MetricQuery(
            title="Is the family of one who died on duty cared for?",
            description="For each given death on duty: the family's active care contacts (cadres in `unavailable_cadres`\ndo not count) and care payments up to the day. Ids that are not in the population return no row.",
            body="""\
MATCH (dd:DutyDeath {id: item_id}<<unvoided:dd>>)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (dd)-[:DEATH_OF]->(person)
RETURN dd.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, <<rule>> AS covered,
       """
            + _DETAILS
            + """ AS details
""",
        ),
        "timeline": MetricQuery(
            title="Duty-death family care: coverage timeline per region",
            description="Those who died on duty whose family lives in each given region, each from the day of the death,\nand the days on which whether the family has an active care contact and a care payment changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(dd:DutyDeath<<unvoided:dd>>)
  RETURN count(dd) AS total,
         collect(dd.date) AS died,
         collect({id: dd.id, died: dd.date, cs: COLLECT { MATCH (dd)<-[c:CARES_FOR<<unvoided:c>>]-(s<<unvoided:s>>) RETURN {since: c.since, until: c.until} },
                  pays: COLLECT { MATCH (p:CarePayment<<unvoided:p>>)-[:PAID_TO]->(dd) RETURN p.date }}) AS items
}
CALL (items) {
  UNWIND items AS it
  UNWIND [date('0001-01-01'), it.died] + [x IN it.cs | x.since] + [x IN it.cs WHERE x.until IS NOT NULL | x.until + duration('P1D')] + it.pays AS b
  WITH DISTINCT it, b
  WITH it, b, b - duration('P1D') AS p
  // in the population from the day of the death on
  WITH b, CASE WHEN it.died <= b AND any(x IN it.cs WHERE <<active:x@b>>) AND any(y IN it.pays WHERE y <= b) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0
            WHEN it.died <= p AND any(x IN it.cs WHERE <<active:x@p>>) AND any(y IN it.pays WHERE y <= p) THEN 1 ELSE 0 END AS before
<<events>>
}
RETURN r.id AS region_id, total, events, <<day_counts:died>> AS entered
""",
        ),
    },
)
