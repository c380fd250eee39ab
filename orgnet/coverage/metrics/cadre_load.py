"""The cadre_load metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _cadre_reason(d: dict[str, Any]) -> str:
    return (
        f"{d['active_pairings']} active pairings, above the {d['level']}-level maximum of {d['maximum']}."
        if d.get("maximum") is not None
        else f"{d['active_pairings']} active pairings; the policy sets no maximum for level {d.get('level')}."
    )


def _categories(d: dict[str, Any]) -> list[str]:
    return [f"level_{d['level']}"] if d.get("level") else []


METRIC = Metric(
    name="cadre_load",
    title_en="Cadre load",
    title_zh="干部包挂负荷",
    description="Active pairings at most the policy maximum for the cadre's level (city 5, county 8, town 10, village 6).",
    population="Cadres at the four levels, counted where they serve",
    label="Cadre",
    as_of=AsOf(evidence={"PAIRED_WITH": "since"}),
    reason=_cadre_reason,
    reason_zh=ReasonText(
        parts=(
            ("maximum=null", "当前有效包挂 {active_pairings} 家；规则未设{level|level}级干部上限。"),
            ("maximum!=null", "当前有效包挂 {active_pairings} 家，超过{level|level}级干部上限 {maximum} 家。"),
        )
    ),
    category_predicates={
        "level_city": "d.level = 'city'",
        "level_county": "d.level = 'county'",
        "level_town": "d.level = 'town'",
        "level_village": "d.level = 'village'",
    },
    categories=_categories,
    category_texts={
        "level_city": {"en": "city cadre", "zh": "市级干部"},
        "level_county": {"en": "county cadre", "zh": "县级干部"},
        "level_town": {"en": "town cadre", "zh": "镇级干部"},
        "level_village": {"en": "village cadre", "zh": "村级干部"},
    },
    rule="active <= maximum",
    measure="COUNT { (c)-[p:PAIRED_WITH<<unvoided:p>>]->(enterprise:Enterprise<<unvoided:enterprise>>) WHERE <<active:p>> }",
    sections=("cadres", "pairings"),
    summary_population=("Region", "Cadre", "SERVES_IN", "PAIRED_WITH"),
    policy_params={
        "max_city": "int[0..1000000] = 5 -- Policy: maximum active pairings of a city-level cadre",
        "max_county": "int[0..1000000] = 8 -- Policy: maximum active pairings of a county-level cadre",
        "max_town": "int[0..1000000] = 10 -- Policy: maximum active pairings of a town-level cadre",
        "max_village": "int[0..1000000] = 6 -- Policy: maximum active pairings of a village-level cadre",
    },
    queries={
        "coverage": MetricQuery(
            title="Cadre load within the policy maximum, rolled up",
            description="Cadres serving in regions under the region whose active pairings on the day do not exceed the\npolicy maximum for their level. A cadre counts where it serves (a city cadre only in the city\nrow). Returns one `region` row for the region itself, then one `group` row per region at the\ngroup level (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:SERVES_IN]-(c:Cadre<<unvoided:c>>)
  WITH c, <<measure>> AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
  RETURN count(c) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Overloaded cadres",
            description="Cadres serving under the region whose active pairings on the day exceed the policy maximum for\ntheir level. Stable order by id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:SERVES_IN]-(c:Cadre<<unvoided:c>>)
WHERE $after IS NULL OR c.id > $after
WITH r, c, <<measure>> AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
WHERE NOT coalesce(<<rule>>, false)
WITH r, c, active, maximum ORDER BY c.id LIMIT toInteger($limit)
RETURN c.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {level: c.level, active_pairings: active, maximum: maximum} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a cadre within the pairing maximum?",
            description="For each given cadre: its active pairings on the day against the policy maximum for its level.\nIds that are not in the population return no row.",
            body="""\
MATCH (c:Cadre {id: item_id}<<unvoided:c>>)-[:SERVES_IN]->(r:Region)
WITH r, c, <<measure>> AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
RETURN c.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, coalesce(<<rule>>, false) AS covered,
       {level: c.level, active_pairings: active, maximum: maximum} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Cadre load: coverage timeline per region",
            description="Cadres serving in each given region and the days on which whether their active pairings are within\nthe policy maximum for their level changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:SERVES_IN]-(c:Cadre<<unvoided:c>>)
  WITH CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum,
       COLLECT { MATCH (c)-[x:PAIRED_WITH<<unvoided:x>>]->(enterprise:Enterprise<<unvoided:enterprise>>) RETURN {since: x.since, until: x.until} } AS ps
"""
            + timeline_steps(carry="maximum, ps", boundaries="<<boundaries:ps>>", covered_on="size([x IN ps WHERE <<active:x@DAY>>]) <= maximum")
            + """\
}
RETURN r.id AS region_id, COUNT { (r)<-[:SERVES_IN]-(cadre:Cadre<<unvoided:cadre>>) } AS total, events
""",
        ),
    },
)
