// orgnet planner dashboard: plain JavaScript over the JSON API (no framework, no build step).
//
// URL: #/r/<region id>?m=<metric>&d=<YYYY-MM-DD>   (language and token live in browser storage)

import { STRINGS, categories, reasonText } from "./i18n.js";
import { bar, barList, pct, statusOf } from "./charts.js";

const DEFAULT_METRIC = "party_org_presence";
const GAP_PAGE = 500; // the API's hard maximum per page
const GAP_CAP = 5000; // the dashboard lists at most this many; the export has them all
const LEVELS = ["city", "county", "town", "village"];

const $ = (sel, root = document) => root.querySelector(sel);
const h = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c.nodeType ? c : String(c));
  return e;
};

// ------------------------------------------------------------------ state
const state = {
  region: null,
  metric: DEFAULT_METRIC,
  asOf: todayIso(),
  lang: initialLang(),
  view: "chart",
  sort: "ratio",
  hotspotLevel: "village",
  page: 0,
  pageSize: 20,
  q: "",
  cat: "",
  within: "",
};
const data = {
  metrics: [],
  thresholds: { ok: 0.95, warn: 0.8 },
  policyName: "",
  region: null, // the region being shown (with path)
  gaps: null, // {key, items, total, done, error}
};
let generation = 0; // every render
let regionGeneration = 0; // renders that change region, day or language (the scorecard's inputs)

function todayIso() {
  const d = new Date();
  const z = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${z(d.getMonth() + 1)}-${z(d.getDate())}`;
}
function initialLang() {
  const stored = localStorage.getItem("orgnet-lang");
  if (stored === "en" || stored === "zh") return stored;
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
}
const S = () => STRINGS[state.lang];
const metricInfo = (name) => data.metrics.find((m) => m.metric === name) || { metric: name, title_en: name, title_zh: name };
const metricTitle = (name) => (state.lang === "zh" ? metricInfo(name).title_zh : metricInfo(name).title_en);
const levelName = (lvl) => S().levels[lvl] || lvl;
const kindName = (k) => S().kinds[k] || k;
const fmt = (n) => Number(n).toLocaleString(state.lang === "zh" ? "zh-CN" : "en-US");

// ------------------------------------------------------------------ API
class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}
const cache = new Map();
function authHeaders() {
  const token = sessionStorage.getItem("orgnet-token");
  return token ? { Authorization: `Bearer ${token}` } : {};
}
async function fetchJson(url, { method = "GET", body, signal } = {}) {
  const res = await fetch(url, {
    method,
    signal,
    headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}), ...authHeaders() },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text.slice(0, 200) }; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}
// GETs are cached per URL for the session (the data does not change under a planner's eyes).
function get(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  const url = qs.toString() ? `${path}?${qs}` : path;
  if (cache.has(url)) return cache.get(url);
  const p = fetchJson(url).catch((e) => { cache.delete(url); throw e; });
  cache.set(url, p);
  if (cache.size > 400) cache.delete(cache.keys().next().value);
  return p;
}
const enc = encodeURIComponent;
const coverage = (metric, region) => get(`/v1/coverage/${enc(metric)}`, { region, as_of: state.asOf });

// ------------------------------------------------------------------ routing
function parseHash() {
  const m = location.hash.match(/^#\/r\/([^?]+)(?:\?(.*))?$/);
  const params = new URLSearchParams(m ? m[2] || "" : location.hash.replace(/^#\/?\??/, ""));
  return { region: m ? decodeURIComponent(m[1]) : null, metric: params.get("m"), asOf: params.get("d") };
}
function hashFor(region, metric = state.metric, asOf = state.asOf) {
  const qs = new URLSearchParams();
  if (metric && metric !== DEFAULT_METRIC) qs.set("m", metric);
  if (asOf && asOf !== todayIso()) qs.set("d", asOf);
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
  resetGapFilters();
  history.replaceState(null, "", hashFor(state.region));
  render({ metricOnly: true });
}
function resetGapFilters() {
  state.page = 0;
  state.q = "";
  state.cat = "";
  state.within = "";
  $("#gap-search").value = "";
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
  fillMetricSelect();
}
function fillMetricSelect() {
  const sel = $("#metric-select");
  sel.replaceChildren(...data.metrics.map((m) => h("option", { value: m.metric, text: metricTitle(m.metric) })));
  sel.value = state.metric;
}

// ------------------------------------------------------------------ rendering
function sectionError(container, err, retry) {
  container.setAttribute("aria-busy", "false");
  container.replaceChildren(
    h("div", { class: "error-box", role: "alert" },
      `${S().error}: ${err.message} `,
      retry ? h("button", { type: "button", class: "button", onclick: retry, text: S().retry }) : null),
  );
}
const isAbort = (e) => e && (e.name === "AbortError");

async function render({ metricOnly = false } = {}) {
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
  const scoreKey = `${region.id}|${state.asOf}|${state.lang}|${sessionStorage.getItem("orgnet-token") || ""}`;
  if ($("#scorecard").dataset.key !== scoreKey) renderScorecard(region, regionAlive, scoreKey);
  else markSelectedCard();
  if (data.toolsKey !== `${region.id}|${state.asOf}`) {
    data.toolsKey = `${region.id}|${state.asOf}`;
    clearTools();
  }
  renderChildren(region, alive);
  loadGaps(region, alive);
  syncTree(region);
}

function renderHeader(region) {
  document.title = `${S().appTitle} · ${region.name}`;
  $("#region-name").textContent = region.name;
  $("#region-level").textContent = `${levelName(region.level)}${region.kind && region.kind !== region.level ? " · " + kindName(region.kind) : ""} · ${region.id}`;
  const crumbs = $("#breadcrumbs");
  crumbs.replaceChildren(
    ...region.path.map((p, i) =>
      h("li", {}, h("a", { href: hashFor(p.id), "aria-current": i === region.path.length - 1 ? "page" : null, text: p.name })),
    ),
  );
}

// scorecard: one card per metric; choosing one sets the metric of the rest of the page
async function renderScorecard(region, alive, key) {
  const box = $("#scorecard");
  box.dataset.key = key;
  box.setAttribute("aria-busy", "true");
  box.replaceChildren(...data.metrics.map((m) => card({ metric: m.metric }, true)));
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

// children: chart for the metric, all metrics as a matrix, or the hotspots
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
async function renderChildren(region, alive) {
  const box = $("#children");
  for (const b of document.querySelectorAll(".segmented [data-view]")) b.setAttribute("aria-pressed", String(b.dataset.view === state.view));
  $("#sort-select").value = state.sort;
  box.setAttribute("aria-busy", "true");
  box.replaceChildren(h("p", { class: "loading", text: S().loading }));
  if (region.level === "village" && state.view !== "hotspots") {
    box.replaceChildren(h("p", { class: "hint", text: S().noChildren }));
    box.setAttribute("aria-busy", "false");
    return;
  }
  try {
    if (state.view === "matrix") await renderMatrix(region, box, alive);
    else if (state.view === "hotspots") await renderHotspots(region, box, alive);
    else {
      const cov = await coverage(state.metric, region.id);
      if (!alive()) return;
      const rows = sortRows(cov.children);
      box.replaceChildren(
        rows.length
          ? barList(rows, data.thresholds, {
              lang: state.lang,
              onOpen: (row) => go(row.id),
              uncoveredLabel: S().uncovered,
              noneLabel: S().nothingToCover,
            })
          : h("p", { class: "hint", text: S().noChildren }),
        legend(),
      );
    }
    box.setAttribute("aria-busy", "false");
  } catch (e) {
    if (alive() && !isAbort(e)) sectionError(box, e, () => renderChildren(region, alive));
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
async function renderHotspots(region, box, alive) {
  const below = LEVELS.slice(LEVELS.indexOf(region.level) + 1);
  if (!below.length) {
    box.replaceChildren(h("p", { class: "hint", text: S().noChildren }));
    return;
  }
  if (!below.includes(state.hotspotLevel)) state.hotspotLevel = below[below.length - 1];
  const sel = h("select", { id: "hotspot-level", onchange: (e) => { state.hotspotLevel = e.target.value; renderChildren(region, alive); } },
    ...below.map((l) => h("option", { value: l, text: levelName(l) })));
  sel.value = state.hotspotLevel;
  box.replaceChildren(h("p", { class: "toolbar" }, h("label", { for: "hotspot-level", text: S().hotspotsAt }), sel), h("p", { class: "loading", text: S().loading }));
  const hs = await get(`/v1/hotspots/${enc(state.metric)}`, { region: region.id, level: state.hotspotLevel, as_of: state.asOf, limit: 20 });
  if (!alive()) return;
  const depth = LEVELS.indexOf(region.level) + 1;
  const rows = hs.items.map((x) => ({ ...x, hint: (x.path || []).slice(depth, -1).map((p) => p.name).join(" › ") }));
  box.lastChild.replaceWith(
    barList(rows, data.thresholds, { lang: state.lang, onOpen: (row) => go(row.id), uncoveredLabel: S().uncovered, noneLabel: S().nothingToCover }),
  );
  box.append(legend());
}

// ------------------------------------------------------------------ gaps
function gapKey(region) {
  return `${state.metric}|${region.id}|${state.asOf}`;
}
async function loadGaps(region, alive) {
  const key = gapKey(region);
  $("#gaps-heading").textContent = S().gapsIn(metricTitle(state.metric), region.name);
  if (data.gaps && data.gaps.key === key && !data.gaps.error) {
    renderGaps();
    return;
  }
  const g = (data.gaps = { key, items: [], total: null, done: false, error: null });
  renderGaps();
  let cursor = null;
  try {
    do {
      const page = await get(`/v1/gaps/${enc(state.metric)}`, { region: region.id, as_of: state.asOf, limit: GAP_PAGE, cursor });
      if (!alive() || data.gaps !== g) return;
      g.items.push(...page.items);
      g.total = page.total;
      cursor = page.next_cursor;
      renderGaps();
    } while (cursor && g.items.length < GAP_CAP);
    g.done = true;
  } catch (e) {
    if (isAbort(e) || data.gaps !== g) return;
    g.error = e;
  }
  if (alive()) renderGaps();
}
function gapSearchText(item) {
  return [item.id, item.name || "", ...(item.region_path || []).map((p) => p.name), item.reason || "",
    reasonText(state.metric, item, "zh"), ...(categories(state.metric, item.details).map((c) => STRINGS.en.categories[c] + " " + STRINGS.zh.categories[c]))]
    .join(" ").toLowerCase();
}
function filteredGaps() {
  const g = data.gaps;
  if (!g) return [];
  const q = state.q.trim().toLowerCase();
  return g.items.filter((it) =>
    (!state.cat || categories(state.metric, it.details).includes(state.cat)) &&
    (!state.within || (it.region_path || []).some((p) => p.id === state.within)) &&
    (!q || gapSearchText(it).includes(q)));
}
function renderGapFilters(items) {
  const catSel = $("#gap-category");
  const counts = new Map();
  for (const it of items) for (const c of categories(state.metric, it.details)) counts.set(c, (counts.get(c) || 0) + 1);
  catSel.replaceChildren(h("option", { value: "", text: S().all }),
    ...[...counts.keys()].sort().map((c) => h("option", { value: c, text: `${S().categories[c] || c} (${counts.get(c)})` })));
  if (state.cat && !counts.has(state.cat)) state.cat = "";
  catSel.value = state.cat;

  const withinSel = $("#gap-within");
  const depth = data.region ? data.region.path.length : 0; // the sub-region is the next entry of an item's path
  const subs = new Map();
  for (const it of items) {
    const p = (it.region_path || [])[depth];
    if (p) {
      const s = subs.get(p.id) || { name: p.name, n: 0 };
      s.n += 1;
      subs.set(p.id, s);
    }
  }
  withinSel.replaceChildren(h("option", { value: "", text: data.region ? data.region.name : S().all }),
    ...[...subs.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([id, s]) => h("option", { value: id, text: `${s.name} (${s.n})` })));
  if (state.within && !subs.has(state.within)) state.within = "";
  withinSel.value = state.within;
}
function renderGaps() {
  const g = data.gaps;
  const body = $("#gaps-body");
  const summary = $("#gaps-summary");
  if (!g) return;
  $("#gaps-heading").textContent = S().gapsIn(metricTitle(state.metric), data.region ? data.region.name : "");
  if (g.error) {
    summary.textContent = "";
    body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: 4 },
      h("span", { class: "error-box", role: "alert" }, `${S().error}: ${g.error.message} `,
        h("button", { type: "button", class: "button", text: S().retry, onclick: () => { data.gaps = null; loadGaps(data.region, () => true); } })))));
    $("#gaps-pager").hidden = true;
    return;
  }
  renderGapFilters(g.items);
  const items = filteredGaps();
  const total = g.total ?? 0;
  const loaded = g.done ? "" : ` · ${S().loadedOf(fmt(g.items.length), g.total === null ? "…" : fmt(total))}`;
  if (g.total === null) summary.textContent = S().loading;
  else summary.replaceChildren(h("strong", { class: total ? "gap-count" : null, text: fmt(total) }), ` ${S().uncovered}${loaded}`);
  const pages = Math.max(1, Math.ceil(items.length / state.pageSize));
  state.page = Math.min(state.page, pages - 1);
  const start = state.page * state.pageSize;
  const shown = items.slice(start, start + state.pageSize);
  const pathStart = 1; // the city is implied
  body.replaceChildren(...shown.map((it, i) => {
    const kind = it.details && it.details.kind ? kindName(it.details.kind) : "";
    const path = (it.region_path || []).slice(pathStart);
    return h("tr", { dataset: { id: it.id } },
      h("td", { class: "num", text: String(start + i + 1) }),
      h("td", {}, h("span", { class: "item-name", text: it.name || it.id }), kind && it.label !== "Village" ? h("small", { class: "hint", text: ` · ${kind}` }) : null,
        h("span", { class: "item-id", text: it.id })),
      h("td", { class: "path" }, ...path.map((p) => h("span", {}, h("a", { href: hashFor(p.id), text: p.name })))),
      h("td", { class: "reason", text: reasonText(state.metric, it, state.lang) }),
    );
  }));
  if (!shown.length) {
    const msg = g.total === null ? S().loading : g.items.length ? S().noMatch : g.done ? S().noGaps : S().loading;
    body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: 4, text: msg })));
  }
  const pager = $("#gaps-pager");
  pager.hidden = items.length <= 20 && state.pageSize === 20 && state.page === 0;
  $("#page-info").textContent = items.length
    ? `${S().showing(fmt(start + 1), fmt(start + shown.length), fmt(items.length))} · ${S().page(state.page + 1, pages)}`
    : "";
  $("#page-prev").disabled = state.page === 0;
  $("#page-next").disabled = state.page >= pages - 1;
  const exportable = g.total !== 0;
  $("#export-csv").disabled = !exportable;
  $("#export-xlsx").disabled = !exportable;
}

async function exportGaps(format) {
  const status = $("#export-status");
  status.textContent = S().exporting;
  const qs = new URLSearchParams({ format, region: data.region.id, as_of: state.asOf, lang: state.lang });
  try {
    const res = await fetch(`/v1/gaps/${enc(state.metric)}/export?${qs}`, { headers: authHeaders() });
    if (!res.ok) {
      let detail = `HTTP ${res.status}`;
      try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    const blob = await res.blob();
    const cd = res.headers.get("Content-Disposition") || "";
    const name = (cd.match(/filename="([^"]+)"/) || [])[1] || `gaps.${format}`;
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status.textContent = `${S().exportDone}: ${name}`;
  } catch (e) {
    status.textContent = `${S().error}: ${e.message}`;
  }
}

// ------------------------------------------------------------------ tools: what-if and suggestions
function clearTools() {
  $("#whatif-result").replaceChildren();
  $("#suggestions-result").replaceChildren();
  const r = data.region;
  if (r) {
    const sample = r.level === "town" ? `cadre-t-${r.id}-1` : r.level === "county" ? `cadre-k-${r.id}-1` : "cadre-c-1";
    $("#wi-cadres").placeholder = `${sample}, …`;
  }
}
const splitIds = (s) => s.split(/[\s,，;；]+/).map((x) => x.trim()).filter(Boolean);
function pathText(path, from = 1) {
  return (path || []).slice(from).map((p) => p.name).join(" › ");
}
async function runWhatIf(ev) {
  ev.preventDefault();
  const out = $("#whatif-result");
  const unavailable = { cadres: splitIds($("#wi-cadres").value), members: splitIds($("#wi-members").value), teams: splitIds($("#wi-teams").value) };
  if (!unavailable.cadres.length && !unavailable.members.length && !unavailable.teams.length) {
    out.replaceChildren(h("p", { class: "hint", text: S().whatIfEmpty }));
    return;
  }
  out.replaceChildren(h("p", { class: "loading", text: S().loading }));
  try {
    const res = await fetchJson("/v1/whatif", { method: "POST", body: { region: data.region.id, as_of: state.asOf || null, unavailable } });
    const blocks = [];
    const unknown = res.unknown ? Object.values(res.unknown).flat() : [];
    if (unknown.length) blocks.push(h("p", { class: "error-box", text: `${S().unknownIds}: ${unknown.join(", ")}` }));
    const hit = res.metrics.filter((m) => m.count > 0);
    if (!hit.length) blocks.push(h("p", { class: "hint", text: S().whatIfNone }));
    for (const m of hit) {
      blocks.push(h("div", { class: "result-block" },
        h("h4", {}, `${metricTitle(m.metric)}: `, h("strong", { text: `${fmt(m.count)} ${S().newlyUncovered}` })),
        h("table", { class: "result-table" },
          h("tbody", {}, ...m.newly_uncovered.slice(0, 100).map((it) => h("tr", {},
            h("td", {}, h("span", { text: it.name || it.id }), it.name ? h("span", { class: "item-id mono", text: it.id }) : null),
            h("td", { text: pathText(it.region_path) }),
            h("td", { text: reasonText(m.metric, it, state.lang) })))))));
    }
    out.replaceChildren(...blocks);
  } catch (e) {
    out.replaceChildren(h("p", { class: "error-box", role: "alert", text: `${S().error}: ${e.message}` }));
  }
}
function suggestionWhy(s) {
  if (state.lang !== "zh") return s.reason;
  const lv = { city: "市", county: "县", town: "镇", village: "村" }[s.level] || s.level;
  return `${s.cadre_id} 在${lv}级辖区 ${s.jurisdiction_id} 任职，辖区包含该企业（向上 ${s.distance} 级）；包挂数由 ${s.pairings_before} 增至 ${s.pairings_after}（上限 ${s.maximum}）。`;
}
async function loadSuggestions() {
  const out = $("#suggestions-result");
  out.replaceChildren(h("p", { class: "loading", text: S().loading }));
  try {
    const res = await get("/v1/suggestions/enterprise_pairing", { region: data.region.id, as_of: state.asOf });
    const blocks = [];
    if (!res.suggestions.length && !res.unresolvable.length) blocks.push(h("p", { class: "hint", text: S().noSuggestions }));
    if (res.suggestions.length) {
      blocks.push(h("div", { class: "table-wrap" }, h("table", { class: "result-table", id: "suggestions-table" },
        h("thead", {}, h("tr", {}, ...[S().suggestEnterprise, S().suggestLevel, S().suggestCadre, S().suggestLoad, S().suggestWhy].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, ...res.suggestions.map((s) => h("tr", {},
          h("td", {}, s.enterprise_name, h("span", { class: "item-id mono", text: s.enterprise_id })),
          h("td", { text: levelName(s.level) }),
          h("td", {}, h("span", { class: "mono cadre-id", text: s.cadre_id }), s.cadre_name ? ` ${s.cadre_name}` : "",
            h("button", { type: "button", class: "chip-button", text: S().tryWhatIf, onclick: () => tryWhatIf(s.cadre_id) })),
          h("td", { text: `${s.pairings_before} → ${s.pairings_after} / ${s.maximum}` }),
          h("td", { text: suggestionWhy(s) })))))));
    }
    if (res.unresolvable.length) {
      blocks.push(h("h4", { text: S().unresolvable }), h("table", { class: "result-table" },
        h("tbody", {}, ...res.unresolvable.map((u) => h("tr", {},
          h("td", {}, u.enterprise_name || "", h("span", { class: "item-id mono", text: u.enterprise_id })),
          h("td", { text: levelName(u.level) }),
          h("td", { text: u.reason }))))));
    }
    out.replaceChildren(...blocks);
  } catch (e) {
    out.replaceChildren(h("p", { class: "error-box", role: "alert", text: `${S().error}: ${e.message}` }));
  }
}
function tryWhatIf(cadreId) {
  const input = $("#wi-cadres");
  const ids = new Set(splitIds(input.value));
  ids.add(cadreId);
  input.value = [...ids].join(", ");
  selectTab("tab-whatif");
  input.focus();
}
function selectTab(id) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.id === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $("#" + tab.getAttribute("aria-controls")).hidden = !on;
  }
}

// ------------------------------------------------------------------ the region tree (ARIA tree view)
const tree = {
  nodes: new Map(), // id -> {li, row, region, loaded, groupEl}
};
function treeItem(region, level) {
  const hasChildren = region.level !== "village" && region.children !== 0;
  const li = h("li", { role: "treeitem", "aria-level": level, "aria-selected": "false", tabindex: "-1", dataset: { id: region.id } });
  if (hasChildren) li.setAttribute("aria-expanded", "false");
  const toggle = h("span", { class: "tree-toggle", "aria-hidden": "true", text: hasChildren ? "▸" : "" });
  const row = h("div", { class: "tree-row status-none" }, toggle, h("span", { class: "tree-name", text: region.name }),
    h("span", { class: "tree-bar" }), h("span", { class: "tree-pct" }));
  row.addEventListener("click", (ev) => {
    if (ev.target === toggle && hasChildren) {
      toggleNode(region.id);
    } else {
      go(region.id);
    }
  });
  li.append(row);
  tree.nodes.set(region.id, { li, row, toggle, region, loaded: false, group: null, hasChildren });
  return li;
}
function setTreeBar(id, line) {
  const n = tree.nodes.get(id);
  if (!n) return;
  const ratio = line && line.total ? line.ratio : null;
  const st = statusOf(ratio, data.thresholds);
  n.row.className = `tree-row status-${st}`;
  n.row.querySelector(".tree-bar").replaceChildren(bar(ratio, data.thresholds, { width: 54, height: 7, ticks: false }));
  n.row.querySelector(".tree-pct").textContent = line ? (line.total ? pct(ratio, state.lang) : "—") : "";
  n.li.setAttribute("aria-label", `${n.region.name}${line && line.total ? ", " + pct(ratio, state.lang) : ""}`);
}
async function loadTreeChildren(id) {
  const n = tree.nodes.get(id);
  if (!n || n.loaded) return;
  n.loaded = true;
  const group = h("ul", { role: "group", class: "tree-group" });
  n.group = group;
  n.li.append(group);
  let cursor = null;
  try {
    do {
      const page = await get(`/v1/regions/${enc(id)}/children`, { limit: 500, cursor });
      const level = Number(n.li.getAttribute("aria-level")) + 1;
      group.append(...page.items.map((c) => treeItem(c, level)));
      cursor = page.next_cursor;
    } while (cursor);
  } catch (e) {
    n.loaded = false;
    group.remove();
    n.group = null;
    return;
  }
  refreshTreeBars(id);
}
async function refreshTreeBars(parentId) {
  const metric = state.metric;
  const asOf = state.asOf;
  try {
    const cov = await coverage(metric, parentId);
    if (metric !== state.metric || asOf !== state.asOf) return;
    for (const c of cov.children) setTreeBar(c.id, c);
    if (parentId === treeRootId()) setTreeBar(parentId, cov);
  } catch (e) { /* bars are a hint; the page shows the error */ }
}
function treeRootId() {
  const first = $("#tree > li");
  return first ? first.dataset.id : null;
}
async function expandNode(id, expand = true) {
  const n = tree.nodes.get(id);
  if (!n || !n.hasChildren) return;
  n.li.setAttribute("aria-expanded", String(expand));
  n.toggle.textContent = expand ? "▾" : "▸";
  if (expand) await loadTreeChildren(id);
  if (n.group) n.group.hidden = !expand;
}
function toggleNode(id) {
  const n = tree.nodes.get(id);
  if (n) expandNode(id, n.li.getAttribute("aria-expanded") !== "true");
}
async function syncTree(region) {
  const treeEl = $("#tree");
  const rootId = region.path[0].id;
  if (treeRootId() !== rootId) {
    tree.nodes.clear();
    const root = await get(`/v1/regions/${enc(rootId)}`);
    treeEl.replaceChildren(treeItem(root, 1));
  }
  for (const p of region.path) await expandNode(p.id, true);
  for (const n of tree.nodes.values()) {
    const on = n.region.id === region.id;
    n.li.setAttribute("aria-selected", String(on));
    n.li.tabIndex = on ? 0 : -1;
  }
  const current = tree.nodes.get(region.id);
  if (current) current.row.scrollIntoView({ block: "nearest" });
  // bars of every open level for the current metric and day
  for (const n of tree.nodes.values()) if (n.li.getAttribute("aria-expanded") === "true") refreshTreeBars(n.region.id);
}
function visibleTreeItems() {
  return [...document.querySelectorAll('#tree [role="treeitem"]')].filter((li) => !li.closest('[role="group"][hidden]'));
}
function focusTreeItem(li) {
  if (!li) return;
  for (const x of document.querySelectorAll('#tree [role="treeitem"]')) x.tabIndex = -1;
  li.tabIndex = 0;
  li.focus();
}
function onTreeKey(ev) {
  const li = ev.target.closest('[role="treeitem"]');
  if (!li) return;
  const items = visibleTreeItems();
  const i = items.indexOf(li);
  const id = li.dataset.id;
  const expanded = li.getAttribute("aria-expanded");
  switch (ev.key) {
    case "ArrowDown": focusTreeItem(items[i + 1]); break;
    case "ArrowUp": focusTreeItem(items[i - 1]); break;
    case "Home": focusTreeItem(items[0]); break;
    case "End": focusTreeItem(items[items.length - 1]); break;
    case "ArrowRight":
      if (expanded === "false") expandNode(id, true);
      else if (expanded === "true") focusTreeItem(li.querySelector('[role="treeitem"]'));
      break;
    case "ArrowLeft":
      if (expanded === "true") expandNode(id, false);
      else focusTreeItem(li.parentElement.closest('[role="treeitem"]'));
      break;
    case "Enter":
    case " ":
      go(id);
      break;
    default:
      return;
  }
  ev.preventDefault();
}

// ------------------------------------------------------------------ start
function bindControls() {
  const asOf = $("#as-of");
  asOf.value = state.asOf;
  asOf.addEventListener("change", () => {
    if (!asOf.value) return;
    state.asOf = asOf.value;
    data.gaps = null;
    history.replaceState(null, "", hashFor(state.region));
    render();
  });
  $("#today").addEventListener("click", () => {
    asOf.value = todayIso();
    asOf.dispatchEvent(new Event("change"));
  });
  $("#lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("orgnet-lang", state.lang);
    applyLanguage();
    render({ metricOnly: false });
  });
  $("#metric-select").addEventListener("change", (e) => setMetric(e.target.value));
  $("#sort-select").addEventListener("change", (e) => { state.sort = e.target.value; renderChildren(data.region, () => true); });
  for (const b of document.querySelectorAll(".segmented [data-view]")) {
    b.addEventListener("click", () => { state.view = b.dataset.view; renderChildren(data.region, () => true); });
  }
  $("#gap-search").addEventListener("input", (e) => { state.q = e.target.value; state.page = 0; renderGaps(); });
  $("#gap-category").addEventListener("change", (e) => { state.cat = e.target.value; state.page = 0; renderGaps(); });
  $("#gap-within").addEventListener("change", (e) => { state.within = e.target.value; state.page = 0; renderGaps(); });
  $("#page-prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); renderGaps(); });
  $("#page-next").addEventListener("click", () => { state.page += 1; renderGaps(); });
  $("#page-size").addEventListener("change", (e) => { state.pageSize = Number(e.target.value); state.page = 0; renderGaps(); });
  $("#export-csv").addEventListener("click", () => exportGaps("csv"));
  $("#export-xlsx").addEventListener("click", () => exportGaps("xlsx"));
  $("#whatif-form").addEventListener("submit", runWhatIf);
  $("#load-suggestions").addEventListener("click", loadSuggestions);
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => selectTab(tab.id));
    tab.addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
      const tabs = [...document.querySelectorAll('[role="tab"]')];
      const next = tabs[(tabs.indexOf(tab) + (ev.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      selectTab(next.id);
      next.focus();
    });
  }
  $("#tree").addEventListener("keydown", onTreeKey);
  const tokenInput = $("#token-input");
  tokenInput.value = sessionStorage.getItem("orgnet-token") || "";
  $("#token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (tokenInput.value.trim()) sessionStorage.setItem("orgnet-token", tokenInput.value.trim());
    else sessionStorage.removeItem("orgnet-token");
    cache.clear();
    data.gaps = null;
    ev.target.closest("details").open = false;
    render();
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
  // the address is the whole state: what it leaves out is the default
  const known = (m) => data.metrics.some((x) => x.metric === m);
  const metric = r.metric && known(r.metric) ? r.metric : known(DEFAULT_METRIC) || !data.metrics.length ? DEFAULT_METRIC : data.metrics[0].metric;
  if (metric !== state.metric) {
    state.metric = metric;
    resetGapFilters();
  }
  const day = r.asOf && /^\d{4}-\d{2}-\d{2}$/.test(r.asOf) ? r.asOf : todayIso();
  if (day !== state.asOf) data.gaps = null;
  state.asOf = day;
  $("#as-of").value = day;
  if (!r.region) {
    startAtRoot();
    return;
  }
  if (r.region !== state.region) resetGapFilters();
  state.region = r.region;
  render();
}
async function startAtRoot() {
  try {
    // the API's default region is the city root
    const cov = await coverage(state.metric, null);
    state.region = cov.region.path[0].id;
    history.replaceState(null, "", hashFor(state.region));
    render();
  } catch (e) {
    const box = $("#global-error");
    box.hidden = false;
    box.textContent = `${S().error}: ${e.message}`;
  }
}

async function start() {
  bindControls();
  try {
    const [metrics, policy] = await Promise.all([get("/v1/metrics"), get("/v1/policy").catch(() => null)]);
    data.metrics = metrics;
    if (policy && policy.status) data.thresholds = { ok: policy.status.ok, warn: policy.status.warn };
    if (policy && policy.name) {
      data.policyName = policy.name;
      $("#foot-policy").textContent = `policy: ${policy.name}`;
    }
  } catch (e) {
    const box = $("#global-error");
    box.hidden = false;
    box.textContent = `${S().error}: ${e.message}`;
  }
  if (!data.metrics.some((m) => m.metric === state.metric) && data.metrics.length) state.metric = data.metrics[0].metric;
  applyLanguage();
  onHash();
}

start();
