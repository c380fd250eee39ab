"""The record_backed_promotion metric (issue 13, 一线纪实 as the basis of promotion): a promotion or
commendation of a cadre is backed by a frontline record entry dated before it (the article's guard
against 弄虚作假)."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import Metric, MetricQuery

_POPULATION = "(r)<-[:LOCATED_IN]-(rec:Recognition<<unvoided:rec>>)-[:RECOGNISES]->(c:Cadre<<unvoided:c>>)"
_DETAILS = """{kind: rec.kind, date: toString(rec.date),
        first_record_on: toString(COLLECT { MATCH (c)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) RETURN fr.date ORDER BY fr.date LIMIT 1 }[0])}"""


def _reason(d: dict[str, Any]) -> str:
    start = f"{str(d.get('kind', '')).replace('_', ' ').capitalize()} on {d.get('date')}"
    if d.get("first_record_on"):
        return f"{start}; the cadre's first frontline record entry is dated {d['first_record_on']}, after it."
    return f"{start}; the cadre has no frontline record entry."


def _categories(d: dict[str, Any]) -> list[str]:
    return ["record_after" if d.get("first_record_on") else "no_record"]


METRIC = Metric(
    name="record_backed_promotion",
    title_en="Promotions backed by a frontline record",
    title_zh="提拔表彰有一线纪实依据",
    description="The cadre has a frontline record entry (纪实档案) dated before the promotion or commendation.",
    population="Promotions and commendations of cadres (the policy's kinds of recognition)",
    label="Recognition",
    dated=False,
    reason=_reason,
    reason_zh=ReasonText(
        parts=(
            ("", "{date} 的提拔或表彰"),
            ("first_record_on", "，该干部最早的一线纪实记于 {first_record_on}，晚于此"),
            ("!first_record_on", "，该干部没有一线纪实"),
        ),
        end="。",
    ),
    category_predicates={"no_record": "d.first_record_on IS NULL", "record_after": "d.first_record_on IS NOT NULL"},
    categories=_categories,
    category_texts={"no_record": {"en": "no frontline record", "zh": "无一线纪实"}, "record_after": {"en": "record only afterwards", "zh": "纪实晚于提拔"}},
    rule="EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) WHERE fr.date < rec.date }",
    sections=("recognitions", "frontline_records"),
    summary_population=("Region", "Recognition", "FrontlineRecord"),
    policy_params={"backed_kinds": 'list<string> = ["promoted", "excellent_assessment"] -- Policy: kinds of recognition a frontline record must back'},
    queries={
        "coverage": MetricQuery(
            title="Promotions backed by a frontline record, rolled up",
            description="Recognitions of the policy's kinds (promotions, excellent assessments) of cadres under the region\nwith a frontline record entry of the cadre dated before them. Returns one `region` row for the\nregion itself, then one `group` row per region at the group level (default: the children), in id\norder, zeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r) {{
  MATCH {_POPULATION}
  WHERE rec.kind IN $backed_kinds
  RETURN count(rec) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="Promotions without a frontline record before them",
            description="Recognitions of the policy's kinds of cadres under the region with no frontline record entry of\nthe cadre dated before them. Stable order by id; page with `after` = the last id returned.",
            body=f"""\
MATCH {_POPULATION}
WHERE rec.kind IN $backed_kinds AND ($after IS NULL OR rec.id > $after) AND NOT <<rule>>
WITH r, rec, c ORDER BY rec.id LIMIT toInteger($limit)
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a promotion backed by a frontline record?",
            description="For each given recognition of the policy's kinds: whether the cadre has a frontline record\nentry dated before it. Ids that are not in the population return no row.",
            body=f"""\
MATCH (r:Region)<-[:LOCATED_IN]-(rec:Recognition {{id: item_id}}<<unvoided:rec>>)-[:RECOGNISES]->(c:Cadre<<unvoided:c>>)
WHERE rec.kind IN $backed_kinds
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, <<rule>> AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Record-backed promotions: coverage timeline per region",
            description="Recognitions of the policy's kinds located in each given region and whether a frontline record\nbacks them; the rule compares the records' dates with the recognition's, not with the day, so the\nonly event is day 0001-01-01.",
            body=f"""\
CALL (r) {{
  MATCH {_POPULATION}
  WHERE rec.kind IN $backed_kinds
  RETURN count(rec) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
RETURN r.id AS region_id, total, CASE WHEN covered > 0 THEN [{{day: date('0001-01-01'), delta: covered}}] ELSE [] END AS events
""",
        ),
    },
)
