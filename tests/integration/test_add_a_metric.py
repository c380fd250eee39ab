"""docs/contributors/add-a-metric.md, proven with a throw-away metric: a metric is one module plus
one line in the registry (and, for the tests, one method of the networkx reference); everything
else -- the four query files, the query README's tables, the dashboard's texts -- is produced.

The throw-away metric (enterprises with at least one active pairing, at any level) is added by
monkeypatching the registry; its produced queries are parsed by the library loader and run on a
hand-built graph."""

from __future__ import annotations

import datetime as dt

from orgnet.coverage import generate
from orgnet.coverage.metrics import METRICS, Metric, MetricQuery
from orgnet.graph.loader import load_bundle
from orgnet.queries.library import parse_query_file
from tests.scenarios import small_bundle

ITEMS = "MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)\n"
PAIRED = "(e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>)"
THROWAWAY = Metric(
    name="enterprise_any_pairing",
    title_en="Enterprises with any pairing",
    title_zh="企业有包挂",
    description="At least one active pairing, at any level.",
    population="Enterprises",
    label="Enterprise",
    dated=True,
    reason=lambda d: "No active pairing on the day.",
    categories=lambda d: ["unpaired"],
    category_texts={"unpaired": {"en": "no pairing", "zh": "无包挂"}},
    category_predicates={"unpaired": "true"},
    rule=f"EXISTS {{ {PAIRED} WHERE <<active:p>><<whatif: AND NOT c.id IN $unavailable_cadres>> }}",
    whatif_params=("unavailable_cadres",),
    whatif_affected="UNWIND $cadres AS cadre_id\nMATCH (:Cadre {id: cadre_id})-[p:PAIRED_WITH]->(item:Enterprise)\nWHERE <<active:p>>\n",
    queries={
        "coverage": MetricQuery(
            "Enterprises with any pairing, rolled up",
            "Enterprises under the region with at least one active pairing on the day.",
            "MATCH (r:Region)\nWHERE <<under:$region>>\nCALL (r, d) {\n  "
            + ITEMS
            + "  RETURN count(e) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered\n}\n",
        ),
        "gaps": MetricQuery(
            "Enterprises with no pairing",
            "Enterprises under the region with no active pairing on the day, by id.",
            ITEMS + "WHERE ($after IS NULL OR e.id > $after) AND NOT <<rule>>\nWITH r, e ORDER BY e.id LIMIT toInteger($limit)\n"
            "RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: e.kind} AS details\n",
        ),
        "status": MetricQuery(
            "Does an enterprise have a pairing?",
            "For each given enterprise: paired on the day or not.",
            "MATCH (e:Enterprise {id: item_id}<<unvoided:e>>)-[:LOCATED_IN]->(r:Region)\n"
            "RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, <<rule>> AS covered, {kind: e.kind} AS details\n",
        ),
        "timeline": MetricQuery(
            "Enterprises with any pairing: coverage timeline per region",
            "Enterprises located in each given region and the days their pairing changes.",
            "CALL (r) {\n  " + ITEMS + f"  WITH COLLECT {{ MATCH {PAIRED} RETURN {{since: p.since, until: p.until}} }} AS ps\n"
            "  WITH ps, reduce(acc = [date('0001-01-01')], b IN [x IN ps | x.since] + [x IN ps WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs\n"
            "  UNWIND bs AS b\n  WITH ps, b, b - duration('P1D') AS p\n"
            "  WITH b, CASE WHEN any(x IN ps WHERE <<active:x@b>>) THEN 1 ELSE 0 END AS now,\n"
            "       CASE WHEN b = date('0001-01-01') THEN 0 WHEN any(x IN ps WHERE <<active:x@p>>) THEN 1 ELSE 0 END AS before\n"
            "  WHERE now <> before\n  WITH b, sum(now - before) AS delta ORDER BY b\n  RETURN collect({day: b, delta: delta}) AS events\n}\n"
            "RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(:Enterprise) } AS total, events\n",
        ),
    },
)


def test_adding_a_metric_changes_only_produced_files_besides_its_module(monkeypatch):
    before = generate.generated_files()
    monkeypatch.setattr(generate, "METRICS", (*METRICS, THROWAWAY))
    after = generate.generated_files()
    changed = {p for p in after if before.get(p) != after[p]}
    queries = generate.QUERIES_DIR
    assert changed == {
        *(queries / view / "enterprise_any_pairing.cypher" for view in generate.VIEWS),
        queries / "README.md",  # its metrics table (the query table follows on `generate`)
        generate.TEXTS_FILE,
        generate.AFFECTED_FILE,  # its what-if candidates
    }
    for view in generate.VIEWS:
        q = parse_query_file(after[queries / view / "enterprise_any_pairing.cypher"], namespace=view, filename="enterprise_any_pairing.cypher")
        assert q.name == "enterprise_any_pairing"
    assert "| `enterprise_any_pairing` | Enterprises |" in after[queries / "README.md"]
    assert '"unpaired"' in after[generate.TEXTS_FILE]
    assert "RETURN 'enterprise_any_pairing' AS metric, item.id AS id" in after[generate.AFFECTED_FILE]


def test_the_throwaway_metric_runs_on_a_hand_built_graph(empty_graph):
    bundle = small_bundle(
        cadres=[{"id": "c1", "name": "干部", "level": "town", "region_id": "T1"}],
        enterprises=[
            {"id": "e1", "name": "企业一", "kind": "non_public", "region_id": "V1"},
            {"id": "e2", "name": "企业二", "kind": "talent", "region_id": "V2"},
        ],
        pairings=[{"cadre_id": "c1", "enterprise_id": "e1", "since": "2020-02-01", "until": "2020-03-31"}],
    )
    load_bundle(empty_graph, bundle, batch_size=100)
    texts = {v: generate.render(THROWAWAY, v) for v in generate.VIEWS}
    q = {v: parse_query_file(t, namespace=v, filename="enterprise_any_pairing.cypher") for v, t in texts.items()}
    rows = empty_graph.execute(q["coverage"].body, q["coverage"].bind({"region": "C", "as_of": "2020-03-31"}))
    assert [(r["id"], r["covered"], r["total"]) for r in rows] == [("C", 1, 2), ("K1", 1, 1), ("K2", 0, 1), ("K3", 0, 0)]
    rows = empty_graph.execute(q["gaps"].body, q["gaps"].bind({"region": "C", "as_of": "2020-03-31"}))
    assert [r["id"] for r in rows] == ["e2"]
    rows = empty_graph.execute(q["status"].body, q["status"].bind({"ids": ["e1"], "as_of": "2020-03-31", "unavailable_cadres": ["c1"]}))
    assert [(r["id"], r["covered"]) for r in rows] == [("e1", False)]
    rows = empty_graph.execute(q["timeline"].body, q["timeline"].bind({"regions": ["V1"]}))
    assert rows[0]["total"] == 1
    assert [(e["day"], e["delta"]) for e in rows[0]["events"]] == [(dt.date(2020, 2, 1), 1), (dt.date(2020, 4, 1), -1)]
