"""Generate the typed Python client (clients/python/) from the app's OpenAPI document, or check it.

``python scripts/gen_client.py`` writes ``clients/python/openapi.json`` (the document /openapi.json
serves, keys sorted) and regenerates ``clients/python/orgnet_client/``, ``pyproject.toml`` and
``README.md`` from it with openapi-python-client, pinned in ``clients/python/requirements-generator.txt``
and installed in its own venv (``.venv-client/``, ``make client`` makes it: the generator pins typer
below the version orgnet uses).  ``--check`` regenerates into a temporary folder and exits 1 naming
each file that differs from the committed client (``make client-check``; tests/unit/test_python_client.py).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "python"
GENERATOR = ROOT / ".venv-client" / "bin" / "openapi-python-client"
GENERATED = ("orgnet_client", "pyproject.toml", "README.md", ".gitignore")
"""What the generator writes; the rest of clients/python/ (examples, this setup) is ours."""


def spec_text() -> str:
    """The OpenAPI document as the app serves it, in a stable form."""
    sys.path.insert(0, str(ROOT))
    from orgnet.api.main import create_app

    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def generate(into: Path, spec: str) -> None:
    """Write the generated files for ``spec`` into ``into`` (which must not exist)."""
    if not GENERATOR.exists():
        raise SystemExit(f"{GENERATOR} is missing: `make client` installs it")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "openapi.json"
        path.write_text(spec, encoding="utf-8")
        subprocess.run(
            [str(GENERATOR), "generate", "--path", str(path), "--output-path", str(into), "--config", str(CLIENT / "generator.yaml")],
            check=True,
            cwd=tmp,
            env={"PATH": f"{GENERATOR.parent}:/usr/bin:/bin"},  # its post hooks: the pinned ruff of its venv
            stdout=subprocess.DEVNULL,
        )


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ between two trees (relative paths), either side."""
    out: list[str] = []
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])

    def walk(c: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in (*c.left_only, *c.right_only))
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out.extend(prefix + n for n in (*mismatch, *errors))
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="Exit 1 when the committed client differs from what the app's document generates")
    args = parser.parse_args()
    spec = spec_text()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "out"
        generate(fresh, spec)
        (fresh / "openapi.json").write_text(spec, encoding="utf-8")
        names = (*GENERATED, "openapi.json")
        if args.check:
            committed, wanted = Path(tmp) / "committed", Path(tmp) / "wanted"
            for side, source in ((committed, CLIENT), (wanted, fresh)):
                side.mkdir()
                for name in names:
                    src = source / name
                    if src.is_dir():
                        shutil.copytree(src, side / name, ignore=shutil.ignore_patterns("__pycache__"))
                    elif src.exists():
                        shutil.copy2(src, side / name)
            drift = differences(committed, wanted)
            if drift:
                print("clients/python/ is not what the OpenAPI document generates (run `make client`):", *drift, sep="\n  ")
                return 1
            print("clients/python/ matches the OpenAPI document")
            return 0
        for name in names:
            target = CLIENT / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            src = fresh / name
            if src.is_dir():
                shutil.copytree(src, target)
            elif src.exists():
                shutil.copy2(src, target)
    print(f"generated {CLIENT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
