"""The community_funding metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _funding_reason(d: dict[str, Any]) -> str:
    return f"Allocated {d['allocated']:,.2f} CNY, below the standard of {d['standard']:,.2f} CNY (short by {d['standard'] - d['allocated']:,.2f})."


def _categories(d: dict[str, Any]) -> list[str]:
    return ["underfunded" if d.get("allocated") else "unfunded"]


METRIC = Metric(
    name="community_funding",
    title_en="Community funding",
    title_zh="社区防控经费保障",
    description="Allocations from the policy's funds, dated on or before the day, reach the per-community standard (50,000 CNY).",
    population="Communities (urban village-level units)",
    label="Village",
    as_of=AsOf(evidence={"Allocation": "date"}),
    reason=_funding_reason,
    reason_zh=ReasonText(parts=(("", "已拨付 {allocated|money} 元，低于标准 {standard|money} 元（缺 {standard-allocated|money} 元）。"),)),
    category_predicates={"unfunded": "coalesce(d.allocated, 0) <= 0", "underfunded": "coalesce(d.allocated, 0) > 0"},
    categories=_categories,
    category_texts={"unfunded": {"en": "no allocation", "zh": "未拨付"}, "underfunded": {"en": "below the standard", "zh": "低于标准"}},
    rule="",
    sections=("allocations",),
    summary_population=("Region", "Village", "Allocation", "TO"),
    policy_params={
        "funding_standard": "float[0..1e15] = 50000.0 -- Policy: per-community funding standard (CNY)",
        "funding_funds": 'list<string> = ["community_standard"] -- Policy: funds whose allocations count',
    },
    queries={
        "coverage": MetricQuery(
            title="Communities funded to the standard, rolled up",
            description="Communities under the region whose allocations from the policy's funds, dated on or before the\nday, add up to at least the per-community standard (compared to the fen). Returns one `region`\nrow for the region itself, then one `group` row per region at the group level (default: the\nchildren), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
WITH x, gl, d, r, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total
WITH x, gl, r, total, CASE WHEN total = 1 AND reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation<<unvoided:a>>)-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) + 0.005 >= $funding_standard THEN 1 ELSE 0 END AS covered
""",
        ),
        "gaps": MetricQuery(
            title="Under-funded communities",
            description="Communities under the region whose allocations from the policy's funds up to the day add up to\nless than the standard. Stable order by id; page with `after` = the last id returned.",
            body="""\
WITH *
WHERE r:Village AND r.kind = 'community' AND ($after IS NULL OR r.id > $after)
WITH d, r, reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation<<unvoided:a>>)-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) AS allocated
WHERE allocated + 0.005 < $funding_standard
WITH r, allocated ORDER BY r.id LIMIT toInteger($limit)
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {allocated: allocated, standard: $funding_standard, shortfall: $funding_standard - allocated} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a community funded to the standard?",
            description="For each given community: the sum of its allocations from the policy's funds up to the day\nagainst the standard. Ids that are not in the population return no row.",
            body="""\
MATCH (r:Village {id: item_id, kind: 'community'})
WITH d, r, reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation<<unvoided:a>>)-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) AS allocated
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, allocated + 0.005 >= $funding_standard AS covered,
       {allocated: allocated, standard: $funding_standard, shortfall: CASE WHEN allocated < $funding_standard THEN $funding_standard - allocated ELSE 0.0 END} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Community funding: coverage timeline per region",
            description="Each given community (its own item) and the days on which whether its allocations from the counted\nfunds reach the per-community standard changes.",
            body="""\
CALL (r) {
  WITH r WHERE r:Village AND r.kind = 'community'
  WITH COLLECT { MATCH (a:Allocation<<unvoided:a>>)-[:TO]->(r) WHERE a.fund IN $funding_funds RETURN {day: a.date, amount: a.amount} } AS al
"""
            + timeline_steps(
                carry="al",
                boundaries="reduce(acc = [date('0001-01-01')], b IN [x IN al | x.day] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END)",
                covered_on="reduce(s = 0.0, x IN al | s + CASE WHEN x.day <= DAY THEN x.amount ELSE 0.0 END) + 0.005 >= $funding_standard",
            )
            + """\
}
RETURN r.id AS region_id, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total, events
""",
        ),
    },
)
