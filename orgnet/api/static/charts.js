// Hand-written SVG bars: no chart library. Colours follow the policy's status thresholds.

const SVG = "http://www.w3.org/2000/svg";

export function statusOf(ratio, thresholds) {
  if (ratio === null || ratio === undefined) return "none";
  if (ratio >= thresholds.ok) return "ok";
  return ratio >= thresholds.warn ? "warn" : "bad";
}

export function pct(ratio, lang) {
  if (ratio === null || ratio === undefined) return "—";
  const v = ratio * 100;
  // One decimal; only the exact values read 100 % or 0 % (153,995 of 154,000 is 99.9 %, not 100 %).
  const digits = v === 100 || v === 0 ? 0 : 1;
  const shown = digits ? Math.min(99.9, Math.max(0.1, Math.round(v * 10) / 10)) : v;
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
