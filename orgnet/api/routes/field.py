"""The field app (issue 26): planners enrol a person's phone; the phone reads its own work and record
and writes frontline record entries for itself.  The app itself (``/m/``) is :mod:`.field_app`.

Planner routes (``/v1/field/accounts...``): the person must be inside the planner's scope (404
outside, as for an id that does not exist).  ``POST /v1/field/enrol`` takes no token: the code is the
credential (one use, ``FIELD_ENROLMENT_HOURS``).  The phone's routes (``/v1/me/work``,
``/v1/me/record``) answer only a field account, about its own person; the guard
(:mod:`orgnet.api.guard`) refuses a field account every other route.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from orgnet.accounts import field as field_accounts
from orgnet.api.deps import Caller, CallerDep, GraphDep, PlannerDep, PolicyDep, SettingsDep
from orgnet.api.routes.records import IdempotencyKeyH, answer, body_schema
from orgnet.api.scope import regions_outside_scope, require_in_scope
from orgnet.errors import Forbidden
from orgnet.field import entries, visits, work
from orgnet.graph.db import Graph

router = APIRouter(tags=["field"])

AccountId = Annotated[str, Path(max_length=64, pattern=r"^acc-[0-9a-f]{12}$", description="A field account's id", examples=["acc-0123456789ab"])]
PLANNER_ERRORS = {403: {"description": "Needs the planner role"}, 404: {"description": "No such person or account, or outside the caller's scope"}}
FIELD_ERRORS = {403: {"description": "Needs a field account (a phone enrolled with POST /v1/field/enrol)"}}


class NewFieldAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_type: str = Field(pattern="^(cadre|party_member)$", description="Whom the account is for", examples=["cadre"])
    person_id: str = Field(min_length=1, max_length=64, description="The cadre's or party member's id", examples=["c-1"])
    name: str = Field(min_length=1, max_length=100, description="The account's name (shown in the change log)", examples=["张三的手机"])


class Enrol(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=8, max_length=64, description="The enrolment code of the link or QR code")


def qr_svg(text: str) -> str | None:
    """The QR code of ``text`` as an SVG document (segno), or None if segno is missing."""
    try:
        import segno
    except ImportError:  # pragma: no cover - segno is a dependency
        return None
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False)
    return out.getvalue().decode()


def _enrolment_view(request: Request, enrolment: dict[str, Any]) -> dict[str, Any]:
    link = f"{str(request.base_url).rstrip('/')}/m/#enrol={enrolment['code']}"
    return {**enrolment, "link": link, "qr_svg": qr_svg(link)}


def _field_account_in_scope(graph: Graph, caller: Caller, account_id: str) -> dict[str, Any]:
    account = field_accounts.get_field_account(graph, account_id=account_id)
    require_in_scope(graph, caller=caller, region_ids=account["scope"], what="account")
    return account


@router.post(
    "/v1/field/accounts",
    status_code=201,
    summary="A field account for a person in your scope, with its one-time enrolment code (planner role)",
    responses={**PLANNER_ERRORS, 422: {"description": "Invalid body"}},
)
def create_field_account(
    request: Request, body: Annotated[NewFieldAccount, Body()], graph: GraphDep, caller: PlannerDep, settings: SettingsDep
) -> JSONResponse:
    """The account has no token: its phone gets one with the enrolment code (`link`, `qr_svg`),
    valid `FIELD_ENROLMENT_HOURS` and for one use."""
    region = field_accounts.person_region(graph, person_type=body.person_type, person_id=body.person_id)
    require_in_scope(graph, caller=caller, region_ids=[region], what="person")
    account, enrolment = field_accounts.create_field_account(
        graph, **body.model_dump(), created_by=caller.account or f"role:{caller.role}", hours=settings.field_enrolment_hours
    )
    return JSONResponse({"account": account, "enrolment": _enrolment_view(request, enrolment)}, status_code=201)


@router.get("/v1/field/accounts", summary="The field accounts of people in your scope (planner role)", responses=PLANNER_ERRORS)
def list_accounts(graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    """Newest first: the account, its person, whether the phone has enrolled, whether a code is still
    open, and whether it is revoked (`disabled`). Accounts of people outside the caller's scope are left out."""
    accounts = field_accounts.list_field_accounts(graph)
    if caller.scope is not None:
        outside = set(regions_outside_scope(graph, caller=caller, region_ids=[a["region_id"] for a in accounts if a["region_id"]]))
        accounts = [a for a in accounts if a["region_id"] and a["region_id"] not in outside]
    return {"items": accounts}


@router.post(
    "/v1/field/accounts/{account_id}/enrolment", summary="A new enrolment code for a field account (a new phone) (planner role)", responses=PLANNER_ERRORS
)
def new_enrolment(request: Request, account_id: AccountId, graph: GraphDep, caller: PlannerDep, settings: SettingsDep) -> dict[str, Any]:
    """Earlier unused codes stop working; the phone enrolled with the new code gets a new token and the old one stops working."""
    _field_account_in_scope(graph, caller, account_id)
    return _enrolment_view(request, field_accounts.new_enrolment(graph, account_id=account_id, hours=settings.field_enrolment_hours))


@router.post("/v1/field/accounts/{account_id}/revoke", summary="Revoke a field account at once (planner role)", responses=PLANNER_ERRORS)
def revoke(account_id: AccountId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    _field_account_in_scope(graph, caller, account_id)
    return field_accounts.revoke_field_account(graph, account_id=account_id)


@router.post(
    "/v1/field/enrol",
    summary="Exchange an enrolment code for the phone's token (no token needed)",
    responses={404: {"description": "Unknown, used or expired code"}},
)
def enrol(body: Annotated[Enrol, Body()], graph: GraphDep) -> dict[str, Any]:
    """The code works once; the token is shown once (only its hash is stored)."""
    account, token = field_accounts.enrol(graph, code=body.code)
    return {"account": {k: account[k] for k in ("id", "name", "person_type")}, "token": token}


async def require_field(caller: CallerDep) -> Caller:
    if caller.role != "field" or caller.account is None:
        raise Forbidden("This is the field app's route: it needs a field account.")
    return caller


FieldDep = Annotated[Caller, Depends(require_field)]


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@router.get("/v1/me/work", summary="My work: pairings, households, deployments, families, with what is due (field accounts)", responses=FIELD_ERRORS)
def my_work(graph: GraphDep, caller: FieldDep) -> dict[str, Any]:
    person = field_accounts.person_of(graph, account_id=caller.account)  # type: ignore[arg-type]
    return work.my_work(graph, person=person, today=_today())


@router.get("/v1/me/record", summary="My record: my entries, recognitions and applications (field accounts)", responses=FIELD_ERRORS)
def my_record(graph: GraphDep, caller: FieldDep) -> dict[str, Any]:
    person = field_accounts.person_of(graph, account_id=caller.account)  # type: ignore[arg-type]
    return work.my_record(graph, person=person)


ENTRY_BODY = body_schema(
    {
        "type": "object",
        "required": ["date", "kind", "region_id", "text"],
        "additionalProperties": False,
        "properties": {
            "date": {"type": "string", "format": "date"},
            "kind": {"type": "string", "enum": ["duty", "major_event", "positive_case", "negative_case"]},
            "region_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "text": {"type": "string", "minLength": 1, "maxLength": 500},
        },
    },
    {"date": "2026-12-01", "kind": "duty", "region_id": "320321", "text": "走访结对企业"},
)


@router.post(
    "/v1/me/record",
    status_code=201,
    summary="Record a frontline record entry for myself (field accounts; Idempotency-Key required)",
    openapi_extra=ENTRY_BODY,
    responses={
        **FIELD_ERRORS,
        409: {"description": "The entry exists already"},
        422: {
            "description": "Invalid entry, a place outside my area, no Idempotency-Key, or a party member's account: frontline record "
            "files (纪实档案) are kept for leading cadres; a party member records household visits and checkpoint shifts"
        },
    },
)
def record_entry(
    request: Request, graph: GraphDep, caller: FieldDep, policy: PolicyDep, body: Annotated[dict[str, Any], Body()], key: IdempotencyKeyH = None
) -> JSONResponse:
    """`{date, kind, region_id, text}`: the cadre, the author and `recorded_by` are the account's own.
    The place must be my region or under it. A repeat with the same key and body replays the first answer.
    A party member's account is refused (422, the reason in Chinese first): the article keeps the frontline
    record file for leading cadres; a party member's service is recorded as visits and shifts (`POST /v1/me/visits/{kind}`)."""
    person = field_accounts.person_of(graph, account_id=caller.account)  # type: ignore[arg-type]
    result = entries.record_entry(
        graph, person=person, account_id=caller.account, body=body, key=key, method=request.method, path=request.url.path, policy=policy, today=_today()
    )
    return answer(result)


VISIT_BODY = body_schema(
    {
        "type": "object",
        "required": ["date"],
        "additionalProperties": False,
        "description": "`date`, `text` and what the kind names: `enterprise_id` (enterprise_visits), `household_id` (household_visits), "
        "`checkpoint_id` and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there), `family_type` and `family_id` (family_visits)",
        "properties": {
            "date": {"type": "string", "format": "date"},
            "text": {"type": "string", "maxLength": 500},
            "enterprise_id": {"type": "string", "maxLength": 64},
            "household_id": {"type": "string", "maxLength": 64},
            "checkpoint_id": {"type": "string", "maxLength": 64},
            "on_duty": {"type": "array", "items": {"type": "string", "maxLength": 64}, "minItems": 1, "maxItems": 50},
            "family_type": {"type": "string", "enum": ["medical_worker", "duty_death"]},
            "family_id": {"type": "string", "maxLength": 64},
        },
    },
    {"date": "2026-12-01", "enterprise_id": "e-1", "text": "走访结对企业，了解复工情况"},
)


@router.post(
    "/v1/me/visits/{kind}",
    status_code=201,
    summary="Record a visit or a shift of my own work (field accounts; Idempotency-Key required)",
    openapi_extra=VISIT_BODY,
    responses={
        **FIELD_ERRORS,
        404: {"description": "The enterprise, household, checkpoint or family is not among my current work"},
        409: {"description": "The record exists already"},
        422: {"description": "Invalid record, a roster naming someone not on a team deployed there, or no Idempotency-Key"},
    },
)
def record_visit(
    kind: Literal["enterprise_visits", "checkpoint_shifts", "household_visits", "family_visits"],
    request: Request,
    graph: GraphDep,
    caller: FieldDep,
    policy: PolicyDep,
    body: Annotated[dict[str, Any], Body()],
    key: IdempotencyKeyH = None,
) -> JSONResponse:
    """A cadre records visits to paired enterprises and care contacts with the families they support; a
    party member, visits to the households they link and shifts at the checkpoints their team is
    deployed to, with who was on duty. The visitor, the region and `recorded_by` are filled by the server."""
    person = field_accounts.person_of(graph, account_id=caller.account)  # type: ignore[arg-type]
    result = visits.record_visit(
        graph,
        section=kind,
        person=person,
        account_id=caller.account,  # type: ignore[arg-type]
        body=body,
        key=key,
        method=request.method,
        path=request.url.path,
        policy=policy,
        today=_today(),
    )
    return answer(result)
