"""A query body read as text: the ``$names`` it uses, and the check that it projects no personal
property into a column its header does not declare.  Textual (regular expressions over the body
with its literals and comments removed): the harvest test is the run-time backstop."""

from __future__ import annotations

import re

from orgnet.errors import QueryFileError

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
"""A Cypher identifier (unquoted)."""


def strip_literals_and_comments(body: str) -> str:
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
    return set(re.findall(rf"\$({IDENT})", strip_literals_and_comments(body)))


_LABELLED_VARIABLE = re.compile(rf"\(\s*({IDENT})\s*:\s*({IDENT}(?:\s*[:&|]\s*{IDENT})*)")


_MAP_PROJECTION = re.compile(rf"\b({IDENT})\s*\{{([^{{}}]*)\}}")


_AS_ALIAS = re.compile(rf"^\s+AS\s+({IDENT})\b", re.I)


_MAP_KEY_BEFORE = re.compile(rf"({IDENT})\s*:\s*$")


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
    orgnet.errors.QueryFileError: q.cypher: the body reads h.name (personal data) into 'who'; declare it in '// personal:' (a column, or column.key for a key inside a map), or return the whole node
    """
    from orgnet.graph.privacy import NODE_PROPERTIES

    text = strip_literals_and_comments(body)
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
        for prop in re.findall(rf"(?:^|,)\s*\.({IDENT}|\*)", m.group(2)):
            if hidden and (prop == "*" or prop in hidden):
                check_into_column(f"{var} {{.{prop}}}", m.end(), None if prop == "*" else prop)
    for m in re.finditer(rf"\bproperties\s*\(\s*({IDENT})\s*\)", text):
        if personal_props(m.group(1)):
            check_into_column(m.group(0), m.end(), None)
    for m in re.finditer(rf"(?<![\w.])({IDENT})\.({IDENT})\b", text):  # x.name
        var, prop = m.groups()
        if prop in personal_props(var):
            check_into_column(m.group(0), m.end(), prop)
