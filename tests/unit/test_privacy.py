"""Personal data: every value type Neo4j returns converts to JSON that keeps labels and types
(``to_native``), and redaction by the privacy table reaches every shape that carries a node."""

from __future__ import annotations

import datetime as dt
import json
import logging

import neo4j.graph
import neo4j.spatial
import neo4j.time
import pytest
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, TransientError

from orgnet.api.deps import ROLE_RANK, Caller
from orgnet.errors import DatabaseError, DatabaseUnavailable, InvalidInput, QueryTimeout
from orgnet.graph.db import wrap_driver_error
from orgnet.graph.model import NODE_LABELS, PERSONAL_LABELS, RELATIONSHIP_TYPES
from orgnet.graph.privacy import (
    NODE_PROPERTIES,
    PERSONAL_PROPERTY_NAMES,
    RELATIONSHIP_PROPERTIES,
    node_property_is_public,
    redact,
    sees_personal_data,
    unclassified,
)
from orgnet.graph.values import NodeValue, PathValue, RelationshipValue, to_native

NAME = "王秀英"
HEAD = "李建国"


def graph_values():
    """A member linking a household, as the driver hydrates them (built from the driver's classes)."""
    g = neo4j.graph.Graph()
    member = neo4j.graph.Node(g, "4:db:1", 1, {"PartyMember"}, {"id": "pm-1", "name": NAME, "rural": True, "joined": neo4j.time.Date(2001, 7, 1)})
    household = neo4j.graph.Node(g, "4:db:2", 2, {"Household"}, {"id": "hh-1", "name": HEAD})
    link = g.relationship_type("LINKS")(g, "5:db:3", 3, {"since": neo4j.time.Date(2020, 2, 1), "note": "x"})
    link._start_node, link._end_node = member, household
    return member, household, link, neo4j.graph.Path(member, link)


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat())


# ------------------------------------------------------------------ to_native


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (neo4j.time.Date(2020, 3, 31), dt.date(2020, 3, 31)),
        (neo4j.time.DateTime(2020, 3, 31, 8, 30, 5, tzinfo=dt.UTC), dt.datetime(2020, 3, 31, 8, 30, 5, tzinfo=dt.UTC)),
        (neo4j.time.DateTime(2020, 3, 31, 8, 30, 5), dt.datetime(2020, 3, 31, 8, 30, 5)),  # LocalDateTime
        (neo4j.time.Time(8, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))), dt.time(8, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
        (neo4j.time.Time(8, 30, 5), dt.time(8, 30, 5)),  # LocalTime
        (neo4j.time.Duration(months=14, days=3, hours=4), "P1Y2M3DT4H"),
        (neo4j.spatial.WGS84Point((117.18, 34.26)), {"srid": 4326, "x": 117.18, "y": 34.26}),
        (neo4j.spatial.WGS84Point((117.18, 34.26, 40.0)), {"srid": 4979, "x": 117.18, "y": 34.26, "z": 40.0}),
        (neo4j.spatial.CartesianPoint((1.0, 2.0)), {"srid": 7203, "x": 1.0, "y": 2.0}),
        (neo4j.spatial.CartesianPoint((1.0, 2.0, 3.0)), {"srid": 9157, "x": 1.0, "y": 2.0, "z": 3.0}),
        (b"\x00\xff", "AP8="),
        (float("nan"), None),
        (float("-inf"), None),
        (1.5, 1.5),
        ([("a", neo4j.time.Date(2020, 1, 1))], [["a", dt.date(2020, 1, 1)]]),
        ({"a": {"b": [neo4j.time.Duration(days=1)]}}, {"a": {"b": ["P1D"]}}),
    ],
)
def test_to_native_converts_every_value_type(value, expected):
    out = to_native(value)
    assert out == expected
    dumps(out)  # serialisable by an encoder that writes dates as ISO 8601 (FastAPI's does)


def test_to_native_keeps_node_relationship_and_path_identity():
    member, household, link, path = graph_values()
    n = to_native(member)
    assert isinstance(n, NodeValue) and n == {
        "element_id": "4:db:1",
        "labels": ["PartyMember"],
        "properties": {"id": "pm-1", "name": NAME, "rural": True, "joined": dt.date(2001, 7, 1)},
    }
    r = to_native(link)
    assert isinstance(r, RelationshipValue) and r == {
        "element_id": "5:db:3",
        "type": "LINKS",
        "start": "4:db:1",
        "end": "4:db:2",
        "properties": {"since": dt.date(2020, 2, 1), "note": "x"},
    }
    p = to_native(path)
    assert isinstance(p, PathValue) and [x["element_id"] for x in p["nodes"]] == ["4:db:1", "4:db:2"]
    assert [x["type"] for x in p["relationships"]] == ["LINKS"]
    assert isinstance(p["nodes"][1], NodeValue) and isinstance(p["relationships"][0], RelationshipValue)
    # the relationship no longer drags its end nodes' properties along (the old tuple export did)
    assert NAME not in dumps(r) and HEAD not in dumps(r)
    # nested in lists and maps, the identity survives
    nested = to_native({"rows": [[member, {"l": link}]]})
    assert isinstance(nested["rows"][0][0], NodeValue) and isinstance(nested["rows"][0][1]["l"], RelationshipValue)


# ------------------------------------------------------------------ the table


def test_the_table_classifies_every_label_and_type_of_the_model():
    assert unclassified() == []
    assert set(NODE_LABELS) <= set(NODE_PROPERTIES) and set(RELATIONSHIP_TYPES) <= set(RELATIONSHIP_PROPERTIES)
    for label in PERSONAL_LABELS:
        assert not node_property_is_public([label], "name"), label
    assert "name" in PERSONAL_PROPERTY_NAMES


def test_a_personal_label_needs_a_personal_property_or_a_person_it_is_named_through(monkeypatch):
    from orgnet.graph import privacy

    assert set(privacy.NAMED_THROUGH) <= PERSONAL_LABELS
    monkeypatch.setattr(privacy, "NAMED_THROUGH", {k: v for k, v in privacy.NAMED_THROUGH.items() if k != "DutyDeath"})
    assert unclassified() == ["DutyDeath"]
    monkeypatch.setattr(privacy, "NAMED_THROUGH", {**privacy.NAMED_THROUGH, "DutyDeath": "NO_SUCH_TYPE"})
    assert unclassified() == ["DutyDeath"]


def test_roles_with_personal_access_are_those_of_the_api():
    for role in ROLE_RANK:
        assert sees_personal_data(role) == Caller(role=role).sees_personal_data, role
    assert not sees_personal_data(None) and not sees_personal_data("auditor")


# ------------------------------------------------------------------ redaction by shape


@pytest.mark.parametrize("shape", ["node", "relationship", "path", "map", "list", "nested"])
def test_redaction_reaches_every_shape(shape):
    member, household, link, path = graph_values()
    value = to_native(
        {
            "node": member,
            "relationship": [member, link, household],  # the three columns of a row
            "path": path,
            "map": {"m": member, "h": household},
            "list": [member, household],
            "nested": {"a": [{"b": [path, {"c": household}]}]},
        }[shape]
    )
    public = redact(value, role="viewer")
    text = dumps(public)
    assert NAME not in text and HEAD not in text
    assert "pm-1" in text or "hh-1" in text  # the public rest stays
    assert redact(value, role="planner") == value and redact(value, role="admin") == value
    assert NAME in dumps(value) or HEAD in dumps(value)  # the input held a name, so the check can fail


def test_redaction_is_deny_by_default_and_keeps_the_graph_shape():
    g = neo4j.graph.Graph()
    unknown = to_native(neo4j.graph.Node(g, "4:db:9", 9, {"Informant"}, {"id": "i-1", "codename": "fox"}))
    assert redact(unknown, role="viewer") == {"element_id": "4:db:9", "labels": ["Informant"], "properties": {}}
    region = to_native(neo4j.graph.Node(g, "4:db:8", 8, {"Region", "Town"}, {"id": "t-1", "name": "首羡镇", "secret": 1}))
    assert redact(region, role="viewer")["properties"] == {"id": "t-1", "name": "首羡镇"}
    # a label that marks a property personal wins over one that lists it as public
    both = to_native(neo4j.graph.Node(g, "4:db:7", 7, {"Region", "Household"}, {"id": "x", "name": HEAD}))
    assert redact(both, role="viewer")["properties"] == {"id": "x"}
    rel = to_native(g.relationship_type("REPORTS_ON")(g, "5:db:1", 1, {"since": "2020-01-01"}))
    assert redact(rel, role="viewer")["properties"] == {} and redact(rel, role="viewer")["type"] == "REPORTS_ON"
    member, _, link, _ = graph_values()
    assert redact(to_native(link), role="viewer")["properties"] == {"since": dt.date(2020, 2, 1)}
    assert redact(to_native(member), role="anonymous")["properties"] == {"id": "pm-1", "rural": True}


def test_redaction_does_not_modify_its_input():
    member, *_ = graph_values()
    value = to_native([member])
    redact(value, role="viewer")
    assert value[0]["properties"]["name"] == NAME


# ------------------------------------------------------------------ driver errors


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        (ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.ArgumentError", message="LIMIT: Invalid input. '-1' is not a valid value."), DatabaseError),
        (ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.TypeError", message="Expected Long(9223372036854775807) to be ..."), InvalidInput),
        (TransientError._hydrate_neo4j(code="Neo.ClientError.Transaction.TransactionTimedOut", message="The transaction has been terminated"), QueryTimeout),
        (
            TransientError._hydrate_neo4j(
                code="Neo.TransientError.Transaction.DeadlockDetected", message="ForsetiClient[1] can't acquire ExclusiveLock{owner=ForsetiClient[2]}"
            ),
            DatabaseError,
        ),
        (ServiceUnavailable("Couldn't connect to 10.0.0.7:7687 (reason [Errno 111] Connection refused)"), DatabaseUnavailable),
        (AuthError("The client is unauthorized due to authentication failure. user=neo4j"), DatabaseUnavailable),
    ],
)
def test_driver_errors_become_plain_sentences_and_the_text_goes_to_the_log(error, cls, caplog):
    with caplog.at_level(logging.WARNING, logger="orgnet.graph"):
        wrapped = wrap_driver_error(error)
    assert isinstance(wrapped, cls)
    original = str(getattr(error, "message", None) or error)
    assert original not in wrapped.detail and "Neo." not in wrapped.detail and "10.0.0.7" not in wrapped.detail
    assert wrapped.detail.endswith(".") and wrapped.detail[0].isupper()
    assert original in caplog.text


def test_a_transient_error_still_says_so_for_the_loaders_retry():
    """orgnet.graph.loader retries a batch when the detail names a TransientError (a deadlock)."""
    e = TransientError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected", message="lock held by tx 17")
    wrapped = wrap_driver_error(e)
    assert isinstance(wrapped, DatabaseError) and "TransientError" in wrapped.detail and "tx 17" not in wrapped.detail
