"""News out (docs/design.md §3, "Data in, news out"): what a change triggers, delivered at least once.

- :mod:`orgnet.events.outbox` — the event a write puts into the outbox in its own transaction;
- :mod:`orgnet.events.dispatcher` — the one process (a lease in Neo4j) that publishes each event once:
  a sequence number for the live stream, the alert rules evaluated, deliveries queued;
- :mod:`orgnet.events.rules` and :mod:`orgnet.events.alerts` — alert rules and their alerts' lifecycle;
- :mod:`orgnet.events.subscriptions`, :mod:`orgnet.events.deliveries`, :mod:`orgnet.events.mail` —
  webhooks (signed, retried, dead-lettered, replayable) and e-mail (alerts and digests);
- :mod:`orgnet.events.stream` — the live stream (Server-Sent Events) of a caller's scope.
"""
