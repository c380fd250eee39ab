"""Follow orgnet's event stream (``GET /v1/events``, Server-Sent Events): changes and alerts of your
scope as they happen, each parsed into the typed ``Event`` model; after a dropped connection it
reconnects with ``Last-Event-ID`` and gets what it missed first.

    python follow_events.py --base-url http://127.0.0.1:8000 --token "$ORGNET_TOKEN" [--region 320321]

Prints one line per event (``seq type regions``); ``--json`` prints each event as JSON instead.
``--max-events N`` stops after N events (for scripts and tests); ``--last-event-id`` starts after a
``seq`` you saved.  Without SSE (a proxy that buffers), ``--poll`` asks for pages instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator

import httpx

from orgnet_client import AuthenticatedClient
from orgnet_client.api.events import events_v1_events_get as events_api
from orgnet_client.models import Event, EventPage
from orgnet_client.types import UNSET


def sse(lines: Iterator[str]) -> Iterator[tuple[str | None, str | None, str]]:
    """(id, event, data) of each message of a Server-Sent Events stream; comments skipped."""
    fields: dict[str, str] = {}
    for line in lines:
        if not line:
            if "data" in fields:
                yield fields.get("id"), fields.get("event"), fields["data"]
            fields = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(":")
            fields[key] = value.removeprefix(" ")


def follow(
    client: AuthenticatedClient, *, region: str | None = None, last_event_id: int | None = None, retry_s: float = 2.0
) -> Iterator[Event]:
    """Events as they come, for ever: reconnects (with ``Last-Event-ID``) when the stream ends or drops."""
    http = client.get_httpx_client()
    while True:
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        try:
            with http.stream(
                "GET",
                "/v1/events",
                params={"region": region} if region else None,
                headers=headers,
                timeout=httpx.Timeout(30, read=None),
            ) as r:
                if r.status_code != 200:
                    raise SystemExit(
                        f"orgnet refused the stream: HTTP {r.status_code} {r.read().decode(errors='replace')[:300]}"
                    )
                for seq, kind, data in sse(r.iter_lines()):
                    if kind == "reset":  # events older than the server keeps: reload what you show
                        print("(some events are no longer kept: reload)", file=sys.stderr)
                        continue
                    event = Event.from_dict(json.loads(data))
                    last_event_id = int(seq) if seq else event.seq
                    yield event
        except httpx.TransportError as e:
            print(f"(stream dropped: {e}; resuming after {last_event_id})", file=sys.stderr)
        time.sleep(retry_s)


def poll(
    client: AuthenticatedClient, *, region: str | None = None, last_event_id: int | None = None, every_s: float = 2.0
) -> Iterator[Event]:
    """The same events by pages (``after``), for where a stream cannot pass."""
    after = last_event_id or 0
    while True:
        page = events_api.sync(client=client, region=region or UNSET, after=after, limit=500)
        if not isinstance(page, EventPage):
            raise SystemExit(f"orgnet refused: {page}")
        yield from page.items
        after = page.last_event_id or after
        if len(page.items) < 500:
            time.sleep(every_s)


def describe(event: Event) -> str:
    regions = ",".join(r.id for r in event.touched.regions)
    alert = event.alert.to_dict() if event.alert else {}
    extra = f" {alert.get('state')} {alert.get('region_name') or alert.get('region_id')}" if alert else ""
    return f"{event.seq} {event.type_} {regions}{extra}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Follow orgnet's event stream")
    parser.add_argument("--base-url", default=os.environ.get("ORGNET_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("ORGNET_TOKEN"), help="API token (default: $ORGNET_TOKEN)")
    parser.add_argument("--region", help="Only events of this region's subtree")
    parser.add_argument("--last-event-id", type=int, help="Start after this seq (default: from now on)")
    parser.add_argument("--max-events", type=int, help="Stop after this many events")
    parser.add_argument("--json", action="store_true", help="Print each event as JSON")
    parser.add_argument("--poll", action="store_true", help="Ask for pages instead of a stream")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("--token or $ORGNET_TOKEN is required")
    with AuthenticatedClient(base_url=args.base_url, token=args.token) as client:
        source = (poll if args.poll else follow)(client, region=args.region, last_event_id=args.last_event_id)
        for n, event in enumerate(source, start=1):
            print(json.dumps(event.to_dict(), ensure_ascii=False) if args.json else describe(event), flush=True)
            if args.max_events and n >= args.max_events:
                return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
