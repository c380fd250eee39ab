"""``orgnet accounts add|list|revoke|rotate``: the same operations as ``/v1/accounts``, on the server."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from orgnet.accounts import store
from orgnet.cli_support import fail, open_graph
from orgnet.errors import OrgnetError
from orgnet.settings import get_settings

accounts_app = typer.Typer(help="API accounts: role, scope regions, tokens (shown once, stored as a hash).", no_args_is_help=True)
out = Console()


def _graph():
    return open_graph(get_settings())


def _say_token(account: dict, token: str, *, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"account": account, "token": token}, ensure_ascii=False))
        return
    out.print(f"Account {account['id']} ({account['name']}, {account['role']}, scope {', '.join(account['scope'])})")
    out.print("Token (shown this once; only its hash is stored):")
    typer.echo(token)


@accounts_app.command("add")
def add(
    name: Annotated[str, typer.Option(help="Who uses the account")],
    role: Annotated[str, typer.Option(help="viewer, planner, admin or exchange (pushes exchange files)")],
    scope: Annotated[list[str], typer.Option(help="Region id (repeat for several; the city's id: everywhere)")],
    expires: Annotated[str | None, typer.Option(help="YYYY-MM-DD (valid through that day, UTC) or ISO date-time")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {account, token} as JSON")] = False,
) -> None:
    """Add an account and print its token once."""
    try:
        with _graph() as graph:
            account, token = store.add_account(graph, name=name, role=role, scope=scope, expires_at=expires, created_by="cli")
    except OrgnetError as e:
        fail(e)
    _say_token(account, token, as_json=as_json)


@accounts_app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Every account (never a token or its hash)."""
    try:
        with _graph() as graph:
            accounts, after = [], None
            while page := store.list_accounts(graph, after=after, limit=500):
                accounts += page
                after = page[-1]["id"]
    except OrgnetError as e:
        fail(e)
    if as_json:
        typer.echo(json.dumps(accounts, ensure_ascii=False))
        return
    table = Table("id", "name", "role", "scope", "created", "expires", "state")
    for a in accounts:
        state = "revoked" if a["disabled"] else "expired" if a["expired"] else "active"
        table.add_row(a["id"], a["name"], a["role"], ", ".join(a["scope"]), a["created_at"], a["expires_at"] or "never", state)
    out.print(table)


@accounts_app.command("revoke")
def revoke(account_id: Annotated[str, typer.Argument(help="Account id")]) -> None:
    """Revoke an account: its token stops working at once (the account stays, for the record)."""
    try:
        with _graph() as graph:
            account = store.revoke_account(graph, account_id=account_id)
    except OrgnetError as e:
        fail(e)
    out.print(f"Account {account['id']} revoked at {account['disabled_at']}.")


@accounts_app.command("rotate")
def rotate(
    account_id: Annotated[str, typer.Argument(help="Account id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print {account, token} as JSON")] = False,
) -> None:
    """A new token for the account (printed once); the old one stops working at once."""
    try:
        with _graph() as graph:
            account, token = store.rotate_token(graph, account_id=account_id)
    except OrgnetError as e:
        fail(e)
    _say_token(account, token, as_json=as_json)
