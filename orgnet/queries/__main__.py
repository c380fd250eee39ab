"""``python -m orgnet.queries check`` validates every query file; ``... readme`` rewrites the
generated query table of ``orgnet/queries/README.md``."""

from __future__ import annotations

import sys
from pathlib import Path

from orgnet.errors import QueryFileError
from orgnet.queries.library import read_library
from orgnet.queries.readme import render_readme


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    try:
        lib = read_library()
    except QueryFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if command == "check":
        print(f"{len(lib)} queries in {len(lib.namespaces())} namespaces: all valid")
        return 0
    if command == "readme":
        path = Path(__file__).with_name("README.md")
        path.write_text(render_readme(path.read_text(encoding="utf-8"), lib), encoding="utf-8")
        print(f"rewrote the query table of {path}")
        return 0
    print("usage: python -m orgnet.queries [check|readme]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
