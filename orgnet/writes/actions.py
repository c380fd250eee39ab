"""What would close a gap: the write a gap row offers (``actions`` on each item of ``GET /v1/gaps``).

A hint, not a write: the record kind, the endpoint and the fields already known from the gap (the
uncovered item's id); the planner completes the rest (who, since when) and the write goes through
the usual validation and scope checks.  Metrics whose gaps no single new record closes (a cadre
over the pairing maximum, a member linked to too many households, an oversized central
household) offer none.

>>> actions_for("enterprise_pairing", {"id": "e-1", "region_path": [{"id": "X"}, {"id": "X-1"}]})[0]
{'method': 'POST', 'path': '/v1/records/pairings', 'kind': 'pairings', 'record': {'enterprise_id': 'e-1'}}
>>> actions_for("enterprise_pairing", {"id": "e-1", "region_path": [{"id": "X"}, {"id": "X-1"}]})[1]["query"]
{'region': 'X-1'}
>>> actions_for("cadre_load", {"id": "c-1"})
[]
"""

from __future__ import annotations

from typing import Any

# metric -> (record kind, the field of the new record that the uncovered item fills, fixed fields)
CLOSERS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "enterprise_pairing": ("pairings", "enterprise_id", {}),
    "household_linkage": ("household_links", "household_id", {}),
    "medical_family_support": ("family_supports", "medical_worker_id", {}),
    "community_teams": ("deployments", "target_id", {"target_type": "region"}),
    "checkpoint_staffing": ("deployments", "target_id", {"target_type": "checkpoint"}),
    "community_funding": ("allocations", "region_id", {}),
    "party_org_presence": ("party_orgs", "region_id", {}),
}


def actions_for(metric: str, item: dict[str, Any]) -> list[dict[str, Any]]:
    """The writes that would close the gap of ``item`` (a gap row) for ``metric``."""
    closer = CLOSERS.get(metric)
    if closer is None:
        return []
    kind, field, fixed = closer
    out: list[dict[str, Any]] = [{"method": "POST", "path": f"/v1/records/{kind}", "kind": kind, "record": {**fixed, field: item["id"]}}]
    if metric == "enterprise_pairing":
        path = item.get("region_path") or []
        region = path[-1]["id"] if path else None
        out.append(
            {
                "method": "GET",
                "path": "/v1/suggestions/enterprise_pairing",
                "query": {"region": region},
                "then": "POST /v1/suggestions/enterprise_pairing/apply",
            }
        )
    return out
