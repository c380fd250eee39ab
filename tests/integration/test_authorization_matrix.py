"""The authorization matrix: every route of the OpenAPI document × (anonymous, viewer, exchange account, 丰县 planner,
city planner, admin, a field account: one 丰县 cadre's phone) × (in 丰县's scope, out of it: 铜山区), with the status each must get and whether
people's names appear in the answer.

The expectations come from one table, :data:`orgnet.api.access.RULES`; the requests that exercise each
route are :data:`REQUESTS` below.  A route with neither fails this suite, saying where to add it.
The callers are real accounts (Argon2-hashed tokens in Neo4j), on the shared ``xuzhou`` seed.

It is over 400 lines because :data:`REQUESTS` holds a request for every route of the document: the
table is the point, and one table is what a reader checks a new route against.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from orgnet.accounts import field as field_accounts
from orgnet.accounts import store
from orgnet.api.access import rule_for
from orgnet.events import alerts, rules, subscriptions
from orgnet.events.rules import RuleIn
from orgnet.events.subscriptions import SubscriptionIn
from orgnet.graph.privacy import NODE_PROPERTIES
from orgnet.settings import get_settings

DAY = "2020-03-31"
# 丰县 (the scoped planner's county), and 铜山区: outside it, and with uncovered households on DAY in the
# demo seed (沛县 has none there, so a gap list of 沛县 would show no names whoever asks: it proves nothing)
COUNTY_IN, COUNTY_OUT = "320321", "320312"
CITY = "320300"
METRIC = "household_linkage"  # its items are households: their names are personal data
CALLERS = ("anonymous", "viewer", "exchange", "county_planner", "city_planner", "admin", "field")
ACCOUNTS = {  # caller → (role, scope)
    "viewer": ("viewer", [CITY]),
    "exchange": ("exchange", [CITY]),  # a sending instance's account: may push exchange files, reads as a viewer
    "county_planner": ("planner", [COUNTY_IN]),
    "city_planner": ("planner", [CITY]),
    "admin": ("admin", [CITY]),
}
RANK = {"field": -1, "viewer": 0, "exchange": 0, "planner": 1, "admin": 2}
EXCHANGE_PUSHERS = ("exchange", "admin")  # rule role "exchange": these and nobody else


@dataclass
class Data:
    """Real ids on each side of the scope boundary."""

    household: dict[str, str]
    member: dict[str, str]
    link: dict[str, str]  # a household link's record id (member~household~since)
    new_account: Callable[[], str]
    rule: dict[str, str]  # an alert rule on the county (orgnet/events)
    alert: dict[str, str]
    subscription: dict[str, str]
    new_rule: Callable[[str], str]
    new_alert: Callable[[str], str]
    new_subscription: Callable[[str], str]
    cadre: dict[str, str]  # a cadre on each side (the field account's own: the "in" one)
    new_field_account: Callable[[str], str]

    def region(self, case: str) -> str:
        return COUNTY_IN if case == "in" else COUNTY_OUT


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    params: dict[str, Any] | None = None
    json: Any = None
    content: bytes | None = None
    ok: int | None = None  # the status of an allowed caller when it is not the rule's (a refused body)
    names: bool | None = None  # True: an allowed planner must see names here; None: may


def _q(d: Data, case: str, **extra: Any) -> dict[str, Any]:
    return {"region": d.region(case), "as_of": DAY, **extra}


REQUESTS: dict[tuple[str, str], Callable[[Data, str], Call]] = {
    ("GET", "/health"): lambda d, c: Call("GET", "/health"),
    ("GET", "/ready"): lambda d, c: Call("GET", "/ready"),
    ("GET", "/browser-kit/orgnet.grass"): lambda d, c: Call("GET", "/browser-kit/orgnet.grass"),
    ("GET", "/browser-kit/guide.html"): lambda d, c: Call("GET", "/browser-kit/guide.html"),
    ("GET", "/v1/metrics"): lambda d, c: Call("GET", "/v1/metrics"),
    ("GET", "/v1/policy"): lambda d, c: Call("GET", "/v1/policy"),
    ("GET", "/v1/queries"): lambda d, c: Call("GET", "/v1/queries"),
    ("GET", "/v1/queries/{namespace}/{name}"): lambda d, c: Call("GET", f"/v1/queries/gaps/{METRIC}"),
    ("GET", "/v1/stats"): lambda d, c: Call("GET", "/v1/stats"),
    ("GET", "/v1/regions/{region_id}"): lambda d, c: Call("GET", f"/v1/regions/{d.region(c)}"),
    ("GET", "/v1/regions/{region_id}/children"): lambda d, c: Call("GET", f"/v1/regions/{d.region(c)}/children"),
    ("GET", "/v1/regions/{region_id}/scorecard"): lambda d, c: Call("GET", f"/v1/regions/{d.region(c)}/scorecard", {"as_of": DAY}),
    ("GET", "/v1/coverage/{metric}"): lambda d, c: Call("GET", f"/v1/coverage/{METRIC}", _q(d, c)),
    ("GET", "/v1/coverage/{metric}/compare"): lambda d, c: Call(
        "GET", f"/v1/coverage/{METRIC}/compare", {"region": d.region(c), "before": "2020-02-14", "after": DAY}
    ),
    ("GET", "/v1/hotspots/{metric}"): lambda d, c: Call("GET", f"/v1/hotspots/{METRIC}", _q(d, c, level="town")),
    ("GET", "/v1/coverage/{metric}/series"): lambda d, c: Call(
        "GET", f"/v1/coverage/{METRIC}/series", {"region": d.region(c), "from": "2020-02-01", "to": DAY, "step": "week"}
    ),
    ("GET", "/v1/coverage/{metric}/regions"): lambda d, c: Call("GET", f"/v1/coverage/{METRIC}/regions", {"id": [d.region(c)], "as_of": DAY}),
    ("GET", "/v1/calendar"): lambda d, c: Call("GET", "/v1/calendar"),
    ("GET", "/v1/incentives/funnel"): lambda d, c: Call("GET", "/v1/incentives/funnel", {"region": d.region(c), "as_of": DAY}),
    ("GET", "/v1/boundaries"): lambda d, c: Call("GET", "/v1/boundaries"),
    ("GET", "/v1/regions"): lambda d, c: Call("GET", "/v1/regions", {"q": "村", "limit": 10}),
    ("GET", "/v1/gaps/{metric}"): lambda d, c: Call("GET", f"/v1/gaps/{METRIC}", _q(d, c, limit=100), names=True),
    ("GET", "/v1/gaps/{metric}/export"): lambda d, c: Call("GET", f"/v1/gaps/{METRIC}/export", _q(d, c, format="csv"), names=True),
    ("GET", "/v1/coverage/{metric}/items/{item_id}"): lambda d, c: Call("GET", f"/v1/coverage/{METRIC}/items/{d.household[c]}", {"as_of": DAY}, names=True),
    ("POST", "/v1/whatif"): lambda d, c: Call(
        "POST", "/v1/whatif", json={"region": d.region(c), "as_of": DAY, "unavailable": {"cadres": [], "members": [d.member[c]], "teams": []}}
    ),
    ("GET", "/v1/suggestions/enterprise_pairing"): lambda d, c: Call("GET", "/v1/suggestions/enterprise_pairing", _q(d, c)),
    ("GET", "/v1/whatif/assignment"): lambda d, c: Call(
        "GET", "/v1/whatif/assignment", {"kind": "household_links", "start": d.member[c], "end": d.household[c], "as_of": DAY}
    ),
    ("POST", "/v1/queries/{namespace}/{name}"): lambda d, c: Call("POST", f"/v1/queries/gaps/{METRIC}", json=_q(d, c, limit=100), names=True),
    # a body that is not JSON: an allowed caller gets 422 and nothing is written
    ("POST", "/v1/import"): lambda d, c: Call("POST", "/v1/import", content=b"not json", ok=422),
    # not a spreadsheet: an allowed caller gets 422 and nothing is written (rows outside the scope: tests/integration/test_sheets_import.py)
    ("POST", "/v1/imports"): lambda d, c: Call("POST", "/v1/imports", {"filename": "x.xlsx"}, content=b"not a spreadsheet", ok=422),
    ("GET", "/v1/templates/{section}.xlsx"): lambda d, c: Call("GET", "/v1/templates/party_members.xlsx", {"region": d.region(c)}),
    # writes: an empty JSON object (an allowed caller gets 422 naming the missing fields, nothing is written); their scope
    # checks write real records and are tested in tests/integration/test_writes.py
    ("GET", "/v1/records"): lambda d, c: Call("GET", "/v1/records", {"item": d.member[c]}),
    ("GET", "/v1/records/{kind}/{record_id}"): lambda d, c: Call("GET", f"/v1/records/households/{d.household[c]}", names=True),
    ("POST", "/v1/records/{kind}"): lambda d, c: Call("POST", "/v1/records/households", json={}, ok=422),
    ("PUT", "/v1/records/{kind}/{record_id}"): lambda d, c: Call("PUT", f"/v1/records/households/{d.household[c]}", json={}, ok=422),
    ("POST", "/v1/records/{kind}/{record_id}/end"): lambda d, c: Call("POST", f"/v1/records/household_links/{d.link[c]}/end", json={}, ok=422),
    ("POST", "/v1/records/{kind}/{record_id}/void"): lambda d, c: Call("POST", f"/v1/records/households/{d.household[c]}/void", json={}, ok=422),
    ("POST", "/v1/suggestions/enterprise_pairing/apply"): lambda d, c: Call("POST", "/v1/suggestions/enterprise_pairing/apply", json={}, ok=422),
    ("GET", "/v1/changes"): lambda d, c: Call("GET", "/v1/changes", {"region": d.region(c)}),
    ("GET", "/v1/people"): lambda d, c: Call("GET", "/v1/people", {"q": "pm-", "region": d.region(c), "kind": "member", "limit": 20}, names=True),
    # not an exchange file: an allowed caller gets 422 and nothing is written (the exchange itself: tests/integration/test_exchange.py)
    ("POST", "/v1/exchange"): lambda d, c: Call("POST", "/v1/exchange", json={"format": "not-an-exchange-file"}, ok=422),
    ("GET", "/v1/exchange/sources"): lambda d, c: Call("GET", "/v1/exchange/sources"),
    ("GET", "/v1/me"): lambda d, c: Call("GET", "/v1/me"),
    ("GET", "/v1/accounts"): lambda d, c: Call("GET", "/v1/accounts"),
    ("POST", "/v1/accounts"): lambda d, c: Call("POST", "/v1/accounts", json={"name": "matrix-new", "role": "viewer", "scope": [d.region(c)]}),
    ("POST", "/v1/accounts/{account_id}/rotate"): lambda d, c: Call("POST", f"/v1/accounts/{d.new_account()}/rotate"),
    ("POST", "/v1/accounts/{account_id}/revoke"): lambda d, c: Call("POST", f"/v1/accounts/{d.new_account()}/revoke"),
    # news out: bodies that are not a rule or a subscription (an allowed caller gets 422, nothing is written; a rule or a
    # subscription naming a region outside the scope: tests/integration/test_events.py); a new one for each call that changes it
    ("GET", "/v1/events"): lambda d, c: Call("GET", "/v1/events", {"region": d.region(c), "after": 0}),
    ("GET", "/v1/alert-rules"): lambda d, c: Call("GET", "/v1/alert-rules", {"region": d.region(c)}),
    ("POST", "/v1/alert-rules"): lambda d, c: Call("POST", "/v1/alert-rules", json={}, ok=422),
    ("GET", "/v1/alert-rules/{rule_id}"): lambda d, c: Call("GET", f"/v1/alert-rules/{d.rule[c]}"),
    ("PUT", "/v1/alert-rules/{rule_id}"): lambda d, c: Call("PUT", f"/v1/alert-rules/{d.rule[c]}", json={}, ok=422),
    ("DELETE", "/v1/alert-rules/{rule_id}"): lambda d, c: Call("DELETE", f"/v1/alert-rules/{d.new_rule(c)}"),
    ("GET", "/v1/alerts"): lambda d, c: Call("GET", "/v1/alerts", {"region": d.region(c), "state": "all"}),
    ("GET", "/v1/alerts/{alert_id}"): lambda d, c: Call("GET", f"/v1/alerts/{d.alert[c]}"),
    ("POST", "/v1/alerts/{alert_id}/acknowledge"): lambda d, c: Call("POST", f"/v1/alerts/{d.new_alert(c)}/acknowledge"),
    ("GET", "/v1/subscriptions"): lambda d, c: Call("GET", "/v1/subscriptions", {"region": d.region(c)}),
    ("POST", "/v1/subscriptions"): lambda d, c: Call("POST", "/v1/subscriptions", json={}, ok=422),
    ("GET", "/v1/subscriptions/{subscription_id}"): lambda d, c: Call("GET", f"/v1/subscriptions/{d.subscription[c]}"),
    ("DELETE", "/v1/subscriptions/{subscription_id}"): lambda d, c: Call("DELETE", f"/v1/subscriptions/{d.new_subscription(c)}"),
    ("POST", "/v1/subscriptions/{subscription_id}/rotate"): lambda d, c: Call("POST", f"/v1/subscriptions/{d.subscription[c]}/rotate"),
    ("GET", "/v1/subscriptions/{subscription_id}/deliveries"): lambda d, c: Call("GET", f"/v1/subscriptions/{d.subscription[c]}/deliveries"),
    ("POST", "/v1/subscriptions/{subscription_id}/replay"): lambda d, c: Call("POST", f"/v1/subscriptions/{d.subscription[c]}/replay"),
    # the field app (issue 26): a phone's own routes (no Idempotency-Key: an allowed caller gets 422, nothing is written;
    # entries themselves: tests/integration/test_field.py); planners enrol people of their scope
    ("GET", "/v1/me/work"): lambda d, c: Call("GET", "/v1/me/work"),
    ("GET", "/v1/me/record"): lambda d, c: Call("GET", "/v1/me/record"),
    ("POST", "/v1/me/record"): lambda d, c: Call("POST", "/v1/me/record", json={}, ok=422),
    # a visit or a shift: only the phone's own work (one naming someone else's enterprise: 404, tests/integration/test_field.py)
    ("POST", "/v1/me/visits/{kind}"): lambda d, c: Call("POST", "/v1/me/visits/enterprise_visits", json={}, ok=422),
    # the list is the caller's scope's, whatever the case (filtered: tests/integration/test_field.py)
    ("GET", "/v1/field/accounts"): lambda d, c: Call("GET", "/v1/field/accounts"),
    ("POST", "/v1/field/accounts"): lambda d, c: Call(
        "POST", "/v1/field/accounts", json={"person_type": "cadre", "person_id": d.cadre[c], "name": "matrix-field-new"}
    ),
    ("POST", "/v1/field/accounts/{account_id}/enrolment"): lambda d, c: Call("POST", f"/v1/field/accounts/{d.new_field_account(c)}/enrolment"),
    ("POST", "/v1/field/accounts/{account_id}/revoke"): lambda d, c: Call("POST", f"/v1/field/accounts/{d.new_field_account(c)}/revoke"),
    ("POST", "/v1/field/enrol"): lambda d, c: Call("POST", "/v1/field/enrol", json={"code": "matrix-not-a-code"}, ok=404),
}


def request_for(method: str, path: str) -> Callable[[Data, str], Call]:
    try:
        return REQUESTS[(method, path)]
    except KeyError:
        raise AssertionError(
            f"No request for {method} {path} in REQUESTS of tests/integration/test_authorization_matrix.py: add one that "
            "calls it with an item or region in 丰县 (case 'in') and in 沛县 (case 'out')."
        ) from None


def _text_of(r) -> str:
    """What an answer says: its text, its JSON, or every cell of a workbook (templates and exports)."""
    kind = r.headers.get("content-type", "")
    if kind.startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
        return " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    return r.text if kind.startswith("text/") else json.dumps(r.json(), ensure_ascii=False) if r.content else ""


def expected_status(rule, caller: str, case: str, call: Call) -> int:
    if caller == "field":  # one person's phone: its own routes only (the guard refuses every other path)
        return (call.ok or rule.status) if rule.field else 403
    if rule.role == "field":  # the phone's routes answer nobody else
        return 403
    role = "viewer" if caller == "anonymous" else ACCOUNTS[caller][0]
    restricted = caller == "county_planner"  # the only caller whose scope is not the whole city
    if rule.role == "exchange":
        if role not in EXCHANGE_PUSHERS:
            return 403
    elif rule.role is not None and RANK[role] < RANK[rule.role]:
        return 403
    if rule.whole_city and restricted:
        return 403
    if rule.scoped and restricted and case == "out":
        return 404
    return call.ok or rule.status


class Names:
    """People's names from the database (properties the privacy table marks personal), without those
    that also occur inside public names (a person called like a town proves nothing)."""

    def __init__(self, graph) -> None:
        personal: set[str] = set()
        public: set[str] = set()
        for label, props in NODE_PROPERTIES.items():  # labels and keys from the allow-list
            for prop, audience in props.items():
                if prop != "name":
                    continue
                rows = graph.read(f"MATCH (n:{label}) WHERE n.name IS :: STRING NOT NULL RETURN DISTINCT n.name AS v")
                (personal if audience == "personal" else public).update(r["v"] for r in rows)
        lengths = {len(v) for v in personal}
        public_parts = {p[i : i + n] for p in public for n in lengths for i in range(len(p) - n + 1)}
        self.values = {v for v in personal if len(v) >= 2 and v not in public_parts}
        self.lengths = sorted({len(v) for v in self.values})

    def found_in(self, text: str) -> set[str]:
        return {text[i : i + n] for n in self.lengths for i in range(len(text) - n + 1)} & self.values


@pytest.fixture
def matrix(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    created: list[str] = []
    tokens = {}
    for caller, (role, scope) in ACCOUNTS.items():
        account, token = store.add_account(xuzhou, name=f"matrix-{caller}", role=role, scope=scope)
        created.append(account["id"])
        tokens[caller] = token

    def new_account() -> str:
        account, _ = store.add_account(xuzhou, name="matrix-target", role="viewer", scope=[COUNTY_IN])
        created.append(account["id"])
        return account["id"]

    def one(query: str, county: str) -> str:
        rows = xuzhou.read(query, {"county": county})
        assert rows, (query, county)
        return rows[0]["id"]

    households = "MATCH (h:Household)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:County {id: $county}) RETURN h.id AS id ORDER BY id LIMIT 1"
    members = (
        "MATCH (m:PartyMember)-[:LINKS]->(:Household)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:County {id: $county}) "
        "WHERE m.region_id STARTS WITH $county RETURN m.id AS id ORDER BY id LIMIT 1"
    )
    links = (
        "MATCH (m:PartyMember)-[l:LINKS]->(h:Household)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:County {id: $county}) "
        "WHERE m.region_id STARTS WITH $county "
        "RETURN m.id + '~' + h.id + '~' + toString(l.since) AS id ORDER BY id LIMIT 1"
    )
    county = {"in": COUNTY_IN, "out": COUNTY_OUT}
    cadres = "MATCH (c:Cadre) WHERE c.region_id STARTS WITH $county AND c.level <> 'county' RETURN c.id AS id ORDER BY id LIMIT 1"
    cadre = {"in": one(cadres, COUNTY_IN), "out": one(cadres, COUNTY_OUT)}

    def new_field_account(case: str) -> str:
        account, _ = field_accounts.create_field_account(xuzhou, person_type="cadre", person_id=cadre[case], name="matrix-field-target", created_by=None)
        return account["id"]

    account, enrolment = field_accounts.create_field_account(xuzhou, person_type="cadre", person_id=cadre["in"], name="matrix-field", created_by=None)
    created.append(account["id"])
    tokens["field"] = field_accounts.enrol(xuzhou, code=enrolment["code"])[1]

    def new_rule(case: str) -> str:
        rule = RuleIn(name="matrix", region_id=county[case], metric=METRIC, kind="below", threshold=10.0)
        return rules.create_rule(xuzhou, rule, account=None, role="admin", path="cli")["id"]

    def new_alert(case: str) -> str:
        region = {"id": county[case], "name": county[case], "path_ids": [CITY]}
        alert = alerts.new_alert(rules.get_rule(xuzhou, new_rule(case)), region, value={"covered": 1, "total": 2}, threshold="< 10 %", items=[])
        xuzhou.write_many(alerts.open_statements(alert))
        return alert["id"]

    def new_subscription(case: str) -> str:
        sub = SubscriptionIn(channel="webhook", url="http://127.0.0.1:9/matrix")
        return subscriptions.create_subscription(xuzhou, sub, regions=[county[case]], account=None, role="admin", personal=True, digest_hour=7)[0]["id"]

    data = Data(
        household={"in": one(households, COUNTY_IN), "out": one(households, COUNTY_OUT)},
        member={"in": one(members, COUNTY_IN), "out": one(members, COUNTY_OUT)},
        link={"in": one(links, COUNTY_IN), "out": one(links, COUNTY_OUT)},
        new_account=new_account,
        rule={c: new_rule(c) for c in county},
        alert={c: new_alert(c) for c in county},
        subscription={c: new_subscription(c) for c in county},
        new_rule=new_rule,
        new_alert=new_alert,
        new_subscription=new_subscription,
        cadre=cadre,
        new_field_account=new_field_account,
    )
    # anonymous callers are viewers here whatever address the API would listen on
    s = settings.model_copy(update={"api_anonymous_viewers": True, "auth_failures_max": 10_000})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, tokens, data
    xuzhou.write("MATCH (a:Account) WHERE a.id IN $ids OR a.name STARTS WITH 'matrix-' DETACH DELETE a", {"ids": created})
    for label in ("AlertRule", "AlertWatch", "Alert", "Subscription", "Delivery", "FieldEnrolment"):  # only the matrix made them (news tests clean up theirs)
        xuzhou.write(f"MATCH (n:{label}) DETACH DELETE n")
    xuzhou.write("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published'] SET e.status = 'done'")


def test_every_route_for_every_caller_in_and_out_of_scope(matrix, xuzhou):
    client, tokens, data = matrix
    names = Names(xuzhou)
    assert len(names.values) > 1000, len(names.values)
    spec = client.app.openapi()
    operations = sorted((m.upper(), p) for p, ops in spec["paths"].items() for m in ops)
    assert ("GET", "/v1/gaps/{metric}") in operations and ("POST", "/v1/accounts") in operations
    wrong: list[str] = []
    for method, path in operations:
        rule = rule_for(method, path)  # KeyError naming orgnet/api/access.py for a route without a rule
        build = request_for(method, path)
        for case in ("in", "out"):
            for caller in CALLERS:
                call = build(data, case)
                headers = {"Authorization": f"Bearer {tokens[caller]}"} if caller in tokens else {}
                if call.content is not None:
                    headers["Content-Type"] = "application/json"
                r = client.request(call.method, call.url, params=call.params, json=call.json, content=call.content, headers=headers)
                want = expected_status(rule, caller, case, call)
                where = f"{method} {path} [{case}] as {caller}"
                if r.status_code != want:
                    wrong.append(f"{where}: {r.status_code}, expected {want}: {r.text[:200]}")
                    continue
                text = _text_of(r)
                shown = names.found_in(text)
                may_see = rule.personal and caller in ("county_planner", "city_planner", "admin") and want == 200
                if shown and not may_see:
                    wrong.append(f"{where}: shows names {sorted(shown)[:3]}")
                if may_see and call.names and not shown:
                    wrong.append(f"{where}: shows no names (the request misses the data: the test proves nothing)")
                if want == 404:  # outside the scope: the answer of an id that does not exist, no hint
                    body = r.json()
                    if data.region(case) in r.text or set(body) - {"type", "title", "status", "detail", "instance"}:
                        wrong.append(f"{where}: the 404 says more than 'not found': {r.text[:200]}")
    assert not wrong, f"{len(wrong)} cell(s) of the matrix differ from orgnet/api/access.py:\n" + "\n".join(wrong)


# ----------------------------------------------------------------------------- ids a write names

# A row per kind of id a write names (issue 20 §5): a record whose own id exists in 丰县 (so an allowed write is
# refused as "exists", 409, and nothing is written), naming an id of that kind in 丰县 ("in") or in 铜山区 ("out"):
# section, a query for the record (``$county``), the field, a query for the named id in a county (``None``: the
# seed has none in a county, only "out", the city's).
IN_COUNTY = "-[:PART_OF*0..]->(:County {id: $county})"
ORG = f"MATCH (x:PartyOrg)-[:LOCATED_IN]->(:Region){IN_COUNTY}"
CADRE = f"MATCH (x:Cadre)-[:SERVES_IN]->(:Region){IN_COUNTY}"
MEMBER = f"MATCH (x:PartyMember)-[:LIVES_IN]->(:Region){IN_COUNTY} WHERE EXISTS {{ (x)-[:IN_CENTRAL_HOUSEHOLD]->() }}"
NAMED_IDS: dict[str, tuple[str, str, str, str | None]] = {
    "person": ("recognitions", f"MATCH (x:Recognition)-[:LOCATED_IN]->(:Region){IN_COUNTY}", "person_id", CADRE),
    "organisation": ("party_members", MEMBER, "org_id", ORG),
    "parent": ("party_orgs", f"MATCH (x:PartyOrg)-[:SUBORDINATE_TO]->(:PartyOrg)-[:LOCATED_IN]->(:Region){IN_COUNTY}", "parent_id", ORG),
    # (a member's central household: tests/integration/test_write_integrity.py)
    "household": ("household_links", f"MATCH (s:PartyMember)-[x:LINKS]->(e:Household)-[:LOCATED_IN]->(:Region){IN_COUNTY} WHERE s.region_id STARTS WITH $county", "household_id", f"MATCH (x:Household)-[:LOCATED_IN]->(:Region){IN_COUNTY}"),
    # the seed's volunteer teams are the city's: a 丰县 member's membership of one names a team outside 丰县
    "team": ("team_memberships", MEMBER, "team_id", None),
    "enterprise": ("pairings", f"MATCH (s:Cadre)-[x:PAIRED_WITH]->(e:Enterprise)-[:LOCATED_IN]->(:Region){IN_COUNTY} WHERE s.region_id STARTS WITH $county", "enterprise_id", f"MATCH (x:Enterprise)-[:LOCATED_IN]->(:Region){IN_COUNTY}"),
    "cadre": ("frontline_records", f"MATCH (x:FrontlineRecord)-[:LOCATED_IN]->(:Region){IN_COUNTY}", "cadre_id", CADRE),
}  # fmt: skip


def _own_record(client, token: str, xuzhou, named: str) -> dict[str, Any]:
    from orgnet.writes.records import assignment_id, bundle_of, get_kind

    section, query, _, _ = NAMED_IDS[named]
    if named == "team":
        member = xuzhou.read(f"{query} RETURN x.id AS id ORDER BY id LIMIT 1", {"county": COUNTY_IN})[0]["id"]
        return {"member_id": member, "team_id": None, "since": "2020-04-01"}
    kind = get_kind(section)
    if kind.is_assignment:
        row = xuzhou.read(f"{query} RETURN s.id AS start, e.id AS end, toString(x.since) AS since ORDER BY start, end LIMIT 1", {"county": COUNTY_IN})[0]
        record_id = assignment_id(start=row["start"], end=row["end"], since=row["since"])
    else:
        record_id = xuzhou.read(f"{query} RETURN x.id AS id ORDER BY id LIMIT 1", {"county": COUNTY_IN})[0]["id"]
    r = client.get(f"/v1/records/{section}/{record_id}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return bundle_of(kind, r.json()["record"])[section][0]


@pytest.mark.parametrize("named", sorted(NAMED_IDS))
def test_every_kind_of_id_a_write_names_for_every_caller_in_and_out_of_scope(matrix, xuzhou, named):
    client, tokens, _ = matrix
    section, _, field, ids = NAMED_IDS[named]
    record = _own_record(client, tokens["city_planner"], xuzhou, named)
    state = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
    before = xuzhou.read(state)[0]
    wrong = []
    for case, county in (("in", COUNTY_IN), ("out", COUNTY_OUT)):
        if ids is None:  # only "out": an id of the city's, outside 丰县
            if case == "in":
                continue
            named_id = xuzhou.read("MATCH (x:VolunteerTeam) RETURN x.id AS id ORDER BY id LIMIT 1")[0]["id"]
        else:  # "in": the id the record names now (nothing would change), else one in 丰县
            named_id = record.get(field) if case == "in" and named != "person" else None
            named_id = named_id or xuzhou.read(f"{ids} RETURN x.id AS id ORDER BY id LIMIT 1", {"county": county})[0]["id"]
        body = {**record, field: named_id, **({"person_type": "cadre"} if named == "person" else {})}
        for caller in CALLERS:
            if case == "out" and caller in ("city_planner", "admin"):
                continue  # allowed everywhere, the record would be written: test_write_integrity.py writes such records
            headers = {"Authorization": f"Bearer {tokens[caller]}"} if caller in tokens else {}
            r = client.post(f"/v1/records/{section}", json=body, headers=headers)
            # a field account may call only its own routes (/v1/me…): 403 before any id is read
            want = 403 if caller in ("anonymous", "viewer", "exchange", "field") else 404 if case == "out" else 409
            if r.status_code != want:
                wrong.append(f"{named} ({section}.{field}) [{case}] as {caller}: {r.status_code}, expected {want}: {r.text[:200]}")
            elif want == 404 and (county in r.text or set(r.json()) - {"type", "title", "status", "detail", "instance"}):
                wrong.append(f"{named} [{case}] as {caller}: the 404 says more than 'not found': {r.text[:200]}")
    assert xuzhou.read(state)[0] == before  # nothing written
    assert not wrong, "\n".join(wrong)
