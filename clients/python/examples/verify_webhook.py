"""Verify orgnet's webhook signatures, and a small receiver that does.

Each delivery carries ``X-Orgnet-Signature: t=<unix seconds>,v1=<hex>``: HMAC-SHA256, keyed with the
subscription's secret (``whsec_...``, shown once when you made the subscription), of
``<t>.<the raw body>``.  Check it on the raw bytes before parsing them, refuse an old ``t`` (a replay),
and use ``X-Orgnet-Event-Id`` to drop a delivery you have had already (deliveries are at least once).

    python verify_webhook.py serve --port 9000 --secret "$WHSEC"      # a receiver that checks and prints
    python verify_webhook.py check --secret "$WHSEC" --header 't=...,v1=...' --body-file body.json

Only the standard library is needed.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOLERANCE_S = 300


def verify(secret: str, body: bytes, header: str, *, tolerance_s: int = TOLERANCE_S, now: float | None = None) -> bool:
    """Whether ``header`` (``X-Orgnet-Signature``) signs ``body`` with ``secret`` within ``tolerance_s``."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - t) > tolerance_s:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(parts.get("v1", ""), expected)


def receiver(secret: str, *, seen: set[str] | None = None, out=sys.stdout) -> type[BaseHTTPRequestHandler]:
    """A request handler that answers 400 to a bad signature, 200 otherwise (once per event id)."""
    seen = set() if seen is None else seen

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server interface
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not verify(secret, body, self.headers.get("X-Orgnet-Signature", "")):
                self.send_response(400)
                self.end_headers()
                return
            event_id = self.headers.get("X-Orgnet-Event-Id", "")
            if event_id not in seen:  # a delivery sent again: already handled
                seen.add(event_id)
                event = json.loads(body)
                print(f"{event.get('seq')} {event.get('type')} {event_id}", file=out, flush=True)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify orgnet webhook signatures")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="Receive webhooks, verify them, print each event once")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=9000)
    check = sub.add_parser("check", help="Verify one delivery: exit 0 when the signature is valid")
    check.add_argument("--header", required=True, help="The X-Orgnet-Signature value")
    check.add_argument("--body-file", type=Path, required=True, help="The raw body, byte for byte")
    check.add_argument("--tolerance-s", type=int, default=TOLERANCE_S)
    for p in (serve, check):
        p.add_argument(
            "--secret",
            default=os.environ.get("ORGNET_WEBHOOK_SECRET"),
            help="whsec_... (default: $ORGNET_WEBHOOK_SECRET)",
        )
    args = parser.parse_args(argv)
    if not args.secret:
        parser.error("--secret or $ORGNET_WEBHOOK_SECRET is required")
    if args.command == "check":
        ok = verify(args.secret, args.body_file.read_bytes(), args.header, tolerance_s=args.tolerance_s)
        print("valid" if ok else "INVALID")
        return 0 if ok else 1
    server = ThreadingHTTPServer((args.host, args.port), receiver(args.secret))
    print(f"listening on http://{args.host}:{args.port}/", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
