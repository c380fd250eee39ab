"""Who may call which route: the one table of access rules, checked against the app by tests.

Every operation of the OpenAPI document has a :class:`Rule` here.  The rules are enforced where the
work is done (``caller.require(...)`` and :mod:`orgnet.api.scope` in the routes); this table says
what the enforcement must give, and ``tests/integration/test_authorization_matrix.py`` calls every
route as anonymous, viewer, exchange account, county planner, city planner and admin, in and out of the county's
scope, and compares.  A route without a rule fails ``tests/unit/test_access.py`` (and the matrix)
with a message naming this file.

>>> rule_for("GET", "/v1/gaps/{metric}").scoped
True
>>> rule_for("GET", "/v1/nothing")
Traceback (most recent call last):
...
KeyError: 'No access rule for GET /v1/nothing: add one to RULES in orgnet/api/access.py (who may call it, whether it returns personal data, whether a scoped account gets 404 outside its regions), and a request for it to REQUESTS in tests/integration/test_authorization_matrix.py.'
"""

from __future__ import annotations

from dataclasses import dataclass

from orgnet.accounts.roles import Role


@dataclass(frozen=True)
class Rule:
    """``role``: the least role that may call it (``exchange``: only exchange accounts and admins) (``None``: anyone, anonymous included; anonymous
    callers are viewers where ``API_ANONYMOUS_VIEWERS`` allows them).  ``personal``: the answer can
    name people (shown only to planners and admins, and only inside their scope).  ``scoped``: an
    account restricted to some regions gets 404 for a region or an item outside them.  ``whole_city``:
    an account restricted to some regions gets 403 whatever it asks (work that spans the city)."""

    role: Role | None
    personal: bool = False
    scoped: bool = False
    whole_city: bool = False
    status: int = 200  # the answer of a caller who may
    field: bool = False  # a field account (one person's phone) may call it; role "field": only field accounts may


PUBLIC = Rule(role=None)
AGGREGATE = Rule(role=None)  # counts and ratios of any region: readable by everyone (docs/api/auth.md, "Scope")
PERSONAL = Rule(role=None, personal=True, scoped=True)
ACCOUNT_ADMIN = Rule(role="admin", whole_city=True)

RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/health"): Rule(role=None, field=True),
    ("GET", "/ready"): Rule(role=None, field=True),
    ("GET", "/browser-kit/orgnet.grass"): PUBLIC,
    ("GET", "/browser-kit/guide.html"): PUBLIC,  # query texts and example ids only; no data
    ("GET", "/v1/metrics"): PUBLIC,
    ("GET", "/v1/policy"): PUBLIC,
    ("GET", "/v1/queries"): PUBLIC,
    ("GET", "/v1/queries/{namespace}/{name}"): PUBLIC,
    ("GET", "/v1/stats"): AGGREGATE,
    ("GET", "/v1/regions/{region_id}"): AGGREGATE,
    ("GET", "/v1/regions/{region_id}/children"): AGGREGATE,
    ("GET", "/v1/regions/{region_id}/scorecard"): AGGREGATE,
    ("GET", "/v1/coverage/{metric}"): AGGREGATE,
    ("GET", "/v1/coverage/{metric}/compare"): AGGREGATE,
    ("GET", "/v1/hotspots/{metric}"): AGGREGATE,
    ("GET", "/v1/coverage/{metric}/series"): AGGREGATE,
    ("GET", "/v1/coverage/{metric}/regions"): AGGREGATE,
    ("GET", "/v1/calendar"): AGGREGATE,
    ("GET", "/v1/incentives/funnel"): AGGREGATE,  # counts only (issue 13)
    ("GET", "/v1/boundaries"): PUBLIC,
    ("GET", "/v1/regions"): AGGREGATE,  # region names and codes are public administrative data
    ("GET", "/v1/gaps/{metric}"): PERSONAL,
    ("GET", "/v1/gaps/{metric}/export"): PERSONAL,
    ("GET", "/v1/coverage/{metric}/items/{item_id}"): PERSONAL,
    ("POST", "/v1/whatif"): PERSONAL,
    ("GET", "/v1/whatif/assignment"): PERSONAL,  # the ends' names; both ends in a scoped account's regions
    ("GET", "/v1/suggestions/enterprise_pairing"): PERSONAL,
    ("POST", "/v1/queries/{namespace}/{name}"): PERSONAL,
    # a bundle spans regions: only planners for the whole city (per-record writes check each record)
    ("POST", "/v1/import"): Rule(role="planner", whole_city=True),
    # a spreadsheet: any planner; each row outside the caller's scope is refused in the answer (orgnet/sheets/plan.py)
    ("POST", "/v1/imports"): Rule(role="planner"),
    ("GET", "/v1/templates/{section}.xlsx"): PERSONAL,  # the people lookup: names only for planners, in scope
    # per-record writes (orgnet/writes): planners; every region a record touches is checked against
    # the scope (404 outside, tested in tests/integration/test_writes.py)
    ("GET", "/v1/records"): Rule(role="planner", personal=True, scoped=True),
    ("GET", "/v1/records/{kind}/{record_id}"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/records/{kind}"): Rule(role="planner", status=201),
    ("PUT", "/v1/records/{kind}/{record_id}"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/records/{kind}/{record_id}/end"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/records/{kind}/{record_id}/void"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/suggestions/enterprise_pairing/apply"): Rule(role="planner", status=201),
    ("GET", "/v1/changes"): Rule(role="planner", personal=True, scoped=True),  # before/after hold the records
    ("GET", "/v1/people"): PERSONAL,
    # the aggregate exchange (orgnet/exchange): a sending instance pushes with an exchange account; the
    # file replaces regions and summaries of the whole graph, so not from a scoped account
    ("POST", "/v1/exchange"): Rule(role="exchange", whole_city=True),
    ("GET", "/v1/exchange/sources"): AGGREGATE,
    ("GET", "/v1/me"): Rule(role=None, field=True),  # the caller's own role, account name and scope region names; no token
    # the field app (issue 26): the phone's own work and record, bound to its person (the guard refuses a
    # field account every route not marked field=True); planners enrol phones for people in their scope
    ("GET", "/v1/me/work"): Rule(role="field", field=True),
    ("GET", "/v1/me/record"): Rule(role="field", field=True),
    ("POST", "/v1/me/record"): Rule(role="field", field=True, status=201),
    ("POST", "/v1/me/visits/{kind}"): Rule(role="field", field=True, status=201),  # a visit or a shift of my own work
    ("GET", "/v1/field/accounts"): Rule(role="planner", personal=True),  # the phones of people in the caller's scope (the list is filtered)
    ("POST", "/v1/field/accounts"): Rule(role="planner", personal=True, scoped=True, status=201),
    ("POST", "/v1/field/accounts/{account_id}/enrolment"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/field/accounts/{account_id}/revoke"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/field/enrol"): PUBLIC,  # the one-time code is the credential
    ("GET", "/v1/accounts"): ACCOUNT_ADMIN,
    ("POST", "/v1/accounts"): Rule(role="admin", whole_city=True, status=201),
    ("POST", "/v1/accounts/{account_id}/rotate"): ACCOUNT_ADMIN,
    ("POST", "/v1/accounts/{account_id}/revoke"): ACCOUNT_ADMIN,
    # news out (orgnet/events, issue 25): the stream and alerts of the caller's scope; rules and subscriptions
    # of planners inside it (they name their owner account; subscriptions an e-mail address) (a body naming a region outside: 404, tested in tests/integration/test_events.py)
    ("GET", "/v1/events"): Rule(role=None, personal=True, scoped=True),  # record ids and who wrote: planners only
    ("GET", "/v1/alert-rules"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/alert-rules"): Rule(role="planner", status=201),
    ("GET", "/v1/alert-rules/{rule_id}"): Rule(role="planner", personal=True, scoped=True),
    ("PUT", "/v1/alert-rules/{rule_id}"): Rule(role="planner", personal=True, scoped=True),
    ("DELETE", "/v1/alert-rules/{rule_id}"): Rule(role="planner", personal=True, scoped=True, status=204),
    ("GET", "/v1/alerts"): Rule(role="planner", personal=True, scoped=True),  # a new gap's items carry names
    ("GET", "/v1/alerts/{alert_id}"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/alerts/{alert_id}/acknowledge"): Rule(role="planner", personal=True, scoped=True),
    ("GET", "/v1/subscriptions"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/subscriptions"): Rule(role="planner", status=201),
    ("GET", "/v1/subscriptions/{subscription_id}"): Rule(role="planner", personal=True, scoped=True),
    ("DELETE", "/v1/subscriptions/{subscription_id}"): Rule(role="planner", personal=True, scoped=True, status=204),
    ("POST", "/v1/subscriptions/{subscription_id}/rotate"): Rule(role="planner", personal=True, scoped=True),
    ("GET", "/v1/subscriptions/{subscription_id}/deliveries"): Rule(role="planner", personal=True, scoped=True),
    ("POST", "/v1/subscriptions/{subscription_id}/replay"): Rule(role="admin", whole_city=True),
}


def rule_for(method: str, path: str) -> Rule:
    """The rule of an operation (path as in the OpenAPI document); ``KeyError`` saying where to add one."""
    try:
        return RULES[(method.upper(), path)]
    except KeyError:
        raise KeyError(
            f"No access rule for {method.upper()} {path}: add one to RULES in orgnet/api/access.py (who may call it, "
            "whether it returns personal data, whether a scoped account gets 404 outside its regions), and a request "
            "for it to REQUESTS in tests/integration/test_authorization_matrix.py."
        ) from None
