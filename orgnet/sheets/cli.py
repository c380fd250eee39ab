"""``orgnet template`` and ``orgnet export-sheet``, and the spreadsheet half of ``orgnet import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orgnet.errors import OrgnetError

SHEET_SUFFIXES = (".xlsx", ".csv", ".xlsm", ".xls")


def template_cmd(
    section: Annotated[str, typer.Argument(help="`all` (every sheet) or a section, e.g. party_members or 党员")] = "all",
    region: Annotated[str | None, typer.Option(help="Region whose villages and people the lookup sheets list (default: the city)")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the workbook (default: orgnet-template-<section>.xlsx)")] = None,
) -> None:
    """Write a spreadsheet template to fill and import (`orgnet import FILE.xlsx`)."""
    from orgnet.cli import console, fail, open_graph
    from orgnet.settings import get_settings
    from orgnet.sheets import lookups
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
            )
    except OrgnetError as e:
        fail(e)
    console.print(f"wrote {path}")
