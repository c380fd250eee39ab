"""The medical_family_support metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _medical_reason(d: dict[str, Any]) -> str:
    ended = d.get("last_support_ended")
    base = f"No active family support contact (batch {d.get('batch')}, {d.get('destination')})"
    return base + (f"; the last one ended on {ended}." if ended else ".")


def _categories(d: dict[str, Any]) -> list[str]:
    return ["support_ended" if d.get("last_support_ended") else "no_support"]


METRIC = Metric(
    name="medical_family_support",
    title_en="Medical workers' family support",
    title_zh="援鄂医务人员家庭帮扶",
    description="The family has an active support contact (a party organisation or a cadre).",
    population="Medical workers sent to Wuhan and Huangshi, where their family lives",
    label="MedicalWorker",
    as_of=AsOf(evidence={"SUPPORTS_FAMILY_OF": "since"}),
    reason=_medical_reason,
    reason_zh=ReasonText(
        parts=(
            ("", "没有有效的家庭帮扶联系人（第 {batch} 批，{destination}）"),
            ("last_support_ended", "；最近一次帮扶于 {last_support_ended} 结束"),
        ),
        end="。",
    ),
    category_predicates={"no_support": "d.last_support_ended IS NULL", "support_ended": "d.last_support_ended IS NOT NULL"},
    categories=_categories,
    category_texts={"no_support": {"en": "no support contact", "zh": "无帮扶联系人"}, "support_ended": {"en": "support ended", "zh": "帮扶已结束"}},
    rule="EXISTS { (w)<-[s:SUPPORTS_FAMILY_OF<<unvoided:s>>]-(supporter<<unvoided:supporter>>) WHERE <<active:s>> }",
    sections=("medical_workers", "family_supports"),
    summary_population=("Region", "MedicalWorker", "SUPPORTS_FAMILY_OF"),
    policy_params={},
    whatif_affected="""\
UNWIND $cadres AS cadre_id
MATCH (:Cadre {id: cadre_id})-[s:SUPPORTS_FAMILY_OF]->(item:MedicalWorker)
WHERE <<active:s>>
""",
    whatif_params=("unavailable_cadres",),
    queries={
        "coverage": MetricQuery(
            title="Medical workers' families with an active support contact, rolled up",
            description="Medical workers sent to Hubei whose family lives under the region and has, on the day, an active\nsupport contact (a party organisation or a cadre). Workers with no family region count in the\ncity row only. Returns one `region` row for the region itself, then one `group` row per region\nat the group level (default: the children), in id order, zeros included.",
            body="""\
CALL (x, d) {
  MATCH (r:Region)
  WHERE (<<under:$region>>)
  CALL (r, d) {
    MATCH (w:MedicalWorker {region_id: r.id}<<unvoided:w>>)
    RETURN count(w) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
  }
  RETURN r, total, covered
  UNION ALL
  // workers with no family region: the city's (scanned once, not per region)
  WITH x, d WHERE x:City
  MATCH (w:MedicalWorker<<unvoided:w>>) WHERE w.region_id IS NULL
  RETURN x AS r, count(w) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Medical workers' families without an active support contact",
            description="Medical workers whose family lives under the region (or anywhere, for the city, when no region\nis recorded) and has no active support contact on the day. Stable order by id; page with `after`\n= the last id returned.",
            body="""\
WITH coalesce(date($as_of), date()) AS d
CALL () {
  MATCH (r:Region)
  WHERE (<<under:$region>>)
    AND ($regions IS NULL OR r.id IN $regions)
  MATCH (w:MedicalWorker {region_id: r.id}<<unvoided:w>>)
  RETURN r, w
  UNION
  // workers with no family region: the city's
  MATCH (r:Region {id: $region}) WHERE r:City AND ($regions IS NULL OR r.id IN $regions)
  MATCH (w:MedicalWorker<<unvoided:w>>) WHERE w.region_id IS NULL
  RETURN r, w
}
WITH d, r, w
WHERE ($after IS NULL OR w.id > $after) AND NOT <<rule>>
WITH d, r, w ORDER BY w.id LIMIT toInteger($limit)
WITH r, w, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF<<unvoided:s>>]-(supporter<<unvoided:supporter>>) WHERE s.until IS NOT NULL AND s.until < d RETURN s.until ORDER BY s.until DESC LIMIT 1 }[0] AS last_ended
RETURN w.id AS id, w.name AS name,
       CASE WHEN w.region_id IS NULL THEN [] ELSE r.path_ids END AS path_ids,
       CASE WHEN w.region_id IS NULL THEN [] ELSE r.path_names END AS path_names,
       {batch: w.batch, destination: w.destination, active_supports: 0, last_support_ended: last_ended} AS details
ORDER BY id
""",
            framed=False,
        ),
        "status": MetricQuery(
            title="Does a medical worker's family have an active support contact?",
            description="For each given medical worker: active support contacts on the day; cadres in\n`unavailable_cadres` do not count. Ids that are not in the population return no row.",
            body="""\
MATCH (w:MedicalWorker {id: item_id}<<unvoided:w>>)
OPTIONAL MATCH (r:Region {id: w.region_id})
WITH d, r, w, COUNT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF<<unvoided:s>>]-(sup<<unvoided:sup>>) WHERE <<active:s>> AND NOT (sup:Cadre AND sup.id IN $unavailable_cadres) RETURN DISTINCT sup } AS supports
WITH r, w, supports, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF<<unvoided:s>>]-(supporter<<unvoided:supporter>>) WHERE s.until IS NOT NULL AND s.until < d RETURN s.until ORDER BY s.until DESC LIMIT 1 }[0] AS last_ended
RETURN w.id AS id, w.name AS name, coalesce(r.path_ids, []) AS path_ids, coalesce(r.path_names, []) AS path_names,
       supports > 0 AS covered,
       {batch: w.batch, destination: w.destination, active_supports: supports, last_support_ended: last_ended} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Medical family support: coverage timeline per region",
            description="Medical workers whose family lives in each given region (for a city: also those with no family\nregion) and the days on which whether they have an active support contact changes.",
            body="""\
CALL (r) {
  CALL (r) {
    MATCH (w:MedicalWorker {region_id: r.id}<<unvoided:w>>) RETURN w
    UNION
    // workers with no family region: the city's
    WITH r WHERE r:City
    MATCH (w:MedicalWorker<<unvoided:w>>) WHERE w.region_id IS NULL RETURN w
  }
  WITH w, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF<<unvoided:s>>]-(supporter<<unvoided:supporter>>) RETURN {since: s.since, until: s.until} } AS ss
  RETURN count(w) AS total, collect(ss) AS supports
}
CALL (supports) {
  UNWIND supports AS ss
"""
            + timeline_steps(carry="ss", boundaries="<<boundaries:ss>>", covered_on="any(x IN ss WHERE <<active:x@DAY>>)")
            + """\
}
RETURN r.id AS region_id, total, events
""",
        ),
    },
)
