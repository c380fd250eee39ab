"""Values from Neo4j results as the API's JSON carries them: nodes, relationships and paths as
dicts of their own types (privacy rules are per label and type), temporal and spatial values as
their Python or ISO forms.  :mod:`orgnet.graph.db` converts every row it returns with
:func:`record_to_native`."""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time


class NodeValue(dict):
    """A node from a result, as JSON: ``{"element_id", "labels", "properties"}``.

    A ``dict`` (so it serialises as is) of its own type, so that :mod:`orgnet.graph.privacy`
    knows it is a node and which labels decide what each role may see of it.
    """

    @property
    def labels(self) -> list[str]:
        return self["labels"]

    @property
    def properties(self) -> dict[str, Any]:
        return self["properties"]


class RelationshipValue(dict):
    """A relationship from a result, as JSON: ``{"element_id", "type", "start", "end", "properties"}``;
    ``start`` and ``end`` are the element ids of its nodes (those of the nodes in the same result)."""

    @property
    def type(self) -> str:
        return self["type"]

    @property
    def properties(self) -> dict[str, Any]:
        return self["properties"]


class PathValue(dict):
    """A path from a result, as JSON: ``{"nodes": [...], "relationships": [...]}`` in path order."""

    @property
    def nodes(self) -> list[NodeValue]:
        return self["nodes"]

    @property
    def relationships(self) -> list[RelationshipValue]:
        return self["relationships"]


def _node(n: neo4j.graph.Node) -> NodeValue:
    return NodeValue(element_id=n.element_id, labels=sorted(n.labels), properties={k: to_native(v) for k, v in n.items()})


def _relationship(r: neo4j.graph.Relationship) -> RelationshipValue:
    return RelationshipValue(
        element_id=r.element_id,
        type=r.type,
        start=r.start_node.element_id if r.start_node is not None else None,
        end=r.end_node.element_id if r.end_node is not None else None,
        properties={k: to_native(v) for k, v in r.items()},
    )


_PLAIN = frozenset({str, int, bool, type(None)})


def to_native(value: Any) -> Any:
    """Any value Neo4j returns, as a value the API's JSON encoder serialises; recursive.

    Temporal values become :mod:`datetime` ones (ISO 8601 in JSON), a ``Duration`` its ISO 8601
    string (months do not fit a ``timedelta``), a point ``{"srid", "x", "y"[, "z"]}``, bytes
    base64, a float that JSON cannot carry (NaN, ±infinity) ``None``.  Nodes, relationships and
    paths become :class:`NodeValue`, :class:`RelationshipValue` and :class:`PathValue`, never an
    anonymous dict of properties: privacy rules are per label and type.

    >>> to_native([neo4j.time.Date(2020, 3, 31), {"d": neo4j.time.Duration(days=3)}, float("nan"), b"orgnet"])
    [datetime.date(2020, 3, 31), {'d': 'P3D'}, None, 'b3JnbmV0']
    >>> to_native(neo4j.spatial.WGS84Point((117.2, 34.3)))
    {'srid': 4326, 'x': 117.2, 'y': 34.3}
    """
    kind = type(value)  # the common kinds first, by exact type: gap pages convert thousands of values per request
    if kind in _PLAIN:
        return value
    if kind is list:
        return [to_native(v) for v in value]
    if kind is dict:
        return {k: to_native(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, neo4j.graph.Node):
        return _node(value)
    if isinstance(value, neo4j.graph.Relationship):
        return _relationship(value)
    if isinstance(value, neo4j.graph.Path):
        return PathValue(nodes=[_node(n) for n in value.nodes], relationships=[_relationship(r) for r in value.relationships])
    if isinstance(value, neo4j.time.Duration):  # before tuple: a Duration is one
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):  # before tuple: a Point is one
        return {"srid": value.srid, **dict(zip("xyz", (to_native(c) for c in value), strict=False))}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [to_native(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_native(v) for k, v in value.items()}
    return value


def record_to_native(record: neo4j.Record) -> dict[str, Any]:
    """One result row: column → :func:`to_native` value.  (``Record.data()`` would turn nodes
    into bare property dicts and relationships into (start props, type, end props) tuples.)"""
    return {k: to_native(v) for k, v in record.items()}
