"""A metric's reason sentences live in its unit only (issue 11): the export (Python) and the
dashboard (``i18n.js``, through the generated ``metric_texts.js``) render the same data the same way."""

from __future__ import annotations

import ast
import inspect
import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from orgnet.api import spreadsheets
from orgnet.coverage.metrics import METRICS, get_metric

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "orgnet" / "api" / "static"
GENERATED = {STATIC / "metric_texts.js"}
SOURCE_SUFFIXES = {".py", ".js", ".cypher", ".html"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _zh_fragments(metric) -> set[str]:
    """The fixed pieces (four characters or more) of the metric's Chinese reason."""
    r = metric.reason_zh
    if r is None:
        return set()
    texts = [t for _, t in r.parts] + list(r.items.values()) + [r.otherwise]
    return {p.strip() for t in texts for p in _PLACEHOLDER.split(t) if len(p.strip()) >= 4}


def _en_fragments(metric) -> set[str]:
    """The fixed pieces of the metric's English reason function: string constants with a space
    (sentences, not details keys), twelve characters or more."""
    source = textwrap.dedent(inspect.getsource(metric.reason))
    try:
        tree = ast.parse(source)
        pieces = {n.value.strip() for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    except SyntaxError:  # a lambda's source is the middle of a call: its string literals, placeholders cut out
        literals = re.findall(r'"((?:[^"\\]|\\.)*)"', source)
        pieces = {p.strip() for text in literals for p in _PLACEHOLDER.split(text)}
    return {p for p in pieces if " " in p and len(p) >= 12}


def _unit_files(metric) -> set[Path]:
    module = inspect.getmodule(metric.reason)
    own = ROOT / "orgnet" / "coverage" / "metrics" / f"{metric.name}.py"
    return {own, Path(inspect.getsourcefile(module)).resolve()}


def _sources() -> list[Path]:
    return [p.resolve() for p in sorted((ROOT / "orgnet").rglob("*")) if p.suffix in SOURCE_SUFFIXES and p.is_file()]


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.name)
def test_no_reason_sentence_of_a_metric_appears_outside_its_unit(metric):
    fragments = _zh_fragments(metric) | _en_fragments(metric)
    assert fragments, "the metric has reason sentences to look for"
    allowed = _unit_files(metric) | GENERATED
    found = [
        f"{path.relative_to(ROOT)}: {fragment!r}"
        for path in _sources()
        if path not in allowed
        for fragment in sorted(fragments)
        if fragment in path.read_text(encoding="utf-8")
    ]
    assert found == [], "a reason sentence belongs to its metric unit (orgnet/coverage/metrics/) only"


# The Chinese reasons the export and the dashboard showed before they were read from the units.
ZH_CASES = [
    (
        "enterprise_pairing",
        {"missing_levels": ["county", "town"], "outside_jurisdiction": [{"cadre_id": "c-1", "level": "village"}]},
        "辖区内没有县、镇级干部有效包挂；包挂干部不在企业所在辖区：c-1（村级）。",
    ),
    ("enterprise_pairing", {"missing_levels": [], "outside_jurisdiction": []}, "未覆盖。"),
    ("cadre_load", {"active_pairings": 9, "level": "county", "maximum": 8}, "当前有效包挂 9 家，超过县级干部上限 8 家。"),
    ("cadre_load", {"active_pairings": 3, "level": "town", "maximum": None}, "当前有效包挂 3 家；规则未设镇级干部上限。"),
    ("party_org_presence", {"kind": "village"}, "该村没有党组织。"),
    ("household_linkage", {"active_links": 0, "last_link_ended": "2020-03-30"}, "当日没有党员联系该户（最近一次联系于 2020-03-30 结束）。"),
    ("household_linkage", {"active_links": 0, "last_link_ended": None}, "当日没有党员联系该户。"),
    ("member_link_load", {"active_links": 7, "target": 10}, "实际有效联系 7 户，目标为 10 户。"),
    ("central_household_size", {"members": 11, "target": 10}, "中心户有 11 名党员，目标为 10 名。"),
    ("community_teams", {"deployed": [], "min_team_size": 3}, "当日没有志愿服务队派驻该社区。"),
    (
        "checkpoint_staffing",
        {"deployed": [{"team_id": "t-1", "active_members": 1}, {"team_id": "t-2", "active_members": 2}], "min_team_size": 3},
        "派驻的服务队在岗党员少于 3 人：t-1（1 人）、t-2（2 人）。",
    ),
    ("medical_family_support", {"batch": 2, "destination": "武汉", "last_support_ended": None}, "没有有效的家庭帮扶联系人（第 2 批，武汉）。"),
    (
        "medical_family_support",
        {"batch": 1, "destination": "黄石", "last_support_ended": "2020-03-01"},
        "没有有效的家庭帮扶联系人（第 1 批，黄石）；最近一次帮扶于 2020-03-01 结束。",
    ),
    ("community_funding", {"allocated": 12345.5, "standard": 50000}, "已拨付 12,345.50 元，低于标准 50,000.00 元（缺 37,654.50 元）。"),
    ("community_funding", {"allocated": 0, "standard": 50000}, "已拨付 0.00 元，低于标准 50,000.00 元（缺 50,000.00 元）。"),
]


@pytest.mark.parametrize(("metric", "details", "expected"), ZH_CASES)
def test_the_export_says_the_units_chinese_reason(metric, details, expected):
    item = {"reason": get_metric(metric).reason(details), "details": details}
    assert spreadsheets.reason_text(item, metric=metric, lang="zh") == expected
    assert spreadsheets.reason_text(item, metric=metric, lang="en") == item["reason"]


def test_the_dashboard_renders_the_same_chinese_reasons(tmp_path):
    """i18n.js's reasonText, run by Node over the generated metric_texts.js, gives the sentences
    the export gives (the page has no build step; its modules run as they are)."""
    node = shutil.which("node")
    assert node, "Node.js runs the dashboard's modules in this test (Debian package nodejs)"
    for name in ("i18n.js", "metric_texts.js"):
        shutil.copy(STATIC / name, tmp_path / name)
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    cases = [{"metric": m, "item": {"reason": "en", "details": d}} for m, d, _ in ZH_CASES]
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "run.js").write_text(
        'import { readFileSync } from "node:fs";\n'
        'import { reasonText } from "./i18n.js";\n'
        'const cases = JSON.parse(readFileSync("cases.json", "utf-8"));\n'
        'console.log(JSON.stringify(cases.map((c) => [reasonText(c.metric, c.item, "zh"), reasonText(c.metric, c.item, "en")])));\n',
        encoding="utf-8",
    )
    out = subprocess.run([node, "run.js"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [[expected, "en"] for _, _, expected in ZH_CASES]
