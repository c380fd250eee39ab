"""The party_org_presence metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import Metric, MetricQuery


def _org_reason(d: dict[str, Any]) -> str:
    return f"No party organisation is located in this {'community' if d.get('kind') == 'community' else 'village'}."


def _categories(d: dict[str, Any]) -> list[str]:
    return [d["kind"]] if d.get("kind") else []


METRIC = Metric(
    name="party_org_presence",
    title_en="Party organisation presence",
    title_zh="基层党组织覆盖",
    description="At least one party organisation located in the village or community.",
    population="Villages and communities (all village-level units)",
    label="Village",
    reason=_org_reason,
    reason_zh=ReasonText(parts=(("kind=community", "该社区没有党组织。"), ("kind!=community", "该村没有党组织。"))),
    category_predicates={"village": "coalesce(d.kind, '') <> 'community'", "community": "d.kind = 'community'"},
    categories=_categories,
    category_texts={"village": {"en": "village", "zh": "村"}, "community": {"en": "community", "zh": "社区"}},
    rule="EXISTS { (r)<-[:LOCATED_IN]-(org:PartyOrg<<unvoided:org>>) }",
    sections=("party_orgs",),
    summary_population=("Region", "Village", "PartyOrg"),
    policy_params={},
    queries={
        "coverage": MetricQuery(
            title="Party organisation presence in villages and communities, rolled up",
            description="Village-level units (villages and communities) under the region with at least one party\norganisation located there. Returns one `region` row for the region itself, then one `group` row\nper region at the group level (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
WITH x, gl, r,
     CASE WHEN r:Village THEN 1 ELSE 0 END AS total,
     CASE WHEN r:Village AND <<rule>> THEN 1 ELSE 0 END AS covered
""",
        ),
        "gaps": MetricQuery(
            title="Villages and communities without a party organisation",
            description="Village-level units (villages and communities) under the region where no party organisation is\nlocated. Stable order by id; page with `after` = the last id returned.",
            body="""\
WITH *
WHERE r:Village AND ($after IS NULL OR r.id > $after)
  AND NOT <<rule>>
WITH r ORDER BY r.id LIMIT toInteger($limit)
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: r.kind, party_orgs: 0} AS details
""",
        ),
        "status": MetricQuery(
            title="Does a village or community have a party organisation?",
            description="For each given village-level unit: how many party organisations are located there. Ids that are\nnot in the population return no row.",
            body="""\
MATCH (r:Village {id: item_id})
WITH r, COUNT { (r)<-[:LOCATED_IN]-(org:PartyOrg<<unvoided:org>>) } AS orgs
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, orgs > 0 AS covered, {kind: r.kind, party_orgs: orgs} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Party organisation presence: coverage timeline per region",
            description="Each given village or community (its own item) and whether a party organisation is located there;\nthe rule has no dates, so the only event is day 0001-01-01.",
            body="""\
RETURN r.id AS region_id, CASE WHEN r:Village THEN 1 ELSE 0 END AS total,
       CASE WHEN r:Village AND <<rule>> THEN [{day: date('0001-01-01'), delta: 1}] ELSE [] END AS events
""",
        ),
    },
)
