import stat

from orgnet.settings import Settings


def test_local_password_is_generated_once_and_private(tmp_path):
    s = Settings(orgnet_home=tmp_path, neo4j_password=None, neo4j_uri=None)
    first = s.effective_password()
    assert len(first) >= 24
    assert s.effective_password() == first
    mode = stat.S_IMODE(s.password_file.stat().st_mode)
    assert mode == 0o600


def test_password_from_settings_wins_and_writes_nothing(tmp_path):
    s = Settings(orgnet_home=tmp_path, neo4j_password="from-env")
    assert s.effective_password() == "from-env"
    assert not s.password_file.exists()


def test_neo4j_uri_means_no_local_server(tmp_path):
    s = Settings(orgnet_home=tmp_path, neo4j_uri="neo4j://cluster.example:7687")
    assert not s.uses_local_server
    assert s.effective_uri == "neo4j://cluster.example:7687"
    assert s.effective_password() == ""  # never a generated one for someone else's server


def test_settings_read_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_BOLT_PORT", "7999")
    monkeypatch.setenv("NEO4J_DATABASE", "orgs")
    s = Settings(orgnet_home=tmp_path)
    assert s.local_uri == "bolt://127.0.0.1:7999"
    assert s.neo4j_database == "orgs"
