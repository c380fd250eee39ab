"""The coverage functions the API calls, by topic (kept as one import for the callers of before the
split; new code imports the topic modules):

- :mod:`orgnet.coverage.rollups` — coverage, comparisons, scorecards, hotspots, the request's region;
- :mod:`orgnet.coverage.gaps` — gaps (find) and status (check);
- :mod:`orgnet.coverage.stored_or_live` — rollups from the stored summaries or the live queries;
- :mod:`orgnet.coverage.result_cache` — results reused while the summaries stay the same;
- :mod:`orgnet.coverage.cursor` — page limits and signed cursors.

Every function is keyword-only, takes the :class:`~orgnet.graph.db.Graph` and a
:class:`~orgnet.coverage.policy.Policy`, and runs the named library queries in READ transactions
with the graph's timeout.  The per-metric find / check aliases live in ``tests/find_check.py``.
"""

from __future__ import annotations

from orgnet.coverage.cursor import DEFAULT_GAP_LIMIT, MAX_GAP_LIMIT, cursor_total, decode_cursor, encode_cursor
from orgnet.coverage.gaps import WALK_MAX_SCAN, WALK_STEP_MAX, WALK_STEP_MIN, all_gaps, gaps, is_covered, item_status
from orgnet.coverage.result_cache import RESULT_CACHE_ROWS, REUSED_GAP_PAGE_MAX
from orgnet.coverage.rollups import DEFAULT_HOTSPOT_LIMIT, compare, coverage, default_region_id, hotspots, ratio, resolve_region, scorecard
from orgnet.coverage.stored_or_live import Source, gap_regions, rollup

__all__ = [
    "DEFAULT_GAP_LIMIT",
    "DEFAULT_HOTSPOT_LIMIT",
    "MAX_GAP_LIMIT",
    "RESULT_CACHE_ROWS",
    "REUSED_GAP_PAGE_MAX",
    "WALK_MAX_SCAN",
    "WALK_STEP_MAX",
    "WALK_STEP_MIN",
    "Source",
    "all_gaps",
    "compare",
    "coverage",
    "cursor_total",
    "decode_cursor",
    "default_region_id",
    "encode_cursor",
    "gap_regions",
    "gaps",
    "hotspots",
    "is_covered",
    "item_status",
    "ratio",
    "resolve_region",
    "rollup",
    "scorecard",
]
