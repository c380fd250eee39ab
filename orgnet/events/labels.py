"""The node labels of alert rules, their watches and alerts, and how a map property of theirs is
stored (JSON text: Neo4j properties hold no maps).  Its own module so that ``rules.py`` (which
resolves a deleted rule's alerts) and ``alerts.py`` (which reads rules) need not import each other."""

from __future__ import annotations

import json
from typing import Any

RULE_LABEL = "AlertRule"
WATCH_LABEL = "AlertWatch"
ALERT_LABEL = "Alert"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
