// Charts: Apache ECharts (vendored, orgnet/api/static/vendor/, fetched by scripts/fetch_vendor.py)
// for the bar, line, before/after, treemap and map charts; two tiny SVG indicators (the scorecard
// and tree bars) and an accessible list of the bars' rows (buttons a keyboard and a screen reader use).

import * as echarts from "./vendor/echarts.esm.min.mjs";

export const COLOURS = { ok: "#2e7d32", warn: "#c77700", bad: "#c62828", none: "#9aa4b1" };
const SVG = "http://www.w3.org/2000/svg";

// A tooltip's formatter returns HTML: every text from the data (a region's name, which someone
// allowed to rename regions, or an exchange file, chose) goes through this first.
const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function statusOf(ratio, thresholds) {
  if (ratio === null || ratio === undefined) return "none";
  if (ratio >= thresholds.ok) return "ok";
  return ratio >= thresholds.warn ? "warn" : "bad";
}

export function pct(ratio, lang) {
  if (ratio === null || ratio === undefined) return "—";
  const v = ratio * 100;
  // One decimal; only the exact values read 100 % or 0 % (153,995 of 154,000 is 99.9 %, not 100 %);
  // a ratio above 1 is shown as it is (5,098 of 5,003 is 101.9 %, never 99.9 %).
  const digits = v === 100 || v === 0 ? 0 : 1;
  const shown = digits && v < 100 ? Math.min(99.9, Math.max(0.1, Math.round(v * 10) / 10)) : digits ? Math.round(v * 10) / 10 : v;
  return shown.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) + "%";
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

// One horizontal bar: a track, the covered share, and tick marks at the warn / ok thresholds.
// The bar is decorative (aria-hidden); the caller puts the figures in text next to it.
export function bar(ratio, thresholds, { width = 120, height = 10, ticks = true } = {}) {
  const status = statusOf(ratio, thresholds);
  const svg = el("svg", {
    class: `bar bar-${status}`,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    preserveAspectRatio: "none",
    "aria-hidden": "true",
    focusable: "false",
  });
  svg.appendChild(el("rect", { class: "bar-track", x: 0, y: 0, width, height, rx: 2 }));
  if (ratio !== null && ratio !== undefined) {
    const w = Math.max(ratio > 0 ? 1 : 0, Math.round(ratio * width * 10) / 10);
    svg.appendChild(el("rect", { class: "bar-fill", x: 0, y: 0, width: w, height, rx: 2 }));
  }
  if (ticks) {
    for (const [name, t] of [["warn", thresholds.warn], ["ok", thresholds.ok]]) {
      const x = Math.round(t * width * 10) / 10;
      svg.appendChild(el("line", { class: `bar-tick bar-tick-${name}`, x1: x, x2: x, y1: 0, y2: height }));
    }
  }
  return svg;
}

// A ranked list of regions with bars: each row is a button (keyboard and screen readers work).
// rows: [{id, name, hint, covered, total, ratio}]; onOpen(row) when a row is chosen.
export function barList(rows, thresholds, { lang, onOpen, uncoveredLabel, noneLabel }) {
  const list = document.createElement("ol");
  list.className = "chart";
  for (const row of rows) {
    const li = document.createElement("li");
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = `chart-row status-${statusOf(row.ratio, thresholds)}`;
    btn.dataset.regionId = row.id;
    const name = document.createElement("span");
    name.className = "chart-name";
    name.textContent = row.name;
    if (row.hint) {
      const hint = document.createElement("small");
      hint.textContent = row.hint;
      name.appendChild(hint);
    }
    const value = document.createElement("span");
    value.className = "chart-value";
    const unc = row.total - row.covered;
    value.textContent = row.total
      ? `${pct(row.ratio, lang)} (${row.covered.toLocaleString()}/${row.total.toLocaleString()})`
      : noneLabel;
    const uncEl = document.createElement("span");
    uncEl.className = "chart-uncovered";
    uncEl.textContent = unc > 0 ? `${unc.toLocaleString()} ${uncoveredLabel}` : "";
    const barWrap = document.createElement("span");
    barWrap.className = "chart-bar";
    barWrap.appendChild(bar(row.ratio, thresholds, { width: 300, height: 14 }));
    btn.append(name, barWrap, value, uncEl);
    btn.addEventListener("click", () => onOpen(row));
    li.appendChild(btn);
    list.appendChild(li);
  }
  return list;
}

// ------------------------------------------------------------------ ECharts

// The chart of a container: created once (SVG renderer: crisp, and the drawn shapes are DOM), resized with it.
export function chartOf(el) {
  let chart = echarts.getInstanceByDom(el);
  if (!chart) {
    chart = echarts.init(el, null, { renderer: "svg" });
    new ResizeObserver(() => chart.resize()).observe(el);
  }
  return chart;
}

export function disposeChart(el) {
  const chart = echarts.getInstanceByDom(el);
  if (chart) chart.dispose();
}

const percent = (v) => (v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`);
const colourOf = (ratio, thresholds) => COLOURS[statusOf(ratio, thresholds)];

function thresholdLines(thresholds, scale = 100) {
  return {
    silent: true,
    symbol: "none",
    label: { show: false },
    data: [
      { xAxis: thresholds.warn * scale, lineStyle: { color: COLOURS.warn, type: "dashed" } },
      { xAxis: thresholds.ok * scale, lineStyle: { color: COLOURS.ok, type: "dashed" } },
    ],
  };
}

// Horizontal bars of the rows' coverage (0–100 % axis, value labels), coloured by status.
// rows: [{id, name, covered, total, ratio}]; onOpen(row) on a click.
export function barChart(el, rows, { thresholds, lang, onOpen, uncoveredLabel }) {
  el.style.height = `${Math.max(160, rows.length * 26 + 60)}px`;
  const chart = chartOf(el);
  const names = rows.map((r) => r.name);
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 140, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0 } },
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const r = rows[p.dataIndex];
          return `${escapeHtml(r.name)}<br>${pct(r.ratio, lang)} (${r.covered.toLocaleString()}/${r.total.toLocaleString()}) · ${(r.total - r.covered).toLocaleString()} ${escapeHtml(uncoveredLabel)}`;
        },
      },
      series: [
        {
          type: "bar",
          data: rows.map((r) => ({
            value: r.total ? Math.round(r.ratio * 1000) / 10 : 0,
            itemStyle: { color: colourOf(r.total ? r.ratio : null, thresholds) },
          })),
          label: {
            show: true,
            position: "right",
            formatter: (p) => {
              const r = rows[p.dataIndex];
              return r.total ? `${pct(r.ratio, lang)}  ${r.covered.toLocaleString()}/${r.total.toLocaleString()}` : "—";
            },
          },
          markLine: thresholdLines(thresholds),
        },
      ],
    },
    true,
  );
  chart.off("click");
  chart.on("click", (p) => onOpen && onOpen(rows[p.dataIndex]));
  return chart;
}

// Coverage of one region over time: a step line of the ratio, with the threshold bands.
export function lineChart(el, points, { thresholds, lang, name, coveredLabel, marks = [] }) {
  const chart = chartOf(el);
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      title: { text: name, left: 8, top: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
      xAxis: { type: "category", data: points.map((p) => p.day), boundaryGap: false },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      tooltip: {
        trigger: "axis",
        formatter: (ps) => {
          const p = points[ps[0].dataIndex];
          return `${escapeHtml(p.day)}<br>${pct(p.ratio, lang)} · ${p.covered.toLocaleString()}/${p.total.toLocaleString()} ${escapeHtml(coveredLabel)}`;
        },
      },
      visualMap: {
        show: false,
        dimension: 1,
        pieces: [
          { lt: thresholds.warn * 100, color: COLOURS.bad },
          { gte: thresholds.warn * 100, lt: thresholds.ok * 100, color: COLOURS.warn },
          { gte: thresholds.ok * 100, color: COLOURS.ok },
        ],
      },
      series: [
        {
          type: "line",
          step: "end",
          symbolSize: points.length > 60 ? 0 : 5,
          data: points.map((p) => (p.ratio === null ? null : Math.round(p.ratio * 1000) / 10)),
          markLine: {
            silent: true,
            symbol: "none",
            label: { show: false },
            data: [
              { yAxis: thresholds.warn * 100, lineStyle: { color: COLOURS.warn, type: "dashed" } },
              { yAxis: thresholds.ok * 100, lineStyle: { color: COLOURS.ok, type: "dashed" } },
              ...marks.map((day) => ({ xAxis: day, lineStyle: { color: "#1f4e79" } })),
            ],
          },
        },
      ],
    },
    true,
  );
  return chart;
}

// Before / after: the sub-regions' coverage on two days, side by side.
export function compareChart(el, cmp, { thresholds, lang, onOpen }) {
  const rows = cmp.children;
  el.style.height = `${Math.max(160, rows.length * 30 + 70)}px`;
  const chart = chartOf(el);
  const val = (r) => (r === null || r === undefined ? 0 : Math.round(r * 1000) / 10);
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      legend: { top: 0, data: [cmp.before, cmp.after] },
      grid: { left: 8, right: 60, top: 30, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: rows.map((r) => r.name), inverse: true, axisLabel: { interval: 0 } },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (ps) => {
          const r = rows[ps[0].dataIndex];
          return `${escapeHtml(r.name)}<br>${escapeHtml(cmp.before)}: ${pct(r.ratio_before, lang)} (${r.covered_before.toLocaleString()}/${r.total_before.toLocaleString()})`
            + `<br>${escapeHtml(cmp.after)}: ${pct(r.ratio_after, lang)} (${r.covered_after.toLocaleString()}/${r.total_after.toLocaleString()})`;
        },
      },
      series: [
        { name: cmp.before, type: "bar", data: rows.map((r) => val(r.ratio_before)), itemStyle: { color: "#9fb4c9" },
          label: { show: true, position: "right", formatter: (p) => percent(rows[p.dataIndex].ratio_before) } },
        { name: cmp.after, type: "bar", data: rows.map((r) => ({ value: val(r.ratio_after), itemStyle: { color: colourOf(r.ratio_after, thresholds) } })),
          label: { show: true, position: "right", formatter: (p) => percent(rows[p.dataIndex].ratio_after) } },
      ],
    },
    true,
  );
  chart.off("click");
  chart.on("click", (p) => onOpen && onOpen(rows[p.dataIndex]));
  return chart;
}

// The hierarchy under a region as a treemap: area = items to cover, colour = coverage status.
// root: {id, name, total, covered, ratio, children: [...]}; onOpen(node) on a click of a leaf's label.
export function treemapChart(el, root, { thresholds, lang, onOpen, uncoveredLabel }) {
  const chart = chartOf(el);
  const toNode = (n) => ({
    name: n.name,
    id: n.id,
    value: Math.max(n.total, 0),
    ratio: n.ratio,
    covered: n.covered,
    total: n.total,
    // the border colours come from the levels (a data item's own would hide a group's dark band)
    itemStyle: { color: colourOf(n.total ? n.ratio : null, thresholds) },
    children: n.children && n.children.length ? n.children.map(toNode) : undefined,
  });
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        formatter: (p) => {
          const d = p.data;
          return `${escapeHtml(d.name)}<br>${pct(d.ratio, lang)} (${(d.covered || 0).toLocaleString()}/${(d.total || 0).toLocaleString()}) · ${((d.total || 0) - (d.covered || 0)).toLocaleString()} ${escapeHtml(uncoveredLabel)}`;
        },
      },
      series: [
        {
          type: "treemap",
          name: root.name,
          roam: false,
          nodeClick: false,
          leafDepth: 2,
          breadcrumb: { show: false },
          top: 4, left: 4, right: 4, bottom: 4,
          // Names are drawn as SVG text (text nodes: markup in a name is shown, never parsed); a
          // label that does not fit is cut with an ellipsis, never to a misleading "10" of "100%".
          label: { show: true, formatter: (p) => `${p.name}\n${percent(p.data.ratio)}`, overflow: "truncate", ellipsis: "…" },
          levels: [
            { itemStyle: { borderWidth: 0, gapWidth: 3 } },
            // a group (a town of the county, a county of the city): its name and figure in a dark
            // band above its blocks (a parent's band is drawn in its border colour: white hid it)
            { itemStyle: { borderWidth: 2, gapWidth: 1, borderColor: "#37474f" },
              upperLabel: { show: true, height: 20, color: "#fff", fontWeight: "bold", overflow: "truncate", ellipsis: "…",
                formatter: (p) => `${p.name} ${percent(p.data.ratio)}` } },
            // the blocks inside a group: their names (the figure is in the colour and the tooltip)
            { itemStyle: { borderWidth: 1, gapWidth: 0, borderColor: "#fff" }, label: { fontSize: 10, formatter: (p) => p.name } },
          ],
          data: (root.children || []).map(toNode),
        },
      ],
    },
    true,
  );
  chart.off("click");
  chart.on("click", (p) => p.data && p.data.id && onOpen && onOpen(p.data));
  return chart;
}

// The counties on a map, coloured by the status of their coverage; a click opens the county.
// geo: GeoJSON with features keyed by region code (`id`); rows: [{id, name, covered, total, ratio}].
const registered = new WeakSet();
export function countyMap(el, geo, rows, { thresholds, lang, onOpen, uncoveredLabel }) {
  if (!registered.has(geo)) {
    echarts.registerMap("orgnet-counties", geo);
    registered.add(geo);
  }
  const chart = chartOf(el);
  const byId = new Map(rows.map((r) => [r.id, r]));
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const r = byId.get(p.name);
          if (!r) return escapeHtml(p.name);
          return `${escapeHtml(r.name)}<br>${pct(r.ratio, lang)} (${r.covered.toLocaleString()}/${r.total.toLocaleString()}) · ${(r.total - r.covered).toLocaleString()} ${escapeHtml(uncoveredLabel)}`;
        },
      },
      series: [
        {
          type: "map",
          map: "orgnet-counties",
          nameProperty: "code",
          roam: false,
          selectedMode: false,
          aspectScale: 0.85,
          layoutCenter: ["50%", "50%"],
          layoutSize: "95%",
          label: {
            show: true,
            fontSize: 11,
            color: "#1d2733",
            textBorderColor: "#fff",
            textBorderWidth: 2,
            formatter: (p) => {
              const r = byId.get(p.name);
              return r ? `${r.name}\n${percent(r.total ? r.ratio : null)}` : "";
            },
          },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#1f4e79" } },
          itemStyle: { borderColor: "#fff", borderWidth: 1, areaColor: COLOURS.none },
          data: geo.features.map((f) => {
            const r = byId.get(f.id);
            return { name: f.id, value: r && r.total ? Math.round(r.ratio * 1000) / 10 : null, itemStyle: { areaColor: colourOf(r && r.total ? r.ratio : null, thresholds) } };
          }),
        },
      ],
    },
    true,
  );
  chart.off("click");
  chart.on("click", (p) => {
    const r = byId.get(p.name);
    if (r && onOpen) onOpen(r);
  });
  return chart;
}
