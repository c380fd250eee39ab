"""The access log keeps no search terms: uvicorn logs each request's path with its whole query
string (``GET /v1/people?q=张三``), so people searched for by name would stay in the log files.

:class:`RedactQueryValues` (on the ``uvicorn.access`` logger, installed by
:func:`orgnet.api.main.create_app` in every worker) keeps the path and the names of the query
parameters, and the values only of parameters that never hold a search term or a person
(:data:`KEPT`: regions, metrics, days, levels, paging); every other value is written ``…``.

>>> redact("/v1/people?q=%E5%BC%A0%E4%B8%89&region=320321&limit=5")
'/v1/people?q=…&region=320321&limit=5'
>>> redact("/v1/gaps/household_linkage?q=Zhang+San&as_of=2020-03-31"), redact("/v1/regions/320321")
('/v1/gaps/household_linkage?q=…&as_of=2020-03-31', '/v1/regions/320321')
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

ACCESS_LOGGER = "uvicorn.access"
KEPT = frozenset(
    {"region", "within", "metric", "as_of", "before", "after_day", "level", "group_level", "limit", "lang", "format", "kind", "from", "to", "reason"}
)
"""Parameters whose values the log keeps (none of them a search term, a name or a person's id)."""
REDACTED = "…"


def redact(path: str) -> str:
    """``path`` with the values of every query parameter not in :data:`KEPT` replaced by ``…``."""
    base, sep, query = path.partition("?")
    if not sep:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    return base + "?" + "&".join(f"{k}={v if k in KEPT else REDACTED}" for k, v in pairs) if pairs else base


class RedactQueryValues(logging.Filter):
    """Rewrites the path of uvicorn's access record (``args``: client, method, path, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def install() -> None:
    """Add the filter to uvicorn's access logger once per process."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactQueryValues) for f in logger.filters):
        logger.addFilter(RedactQueryValues())
