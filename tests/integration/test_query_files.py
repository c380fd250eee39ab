"""Each library file runs in Neo4j as pasted into Browser: its `:params {...};` map is evaluated
by Neo4j itself (as Browser does), then the body runs with those values and must return exactly
the declared columns.  On the seed, so the default parameters find something."""

from __future__ import annotations

import pytest

from orgnet.queries.library import library

QUERIES = list(library())


def browser_run(graph, text: str, *, js_numbers: bool = False) -> tuple[list[str], list[dict]]:
    """Split a pasted file the way Browser does: comments, the `:params` command, the statement.

    ``js_numbers``: Browser's ``:params {map}`` holds numbers as JavaScript numbers and sends
    them as floats; the queries must work with ``50.0`` where they declare ``int`` 50."""
    lines = [ln for ln in text.splitlines() if not ln.startswith("//")]
    command = next(ln for ln in lines if ln.startswith(":params"))
    statement = "\n".join(ln for ln in lines if ln is not command).strip().rstrip(";")
    params_map = command[len(":params") :].strip().rstrip(";")
    (row,) = graph.read(f"RETURN {params_map} AS params")
    params = row["params"]
    if js_numbers:
        params = {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in params.items()}
    with graph.driver.session(database=graph.database) as session:
        result = session.run(statement, params)
        keys = list(result.keys())
        rows = [r.data() for r in result]
    return keys, rows


@pytest.mark.parametrize("query", QUERIES, ids=[q.key for q in QUERIES])
def test_every_file_runs_as_pasted_and_returns_its_columns(xuzhou, query):
    keys, rows = browser_run(xuzhou, query.text)
    assert keys == query.returns
    if query.namespace in ("coverage", "gaps", "explore", "suggestions"):
        assert rows, f"{query.key} finds nothing on the seed with its defaults"
    if query.namespace == "coverage":
        assert rows[0]["scope"] == "region" and rows[0]["id"] == "320300"
        assert [r["id"] for r in rows[1:]] == sorted(r["id"] for r in rows[1:]) and len(rows) == 11


@pytest.mark.parametrize("query", [q for q in QUERIES if any(p.type == "int" for p in q.params)], ids=lambda q: q.key)
def test_browser_numbers_arrive_as_floats_and_still_work(xuzhou, query):
    keys, rows = browser_run(xuzhou, query.text, js_numbers=True)
    assert keys == query.returns
    assert [r.get("id") for r in rows] == [r.get("id") for r in browser_run(xuzhou, query.text)[1]]


def test_the_params_line_is_what_the_api_binds(xuzhou):
    for q in QUERIES:
        command = q.params_line[len(":params") :].strip().rstrip(";")
        (row,) = xuzhou.read(f"RETURN {command} AS params")
        assert row["params"] == q.bind({}), q.key
