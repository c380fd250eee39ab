"""``orgnet template`` and ``orgnet export-sheet``, and the spreadsheet half of ``orgnet import``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from orgnet.errors import OrgnetError

SHEET_SUFFIXES = (".xlsx", ".csv", ".xlsm", ".xls")


def template_cmd(
    section: Annotated[str, typer.Argument(help="`all` (every sheet) or a section, e.g. party_members or 党员")] = "all",
    region: Annotated[str | None, typer.Option(help="Region whose villages and people the lookup sheets list (default: the city)")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the workbook (default: orgnet-template-<section>.xlsx)")] = None,
    filled: Annotated[bool, typer.Option("--filled", help="Fill the sheets with the region's current records (an export to edit and import)")] = False,
) -> None:
    """Write a spreadsheet template to fill and import (`orgnet import FILE.xlsx`), or with --filled an export."""
    from orgnet.cli_support import console, fail, open_graph
    from orgnet.settings import get_settings
    from orgnet.sheets import export, lookups
    from orgnet.sheets.templates import sections_named, write_workbook

    settings = get_settings()
    try:
        sections = sections_named(section)
    except KeyError:
        console.print(f"[bold red]error:[/] no section {section!r}")
        raise typer.Exit(2) from None
    path = out or Path(f"orgnet-template-{section}.xlsx")
    try:
        with open_graph(settings) as graph, path.open("wb") as f:
            write_workbook(
                f,
                sections,
                villages=lookups.villages(graph, region, limit=settings.sheet_max_rows),
                people=lookups.people(graph, region, names=True, limit=settings.sheet_lookup_max_rows),
                rows={s.section: export.records(graph, s, region, limit=settings.sheet_max_rows) for s in sections} if filled else None,
            )
    except OrgnetError as e:
        fail(e)
    console.print(f"wrote {path}")


def import_sheet(file: Path, *, commit: bool, errors_out: Path | None, refresh: Callable[..., None]) -> None:
    """``orgnet import FILE.xlsx|.csv``: the dry run, the refused rows at their cells, and with
    ``--commit`` the write (one transaction, one change record); ``--errors-out``: the error workbook;
    ``refresh``: the CLI's refresh of the summaries (with its progress bar)."""
    import getpass

    from rich.table import Table

    from orgnet.cli_support import console, fail, open_graph
    from orgnet.coverage.summaries import metrics_for_bundle
    from orgnet.graph.schema import apply_schema
    from orgnet.settings import get_settings
    from orgnet.sheets import plan
    from orgnet.sheets.reader import Limits, read_file
    from orgnet.sheets.templates import write_workbook
    from orgnet.writes import workflow

    settings = get_settings()
    try:
        book = read_file(file.name, file.read_bytes(), Limits.of(settings))
        with open_graph(settings) as graph:
            apply_schema(graph)
            the_plan = plan.dry_run(graph, book, id_key=settings.effective_id_number_secret())
            table = Table(title=f"{file.name} ({'commit' if commit else 'dry run'})")
            for name in ("section", *plan.STATUSES):
                table.add_column(name, justify="left" if name == "section" else "right")
            for section, counts in the_plan.counts().items():
                table.add_row(section, *(f"{counts[s]:,}" for s in plan.STATUSES))
            console.print(table)
            for note in book.notes:
                console.print(f"[yellow]{note['zh']}[/] ({note['en']})")
            refused = the_plan.as_dict()["refused"]
            for r in refused[:50]:
                console.print(f"[red]{r['cell']}[/] {r['value']!r}: {r['reason_zh']} ({r['reason']})")
            if len(refused) > 50:
                console.print(f"... and {len(refused) - 50:,} more refusals (--errors-out FILE writes them all)")
            if errors_out is not None:
                with errors_out.open("wb") as f:
                    write_workbook(f, list(dict.fromkeys(s.section for s in book.sheets)), refused=the_plan.refused_rows())
                console.print(f"refused rows written to {errors_out}")
            if not commit:
                console.print("dry run: nothing written; `--commit` writes the added and changed rows")
                return
            metrics = metrics_for_bundle(the_plan.bundle()) if the_plan.to_write else []
            author = workflow.Author(path="cli", account=f"os:{getpass.getuser()}")
            body = plan.commit(graph, the_plan, author=author, policy=None, batch_size=settings.write_batch_size, in_scope=None)
            console.print(f"written: {body['written'] or 'nothing (every row unchanged or refused)'}")
            if metrics:
                refresh(graph, settings, metrics=metrics)
    except OrgnetError as e:
        fail(e)
