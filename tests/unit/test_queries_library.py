"""The query library loader: header rules, parameters, binding, redaction, and the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import POLICY_PARAM_NAMES, default_policy
from orgnet.errors import InvalidInput, NotFound, QueryFileError
from orgnet.graph.model import LEVEL_LABELS, NODE_LABELS, RELATIONSHIP_TYPES
from orgnet.queries.cypher_text import used_params
from orgnet.queries.library import Library, library, parse_query_file, read_library
from orgnet.queries.params import Param, params_line_for
from orgnet.queries.readme import readme_table, render_readme

README = Path(__file__).resolve().parents[2] / "orgnet" / "queries" / "README.md"

GOOD = """// name: demo
// title: Demo
// description: Count regions at a level.
//   A second description line.
// param level: string = "town" -- Level to count
// param n: int[0..100] = 3 -- A number
// returns: n
:params {level: "town", n: 3};
MATCH (r:Region {level: $level}) RETURN count(r) + $n AS n
"""


def parse(text: str, filename: str | None = None):
    return parse_query_file(text, namespace="t", filename=filename)


def test_a_good_file_parses():
    q = parse(GOOD, "t/demo.cypher")
    assert q.key == "t/demo"
    assert q.description == "Count regions at a level. A second description line."
    assert [(p.name, p.type, p.default) for p in q.params] == [("level", "string", "town"), ("n", "int", 3)]
    assert q.returns == ["n"]
    assert q.body.startswith("MATCH") and ":params" not in q.body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("// title: Demo", "// titel: Demo"), "unknown header key 'titel'"),
        (lambda t: t.replace("// title: Demo\n", ""), "no 'title'"),
        (lambda t: t.replace("// returns: n\n", ""), "no 'returns'"),
        (lambda t: t.replace(':params {level: "town", n: 3};\n', ""), "missing the ':params' line"),
        (lambda t: t.replace(':params {level: "town", n: 3};', ':params {level: "village", n: 3};'), "exactly the declared defaults"),
        (lambda t: t.replace("+ $n", "+ $m"), "used but not declared: ['m']"),
        (lambda t: t.replace("count(r) + $n", "count(r)"), "declared but not used: ['n']"),
        (lambda t: t.replace("int[0..100] = 3", "integer = 3"), "unknown type 'integer'"),
        (lambda t: t.replace("int[0..100] = 3", 'int[0..100] = "3"'), "does not fit int"),
        (lambda t: t.replace("int[0..100] = 3", "int = 3"), "an int parameter needs bounds: write int[<min>..<max>]"),
        (lambda t: t.replace("int[0..100] = 3", "int[0..2] = 3"), "must be between 0 and 2"),
        (lambda t: t.replace("int[0..100] = 3", "int[5..1] = 3"), "the lower bound 5 is above the upper bound 1"),
        (lambda t: t.replace("int[0..100] = 3", "int[0..9223372036854775808] = 3"), "int bounds must fit 64 bits"),
        (lambda t: t.replace("int[0..100] = 3", "int[0.5..100] = 3"), "int bounds are whole numbers"),
        (lambda t: t.replace("-- A number", ""), "a param line reads"),
        (lambda t: t.replace("// param n:", "// param level:"), "declared twice"),
        (lambda t: t.replace("AS n\n", "AS n;\nRETURN 1 AS n\n"), "one query per file"),
        (lambda t: t.replace("// title: Demo", "// 42 words"), "not a header line"),
        (lambda t: t.replace("// title: Demo", "// just words"), "unknown header key 'just'"),
        (lambda t: t.replace("// param n: int", "// param: n: int"), "write '// param <name>: ...'"),
    ],
)
def test_broken_headers_are_refused(change, message):
    with pytest.raises(QueryFileError, match=re.escape(message)):
        parse(change(GOOD))


def test_the_name_must_match_the_file():
    with pytest.raises(QueryFileError, match="differs from the file name"):
        parse(GOOD, "t/other.cypher")


def test_duplicate_names_are_refused():
    q = parse(GOOD)
    with pytest.raises(QueryFileError, match="duplicate query name t/demo"):
        Library([q, q])


def test_read_library_refuses_a_bad_file_in_a_folder(tmp_path):
    (tmp_path / "ns").mkdir()
    (tmp_path / "ns" / "demo.cypher").write_text(GOOD.replace("// title", "// colour: red\n// title"), encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"ns/demo.cypher:\d+: unknown header key 'colour'"):
        read_library(tmp_path)


def test_params_in_strings_and_comments_are_not_params():
    assert used_params("RETURN '$a' + \"$b\" // $c\n + $d /* $e */") == {"d"}


def test_bind_fills_defaults_checks_types_and_names():
    q = parse(GOOD)
    assert q.bind({}) == {"level": "town", "n": 3}
    assert q.bind({"n": 5}) == {"level": "town", "n": 5}
    with pytest.raises(InvalidInput) as e:
        q.bind({"n": "5", "zzz": 1})
    assert {x["field"] for x in e.value.errors} == {"n", "zzz"}
    assert q.bind({"zzz": 1}, strict=False) == {"level": "town", "n": 3}


@pytest.mark.parametrize(
    ("type_", "good", "bad"),
    [
        ("string", "x", 5),
        ("date", "2020-03-31", "2020-02-30"),
        ("date", "2020-03-31", "20200331"),
        ("int", 7, 7.5),
        ("int", 7, True),
        ("float", 7, "7"),
        ("bool", False, 0),
        ("list<string>", ["a"], ["a", 1]),
        ("list<string>", [], "a"),
    ],
)
def test_param_types(type_, good, bad):
    p = Param("p", type_, good, "")
    p.coerce(good)
    with pytest.raises(ValueError):
        p.coerce(bad)
    with pytest.raises(ValueError, match="must not be null"):
        p.coerce(None)
    assert Param("p", type_, None, "").coerce(None) is None


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True), st.one_of(st.integers(-9, 9), st.text(alphabet="ab 中文'\"\\$;:{}", max_size=5), st.none())
        ),
        max_size=4,
        unique_by=lambda t: t[0],
    )
)
def test_params_line_round_trips_through_the_parser(pairs):
    params = [Param(n, "int", v, "doc", -9, 9) if isinstance(v, int) else Param(n, "string", v, "doc") for n, v in pairs]
    header = "".join(f"// param {p.name}: {p.declared_type} = {__import__('json').dumps(p.default, ensure_ascii=False)} -- doc\n" for p in params)
    body = "RETURN " + (" + ".join(f"toString(${p.name})" for p in params) or "1") + " AS x"
    text = f"// name: q\n// title: t\n// description: d\n{header}// returns: x\n{params_line_for(params)}\n{body}\n"
    q = parse_query_file(text, namespace="t")
    assert q.defaults() == dict(pairs)


def test_redaction_of_personal_columns():
    q = parse(
        "// name: p\n// title: t\n// description: d\n// returns: id, name, who\n// personal: name, who.name\n"
        ":params {};\nRETURN 1 AS id, 'n' AS name, {name: 'x', id: 2} AS who\n"
    )
    assert q.redact([{"id": 1, "name": "n", "who": {"name": "x", "id": 2}}]) == [{"id": 1, "name": None, "who": {"name": None, "id": 2}}]
    with pytest.raises(QueryFileError, match="not a returned column"):
        parse("// name: p\n// title: t\n// description: d\n// returns: id\n// personal: name\n:params {};\nRETURN 1 AS id\n")


# ------------------------------------------------------------------ the packaged library


def test_the_packaged_library_loads_and_has_every_metric_query():
    lib = library()
    for m in METRICS:
        for key in (m.rollup_query, m.gaps_query, m.status_query):
            assert key in lib, key
    assert "whatif/affected" in lib and "suggestions/enterprise_pairing_candidates" in lib
    with pytest.raises(NotFound):
        lib.get("nope/nope")


def test_policy_parameters_default_to_the_default_policy():
    """A query pasted into Browser computes what the API computes under the default policy."""
    expected = default_policy().query_params()
    assert set(expected) == POLICY_PARAM_NAMES
    seen = set()
    for q in library():
        for p in q.params:
            if p.name in POLICY_PARAM_NAMES:
                assert p.default == expected[p.name], f"{q.key}: {p.name}"
                seen.add(p.name)
    assert seen == POLICY_PARAM_NAMES


def test_rollup_gap_and_status_queries_share_their_shapes():
    for m in METRICS:
        lib = library()
        assert lib.get(m.rollup_query).returns == ["scope", "id", "name", "level", "covered", "total"]
        assert lib.get(m.gaps_query).returns == ["id", "name", "path_ids", "path_names", "details"]
        assert lib.get(m.status_query).returns == ["id", "name", "path_ids", "path_names", "covered", "details"]
        assert {"region", "after", "limit"} <= set(lib.get(m.gaps_query).param_names)
        personal = ("name",) if m.personal else ()
        assert lib.get(m.gaps_query).personal == personal and lib.get(m.status_query).personal == personal


def test_limits_accept_browser_numbers():
    """Browser sends `:params` numbers as floats: LIMIT/SKIP must convert."""
    for q in library():
        assert not re.search(r"\b(LIMIT|SKIP)\s+\$", q.body), q.key


def test_no_variable_length_traversal_on_request_paths():
    for q in library():
        if q.namespace in ("coverage", "gaps", "status", "whatif", "suggestions"):
            assert not re.search(r"\[[^\]]*\*", q.body), f"{q.key} uses a variable-length pattern"


# ------------------------------------------------------------------ README


def test_readme_table_is_current():
    text = README.read_text(encoding="utf-8")
    assert render_readme(text, library()) == text, "run: python -m orgnet.queries readme"
    assert readme_table(library()).count("\n") == len(library()) + 1


def test_readme_documents_every_query_metric_and_endpoint():
    text = README.read_text(encoding="utf-8")
    for q in library():
        assert f"`{q.key}`" in text
    for m in METRICS:
        assert f"| `{m.name}` |" in text, f"metric {m.name} is not in the metrics table"
    from orgnet.api.main import create_app

    # from the OpenAPI schema: app.routes holds included routers, not their routes, in this FastAPI
    mine = (
        "/v1/metrics",
        "/v1/policy",
        "/v1/coverage",
        "/v1/gaps/{metric}",
        "/v1/hotspots",
        "/v1/whatif",
        "/v1/suggestions",
        "/v1/queries",
        "/v1/regions/{region_id}/scorecard",
    )
    checked = 0
    for path, ops in create_app().openapi()["paths"].items():
        if path.startswith(mine) and not path.endswith("/export"):
            for method in ops:
                assert f"`{method.upper()} {path}`" in text, f"{method.upper()} {path} is not in queries/README.md"
                checked += 1
    assert checked >= 13


def test_readme_documents_the_graph_vocabulary():
    text = README.read_text(encoding="utf-8")
    for name in [*NODE_LABELS, *LEVEL_LABELS, *RELATIONSHIP_TYPES]:
        assert f"`{name}`" in text, name


# ------------------------------------------------------------------ bounds and personal projections


def test_every_number_parameter_of_the_library_declares_bounds_that_hold_its_default():
    numbers = [(q, p) for q in library() for p in q.params if p.type in ("int", "float")]
    assert len([1 for _, p in numbers if p.type == "int"]) >= 43
    for q, p in numbers:
        assert p.minimum is not None and p.maximum is not None, f"{q.key}: {p.name}"
        assert p.default is None or p.minimum <= p.default <= p.maximum, f"{q.key}: {p.name}"
        assert f"{p.name}: {p.declared_type} = " in q.text


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30, -1, 0, 10_001])
def test_out_of_range_integers_are_refused_naming_the_field(value):
    """Issue 9.3: 2**63 reached the driver (OverflowError, 500); -1 reached Neo4j's LIMIT (500)."""
    q = library().get("gaps/household_linkage")
    with pytest.raises(InvalidInput) as e:
        q.bind({"limit": value})
    assert e.value.errors == [{"field": "limit", "reason": "must be between 1 and 10000 (int[1..10000])"}]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 10**400, -1.0, 1e16])
def test_non_finite_or_out_of_range_floats_are_refused(value):
    q = library().get("gaps/community_funding")
    with pytest.raises(InvalidInput) as e:
        q.bind({"funding_standard": value})
    assert [x["field"] for x in e.value.errors] == ["funding_standard"]


def test_every_int_parameter_refuses_2_to_the_63():
    for q in library():
        for p in q.params:
            if p.type == "int":
                with pytest.raises(InvalidInput):
                    q.bind({p.name: 2**63})


PROJECTION = """// name: p
// title: t
// description: d
// returns: id, who
{personal}:params {{}};
MATCH (m:PartyMember)-[:LINKS]->(h:Household) {body}
"""


@pytest.mark.parametrize(
    "body",
    [
        "RETURN m.id AS id, m.name AS who",
        "RETURN m.id AS id, {n: m.name} AS who",
        "RETURN m.id AS id, m {.id, .name} AS who",
        "RETURN m.id AS id, h {.*} AS who",
        "RETURN m.id AS id, properties(h) AS who",
        "WITH m, h.name AS n RETURN m.id AS id, n AS who",
        "RETURN m.id AS id, toUpper(m.name) AS who",
    ],
)
def test_a_personal_property_projected_into_an_undeclared_column_is_refused(body):
    with pytest.raises(QueryFileError, match=r"reads .* \(personal data\)"):
        parse(PROJECTION.format(personal="", body=body))


@pytest.mark.parametrize(
    ("personal", "body"),
    [
        ("who", "RETURN m.id AS id, m.name AS who"),
        ("who.n", "RETURN m.id AS id, {n: m.name} AS who"),
        ("who.name", "RETURN m.id AS id, m {.id, .name} AS who"),
        ("who", "RETURN m.id AS id, h {.*} AS who"),
        ("", "RETURN m.id AS id, h AS who"),  # a whole node: redacted by label at run time
        ("", "MATCH (r:Region) RETURN r.id AS id, r {.id, .name} AS who"),  # a region's name is public
    ],
)
def test_declared_personal_projections_and_whole_nodes_load(personal, body):
    q = parse(PROJECTION.format(personal=f"// personal: {personal}\n" if personal else "", body=body))
    assert q.personal == ((personal,) if personal else ())
