// The gap list: pages through the server (GET /v1/gaps/{metric} with limit and cursor), filtered on
// the server by reason, sub-region (`within`) and text (`q`); the count shown is the server's total.
// The reason and sub-region choices come from the response's `facets`: each facet counts the list the
// other filters leave (the sub-regions' counts are those of the chosen reason), so a choice shows its count.

import { ApiError, authHeaders, enc, get, query } from "./api.js";
import { $, h, isAbort } from "./dom.js";
import { REASON_CODES, reasonLabel, reasonText } from "./i18n.js";
import { S, data, fmt, kindName, metricTitle, state } from "./state.js";

let list = null; // {key, pages: [cursor of page i], page, body, error, facets}
let hrefFor = (id) => `#/r/${enc(id)}`;

export function setLinker(fn) {
  hrefFor = fn;
}

// Write controls of a row (ops.js): `actions.cells(item)` → buttons, or null for none; `actions.column()`
// whether the table has an actions column at all; `gate()` → a message instead of the list (outside the scope).
let actions = { column: () => false, label: () => "", cells: () => null };
let gate = () => null;
export function setRowActions(a) {
  actions = a;
}
export function setGate(fn) {
  gate = fn;
}

function requestKey() {
  return JSON.stringify([state.metric, state.region, state.asOf, state.reason, state.within, state.q.trim(), state.pageSize]);
}

// The filters of the list as query parameters (the export sends the same).
export function filterParams() {
  return { reason: state.reason || null, within: state.within || null, q: state.q.trim() || null };
}

export function resetGapFilters() {
  state.q = "";
  state.reason = "";
  state.within = "";
  const search = $("#gap-search");
  if (search) search.value = "";
  list = null;
}

// The reason and sub-region counts of the unfiltered list: one pass over the whole list on the
// server, so asked for apart from the page (the page shows at once, the choices when they come).
async function loadFacets(l) {
  try {
    const body = await get(`/v1/gaps/${enc(state.metric)}`, { region: state.region, as_of: state.asOf, limit: 1, facets: "true" });
    if (list !== l || !body.facets) return;
    l.facets = body.facets;
    render();
  } catch (e) {
    // the list stands without its counts; the filters still work
  }
}

// Show page `page` of the list (0: the first); a changed key starts from the first page.
export async function loadGaps({ page } = {}) {
  const key = requestKey();
  const blocked = gate();
  if (blocked) {
    list = { key, cursors: [null], page: 0, body: null, error: null, facets: null, blocked };
    render();
    return;
  }
  if (!list || list.key !== key || list.blocked) list = { key, cursors: [null], page: 0, body: null, error: null, facets: null };
  if (page === undefined) page = list.page; // a re-render (language, token) keeps the page
  const l = list;
  if (page >= l.cursors.length) page = l.cursors.length - 1;
  l.page = page;
  l.loading = true;
  render();
  try {
    const body = await get(`/v1/gaps/${enc(state.metric)}`, {
      region: state.region,
      as_of: state.asOf,
      limit: state.pageSize,
      cursor: l.cursors[page],
      ...filterParams(),
    });
    if (list !== l || l.page !== page) return;
    l.body = body;
    l.error = null;
    if (body.facets) l.facets = body.facets;
    else if (!l.facets && page === 0) loadFacets(l);
    if (body.next_cursor) l.cursors[page + 1] = body.next_cursor;
    else l.cursors.length = page + 1;
  } catch (e) {
    if (isAbort(e) || list !== l) return;
    l.error = e;
  }
  l.loading = false;
  render();
}

function renderFilters() {
  const reasonSel = $("#gap-category");
  const facets = list && list.facets;
  const counts = facets && facets.reasons ? facets.reasons : null;
  const codes = counts ? Object.keys(counts) : REASON_CODES[state.metric] || [];
  const label = (c) => reasonLabel(state.metric, c, state.lang);
  reasonSel.replaceChildren(
    h("option", { value: "", text: S().all }),
    ...codes.map((c) => h("option", { value: c, text: counts ? `${label(c)} (${fmt(counts[c])})` : label(c) })),
  );
  if (state.reason && !codes.includes(state.reason)) reasonSel.append(h("option", { value: state.reason, text: label(state.reason) }));
  reasonSel.value = state.reason;

  const withinSel = $("#gap-within");
  const regions = facets && facets.regions ? facets.regions : null;
  const options = [h("option", { value: "", text: data.region ? data.region.name : S().all })];
  if (regions) options.push(...regions.map((r) => h("option", { value: r.id, text: `${r.name} (${fmt(r.count)})` })));
  else if (data.children) options.push(...data.children.map((r) => h("option", { value: r.id, text: r.name })));
  withinSel.replaceChildren(...options);
  if (state.within && !withinSel.querySelector(`option[value="${CSS.escape(state.within)}"]`)) withinSel.append(h("option", { value: state.within, text: state.within }));
  withinSel.value = state.within;
}

export function render() {
  const l = list;
  const body = $("#gaps-body");
  const summary = $("#gaps-summary");
  $("#gaps-heading").textContent = S().gapsIn(metricTitle(state.metric), data.region ? data.region.name : "", state.asOf);
  if (!l) return;
  const withActions = !l.blocked && actions.column();
  const head = $("#gaps-table thead tr");
  head.querySelector("th.actions")?.remove();
  if (withActions) head.append(h("th", { scope: "col", class: "actions", text: actions.label() }));
  const cols = withActions ? 5 : 4;
  if (l.blocked) {
    summary.textContent = "";
    body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: cols, class: "outside-scope", text: l.blocked })));
    $("#gaps-pager").hidden = true;
    $("#export-csv").disabled = true;
    $("#export-xlsx").disabled = true;
    return;
  }
  renderFilters();
  if (l.error) {
    summary.textContent = "";
    body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: cols },
      h("span", { class: "error-box", role: "alert" }, `${S().error}: ${errorText(l.error)} `,
        h("button", { type: "button", class: "button", text: S().retry, onclick: () => { list = null; loadGaps(); } })))));
    $("#gaps-pager").hidden = true;
    return;
  }
  if (!l.body) {
    summary.textContent = S().loading;
    body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: cols, text: S().loading })));
    return;
  }
  const total = l.body.total ?? 0;
  summary.replaceChildren(h("strong", { class: total ? "gap-count" : null, text: fmt(total) }), ` ${S().uncovered}`);
  const items = l.body.items;
  const start = l.page * state.pageSize;
  body.replaceChildren(...items.map((it, i) => {
    const kind = it.details && it.details.kind ? kindName(it.details.kind) : "";
    const path = (it.region_path || []).slice(1); // the city is implied
    return h("tr", { dataset: { id: it.id } },
      h("td", { class: "num", text: String(start + i + 1) }),
      h("td", {}, h("span", { class: "item-name", text: it.name || it.id }), kind && it.label !== "Village" ? h("small", { class: "hint", text: ` · ${kind}` }) : null,
        h("span", { class: "item-id", text: it.id })),
      h("td", { class: "path" }, ...path.map((p) => h("span", {}, h("a", { href: hrefFor(p.id), text: p.name })))),
      h("td", { class: "reason", text: reasonText(state.metric, it, state.lang) }),
      withActions ? h("td", { class: "actions" }, actions.cells(it)) : null,
    );
  }));
  const filtered = state.reason || state.within || state.q.trim();
  if (!items.length) body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: cols, text: filtered ? S().noMatch : S().noGaps })));
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const pager = $("#gaps-pager");
  pager.hidden = total <= 20 && state.pageSize === 20;
  $("#page-info").textContent = items.length
    ? `${S().showing(fmt(start + 1), fmt(start + items.length), fmt(total))} · ${S().page(l.page + 1, pages)}`
    : "";
  $("#page-prev").disabled = l.page === 0 || l.loading;
  $("#page-next").disabled = !l.cursors[l.page + 1] || l.loading;
  $("#export-csv").disabled = total === 0;
  $("#export-xlsx").disabled = total === 0;
}

export function errorText(e) {
  if (e instanceof ApiError && e.status === 422) {
    const fields = ((e.body && e.body.errors) || []).map((x) => x.field || (x.loc || []).slice(-1)[0]).filter(Boolean);
    if (fields.some((f) => ["as_of", "from", "to", "before", "after"].includes(f))) return S().badDateServer;
  }
  return e.message;
}

export function nextPage() {
  if (list) loadGaps({ page: list.page + 1 });
}
export function prevPage() {
  if (list) loadGaps({ page: Math.max(0, list.page - 1) });
}

export async function exportGaps(format) {
  const status = $("#export-status");
  status.textContent = S().exporting;
  const qs = query({ format, region: state.region, as_of: state.asOf, lang: state.lang, ...filterParams() });
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
