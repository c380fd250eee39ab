"""Every ES module the dashboard serves parses: a syntax error leaves the whole page blank (the
browser tests would find it minutes later, and only on the pages they open)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "orgnet" / "api" / "static"
MODULES = sorted(STATIC.glob("*.js"))


def test_there_are_modules_to_check():
    assert len(MODULES) > 5, MODULES


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_the_module_parses(module):
    node = shutil.which("node")
    assert node, "Node.js checks the dashboard's modules in this test (Debian package nodejs)"
    checked = subprocess.run([node, "--input-type=module", "--check"], input=module.read_text(encoding="utf-8"), capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
