"""Coverage analysis and gap detection (docs/design.md §3).

- :mod:`orgnet.coverage.policy` — the typed policy (``orgnet/policy/default.toml``);
- :mod:`orgnet.coverage.metrics` — the ten metrics, one module each: population, rule, policy keys,
  reasons and reason codes;
- :mod:`orgnet.coverage.generate` — produces each metric's four library queries from shared frames;
- :mod:`orgnet.coverage.rollups` — coverage, comparisons, scorecards and hotspots;
- :mod:`orgnet.coverage.gaps` — gaps (find) and status (check), all through the named query library
  (``orgnet/queries``);
- :mod:`orgnet.coverage.stored_or_live` — rollups from the stored summaries or the live queries;
- :mod:`orgnet.coverage.result_cache` — results reused while the summaries stay the same;
- :mod:`orgnet.coverage.cursor` — page limits and signed cursors;
- :mod:`orgnet.coverage.summaries` — the stored summaries and their (incremental) refresh;
- :mod:`orgnet.coverage.service` — all of the above in one import, for the callers of before the split;
- :mod:`orgnet.coverage.whatif` — what becomes uncovered when people or teams are unavailable;
- :mod:`orgnet.coverage.suggestions` — pairings that close gaps (networkx min-cost flow);
- :mod:`orgnet.coverage.reference` — every metric again, with networkx from a bundle, for tests
  (whose scenarios are in ``tests/scenarios.py``).
"""
