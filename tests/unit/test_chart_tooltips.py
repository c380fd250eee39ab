"""The dashboard's chart tooltips are HTML (ECharts renders a formatter's string as markup): a
region's name in them is text, escaped (issue 20 §5: a name with `<img onerror=…>`, planted by
someone allowed to rename regions, fired requests from the map and treemap tooltips).

charts.js runs under Node with a stand-in for the vendored ECharts module that keeps the options
each chart sets; each tooltip formatter is then called as ECharts would call it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "orgnet" / "api" / "static"
EVIL = '<img src=x onerror="fetch(1)">丰县&'

ECHARTS_STANDIN = """
export function getInstanceByDom(el) { return el.chart; }
export function init(el) {
  el.chart = { options: null, setOption(o) { this.options = o; }, off() {}, on() {}, resize() {}, dispose() {} };
  return el.chart;
}
export function registerMap() {}
"""

RUN = """
globalThis.ResizeObserver = class { observe() {} };
const { barChart, compareChart, treemapChart, countyMap } = await import("./charts.js");
const name = %(name)s;
const thresholds = { ok: 0.9, warn: 0.6 };
const row = { id: "320321", name, covered: 1, total: 2, ratio: 0.5 };
const opts = { thresholds, lang: "zh", uncoveredLabel: "未覆盖", onOpen: null };
const shown = [];
let el = { style: {} };
barChart(el, [row], opts);
shown.push(el.chart.options.tooltip.formatter({ dataIndex: 0 }));
el = { style: {} };
compareChart(el, { before: "2020-02-01", after: "2020-03-01", children: [{ ...row, ratio_before: 0.1, ratio_after: 0.5,
  covered_before: 0, total_before: 2, covered_after: 1, total_after: 2 }] }, opts);
shown.push(el.chart.options.tooltip.formatter([{ dataIndex: 0 }]));
el = { style: {} };
treemapChart(el, { id: "320300", name, total: 2, covered: 1, ratio: 0.5, children: [row] }, opts);
shown.push(el.chart.options.tooltip.formatter({ data: el.chart.options.series[0].data[0] }));
el = { style: {} };
countyMap(el, { features: [{ properties: { code: "320321" } }] }, [row], opts);
shown.push(el.chart.options.tooltip.formatter({ name: "320321" }));
shown.push(el.chart.options.tooltip.formatter({ name }));  // a shape without a row: its name alone
console.log(JSON.stringify(shown));
"""


def test_region_names_in_chart_tooltips_are_text(tmp_path):
    node = shutil.which("node")
    assert node, "Node.js runs the dashboard's modules in this test (Debian package nodejs)"
    shutil.copy(STATIC / "charts.js", tmp_path / "charts.js")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "echarts.esm.min.mjs").write_text(ECHARTS_STANDIN, encoding="utf-8")
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (tmp_path / "run.mjs").write_text(RUN % {"name": json.dumps(EVIL)}, encoding="utf-8")
    out = subprocess.run([node, "run.mjs"], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    out = out.stdout
    shown = json.loads(out)
    assert len(shown) == 5
    for html in shown:
        assert "<img" not in html and "&lt;img src=x onerror=&quot;fetch(1)&quot;&gt;丰县&amp;" in html, html
