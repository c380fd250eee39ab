"""bench/RESULTS.md is written by two programs: each owns one generated block of it.

``python -m bench.run`` writes the ``bench.run`` block (loading and query latency) and
``python -m bench.load`` the ``bench.load`` block (the load test); each rewrites its own block
and keeps the other's, so either can be rerun alone.  A block sits between two HTML comments
(invisible on GitHub)::

    <!-- bench.run:begin -->
    ...
    <!-- bench.run:end -->

A file without any marker is an older ``bench.run`` output: it is kept as that block.
"""

from __future__ import annotations

import re
from pathlib import Path

BLOCKS = (
    "bench.run",
    "bench.load",
    "bench.read_cpu",  # the cheap reads before → after (issue 22), written by hand from bench.read_cpu, bench.load and bench.flame_summary
    "bench.refresh",
    "bench.roundtrips",
    "bench.scaling",
    "bench.export",
    "bench.news",
    "bench.sheets",
    "bench.news_scale",
    "bench.suggestions",
    "desk.live",  # write → SSE event → another planner's figure (issue 24), written by hand from tests/browser/test_live.py's printout
)  # their order in the file


def _marker(name: str, edge: str) -> str:
    return f"<!-- {name}:{edge} -->"


def read_blocks(text: str) -> dict[str, str]:
    """The generated blocks found in ``text``, by name (content without the markers).

    >>> read_blocks("<!-- bench.load:begin -->\\nL\\n<!-- bench.load:end -->\\n")
    {'bench.load': 'L\\n'}
    >>> read_blocks("# old output of bench.run\\n")
    {'bench.run': '# old output of bench.run\\n'}
    >>> read_blocks("")
    {}
    """
    found: dict[str, str] = {}
    for name in BLOCKS:
        m = re.search(re.escape(_marker(name, "begin")) + r"\n(.*?)" + re.escape(_marker(name, "end")), text, re.S)
        if m:
            found[name] = m.group(1)
    if not found and text.strip():
        found["bench.run"] = text if text.endswith("\n") else text + "\n"
    return found


def replace_block(text: str, name: str, content: str) -> str:
    """``text`` with block ``name`` set to ``content``, the other blocks kept, in :data:`BLOCKS` order.

    >>> once = replace_block("", "bench.load", "load v1\\n")
    >>> twice = replace_block(once, "bench.run", "run v1\\n")
    >>> again = replace_block(twice, "bench.load", "load v2\\n")
    >>> read_blocks(again)
    {'bench.run': 'run v1\\n', 'bench.load': 'load v2\\n'}
    >>> again.index("run v1") < again.index("load v2")
    True
    """
    if name not in BLOCKS:
        raise ValueError(f"unknown block {name!r} (known: {', '.join(BLOCKS)})")
    blocks = read_blocks(text)
    blocks[name] = content if content.endswith("\n") else content + "\n"
    parts = [f"{_marker(n, 'begin')}\n{blocks[n]}{_marker(n, 'end')}\n" for n in BLOCKS if n in blocks]
    return "\n".join(parts)


def write_block(path: Path, name: str, content: str) -> None:
    """Rewrite block ``name`` of the file at ``path`` (created if missing), keeping the others."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_block(old, name, content), encoding="utf-8")
