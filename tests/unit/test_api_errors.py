"""Errors map to status codes in one place; the mapping needs no database."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from orgnet.api.deps import Caller, parse_tokens
from orgnet.api.problems import install_problem_handlers, status_for
from orgnet.errors import (
    DatabaseError,
    DatabaseUnavailable,
    Forbidden,
    InvalidInput,
    NotFound,
    OrgnetError,
    QueryTimeout,
    Unauthorized,
)


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (NotFound("x"), 404),
        (InvalidInput("x"), 422),
        (Forbidden("x"), 403),
        (Unauthorized("x"), 401),
        (QueryTimeout("x"), 504),
        (DatabaseUnavailable("x"), 503),
        (DatabaseError("x"), 500),
        (OrgnetError("x"), 500),
    ],
)
def test_status_codes(exc, status):
    assert status_for(exc) == status


def test_problem_details_body():
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/boom")
    def boom():
        raise InvalidInput("bad things", errors=[{"field": "a", "reason": "b"}])

    response = TestClient(app).get("/boom")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Invalid input" and body["detail"] == "bad things"
    assert body["instance"] == "/boom" and body["errors"] == [{"field": "a", "reason": "b"}]


def test_roles():
    assert not Caller("viewer").sees_personal_data
    assert Caller("planner").sees_personal_data
    with pytest.raises(Forbidden):
        Caller("viewer").require("planner")
    Caller("admin").require("planner")
    with pytest.raises(ValueError, match="unknown role"):
        parse_tokens("t:superuser")
