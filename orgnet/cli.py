"""The ``orgnet`` command line: local server, schema, seed, import, stats, serve, run.

What the command groups share (the error printer, opening the graph, progress bars) is in
:mod:`orgnet.cli_support`; the groups of ``accounts``, ``exchange`` and ``alerts`` live beside their modules.

It is over 400 lines because it holds every command of the ``orgnet`` group, each a thin layer over its module.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.table import Table

from orgnet.accounts.cli import accounts_app
from orgnet.cli_support import console, fail, local_server, open_graph, print_load_report, progress_bars, section_progress
from orgnet.errors import InvalidInput, OrgnetError
from orgnet.events.cli import alerts_app
from orgnet.exchange.cli import exchange_app
from orgnet.settings import Settings, get_settings

app = typer.Typer(help="orgnet: a city's party and government network in Neo4j, with coverage analysis.", no_args_is_help=True)
neo4j_app = typer.Typer(help="The local Neo4j server (not used when NEO4J_URI is set).", no_args_is_help=True)
schema_app = typer.Typer(help="Constraints and indexes.", no_args_is_help=True)
summaries_app = typer.Typer(help="Stored coverage summaries (fast rollups at every level).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(summaries_app, name="summaries")
app.add_typer(accounts_app, name="accounts")
app.add_typer(exchange_app, name="exchange")
app.add_typer(alerts_app, name="alerts")

Scale = Literal["demo", "city", "province"]
SCALE_HELP = "demo (default, loads in seconds), city (full 10x10) or province (Jiangsu's 13 cities; Xuzhou at --city-scale)"


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Install (once) and start the local Neo4j; waits until Bolt answers."""
    settings = get_settings()
    if not settings.uses_local_server:
        console.print(f"NEO4J_URI is set ({settings.neo4j_uri}): orgnet uses that server and starts nothing.")
        return
    try:
        status = local_server(settings).start()
    except OrgnetError as e:
        fail(e)
    console.print(f"Neo4j {status.describe()}")
    console.print(f"User {settings.neo4j_user}; password in {settings.password_file}")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j cleanly (idempotent)."""
    settings = get_settings()
    if not settings.uses_local_server:
        console.print("NEO4J_URI is set: nothing local to stop.")
        return
    local_server(settings).stop()
    console.print("Neo4j stopped.")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Is the local Neo4j running?  Exit code 0 if so, 3 if not."""
    settings = get_settings()
    if not settings.uses_local_server:
        console.print(f"Using {settings.neo4j_uri} (NEO4J_URI).")
        return
    status = local_server(settings).status()
    console.print(f"Neo4j {status.describe()}")
    raise typer.Exit(code=0 if status.running else 3)


@neo4j_app.command("password")
def neo4j_password() -> None:
    """Print the local server's password (stored in ORGNET_HOME/neo4j-password)."""
    print(get_settings().effective_password())


@schema_app.command("apply")
def schema_apply() -> None:
    """Create every constraint and index (idempotent) and wait until they are online."""
    from orgnet.graph.schema import apply_schema

    try:
        with open_graph(get_settings()) as graph:
            apply_schema(graph)
    except OrgnetError as e:
        fail(e)
    console.print("Schema applied.")


def refresh_summaries(graph, settings: Settings, *, metrics: list[str] | None = None, after_write: bool = True) -> None:
    """Recompute the stored coverage summaries after a write, with a progress bar.

    ``after_write``: the data is committed, so a failed refresh is reported as a warning (the
    summaries stay stale; the API runs the live queries), never as a failed write.
    """
    from orgnet.coverage.policies import configured_policy
    from orgnet.coverage.summaries import refresh

    if metrics == []:
        console.print("coverage summaries: every metric's are fresh for the active policy")
        return
    policy = configured_policy(settings)
    try:
        with progress_bars() as progress:
            task = progress.add_task("coverage summaries", total=len(metrics) if metrics is not None else None)
            report = refresh(graph, policy=policy, metrics=metrics, progress=lambda _m, done, total: progress.update(task, completed=done, total=total))
    except OrgnetError as e:
        if not after_write:
            raise
        console.print(
            f"[yellow]The data is written, but the coverage summaries were not recomputed ({e.detail}); they stay stale "
            "and the API runs the live queries until `orgnet summaries refresh --only-stale`.[/]"
        )
        return
    console.print(f"coverage summaries: {len(report.metrics)} metric(s) x {report.regions:,} regions in {report.seconds:.1f} s")
    if report.kept_received:
        shown = ", ".join(report.kept_received[:10]) + (" …" if len(report.kept_received) > 10 else "")
        console.print(
            f"kept as received: the figures of {len(report.kept_received):,} region(s) came through the aggregate exchange "
            f"(or sum those that did) and have no items here, so they were not recomputed: {shown}"
        )
    if report.skipped_because_written_meanwhile:
        console.print(f"[yellow]written meanwhile, still stale: {', '.join(report.skipped_because_written_meanwhile)}[/]")


def _stream(seed: int, scale: Scale, city_scale: Scale, density: float) -> tuple[Any, dict[str, int], str]:
    """The seed records of one scale, the expected records per section (progress) and a title."""
    from orgnet.seed import generator, province

    if scale == "province":
        title = f"jiangsu-province (seed {seed}, Xuzhou at scale {city_scale}, density {density:g})"
        return province.generate(seed=seed, scale=city_scale, density=density), {}, title  # type: ignore[arg-type]
    totals = generator.expected_figures(scale).get("records_per_section", {})
    return generator.generate(seed=seed, scale=scale), totals, f"xuzhou-2020 (seed {seed}, scale {scale})"


def load_seed(settings: Settings, *, seed: int, scale: Scale, city_scale: Scale = "city", density: float = 1.0) -> None:
    from orgnet.graph.schema import apply_schema
    from orgnet.writes.workflow import load_seed as write_seed

    stream, totals, title = _stream(seed, scale, city_scale, density)
    with open_graph(settings) as graph, progress_bars() as progress:
        apply_schema(graph)
        report = write_seed(
            graph,
            stream,
            description=f"{title}",
            batch_size=settings.write_batch_size,
            on_batch=section_progress(progress, totals),
        )
    print_load_report(report, f"{title} loaded")
    with open_graph(settings) as graph:
        refresh_summaries(graph, settings)


def _check_scales(scale: str, city_scale: str) -> None:
    if scale not in ("demo", "city", "province") or city_scale not in ("demo", "city"):
        console.print("[red]--scale must be demo, city or province; --city-scale demo or city[/]")
        raise typer.Exit(2)


CityScale = Annotated[str, typer.Option(help="With --scale province: Xuzhou's scale (demo or city); the other cities follow its density")]
Density = Annotated[float, typer.Option(min=0.001, max=1.0, help="With --scale province: the other cities' rural scheme times this")]


@app.command("seed")
def seed_cmd(
    scenario: Annotated[str, typer.Argument(help="Scenario name")] = "xuzhou-2020",
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same graph")] = 2020,
    scale: Annotated[str, typer.Option(help=SCALE_HELP)] = "demo",
    out: Annotated[Path | None, typer.Option(help="Write the bundle JSON here instead of loading it (demo or city)")] = None,
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Load only when the database is empty")] = False,
    city_scale: CityScale = "city",
    density: Density = 1.0,
) -> None:
    """Generate the seed scenario and load it (or write it as a bundle file)."""
    if scenario != "xuzhou-2020":
        console.print(f"[red]Unknown scenario {scenario!r}; available: xuzhou-2020[/]")
        raise typer.Exit(2)
    _check_scales(scale, city_scale)
    settings = get_settings()
    if out is not None:
        if scale == "province":
            console.print("[red]--out writes the city scenario only (demo or city)[/]")
            raise typer.Exit(2)
        from orgnet.seed.generator import write_bundle

        write_bundle(out, seed=seed, scale=scale)
        console.print(f"Bundle written to {out}")
        return
    try:
        if if_empty:
            from orgnet.graph.stats import is_empty

            with open_graph(settings) as graph:
                if not is_empty(graph):
                    console.print("The database is not empty: seed not loaded (drop --if-empty to load anyway).")
                    return
        load_seed(settings, seed=seed, scale=scale, city_scale=city_scale, density=density)  # type: ignore[arg-type]
    except OrgnetError as e:
        fail(e)


@app.command("load")
def load_cmd(
    offline: Annotated[bool, typer.Option("--offline", help="Fast initial load: neo4j-admin import into the empty local database")] = False,
    scale: Annotated[str, typer.Option(help=SCALE_HELP)] = "demo",
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same graph")] = 2020,
    replace: Annotated[bool, typer.Option("--replace", help="Replace what the database holds (without it, --offline needs an empty database)")] = False,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Transactional: batches of one section written concurrently")] = 2,
    city_scale: CityScale = "city",
    density: Density = 1.0,
) -> None:
    """Load the xuzhou-2020 scenario (or the province): transactionally (MERGE batches) or --offline (neo4j-admin import)."""
    _check_scales(scale, city_scale)
    settings = get_settings()
    try:
        if not offline:
            from orgnet.graph.schema import apply_schema
            from orgnet.writes.workflow import load_seed as write_seed

            stream, totals, title = _stream(seed, scale, city_scale, density)  # type: ignore[arg-type]
            with open_graph(settings) as graph, progress_bars() as progress:
                if replace:
                    graph.delete_all()
                apply_schema(graph)
                report = write_seed(
                    graph,
                    stream,
                    description=f"{title} (orgnet load)",
                    batch_size=settings.write_batch_size,
                    on_batch=section_progress(progress, totals),
                    workers=workers,
                )
            print_load_report(report, f"{title} loaded")
            with open_graph(settings) as graph:
                refresh_summaries(graph, settings)
            return
        from orgnet.graph.offline import offline_load
        from orgnet.seed.parts import seed_parts

        batches, totals, title = _stream(seed, scale, city_scale, density)  # type: ignore[arg-type]
        total = sum(totals.values()) or None
        parallel: list[Any] = []
        if scale != "province":  # the city scenario streams its big sections from a second process
            batches, parallel = seed_parts(seed, scale)
        with progress_bars() as progress:
            task = progress.add_task("CSV files", total=total)
            report = offline_load(
                settings,
                batches,
                parallel=parallel,
                replace=replace,
                on_batch=lambda _s, n: progress.advance(task, n),
                say=lambda m: console.print(f"[cyan]{m}[/]"),
            )
        from orgnet.writes.workflow import record_seed_change

        with open_graph(settings) as graph:
            # the store was replaced: its first change record says by what
            record_seed_change(graph, description=f"{title} (orgnet load --offline)", records=report.records, action="offline_load")
            refresh_summaries(graph, settings)
    except OrgnetError as e:
        fail(e)
    print_load_report(report, f"{title} imported offline")
    console.print(
        f"CSV {report.seconds_csv:.1f} s, neo4j-admin import {report.seconds_import:.1f} s, "
        f"start {report.seconds_start:.1f} s, schema {report.seconds_schema:.1f} s; "
        f"{report.nodes:,} nodes, {report.relationships:,} relationships"
    )


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="A bundle JSON file (format orgnet-bundle/1)", exists=True, dir_okay=False)],
    atomic: Annotated[bool, typer.Option(help="One transaction for the whole bundle (all or nothing; needs heap for all of it)")] = False,
    allow_new_root: Annotated[
        bool, typer.Option("--allow-new-root", help="Accept a region without a parent besides the existing root (a second city)")
    ] = False,
) -> None:
    """Validate a bundle and load it; an invalid bundle is refused whole.

    Without --atomic the bundle is written in batches as a journaled job: if it is interrupted,
    the rows committed stay, `orgnet import` says how many, and rerunning it on the same file
    resumes after the last committed batch.
    """
    import getpass
    import hashlib

    from orgnet.coverage.summaries import metrics_for_bundle
    from orgnet.graph.loader import start_import_job, unfinished_imports
    from orgnet.graph.schema import apply_schema
    from orgnet.graph.validate import check_bundle, parse_bundle
    from orgnet.writes import workflow

    settings = get_settings()
    job = None
    try:
        raw = file.read_bytes()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            where = f" (line {e.lineno}, column {e.colno}: {e.msg})" if isinstance(e, json.JSONDecodeError) else ""
            raise InvalidInput(f"{file}: not valid JSON{where}; nothing was written.") from e
        bundle = parse_bundle(data)
        metrics = metrics_for_bundle(bundle)
        total = bundle.total_records()
        with open_graph(settings) as graph:
            apply_schema(graph)
            if not atomic:
                check_bundle(bundle, graph, allow_new_root=allow_new_root)  # refused whole before any job is recorded
                sha256 = hashlib.sha256(raw).hexdigest()
                for other in unfinished_imports(graph):
                    if other["sha256"] != sha256:
                        console.print(
                            f"[yellow]unfinished import of other content: {other['source']}: {other['committed_rows']:,} of "
                            f"{other['total_rows']:,} rows written ({other['status']}); rerun `orgnet import` on that file[/]"
                        )
                job = start_import_job(
                    graph, source=str(file), sha256=sha256, total_rows=total, batch_size=settings.write_batch_size, lease_s=settings.import_lease_s
                )
                if job.committed_units:
                    console.print(
                        f"[yellow]resuming: an earlier run of this import ({job.started_at}) wrote {job.committed_rows:,} of "
                        f"{total:,} rows; continuing after its last committed batch[/]"
                    )
            with progress_bars() as progress:
                # the bar counts committed rows: it moves when a batch's transaction has committed
                task = progress.add_task(file.name, total=total, completed=job.committed_rows if job else 0)
                advance = lambda _s, n: progress.advance(task, n)  # noqa: E731
                report = workflow.import_bundle(
                    graph,
                    bundle,
                    author=workflow.Author(path="cli", account=f"os:{getpass.getuser()}"),
                    policy=None,
                    batch_size=settings.write_batch_size,
                    atomic=job is None,
                    on_batch=advance,
                    allow_new_root=allow_new_root,
                    job=job,
                ).report
            print_load_report(report, f"{file} imported")
            if report.resumed_rows:
                console.print(f"({report.resumed_rows:,} of them written by the earlier, interrupted run)")
            for move in report.moves:
                console.print(f"moved {move['section']} {move['id']}: {move['field']} {move['from']} -> {move['to']}")
            refresh_summaries(graph, settings, metrics=metrics)
    except KeyboardInterrupt:
        if job is not None:
            console.print(f"[bold red]partial:[/] {job.committed_rows:,} of {job.total_rows:,} rows written; rerun `orgnet import {file}` to complete")
        raise typer.Exit(130) from None
    except OrgnetError as e:
        fail(e)


@summaries_app.command("refresh")
def summaries_refresh_cmd(
    only_stale: Annotated[bool, typer.Option("--only-stale", help="Only metrics whose summaries are stale or from another policy")] = False,
) -> None:
    """Recompute the stored coverage summaries (after edits made outside orgnet, or a new POLICY_FILE / POLICY_FILES).

    Figures received through the aggregate exchange (and the regions above them) are kept as received."""
    from orgnet.coverage.policies import configured_policy
    from orgnet.coverage.summary_state import summary_status

    settings = get_settings()
    try:
        with open_graph(settings) as graph:
            metrics = None
            if only_stale:
                status = summary_status(graph, policy=configured_policy(settings))
                metrics = [m for m, s in status.items() if not s["fresh"]]
            refresh_summaries(graph, settings, metrics=metrics, after_write=False)
    except OrgnetError as e:
        fail(e)


@summaries_app.command("status")
def summaries_status_cmd(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Per metric: whether the stored summaries are fresh for the active policy, and when computed."""
    from orgnet.coverage.policies import configured_policy, policy_table, regional_files
    from orgnet.coverage.summary_state import summary_status
    from orgnet.graph.loader import unfinished_imports

    settings = get_settings()
    try:
        with open_graph(settings) as graph:
            policy = configured_policy(settings)
            status = summary_status(graph, policy=policy)
            unfinished = unfinished_imports(graph)
    except OrgnetError as e:
        fail(e)
    policies = policy_table(policy, sources=regional_files(settings.policy_files))
    if as_json:
        print(json.dumps({**status, "policies": policies}, indent=2))
        return
    policy_lines = Table(title="policies the summaries are computed under (POLICY_FILE, POLICY_FILES)")
    for col in ("region", "policy", "fingerprint", "file"):
        policy_lines.add_column(col)
    for p in policies:
        default_source = str(settings.policy_file) if settings.policy_file else "orgnet/policy/default.toml"
        policy_lines.add_row(p["region_id"] or "every other region", p["name"], p["fingerprint"], p["source"] or default_source)
    Console().print(policy_lines)
    table = Table(title="coverage summaries")
    for col in ("metric", "fresh", "stale", "policy matches", "changed outside orgnet", "computed at"):
        table.add_column(col)
    for metric, s in status.items():
        outside = "[red]yes" if s["changed_outside_orgnet"] else "no"
        table.add_row(metric, "yes" if s["fresh"] else "[red]no", str(s["stale"]), str(s["policy_matches"]), outside, s["computed_at"] or "")
    Console().print(table)
    changed = [m for m, s in status.items() if s["changed_outside_orgnet"]]
    if changed:
        console.print(
            f"[bold red]The graph changed outside orgnet[/] since the summaries of {', '.join(changed)} were computed "
            "(nodes or relationships added or deleted): the API runs their live queries; "
            "`orgnet summaries refresh --only-stale` recomputes them."
        )
    for job in unfinished:
        console.print(
            f"[bold red]unfinished import:[/] {job['source']}: {job['committed_rows']:,} of {job['total_rows']:,} rows "
            f"written ({job['status']}, started {job['started_at']}); rerun `orgnet import` on it to complete"
        )


@app.command("changes")
def changes_cmd(
    region: Annotated[str | None, typer.Option(help="Changes touching this region or anything under it")] = None,
    since: Annotated[str | None, typer.Option(help="From this time (ISO 8601)")] = None,
    until: Annotated[str | None, typer.Option(help="Before this time (ISO 8601)")] = None,
    account: Annotated[str | None, typer.Option(help="Made by this account")] = None,
    kind: Annotated[str | None, typer.Option(help="Record kind (a bundle section), or bundle")] = None,
    item: Annotated[str | None, typer.Option(help="Touching this record id")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="How many, newest first")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines")] = False,
) -> None:
    """The audit trail: who changed what, when, by which path (newest first)."""
    import datetime as dt

    from orgnet.writes.changes import list_changes

    try:
        when = {k: dt.datetime.fromisoformat(v) if v else None for k, v in (("since", since), ("until", until))}
    except ValueError as e:
        fail(InvalidInput(f"--since/--until: {e}"))
    try:
        with open_graph(get_settings()) as graph:
            items, _ = list_changes(graph, region=region, account=account, kind=kind, item=item, limit=limit, **when)
    except OrgnetError as e:
        fail(e)
    if as_json:
        for c in items:
            print(json.dumps(c, ensure_ascii=False))
        return
    table = Table(title="changes")
    for col in ("at", "path", "who", "kind", "action", "items", "reason"):
        table.add_column(col)
    for c in items:
        shown = ", ".join(c["items"][:3]) + (f" (+{c['items_total'] - 3})" if (c["items_total"] or 0) > 3 else "")
        table.add_row(c["at"], c["path"], c["account"] or c["role"] or "", c["kind"], c["action"], shown, c["reason"] or "")
    Console().print(table)


@app.command("stats")
def stats_cmd(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Node counts per label and relationship counts per type."""
    from orgnet.graph.stats import graph_stats

    try:
        with open_graph(get_settings()) as graph:
            stats = graph_stats(graph)
    except OrgnetError as e:
        fail(e)
    if as_json:
        print(json.dumps(stats, indent=2))
        return
    for kind in ("nodes", "relationships"):
        table = Table(title=kind)
        table.add_column("label" if kind == "nodes" else "type")
        table.add_column("count", justify="right")
        for k, v in stats[kind].items():
            table.add_row(k, f"{v:,}")
        Console().print(table)


@app.command("wait")
def wait_cmd(timeout: Annotated[float, typer.Option(help="Seconds")] = 120.0) -> None:
    """Pre-start step: wait until Neo4j answers (for servers orgnet did not start)."""
    from orgnet.graph.db import Graph

    settings = get_settings()
    deadline = time.monotonic() + timeout
    while True:
        try:
            with Graph.from_settings(settings) as graph:
                graph.ping()
            console.print(f"Neo4j answers at {settings.effective_uri}.")
            return
        except OrgnetError as e:
            if time.monotonic() > deadline:
                fail(e)
            time.sleep(1)


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="Bind address (default API_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default API_PORT)")] = None,
    workers: Annotated[int | None, typer.Option(min=1, max=64, help="Worker processes (default API_WORKERS: the number of cores)")] = None,
) -> None:
    """Serve the API with several worker processes (Neo4j must be running)."""
    import uvicorn

    from orgnet.api.main import server_options, state_dir_for_server

    options = server_options(get_settings(), host=host, port=port, workers=workers)
    # the workers share expensive-request slots and failed-token counts in this folder (orgnet/api/limits.py)
    os.environ["API_STATE_DIR"] = str(state_dir_for_server(get_settings(), options["port"]))
    get_settings.cache_clear()
    console.print(f"API docs: http://{options['host']}:{options['port']}/docs ({options['workers']} worker processes)")
    uvicorn.run(**options)


@app.command("run")
def run_cmd() -> None:
    """The main job: local Neo4j (unless NEO4J_URI), schema, seed if empty, stale coverage summaries
    recomputed, then serve the API."""
    settings = get_settings()
    if settings.uses_local_server:
        neo4j_start()
    else:
        wait_cmd()
    schema_apply()
    seed_cmd(if_empty=True)
    summaries_refresh_cmd(only_stale=True)
    console.print(
        f"Neo4j Browser: http://127.0.0.1:{settings.neo4j_http_port}/browser/ (user {settings.neo4j_user}, password in {settings.password_file})"
        if settings.uses_local_server
        else f"Neo4j: {settings.neo4j_uri}"
    )
    serve_cmd()


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
