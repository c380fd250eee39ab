"""The offline import (``neo4j-admin database import full``) writes the graph the loader writes.

Each test loads the same records both ways into the test server — transactionally with
:func:`load_stream` (with concurrent writers for the generated scenario), then offline with :func:`offline_load` (which stops the server, imports,
starts it again and applies the schema) — and compares the two graphs completely: every node
with its labels and typed properties, every relationship with its ends and typed properties.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import TransientError

from orgnet.coverage.stale import mark_stale_statement
from orgnet.errors import InvalidInput
from orgnet.graph.loader import load_bundle, load_stream
from orgnet.graph.model import Bundle, CentralHousehold, HouseholdLink, PartyMember, Region
from orgnet.graph.offline import offline_load
from orgnet.graph.offline_csv import CsvWriter
from orgnet.graph.schema import schema_status
from orgnet.graph.stats import graph_stats
from orgnet.graph.validate import parse_bundle


def _canon(value: Any) -> Any:
    """A value with its type, so that 1 and True, "2020-02-01" and a date, [] and None differ."""
    if isinstance(value, list):
        return ("list", tuple(_canon(v) for v in value))
    return (type(value).__name__, value)


def dump(graph) -> tuple[Counter, Counter]:
    """Every domain node (labels, properties) and relationship (ends, type, properties), typed.

    orgnet's own bookkeeping (summary state, import journal) is left out: every transactional write
    bumps the summary generations in its own transaction, while an offline load writes no state."""
    from orgnet.graph.model import NODE_LABELS

    nodes = Counter(
        (tuple(sorted(r["labels"])), tuple(sorted((k, _canon(v)) for k, v in r["props"].items())))
        for r in graph.read(
            "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $domain) RETURN labels(n) AS labels, properties(n) AS props",
            {"domain": list(NODE_LABELS)},
        )
    )
    rels = Counter(
        (r["a"], tuple(sorted(r["la"])), r["type"], r["b"], tuple(sorted(r["lb"])), tuple(sorted((k, _canon(v)) for k, v in r["props"].items())))
        for r in graph.read("MATCH (a)-[r]->(b) RETURN a.id AS a, labels(a) AS la, type(r) AS type, b.id AS b, labels(b) AS lb, properties(r) AS props")
    )
    return nodes, rels


def _diff(a: Counter, b: Counter, n: int = 5) -> str:
    only_a, only_b = list((a - b).elements())[:n], list((b - a).elements())[:n]
    return f"only transactional: {only_a}\nonly offline: {only_b}"


def load_both_ways(graph, settings, bundle: Bundle, *, validate: bool = False, workers: int = 1, split: bool = False):
    """``split``: the offline CSV files are written in two processes (household links in a
    child), as ``orgnet load --offline`` does with the seed scenario."""
    if validate:
        load_bundle(graph, bundle, batch_size=1000)
    else:
        load_stream(graph, bundle.sections(), batch_size=1000, workers=workers)
    transactional = dump(graph), graph_stats(graph)
    if split:
        here = [(s, r) for s, r in bundle.sections() if s != "household_links"]
        report = offline_load(settings, here, replace=True, parallel=[lambda: [("household_links", bundle.household_links)]])
    else:
        report = offline_load(settings, bundle.sections(), replace=True)
    offline = dump(graph), graph_stats(graph)
    return transactional, offline, report


def small_generated_scenario() -> Bundle:
    """The demo scenario with the rural 10x10 cut to its first 30 central households (consistent)."""
    from orgnet.seed.generator import build_bundle

    full = build_bundle(seed=2020, scale="demo")
    chs: list[CentralHousehold] = full.central_households[:30]
    kept_ch = {c.id for c in chs}
    members: list[PartyMember] = [m for m in full.party_members if m.central_household_id is None or m.central_household_id in kept_ch]
    kept_members = {m.id for m in members}
    links: list[HouseholdLink] = [link for link in full.household_links if link.member_id in kept_members]
    linked = {link.household_id for link in links}
    sections = {s: getattr(full, s) for s in Bundle.SECTIONS}
    sections.update(
        central_households=chs,
        party_members=members,
        household_links=links,
        households=[h for h in full.households if h.id in linked],
    )
    return Bundle(**sections)


def test_a_generated_scenario_imports_offline_exactly_as_the_loader_writes_it(empty_graph, settings):
    bundle = small_generated_scenario()
    assert len(bundle.households) > 1000 and len(bundle.deployments) > 100

    # the loader with concurrent writers (orgnet load's default), so that this is checked too
    (tx, tx_stats), (off, off_stats), report = load_both_ways(empty_graph, settings, bundle, workers=3, split=True)

    print(f"\noffline import of {report.total:,} records: {report.as_dict()}")
    assert off_stats == tx_stats
    assert report.nodes == sum(tx[0].values()) and report.relationships == sum(tx[1].values())
    assert off[0] == tx[0], _diff(tx[0], off[0])
    assert off[1] == tx[1], _diff(tx[1], off[1])
    assert schema_status(empty_graph) == {"missing": [], "not_online": []}

    # a sample, spelled out: ancestors, paths, item locations, dates and arrays keep their types
    village = bundle.households[0].region_id
    (row,) = empty_graph.read(
        "MATCH (h:Household {id: $id})-[:LOCATED_IN]->(v:Region:Village) "
        "RETURN h.region_id AS rid, h.county_id AS cid, h.town_id AS tid, v.path_ids AS path, v.village_id AS vid, "
        "v.town_id AS vt",
        {"id": bundle.households[0].id},
    )
    assert row["rid"] == village == row["vid"] and row["path"][-1] == village
    assert row["path"][1] == row["cid"] and row["path"][2] == row["tid"] == row["vt"]
    (link,) = empty_graph.read("MATCH ()-[l:LINKS]->() RETURN l.since AS since LIMIT 1")
    assert isinstance(link["since"], dt.date)
    (dep,) = empty_graph.read("MATCH ()-[d:DEPLOYED_TO]->() RETURN d.duties AS duties LIMIT 1")
    assert isinstance(dep["duties"], list) and dep["duties"]


TRICKY = {
    "format": "orgnet-bundle/1",
    "regions": [
        {"id": "X", "name": "测试市", "level": "city", "code": "329900"},
        {"id": "X-1", "name": '一县, "东"', "level": "county", "kind": "county", "parent_id": "X"},
        {"id": "X-1-1", "name": "一镇\\二行;", "level": "town", "kind": "town", "parent_id": "X-1"},
        {"id": "X-1-1-1", "name": "一村村委会", "level": "village", "kind": "village", "parent_id": "X-1-1"},
        {"id": "X-1-1-2", "name": "一社区居委会", "level": "village", "kind": "community", "parent_id": "X-1-1"},
    ],
    "party_orgs": [
        {"id": "po-1", "name": "一县委", "kind": "committee", "region_id": "X-1"},
        {"id": "po-2", "name": "一村,党支部", "region_id": "X-1-1-1", "parent_id": "po-1"},
    ],
    "cadres": [
        {"id": "c-1", "name": "张三", "level": "town", "region_id": "X-1-1", "young": True, "promoted": True, "applied_to_join_party_on": "2020-02-14"},
        {"id": "c-0", "name": "市长", "level": "city", "region_id": "X"},
    ],
    "enterprises": [{"id": "e-1", "name": '一厂 "新"', "kind": "non_public", "region_id": "X-1-1-1"}],
    "pairings": [
        {"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-02-01", "until": "2020-02-10"},
        {"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-02-11"},
    ],
    "supervisions": [{"cadre_id": "c-0", "region_id": "X-1", "since": "2020-02-01"}],
    "central_households": [{"id": "ch-1", "region_id": "X-1-1-1"}],
    "party_members": [
        {"id": "m-1", "name": "李四", "org_id": "po-2", "region_id": "X-1-1-1", "rural": True, "central_household_id": "ch-1"},
        {"id": "m-2", "name": "王,二", "org_id": "po-1", "region_id": "X-1-1-2", "city_organ": True},
    ],
    "households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-1"}, {"id": "h-2", "name": "赵 '七'", "region_id": "X-1-1-1"}],
    "household_links": [{"member_id": "m-1", "household_id": "h-1", "since": "2020-02-01", "until": "2020-03-01"}],
    "volunteer_teams": [{"id": "t-1", "name": "先锋队", "org_id": "po-1"}, {"id": "t-2", "name": "无组织队"}],
    "team_memberships": [{"member_id": "m-2", "team_id": "t-1", "since": "2020-02-01"}],
    "checkpoints": [{"id": "cp-1", "name": "站口", "kind": "rail_station_exit", "region_id": "X-1-1-2"}],
    "deployments": [
        {"team_id": "t-1", "target_type": "checkpoint", "target_id": "cp-1", "duties": ["temperature_check"], "since": "2020-02-01"},
        {"team_id": "t-1", "target_type": "region", "target_id": "X-1-1-2", "since": "2020-02-01"},
        {
            "team_id": "t-2",
            "target_type": "region",
            "target_id": "X-1-1-2",
            "since": "2020-02-03",
            "until": "2020-03-30",
            "duties": ["disinfection", "supply_delivery"],
        },
    ],
    "medical_workers": [
        {"id": "mw-1", "name": "赵六", "batch": 1, "destination": "武汉"},
        {"id": "mw-2", "name": "钱八", "batch": 3, "destination": "黄石", "region_id": "X-1-1-2"},
    ],
    "family_supports": [
        {"supporter_type": "party_org", "supporter_id": "po-2", "medical_worker_id": "mw-1", "since": "2020-02-10"},
        {"supporter_type": "cadre", "supporter_id": "c-1", "medical_worker_id": "mw-2", "since": "2020-02-12"},
    ],
    "allocations": [
        {"id": "a-1", "fund": "community_standard", "amount": 50000, "date": "2020-02-05", "region_id": "X-1-1-2"},
        {"id": "a-2", "fund": "county_party_fee", "amount": 1234.5, "date": "2020-02-06", "region_id": "X-1"},
    ],
}


def test_awkward_values_survive_the_csv_files(empty_graph, settings):
    """Quotes, commas, backslashes, empty duties, nulls, floats, flags, two-type targets.

    (Newlines and empty texts no longer reach the files: bundles refuse them, see test_bundle_validation.)"""
    bundle = parse_bundle(copy.deepcopy(TRICKY))
    (tx, tx_stats), (off, off_stats), _ = load_both_ways(empty_graph, settings, bundle, validate=True)
    assert off_stats == tx_stats
    assert off[0] == tx[0], _diff(tx[0], off[0])
    assert off[1] == tx[1], _diff(tx[1], off[1])
    (county,) = empty_graph.read("MATCH (r:Region {id: 'X-1'}) RETURN r.code AS code, r.name AS name")
    assert county == {"code": None, "name": '一县, "东"'}
    (dep,) = empty_graph.read("MATCH (:VolunteerTeam {id: 't-1'})-[d:DEPLOYED_TO]->(:Region) RETURN d.duties AS duties")
    assert dep["duties"] == []


def test_the_offline_path_refuses_what_it_cannot_write_like_the_loader(tmp_path: Path):
    """Repeated assignments (the loader's MERGE folds them) and unknown parents are refused up front."""
    bundle = parse_bundle(copy.deepcopy(TRICKY))
    writer = CsvWriter(tmp_path / "a")
    for section, records in bundle.sections():
        writer.write(section, records)
    writer.write("household_links", bundle.household_links)  # the same link again
    with pytest.raises(InvalidInput, match="LINKS"):
        writer.close()

    writer = CsvWriter(tmp_path / "b")
    with pytest.raises(InvalidInput, match="parent_id"):
        writer.write("regions", [Region(id="T", name="镇", level="town", parent_id="nowhere")])


class _FakeGraph:
    """Counts the rows written; fails on the n-th write, or with a transient error on the first ones."""

    def __init__(self, *, fail_at: int | None = None, transient: int = 0) -> None:
        import threading

        self.rows: list[int] = []
        self.other: list[str] = []
        self.lock = threading.Lock()
        self.fail_at, self.transient = fail_at, transient

    def write_many(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """A batch's transaction: its rows, then the statement marking the summaries stale."""
        assert "CoverageSummaryState" in statements[-1][0]
        for query, params in statements:
            self.write(query, params)

    def write(self, query: str, params: dict[str, Any]) -> dict[str, int]:
        from orgnet.errors import DatabaseError

        with self.lock:
            if "rows" not in params:  # the statement that marks the coverage summaries stale
                self.other.append(query)
                return {}
            if self.transient and "Household" in query:
                self.transient -= 1
                # as Graph raises it: wrapped, from the driver's typed exception (the loader retries on the type)
                cause = TransientError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected", message="a deadlock")
                raise DatabaseError("Neo4j reported a TransientError: the statement may succeed if run again.") from cause
            self.rows.append(len(params["rows"]))
            if self.fail_at is not None and len(self.rows) == self.fail_at:
                # the word alone is no longer retried: only a TransientError cause is
                raise DatabaseError("Neo4j error Neo.ClientError.Statement.SyntaxError: boom (not a TransientError)")
        return {}


def _records(batches: int = 23):
    from orgnet.graph.model import Household, PartyOrg

    yield "regions", [Region(id="C", name="市", level="city")]
    yield "party_orgs", [PartyOrg(id=f"o{i}", name="支部", region_id="C") for i in range(5)]
    for b in range(batches):
        yield "households", [Household(id=f"h{b}-{i}", name="户", region_id="C") for i in range(7)]


@pytest.mark.parametrize("workers", [1, 3])
def test_the_loader_writes_every_batch_once_and_raises_the_first_error(workers):
    """No database: prefetching and concurrent writers lose nothing, retry deadlocks, stop on errors."""
    import threading

    from orgnet.errors import DatabaseError

    graph = _FakeGraph(transient=2 if workers > 1 else 0)
    seen: list[tuple[str, int]] = []
    report = load_stream(
        graph,
        _records(),
        batch_size=3,
        workers=workers,
        on_batch=lambda s, n: seen.append((s, n)),
        bookkeeping=[mark_stale_statement(None)],
    )
    assert report.records == {"regions": 1, "party_orgs": 5, "households": 23 * 7}
    assert sum(graph.rows) == 1 + 5 + 23 * 7 and sum(n for _, n in seen) == report.total
    # every batch's transaction ends with the bookkeeping (the workflow's stale mark) with its rows (issue 10.1), not once before them
    assert len(graph.other) == len(graph.rows) and all("CoverageSummaryState" in q for q in graph.other)

    with pytest.raises(DatabaseError, match="boom"):
        load_stream(_FakeGraph(fail_at=10), _records(), batch_size=3, workers=workers, bookkeeping=[mark_stale_statement(None)])

    def broken():
        yield from list(_records(1))
        raise ValueError("the generator broke")

    with pytest.raises(ValueError, match="generator broke"):
        load_stream(_FakeGraph(), broken(), batch_size=3, workers=workers, bookkeeping=[mark_stale_statement(None)])
    assert [t.name for t in threading.enumerate() if t.name.startswith("orgnet-load")] == []
