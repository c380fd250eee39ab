"""Constraints and indexes: every MERGE key is backed by a uniqueness constraint.

Applied idempotently (``IF NOT EXISTS``); :func:`schema_status` tells ``/ready``
whether everything is in place and online.
"""

from __future__ import annotations

from orgnet.graph.db import Graph
from orgnet.graph.model import NODE_LABELS

# Rollup keys: each region stores its ancestors' ids (and its own at its level).
REGION_INDEXES = ["level", "nation_id", "province_id", "city_id", "county_id", "town_id"]
# Located items are found by region id when a gap list is paged.
ITEM_REGION_INDEXES = [
    "Enterprise",
    "Household",
    "CentralHousehold",
    "Checkpoint",
    "PartyOrg",
    "PartyMember",
    "MedicalWorker",
    "Talent",
    "FrontlineRecord",
    "Recognition",
    "PartyApplication",
    "DutyDeath",
    "EnterpriseVisit",
    "CheckpointShift",
    "HouseholdVisit",
    "FamilyVisit",
]
# Stored coverage summaries (orgnet.coverage.summaries): looked up by id, and by metric, level
# level and ancestor id when a rollup lists the regions of one level under a region.  The one place
# their label names are written: every module that stores or reads summaries imports them from here.
SUMMARY_LABEL = "CoverageSummary"
"""A region's stored step functions for one metric (``id``: ``<metric>:<region id>``)."""
STATE_LABEL = "CoverageSummaryState"
"""A metric's freshness: the policy, generation, stale flag and population of its summaries."""
SUMMARY_LABELS = [SUMMARY_LABEL, STATE_LABEL]
# API accounts (orgnet.accounts): looked up by id on every request that carries an account token.
ACCOUNT_LABELS = ["Account"]

# The audit trail (orgnet.writes.changes) and the idempotency keys of POSTs (orgnet.writes.idempotency):
# a key's uniqueness constraint is what makes two concurrent duplicates write once.
WRITE_LABELS = ["Change", "IdempotencyKey"]
CHANGE_INDEXES = {"change_at": ("at",)}
# A spreadsheet row's 身份证号 finds its member by the keyed hash (orgnet/sheets/identity.py).
# pairing_visits (orgnet/coverage/metrics/pairing_visits.py) finds an enterprise's visits by its id.
MATCH_INDEXES = {"party_member_id_number_hmac": ("PartyMember", "id_number_hmac"), "enterprisevisit_enterprise_id": ("EnterpriseVisit", "enterprise_id")}
# News out (orgnet.events): the outbox, alert rules and alerts, subscriptions and their deliveries, and the
# dispatcher's lease and sequence.  The dispatcher finds work by status and time, the stream by sequence number.
EVENT_LABELS = ["OutboxEvent", "AlertRule", "AlertWatch", "Alert", "Subscription", "Delivery", "Lease", "EventSequence"]
EVENT_INDEXES = {
    "outboxevent_status": ("OutboxEvent", "status"),
    "outboxevent_seq": ("OutboxEvent", "seq"),
    "alert_rule_id": ("Alert", "rule_id"),
    "alertwatch_rule_id": ("AlertWatch", "rule_id"),
    "delivery_state_next": ("Delivery", "state", "next_at"),
    "delivery_subscription": ("Delivery", "subscription_id"),
}
SUMMARY_INDEXES = {
    "coveragesummary_scope_city": ("metric", "level", "city_id"),
    "coveragesummary_scope_county": ("metric", "level", "county_id"),
    "coveragesummary_scope_town": ("metric", "level", "town_id"),
}


def constraint_name(label: str) -> str:
    return f"{label.lower()}_id_unique"


def schema_statements() -> list[str]:
    """The DDL, in order.  Labels come from the model's allow-list, never from input.

    >>> schema_statements()[0]
    'CREATE CONSTRAINT region_id_unique IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE'
    """
    stmts = [
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in [*NODE_LABELS, *SUMMARY_LABELS, *ACCOUNT_LABELS, *WRITE_LABELS, *EVENT_LABELS]
    ]
    stmts += [f"CREATE INDEX region_{prop} IF NOT EXISTS FOR (n:Region) ON (n.{prop})" for prop in REGION_INDEXES]
    stmts += [f"CREATE INDEX {label.lower()}_region_id IF NOT EXISTS FOR (n:{label}) ON (n.region_id)" for label in ITEM_REGION_INDEXES]
    stmts += [f"CREATE INDEX {name} IF NOT EXISTS FOR (n:CoverageSummary) ON ({', '.join('n.' + p for p in props)})" for name, props in SUMMARY_INDEXES.items()]
    stmts += [f"CREATE INDEX {name} IF NOT EXISTS FOR (n:Change) ON ({', '.join('n.' + p for p in props)})" for name, props in CHANGE_INDEXES.items()]
    stmts += [
        f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON ({', '.join('n.' + p for p in props)})"
        for name, (label, *props) in [*EVENT_INDEXES.items(), *MATCH_INDEXES.items()]
    ]
    return stmts


def expected_schema_names() -> set[str]:
    names = {constraint_name(label) for label in [*NODE_LABELS, *SUMMARY_LABELS, *ACCOUNT_LABELS, *WRITE_LABELS, *EVENT_LABELS]}
    names |= set(SUMMARY_INDEXES) | set(CHANGE_INDEXES) | set(EVENT_INDEXES) | set(MATCH_INDEXES)
    names |= {f"region_{p}" for p in REGION_INDEXES}
    names |= {f"{label.lower()}_region_id" for label in ITEM_REGION_INDEXES}
    return names


SCHEMA_TIMEOUT_S = 3600.0
"""How long one schema statement may take.  A ``CREATE CONSTRAINT`` waits for its index to be
populated: after an offline import of Jiangsu at city density (13M nodes) that took over the
writes' usual 60 s, and the load failed.  Schema statements run once, at setup, never on a
request path, so an hour bounds a hang without cutting a large store's population short."""


def apply_schema(graph: Graph) -> None:
    """Create what is missing and wait until everything is online.

    Plain indexes go first: Neo4j populates them in the background, so on a loaded database
    (after an offline import) they fill while each ``CREATE CONSTRAINT``, which waits for its
    own index, runs.  (Measured at city scale: 5 s instead of 8-9 s; the schema is the same.)
    """
    statements = schema_statements()
    for stmt in sorted(statements, key=lambda s: s.startswith("CREATE CONSTRAINT")):  # stable: indexes, then constraints
        graph.write(stmt, timeout_s=SCHEMA_TIMEOUT_S)
    graph.write(f"CALL db.awaitIndexes({SCHEMA_TIMEOUT_S:.0f})", timeout_s=SCHEMA_TIMEOUT_S + 60)


def schema_status(graph: Graph) -> dict[str, list[str]]:
    """Which expected constraints/indexes are missing or not ONLINE."""
    rows = graph.read("SHOW INDEXES YIELD name, state RETURN name, state")
    online = {r["name"] for r in rows if r["state"] == "ONLINE"}
    present = {r["name"] for r in rows}
    expected = expected_schema_names()
    return {
        "missing": sorted(expected - present),
        "not_online": sorted((expected & present) - online),
    }
