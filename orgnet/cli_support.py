"""What every ``orgnet`` command group shares: the console, how an error is printed (and the exit
code it gives), opening the graph and the local server, progress bars.  The subcommand modules
(``accounts/cli.py``, ``exchange/cli.py``, ``events/cli.py``) import it, and ``cli.py`` gathers the
groups: no command module imports ``cli.py``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from orgnet.errors import InvalidInput, OrgnetError
from orgnet.settings import Settings

console = Console(stderr=True)


def fail(e: OrgnetError) -> None:
    console.print(f"[bold red]error:[/] {e.detail}")
    for err in e.errors[:50]:
        where = f"{err.get('section', '')}[{err.get('index')}]" if err.get("index") is not None else err.get("section", "")
        rid = f" (id {err['id']})" if err.get("id") else ""
        console.print(f"  {where}{rid} {err.get('field', '')}: {err.get('reason', '')}")
    if len(e.errors) > 50:
        console.print(f"  ... and {len(e.errors) - 50} more")
    raise typer.Exit(code=2 if isinstance(e, InvalidInput) else 1)


def local_server(settings: Settings):
    from orgnet.graph.local_server import LocalServer

    return LocalServer(settings, say=lambda m: console.print(f"[cyan]{m}[/]"))


def open_graph(settings: Settings):
    from orgnet.graph.db import Graph

    return Graph.from_settings(settings)


def progress_bars() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def print_load_report(report, title: str) -> None:
    table = Table(title=title)
    table.add_column("section")
    table.add_column("records", justify="right")
    for section, n in report.records.items():
        table.add_row(section, f"{n:,}")
    table.add_row("[bold]total", f"[bold]{report.total:,}")
    console.print(table)
    console.print(f"{report.seconds:.1f} s, {report.rows_per_second:,.0f} records/s")


def section_progress(progress: Progress, totals: dict[str, int]):
    """An ``on_batch`` callback: one progress bar per section, sized by the expected records."""
    tasks: dict[str, int] = {}

    def on_batch(section: str, n: int) -> None:
        if section not in tasks:
            tasks[section] = progress.add_task(section, total=totals.get(section))
        progress.advance(tasks[section], n)

    return on_batch
