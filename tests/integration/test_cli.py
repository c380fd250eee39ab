"""The command line as a user runs it, against the test server."""

import json
import subprocess
import sys

import pytest

from tests.integration.conftest import cli_environment

from .test_import import SMALL


@pytest.fixture
def cli_env(settings, graph):
    env = cli_environment(settings)
    return env


def orgnet(env, *args):
    return subprocess.run([sys.executable, "-m", "orgnet.cli", *args], env=env, capture_output=True, text=True, timeout=300)


def test_import_then_stats_json(empty_graph, cli_env, tmp_path):
    bundle = tmp_path / "small.json"
    bundle.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    done = orgnet(cli_env, "import", str(bundle))
    assert done.returncode == 0, done.stderr
    assert "21" in done.stderr  # the summary table's total
    stats = json.loads(orgnet(cli_env, "stats", "--json").stdout)
    assert stats["nodes"]["Region"] == 5 and stats["relationships"]["PAIRED_WITH"] == 1


def test_an_invalid_file_is_refused_with_its_reasons(empty_graph, cli_env, tmp_path):
    bad = dict(SMALL, households=[{"id": "h-1", "name": "王五", "region_id": "Atlantis"}])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    done = orgnet(cli_env, "import", str(path))
    assert done.returncode == 2
    assert "nothing was written" in done.stderr
    assert "households[0] (id h-1) region_id: refers to Region 'Atlantis'" in done.stderr
    assert empty_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0

    path.write_text("{ not json", encoding="utf-8")
    done = orgnet(cli_env, "import", str(path))
    assert done.returncode == 2 and "not valid JSON (line 1" in done.stderr


def test_import_refuses_a_second_city_unless_allowed_and_prints_moves(empty_graph, cli_env, tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    assert orgnet(cli_env, "import", write("small.json", SMALL)).returncode == 0
    city = write("city.json", {"regions": [{"id": "Y", "name": "另一市", "level": "city"}]})
    done = orgnet(cli_env, "import", city)
    assert done.returncode == 2 and "regions[0] (id Y) parent_id: region 'Y' would be a second root region" in done.stderr
    assert orgnet(cli_env, "import", "--allow-new-root", city).returncode == 0
    moved = write("moved.json", {"households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-2"}]})
    done = orgnet(cli_env, "import", moved)
    assert done.returncode == 0 and "moved households h-1: region_id X-1-1-1 -> X-1-1-2" in done.stderr


def test_seed_if_empty_leaves_a_loaded_database_alone(empty_graph, cli_env, tmp_path):
    bundle = tmp_path / "small.json"
    bundle.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    assert orgnet(cli_env, "import", str(bundle)).returncode == 0
    done = orgnet(cli_env, "seed", "--if-empty")
    assert done.returncode == 0 and "not empty" in done.stderr
    assert empty_graph.read("MATCH (n:Region) RETURN count(n) AS n")[0]["n"] == 5


def test_local_server_status_and_idempotent_start(cli_env, settings):
    if settings.neo4j_uri:
        pytest.skip("external test server")
    assert orgnet(cli_env, "neo4j", "status").returncode == 0
    again = orgnet(cli_env, "neo4j", "start")
    assert again.returncode == 0 and "running" in again.stderr


def test_an_interrupted_import_is_shown_and_resumed_by_a_rerun(empty_graph, cli_env, tmp_path):
    """Issue 10.3: an import stopped after some batches is listed by `summaries status`, and
    `orgnet import` on the same file says it resumes and completes it."""
    import hashlib

    from orgnet.graph.loader import load_stream, start_import_job
    from orgnet.graph.validate import parse_bundle

    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    bundle = parse_bundle(json.loads(path.read_text(encoding="utf-8")))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    job = start_import_job(empty_graph, source=str(path), sha256=sha, total_rows=bundle.total_records(), batch_size=100)

    def stop_after_regions(section, rows):
        raise RuntimeError("killed")

    with pytest.raises(Exception, match="partial: 5 of 21 rows written"):
        load_stream(empty_graph, bundle.sections(), batch_size=100, on_batch=stop_after_regions, job=job)

    status = orgnet(cli_env, "summaries", "status")
    assert status.returncode == 0 and "unfinished import" in status.stderr and "5 of 21 rows written" in status.stderr

    done = orgnet(cli_env, "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "resuming" in done.stderr and "wrote 5 of 21 rows" in done.stderr
    assert "5 of them written by the earlier" in done.stderr
    stats = json.loads(orgnet(cli_env, "stats", "--json").stdout)
    assert stats["nodes"]["Region"] == 5 and stats["relationships"]["PAIRED_WITH"] == 1
    assert "unfinished import" not in orgnet(cli_env, "summaries", "status").stderr
