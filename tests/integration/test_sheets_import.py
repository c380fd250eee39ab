"""Spreadsheets in and out against the real Neo4j (issue 23): template, dry run pointing at cells,
error workbook, atomic audited commit, idempotent re-import, scope, file refusals, round trip."""

from __future__ import annotations

import copy
import io

import openpyxl
import pytest

from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle

from .test_writes import CITY_PLANNER, COUNTY_PLANNER, TWO_COUNTIES, client_as

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GRAPH = copy.deepcopy(TWO_COUNTIES)
GRAPH["party_orgs"] += [{"id": "po-x2", "name": "二村党支部", "region_id": "X-2-1-1"}]


@pytest.fixture
def graph2(empty_graph):
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(GRAPH)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    return empty_graph


def _book(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _post(client, name: str, data: bytes, **params):
    return client.post("/v1/imports", params=params, files={"file": (name, data, XLSX)})


def _count(graph, label: str) -> int:
    return graph.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]


def _changes(graph) -> int:
    return graph.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"]


def test_a_county_planner_fills_the_template_sees_each_refusal_at_its_cell_and_commits_once(graph2, settings):
    with client_as(graph2, settings, COUNTY_PLANNER) as county:
        got = county.get("/v1/templates/all.xlsx", params={"region": "X-1"})
        assert got.status_code == 200, got.text
        assert got.headers["content-type"] == XLSX
        wb = _book(got.content)
        villages = [r[0].value for r in wb["村(社区)"].iter_rows(min_row=2)]
        assert villages == ["X-1-1-1", "X-1-1-2"]  # 丰县's own, not the other county's
        people = {(r[1].value, r[2].value) for r in wb["人员"].iter_rows(min_row=2)}
        assert ("m-1", "李四") in people and not any(i == "c-2" for i, _ in people)
        assert county.get("/v1/templates/all.xlsx", params={"region": "X-2"}).status_code == 404

        members, links = wb["党员"], wb["党员联系户"]
        for row in (
            ["m-2", "周一", "po-2", "X-1-1-1", "是", "否"],
            ["m-3", "吴二", "po-2", "X-1-1-2", "否", "否"],
            ["m-4", "郑三", "po-x2", "X-2-1-1", "否", "否"],  # a village outside the county
            ["m-2", "周一", "po-2", "X-1-1-1", "是", "否"],  # a duplicate
        ):
            members.append(row)
        links.append(["m-1", "h-1", "2020.2.30"])  # no such day
        links.append(["m-2", "h-1", "2020/2/1"])
        data = _save(wb)
        before = (_count(graph2, "PartyMember"), _changes(graph2))

        dry = _post(county, "花名册.xlsx", data)
        assert dry.status_code == 200, dry.text
        body = dry.json()
        assert body["committed"] is False
        assert body["sections"]["party_members"] == {"added": 2, "changed": 0, "unchanged": 0, "refused": 2}
        assert body["sections"]["household_links"] == {"added": 1, "changed": 0, "unchanged": 0, "refused": 1}
        cells = {(r["cell"], r["value"]) for r in body["refused"]}
        assert cells == {("党员!D5", "X-2-1-1"), ("党员!A6", "m-2"), ("党员联系户!C3", "2020.2.30")}, body["refused"]
        assert all(r["reason_zh"] and r["reason"] for r in body["refused"])
        assert (_count(graph2, "PartyMember"), _changes(graph2)) == before  # a dry run writes nothing

        errors = _post(county, "花名册.xlsx", data, errors="true")
        assert errors.status_code == 200 and errors.headers["content-type"] == XLSX
        ewb = _book(errors.content)
        assert [c.value for c in ewb["党员"][3]][:4] == ["m-4", "郑三", "po-x2", "X-2-1-1"]
        assert "不在您的管辖范围内" in ewb["党员"].cell(3, 9).value  # column I: after the 身份证号 column H
        assert ewb["党员"].cell(3, 4).fill.fgColor.rgb.endswith("FFC7CE")  # the bad cell highlighted
        assert ewb["党员联系户"]["C3"].value == "2020.2.30" and ewb["党员联系户"].max_row == 3

        assert _post(county, "花名册.xlsx", data, commit="true", dry_run_id="0" * 64).status_code == 409
        done = _post(county, "花名册.xlsx", data, commit="true", dry_run_id=body["dry_run_id"])
        assert done.status_code == 200, done.text
        assert done.json()["written"] == {"party_members": 2, "household_links": 1}
        assert _count(graph2, "PartyMember") == 3 and not graph2.read("MATCH (m:PartyMember {id: 'm-4'}) RETURN m")
        (change,) = county.get("/v1/changes", params={"kind": "bundle", "region": "X-1"}).json()["items"]
        assert change["after"]["file"] == "花名册.xlsx" and change["after"]["sha256"] == body["sha256"]
        assert change["after"]["counts"]["party_members"]["added"] == 2 and change["account"] == "x1-planner"

        again = _post(county, "花名册.xlsx", data, commit="true")
        assert again.json()["sections"]["party_members"] == {"added": 0, "changed": 0, "unchanged": 2, "refused": 2}
        assert _changes(graph2) == before[1] + 1  # importing twice changes nothing


def test_files_refused_whole_write_nothing(graph2, settings):
    import zipfile

    before = _changes(graph2)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (settings.sheet_max_unzipped_bytes + 1))
    gbk = "党员编号,姓名,所在党组织编号,居住村(社区)编号\nm-9,钱九,po-2,X-1-1-1\n".encode("gbk")
    big = ("member_id,household_id,since\n" + "m-1,h-1,2020-02-01\n" * (settings.sheet_max_rows + 1)).encode()
    with client_as(graph2, settings, CITY_PLANNER) as city:
        for name, data, says in (
            ("bomb.xlsx", bomb.getvalue(), "zip bomb"),
            ("macro.xlsm", b"PK\x03\x04", ".xlsm"),
            ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
            ("big.csv", big, "100,000 rows"),
        ):
            got = _post(city, name, data, commit="true")
            assert got.status_code == 422 and says in got.text, (name, got.text)
        ok = _post(city, "党员.csv", gbk, commit="true")
        assert ok.status_code == 200 and ok.json()["written"] == {"party_members": 1}, ok.text
    assert _changes(graph2) == before + 1


def test_export_edit_three_cells_import_is_exactly_three_changes(graph2, settings):
    with client_as(graph2, settings, CITY_PLANNER) as city:
        got = city.get("/v1/templates/all.xlsx", params={"region": "X-1", "filled": "true"})
        assert got.status_code == 200, got.text
        data = got.content
        dry = _post(city, "export.xlsx", data).json()
        assert dry["refused"] == [] and all(c["changed"] == c["added"] == 0 for c in dry["sections"].values()), dry
        assert dry["sections"]["party_members"]["unchanged"] == 1 and dry["sections"]["deployments"]["unchanged"] == 2

        wb = _book(data)
        assert wb["党员"]["B3"].value == "李四"
        wb["党员"]["B3"] = "李四新"
        wb["经费拨付"]["C3"] = 60000
        wb["党员联系户"]["D3"] = "2020年4月1日"
        edited = _save(wb)
        body = _post(city, "export.xlsx", edited, commit="true").json()
        changed = {s: c["changed"] for s, c in body["sections"].items() if c["changed"]}
        assert changed == {"party_members": 1, "allocations": 1, "household_links": 1}, body
        assert sum(c["added"] + c["refused"] for c in body["sections"].values()) == 0
        assert graph2.read("MATCH (m:PartyMember {id: 'm-1'}) RETURN m.name AS n")[0]["n"] == "李四新"
        assert graph2.read("MATCH (a:Allocation {id: 'a-1'}) RETURN a.amount AS n")[0]["n"] == 60000
        again = _post(city, "export.xlsx", edited).json()
        assert all(c["changed"] == 0 for c in again["sections"].values())


def test_the_cli_dry_runs_commits_and_exports(graph2, settings, tmp_path):
    from tests.integration.conftest import cli_environment

    from .test_cli import orgnet

    env = cli_environment(settings)
    roster = tmp_path / "党员.csv"
    roster.write_bytes("党员编号,姓名,所在党组织编号,居住村(社区)编号\nm-7,冯七,po-2,X-1-1-1\nm-8,陈八,po-2,X-9\n".encode("gbk"))
    dry = orgnet(env, "import", str(roster), "--errors-out", str(tmp_path / "err.xlsx"))
    assert dry.returncode == 0, dry.stderr
    assert "党员!D3" in dry.stderr and "dry run" in dry.stderr
    assert _count(graph2, "PartyMember") == 1
    assert _book((tmp_path / "err.xlsx").read_bytes())["党员"]["A3"].value == "m-8"
    done = orgnet(env, "import", str(roster), "--commit")
    assert done.returncode == 0, done.stderr
    assert _count(graph2, "PartyMember") == 2
    out = tmp_path / "export.xlsx"
    assert orgnet(env, "template", "party_members", "--region", "X-1", "--filled", "--out", str(out)).returncode == 0
    assert [r[0].value for r in _book(out.read_bytes())["党员"].iter_rows(min_row=3)] == ["m-1", "m-7"]


def test_a_roster_without_ids_is_matched_by_name_and_village_ambiguity_refused_with_candidates(graph2, settings):
    twins = {"format": "orgnet-bundle/1", "party_members": [{"id": f"m-t{i}", "name": "同名", "org_id": "po-2", "region_id": "X-1-1-1"} for i in (1, 2)]}
    load_bundle(graph2, parse_bundle(twins), batch_size=10)
    roster = "姓名,所在党组织编号,居住村(社区)编号,农村党员\n李四,po-2,X-1-1-1,是\n新人,po-2,X-1-1-2,否\n同名,po-2,X-1-1-1,否\n".encode()
    with client_as(graph2, settings, CITY_PLANNER) as city:
        body = _post(city, "党员.csv", roster).json()
        assert body["sections"]["party_members"] == {"added": 1, "changed": 0, "unchanged": 1, "refused": 1}, body
        (refused,) = body["refused"]
        assert refused["cell"] == "党员!A4" and "m-t1, m-t2" in refused["reason"]
        assert _post(city, "党员.csv", roster, commit="true").json()["written"] == {"party_members": 1}
        again = _post(city, "党员.csv", roster).json()
        assert again["sections"]["party_members"] == {"added": 0, "changed": 0, "unchanged": 2, "refused": 1}
    assert graph2.read("MATCH (m:PartyMember {name: '新人'}) RETURN m.id AS id")[0]["id"].startswith("pm-")
