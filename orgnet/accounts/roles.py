"""The roles a token gives: the one definition the settings (``API_TOKENS``), the accounts and the
API's access rules share.

>>> ROLES
('viewer', 'planner', 'admin', 'exchange')
>>> ROLE_RANK["planner"] > ROLE_RANK["viewer"] == ROLE_RANK["exchange"]
True
"""

from __future__ import annotations

from typing import Literal, get_args

Role = Literal["viewer", "planner", "admin", "exchange"]
ROLES: tuple[Role, ...] = get_args(Role)
# ``exchange`` is a machine's role: it may push exchange files (and nothing a viewer may not do
# besides); only it and admins may push, so it sits beside the ranks, not in them
ROLE_RANK: dict[Role, int] = {"viewer": 0, "exchange": 0, "planner": 1, "admin": 2}
EXCHANGE_PUSHERS: frozenset[Role] = frozenset({"exchange", "admin"})
