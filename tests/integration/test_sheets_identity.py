"""Matching a roster row by its 身份证号 against the real Neo4j (issue 23): the number finds its member
through the keyed hash only, ambiguity is refused with the candidates' ids, and the number is
stored, shown and exported nowhere."""

from __future__ import annotations

import io

import openpyxl

from orgnet.sheets import identity

from .test_sheets_import import _changes, _post, graph2  # noqa: F401 - the fixture
from .test_writes import CITY_PLANNER, client_as

HEADER = "党员编号,姓名,所在党组织编号,居住村(社区)编号,身份证号\n"


def number(serial: int) -> str:
    """A valid 18-character number (GB 11643 check digit) for a test person."""
    body = f"32032119800101{serial:03d}"
    return body + identity._CHECK[sum(int(d) * w for d, w in zip(body, identity._WEIGHTS, strict=True)) % 11]


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


def _anywhere(graph, text: str) -> int:
    """Nodes and relationships holding ``text`` in any property."""
    holds = "any(k IN keys(x) WHERE CASE WHEN x[k] IS :: LIST<ANY> THEN any(v IN x[k] WHERE toStringOrNull(v) CONTAINS $t) ELSE toStringOrNull(x[k]) CONTAINS $t END)"
    nodes = graph.read(f"MATCH (x) WHERE {holds} RETURN count(x) AS n", {"t": text})[0]["n"]
    return nodes + graph.read(f"MATCH ()-[x]->() WHERE {holds} RETURN count(x) AS n", {"t": text})[0]["n"]


def test_a_number_matches_its_member_is_kept_only_as_a_keyed_hash_and_shown_nowhere(graph2, settings):  # noqa: F811
    first, second = number(1), number(2)
    key = settings.effective_id_number_secret()
    with client_as(graph2, settings, CITY_PLANNER) as city:
        done = _post(city, "党员.csv", _csv(f"m-2,周一,po-2,X-1-1-1,{first}", f",新人,po-2,X-1-1-2,{second}"), commit="true")
        assert done.status_code == 200, done.text
        assert done.json()["written"] == {"party_members": 2}
        assert first not in done.text and second not in done.text
        stored = {r["id"]: r["h"] for r in graph2.read("MATCH (m:PartyMember) WHERE m.id_number_hmac IS NOT NULL RETURN m.id AS id, m.id_number_hmac AS h")}
        new_id = next(i for i in stored if i != "m-2")
        assert stored == {"m-2": identity.keyed(key, first), new_id: identity.keyed(key, second)}
        assert _anywhere(graph2, first) == _anywhere(graph2, second) == 0  # the number itself: nowhere, the change record included

        # the same person, no id, another name (a typo fixed) and village: found by the number alone
        body = _post(city, "党员.csv", _csv(f",周壹,po-2,X-1-1-2,{first}")).json()
        assert body["sections"]["party_members"] == {"added": 0, "changed": 1, "unchanged": 0, "refused": 0}, body
        # a number given again with an unchanged row: unchanged; the same roster twice changes nothing
        again = _post(city, "党员.csv", _csv(f"m-2,周一,po-2,X-1-1-1,{first}")).json()
        assert again["sections"]["party_members"]["unchanged"] == 1

        # the number of one member on another's id: refused, naming the holder, the number hidden
        clash = _post(city, "党员.csv", _csv(f"m-1,李四,po-2,X-1-1-1,{first}")).json()
        (refused,) = clash["refused"]
        assert refused["cell"] == "党员!E2" and "m-2" in refused["reason"] and refused["value"] == identity.HIDDEN
        # two rows of one file with one number for two people: the second refused
        twice = _post(city, "党员.csv", _csv(f",甲,po-2,X-1-1-1,{number(3)}", f",乙,po-2,X-1-1-2,{number(3)}")).json()
        assert [r["cell"] for r in twice["refused"]] == ["党员!E3"]

        # a number two members hold (two records of one person): refused with both candidates' ids
        graph2.write("MATCH (m:PartyMember {id: 'm-1'}) SET m.id_number_hmac = $h", {"h": identity.keyed(key, first)})
        before = _changes(graph2)
        ambiguous = _post(city, "党员.csv", _csv(f",周一,po-2,X-1-1-1,{first}"), commit="true").json()
        (refused,) = ambiguous["refused"]
        assert "m-1, m-2" in refused["reason"] and "m-1、m-2" in refused["reason_zh"], refused
        assert ambiguous["written"] == {} and _changes(graph2) == before

        # never shown: not in a record's answer, nor in the export a planner edits
        record = city.get("/v1/records/party_members/m-2")
        assert record.status_code == 200 and "id_number" not in record.text, record.text
        export = city.get("/v1/templates/party_members.xlsx", params={"region": "X-1", "filled": "true"})
        cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(export.content))["党员"].iter_rows(min_row=3) for c in row]
        assert "m-2" in cells and not {stored["m-2"], first} & set(map(str, cells))
