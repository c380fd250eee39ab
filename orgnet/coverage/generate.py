"""Produce the per-metric query files from shared frames plus each metric's fragments.

Each metric (one module in :mod:`orgnet.coverage.metrics`) holds its rule once, as Cypher
fragments; this module holds what the four views of every metric share: the header (its
parameters are declared here once, the policy's by the metric), the region selection and rollup
of ``coverage/``, the region choice and paging of ``gaps/``, the id lookup of ``status/`` and the
region loop of ``timeline/``. ``docs/design.md`` §3 says why the rules live in Cypher at all.

The produced ``orgnet/queries/{coverage,gaps,status,timeline}/<metric>.cypher`` files stay in the
repository (Browser users and reviewers read plain Cypher); ``tests/unit/test_generated_queries.py``
fails when they drift from their source.  Run ``python -m orgnet.coverage.generate`` after editing a
metric (``--check`` only reports drift).

It is over 400 lines because the macro language and the four view frames it fills are one
vocabulary: a macro's expansion depends on the view and on the metric's dated labels, and splitting
them would make each half read the other's private rules.

Fragments use a few macros, written ``<<name:argument>>``:

- ``<<active:l>>`` -- the assignment ``l`` is active on the day ``d`` (``<<active:l@b>>``: on ``b``).
- ``<<unvoided:n>>`` -- inside a node or relationship pattern: the record ``n`` is not voided.  Every
  record a rule reads (items, assignments, the people, teams, organisations and allocations at
  their other end) carries it: a record with ``voided: true`` counts for no metric on any day
  (docs/design.md §3).  Regions and their ``LOCATED_IN``/``LIVES_IN``/``SERVES_IN``/``TO`` links
  are not voidable: void the node instead.  When the pattern's label or type is one the metric
  declares dated (:class:`~orgnet.coverage.metrics._unit.AsOf`), the macro also keeps only records
  dated on or before the day ``d`` (in every view but ``timeline``, which reads every record and
  evaluates each day of its step function itself): the as-of rule is added here, not written by hand.
- ``<<anyday:n>>`` -- not voided, whatever its date: only where a record decides *where* an item is
  found, never whether it counts (:func:`check_dates` lets nothing else read a dated record).
- ``<<ancestor:lvl>>`` -- the id of the region ``r``'s ancestor at level ``lvl`` (its own at its level).
- ``<<boundaries:ps>>``, ``<<events>>`` -- the timeline's step function: the days the assignments
  of the list ``ps`` start or stop, and the events built from rows ``(b, now, before)``.
- ``<<under:$region>>`` -- the region ``r`` is ``$region`` or lies under it (its ancestor ids).
- ``<<rule>>`` -- the metric's rule (:attr:`Metric.rule`), true when the item is covered on ``d``;
  ``<<measure>>`` -- the number some rules compare (:attr:`Metric.measure`).
- ``<<whatif:text>>`` -- ``text`` in the ``status`` view (the what-if exclusions), nothing elsewhere.
- ``<<day_counts:list>>`` -- the days of ``list`` (nulls dropped) as events ``{day, delta}``, one per
  day with the number of times it occurs, in day order (a timeline's population or covered steps).

>>> expand("<<active:l>>", view="gaps")
'l.since <= d AND (l.until IS NULL OR d <= l.until)'
>>> expand("(h:Household<<unvoided:h>>)", view="gaps")
'(h:Household WHERE NOT coalesce(h.voided, false))'
>>> expand("x<<whatif: AND NOT m.id IN $u>>", view="coverage")
'x'
>>> from orgnet.coverage.metrics._unit import AsOf
>>> expand("(fr:FrontlineRecord<<unvoided:fr>>)", view="gaps", as_of=AsOf(evidence={"FrontlineRecord": "date"}))
'(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false) AND fr.date <= d)'
>>> expand("(fr:FrontlineRecord<<unvoided:fr>>)", view="timeline", as_of=AsOf(evidence={"FrontlineRecord": "date"}))
'(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false))'
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from orgnet.coverage.metrics import METRICS, Metric
from orgnet.coverage.metrics._dates import check_dates, dated_properties, pattern_label
from orgnet.coverage.metrics._reasons import LEVEL_ZH
from orgnet.coverage.metrics._unit import AsOf
from orgnet.queries.library import read_library
from orgnet.queries.readme import render_readme

VIEWS = ("coverage", "gaps", "status", "timeline")
QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
TEXTS_FILE = Path(__file__).resolve().parent.parent / "api" / "static" / "metric_texts.js"

_SHARED_PARAMS = {
    "region": 'string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)',
    "group_level": "string = null -- Level of the group rows: county, town or village (null: one level below the region)",
    "as_of": "date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)",
    "after": "string = null -- Return items with an id greater than this (cursor; null: from the start)",
    "limit": "int[1..10000] = 50 -- Maximum number of items returned",
    "ids": "list<string> = [] -- Ids of the items to check",
    "unavailable_members": "list<string> = [] -- What-if: party members treated as unavailable",
    "unavailable_teams": "list<string> = [] -- What-if: volunteer teams treated as unavailable",
    "unavailable_cadres": "list<string> = [] -- What-if: cadres treated as unavailable (their assignments do not count)",
}
_REGIONS_PARAM = {
    "gaps": "list<string> = null -- Only items located in these regions (null: all); the API passes the regions "
    "whose stored coverage summaries show a gap on the day",
    "timeline": 'list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)',
}
_RETURNS = {
    "coverage": "scope, id, name, level, covered, total",
    "gaps": "id, name, path_ids, path_names, details",
    "status": "id, name, path_ids, path_names, covered, details",
    "timeline": "region_id, total, events, entered",
}
_TIMELINE_DESCRIPTION = (
    "One row per region: `total` items (on the last day), `events`, the days their coverage changes with the net\n"
    "change in covered items (day 0001-01-01 carries what is covered from the start), and `entered`, the days\n"
    "items enter the population. Covered (total) on a day = the sum of the deltas of the `events` (`entered`) on\n"
    "or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py)."
)
_DAY = "WITH coalesce(date($as_of), date()) AS d\n"
_GROUP_LEVEL = "coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl\n"
# The frames: what the views of every metric share around the metric's own part.
_COVERAGE_START = {
    True: "MATCH (x:Region {id: $region})\nWITH x, coalesce(date($as_of), date()) AS d,\n     " + _GROUP_LEVEL,
    False: "MATCH (x:Region {id: $region})\nWITH x, " + _GROUP_LEVEL,
}
_COVERAGE_END = """\
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
"""
_GAPS_REGIONS = """\
CALL () {
  // the regions searched: those the summaries name (index seeks), else every region under $region
  UNWIND coalesce($regions, []) AS rid
  MATCH (r:Region {id: rid})
  WHERE <<under:$region>>
  RETURN r
  UNION
  UNWIND CASE WHEN $regions IS NULL THEN [$region] ELSE [] END AS root
  MATCH (r:Region)
  WHERE <<under:root>>
  RETURN r
}
"""
_STATUS_START = "UNWIND $ids AS item_id\n"
_TIMELINE_START = "UNWIND $regions AS rid\nMATCH (r:Region {id: rid})\nCALL (r) {\n"
# the population's steps: the metric's own `entered` when its population depends on the day, else every item from the start
_TIMELINE_END = {
    True: "}\nRETURN region_id, total, events, entered\n",
    False: "}\nRETURN region_id, total, events, CASE WHEN total > 0 THEN [{day: date('0001-01-01'), delta: total}] ELSE [] END AS entered\n",
}
_BY_ID = "ORDER BY id\n"

_MACRO = re.compile(r"<<(\w+)(?::((?:[^<>]|<(?!<)|>(?!>))*))?>>")


def expand(text: str, *, view: str, rule: str = "", measure: str = "", as_of: AsOf | None = None) -> str:
    """``text`` with its macros replaced (see the module docstring); ``as_of``: the metric's dates."""
    dated = (as_of.records if as_of else {}) if view in ("coverage", "gaps", "status") else {}

    def one(m: re.Match[str]) -> str:
        name, arg = m.group(1), m.group(2) or ""
        if name == "unvoided" and (label := pattern_label(m.string[: m.start()])) in dated:
            return f" WHERE NOT coalesce({arg}.voided, false) AND {arg}.{dated[label]} <= d"
        if name == "anyday":
            return f" WHERE NOT coalesce({arg}.voided, false)"
        if name == "active":
            var, _, day = arg.partition("@")
            day = day or "d"
            return f"{var}.since <= {day} AND ({var}.until IS NULL OR {day} <= {var}.until)"
        if name == "unvoided":
            return f" WHERE NOT coalesce({arg}.voided, false)"
        if name == "boundaries":
            # the days the assignments in the list ``arg`` start or stop being active (day 1 first)
            return (
                f"reduce(acc = [date('0001-01-01')], b IN [x IN {arg} | x.since] + [x IN {arg} WHERE x.until IS NOT NULL | "
                "x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END)"
            )
        if name == "events":
            # from rows (b, now, before): the days coverage changes with the net change, in day order
            return "  WHERE now <> before\n  WITH b, sum(now - before) AS delta ORDER BY b\n  RETURN collect({day: b, delta: delta}) AS events"
        if name == "ancestor":
            return f"CASE {arg} WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END"
        if name == "under":
            return f"r.id = {arg} OR r.nation_id = {arg} OR r.province_id = {arg} OR r.city_id = {arg} OR r.county_id = {arg} OR r.town_id = {arg}"
        if name in ("rule", "measure"):
            return expand(rule if name == "rule" else measure, view=view, measure=measure, as_of=as_of)
        if name == "day_counts":
            return f"COLLECT {{ UNWIND {arg} AS b WITH b WHERE b IS NOT NULL WITH b, count(*) AS n ORDER BY b RETURN {{day: b, delta: n}} AS e }}"
        if name == "whatif":
            return arg if view == "status" else ""
        raise ValueError(f"unknown macro <<{name}>>")

    out = _MACRO.sub(one, text)
    if as_of is not None and view in ("coverage", "gaps", "status"):
        out = dated_properties(out, as_of)
    return out


def param_names(metric: Metric, view: str) -> list[str]:
    """The parameters of ``view/<metric>`` in header order."""
    day = ["as_of"] if metric.dated else []
    policy = list(metric.policy_params)
    if view == "coverage":
        return ["region", "group_level", *day, *policy]
    if view == "gaps":
        return ["region", *day, "after", "limit", *policy, "regions"]
    if view == "status":
        return ["ids", *day, *policy, *metric.whatif_params]
    return ["regions", *policy]


def _param_spec(metric: Metric, view: str, name: str) -> str:
    if name == "regions":
        return _REGIONS_PARAM[view]
    return metric.policy_params.get(name) or _SHARED_PARAMS[name]


def _body(metric: Metric, view: str) -> str:
    q = metric.queries[view]
    if not q.framed:
        return q.body
    day = _DAY if metric.dated else ""
    if view == "coverage":
        return _COVERAGE_START[metric.dated] + q.body + _COVERAGE_END
    if view == "gaps":
        return day + _GAPS_REGIONS + q.body + _BY_ID
    if view == "status":
        return day + _STATUS_START + q.body + _BY_ID
    own = expand(q.body, view=view, rule=metric.rule, measure=metric.measure, as_of=metric.as_of)
    body = "".join(f"  {line}\n" if line else "\n" for line in own.rstrip("\n").split("\n"))
    return _TIMELINE_START + body + _TIMELINE_END[metric.as_of.population_dated]


def source_line(source: str) -> str:
    """The first line of every produced file: what produced it, from which source (issue 21).

    >>> source_line("orgnet/coverage/metrics/cadre_load.py")
    'generated by python -m orgnet.coverage.generate from orgnet/coverage/metrics/cadre_load.py; do not edit'
    """
    return f"generated by python -m orgnet.coverage.generate from {source}; do not edit"


def metric_source(metric: Metric) -> str:
    """The module a metric is written in, relative to the repository."""
    return f"orgnet/coverage/metrics/{metric.name}.py"


def render(metric: Metric, view: str) -> str:
    """The text of ``orgnet/queries/<view>/<metric>.cypher``."""
    check_dates(metric)
    q = metric.queries[view]
    description = q.description + ("\n" + _TIMELINE_DESCRIPTION if view == "timeline" else "")
    first, *rest = description.split("\n")
    lines = [f"// {source_line(metric_source(metric))}", f"// name: {metric.name}", f"// title: {q.title}", f"// description: {first}"]
    lines += [f"//   {line}" for line in rest]
    names = param_names(metric, view)
    specs = {n: _param_spec(metric, view, n) for n in names}
    lines += [f"// param {n}: {specs[n]}" for n in names]
    lines.append(f"// returns: {_RETURNS[view]}")
    if metric.personal and view in ("gaps", "status"):
        lines.append("// personal: name")
    defaults = ", ".join(f"{n}: {specs[n].split(' = ', 1)[1].split(' -- ', 1)[0]}" for n in names)
    lines.append(f":params {{{defaults}}};")
    return "\n".join(lines) + "\n" + expand(_body(metric, view), view=view, rule=metric.rule, measure=metric.measure, as_of=metric.as_of)


def export_query(metric: Metric, *, narrow: str = "") -> str:
    """The metric's whole gap list as one streamed query (the gap export, built at run time
    like the gap filters' wrappers, not a library file): the rows of its ``gaps`` view, one
    record per region holding gaps, ``(path_ids, path_names, rows)`` with ``rows`` a list of
    ``[id, name, details]`` in id order; regions in id order.

    A record per region, not per item: the driver's cost is per record (a list of 500 rows
    costs what one row does), and each region's rows are computed only when the reader asks
    for the next record, so Neo4j holds one region's rows at a time and stops with the
    reader.  ``narrow``: Cypher clauses between a region's gap rows and their collection
    (the gap filters).  A metric whose gap query is not framed (its items are found its own
    way) is wrapped whole and grouped by region path.

    >>> from orgnet.coverage.metrics import get_metric
    >>> text = export_query(get_metric("household_linkage"))
    >>> "WITH r ORDER BY r.id\\nCALL (r) {" in text, text.rstrip().endswith("RETURN path_ids, path_names, rows")
    (True, True)
    """
    q = metric.queries["gaps"]
    collect = "WITH path_ids, path_names, collect([id, name, details]) AS rows\n"
    if not q.framed:
        inner = "".join(
            f"  {line}\n" for line in expand(q.body, view="gaps", rule=metric.rule, measure=metric.measure, as_of=metric.as_of).rstrip("\n").split("\n")
        )
        return f"CALL () {{\n{inner}}}\n{narrow}{collect}RETURN path_ids, path_names, rows\nORDER BY coalesce(path_ids[-1], '')\n"
    # the day is bound inside each region's call, not imported into it: ``narrow`` may rebind ``d``
    day = "WITH r, coalesce(date($as_of), date()) AS d\n" if metric.dated else "WITH r, null AS d\n"
    body = expand(q.body + _BY_ID, view="gaps", rule=metric.rule, measure=metric.measure, as_of=metric.as_of)
    inner = "".join(f"    {line}\n" for line in body.rstrip("\n").split("\n"))
    per_region = "".join(f"  {line}\n" for line in (narrow + collect + "RETURN path_ids, path_names, rows").split("\n") if line)
    regions = expand(_GAPS_REGIONS, view="gaps")
    return f"{regions}WITH r ORDER BY r.id\nCALL (r) {{\n  {day}  CALL (d, r) {{\n{inner}  }}\n{per_region}}}\nRETURN path_ids, path_names, rows\n"


def render_texts() -> str:
    """``orgnet/api/static/metric_texts.js``: what the dashboard says about each metric, in both
    languages (titles, the labels of the reason codes a gap's ``categories`` gives, and the
    Chinese reason sentence as :class:`~orgnet.coverage.metrics._reasons.ReasonText` data, which
    ``i18n.js`` renders the way :meth:`ReasonText.render` does)."""
    texts = {
        m.name: {
            "title": {"en": m.title_en, "zh": m.title_zh},
            "description": m.description,
            "population": m.population,
            "dated": m.dated,
            "reasons": {code: dict(t) for code, t in m.category_texts.items()},
            **({"reason_zh": m.reason_zh.as_json()} if m.reason_zh else {}),
        }
        for m in METRICS
    }
    return (
        f"// {source_line('orgnet/coverage/metrics/*.py')}\n"
        "// Per metric: title (en, zh), description, population, whether it depends on the day, and the\n"
        "// labels of its reason codes (the `reason=` filter of GET /v1/gaps/{metric}), and its Chinese reason\n"
        "// (parts shown by a condition on the gap's details; orgnet/coverage/metrics/_reasons.py says how).\n"
        f"export const METRIC_LEVELS_ZH = {json.dumps(dict(LEVEL_ZH), ensure_ascii=False)};\n"
        f"export const METRIC_TEXTS = {json.dumps(texts, ensure_ascii=False, indent=2)};\n"
        "export default METRIC_TEXTS;\n"
    )


METRIC_TABLE_START = f"<!-- metric-table:start ({source_line('orgnet/coverage/metrics/*.py')}) -->"
METRIC_TABLE_END = "<!-- metric-table:end -->"


def render_metric_table(readme: str) -> str:
    """``readme`` (orgnet/queries/README.md) with its metrics table made from the metrics."""
    rows = ["| metric | population | covered when | policy keys |", "|---|---|---|---|"]
    for m in METRICS:
        keys = ", ".join(f"`{k}`" for k in m.policy_params) or "—"
        rows.append(f"| `{m.name}` | {m.population} | {m.description} | {keys} |")
    start = readme.index(METRIC_TABLE_START) + len(METRIC_TABLE_START)
    end = readme.index(METRIC_TABLE_END)
    return readme[:start] + "\n" + "\n".join(rows) + "\n" + readme[end:]


AFFECTED_FILE = QUERIES_DIR / "whatif" / "affected.cypher"
_AFFECTED_HEADER = f"""\
// {source_line("orgnet/coverage/metrics/*.py (their whatif_affected)")}
// name: affected
// title: Items whose coverage may change when people or teams become unavailable
// description: Candidates for the what-if analysis, one part per metric that has what-if parameters (its
//   `whatif_affected`): the items that the given cadres, members or teams (or teams the given members are
//   active on) are assigned to on the day. Only these items can lose coverage; their status is then
//   computed with and without the unavailable ones.
// param cadres: list<string> = [] -- Cadres that become unavailable
// param members: list<string> = [] -- Party members that become unavailable
// param teams: list<string> = [] -- Volunteer teams that become unavailable
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// returns: metric, id
:params {{cadres: [], members: [], teams: [], as_of: null}};
"""


def render_affected() -> str:
    """``orgnet/queries/whatif/affected.cypher``: every metric's what-if candidates, one UNION part each."""
    parts = []
    for m in METRICS:
        if not m.whatif_affected:
            continue
        text = expand(m.whatif_affected, view="affected") + f"RETURN '{m.name}' AS metric, item.id AS id\n"
        parts.append("".join(f"  {line}\n" for line in text.rstrip("\n").split("\n")))
    body = "  UNION\n".join(parts)
    return _AFFECTED_HEADER + _DAY + "CALL (d) {\n" + body + "}\nRETURN metric, id\nORDER BY metric, id\n"


FUNNEL_FILE = QUERIES_DIR / "incentives" / "funnel.cypher"
_FUNNEL_HEADER = f"""\
// {source_line("orgnet/coverage/metrics/frontline_recognition.py (FUNNEL)")}
// name: funnel
// title: Incentive funnel: frontline service, recognised, noted, promoted
// description: Nested counts of one population, the people the frontline_recognition metric counts under the region
//   on the day (its card's total): `served`, those people (their frontline service has begun by the day);
//   `recognised`, those of them holding a recognition dated from the policy's start day to the day; `noted`,
//   those of the recognised noted for their frontline performance (纳入组织视野); `promoted`, those of the noted
//   promoted. Each stage is a subset of the one before. Counts only: no person is named.
// param region: string = "320300" -- Region id whose subtree is counted (default: Xuzhou city)
// param as_of: date = null -- Day the counts are taken on, YYYY-MM-DD (null: today)
// param recognition_since: date = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// returns: served, recognised, noted, promoted
:params {{region: "320300", as_of: null, recognition_since: "2020-01-20"}};
"""


def render_funnel() -> str:
    """``orgnet/queries/incentives/funnel.cypher``: frontline_recognition's population, with its as-of filters."""
    from orgnet.coverage.metrics import frontline_recognition

    unit = frontline_recognition.METRIC
    check_dates(unit)
    return _FUNNEL_HEADER + expand(frontline_recognition.FUNNEL, view="coverage", as_of=unit.as_of)


def generated_files() -> dict[Path, str]:
    """Every produced file (absolute path) and its text: the query files, the what-if candidates,
    the incentives funnel, the metrics table of the query README and the dashboard's texts."""
    files = {QUERIES_DIR / view / f"{m.name}.cypher": render(m, view) for m in METRICS for view in VIEWS}
    readme = QUERIES_DIR / "README.md"
    files[readme] = render_metric_table(readme.read_text(encoding="utf-8"))
    files[TEXTS_FILE] = render_texts()
    files[AFFECTED_FILE] = render_affected()
    files[FUNNEL_FILE] = render_funnel()
    return files


def drifted() -> list[Path]:
    """The produced files whose committed text differs from what the metrics produce."""
    return [p for p, text in generated_files().items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orgnet.coverage.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report files that differ from their source")
    args = parser.parse_args(argv)
    stale = drifted()
    if args.check:
        for p in stale:
            print(f"drifted: {p.relative_to(QUERIES_DIR.parent)}")
        return 1 if stale else 0
    files = generated_files()
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(QUERIES_DIR.parent)}")
    if stale:  # the query table of the README lists the produced queries
        readme = QUERIES_DIR / "README.md"
        readme.write_text(render_readme(readme.read_text(encoding="utf-8"), read_library()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
