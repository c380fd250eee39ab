"""The access table (orgnet/api/access.py) names every route of the app: a new route without a rule
fails here first, before the authorization matrix runs against a database."""

from __future__ import annotations

from orgnet.api.access import RULES, rule_for
from orgnet.api.main import create_app
from orgnet.settings import Settings


def operations() -> set[tuple[str, str]]:
    app = create_app(settings=Settings(neo4j_uri="bolt://127.0.0.1:1"))
    return {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops}


def test_every_operation_of_the_openapi_document_has_an_access_rule():
    missing = []
    for method, path in sorted(operations()):
        try:
            rule_for(method, path)
        except KeyError as e:
            missing.append(e.args[0])
    assert not missing, "\n".join(missing)


def test_the_table_names_no_route_the_app_does_not_have():
    stale = sorted(set(RULES) - operations())
    assert not stale, f"rules for routes that no longer exist (remove them from orgnet/api/access.py): {stale}"


def test_a_scoped_rule_is_one_that_can_carry_personal_data():
    # scope guards personal data and writes; an aggregate behind a scope check would hide coverage
    # numbers that stay readable for everyone (docs/api/auth.md, "Scope")
    assert all(rule.personal for rule in RULES.values() if rule.scoped)


def test_the_guard_lets_a_field_account_call_exactly_the_routes_marked_field():
    # the guard refuses a field account by path (deny by default); the table says which routes it may call
    from orgnet.api.guard import FIELD_PATHS

    assert {path for (_, path), rule in RULES.items() if rule.field} == FIELD_PATHS
    assert all(rule.field for rule in RULES.values() if rule.role == "field")
