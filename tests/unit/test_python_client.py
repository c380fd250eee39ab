"""The typed Python client (clients/python/): generated from the app's OpenAPI document and kept so.

A route or schema changed without ``make client`` fails here: the committed ``openapi.json`` is
compared with what the app serves, and (with the pinned generator installed, as ``make test`` does)
the whole generated package with what the generator makes of it.  The webhook example's verifier,
which a receiver copies without orgnet, agrees with orgnet's signer."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orgnet.events.signing import sign

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "python"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_openapi_document_is_the_one_the_app_serves():
    gen = _load(ROOT / "scripts" / "gen_client.py")
    committed = (CLIENT / "openapi.json").read_text(encoding="utf-8")
    assert committed == gen.spec_text(), "the API changed: run `make client` and commit clients/python/"


def test_the_committed_client_is_what_the_pinned_generator_makes_of_it():
    generator = ROOT / ".venv-client" / "bin" / "openapi-python-client"
    if not generator.exists():
        if os.environ.get("CI"):
            pytest.fail("the client generator is missing: `make client-check` installs it")
        pytest.skip("the client generator is not installed (`make client` installs it in .venv-client/)")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_client.py"), "--check"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_client_has_a_typed_call_for_every_route():
    spec = _load(ROOT / "scripts" / "gen_client.py").spec_text()
    import json

    operations = {op["operationId"] for ops in json.loads(spec)["paths"].values() for op in ops.values() if isinstance(op, dict) and "operationId" in op}
    modules = {p.stem for p in (CLIENT / "orgnet_client" / "api").rglob("*.py") if p.stem != "__init__"}
    snake = {re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", o.lower())).strip("_") for o in operations}
    assert len(operations) > 40 and snake <= modules, sorted(snake - modules)


def test_the_webhook_example_verifies_what_orgnet_signs_and_nothing_else():
    example = _load(CLIENT / "examples" / "verify_webhook.py")
    body = b'{"id":"e-1","type":"alert.opened"}'
    header = sign("whsec_k", body, timestamp=1_700_000_000)
    assert example.verify("whsec_k", body, header, now=1_700_000_010)
    assert not example.verify("whsec_other", body, header, now=1_700_000_010)
    assert not example.verify("whsec_k", body + b" ", header, now=1_700_000_010)
    assert not example.verify("whsec_k", body, header, now=1_700_000_000 + 3600)  # a replay an hour later
