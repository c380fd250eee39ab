"""身份证号 (resident identity card numbers) in a roster: used only to match a row to a member.

The number is read and checked here (18 characters, the GB 11643 check digit), turned at once into
an HMAC-SHA256 under the server's key (``ID_NUMBER_SECRET``), and only that hash is kept: on the
row while the import runs, and on the member as ``id_number_hmac`` once written.  The number is
never stored, never shown in a dry run or an error workbook, never exported; a member's hash is
read only to match (:func:`match`), never answered by any route.

>>> normal("11010519491231002x")
'11010519491231002X'
>>> normal("１１０１０５１９４９１２３１００２Ｘ")
'11010519491231002X'
>>> normal("110105194912310021")
Traceback (most recent call last):
...
orgnet.sheets.values.Bad: 身份证号校验位不正确 / the check digit of the identity card number is wrong
>>> len(keyed(b"k", "11010519491231002X")), keyed(b"k", "11010519491231002X") == keyed(b"other", "11010519491231002X")
(64, False)
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from orgnet.graph.db import Graph
from orgnet.sheets.values import Bad, nfkc

FIELD = "id_number"  # the column's field: never a field of the bundle
PROPERTY = "id_number_hmac"  # what a PartyMember keeps
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"\d{17}[\dX]")
HIDDEN = "(已隐藏 / hidden)"  # what a refusal shows for the number


def normal(value: Any) -> str:
    """The number as 18 characters (full-width and a lower-case x read), or :class:`Bad`."""
    text = nfkc(value).replace(" ", "").upper()
    if not _SHAPE.fullmatch(text):
        raise Bad("身份证号应为18位(最后一位可为X)", "an identity card number has 18 characters (the last may be X)")
    if _CHECK[sum(int(d) * w for d, w in zip(text, _WEIGHTS, strict=False)) % 11] != text[-1]:
        raise Bad("身份证号校验位不正确", "the check digit of the identity card number is wrong")
    return text


def keyed(key: bytes, number: str) -> str:
    """The HMAC-SHA256 of the (normal) number under ``key``, in hex."""
    return hmac.new(key, number.encode("ascii"), hashlib.sha256).hexdigest()


MATCH = f"""
UNWIND $hashes AS h
OPTIONAL MATCH (m:PartyMember {{{PROPERTY}: h}})
WITH h, m ORDER BY m.id
RETURN h, [x IN collect(m.id) WHERE x IS NOT NULL] AS ids
"""
STORE = f"UNWIND $rows AS row MATCH (m:PartyMember {{id: row.id}}) SET m.{PROPERTY} = row.hash"


def match(graph: Graph, hashes: list[str]) -> dict[str, list[str]]:
    """The ids of the members holding each hash (usually none or one)."""
    if not hashes:
        return {}
    return {r["h"]: list(r["ids"]) for r in graph.read(MATCH, {"hashes": sorted(set(hashes))})}


def stored(graph: Graph, ids: list[str]) -> dict[str, str | None]:
    """The hash each member holds now (``None``: none)."""
    if not ids:
        return {}
    rows = graph.read(f"UNWIND $ids AS id MATCH (m:PartyMember {{id: id}}) RETURN id, m.{PROPERTY} AS h", {"ids": sorted(set(ids))})
    return {r["id"]: r["h"] for r in rows}
