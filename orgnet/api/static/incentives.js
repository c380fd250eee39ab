// The Incentives view of a region (issue 13): the funnel from frontline service to recognition to
// promotion (GET /v1/incentives/funnel: nested stages of the people the frontline_recognition card
// counts; drawn as a funnel only when no stage exceeds the one before, each percentage of the stage
// before it, never capped), the source article's figures at the city beside the graph's
// own counts, and the four incentive metrics, each opening its gap list in the page's one gap-list
// component (gaps.js, with its filters and exports) rather than a second list of its own.
//
// The view is part of the address (`v=incentives`, app.js) and follows the page's region and day.

import { enc, get } from "./api.js";
import { $, h, isAbort } from "./dom.js";
import { chartOf, disposeChart, escapeHtml } from "./charts.js";
import { S, fmt, metricTitle, state } from "./state.js";

// The metric units of issue 13, in the order of the article (recognise, guard promotions, follow up, care).
export const INCENTIVE_METRICS = ["frontline_recognition", "record_backed_promotion", "application_followup", "duty_death_family_care"];
const STAGES = ["served", "recognised", "noted", "promoted"];
const FUNNEL_COLOURS = ["#5b7fa6", "#4c8c8a", "#6a9a4f", "#2e7d32"];

let openMetric = () => {};
export function setMetricOpener(fn) {
  openMetric = fn;
}

// Draws the view for `region` when it is shown; `alive()` turns false when a newer render started.
export async function renderIncentives(region, alive) {
  const section = $("#incentives-section");
  $("#incentives-toggle").setAttribute("aria-pressed", String(state.incentives));
  section.hidden = !state.incentives;
  if (section.hidden) {
    disposeChart($("#incentives-funnel"));
    return;
  }
  $("#incentives-heading").textContent = S().incentivesIn(region.name) + S().onDay(state.asOf);
  renderMetricButtons(region, alive);
  const box = $("#incentives-stages");
  box.setAttribute("aria-busy", "true");
  try {
    const funnel = await get("/v1/incentives/funnel", { region: region.id, as_of: state.asOf });
    if (!alive()) return;
    drawFunnel(funnel);
    renderArticle(funnel);
  } catch (e) {
    if (!alive() || isAbort(e)) return;
    disposeChart($("#incentives-funnel"));
    box.replaceChildren(h("p", { class: "error-box", role: "alert", text: `${S().error}: ${e.message}` }));
    $("#incentives-article").hidden = true;
  }
  box.setAttribute("aria-busy", "false");
}

// A stage's share of the stage before it, as it is: 101.9 % stays 101.9 % (an excess is shown, not hidden).
export function shareOf(count, before, lang) {
  if (!before) return "—";
  const v = Math.round((1000 * count) / before) / 10;
  return v.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%";
}

function drawFunnel(funnel) {
  const names = S().funnelStages;
  const rows = STAGES.map((stage) => ({ stage, count: (funnel.stages.find((s) => s.stage === stage) || { count: 0 }).count }));
  const nested = funnel.nested !== false && rows.every((r, i) => i === 0 || r.count <= rows[i - 1].count);
  const data = rows.map((r, i) => ({ name: names[r.stage], value: r.count, itemStyle: { color: FUNNEL_COLOURS[i] } }));
  const tooltip = { trigger: "item", formatter: (p) => `${escapeHtml(p.name)}: ${fmt(p.value)}` };
  // a funnel only for nested stages: a later stage larger than an earlier one would draw an hourglass
  const option = nested
    ? { tooltip, series: [{ type: "funnel", sort: "none", left: "10%", width: "80%", minSize: "8%", gap: 2,
        label: { show: true, position: "inside", formatter: (p) => `${p.name}  ${fmt(p.value)}` }, data }] }
    : { tooltip, xAxis: { type: "value" }, yAxis: { type: "category", inverse: true, data: data.map((d) => d.name) },
        series: [{ type: "bar", data, label: { show: true, position: "right", formatter: (p) => fmt(p.value) } }] };
  chartOf($("#incentives-funnel")).setOption(option, true);
  $("#incentives-funnel").dataset.shape = nested ? "funnel" : "bars";
  // the chart's figures as text too: a screen reader, a copy and paste, a test read these
  $("#incentives-stages").replaceChildren(
    nested ? "" : h("p", { class: "hint", role: "note", text: S().funnelNotNested }),
    h("ol", { class: "funnel-stages" }, ...rows.map((r, i) => h("li", { dataset: { stage: r.stage } },
      h("span", { text: names[r.stage] }), " ", h("strong", { class: "stage-count", text: fmt(r.count) }),
      i > 0 ? h("small", { class: "hint share", text: ` (${shareOf(r.count, rows[i - 1].count, state.lang)} ${S().ofStageBefore})` }) : null))),
  );
}

// The article's figures: only the city's funnel carries them (the article reports the city's), each
// beside the graph's own count of the same thing on the day (the funnel's `figures`, counted by the
// server); a figure the graph does not reproduce is marked, not hidden.
function renderArticle(funnel) {
  const box = $("#incentives-article");
  box.hidden = !funnel.article;
  if (!funnel.article) return;
  const labels = S().articleFigures;
  const words = S().articleVsGraph;
  const value = (key, v) => (v === null || v === undefined ? "—" : key.endsWith("_cny") ? `${fmt(v)} ${S().cny}` : fmt(v));
  const figures = funnel.figures || Object.entries(funnel.article).map(([figure, article]) => ({ figure, article, graph: null, matches: null }));
  box.replaceChildren(
    h("h4", { text: S().articleHeading }),
    h("dl", { class: "article-figures" }, ...figures.flatMap((f) => [
      h("dt", { text: labels[f.figure] || f.figure }),
      h("dd", { dataset: { figure: f.figure, matches: String(f.matches) }, class: f.matches === false ? "mismatch" : null },
        h("span", { class: "article-value" }, `${words.article} `, h("b", { class: "n", text: value(f.figure, f.article) })),
        " · ",
        h("span", { class: "graph-value" }, `${words.graph} `, h("b", { class: "n", text: value(f.figure, f.graph) })),
        f.matches === false ? h("span", { class: "differs", text: ` ≠ ${words.differs}` }) : null),
    ])),
  );
}

// One button per incentive metric with its uncovered count here; a click shows its gaps below.
function renderMetricButtons(region, alive) {
  const box = $("#incentives-metrics");
  box.replaceChildren(...INCENTIVE_METRICS.map((metric) => h("button", {
    type: "button",
    class: "incentive-metric",
    dataset: { metric },
    "aria-pressed": String(state.metric === metric),
    onclick: () => {
      openMetric(metric);
      $("#gaps-section").scrollIntoView({ block: "start" });
    },
  }, h("span", { class: "card-title", text: metricTitle(metric) }), h("span", { class: "incentive-count", text: "…" }))));
  for (const metric of INCENTIVE_METRICS) {
    get(`/v1/coverage/${enc(metric)}`, { region: region.id, as_of: state.asOf })
      .then((cov) => {
        if (!alive()) return;
        const uncovered = cov.total - cov.covered;
        box.querySelector(`[data-metric="${metric}"] .incentive-count`).textContent = cov.total
          ? `${fmt(uncovered)} ${S().uncovered} · ${fmt(cov.covered)}/${fmt(cov.total)}`
          : S().nothingToCover;
      })
      .catch((e) => {
        if (alive() && !isAbort(e)) box.querySelector(`[data-metric="${metric}"] .incentive-count`).textContent = `${S().error}: ${e.message}`;
      });
  }
}

export function markIncentiveMetric() {
  for (const b of document.querySelectorAll("#incentives-metrics .incentive-metric")) b.setAttribute("aria-pressed", String(b.dataset.metric === state.metric));
}
