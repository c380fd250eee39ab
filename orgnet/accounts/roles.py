"""The roles a token gives: the one definition the settings (``API_TOKENS``), the accounts and the
API's access rules share.

>>> ROLES
('viewer', 'planner', 'admin', 'exchange', 'field')
>>> ROLE_RANK["planner"] > ROLE_RANK["viewer"] == ROLE_RANK["exchange"] > ROLE_RANK["field"]
True
"""

from __future__ import annotations

from typing import Literal, get_args

Role = Literal["viewer", "planner", "admin", "exchange", "field"]
ROLES: tuple[Role, ...] = get_args(Role)
# ``exchange`` is a machine's role: it may push exchange files (and nothing a viewer may not do
# besides); only it and admins may push, so it sits beside the ranks, not in them
# ``field`` is one person's phone (issue 26, orgnet/accounts/field.py): below a viewer, it may call only
# the routes of FIELD_PATHS (its own work and record); the guard refuses it everything else
ROLE_RANK: dict[Role, int] = {"field": -1, "viewer": 0, "exchange": 0, "planner": 1, "admin": 2}
BOOTSTRAP_ROLES: tuple[Role, ...] = ("viewer", "planner", "admin", "exchange")
"""The roles an ``API_TOKENS`` token or ``POST /v1/accounts`` may give (a field account is bound to a
person: it is made by ``POST /v1/field/accounts`` only)."""
EXCHANGE_PUSHERS: frozenset[Role] = frozenset({"exchange", "admin"})
