"""The record_backed_promotion metric (issue 13, 一线纪实 as the basis of promotion): a promotion or
commendation of a cadre is backed by a frontline record entry dated before it (the article's guard
against 弄虚作假).

As of a day: a promotion enters the population on its date, and only record entries dated on or
before the day are read (a gap's reason names the first of them); the generator adds both filters
from the declaration below."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

_POPULATION = "(r)<-[:LOCATED_IN]-(rec:Recognition<<unvoided:rec>>)-[:RECOGNISES]->(c:Cadre<<unvoided:c>>)"
# the cadre's first record entry up to the day, and where it stands to the promotion's date
_FIRST = "COLLECT { MATCH (c)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) RETURN fr.date ORDER BY fr.date LIMIT 1 }[0]"
_DETAILS = """{kind: rec.kind, date: toString(rec.date), first_record_on: toString(first),
        record: CASE WHEN first IS NULL THEN 'none' WHEN first < rec.date THEN 'before' WHEN first = rec.date THEN 'same_day' ELSE 'after' END}"""


def _reason(d: dict[str, Any]) -> str:
    """Why a promotion is not backed, as of the day (``record``: where the first entry up to the day stands).

    >>> _reason({"kind": "promoted", "date": "2020-03-20", "first_record_on": "2020-03-20", "record": "same_day"})
    "Promoted on 2020-03-20; the cadre's first frontline record entry is dated 2020-03-20, on the same day."
    """
    start = f"{str(d.get('kind', '')).replace('_', ' ').capitalize()} on {d.get('date')}"
    if d.get("first_record_on"):
        when = "on the same day" if d.get("record") == "same_day" else "after it"
        return f"{start}; the cadre's first frontline record entry is dated {d['first_record_on']}, {when}."
    return f"{start}; the cadre has no frontline record entry."


def _categories(d: dict[str, Any]) -> list[str]:
    return [{"none": "no_record", "same_day": "record_same_day"}.get(d.get("record") or "none", "record_after")]


METRIC = Metric(
    name="record_backed_promotion",
    title_en="Promotions backed by a frontline record",
    title_zh="提拔表彰有一线纪实依据",
    description="The cadre has a frontline record entry (纪实档案) dated before the promotion or commendation.",
    population="Promotions and commendations of cadres (the policy's kinds of recognition)",
    label="Recognition",
    as_of=AsOf(enters={"Recognition": "date"}, evidence={"FrontlineRecord": "date"}),
    reason=_reason,
    reason_zh=ReasonText(
        parts=(
            ("", "{date} 的提拔或表彰"),
            ("first_record_on", "，该干部最早的一线纪实记于 {first_record_on}"),
            ("record=same_day", "，与此同日"),
            ("record=after", "，晚于此"),
            ("!first_record_on", "，该干部没有一线纪实"),
        ),
        end="。",
    ),
    category_predicates={"no_record": "d.record = 'none'", "record_same_day": "d.record = 'same_day'", "record_after": "d.record = 'after'"},
    categories=_categories,
    category_texts={
        "no_record": {"en": "no frontline record", "zh": "无一线纪实"},
        "record_same_day": {"en": "record on the same day", "zh": "纪实与提拔同日"},
        "record_after": {"en": "record only afterwards", "zh": "纪实晚于提拔"},
    },
    rule="EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) WHERE fr.date < rec.date }",
    sections=("recognitions", "frontline_records"),
    summary_population=("Region", "Recognition", "FrontlineRecord"),
    policy_params={
        "backed_kinds": 'list<string> = ["promoted", "excellent_assessment", "commended", "advanced_individual"] -- Policy: kinds of recognition of a cadre a frontline record must back'
    },
    queries={
        "coverage": MetricQuery(
            title="Promotions backed by a frontline record, rolled up",
            description="Recognitions of the policy's kinds (promotions, excellent assessments) of cadres under the region\nwith a frontline record entry of the cadre dated before them. Returns one `region` row for the\nregion itself, then one `group` row per region at the group level (default: the children), in id\norder, zeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
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
WITH d, r, rec, c ORDER BY rec.id LIMIT toInteger($limit)
WITH r, rec, c, {_FIRST} AS first
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a promotion backed by a frontline record?",
            description="For each given recognition of the policy's kinds: whether the cadre has a frontline record\nentry dated before it. Ids that are not in the population return no row.",
            body=f"""\
MATCH (r:Region)<-[:LOCATED_IN]-(rec:Recognition {{id: item_id}}<<unvoided:rec>>)-[:RECOGNISES]->(c:Cadre<<unvoided:c>>)
WHERE rec.kind IN $backed_kinds
WITH d, r, rec, c, {_FIRST} AS first
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, <<rule>> AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Record-backed promotions: coverage timeline per region",
            description="Recognitions of the policy's kinds located in each given region, each from its date on, and\nwhether a frontline record dated before it backs it (which does not change after its date).",
            body=f"""\
CALL (r) {{
  MATCH {_POPULATION}
  WHERE rec.kind IN $backed_kinds
  RETURN count(rec) AS total, collect(rec.date) AS dates, collect(CASE WHEN <<rule>> THEN rec.date END) AS backed
}}
RETURN r.id AS region_id, total, <<day_counts:backed>> AS events, <<day_counts:dates>> AS entered
""",
        ),
    },
)
