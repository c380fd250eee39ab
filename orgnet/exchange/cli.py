"""``orgnet exchange``: export this instance's coverage summaries, push them, import a file."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from orgnet.cli_support import fail, open_graph
from orgnet.errors import DatabaseUnavailable, InvalidInput, OrgnetError

exchange_app = typer.Typer(help="The aggregate exchange: coverage summaries (counts only) between instances.", no_args_is_help=True)
out = Console()
PUSH_TIMEOUT_S = 300.0


def push(data: dict[str, Any], *, url: str, token: str) -> dict[str, Any]:
    """POST the file to a receiving instance's ``/v1/exchange``; its answer, or the receiver's
    problem detail as :class:`InvalidInput` (4xx: nothing written there) / :class:`DatabaseUnavailable`."""
    target = url.rstrip("/") + "/v1/exchange"
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(target, data=body, method="POST", headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=PUSH_TIMEOUT_S) as response:  # noqa: S310 - the operator names the receiver
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        try:
            problem = json.loads(e.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            problem = {}
        detail = f"{target} refused the file ({e.code}): {problem.get('detail', e.reason)}"
        if e.code < 500:
            raise InvalidInput(detail, errors=problem.get("errors") or []) from e
        raise DatabaseUnavailable(detail) from e
    except (urllib.error.URLError, OSError) as e:
        raise DatabaseUnavailable(f"{target} could not be reached: {e}") from e


@exchange_app.command("export")
def export_cmd(
    level: Annotated[str, typer.Option(help="Publish regions down to this level (city, county, town, village)")] = "county",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the file here (default: standard output)")] = None,
    push_to: Annotated[str | None, typer.Option("--push", help="Base URL of the receiving orgnet (POST /v1/exchange)")] = None,
    token: Annotated[
        str | None, typer.Option(envvar="ORGNET_EXCHANGE_TOKEN", help="The receiver's exchange-role token (for --push); env ORGNET_EXCHANGE_TOKEN")
    ] = None,
) -> None:
    """Export the coverage summaries down to a level: checksummed (and signed with EXCHANGE_KEY)."""
    from orgnet.coverage.policies import configured_policy
    from orgnet.exchange.publish import build_export
    from orgnet.settings import get_settings

    settings = get_settings()
    try:
        if push_to and not token:
            raise InvalidInput("--push needs the receiver's exchange-role token: --token or ORGNET_EXCHANGE_TOKEN.")
        with open_graph(settings) as graph:
            data = build_export(graph, policy=configured_policy(settings), level=level, source=settings.exchange_source, key=settings.exchange_key_bytes)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if out_file is not None:
            out_file.write_text(text + "\n", encoding="utf-8")
            out.print(f"{len(data['regions'])} regions, {len(data['summaries'])} summaries → {out_file} (sha256 {data['sha256'][:12]}…)", highlight=False)
        elif not push_to:
            print(text)
        if push_to:
            answer = push(data, url=push_to, token=token or "")
            out.print(f"pushed to {push_to}: {answer['written']} summaries written, {answer['unchanged']} unchanged", highlight=False)
    except OrgnetError as e:
        fail(e)


@exchange_app.command("import")
def import_cmd(file: Annotated[Path, typer.Argument(help="An exchange file (format orgnet-exchange)", exists=True, dir_okay=False)]) -> None:
    """Import an exchange file; importing the same file again changes nothing."""
    from orgnet.coverage.policies import configured_policy
    from orgnet.exchange.receive import import_exchange
    from orgnet.graph.schema import apply_schema
    from orgnet.settings import get_settings

    settings = get_settings()
    try:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise InvalidInput(f"{file}: not valid JSON; nothing was imported.") from e
        with open_graph(settings) as graph:
            apply_schema(graph)
            report = import_exchange(
                graph, data=data, policy=configured_policy(settings), listed_policies=settings.exchange_policy_list, key=settings.exchange_key_bytes
            )
        out.print(
            f"{report['source']}: {report['regions']} regions down to {report['level']}, "
            f"{report['written']} summaries written, {report['unchanged']} unchanged",
            highlight=False,
        )
    except OrgnetError as e:
        fail(e)


@exchange_app.command("policy")
def policy_cmd() -> None:
    """Print the fingerprint of this instance's active policy (what a receiver lists in EXCHANGE_POLICIES)."""
    from orgnet.coverage.policies import configured_policy
    from orgnet.coverage.summary_state import policy_fingerprint
    from orgnet.settings import get_settings

    print(policy_fingerprint(configured_policy(get_settings())))
