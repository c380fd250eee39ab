from orgnet.graph.model import NODE_LABELS
from orgnet.graph.schema import apply_schema, expected_schema_names, schema_status


def test_every_label_has_a_unique_id_constraint(graph):
    rows = graph.read("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props")
    constrained = {r["label"] for r in rows if r["props"] == ["id"]}
    assert set(NODE_LABELS) <= constrained


def test_rollup_keys_are_indexed(graph):
    rows = graph.read("SHOW INDEXES YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] AS l, properties AS p")
    indexed = {(r["l"], tuple(r["p"] or ())) for r in rows}
    for prop in ("county_id", "town_id", "city_id", "level"):
        assert ("Region", (prop,)) in indexed


def test_apply_is_idempotent_and_ready(graph):
    apply_schema(graph)
    apply_schema(graph)
    assert schema_status(graph) == {"missing": [], "not_online": []}
    names = {r["name"] for r in graph.read("SHOW INDEXES YIELD name RETURN name")}
    assert expected_schema_names() <= names
