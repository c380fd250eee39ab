"""The dispatcher: the one process that turns outbox events into news, held by a lease in Neo4j.

Every API worker runs one (``EVENTS_DISPATCH``), and ``orgnet alerts run`` runs one on its own;
only the holder of the lease ``(:Lease {id: 'events'})`` works, the others wait to take over when
it expires (``EVENTS_LEASE_S``: a worker that died is replaced that long after).  Each round:

1. **publish** the pending events, oldest first, in one transaction under the sequence node's
   lock: each gets the next sequence number (the live stream's ``id``, so commit order is stream
   order), its payload (:mod:`orgnet.events.payload`), and a delivery per matching subscription;
2. **evaluate** each published change against the alert rules (:mod:`orgnet.events.evaluate`);
   the alerts it opens, updates or resolves commit in the transaction that marks the event done,
   which first checks, under the event's lock, that it is not done yet: an event is evaluated once;
3. **deliver** what is due (:mod:`orgnet.events.deliveries`, :mod:`orgnet.events.mail`), queue the
   digests that are due, and now and then prune what is older than ``EVENTS_RETENTION_DAYS``.

A crash anywhere leaves the outbox as the last committed transaction left it, so nothing is lost
and nothing is published or evaluated twice; a send whose log did not commit is sent again, with
the same event id (at least once).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from orgnet.events import alerts as alerts_mod
from orgnet.events import deliveries, mail
from orgnet.events.evaluate import REGIONS, evaluate
from orgnet.events.outbox import OUTBOX_LABEL
from orgnet.events.payload import build, dumps, project, scope_ids
from orgnet.events.subscriptions import DIGEST_PERIOD, SUBSCRIPTION_LABEL, next_digest
from orgnet.graph.db import Graph
from orgnet.graph.values import to_native
from orgnet.settings import Settings

log = logging.getLogger("orgnet.events")

LEASE_ID = "events"
PUBLISH_BATCH = 200
EVALUATE_BATCH = 20
EVALUATION_TRIES = 5
"""An event whose evaluation failed this often is set aside (``status: failed``, with its error)."""
PRUNE_EVERY_S = 600.0
DIGEST_EVERY_S = 30.0

LEASE = """
MERGE (l:Lease {id: $id})
SET l._lock = true REMOVE l._lock
WITH l, l.owner IS NULL OR l.owner = $owner OR l.until < $now AS free
SET l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.until = CASE WHEN free THEN $now + $ttl ELSE l.until END
RETURN free
"""
RELEASE = "MATCH (l:Lease {id: $id}) WHERE l.owner = $owner SET l.owner = null, l.until = 0.0"

PENDING = f"MATCH (e:{OUTBOX_LABEL} {{status: 'pending'}}) RETURN properties(e) AS e ORDER BY e.at, e.id LIMIT $limit"
PUBLISHED = f"MATCH (e:{OUTBOX_LABEL} {{status: 'published'}}) RETURN properties(e) AS e ORDER BY e.at, e.id LIMIT $limit"
MARK = f"""
UNWIND $rows AS row
MATCH (e:{OUTBOX_LABEL} {{id: row.id}}) WHERE e.status = 'pending'
SET e.seq = row.seq, e.payload = row.payload, e.scope_ids = row.scope_ids, e.status = row.status, e.published_at = datetime()
"""
FINISH = f"""
MATCH (e:{OUTBOX_LABEL} {{id: $id}})
SET e._lock = true REMOVE e._lock
WITH e WHERE e.status = 'published'
SET e.status = 'done', e.done_at = datetime(), e.evaluation = $stats
RETURN e.id AS id
"""


class AlreadyDone(Exception):
    """The event was finished by another process meanwhile: this transaction writes nothing."""


def owner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Dispatcher:
    """One process's dispatcher: :meth:`run_once` for one round, :meth:`start` / :meth:`stop` for a thread."""

    def __init__(self, graph: Graph, settings: Settings, *, owner: str | None = None) -> None:
        self.graph = graph.quiet() if hasattr(graph, "quiet") else graph  # its lease and outbox writes change no coverage figure (orgnet/graph/changes.py)
        self.settings = settings
        self.owner = owner or owner_name()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lease_until = 0.0
        self._last_prune = 0.0
        self._last_digest = 0.0
        self._senders = ThreadPoolExecutor(max_workers=4, thread_name_prefix="orgnet-deliver")
        self._http: Any = None

    # ------------------------------------------------------------------ lease

    def hold_lease(self) -> bool:
        """Take or renew the lease (renewed when a third of it is left); whether this process holds it."""
        now = time.time()
        if now < self._lease_until - self.settings.events_lease_s * 2 / 3:
            return True
        row = self.graph.execute(LEASE, {"id": LEASE_ID, "owner": self.owner, "now": now, "ttl": self.settings.events_lease_s}, read=False)
        self._lease_until = now + self.settings.events_lease_s if row and row[0]["free"] else 0.0
        return self._lease_until > 0

    def release_lease(self) -> None:
        try:
            self.graph.write(RELEASE, {"id": LEASE_ID, "owner": self.owner})
        except Exception:  # noqa: BLE001 - it expires on its own
            log.debug("lease not released", exc_info=True)
        self._lease_until = 0.0

    # ------------------------------------------------------------------ rounds

    def run_once(self, *, now: float | None = None) -> int:
        """One round (the caller holds the lease); how much it did (0: idle)."""
        now = time.time() if now is None else now
        done = self.publish(now=now)
        done += self.evaluate_published(now=now)
        done += self.deliver_due(now=now)
        if now - self._last_digest >= DIGEST_EVERY_S:
            self._last_digest = now
            done += self.queue_digests(now=now)
        if now - self._last_prune >= PRUNE_EVERY_S:
            self._last_prune = now
            self.prune(now=now)
        return done

    def publish(self, *, now: float) -> int:
        def work(tx: Any) -> int:
            tx.run("MERGE (s:EventSequence {id: 'events'}) SET s._lock = true REMOVE s._lock").consume()
            pending = [to_native(r["e"]) for r in tx.run(PENDING, {"limit": PUBLISH_BATCH})]
            if not pending:
                return 0
            last = tx.run("MATCH (s:EventSequence {id: 'events'}) RETURN coalesce(s.last, 0) AS last").single()["last"]
            ids = sorted({rid for e in pending for rid in e.get("region_ids") or []})
            regions = {r["id"]: to_native(dict(r)) for r in tx.run(REGIONS, {"ids": ids})}
            subs = [to_native(r["s"]) for r in tx.run(f"MATCH (s:{SUBSCRIPTION_LABEL}) WHERE s.active RETURN properties(s) AS s")]
            alert_ids = [e["alert_id"] for e in pending if e.get("alert_id") and not e.get("alert")]
            found = tx.run("UNWIND $ids AS id MATCH (a:Alert {id: id}) RETURN properties(a) AS a", {"ids": alert_ids})
            stored = {r["a"]["id"]: alerts_mod.public(to_native(r["a"])) for r in found}
            rows, queue = [], []
            for e in pending:
                if e["type"] == "rule.created":  # evaluated, never published
                    rows.append({"id": e["id"], "seq": None, "payload": None, "scope_ids": [], "status": "published"})
                    continue
                last += 1
                alert = json.loads(e["alert"]) if e.get("alert") else stored.get(e.get("alert_id") or "")
                payload = build({**e, "at": _iso(e.get("at"))}, seq=last, regions=regions, alert=alert)
                status = "published" if e["type"] == "change" else "done"
                rows.append({"id": e["id"], "seq": last, "payload": dumps(payload), "scope_ids": scope_ids(payload), "status": status})
                queue += _deliveries_for(payload, subs)
            tx.run(MARK, {"rows": rows}).consume()
            if queue:
                tx.run(*deliveries.queue_statement(queue, now=now)).consume()
            tx.run("MATCH (s:EventSequence {id: 'events'}) SET s.last = $last", {"last": last}).consume()
            return len(rows)

        return self.graph.transact(work)

    def evaluate_published(self, *, now: float) -> int:
        from orgnet.coverage.policies import configured_policy

        events = [r["e"] for r in self.graph.read(PUBLISHED, {"limit": EVALUATE_BATCH})]
        if not events:
            return 0
        policy = configured_policy(self.settings)
        for event in events:
            try:
                statements, stats = evaluate(self.graph, event, policy=policy, now=now)
                self._finish(event["id"], statements, stats)
            except AlreadyDone:
                continue
            except Exception as e:  # noqa: BLE001 - one event must not stop the others; it is retried, then set aside
                log.exception("alert rules not evaluated for event %s", event["id"])
                self.graph.write(
                    f"MATCH (e:{OUTBOX_LABEL} {{id: $id}}) WHERE e.status = 'published' SET e.tries = coalesce(e.tries, 0) + 1, e.last_error = $error, "
                    "e.status = CASE WHEN coalesce(e.tries, 0) + 1 >= $max THEN 'failed' ELSE e.status END",
                    {"id": event["id"], "error": f"{type(e).__name__}: {e}"[:500], "max": EVALUATION_TRIES},
                )
        return len(events)

    def _finish(self, event_id: str, statements: list[tuple[str, dict[str, Any]]], stats: dict[str, int]) -> None:
        def work(tx: Any) -> None:
            if tx.run(FINISH, {"id": event_id, "stats": json.dumps(stats)}).single() is None:
                raise AlreadyDone(event_id)
            for query, params in statements:
                tx.run(query, params).consume()

        self.graph.transact(work)

    # ------------------------------------------------------------------ deliveries

    def _client(self) -> Any:
        if self._http is None:
            import httpx

            self._http = httpx.Client(timeout=self.settings.webhook_timeout_s, follow_redirects=False)
        return self._http

    def deliver_due(self, *, now: float) -> int:
        due = deliveries.claim_due(self.graph, owner=self.owner, now=now, lease_s=self.settings.webhook_timeout_s * 3 + self.settings.smtp_timeout_s)
        if due:
            list(self._senders.map(self._deliver, due))
        return len(due)

    def _deliver(self, row: dict[str, Any]) -> str:
        delivery = row["d"]
        if not row.get("active"):
            self.graph.write("MATCH (d:Delivery {id: $id}) SET d.state = 'cancelled', d.lease_until = null", {"id": delivery["id"]})
            return "cancelled"
        start = time.perf_counter()
        if delivery["channel"] == "webhook":
            status, error = deliveries.send_webhook(self._client(), url=row["url"], secret=row["secret"], delivery=delivery)
        else:
            status, error = self._mail(delivery, to=row["email"], lang=row.get("lang") or "zh")
        s = self.settings
        return deliveries.record_attempt(
            self.graph,
            delivery,
            status=status,
            error=error,
            seconds=time.perf_counter() - start,
            max_attempts=s.webhook_max_attempts,
            base_s=s.webhook_backoff_base_s,
            max_s=s.webhook_backoff_max_s,
        )

    def _mail(self, delivery: dict[str, Any], *, to: str, lang: str) -> tuple[int | None, str | None]:
        body = json.loads(delivery["body"])
        subject, text = mail.render_digest(body, lang) if body.get("type") == "digest" else mail.render_alert(body, lang)
        try:
            mail.send(self.settings, to=to, subject=subject, text=text)
        except Exception as e:  # noqa: BLE001 - any SMTP failure is a failed attempt, logged
            return None, f"{type(e).__name__}: {str(e)[:200]}"
        return 250, None

    def queue_digests(self, *, now: float) -> int:
        from orgnet.coverage.policies import configured_policy

        at = dt.datetime.fromtimestamp(now, dt.UTC)
        subs = [
            r["s"]
            for r in self.graph.read(
                f"MATCH (s:{SUBSCRIPTION_LABEL}) WHERE s.active AND s.channel = 'email' AND s.digest <> 'none' AND s.next_digest_at <= $now "
                "RETURN properties(s) AS s",
                {"now": at.isoformat()},
            )
        ]
        policy = configured_policy(self.settings) if subs else None
        for sub in subs:
            scope = tuple(sub["regions"])

            def open_alerts(region_id: str, scope: tuple[str, ...] = scope) -> list[dict[str, Any]]:
                return alerts_mod.list_alerts(self.graph, scope=scope, region=region_id, state="active", limit=20)

            digest = mail.build_digest(
                self.graph, regions=sub["regions"], period=DIGEST_PERIOD[sub["digest"]], policy=policy, today=at.date(), alerts_of=open_alerts
            )
            row = {
                "id": f"digest|{sub['id']}|{sub['next_digest_at']}",
                "event_id": f"digest|{sub['id']}|{sub['next_digest_at']}",
                "subscription_id": sub["id"],
                "channel": "email",
                "event_type": "digest",
                "seq": None,
                "body": dumps({"type": "digest", **digest}),
            }
            following = next_digest(sub["digest"], after=at, hour=self.settings.email_digest_hour)
            self.graph.write_many(
                [
                    deliveries.queue_statement([row], now=now),
                    (f"MATCH (s:{SUBSCRIPTION_LABEL} {{id: $id}}) SET s.next_digest_at = $next", {"id": sub["id"], "next": following}),
                ]
            )
        return len(subs)

    def prune(self, *, now: float) -> None:
        cutoff = dt.datetime.fromtimestamp(now - self.settings.events_retention_days * 86_400, dt.UTC)
        self.graph.write(
            f"MATCH (e:{OUTBOX_LABEL}) WHERE e.status = 'done' AND e.at < $cutoff WITH e LIMIT 10000 DETACH DELETE e",
            {"cutoff": cutoff},
        )
        self.graph.write(
            "MATCH (d:Delivery) WHERE d.state IN ['delivered', 'cancelled'] AND d.created_at < $cutoff WITH d LIMIT 10000 DETACH DELETE d",
            {"cutoff": cutoff},
        )

    # ------------------------------------------------------------------ thread

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="orgnet-events", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)
        self.release_lease()
        self._senders.shutdown(wait=False, cancel_futures=True)
        if self._http is not None:
            self._http.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            busy = 0
            try:
                if self.hold_lease():
                    busy = self.run_once()
            except Exception:  # noqa: BLE001 - Neo4j down, a timeout: the outbox keeps everything; try again
                log.warning("events dispatcher round failed; retrying", exc_info=True)
                self._lease_until = 0.0
                self._stop.wait(1.0)
            self._stop.wait(0 if busy else self.settings.events_poll_s)


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _deliveries_for(payload: dict[str, Any], subs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A delivery row per subscription that wants this event: its type, in its regions, and for
    e-mail only without a digest and only of alerts (a message per change is no e-mail: its renderer
    knows alerts and digests, and a ``change`` queued there failed every attempt); the body as the
    subscription's owner may see it."""
    rows = []
    for sub in subs:
        if payload["type"] not in (sub.get("events") or []):
            continue
        if sub["channel"] == "email" and (sub.get("digest", "none") != "none" or not payload["type"].startswith("alert.")):
            continue
        seen = project(payload, scope=tuple(sub.get("regions") or []), personal=bool(sub.get("personal")))
        if seen is None:
            continue
        rows.append(
            {
                "id": f"{payload['id']}|{sub['id']}",
                "event_id": payload["id"],
                "subscription_id": sub["id"],
                "channel": sub["channel"],
                "event_type": payload["type"],
                "seq": payload["seq"],
                "body": dumps(seen),
            }
        )
    return rows
