"""The aggregate exchange: coverage summaries, counts only, from one orgnet to another.

A city's (or province's) orgnet publishes, per region down to a chosen level and per metric, the
stored step functions of its coverage summaries (``orgnet/coverage/summaries.py``), the summary
generation and the policy fingerprint, with the region skeleton (id, name, level, parent): no
personal data, no item ids or names.  A national orgnet imports the file and serves rollups,
hotspots, scorecards and the map from it; the items stay at the source.  DHIS2's "aggregate data
exchange" between instances is the model (docs/operators/exchange.md).

- :mod:`orgnet.exchange.fileformat`: the versioned file, canonical JSON, sha256 and optional HMAC.
- :mod:`orgnet.exchange.publish`: the file from this instance's summaries (``orgnet exchange export``).
- :mod:`orgnet.exchange.receive`: the import (``orgnet exchange import``, ``POST /v1/exchange``),
  idempotent by (source, metric, region, generation), and what was received from whom.
"""
