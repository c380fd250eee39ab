"""The Neo4j Browser kit (style, guide, server config) and the gap export, without a database."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

from openpyxl import load_workbook

from orgnet.api import sheet_files, spreadsheets
from orgnet.api.routes.browser_kit import load_library_leniently
from orgnet.browser import browser_params, grass_text, parse_grass, render_guide
from orgnet.graph.local_server import LocalServer
from orgnet.graph.model import LEVEL_LABELS, NODE_LABELS, RELATIONSHIP_TYPES
from orgnet.queries.library import read_library
from orgnet.queries.params import Param
from orgnet.settings import Settings

QUERY = """// name: {name}
// title: Demo {name}
// description: A <b>demo</b> & more.
// param region: string = "320300" -- Region
// param limit: int[1..100] = 10 -- How many
// returns: id
:params {{region: "320300", limit: 10}};
MATCH (r:Region) WHERE r.id STARTS WITH $region RETURN r.id AS id LIMIT $limit
"""


def test_style_sheet_covers_every_label_and_relationship_type():
    text = grass_text()
    styles = parse_grass(text)
    for label in [*NODE_LABELS, *LEVEL_LABELS]:
        rule = styles.get(f"node.{label}")
        assert rule, f"no style for :{label}"
        assert rule["color"].startswith("#") and rule["caption"] and rule["diameter"].endswith("px")
    for rel in RELATIONSHIP_TYPES:
        rule = styles.get(f"relationship.{rel}")
        assert rule, f"no style for [:{rel}]"
        assert rule["color"].startswith("#") and rule["caption"] and rule["shaft-width"].endswith("px")
    # Neo4j Browser's GraSS parser knows no comments and splits values on ':'
    assert "/*" not in text and "//" not in text
    for rule in styles.values():
        assert all(":" not in v for v in rule.values())


def test_browser_params_keep_integers_integers():
    params = [
        Param("region", "string", "320300", ""),
        Param("as_of", "date", None, ""),
        Param("limit", "int", 50, ""),
        Param("funds", "list<string>", ["a"], ""),
        Param("standard", "float", 50000.0, ""),
    ]
    assert browser_params(params) == (':params {region: "320300", as_of: null, funds: ["a"], standard: 50000.0};\n:param limit => 50')
    assert browser_params([Param("n", "int", 1, "")]) == ":param n => 1"


def test_no_parameter_block_of_the_guide_ends_with_a_semicolon():
    """Issue 14: a one-line ``:params {…};`` is a syntax error in Browser (22 of 48 blocks failed);
    semicolons only separate the statements of a block (tests/browser/test_neo4j_browser.py runs them all)."""
    queries, _ = load_library_leniently()
    html = render_guide(queries=queries, problems=[], api_base="http://127.0.0.1:8000")
    blocks = [unescape(b) for b in re.findall(r'<pre class="code runnable">(.*?)</pre>', html, re.S)]
    params = [b for b in blocks if b.startswith(":param")]
    assert len(params) >= 40 and any("\n" not in b for b in params)
    for block in params:
        assert not block.rstrip().endswith(";"), block
        assert all(line.endswith(";") for line in block.splitlines()[:-1]), block


def test_guide_lists_every_library_query_with_two_runnable_blocks():
    queries, problems = load_library_leniently()
    assert not problems
    assert {q.key for q in queries} == {q.key for q in read_library()}
    html = render_guide(queries=queries, problems=problems, api_base="http://127.0.0.1:8000")
    for q in queries:
        assert f'data-query="{q.key}"' in html
    assert html.count("<slide") == 1 + len({q.namespace for q in queries})
    assert "http://127.0.0.1:8000/browser-kit/orgnet.grass" in html


def test_guide_is_read_at_request_time_escapes_html_and_names_broken_files(tmp_path: Path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "first.cypher").write_text(QUERY.format(name="first"), encoding="utf-8")
    queries, problems = load_library_leniently(tmp_path)
    assert [q.key for q in queries] == ["demo/first"] and problems == []
    # a new file appears on the next call; a broken one is named, the others still listed
    (tmp_path / "demo" / "second.cypher").write_text(QUERY.format(name="second"), encoding="utf-8")
    (tmp_path / "demo" / "broken.cypher").write_text("// name: broken\nMATCH (n) RETURN n", encoding="utf-8")
    queries, problems = load_library_leniently(tmp_path)
    assert [q.key for q in queries] == ["demo/first", "demo/second"]
    assert len(problems) == 1 and "broken.cypher" in problems[0]
    html = render_guide(queries=queries, problems=problems, api_base="http://127.0.0.1:8000")
    assert "A &lt;b&gt;demo&lt;/b&gt; &amp; more." in html and "<b>demo</b>" not in html
    assert ":param limit =&gt; 10</pre>" in html  # escaped inside <pre>; Browser shows and runs "=>"
    assert "broken.cypher" in html


def test_local_server_points_browser_at_the_kit(tmp_path: Path):
    conf = LocalServer(Settings(orgnet_home=tmp_path, api_port=8123, neo4j_password="x")).write_config().read_text()
    assert "browser.post_connect_cmd=style http://127.0.0.1:8123/browser-kit/orgnet.grass; guide http://127.0.0.1:8123/browser-kit/guide.html" in conf
    assert "browser.remote_content_hostname_whitelist=localhost,127.0.0.1\n" in conf
    # an API listening on every interface is reached on the loopback address
    conf = LocalServer(Settings(orgnet_home=tmp_path, api_host="0.0.0.0", neo4j_password="x")).write_config().read_text()
    assert "style http://127.0.0.1:8000/browser-kit/orgnet.grass" in conf
    # another host is allowed too
    conf = LocalServer(Settings(orgnet_home=tmp_path, api_host="10.0.0.5", neo4j_password="x")).write_config().read_text()
    assert "browser.remote_content_hostname_whitelist=localhost,127.0.0.1,10.0.0.5" in conf


ITEM = {
    "id": "ent-1",
    "label": "Enterprise",
    "name": '=HYPERLINK("x")',
    "region_path": [
        {"id": "320300", "name": "徐州市", "level": "city"},
        {"id": "320321", "name": "丰县", "level": "county"},
        {"id": "320321-009", "name": "华山镇", "level": "town"},
        {"id": "320321-009-026", "name": "王屯村委会", "level": "village"},
    ],
    "reason": "No active town-level cadre pairing within jurisdiction.",
    "details": {"missing_levels": ["town"], "kind": "city_owned", "outside_jurisdiction": []},
}


def test_zh_export_rows_are_chinese_and_a_community_is_no_village():
    """Issue 14: in zh exports reasons, types ("Village" even for communities), details and the
    metric stayed English."""
    row = spreadsheets.flatten(ITEM, metric="enterprise_pairing", lang="zh", metric_title="企业包挂")
    assert row["metric"] == "企业包挂" and row["label"] == "企业"
    assert row["reason"] == "辖区内没有镇级干部有效包挂。"
    assert row["details"] == "缺少层级：镇；类别：市属企业；辖区外包挂："
    community = {**ITEM, "label": "Village", "details": {"kind": "community"}, "reason": "No party organisation is located in this community."}
    assert spreadsheets.flatten(community, metric="party_org_presence", lang="zh")["label"] == "社区"
    assert spreadsheets.flatten(community, metric="party_org_presence")["label"] == "Community"
    assert spreadsheets.flatten(community, metric="party_org_presence", lang="zh")["reason"] == "该社区没有党组织。"
    about = spreadsheets.about_sheet(
        metric="m", title="t", region={"id": "320300", "name": "徐州市"}, as_of="2020-03-31", total=1, rows=1, truncated=False, policy="p", lang="zh"
    )
    assert about["导出行数"] == 1 and about["是否完整"] == "是" and not any(k.isascii() for k in about)


def test_export_rows_are_flat_and_safe_in_spreadsheets():
    row = spreadsheets.flatten(ITEM, metric="enterprise_pairing")
    assert (row["county"], row["town"], row["village"], row["region_id"]) == ("丰县", "华山镇", "王屯村委会", "320321-009-026")
    assert row["details"] == "missing levels: town; kind: city_owned; paired outside jurisdiction: "
    data = sheet_files.to_csv([row])
    assert data.startswith("\ufeff".encode())
    (parsed,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed["name"] == '\'=HYPERLINK("x")'  # not a formula
    assert parsed["region path"] == "徐州市 / 丰县 / 华山镇 / 王屯村委会"
    zh = sheet_files.to_csv([row], lang="zh").decode("utf-8-sig").splitlines()[0]
    assert zh.startswith("指标,编号,类型,名称")


def test_export_workbook_has_the_rows_and_says_what_it_is(tmp_path: Path):
    row = spreadsheets.flatten(ITEM, metric="enterprise_pairing")
    about = spreadsheets.about_sheet(
        metric="enterprise_pairing",
        title="Enterprise pairing",
        region={"id": "320321", "name": "丰县", "path": [{"id": "320300", "name": "徐州市"}, {"id": "320321", "name": "丰县"}]},
        as_of="2020-03-31",
        total=1,
        rows=1,
        truncated=False,
        policy="xuzhou-2020",
    )
    path = tmp_path / "g.xlsx"
    path.write_bytes(sheet_files.to_xlsx([row], about=about))
    wb = load_workbook(path)
    gaps = wb["gaps"]
    assert [c.value for c in gaps[1]][:4] == ["metric", "id", "type", "name"]
    assert gaps["B2"].value == "ent-1" and gaps["D2"].value == '=HYPERLINK("x")' and gaps["D2"].data_type == "s"
    assert gaps.freeze_panes == "A2" and gaps.auto_filter.ref == "A1:K2"
    info = {r[0]: r[1] for r in wb["about"].iter_rows(values_only=True)}
    assert info["region"] == "徐州市 / 丰县" and info["truncated"] == "no" and info["policy"] == "xuzhou-2020"
