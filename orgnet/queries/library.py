"""The named query library: one Cypher query per ``.cypher`` file, namespaced by folder.

A query file is what a graph explorer pastes into Neo4j Browser, and what the API runs::

    // name: unlinked_households
    // title: Households with no active link
    // description: Households under the region that no party member links on the day.
    //   Continuation lines start with "//" and at least two spaces.
    // param region: string = "320300" -- Region whose subtree is searched
    // param as_of: date = null -- Day the links must be active on (null: today)
    // returns: id, name
    :params {region: "320300", as_of: null};
    MATCH ...

Header keys (anything else is refused): ``name`` (must equal the file name), ``title``,
``description``, ``param`` (one per parameter: ``<name>: <type> = <JSON default> -- <doc>``),
``returns`` (the columns, comma separated) and, optionally, ``personal`` (returned columns, or
``column.key`` inside maps, holding personal data: the API nulls them for viewers; the loader
refuses a body that projects a personal property into an undeclared column).  Types: ``string``,
``date`` (``YYYY-MM-DD``, sent as a string; queries call ``date($x)``), ``int[<min>..<max>]``,
``float[<min>..<max>]`` (inclusive bounds, required), ``bool``, ``list<string>``.  A
``null`` default makes the parameter nullable.  After the header comes the ``:params {...};``
line with exactly the defaults (Browser syntax; the loader says which line it expects), then
the body.  The loader refuses a file whose declared parameters differ from the ``$names``
its body uses.

>>> q = parse_query_file('''// name: demo
... // title: Demo
... // description: Count regions at a level.
... // param level: string = "town" -- Level to count
... // returns: n
... :params {level: "town"};
... MATCH (r:Region {level: $level}) RETURN count(r) AS n
... ''', namespace="examples")
>>> q.key, [p.name for p in q.params], q.returns
('examples/demo', ['level'], ['n'])
>>> q.bind({"level": "village"})
{'level': 'village'}
>>> q.bind({"levle": "x"})
Traceback (most recent call last):
...
orgnet.errors.InvalidInput: Invalid parameters for query examples/demo.

It is over 400 lines because the file format, typed parameters, the personal-data check and running a query are one loader, shared by Browser users and the API.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import neo4j

from orgnet.errors import InvalidInput, NotFound, OrgnetError
from orgnet.graph.db import Graph, record_to_native

HEADER_KEYS = ("name", "title", "description", "param", "returns", "personal")
PARAM_TYPES = ("string", "date", "int", "float", "bool", "list<string>")
MAX_STRING = 1000
MAX_LIST = 10_000
_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_PARAM_LINE = re.compile(rf"^({_IDENT})\s*:\s*(\S+)\s*=\s*(.+?)\s+--\s+(.+)$")
_KEY_LINE = re.compile(r"^//\s?([a-z_]+)(:|\s)\s*(.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(\S.*)$")


class QueryFileError(OrgnetError):
    """A query file breaks the header rules; the message names file and line."""

    title = "Invalid query file"


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_BOUNDED_TYPE = re.compile(rf"^(int|float)\[({_NUMBER})\.\.({_NUMBER})\]$")


@dataclass(frozen=True)
class Param:
    """One declared parameter: name, type, default (``None``: nullable), documentation and, for
    ``int`` and ``float``, the inclusive bounds (``int[1..500]`` in a header; a ``Param`` made
    in code without them gets the 64-bit range, or any finite number)."""

    name: str
    type: str
    default: Any
    doc: str
    minimum: int | float | None = None
    maximum: int | float | None = None
    spelling: str | None = field(default=None, compare=False, repr=False)  # the type as the header wrote it

    @property
    def nullable(self) -> bool:
        return self.default is None

    @property
    def declared_type(self) -> str:
        """The type as a header writes it.

        >>> Param("limit", "int", 50, "", 1, 500).declared_type, Param("x", "string", "", "").declared_type
        ('int[1..500]', 'string')
        """
        if self.spelling:
            return self.spelling
        if self.minimum is None and self.maximum is None:
            return self.type
        return f"{self.type}[{_bound_text(self.minimum)}..{_bound_text(self.maximum)}]"

    def _check_bounds(self, value: int | float) -> None:
        low = self.minimum if self.minimum is not None else (INT64_MIN if self.type == "int" else None)
        high = self.maximum if self.maximum is not None else (INT64_MAX if self.type == "int" else None)
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"must be between {_bound_text(low)} and {_bound_text(high)}")

    def coerce(self, value: Any) -> Any:
        """Check ``value`` against the type; return what is sent to Neo4j (dates as ISO strings).

        >>> Param("d", "date", None, "").coerce("2020-03-31")
        '2020-03-31'
        >>> Param("n", "float", 1.0, "").coerce(2)
        2.0
        >>> Param("n", "int", 1, "").coerce(True)
        Traceback (most recent call last):
        ...
        ValueError: expected an integer
        >>> Param("n", "int", 1, "", 1, 500).coerce(-1)
        Traceback (most recent call last):
        ...
        ValueError: must be between 1 and 500
        >>> Param("n", "int", 1, "").coerce(2**63)
        Traceback (most recent call last):
        ...
        ValueError: must be between -9223372036854775808 and 9223372036854775807
        >>> Param("n", "float", 1.0, "").coerce(float("inf"))
        Traceback (most recent call last):
        ...
        ValueError: expected a finite number
        """
        if value is None:
            if self.nullable:
                return None
            raise ValueError("must not be null")
        t = self.type
        if t == "string":
            if not isinstance(value, str):
                raise ValueError("expected a string")
            if len(value) > MAX_STRING:
                raise ValueError(f"longer than {MAX_STRING} characters")
            return value
        if t == "date":
            if isinstance(value, dt.date):
                return value.isoformat()
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("expected a date YYYY-MM-DD")
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                raise ValueError("expected a date YYYY-MM-DD") from None
        if t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("expected an integer")
            self._check_bounds(value)
            return value
        if t == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("expected a number")
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float
                raise ValueError("expected a finite number") from None
            if not math.isfinite(number):
                raise ValueError("expected a finite number")
            self._check_bounds(number)
            return number
        if t == "bool":
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            return value
        if t == "list<string>":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError("expected a list of strings")
            if len(value) > MAX_LIST:
                raise ValueError(f"more than {MAX_LIST} items")
            if any(len(v) > MAX_STRING for v in value):
                raise ValueError(f"an item is longer than {MAX_STRING} characters")
            return list(value)
        raise ValueError(f"unknown type {t}")  # pragma: no cover - refused by the loader

    def as_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "type": self.type, "default": self.default, "nullable": self.nullable, "doc": self.doc}
        if self.type in ("int", "float"):
            out |= {"minimum": self.minimum, "maximum": self.maximum}
        return out


def _bound_text(x: int | float | None) -> str:
    """A bound as a header can write it: ``1``, ``0.5``, ``1000000000000000``."""
    if x is None:
        return ""
    return str(int(x)) if isinstance(x, int) or x.is_integer() else repr(x)


def parse_param_type(text: str) -> tuple[str, int | float | None, int | float | None]:
    """``"int[1..500]"`` → ``("int", 1, 500)``; raise ``ValueError`` saying what is wrong.

    >>> parse_param_type("float[0..1e15]"), parse_param_type("string")
    (('float', 0.0, 1000000000000000.0), ('string', None, None))
    >>> parse_param_type("int")
    Traceback (most recent call last):
    ...
    ValueError: an int parameter needs bounds: write int[<min>..<max>]
    """
    m = _BOUNDED_TYPE.match(text)
    if m:
        kind, low_text, high_text = m.groups()
        if kind == "int":
            if not re.fullmatch(r"-?\d+", low_text) or not re.fullmatch(r"-?\d+", high_text):
                raise ValueError("int bounds are whole numbers")
            low, high = int(low_text), int(high_text)
            if low < INT64_MIN or high > INT64_MAX:
                raise ValueError("int bounds must fit 64 bits")
        else:
            low, high = float(low_text), float(high_text)
            if not (math.isfinite(low) and math.isfinite(high)):
                raise ValueError("float bounds must be finite")
        if low > high:
            raise ValueError(f"the lower bound {low_text} is above the upper bound {high_text}")
        return kind, low, high
    if text in ("int", "float"):
        raise ValueError(f"an {text} parameter needs bounds: write {text}[<min>..<max>]")
    if text not in PARAM_TYPES:
        raise ValueError(f"unknown type {text!r} (allowed: {', '.join(PARAM_TYPES)}; int and float with bounds, e.g. int[1..500])")
    return text, None, None


@dataclass(frozen=True)
class Query:
    """One parsed query file."""

    namespace: str
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    returns: list[str]
    params_line: str
    body: str
    text: str = field(repr=False)
    personal: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.namespace}/{self.name}"

    @property
    def param_names(self) -> list[str]:
        return [p.name for p in self.params]

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def bind(self, values: Mapping[str, Any] | None = None, *, strict: bool = True) -> dict[str, Any]:
        """Declared parameters with defaults filled in and every value type-checked.

        ``strict``: unknown names are an error (the API); otherwise they are ignored (internal
        callers pass one dictionary of policy and request values to many queries).
        """
        values = dict(values or {})
        declared = {p.name: p for p in self.params}
        errors = []
        if strict:
            errors += [{"field": k, "reason": "not a parameter of this query"} for k in sorted(values) if k not in declared]
        out: dict[str, Any] = {}
        for name, p in declared.items():
            try:
                out[name] = p.coerce(values[name]) if name in values else p.default
            except ValueError as e:
                errors.append({"field": name, "reason": f"{e} ({p.declared_type})"})
        if errors:
            raise InvalidInput(f"Invalid parameters for query {self.key}.", errors=errors)
        return out

    def metadata(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "params": [p.as_dict() for p in self.params],
            "returns": self.returns,
            "personal": list(self.personal),
        }

    def redact(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` with the ``personal`` columns (or ``column.key`` inside maps and lists of maps) set to null.

        >>> q = parse_query_file('// name: x\\n// title: X\\n// description: d\\n// returns: id, name, c\\n'
        ...     '// personal: name, c.who\\n:params {};\\nRETURN 1 AS id, "n" AS name, [{who: "w"}] AS c', namespace="t")
        >>> q.redact([{"id": 1, "name": "n", "c": [{"who": "w", "k": 2}]}])
        [{'id': 1, 'name': None, 'c': [{'who': None, 'k': 2}]}]
        """
        if not self.personal:
            return rows
        out = []
        for row in rows:
            row = dict(row)
            for path in self.personal:
                col, _, key = path.partition(".")
                if col not in row:
                    continue
                if not key:
                    row[col] = None
                elif isinstance(row[col], dict):
                    row[col] = {**row[col], key: None} if key in row[col] else row[col]
                elif isinstance(row[col], list):
                    row[col] = [{**v, key: None} if isinstance(v, dict) and key in v else v for v in row[col]]
            out.append(row)
        return out


def params_line_for(params: tuple[Param, ...] | list[Param]) -> str:
    """The Browser ``:params`` line holding ``params``' defaults.

    >>> params_line_for([Param("a", "int", 1, ""), Param("b", "list<string>", ["x"], "")])
    ':params {a: 1, b: ["x"]};'
    """
    inner = ", ".join(f"{p.name}: {json.dumps(p.default, ensure_ascii=False)}" for p in params)
    return f":params {{{inner}}};"


def _strip_literals_and_comments(body: str) -> str:
    """Body without string literals and comments, so ``$x`` inside them is not a parameter."""
    out = re.sub(r'"(?:\\.|[^"\\])*"', '""', body)
    out = re.sub(r"'(?:\\.|[^'\\])*'", "''", out)
    out = re.sub(r"//[^\n]*", "", out)
    return re.sub(r"/\*.*?\*/", "", out, flags=re.S)


def used_params(body: str) -> set[str]:
    """``$names`` the body uses.

    >>> sorted(used_params("MATCH (n {id: $id}) WHERE n.x = '$not' RETURN $limit // $no"))
    ['id', 'limit']
    """
    return set(re.findall(rf"\$({_IDENT})", _strip_literals_and_comments(body)))


def _type_check_default(p: Param, where: str) -> None:
    try:
        coerced = p.coerce(p.default)
    except ValueError as e:
        raise QueryFileError(f"{where}: default of parameter {p.name!r} does not fit {p.type}: {e}") from None
    if p.type == "float" and p.default is not None and not isinstance(p.default, float):
        raise QueryFileError(f"{where}: default of float parameter {p.name!r} must be written as a float ({coerced})")


_LABELLED_VARIABLE = re.compile(rf"\(\s*({_IDENT})\s*:\s*({_IDENT}(?:\s*[:&|]\s*{_IDENT})*)")
_MAP_PROJECTION = re.compile(rf"\b({_IDENT})\s*\{{([^{{}}]*)\}}")
_AS_ALIAS = re.compile(rf"^\s+AS\s+({_IDENT})\b", re.I)
_MAP_KEY_BEFORE = re.compile(rf"({_IDENT})\s*:\s*$")


def _variable_labels(body: str) -> dict[str, list[set[str]]]:
    """Variable → the label sets of every node pattern that binds it with labels."""
    out: dict[str, list[set[str]]] = {}
    for var, labels in _LABELLED_VARIABLE.findall(body):
        out.setdefault(var, []).append(set(re.split(r"\s*[:&|]\s*", labels)))
    return out


def check_personal_projections(body: str, personal: tuple[str, ...], where: str) -> None:
    """Refuse a body that projects a personal property into a column the header does not declare.

    Projected values carry no label at run time, so the API cannot tell a member's name from a
    region's: the header's ``personal`` list is what nulls them.  This check keeps that list
    honest.  A read of a property that the privacy table marks personal on a label the variable
    is bound to (``(h:Household)`` … ``h.name``, ``h {.name}``, ``h {.*}``, ``properties(h)``) is
    allowed only straight into a declared column: ``h.name AS col`` with ``col`` declared,
    ``key: h.name`` inside a map with some ``col.key`` declared, ``h {.., .name} AS col`` with
    ``col`` or ``col.name`` declared.  Anything else (an intermediate alias, a function around
    the read, a read in ``WHERE``) is refused: write it as a plain projection and declare it.
    Whole nodes, relationships and paths need nothing: the API redacts them by label.

    The check is textual: a variable the body binds without a label (an alias, a map from
    ``UNWIND``) is not followed; the harvest test (every query, every role, on the seed) is the
    run-time backstop for those.

    >>> check_personal_projections("MATCH (h:Household) RETURN h.name AS name", ("name",), "x")
    >>> check_personal_projections("MATCH (r:Region) RETURN r.name AS name, r {.name} AS region", (), "x")
    >>> check_personal_projections("MATCH (h:Household) RETURN h.name AS who", (), "q.cypher")
    Traceback (most recent call last):
    ...
    orgnet.queries.library.QueryFileError: q.cypher: the body reads h.name (personal data) into 'who'; declare it in '// personal:' (a column, or column.key for a key inside a map), or return the whole node
    """
    from orgnet.graph.privacy import NODE_PROPERTIES

    text = _strip_literals_and_comments(body)
    bindings = _variable_labels(text)
    columns = {c for c in personal if "." not in c}
    keys = {c.split(".", 1)[1] for c in personal if "." in c}

    def personal_props(var: str) -> set[str]:
        return {
            prop for labels in bindings.get(var, []) for label in labels for prop, audience in NODE_PROPERTIES.get(label, {}).items() if audience == "personal"
        }

    def refuse(read: str, alias: str | None, key: str | None = None) -> None:
        target = f"'{alias}'" if alias else f"map key '{key}'" if key else "an expression"
        raise QueryFileError(
            f"{where}: the body reads {read} (personal data) into {target}; declare it in '// personal:' "
            "(a column, or column.key for a key inside a map), or return the whole node"
        )

    def alias_after(end: int) -> str | None:
        m = _AS_ALIAS.match(text[end:])
        return m.group(1) if m else None

    def check_into_column(read: str, end: int, prop: str | None) -> None:
        alias = alias_after(end)
        if alias is not None and (alias in columns or (prop is not None and f"{alias}.{prop}" in personal)):
            return
        if alias is None and prop is not None:
            key = _MAP_KEY_BEFORE.search(text[: end - len(read)])
            if key is not None and key.group(1) in keys:
                return
            refuse(read, None, key.group(1) if key else None)
        refuse(read, alias)

    for m in _MAP_PROJECTION.finditer(text):  # x {.a, .name} and x {.*}
        var, hidden = m.group(1), personal_props(m.group(1))
        for prop in re.findall(rf"(?:^|,)\s*\.({_IDENT}|\*)", m.group(2)):
            if hidden and (prop == "*" or prop in hidden):
                check_into_column(f"{var} {{.{prop}}}", m.end(), None if prop == "*" else prop)
    for m in re.finditer(rf"\bproperties\s*\(\s*({_IDENT})\s*\)", text):
        if personal_props(m.group(1)):
            check_into_column(m.group(0), m.end(), None)
    for m in re.finditer(rf"(?<![\w.])({_IDENT})\.({_IDENT})\b", text):  # x.name
        var, prop = m.groups()
        if prop in personal_props(var):
            check_into_column(m.group(0), m.end(), prop)


def parse_query_file(text: str, *, namespace: str, filename: str | None = None) -> Query:
    """Parse and validate one query file; raise :class:`QueryFileError` naming file and line."""
    where_file = filename or f"{namespace}/?"
    lines = text.splitlines()
    header: dict[str, Any] = {"param": [], "description": []}
    last_key: str | None = None
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        line = lines[i].rstrip()
        where = f"{where_file}:{i + 1}"
        i += 1
        if not line.strip() or line.strip() == "//":
            continue
        cont = _CONTINUATION.match(line)
        if cont and last_key in ("description", "title"):
            if last_key == "description":
                header["description"].append(cont.group(1).strip())
            else:
                header["title"] += " " + cont.group(1).strip()
            continue
        m = _KEY_LINE.match(line)
        if not m:
            raise QueryFileError(f"{where}: not a header line ('// key: value'): {line!r}")
        key, sep, value = m.group(1), m.group(2), m.group(3).strip()
        if key not in HEADER_KEYS:
            raise QueryFileError(f"{where}: unknown header key {key!r} (allowed: {', '.join(HEADER_KEYS)})")
        if (key == "param") != (sep != ":"):
            raise QueryFileError(f"{where}: write '// param <name>: ...' for a parameter and '// {key}: ...' otherwise")
        last_key = key
        if key == "param":
            pm = _PARAM_LINE.match(value)
            if not pm:
                raise QueryFileError(f"{where}: a param line reads '<name>: <type> = <JSON default> -- <doc>'")
            pname, ptype_text, pdefault, pdoc = pm.groups()
            try:
                ptype, low, high = parse_param_type(ptype_text)
            except ValueError as e:
                raise QueryFileError(f"{where}: parameter {pname!r}: {e}") from None
            try:
                default = json.loads(pdefault)
            except json.JSONDecodeError:
                raise QueryFileError(f"{where}: default of {pname!r} is not JSON: {pdefault}") from None
            p = Param(pname, ptype, default, pdoc.strip(), low, high, ptype_text)
            _type_check_default(p, where)
            if any(q.name == pname for q in header["param"]):
                raise QueryFileError(f"{where}: parameter {pname!r} declared twice")
            header["param"].append(p)
        elif key == "description":
            header["description"].append(value)
        else:
            if key in header:
                raise QueryFileError(f"{where}: header key {key!r} given twice")
            header[key] = value
    for key in ("name", "title", "returns"):
        if not header.get(key):
            raise QueryFileError(f"{where_file}: the header has no {key!r}")
    if not header["description"]:
        raise QueryFileError(f"{where_file}: the header has no 'description'")
    if not re.fullmatch(_IDENT, header["name"]):
        raise QueryFileError(f"{where_file}: name {header['name']!r} is not an identifier")
    if filename is not None and filename.rsplit("/", 1)[-1] != f"{header['name']}.cypher":
        raise QueryFileError(f"{where_file}: name {header['name']!r} differs from the file name")
    returns = [c.strip() for c in header["returns"].split(",")]
    personal = tuple(c.strip() for c in header.get("personal", "").split(",") if c.strip())
    for path in personal:
        if path.split(".")[0] not in returns or not re.fullmatch(rf"{_IDENT}(\.{_IDENT})?", path):
            raise QueryFileError(f"{where_file}: 'personal' lists {path!r}, which is not a returned column (or column.key)")
    if not all(re.fullmatch(_IDENT, c) for c in returns) or len(set(returns)) != len(returns):
        raise QueryFileError(f"{where_file}: 'returns' must list distinct column names")
    params = tuple(header["param"])

    # the :params line, then the body
    while i < len(lines) and not lines[i].strip():
        i += 1
    expected = params_line_for(params)
    if i >= len(lines) or not lines[i].startswith(":params"):
        raise QueryFileError(f"{where_file}:{i + 1}: missing the ':params' line after the header; expected:\n{expected}")
    if lines[i].strip() != expected:
        raise QueryFileError(f"{where_file}:{i + 1}: the ':params' line must hold exactly the declared defaults; expected:\n{expected}")
    params_line = lines[i].strip()
    body = "\n".join(lines[i + 1 :]).strip()
    if body.endswith(";"):
        body = body[:-1].rstrip()
    if not body:
        raise QueryFileError(f"{where_file}: the query has no body")
    if ";" in _strip_literals_and_comments(body):
        raise QueryFileError(f"{where_file}: one query per file (found ';' inside the body)")
    used = used_params(body)
    declared = set(p.name for p in params)
    if used != declared:
        parts = []
        if used - declared:
            parts.append(f"used but not declared: {sorted(used - declared)}")
        if declared - used:
            parts.append(f"declared but not used: {sorted(declared - used)}")
        raise QueryFileError(f"{where_file}: parameters differ from the body ({'; '.join(parts)})")
    check_personal_projections(body, personal, where_file)
    return Query(
        namespace=namespace,
        name=header["name"],
        title=header["title"],
        description=" ".join(header["description"]),
        params=params,
        returns=returns,
        params_line=params_line,
        body=body,
        text=text,
        personal=personal,
    )


class Library:
    """All query files, by ``namespace/name``."""

    def __init__(self, queries: list[Query]) -> None:
        self._by_key: dict[str, Query] = {}
        for q in queries:
            if q.key in self._by_key:
                raise QueryFileError(f"duplicate query name {q.key}")
            self._by_key[q.key] = q

    def __iter__(self):
        return iter(sorted(self._by_key.values(), key=lambda q: q.key))

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def get(self, key: str) -> Query:
        try:
            return self._by_key[key]
        except KeyError:
            raise NotFound(f"No query {key!r} in the library.") from None

    def namespaces(self) -> list[str]:
        return sorted({q.namespace for q in self._by_key.values()})


def read_library(root: Any = None) -> Library:
    """Parse every ``<namespace>/<name>.cypher`` under ``root`` (default: this package)."""
    base = root if root is not None else resources.files("orgnet.queries")
    queries = []
    for ns_dir in sorted(base.iterdir(), key=lambda p: p.name):
        if not ns_dir.is_dir() or ns_dir.name.startswith(("_", ".")):
            continue
        for f in sorted(ns_dir.iterdir(), key=lambda p: p.name):
            if f.name.endswith(".cypher"):
                queries.append(parse_query_file(f.read_text(encoding="utf-8"), namespace=ns_dir.name, filename=f"{ns_dir.name}/{f.name}"))
    return Library(queries)


@lru_cache(maxsize=1)
def library() -> Library:
    """The packaged library, parsed once per process (files are read-only package data)."""
    return read_library()


def run_query(
    graph: Graph,
    query: Query,
    values: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
    max_rows: int | None = None,
) -> tuple[list[dict[str, Any]], bool]:
    """Run ``query`` in a READ transaction with the graph's timeout.

    Returns ``(rows, truncated)``; with ``max_rows`` at most that many rows are fetched.
    """
    params = query.bind(values, strict=strict)
    if max_rows is None:
        return graph.read(query.body, params), False

    def work(tx: neo4j.Transaction) -> tuple[list[dict[str, Any]], bool]:
        result = tx.run(query.body, params)
        rows = []
        for record in result:
            if len(rows) >= max_rows:
                return rows, True
            rows.append(record_to_native(record))
        return rows, False

    return graph.read_with(work)


def run_named(graph: Graph, key: str, values: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of the library query named ``key`` (``namespace/name``) run with ``values`` (extra
    names ignored): :func:`run_query` for a caller that holds a name, not a :class:`Query`."""
    rows, _ = run_query(graph, library().get(key), values)
    return rows


README_START = "<!-- query-table:start (generated by `python -m orgnet.queries readme`; do not edit) -->"
README_END = "<!-- query-table:end -->"


def readme_table(lib: Library) -> str:
    """The generated part of ``queries/README.md``: one row per query."""
    lines = [
        "| query | title | parameters | returns |",
        "|---|---|---|---|",
    ]
    for q in lib:
        params = ", ".join(f"`{p.name}`: `{p.declared_type}`" for p in q.params) or "—"
        lines.append(f"| `{q.key}` | {q.title} | {params} | {', '.join(f'`{c}`' for c in q.returns)} |")
    return "\n".join(lines)


def render_readme(text: str, lib: Library) -> str:
    """``text`` with the section between the markers replaced by :func:`readme_table`."""
    head, sep, rest = text.partition(README_START)
    if not sep or README_END not in rest:
        raise QueryFileError("queries/README.md lacks the query-table markers")
    tail = rest.split(README_END, 1)[1]
    return f"{head}{README_START}\n{readme_table(lib)}\n{README_END}{tail}"
