"""``orgnet alerts``: the events dispatcher as a process of its own, and alert rules, alerts and dead
deliveries on the server (the same operations as ``/v1/alert-rules``, ``/v1/alerts`` and the replay
route, unrestricted, recorded in the audit trail with path ``cli``)."""

from __future__ import annotations

import json
import signal
import time
from typing import Annotated

import typer

from orgnet.errors import OrgnetError

alerts_app = typer.Typer(help="Alert rules, alerts, dead deliveries, and the events dispatcher.", no_args_is_help=True)
rules_app = typer.Typer(help="Alert rules.", no_args_is_help=True)
alerts_app.add_typer(rules_app, name="rules")


def _graph():
    from orgnet.cli_support import open_graph
    from orgnet.settings import get_settings

    return open_graph(get_settings())


def _fail(e: OrgnetError) -> None:
    typer.echo(f"error: {e.detail}", err=True)
    for err in e.errors:
        typer.echo(f"  {err}", err=True)
    raise typer.Exit(1)


def _print(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@alerts_app.command("run")
def run(once: Annotated[bool, typer.Option("--once", help="One round (after taking the lease), then exit")] = False) -> None:
    """Run the events dispatcher until stopped (Ctrl-C, SIGTERM): publish the outbox, evaluate the rules, deliver.
    Only the holder of the lease in Neo4j works; start as many as you like."""
    from orgnet.events.dispatcher import Dispatcher
    from orgnet.settings import get_settings

    settings = get_settings()
    with _graph() as graph:
        dispatcher = Dispatcher(graph, settings)
        if once:
            deadline = time.monotonic() + settings.events_lease_s * 2
            while not dispatcher.hold_lease():
                if time.monotonic() > deadline:
                    typer.echo("another dispatcher holds the lease", err=True)
                    raise typer.Exit(1)
                time.sleep(0.5)
            typer.echo(f"{dispatcher.run_once()} done")
            dispatcher.release_lease()
            return
        signal.signal(signal.SIGTERM, lambda *_: dispatcher._stop.set())
        dispatcher.start()
        try:
            while dispatcher._thread is not None and dispatcher._thread.is_alive():
                dispatcher._thread.join(0.5)
        except KeyboardInterrupt:
            pass
        dispatcher.stop()


@rules_app.command("list")
def rules_list(region: Annotated[str | None, typer.Option(help="Only rules on this region's subtree")] = None) -> None:
    """Every alert rule (JSON)."""
    from orgnet.events import rules

    with _graph() as graph:
        _print(rules.list_rules(graph, scope=(region,) if region else None, limit=rules.MAX_RULES_PAGE))


@rules_app.command("add")
def rules_add(rule: Annotated[str, typer.Argument(help='The rule as JSON, as for POST /v1/alert-rules: \'{"name": ..., "region_id": ..., ...}\'')]) -> None:
    """Add an alert rule."""
    from orgnet.events import rules

    try:
        with _graph() as graph:
            _print(rules.create_rule(graph, rules.parse_rule(json.loads(rule)), account=None, role=None, path="cli"))
    except json.JSONDecodeError as e:
        typer.echo(f"error: not JSON: {e}", err=True)
        raise typer.Exit(1) from e
    except OrgnetError as e:
        _fail(e)


@rules_app.command("delete")
def rules_delete(rule_id: str) -> None:
    """Delete an alert rule (its open alerts are resolved)."""
    from orgnet.events import rules

    try:
        with _graph() as graph:
            rules.delete_rule(graph, rule_id, account=None, role=None, path="cli")
    except OrgnetError as e:
        _fail(e)
    typer.echo(f"deleted {rule_id}")


@alerts_app.command("list")
def alerts_list(
    state: Annotated[str, typer.Option(help="active, open, acknowledged, resolved or all")] = "active",
    region: Annotated[str | None, typer.Option(help="Only alerts of this region's subtree")] = None,
) -> None:
    """Alerts, newest first (JSON)."""
    from orgnet.events import alerts

    try:
        with _graph() as graph:
            _print(alerts.list_alerts(graph, scope=None, state=state, region=region, limit=alerts.MAX_ALERTS_PAGE))
    except OrgnetError as e:
        _fail(e)


@alerts_app.command("ack")
def alerts_ack(alert_id: str) -> None:
    """Acknowledge an open alert."""
    from orgnet.events import alerts

    try:
        with _graph() as graph:
            _print(alerts.acknowledge(graph, alert_id, account=None, role=None, path="cli"))
    except OrgnetError as e:
        _fail(e)


@alerts_app.command("replay")
def replay(
    subscription_id: str, delivery: Annotated[str | None, typer.Option(help="Only this delivery (default: every dead one of the subscription)")] = None
) -> None:
    """Replay dead-lettered deliveries of a subscription."""
    from orgnet.events import deliveries

    try:
        with _graph() as graph:
            _print({"replayed": deliveries.replay(graph, delivery_id=delivery, subscription_id=subscription_id, by="cli", path="cli")})
    except OrgnetError as e:
        _fail(e)
