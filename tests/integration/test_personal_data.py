"""Personal data never reaches callers without personal-data access, whatever shape carries it.

The harvest test does what the attacker of issue 9 did, on the demo seed: it collects every
personal value in the database (every property the privacy table marks personal), runs every
library query with parameters that hit real data as anonymous, viewer, planner and admin, and
searches every response for those values.  Anonymous and viewer responses must hold none;
planner and admin responses must hold some for every query that can show them (else the
parameters missed the data and the test proves nothing).  The other endpoints that name items
(gap pages and exports, item checks, what-if, suggestions) get the same search.
"""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.encoders import jsonable_encoder

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summary_state import policy_fingerprint
from orgnet.errors import DatabaseError
from orgnet.graph.privacy import NODE_PROPERTIES
from orgnet.queries.library import library
from orgnet.settings import get_settings

DAY = "2020-03-31"
CITY = "320300"
TOKENS = {"viewer": "viewer-token", "planner": "planner-token", "admin": "admin-token"}
ROLES = ("anonymous", "viewer", "planner", "admin")
HIDDEN_FROM = ("anonymous", "viewer")


def headers(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"} if role in TOKENS else {}


@pytest.fixture
def client(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": ",".join(f"{t}:{r}" for r, t in TOKENS.items())})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# ------------------------------------------------------------------ the personal values


class Harvest:
    """Every personal string in the database, and a search for them inside any text."""

    def __init__(self, graph) -> None:
        values: set[str] = set()
        for label, props in NODE_PROPERTIES.items():  # labels and keys from the allow-list
            for prop, audience in props.items():
                if audience == "personal":
                    rows = graph.read(f"MATCH (n:{label}) WHERE n.{prop} IS :: STRING NOT NULL RETURN DISTINCT n.{prop} AS v")
                    values |= {r["v"] for r in rows}
        # a personal value that is also public data (a person named like a town) proves nothing
        public: set[str] = set()
        for label, props in NODE_PROPERTIES.items():
            for prop, audience in props.items():
                if audience == "public" and prop == "name":
                    public |= {r["v"] for r in graph.read(f"MATCH (n:{label}) WHERE n.{prop} IS :: STRING NOT NULL RETURN DISTINCT n.{prop} AS v")}
        lengths = {len(v) for v in values}
        public_parts = {p[i : i + n] for p in public for n in lengths for i in range(len(p) - n + 1)}
        self.ambiguous = {v for v in values if len(v) < 2 or v in public_parts}
        self.values = values - self.ambiguous
        self.lengths = sorted({len(v) for v in self.values})

    def found_in(self, body: object) -> set[str]:
        """The personal values occurring in ``body`` (JSON or text), as whole strings or inside one."""
        found: set[str] = set()
        for text in _strings(body):
            if text in self.values:
                found.add(text)
            for n in self.lengths:
                if n < len(text):
                    found |= {text[i : i + n] for i in range(len(text) - n + 1)} & self.values
        return found


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.fixture
def harvest(xuzhou) -> Harvest:
    h = Harvest(xuzhou)
    assert len(h.values) > 1000 and len(h.ambiguous) < len(h.values) / 100, (len(h.values), len(h.ambiguous))
    return h


# ------------------------------------------------------------------ parameters that hit real data


def ids(graph, query: str, **params) -> list[str]:
    return [r["id"] for r in graph.read(query, params)]


def real_data(graph) -> dict[str, list]:
    """Real ids of every kind a library parameter names."""
    gaps_ids = {}
    for m in METRICS:  # uncovered items first (the gap lists name them), then covered ones
        uncovered = [r["id"] for r in library_rows(graph, m.gaps_query, region=CITY, as_of=DAY, limit=5)]
        some = ids(graph, f"MATCH (n:{m.label}) RETURN n.id AS id ORDER BY id LIMIT 5")
        gaps_ids[m.name] = uncovered + some
    return {
        "regions": [
            CITY,
            "320321",
            *ids(graph, "MATCH (t:Town) RETURN t.id AS id ORDER BY id LIMIT 1"),
            *ids(graph, "MATCH (v:Village)<-[:LOCATED_IN]-(:Household) RETURN DISTINCT v.id AS id ORDER BY id LIMIT 1"),
        ],
        "villages": ids(graph, "MATCH (v:Village)<-[:LOCATED_IN]-(:Household) RETURN DISTINCT v.id AS id ORDER BY id LIMIT 40"),
        "cadres": ids(graph, "MATCH (c:Cadre) WHERE EXISTS { (c)-[:PAIRED_WITH|SUPPORTS_FAMILY_OF]->() } RETURN c.id AS id ORDER BY id LIMIT 4"),
        "enterprises": ids(graph, "MATCH (e:Enterprise)<-[:PAIRED_WITH]-() RETURN DISTINCT e.id AS id ORDER BY id LIMIT 4"),
        "central_households": ids(
            graph, "MATCH (ch:CentralHousehold)<-[:IN_CENTRAL_HOUSEHOLD]-(m)-[:LINKS]->() RETURN DISTINCT ch.id AS id ORDER BY id LIMIT 3"
        ),
        "members": ids(graph, "MATCH (m:PartyMember)-[:LINKS|ON_TEAM]->() RETURN DISTINCT m.id AS id ORDER BY id LIMIT 20"),
        "teams": ids(graph, "MATCH (t:VolunteerTeam)-[:DEPLOYED_TO]->() RETURN t.id AS id ORDER BY id LIMIT 5"),
        "items": gaps_ids,
    }


def library_rows(graph, key: str, **values) -> list[dict]:
    from orgnet.queries.library import run_named

    return run_named(graph, key, values)


def param_sets(q, data) -> list[dict]:
    """Several parameter sets for ``q`` that reach real rows (and personal data where the query has any)."""
    names = set(q.param_names)
    base = {"as_of": DAY} if "as_of" in names else {}
    if "limit" in names:
        base["limit"] = 500
    if q.namespace == "explore":
        key = {"cadre": "cadres", "enterprise": "enterprises", "central_household": "central_households"}
        (name,) = names & set(key)
        return [{**base, name: v} for v in data[key[name]]]
    if q.namespace == "status":
        return [{**base, "ids": data["items"][q.name]}]
    if q.namespace == "timeline":
        return [{**base, "regions": data["villages"]}, {**base, "regions": data["regions"]}]
    if q.namespace == "whatif":
        return [{**base, "cadres": data["cadres"], "members": data["members"], "teams": data["teams"]}]
    if q.namespace == "summary":
        extra = {"policy": policy_fingerprint(default_policy())}
        return [{**base, **extra, "metric": m.name, "region": r} for m in METRICS for r in data["regions"][:2]]
    return [{**base, "region": r} for r in data["regions"]]


# ------------------------------------------------------------------ the harvest


def test_no_library_query_gives_personal_data_to_anonymous_or_viewer_callers(client, xuzhou, harvest):
    data = real_data(xuzhou)
    seen: dict[str, dict[str, set[str]]] = {role: {} for role in ROLES}
    requests = 0
    for q in library():
        for params in param_sets(q, data):
            counts = {}
            for role in ROLES:
                res = client.post(f"/v1/queries/{q.namespace}/{q.name}", json=params, headers=headers(role))
                requests += 1
                assert res.status_code == 200, (q.key, role, params, res.text)
                body = res.json()
                counts[role] = body["row_count"]
                seen[role].setdefault(q.key, set()).update(harvest.found_in(body))
            assert len(set(counts.values())) == 1, (q.key, counts)  # redaction hides values, never rows
    for role in HIDDEN_FROM:
        leaks = {k: sorted(v)[:3] for k, v in seen[role].items() if v}
        assert not leaks, f"{role} received personal data: {leaks}"
    # the parameters reach the personal data: planners and admins see it in every query that holds some
    holding = {q.key for q in library() if q.personal or q.namespace == "explore"}
    for role in ("planner", "admin"):
        empty = sorted(k for k in holding if not seen[role].get(k))
        assert not empty, f"{role} saw no personal value in {empty}: the parameters miss the data"
    assert requests >= 4 * len(library())


def test_no_other_endpoint_gives_personal_data_to_anonymous_or_viewer_callers(client, xuzhou, harvest):
    data = real_data(xuzhou)
    calls: list[tuple[str, str, dict | None]] = []
    for m in METRICS:
        for region in data["regions"][:2]:
            calls.append(("get", f"/v1/gaps/{m.name}?as_of={DAY}&region={region}&limit=500", None))
        calls.append(("get", f"/v1/gaps/{m.name}/export?as_of={DAY}&format=csv", None))
        for item in data["items"][m.name][:6]:
            calls.append(("get", f"/v1/coverage/{m.name}/items/{item}?as_of={DAY}", None))
        calls.append(("get", f"/v1/hotspots/{m.name}?as_of={DAY}", None))
    calls.append(("get", f"/v1/suggestions/enterprise_pairing?as_of={DAY}", None))
    calls.append(("get", f"/v1/regions/{CITY}/scorecard?as_of={DAY}", None))
    whatif = {"region": CITY, "as_of": DAY, "unavailable": {"cadres": data["cadres"], "members": data["members"], "teams": data["teams"]}}
    calls.append(("post", "/v1/whatif", whatif))
    found: dict[str, dict[str, set[str]]] = {role: {} for role in ROLES}
    for method, url, body in calls:
        for role in ROLES:
            res = client.request(method.upper(), url, json=body, headers=headers(role))
            if res.status_code == 404 and "/items/" in url:
                continue  # an id outside the metric's population on that day
            assert res.status_code == 200, (url, role, res.text[:300])
            payload = res.json() if "json" in res.headers["content-type"] else res.text
            found[role].setdefault(url.split("?")[0], set()).update(harvest.found_in(payload))
    for role in HIDDEN_FROM:
        leaks = {k: sorted(v)[:3] for k, v in found[role].items() if v}
        assert not leaks, f"{role} received personal data: {leaks}"
    assert any(found["planner"].values()), "planners saw no personal value: the check cannot fail"


# ------------------------------------------------------------------ issue 9, item 1 probes


def test_central_household_and_enterprise_pairings_probes(client, xuzhou, harvest):
    """The two requests of the issue: names inside `link` and `pairing[0]`, and in path columns."""
    for url, params in [
        ("/v1/queries/explore/central_household", {"central_household": "ch-00001"}),
        ("/v1/queries/explore/enterprise_pairings", {"enterprise": "ent-0811"}),
    ]:
        anonymous = client.post(url, json=params)
        planner = client.post(url, json=params, headers=headers("planner"))
        assert anonymous.status_code == planner.status_code == 200, anonymous.text
        assert not harvest.found_in(anonymous.json()), url
        assert harvest.found_in(planner.json()), url
        for row in anonymous.json()["rows"]:
            for value in row.values():
                if isinstance(value, dict) and "labels" in value:
                    assert "name" not in value["properties"] or value["labels"][0] not in {"Cadre", "PartyMember", "Household"}
        rels = [v for r in planner.json()["rows"] for v in r.values() if isinstance(v, dict) and "type" in v]
        assert rels and all(set(rel) == {"element_id", "type", "start", "end", "properties"} for rel in rels)
    chain = client.post("/v1/queries/explore/enterprise_pairings", json={"enterprise": "ent-0811"}).json()["rows"][0]["chain"]
    assert [n["labels"] for n in chain["nodes"]][0] == ["Enterprise"] and chain["relationships"][0]["type"] == "LOCATED_IN"


# ------------------------------------------------------------------ issue 9, item 3 probes


def test_enterprise_pairings_answers_for_every_enterprise(client, xuzhou):
    """369 of 1,500 enterprises were a 500: a `neo4j.time.Date` inside a relationship tuple."""
    enterprises = ids(xuzhou, "MATCH (e:Enterprise) RETURN e.id AS id ORDER BY id")
    assert len(enterprises) >= 1000
    failures = []
    for i, e in enumerate(enterprises):
        role = "anonymous" if i % 2 else "planner"  # both paths: redacted and whole
        res = client.post("/v1/queries/explore/enterprise_pairings", json={"enterprise": e, "as_of": DAY}, headers=headers(role))
        if res.status_code != 200:
            failures.append((e, res.status_code))
    assert not failures, failures[:5]


def test_every_int_parameter_above_64_bits_is_a_422_naming_it(client):
    checked = 0
    for q in library():
        for p in q.params:
            if p.type == "int":
                res = client.post(f"/v1/queries/{q.namespace}/{q.name}", json={p.name: 2**63})
                assert res.status_code == 422, (q.key, p.name, res.text)
                assert res.headers["content-type"].startswith("application/problem+json")
                assert [e["field"] for e in res.json()["errors"]] == [p.name]
                checked += 1
    assert checked >= 43


@pytest.mark.parametrize("value", ["-1", "0", "10001", "9223372036854775808", "1e400", "NaN", "2.5"])
def test_a_bad_limit_is_a_422_without_neo4j_text(client, value):
    """Issue 9.3: `{"limit": -1}` was a 500 quoting Neo4j's LIMIT error."""
    body = f'{{"limit": {value}}}'  # the JSON text as a client sends it
    res = client.post("/v1/queries/gaps/household_linkage", content=body, headers={"Content-Type": "application/json"})
    assert res.status_code == 422, res.text
    text = res.text
    assert "Neo." not in text and "LIMIT" not in text and "Traceback" not in text
    assert [e["field"] for e in res.json()["errors"]] == ["limit"]


def test_non_finite_and_huge_floats_are_422(client):
    for value in ("Infinity", "-Infinity", "NaN", "1e400", str(10**400)):
        res = client.post("/v1/queries/gaps/community_funding", content=f'{{"funding_standard": {value}}}', headers={"Content-Type": "application/json"})
        assert res.status_code == 422, (value, res.text)


def test_every_value_type_neo4j_returns_is_serialisable(xuzhou):
    (row,) = xuzhou.read(
        "MATCH p = (e:Enterprise)<-[:PAIRED_WITH]-(c:Cadre)-[:SERVES_IN]->(:Region) WITH p, e, c LIMIT 1 "
        "RETURN date('2020-03-31') AS date, datetime('2020-03-31T08:00:00+08:00') AS datetime, "
        "datetime('2020-03-31T08:00:00[Asia/Shanghai]') AS zoned, localdatetime('2020-03-31T08:00') AS localdatetime, "
        "time('08:00+08:00') AS time, localtime('08:00:00.123456789') AS localtime, duration('P1Y2M3DT4H') AS duration, "
        "point({x: 1, y: 2}) AS cartesian, point({longitude: 117.2, latitude: 34.3, height: 40}) AS wgs84, "
        "$bytes AS bytes, 0.0 / 0.0 AS nan, [e, {c: c}] AS nested, p AS path, relationships(p)[0] AS rel",
        {"bytes": b"\x00orgnet"},
    )
    text = json.dumps(jsonable_encoder(row), allow_nan=False, ensure_ascii=False)  # Starlette's JSONResponse forbids NaN too
    out = json.loads(text)
    assert out["duration"] == "P1Y2M3DT4H" and out["nan"] is None and out["date"] == "2020-03-31"
    assert out["wgs84"] == {"srid": 4979, "x": 117.2, "y": 34.3, "z": 40.0}
    assert out["nested"][0]["labels"] == ["Enterprise"] and out["nested"][1]["c"]["labels"] == ["Cadre"]
    assert out["rel"]["type"] == "PAIRED_WITH" and out["rel"]["properties"]["since"]
    assert [r["type"] for r in out["path"]["relationships"]] == ["PAIRED_WITH", "SERVES_IN"]


# ------------------------------------------------------------------ no error text reaches a client


def test_a_neo4j_error_is_a_plain_sentence(xuzhou, caplog):
    with caplog.at_level(logging.WARNING, logger="orgnet.graph"), pytest.raises(DatabaseError) as e:
        xuzhou.read("MATCH (n:Region) RETURN n LIMIT $limit", {"limit": -1})
    assert e.value.detail == "Neo4j could not run the query."
    assert "Neo.ClientError" in caplog.text  # the real code and message are in the server log


def test_an_unexpected_exception_is_a_generic_500_problem(settings, graph, caplog):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    app = create_app(settings=settings, graph=graph)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail at /srv/orgnet/x.py")

    with caplog.at_level(logging.ERROR, logger="orgnet.api"), TestClient(app, raise_server_exceptions=False) as c:
        res = c.get("/boom")
    assert res.status_code == 500 and res.headers["content-type"].startswith("application/problem+json")
    assert res.json()["detail"].startswith("An unexpected error; the server log has it under request ") and "secret" not in res.text
    assert res.headers["x-request-id"] in res.json()["detail"]
    assert "secret internal detail" in caplog.text and "Traceback" in caplog.text
