"""An import whose process died reads ``interrupted``, with the command that resumes it (issue 20 §3).

A batched ``orgnet import`` holds its job by a lease that each batch and a heartbeat renew; a
process killed with SIGKILL cannot mark its job interrupted, so before this the job read
``running`` in ``/ready`` for ever.  The import here is a real subprocess, really killed."""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import sys
import time

import pytest

from orgnet.errors import Conflict
from orgnet.graph.loader import load_bundle, start_import_job, unfinished_imports
from tests.integration.conftest import cli_environment
from tests.scenarios import random_bundle

from .test_freshness import more_households

LEASE_S = 3


def households(graph) -> int:
    return graph.read("MATCH (h:Household) RETURN count(h) AS n")[0]["n"]


def committed_rows(graph) -> int:
    rows = graph.read("MATCH (j:ImportJob) RETURN j.committed_rows AS n")
    return rows[0]["n"] if rows else 0


def test_a_job_whose_lease_holds_reads_running_and_is_not_taken_over(empty_graph):
    job = start_import_job(empty_graph, source="a.json", sha256="same-content", total_rows=10, batch_size=5, lease_s=60)
    (listed,) = unfinished_imports(empty_graph)
    assert listed["status"] == "running" and listed["owner"] == job.owner and "reason" not in listed
    assert listed["resume"].startswith("orgnet import /") and listed["resume"].endswith("/a.json")
    # a second run of the same file while the first holds the lease would write the same batches twice
    with pytest.raises(Conflict, match="An import of the same content is running"):
        start_import_job(empty_graph, source="a.json", sha256="same-content", total_rows=10, batch_size=5, lease_s=60)


def test_an_import_killed_mid_run_reads_interrupted_with_the_command_that_resumes_it(empty_graph, settings, api_client, tmp_path):
    base = random_bundle(33, size=2)
    load_bundle(empty_graph, base, batch_size=200)
    start = households(empty_graph)
    big = more_households(base, 3000, "lease")
    path = tmp_path / "households.json"
    path.write_text(json.dumps({"format": "orgnet-bundle/1", **big.model_dump(mode="json")}, ensure_ascii=False), encoding="utf-8")
    env = {**cli_environment(settings), "IMPORT_LEASE_S": str(LEASE_S), "WRITE_BATCH_SIZE": "20"}

    importing = subprocess.Popen([sys.executable, "-m", "orgnet.cli", "import", str(path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        give_up = time.monotonic() + 300  # bounded waits for the subprocess, not timing assertions
        while committed_rows(empty_graph) == 0:
            assert importing.poll() is None, f"the import ended before it could be killed: {importing.stderr.read().decode()}"
            assert time.monotonic() < give_up, "the import committed no batch"
            time.sleep(0.05)
        importing.send_signal(signal.SIGKILL)
        importing.wait(30)
    finally:
        if importing.poll() is None:
            importing.kill()
        importing.stderr.close()

    give_up = time.monotonic() + 120
    while (jobs := unfinished_imports(empty_graph))[0]["status"] == "running":  # until its lease runs out
        assert time.monotonic() < give_up, "the killed import still reads running"
        time.sleep(0.5)
    (job,) = jobs
    assert job["status"] == "interrupted" and "stopped renewing its lease: it died or was killed" in job["reason"]
    assert 0 < job["committed_rows"] < job["total_rows"] == 6000
    assert job["resume"] == f"orgnet import {shlex.quote(str(path))}"
    (ready,) = api_client.get("/ready").json()["imports"]["unfinished"]
    assert (ready["status"], ready["resume"], ready["committed_rows"]) == ("interrupted", job["resume"], job["committed_rows"])

    command = shlex.split(job["resume"])
    done = subprocess.run([sys.executable, "-m", "orgnet.cli", *command[1:]], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "resuming: an earlier run of this import" in done.stderr
    assert unfinished_imports(empty_graph) == [] and households(empty_graph) - start == 3000
