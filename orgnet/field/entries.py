"""A frontline record entry written from the phone, for the account's own person (issue 26).

The entry is a ``frontline_records`` record like any other: it goes through
:func:`orgnet.writes.workflow.create_record` (the import's validation, one transaction with its
idempotency key, the change record naming the account, the incremental refresh of the metrics that
count it), so the planner's change log, the item's history and ``frontline_recognition`` see it at
once.  What the phone may not choose is filled here: the cadre is the account's person, the author
is the account, ``recorded_by`` is the account's name.

The entry's id is derived from the account and the Idempotency-Key (``fr-m-<digest>``), so even a
retry whose key record were lost could only meet a 409 on the same id, never write a second entry.

>>> entry_id("acc-0123456789ab", "k-1") == entry_id("acc-0123456789ab", "k-1"), entry_id("acc-0123456789ab", "k-1")[:5]
(True, 'fr-m-')
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from orgnet.api.deps import Caller
from orgnet.api.scope import regions_outside_scope
from orgnet.coverage.policy import Policy
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.writes import workflow
from orgnet.writes.idempotency import check_key, fingerprint, scoped_key

ENTRY_FIELDS = ("date", "kind", "region_id", "text")

# Why a party member's phone writes no frontline record entry (issue 26): the article's 纪实档案 is
# kept for leading cadres (建立领导干部防控疫情工作纪实档案, the basis of their promotion and annual
# assessment), and the model follows it (a FrontlineRecord is RECORD_OF a Cadre; record_backed_promotion
# reads it for cadres' promotions).  A party member's frontline service is counted from what they do:
# days on a deployed team (frontline_recognition), shifts at a checkpoint, household visits, which
# their phone records.  The phone shows this sentence as the reason of a refused entry.
NOT_FOR_MEMBERS = (
    "纪实档案只为领导干部建立，党员不记一线纪实。请在“记录什么”中选择入户走访或卡口值守：它们记入您的一线服务。"
    " (Frontline record files are kept for leading cadres only; a party member records household visits and checkpoint shifts.)"
)
NOT_FOR_MEMBERS_REASON = "not a cadre: frontline record entries are for leading cadres; record household_visits or checkpoint_shifts"


def entry_id(account_id: str, key: str) -> str:
    return "fr-m-" + hashlib.sha256(f"{account_id}\n{key}".encode()).hexdigest()[:24]


def _checked_body(body: Any, *, today: dt.date) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidInput("An entry is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    extra = sorted(set(body) - set(ENTRY_FIELDS))
    if extra:
        raise InvalidInput("The entry has fields the phone may not set.", errors=[{"field": f, "reason": "not allowed"} for f in extra])
    day = body.get("date")
    if isinstance(day, str):
        try:
            if dt.date.fromisoformat(day) > today + dt.timedelta(days=1):
                raise InvalidInput("An entry cannot be dated in the future.", errors=[{"field": "date", "reason": "in the future"}])
        except ValueError:
            pass  # the record's own validation names it
    return body


def record_entry(
    graph: Graph,
    *,
    person: dict[str, Any],
    account_id: str,
    body: Any,
    key: str | None,
    method: str,
    path: str,
    policy: Policy | None,
    today: dt.date,
) -> workflow.WriteResult:
    """Write the entry (201; a repeat of the same key and body: the first answer again)."""
    if person["type"] != "cadre":
        raise InvalidInput(NOT_FOR_MEMBERS, errors=[{"field": "person", "reason": NOT_FOR_MEMBERS_REASON}])
    if key is None:
        raise InvalidInput("An entry from the phone needs an Idempotency-Key.", errors=[{"field": "Idempotency-Key", "reason": "required"}])
    key = check_key(key)
    fields = _checked_body(body, today=today)
    area = Caller(role="field", account=account_id, scope=(person["region_id"],))
    region = fields.get("region_id")
    if isinstance(region, str) and regions_outside_scope(graph, caller=area, region_ids=[region]):
        raise InvalidInput("The place is not in your area.", errors=[{"field": "region_id", "reason": "outside your area"}])

    def in_area(region_ids: list[str]) -> None:
        if not region_ids or regions_outside_scope(graph, caller=area, region_ids=region_ids):
            raise NotFound("No such record.")

    data = {**fields, "id": entry_id(account_id, key), "cadre_id": person["id"], "recorded_by": person["name"]}
    return workflow.create_record(
        graph,
        section="frontline_records",
        data=data,
        author=workflow.Author(path="api", account=account_id, role="field"),
        policy=policy,
        in_scope=in_area,
        idem=workflow.Idempotency(key=scoped_key(account_id, key), fingerprint=fingerprint(method, path, fields)),
    )
