"""Writes: one workflow for every way data enters the graph (docs/design.md §2, docs/api/writes.md).

parse → validate → (one transaction: idempotency key, rows, summaries marked stale, change
records) → refresh the summaries of the regions written.  Used by ``orgnet import``,
``POST /v1/import``, the seed loads, the per-record writes (``/v1/records/...``) and the applied
suggestions.  Modules: :mod:`.workflow` (the workflow), :mod:`.records` (the record kinds, their
ids, versions and regions), :mod:`.changes` (the audit trail), :mod:`.idempotency` (keys of POSTs).
"""
