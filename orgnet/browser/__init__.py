"""The Neo4j Browser kit: a GraSS style sheet and a guide with click-to-run library queries.

Both are served by the API (``orgnet/api/routes/dashboard.py``) under ``/browser-kit/``; the
local server's ``neo4j.conf`` points Browser at them (``browser.post_connect_cmd`` runs
``:style`` and ``:guide`` on connect; ``browser.remote_content_hostname_whitelist`` allows the
API's host).  The guide is rebuilt from ``orgnet/queries/**/*.cypher`` on every request, so a
new query file appears without a restart.

>>> "node.Region" in grass_text() and "relationship.PAIRED_WITH" in grass_text()
True
>>> html = render_guide(queries=[], problems=[], api_base="http://127.0.0.1:8000")
>>> html.count("<slide") >= 2 and 'class="code runnable"' in html
True
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

GRASS_RESOURCE = "orgnet.grass"

# Namespace titles in the guide; unknown namespaces fall back to their folder name.
NAMESPACE_TITLES: dict[str, tuple[str, str]] = {
    "coverage": ("Coverage", "覆盖率"),
    "gaps": ("Gaps", "缺口"),
    "regions": ("Regions", "行政区划"),
    "explore": ("Explore", "浏览"),
    "whatif": ("What if", "假设分析"),
    "suggestions": ("Suggestions", "建议"),
    "stats": ("Statistics", "统计"),
    "incentives": ("Incentives", "激励"),
}


def grass_text() -> str:
    """The GraSS style sheet (colour, size and caption per label and relationship type)."""
    return resources.files("orgnet.browser").joinpath(GRASS_RESOURCE).read_text(encoding="utf-8")


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Parse GraSS the way Neo4j Browser does (selector → property → value), for tests.

    Browser's parser knows no comments, so the file has none; a value may not contain ``:``.

    >>> parse_grass('node.City { color: #123456; caption: "{name}"; }')
    {'node.City': {'color': '#123456', 'caption': '{name}'}}
    """
    out: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}\s][^{}]*?)\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", text):
        props: dict[str, str] = {}
        for decl in body.split(";"):
            parts = decl.split(":")
            if len(parts) == 2:
                props[parts[0].strip()] = parts[1].strip().strip('"')
        out[selector.strip()] = props
    return out


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{_e(code)}</pre>'


def browser_params(params: Iterable[Any]) -> str:
    """Parameter lines that Neo4j Browser 5 sets with the right types.

    Browser's ``:params {map}`` parses numbers as JavaScript numbers and sends them as floats, so
    ``LIMIT $limit`` fails with ``50.0``; ``:param name => <Cypher>`` is evaluated by Neo4j and
    keeps integers.  So: one ``:params`` map for the rest, then one ``:param`` line per int.

    Semicolons *separate* the lines (Browser's multi-statement mode) and never end the last one:
    a block of one line is not split, and ``:params {…};`` is then a syntax error (the map
    does not parse, the query that follows fails with ``ParameterMissing``).

    >>> from orgnet.queries.library import Param
    >>> print(browser_params([Param("region", "string", "320300", ""), Param("limit", "int", 50, "")]))
    :params {region: "320300"};
    :param limit => 50
    >>> print(browser_params([Param("region", "string", "320300", "")]))
    :params {region: "320300"}
    """
    params = list(params)
    rest = [p for p in params if p.type != "int"]
    ints = [p for p in params if p.type == "int"]
    lines = []
    if rest or not ints:
        inner = ", ".join(f"{p.name}: {json.dumps(p.default, ensure_ascii=False)}" for p in rest)
        lines.append(f":params {{{inner}}}")
    lines += [f":param {p.name} => {json.dumps(p.default)}" for p in ints]
    return ";\n".join(lines)


def _query_block(q: Any) -> str:
    params = "".join(
        f"<li><code>{_e(p.name)}</code> <em>{_e(p.type)}</em> = <code>{_e(json.dumps(p.default, ensure_ascii=False))}</code> — {_e(p.doc)}</li>"
        for p in q.params
    )
    parts = [
        f'<div class="orgnet-query" data-query="{_e(q.key)}">',
        f"<h4>{_e(q.title)} <small><code>{_e(q.key)}</code></small></h4>",
        f"<p>{_e(q.description)}</p>",
    ]
    if params:
        parts.append(f"<p>Parameters · 参数:</p><ul>{params}</ul>")
        # Two blocks: Browser shows a result table only for a single statement.
        parts.append("<p>1. Set the parameters (edit the values first if you like) · 设置参数:</p>")
        parts.append(_runnable(browser_params(q.params)))
        parts.append(f"<p>2. Run the query · 运行查询 (returns <code>{_e(', '.join(q.returns))}</code>):</p>")
    else:
        parts.append(f"<p>Run the query · 运行查询 (returns <code>{_e(', '.join(q.returns))}</code>):</p>")
    parts.append(_runnable(q.body))
    parts.append("</div>")
    return "\n".join(parts)


def _namespace_title(ns: str) -> str:
    en, zh = NAMESPACE_TITLES.get(ns, (ns.replace("_", " ").capitalize(), ""))
    return f"{en} · {zh}" if zh else en


def render_guide(
    *,
    queries: Iterable[Any],
    problems: list[str],
    api_base: str,
) -> str:
    """The guide as HTML with ``<slide>`` elements (what ``:guide <url>`` and ``:play <url>`` read).

    ``queries``: parsed library queries (:class:`orgnet.queries.library.Query`); ``problems``:
    messages about query files that could not be read (shown, not hidden).
    """
    by_ns: dict[str, list[Any]] = {}
    for q in queries:
        by_ns.setdefault(q.namespace, []).append(q)
    base = api_base.rstrip("/")
    intro = f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>orgnet · 徐州党政网络覆盖分析</h3>
    <p class="lead">The party and government network of a prefecture-level city as a graph:
      regions (<code>:City</code> → <code>:County</code> → <code>:Town</code> → <code>:Village</code>),
      party organisations, cadres paired with enterprises, party members linking households (10×10),
      volunteer teams, checkpoints, medical workers' families and funds.</p>
    <p>Click the <i class="fa fa-play-circle-o"></i> icon beside a block to run it; click the block itself to
      copy it into the editor and change it first. A library query has two blocks: first set its
      parameters, then run it. 点击代码块左侧的 ▶ 运行；点击代码块可复制到编辑器中修改。库中的查询先设置参数，再运行查询。</p>
    <p>Planners: the dashboard is at <a href="{_e(base)}/" target="_blank" rel="noopener">{_e(base)}/</a>;
      the same queries are in the API (<a href="{_e(base)}/docs" target="_blank" rel="noopener">{_e(base)}/docs</a>).</p>
    <h4>The model · 图模型</h4>
    {_runnable("CALL db.schema.visualization()")}
    <h4>丰县 and its towns · 丰县及其乡镇</h4>
    {_runnable("MATCH p = (:County {id: '320321'})<-[:PART_OF]-(:Town) RETURN p")}
    <h4>Style · 样式</h4>
    <p>Colours, sizes and captions come from orgnet's style sheet, applied on connect. To apply it again:</p>
    {_runnable(f":style {base}/browser-kit/orgnet.grass")}
  </div>
</slide>"""
    slides = [intro]
    for ns in sorted(by_ns):
        blocks = "\n".join(_query_block(q) for q in sorted(by_ns[ns], key=lambda q: q.name))
        slides.append(
            f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>{_e(_namespace_title(ns))}</h3>
{blocks}
  </div>
</slide>"""
        )
    if not by_ns:
        slides.append(
            """
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>The query library · 查询库</h3>
    <p>No query files were found in <code>orgnet/queries/</code>.</p>
  </div>
</slide>"""
        )
    if problems:
        items = "".join(f"<li><code>{_e(p)}</code></li>" for p in problems)
        slides.append(
            f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>Query files with problems · 有问题的查询文件</h3>
    <ul>{items}</ul>
  </div>
</slide>"""
        )
    return '<title>orgnet · Neo4j Browser guide</title>\n<article class="guide" data-orgnet-guide="1">\n' + "\n".join(slides) + "\n</article>\n"
