// orgnet planner dashboard: ES modules over the JSON API (no framework, no build step).
//
// URL: #/r/<region id>?m=<metric>&d=<YYYY-MM-DD>[&f=<from>&t=<to>][&v=incentives]   (language and token live in browser storage)
// Modules: api.js (client), state.js, tree.js (tree + search), overview.js (map, treemap),
// timeview.js (series, before/after), gaps.js (server-side list), tools.js (what-if), charts.js (ECharts),
// incentives.js (the Incentives view: funnel, article figures, the incentive metrics' gap lists),
// live.js (the live stream: a write anywhere in the scope re-renders what it touches),
// imports.js (a planner's spreadsheet import: template, dry run, error workbook, commit).

import { bumpVersion, clearCache, dataVersion, enc, get } from "./api.js";
import { $, h, isAbort } from "./dom.js";
import { bar, barChart, barList, disposeChart, pct, statusOf } from "./charts.js";
import * as gaps from "./gaps.js";
import { markIncentiveMetric, renderIncentives, setMetricOpener as setIncentivesOpener } from "./incentives.js";
import { renderImports } from "./imports.js";
import { onEvent, startLive, touches } from "./live.js";
import * as ops from "./ops.js";
import { renderOverview, setOpener as setOverviewOpener } from "./overview.js";
import { DEFAULT_METRIC, LEVELS, S, addDays, data, fmt, isDay, kindName, levelName, metricTitle, monthStart, state } from "./state.js";
import { PRESETS, markPreset, periodError, presetPeriod, renderTime, setOpener as setTimeOpener } from "./timeview.js";
import { renderFieldPanel } from "./field_phones.js";
import { clearTools, enablePeopleSearch, loadSuggestions, runWhatIf, selectTab } from "./tools.js";
import { bindTree, setOpener as setTreeOpener, syncTree } from "./tree.js";

let generation = 0; // every render
let regionGeneration = 0; // renders that change region, day or language (the scorecard's inputs)
let lastBars = "";

const coverage = (metric, region) => get(`/v1/coverage/${enc(metric)}`, { region, as_of: state.asOf });

// ------------------------------------------------------------------ time defaults
// The day the page opens on: the server's reference day (REFERENCE_DAY; the seed's scenario day;
// else today clipped to the calendar).
function defaultDay() {
  if (data.calendar) return data.calendar.reference || data.calendar.last;
  return new Date().toISOString().slice(0, 10);
}
function defaultFrom(to) {
  const first = data.calendar ? data.calendar.first : null;
  return first && first < to ? first : monthStart(to, 1);
}
function showDateError(text) {
  const box = $("#date-error");
  box.hidden = !text;
  box.textContent = text || "";
}

// ------------------------------------------------------------------ routing
function parseHash() {
  const m = location.hash.match(/^#\/r\/([^?]+)(?:\?(.*))?$/);
  const params = new URLSearchParams(m ? m[2] || "" : location.hash.replace(/^#\/?\??/, ""));
  return { region: m ? decodeURIComponent(m[1]) : null, metric: params.get("m"), asOf: params.get("d"), from: params.get("f"), to: params.get("t"), view: params.get("v") };
}
export function hashFor(region, metric = state.metric, asOf = state.asOf) {
  const qs = new URLSearchParams();
  if (metric && metric !== DEFAULT_METRIC) qs.set("m", metric);
  if (asOf) qs.set("d", asOf);
  if (state.from && state.to && (state.to !== asOf || state.from !== defaultFrom(state.to))) {
    qs.set("f", state.from);
    qs.set("t", state.to);
  }
  if (state.incentives) qs.set("v", "incentives");
  const q = qs.toString();
  return `#/r/${enc(region)}${q ? "?" + q : ""}`;
}
function go(region, { push = true } = {}) {
  const target = hashFor(region);
  if (push && location.hash !== target) location.hash = target; // hashchange renders
  else {
    history.replaceState(null, "", target);
    render();
  }
}
function setMetric(metric) {
  if (metric === state.metric) return;
  state.metric = metric;
  gaps.resetGapFilters();
  history.replaceState(null, "", hashFor(state.region));
  render({ metricOnly: true });
}
function toggleIncentives() {
  state.incentives = !state.incentives;
  history.replaceState(null, "", hashFor(state.region));
  const gen = generation;
  if (data.region) renderIncentives(data.region, () => gen === generation);
}
function setPeriod(from, to) {
  const err = periodError(from, to);
  if (err) {
    showDateError(err);
    markPreset();
    return;
  }
  showDateError("");
  state.from = from;
  state.to = to;
  history.replaceState(null, "", hashFor(state.region));
  markPreset();
  renderTime(data.region, () => true);
}

// ------------------------------------------------------------------ static text
function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-i18n]")) {
    const v = S()[e.dataset.i18n];
    if (typeof v === "string") e.textContent = v;
  }
  for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = S()[e.dataset.i18nPlaceholder];
  const toggle = $("#lang-toggle");
  toggle.textContent = S().language;
  toggle.lang = state.lang === "zh" ? "en" : "zh";
  document.title = S().appTitle + (data.region ? ` · ${data.region.name}` : "");
  const sel = $("#metric-select");
  sel.replaceChildren(...data.metrics.map((m) => h("option", { value: m.metric, text: metricTitle(m.metric) })));
  sel.value = state.metric;
  const levelSel = $("#region-search-level");
  levelSel.replaceChildren(h("option", { value: "", text: S().allLevels }), ...LEVELS.slice(LEVELS.indexOf("city") + 1).map((l) => h("option", { value: l, text: levelName(l) })));
  if (data.calendar) $("#calendar-hint").textContent = S().calendarHint(data.calendar.first, data.calendar.last, defaultDay());
  markDays();
}

// Every heading whose figures depend on the day names it.
function markDays() {
  for (const e of document.querySelectorAll("[data-day]")) e.textContent = state.asOf ? S().onDay(state.asOf) : "";
}

// ISO dates typed, not clicked: arrow up/down move the day by one (and apply it at once for the day shown).
function bindIsoDate(input, apply) {
  input.addEventListener("keydown", (ev) => {
    if ((ev.key !== "ArrowUp" && ev.key !== "ArrowDown") || !isDay(input.value)) return;
    ev.preventDefault();
    input.value = addDays(input.value, ev.key === "ArrowUp" ? 1 : -1);
    if (apply) apply();
  });
}

// ------------------------------------------------------------------ rendering
function sectionError(container, err, retry) {
  container.setAttribute("aria-busy", "false");
  container.replaceChildren(
    h("div", { class: "error-box", role: "alert" },
      `${S().error}: ${gaps.errorText(err)} `,
      retry ? h("button", { type: "button", class: "button", onclick: retry, text: S().retry }) : null),
  );
}

async function render({ metricOnly = false, live = false } = {}) {
  const gen = ++generation;
  const regionGen = metricOnly ? regionGeneration : ++regionGeneration;
  const alive = () => gen === generation;
  const regionAlive = () => regionGen === regionGeneration;
  $("#metric-select").value = state.metric;
  $("#children-metric").textContent = metricTitle(state.metric);
  $("#global-error").hidden = true;

  let region;
  try {
    region = await get(`/v1/regions/${enc(state.region)}`);
  } catch (e) {
    if (!alive()) return;
    const box = $("#global-error");
    box.hidden = false;
    box.replaceChildren(`${S().error}: ${e.message} `, h("a", { href: "#/", text: "↩" }));
    return;
  }
  if (!alive()) return;
  data.region = region;
  renderHeader(region);
  markDays();
  // what the scorecard was computed from: a write (the data version) makes it stale like a new day
  const scoreKey = `${region.id}|${state.asOf}|${state.lang}|${sessionStorage.getItem("orgnet-token") || ""}|${dataVersion()}`;
  if ($("#scorecard").dataset.key !== scoreKey) renderScorecard(region, regionAlive, scoreKey, { live });
  else markSelectedCard();
  if (metricOnly) markIncentiveMetric();
  else renderIncentives(region, regionAlive);
  if (data.toolsKey !== `${region.id}|${state.asOf}`) {
    data.toolsKey = `${region.id}|${state.asOf}`;
    clearTools();
  }
  let cov = null;
  try {
    cov = region.level === "village" ? null : await coverage(state.metric, region.id);
  } catch (e) {
    if (alive() && !isAbort(e)) sectionError($("#children"), e, () => render());
  }
  if (!alive()) return;
  data.children = cov ? cov.children : [];
  renderChildren(region, cov, alive);
  if (cov) renderOverview(region, cov, alive);
  else $("#overview-section").hidden = true;
  renderTime(region, alive);
  gaps.loadGaps();
  ops.renderRegionHistory(region);
  renderImports(region);
  const barsKey = `${state.metric}|${state.asOf}|${state.lang}|${dataVersion()}`;
  syncTree(region, { barsChanged: barsKey !== lastBars });
  lastBars = barsKey;
}

function renderHeader(region) {
  document.title = `${S().appTitle} · ${region.name}`;
  $("#region-name").textContent = region.name;
  $("#region-level").textContent = `${levelName(region.level)}${region.kind && region.kind !== region.level ? " · " + kindName(region.kind) : ""} · ${region.id}`;
  $("#breadcrumbs").replaceChildren(
    ...region.path.map((p, i) =>
      h("li", {}, h("a", { href: hashFor(p.id), "aria-current": i === region.path.length - 1 ? "page" : null, text: p.name })),
    ),
  );
}

// scorecard: one card per metric; choosing one sets the metric of the rest of the page
async function renderScorecard(region, alive, key, { live = false } = {}) {
  const box = $("#scorecard");
  box.dataset.key = key;
  box.setAttribute("aria-busy", "true");
  // a live refresh keeps the figures until the new ones come (no flash of skeletons at every write)
  if (!live || !box.querySelector(".card:not(.skeleton-figures)")) box.replaceChildren(...data.metrics.map((m) => card({ metric: m.metric }, true)));
  markSelectedCard();
  try {
    const sc = await get(`/v1/regions/${enc(region.id)}/scorecard`, { as_of: state.asOf });
    if (!alive()) return;
    const focused = box.contains(document.activeElement) ? document.activeElement.dataset.metric : null;
    box.replaceChildren(...sc.metrics.map((line) => card(line, false)));
    box.setAttribute("aria-busy", "false");
    markSelectedCard();
    if (focused) box.querySelector(`[data-metric="${focused}"]`)?.focus(); // keep the keyboard user's place
  } catch (e) {
    if (alive() && !isAbort(e)) {
      box.dataset.key = "";
      sectionError(box, e, () => renderScorecard(region, alive, key));
    }
  }
}
function card(line, skeleton) {
  const status = skeleton ? "none" : line.total ? line.status || statusOf(line.ratio, data.thresholds) : "none";
  const statusText = { ok: S().statusOk, warn: S().statusWarn, bad: S().statusBad, none: S().statusNone }[status];
  const title = metricTitle(line.metric);
  const btn = h("button", {
    type: "button",
    class: `card status-${status}${skeleton ? " skeleton-figures" : ""}`,
    "aria-pressed": "false",
    dataset: { metric: line.metric },
    onclick: () => setMetric(line.metric),
  });
  btn.append(h("span", { class: "card-title", text: title }));
  if (skeleton) {
    btn.append(h("span", { class: "card-figure", text: "…" }), h("span", { class: "card-unc", text: S().loading }));
    return btn;
  }
  btn.append(
    h("span", { class: "card-figure" }, line.total ? pct(line.ratio, state.lang) : "—", " ",
      h("small", { text: line.total ? `${fmt(line.covered)}/${fmt(line.total)}` : S().nothingToCover, title: `${fmt(line.covered)}/${fmt(line.total)}` })),
    bar(line.total ? line.ratio : null, data.thresholds, { width: 180, height: 8 }),
    h("span", { class: "card-unc" },
      h("span", { class: "badge", text: { ok: "✓", warn: "!", bad: "✕", none: "–" }[status], title: statusText }), " ",
      line.uncovered ? h("strong", { text: fmt(line.uncovered) }) : "0", ` ${S().uncovered}`),
  );
  btn.setAttribute("aria-label", `${title}: ${line.total ? pct(line.ratio, state.lang) : S().nothingToCover}, ${fmt(line.uncovered || 0)} ${S().uncovered}, ${statusText}`);
  return btn;
}
function markSelectedCard() {
  for (const c of document.querySelectorAll("#scorecard .card")) c.setAttribute("aria-pressed", String(c.dataset.metric === state.metric));
}

// children: an ECharts bar chart with its figures as a list of buttons, all metrics as a matrix, or the hotspots
function legend() {
  const t = data.thresholds;
  return h("p", { class: "legend" },
    h("span", { class: "status-ok" }, h("i"), `≥ ${pct(t.ok, state.lang)} ${S().statusOk}`),
    h("span", { class: "status-warn" }, h("i"), `≥ ${pct(t.warn, state.lang)} ${S().statusWarn}`),
    h("span", { class: "status-bad" }, h("i"), `< ${pct(t.warn, state.lang)} ${S().statusBad}`),
    h("span", { class: "status-none" }, h("i"), S().statusNone));
}
function sortRows(rows) {
  const r = [...rows];
  if (state.sort === "id") r.sort((a, b) => a.id.localeCompare(b.id));
  else if (state.sort === "uncovered") r.sort((a, b) => (b.total - b.covered) - (a.total - a.covered) || a.id.localeCompare(b.id));
  else r.sort((a, b) => (a.ratio ?? 2) - (b.ratio ?? 2) || a.id.localeCompare(b.id));
  return r;
}
async function renderChildren(region, cov, alive) {
  const box = $("#children");
  const chartEl = $("#children-chart");
  for (const b of document.querySelectorAll(".segmented [data-view]")) b.setAttribute("aria-pressed", String(b.dataset.view === state.view));
  $("#sort-select").value = state.sort;
  box.setAttribute("aria-busy", "true");
  chartEl.hidden = true;
  if (region.level === "village" && state.view !== "hotspots") {
    disposeChart(chartEl);
    box.replaceChildren(h("p", { class: "hint", text: S().noChildren }));
    box.setAttribute("aria-busy", "false");
    return;
  }
  try {
    if (state.view === "matrix") await renderMatrix(region, box, alive);
    else if (state.view === "hotspots") await renderHotspots(region, box, alive);
    else {
      cov = cov || (await coverage(state.metric, region.id));
      if (!alive()) return;
      const rows = sortRows(cov.children);
      if (rows.length) {
        chartEl.hidden = false;
        barChart(chartEl, rows, { thresholds: data.thresholds, lang: state.lang, onOpen: (row) => go(row.id), uncoveredLabel: S().uncovered });
      }
      box.replaceChildren(
        rows.length
          ? h("details", { class: "figures", open: true }, h("summary", { text: S().figures }),
            barList(rows, data.thresholds, { lang: state.lang, onOpen: (row) => go(row.id), uncoveredLabel: S().uncovered, noneLabel: S().nothingToCover }))
          : h("p", { class: "hint", text: S().noChildren }),
        legend(),
      );
    }
    box.setAttribute("aria-busy", "false");
  } catch (e) {
    if (alive() && !isAbort(e)) sectionError(box, e, () => renderChildren(region, null, alive));
  }
}
async function renderMatrix(region, box, alive) {
  const metrics = data.metrics.map((m) => m.metric);
  const results = {};
  const table = h("table", { class: "matrix" });
  const draw = () => {
    const first = Object.values(results)[0];
    if (!first) return;
    const children = sortRows(first.children);
    table.replaceChildren(
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, levelName(LEVELS[LEVELS.indexOf(region.level) + 1] || "village")),
        ...metrics.map((m) => h("th", { scope: "col", class: m === state.metric ? "current" : null }, metricTitle(m))))),
      h("tbody", {}, ...children.map((c) => h("tr", {},
        h("th", { scope: "row" }, h("button", { type: "button", class: "link", onclick: () => go(c.id), text: c.name })),
        ...metrics.map((m) => {
          const line = results[m] && results[m].children.find((x) => x.id === c.id);
          if (!line) return h("td", {}, "…");
          const st = statusOf(line.total ? line.ratio : null, data.thresholds);
          return h("td", { class: `status-${st}`, title: `${metricTitle(m)}: ${line.covered}/${line.total}` },
            h("span", { text: line.total ? pct(line.ratio, state.lang) : "—" }),
            bar(line.total ? line.ratio : null, data.thresholds, { width: 80, height: 8, ticks: false }));
        })))),
    );
  };
  box.replaceChildren(h("div", { class: "matrix-wrap" }, table), legend());
  // three at a time: the server has few cores and other users
  let next = 0;
  const worker = async () => {
    while (next < metrics.length) {
      const m = metrics[next++];
      results[m] = await coverage(m, region.id);
      if (!alive()) return;
      draw();
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}
let hotspotAsk = 0; // only the last hotspot list asked for is drawn (a level changed while one loads)
async function renderHotspots(region, box, alive) {
  const mine = ++hotspotAsk;
  const below = LEVELS.slice(LEVELS.indexOf(region.level) + 1);
  if (!below.length) {
    box.replaceChildren(h("p", { class: "hint", text: S().noChildren }));
    return;
  }
  if (!below.includes(state.hotspotLevel)) state.hotspotLevel = below[below.length - 1];
  const sel = h("select", { id: "hotspot-level", onchange: (e) => { state.hotspotLevel = e.target.value; renderChildren(region, null, alive); } },
    ...below.map((l) => h("option", { value: l, text: levelName(l) })));
  sel.value = state.hotspotLevel;
  box.replaceChildren(h("p", { class: "toolbar" }, h("label", { for: "hotspot-level", text: S().hotspotsAt }), sel), h("p", { class: "loading", text: S().loading }));
  const hs = await get(`/v1/hotspots/${enc(state.metric)}`, { region: region.id, level: state.hotspotLevel, as_of: state.asOf, limit: 20 });
  if (!alive() || mine !== hotspotAsk) return;
  const depth = LEVELS.indexOf(region.level) + 1;
  const rows = hs.items.map((x) => ({ ...x, hint: (x.path || []).slice(depth, -1).map((p) => p.name).join(" › ") }));
  box.lastChild.replaceWith(
    barList(rows, data.thresholds, { lang: state.lang, onOpen: (row) => go(row.id), uncoveredLabel: S().uncovered, noneLabel: S().nothingToCover }),
  );
  box.append(legend());
}

// ------------------------------------------------------------------ start
function bindControls() {
  const asOf = $("#as-of");
  asOf.addEventListener("change", () => {
    if (!isDay(asOf.value)) {
      showDateError(S().badDate(asOf.value || "—"));
      return;
    }
    showDateError("");
    const wasDefault = state.to === state.asOf && state.from === defaultFrom(state.to);
    state.asOf = asOf.value;
    if (wasDefault) {
      state.to = state.asOf;
      state.from = defaultFrom(state.to);
    }
    history.replaceState(null, "", hashFor(state.region));
    render();
  });
  bindIsoDate(asOf, () => asOf.dispatchEvent(new Event("change")));
  bindIsoDate($("#period-from"));
  bindIsoDate($("#period-to"));
  $("#last-day").addEventListener("click", () => {
    asOf.value = defaultDay();
    asOf.dispatchEvent(new Event("change"));
  });
  $("#lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("orgnet-lang", state.lang);
    applyLanguage();
    ops.renderSession();
    render({ metricOnly: false });
  });
  $("#metric-select").addEventListener("change", (e) => setMetric(e.target.value));
  $("#sort-select").addEventListener("change", (e) => { state.sort = e.target.value; renderChildren(data.region, null, () => true); });
  for (const b of document.querySelectorAll(".segmented [data-view]")) {
    b.addEventListener("click", () => { state.view = b.dataset.view; renderChildren(data.region, null, () => true); });
  }
  for (const p of PRESETS) {
    $(`#period-presets [data-preset="${p.key}"]`).addEventListener("click", () => {
      const period = presetPeriod(p);
      setPeriod(period.from, period.to);
    });
  }
  $("#period-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    setPeriod($("#period-from").value, $("#period-to").value);
  });
  let searchTimer = null;
  $("#gap-search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { state.q = e.target.value; gaps.loadGaps(); }, 300);
  });
  $("#gap-category").addEventListener("change", (e) => { state.reason = e.target.value; gaps.loadGaps(); });
  $("#gap-within").addEventListener("change", (e) => { state.within = e.target.value; gaps.loadGaps(); });
  $("#page-prev").addEventListener("click", gaps.prevPage);
  $("#page-next").addEventListener("click", gaps.nextPage);
  $("#page-size").addEventListener("change", (e) => { state.pageSize = Number(e.target.value); gaps.loadGaps(); });
  $("#export-csv").addEventListener("click", () => gaps.exportGaps("csv"));
  $("#export-xlsx").addEventListener("click", () => gaps.exportGaps("xlsx"));
  $("#incentives-toggle").addEventListener("click", toggleIncentives);
  // the gap list is the planner's work: one click (or the key g) from anywhere on the page
  const jumpToGaps = () => {
    $("#gaps-section").scrollIntoView({ block: "start" });
    $("#gap-search").focus({ preventScroll: true });
  };
  $("#jump-gaps").addEventListener("click", jumpToGaps);
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "g" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !ev.target.closest("input, select, textarea, [contenteditable], dialog")) jumpToGaps();
  });
  $("#whatif-form").addEventListener("submit", runWhatIf);
  $("#load-suggestions").addEventListener("click", loadSuggestions);
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => {
      selectTab(tab.id);
      if (tab.id === "tab-field") renderFieldPanel();
    });
    tab.addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
      const tabs = [...document.querySelectorAll('[role="tab"]')];
      const next = tabs[(tabs.indexOf(tab) + (ev.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      selectTab(next.id);
      next.focus();
    });
  }
  bindTree();
  ops.bindSession({
    // signed in or out: everything is asked again with the new token; a restricted account opens its scope
    onChange: () => {
      clearCache();
      startLive(); // the stream of the new caller's scope
      gaps.resetGapFilters();
      const start = ops.scopeStart();
      if (start && start !== state.region) location.hash = hashFor(start);
      else render();
    },
    // after a write: the coverage, the gap list and the history are read again
    onWrite: async () => {
      bumpVersion();
      await render({ live: true });
    },
  });
  const browserUrl = document.querySelector('meta[name="orgnet-browser-url"]').content;
  if (browserUrl && !browserUrl.startsWith("{{")) {
    const a = $("#browser-link");
    a.href = browserUrl;
    a.hidden = false;
  }
  if (window.matchMedia("(max-width: 860px)").matches) $("#tree-details").open = false;
  window.addEventListener("hashchange", onHash);
}

function onHash() {
  const r = parseHash();
  // the address is the whole state: what it leaves out is the default; a bad date is said, not guessed
  const known = (m) => data.metrics.some((x) => x.metric === m);
  const metric = r.metric && known(r.metric) ? r.metric : known(DEFAULT_METRIC) || !data.metrics.length ? DEFAULT_METRIC : data.metrics[0].metric;
  if (metric !== state.metric) {
    state.metric = metric;
    gaps.resetGapFilters();
  }
  const problems = [];
  let day = defaultDay();
  if (r.asOf && isDay(r.asOf)) day = r.asOf;
  else if (r.asOf) problems.push(S().badDate(r.asOf));
  state.asOf = day;
  $("#as-of").value = day;
  if (r.from || r.to) {
    const err = periodError(r.from, r.to);
    if (err) problems.push(err);
    else {
      state.from = r.from;
      state.to = r.to;
    }
  }
  if (!r.from || !r.to || periodError(r.from, r.to)) {
    state.to = day;
    state.from = defaultFrom(day);
  }
  showDateError(problems.join(" "));
  state.incentives = r.view === "incentives";
  if (!r.region) {
    startAtRoot();
    return;
  }
  if (r.region !== state.region) gaps.resetGapFilters();
  state.region = r.region;
  render();
}
async function startAtRoot() {
  try {
    // a restricted account opens its scope region; everyone else the root of the tree
    const cov = ops.scopeStart() ? null : await coverage(state.metric, null);
    state.region = ops.scopeStart() || cov.region.path[0].id;
    history.replaceState(null, "", hashFor(state.region));
    render();
  } catch (e) {
    const box = $("#global-error");
    box.hidden = false;
    box.textContent = `${S().error}: ${e.message}`;
  }
}

// A change event of the live stream: a short pause gathers a burst (an import, a bundle) into one refresh.
let liveTimer = null;
function onLiveEvent(type, event) {
  if (type === "reset") {
    bumpVersion();
    render({ live: true });
    return;
  }
  if (type !== "change" || !data.region) return;
  if (!touches(event, data.region, { from: state.from < state.asOf ? state.from : state.asOf, to: state.to > state.asOf ? state.to : state.asOf })) return;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    bumpVersion();
    render({ live: true });
  }, 100);
}

async function start() {
  bindControls();
  onEvent(onLiveEvent);
  setTreeOpener(go);
  setOverviewOpener(go);
  setIncentivesOpener(setMetric);
  setTimeOpener(go);
  gaps.setLinker((id) => hashFor(id));
  gaps.setRowActions({ column: ops.hasActionColumn, label: ops.actionsLabel, cells: ops.rowActions });
  gaps.setGate(ops.gapsGate);
  try {
    const [metrics, policy, calendar] = await Promise.all([get("/v1/metrics"), get("/v1/policy").catch(() => null), get("/v1/calendar").catch(() => null)]);
    data.metrics = metrics;
    data.calendar = calendar;
    if (policy && policy.status) data.thresholds = { ok: policy.status.ok, warn: policy.status.warn };
    if (policy && policy.name) $("#foot-policy").textContent = `policy: ${policy.name}`;
  } catch (e) {
    const box = $("#global-error");
    box.hidden = false;
    box.textContent = `${S().error}: ${e.message}`;
  }
  if (!data.metrics.some((m) => m.metric === state.metric) && data.metrics.length) state.metric = data.metrics[0].metric;
  applyLanguage();
  await ops.loadMe();
  onHash();
  startLive();
  enablePeopleSearch();
}

start();
