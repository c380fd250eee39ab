"""The enterprise_pairing metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _levels(levels: list[str]) -> str:
    names = [f"{lvl}-level" for lvl in levels]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _enterprise_reason(d: dict[str, Any]) -> str:
    parts = []
    if d.get("missing_levels"):
        parts.append(f"No active {_levels(d['missing_levels'])} cadre pairing within jurisdiction")
    outside = d.get("outside_jurisdiction") or []
    if outside:
        who = ", ".join(f"{o['cadre_id']} ({o['level']})" for o in outside)
        parts.append(f"paired with cadre(s) serving outside a region that contains the enterprise: {who}")
    text = "; ".join(parts) or "Not covered"
    return text[0].upper() + text[1:] + "."


def _categories(d: dict[str, Any]) -> list[str]:
    codes = [f"missing_{lvl}" for lvl in d.get("missing_levels") or []]
    return codes + (["outside"] if d.get("outside_jurisdiction") else [])


METRIC = Metric(
    name="enterprise_pairing",
    title_en="Enterprise pairing",
    title_zh="企业包挂",
    description="Paired with an active cadre at every level the policy requires for the enterprise's kind "
    "(city-owned: city, county, town; non-public: county, town; talent: city, town), each cadre "
    "serving in a region that contains the enterprise.",
    population="Enterprises (city-owned, non-public, talent)",
    label="Enterprise",
    as_of=AsOf(evidence={"PAIRED_WITH": "since"}),
    reason=_enterprise_reason,
    reason_zh=ReasonText(
        parts=(
            ("missing_levels", "辖区内没有{missing_levels|levels}级干部有效包挂"),
            ("outside_jurisdiction", "包挂干部不在企业所在辖区：{outside_jurisdiction|each:cadre}"),
        ),
        sep="；",
        end="。",
        otherwise="未覆盖。",
        items={"cadre": "{cadre_id}（{level|level}级）"},
    ),
    category_predicates={
        "missing_city": "'city' IN coalesce(d.missing_levels, [])",
        "missing_county": "'county' IN coalesce(d.missing_levels, [])",
        "missing_town": "'town' IN coalesce(d.missing_levels, [])",
        "missing_village": "'village' IN coalesce(d.missing_levels, [])",
        "outside": "size(coalesce(d.outside_jurisdiction, [])) > 0",
    },
    categories=_categories,
    category_texts={
        "missing_city": {"en": "missing city-level cadre", "zh": "缺少市级干部包挂"},
        "missing_county": {"en": "missing county-level cadre", "zh": "缺少县级干部包挂"},
        "missing_town": {"en": "missing town-level cadre", "zh": "缺少镇级干部包挂"},
        "missing_village": {"en": "missing village-level cadre", "zh": "缺少村级干部包挂"},
        "outside": {"en": "cadre outside jurisdiction", "zh": "包挂干部不在辖区内"},
    },
    # the levels the policy requires for the kind that no active pairing within jurisdiction covers
    rule="size(<<measure>>) = 0",
    measure="""\
[lvl IN req WHERE NOT EXISTS {
      MATCH (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre {level: lvl}<<unvoided:c>>)
      WHERE <<active:p>>
        AND c.region_id = <<ancestor:lvl>><<whatif:
      AND NOT c.id IN $unavailable_cadres>>
    }]""",
    sections=("cadres", "enterprises", "pairings"),
    summary_population=("Region", "Enterprise", "PAIRED_WITH"),
    policy_params={
        "required_city_owned": 'list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs',
        "required_non_public": 'list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs',
        "required_talent": 'list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs',
    },
    whatif_affected="""\
UNWIND $cadres AS cadre_id
MATCH (:Cadre {id: cadre_id})-[p:PAIRED_WITH]->(item:Enterprise)
WHERE <<active:p>>
""",
    whatif_params=("unavailable_cadres",),
    queries={
        "coverage": MetricQuery(
            title="Enterprise pairing coverage, rolled up",
            description="Enterprises under the region that are paired, on the day, with an active cadre at every level\nthe policy requires for their kind, each cadre serving in a region that contains the enterprise\n(the enterprise region's ancestor id at the cadre's level equals the cadre's region id). Returns\none `region` row for the region itself, then one `group` row per region at the group level\n(default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
  WITH r, d, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
  RETURN count(e) AS total,
         count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Enterprises missing a required cadre level",
            description="Enterprises under the region that lack, on the day, an active pairing within jurisdiction at one\nor more of the levels the policy requires for their kind. `details` names the missing levels and\nany active pairings whose cadre serves outside a region containing the enterprise. Stable order\nby id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
WHERE $after IS NULL OR e.id > $after
WITH d, r, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
WITH d, r, e, req, <<measure>> AS missing
WHERE size(missing) > 0
WITH d, r, e, req, missing ORDER BY e.id LIMIT toInteger($limit)
WITH r, e, req, missing, [(e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>) WHERE <<active:p>> AND coalesce(c.region_id <> <<ancestor:c.level>>, true) | {cadre_id: c.id, level: c.level}] AS outside
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: e.kind, required_levels: req, missing_levels: missing, outside_jurisdiction: outside} AS details
""",
        ),
        "status": MetricQuery(
            title="Is an enterprise covered? (pairing at every required level)",
            description="For each given enterprise: covered or not on the day, with the missing levels and the pairings\noutside jurisdiction; cadres listed in `unavailable_cadres` do not count. Ids that are not in\nthe population return no row.",
            body="""\
MATCH (e:Enterprise {id: item_id}<<unvoided:e>>)-[:LOCATED_IN]->(r:Region)
WITH d, r, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
WITH d, r, e, req, <<measure>> AS missing
WITH r, e, req, missing, [(e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>) WHERE <<active:p>> AND coalesce(c.region_id <> <<ancestor:c.level>>, true) AND NOT c.id IN $unavailable_cadres | {cadre_id: c.id, level: c.level}] AS outside
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, size(missing) = 0 AS covered, {kind: e.kind, required_levels: req, missing_levels: missing, outside_jurisdiction: outside} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Enterprise pairing: coverage timeline per region",
            description="Enterprises located in each given region and the days on which whether every cadre level the policy\nrequires for their kind is actively paired, within jurisdiction, changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
  // only pairings with a cadre whose jurisdiction contains the enterprise can cover it
  WITH e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req,
       COLLECT { MATCH (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>)
                 WHERE c.region_id = <<ancestor:c.level>>
                 RETURN {level: c.level, since: p.since, until: p.until} } AS ps
"""
            + timeline_steps(
                carry="req, ps", boundaries="<<boundaries:ps>>", covered_on="all(lvl IN req WHERE any(x IN ps WHERE x.level = lvl AND <<active:x@DAY>>))"
            )
            + """\
}
RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(enterprise:Enterprise<<unvoided:enterprise>>) } AS total, events
""",
        ),
    },
)
