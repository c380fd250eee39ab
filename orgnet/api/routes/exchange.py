"""The aggregate exchange over HTTP: a publishing instance pushes its file, anyone reads what came from whom.

``orgnet exchange export --push URL`` sends here with an exchange-role account; ``orgnet exchange
import FILE`` does the same on the receiving server.  See :mod:`orgnet.exchange`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from orgnet.api.deps import CallerDep, GraphDep, PolicyDep, SettingsDep
from orgnet.coverage.summary_state import policy_fingerprint
from orgnet.errors import Forbidden
from orgnet.exchange import receive

router = APIRouter(prefix="/v1/exchange", tags=["exchange"])


@router.post(
    "",
    summary="Receive an exchange file (exchange role)",
    description='An `orgnet-exchange` file (the manual, "The aggregate exchange"): per region down to the published level and per metric, '
    "the coverage step functions, the generation and the policy fingerprint; no personal data. Refused whole (422, nothing "
    "written) when its sha256 or (with EXCHANGE_KEY) its HMAC does not match, or when it was computed under a policy this "
    "instance was not told about (its own, or EXCHANGE_POLICIES). Idempotent by (source, metric, region, generation): "
    "`written` counts the summaries that changed, `unchanged` those already received.",
    responses={
        403: {"description": "Needs the exchange (or admin) role, for the whole graph"},
        413: {"description": "File above IMPORT_MAX_BYTES: use `orgnet exchange import FILE` on the server"},
        422: {"description": "Damaged, unsigned, invalid, or computed under an unknown policy; nothing written"},
    },
)
def receive_exchange(
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    policy: PolicyDep,
    data: Annotated[dict[str, Any], Body(description="The exchange file (format orgnet-exchange, version 1)")],
) -> dict[str, Any]:
    caller.require("exchange")
    if caller.scope is not None:  # a file replaces the figures of whole regions
        raise Forbidden("Exchange files need an account for the whole graph.")
    return receive.import_exchange(graph, data=data, policy=policy, listed_policies=settings.exchange_policy_list, key=settings.exchange_key_bytes)


@router.get("/sources", summary="What this instance received through the exchange, from whom and when")
def read_sources(
    graph: GraphDep,
    settings: SettingsDep,
    policy: PolicyDep,
    limit: Annotated[int | None, Query(ge=1, description="Regions per page (at most PAGE_SIZE_MAX)")] = None,
    after: Annotated[str, Query(max_length=64, description="The `next_after` of the previous page")] = "",
) -> dict[str, Any]:
    """The sources (last file received, its export time, level and policy) and, one page at a time in
    id order, each received region with the time its figures last arrived; `policy` is this
    instance's fingerprint (what a publisher's files must carry, or EXCHANGE_POLICIES list)."""
    page = min(limit or settings.page_size_default, settings.page_size_max)
    return {"policy": policy_fingerprint(policy), "accepted_policies": settings.exchange_policy_list, **receive.received(graph, limit=page, after=after)}
