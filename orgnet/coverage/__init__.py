"""Coverage analysis and gap detection (DESIGN.md §3).

- :mod:`orgnet.coverage.policy` — the typed policy (``orgnet/policy/default.toml``);
- :mod:`orgnet.coverage.metrics` — the ten metrics, their populations and gap reasons;
- :mod:`orgnet.coverage.service` — coverage, gaps (find) and status (check), scorecards,
  hotspots and comparisons, all through the named query library (``orgnet/queries``);
- :mod:`orgnet.coverage.whatif` — what becomes uncovered when people or teams are unavailable;
- :mod:`orgnet.coverage.suggestions` — pairings that close gaps (networkx min-cost flow);
- :mod:`orgnet.coverage.reference` — every metric again, with networkx from a bundle, for tests;
- :mod:`orgnet.coverage.scenarios` — small random and hand-built bundles for those tests.
"""
