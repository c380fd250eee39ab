"""Coverage analysis and gap detection (docs/design.md §3).

- :mod:`orgnet.coverage.policy` — the typed policy (``orgnet/policy/default.toml``);
- :mod:`orgnet.coverage.metrics` — the ten metrics, one module each: population, rule, policy keys,
  reasons and reason codes;
- :mod:`orgnet.coverage.generate` — produces each metric's four library queries from shared frames;
- :mod:`orgnet.coverage.service` — coverage, gaps (find) and status (check), scorecards,
  hotspots and comparisons, all through the named query library (``orgnet/queries``);
- :mod:`orgnet.coverage.whatif` — what becomes uncovered when people or teams are unavailable;
- :mod:`orgnet.coverage.suggestions` — pairings that close gaps (networkx min-cost flow);
- :mod:`orgnet.coverage.reference` — every metric again, with networkx from a bundle, for tests
  (whose scenarios are in ``tests/scenarios.py``).
"""
