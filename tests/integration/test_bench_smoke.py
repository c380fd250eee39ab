"""A small benchmark run as part of the suite: it runs and prints its figures.

Nothing about time is asserted (docs/design.md §5): only that every phase produced its figures.
It uses the test server (``empty_graph`` orders it before the tests that read the seed): the
bench replaces the database, restarts the server for the offline import, and leaves it running.
"""

from __future__ import annotations

import sys

import pytest

from orgnet.settings import PROJECT_ROOT


def test_a_small_bench_run_prints_its_figures(empty_graph, settings, tmp_path):
    if not settings.uses_local_server:
        pytest.skip("the bench imports offline into a local server; ORGNET_TEST_NEO4J_URI points elsewhere")
    if str(PROJECT_ROOT) not in sys.path:  # bench/ is not a package of the install, it sits beside it
        sys.path.insert(0, str(PROJECT_ROOT))
    from bench.run import main

    results_md = tmp_path / "RESULTS.md"
    results = main(
        [
            "--scale",
            "demo",
            "--quick",
            "--home",
            str(settings.orgnet_home),
            "--bolt-port",
            str(settings.neo4j_bolt_port),
            "--http-port",
            str(settings.neo4j_http_port),
            "--heap",
            settings.neo4j_heap,
            "--pagecache",
            settings.neo4j_pagecache,
            "--results",
            str(results_md),
            "--json",
            str(tmp_path / "results.json"),
            "--reps",
            "1",
            "--budget",
            "0",
            "--metrics",
            "party_org_presence,household_linkage",
        ]
    )
    text = results_md.read_text(encoding="utf-8")
    print(text)

    assert not [n for n in results["notes"] if "failed" in n], results["notes"]
    for phase in ("generate", "offline", "transactional"):
        assert results[phase]["total"] > 0 and results[phase]["seconds"] > 0, phase
    assert results["transactional"]["peak_rss_mib"] > 0
    assert results["same_counts"] is True
    queries = results["queries"]
    assert queries["anchors"]["return_1"]["n"] > 0 and queries["anchors"]["health"]["n"] > 0
    measured = [c for c in queries["cases"] if c.get("api", {}).get("n")]
    assert measured and all(c["raw"]["n"] for c in measured)
    for heading in ("## Machine", "## Goals", "## Loading", "## Query latency", "## Method"):
        assert heading in text


def test_the_spreadsheet_bench_times_both_paths_and_leaves_the_seed_as_it_was(xuzhou, settings, tmp_path):
    if not settings.uses_local_server:
        pytest.skip("the bench starts its own local server; ORGNET_TEST_NEO4J_URI points elsewhere")
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    from bench.sheets import PREFIX, main

    members = xuzhou.read("MATCH (m:PartyMember) RETURN count(m) AS n")[0]["n"]
    args = ["--rows", "200", "--reuse", "--home", str(settings.orgnet_home), "--bolt-port", str(settings.neo4j_bolt_port)]
    results_md = tmp_path / "RESULTS.md"
    try:
        result = main([*args, "--http-port", str(settings.neo4j_http_port), "--results", str(results_md)])
    finally:
        from tests.conftest import _state

        _state["seeded"] = False  # its two change records stay: the next test reloads the seed
    assert result["rows"] == 200 and result["scale"] == "demo"
    assert result["sheet"]["dry_run_s"] > 0 and result["sheet"]["commit_s"] > 0 and result["bundle"]["import_s"] > 0
    assert "## Spreadsheet import" in results_md.read_text(encoding="utf-8")
    assert xuzhou.read("MATCH (m:PartyMember) WHERE m.id STARTS WITH $p RETURN count(m) AS n", {"p": PREFIX})[0]["n"] == 0
    assert xuzhou.read("MATCH (m:PartyMember) RETURN count(m) AS n")[0]["n"] == members
