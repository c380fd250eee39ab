// Time: the coverage of the region over a period (GET /v1/coverage/{metric}/series, from the stored
// step functions) and a before/after view of the period's first and last day (GET .../compare).
// Period presets count whole months back from the period's end ("2 months" on 2020-03-31:
// 2020-02-01 → 2020-03-31).

import { enc, get } from "./api.js";
import { $, h, isAbort } from "./dom.js";
import { compareChart, lineChart, pct } from "./charts.js";
import { S, data, fmt, isDay, metricTitle, monthStart, state } from "./state.js";
import { errorText } from "./gaps.js";

let open = (id) => { location.hash = `#/r/${enc(id)}`; };
export function setOpener(fn) {
  open = fn;
}

function stepFor(from, to) {
  const days = (Date.parse(to) - Date.parse(from)) / 86400000;
  return days <= 400 ? "day" : days <= 2500 ? "week" : "month";
}

export const PRESETS = [
  { key: "m1", months: 0 },
  { key: "m2", months: 1 },
  { key: "m3", months: 2 },
  { key: "all", months: null },
];

// The period the presets give, ending on the day shown (the one chosen at the top).
export function presetPeriod(preset) {
  const to = state.asOf || state.to;
  const first = data.calendar ? data.calendar.first : to;
  if (preset.months === null) return { from: first < to ? first : monthStart(to, 1), to };
  return { from: monthStart(to, preset.months), to };
}

export function markPreset() {
  for (const b of document.querySelectorAll("#period-presets [data-preset]")) {
    const p = presetPeriod(PRESETS.find((x) => x.key === b.dataset.preset));
    b.setAttribute("aria-pressed", String(p.from === state.from && p.to === state.to));
  }
  $("#period-from").value = state.from || "";
  $("#period-to").value = state.to || "";
}

export async function renderTime(region, alive) {
  markPreset();
  const headline = $("#period-headline");
  const lineEl = $("#series-chart");
  const cmpEl = $("#compare-chart");
  if (!state.from || !state.to) return;
  headline.textContent = S().loading;
  try {
    const [series, cmp] = await Promise.all([
      get(`/v1/coverage/${enc(state.metric)}/series`, { region: region.id, from: state.from, to: state.to, step: stepFor(state.from, state.to) }),
      get(`/v1/coverage/${enc(state.metric)}/compare`, { region: region.id, before: state.from, after: state.to }),
    ]);
    if (!alive()) return;
    lineChart(lineEl, series.points, { thresholds: data.thresholds, lang: state.lang, name: `${metricTitle(state.metric)} · ${region.name}`, coveredLabel: S().covered, marks: [state.asOf] });
    const before = `${pct(cmp.ratio_before, state.lang)} (${fmt(cmp.covered_before)}/${fmt(cmp.total_before)})`;
    const after = `${pct(cmp.ratio_after, state.lang)} (${fmt(cmp.covered_after)}/${fmt(cmp.total_after)})`;
    const change = cmp.covered_change;
    headline.replaceChildren(
      h("strong", { text: `${region.name} · ${metricTitle(state.metric)}` }), ": ",
      h("span", { class: "period-before", text: `${cmp.before} ${before}` }), " → ",
      h("span", { class: "period-after", text: `${cmp.after} ${after}` }),
      h("span", { class: "hint", text: ` (${change >= 0 ? "+" : ""}${fmt(change)} ${S().covered})` }),
    );
    $("#compare-box").hidden = !cmp.children.length;
    if (cmp.children.length) compareChart(cmpEl, cmp, { thresholds: data.thresholds, lang: state.lang, onOpen: (r) => open(r.id) });
  } catch (e) {
    if (alive() && !isAbort(e)) headline.replaceChildren(h("span", { class: "error-box", role: "alert", text: `${S().error}: ${errorText(e)}` }));
  }
}

// Checks a typed period; returns an error text in the user's language, or null.
export function periodError(from, to) {
  if (!isDay(from)) return S().badDate(from || "—");
  if (!isDay(to)) return S().badDate(to || "—");
  if (from > to) return S().fromAfterTo;
  return null;
}
