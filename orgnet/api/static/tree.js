// The region tree (ARIA tree view) and the region search (type-ahead combobox over every region).
// Bars: one batch request (GET /v1/coverage/{metric}/regions) for all the regions a change shows,
// not one per node.

import { enc, get } from "./api.js";
import { $, h } from "./dom.js";
import { bar, pct, statusOf } from "./charts.js";
import { S, data, levelName, state } from "./state.js";

const nodes = new Map(); // id -> {li, row, toggle, region, loading, group, hasChildren}
let open = (id) => { location.hash = `#/r/${enc(id)}`; };
const BATCH = 500; // the batch endpoint's hard maximum

export function setOpener(fn) {
  open = fn;
}

function treeItem(region, level) {
  const hasChildren = region.level !== "village" && region.children !== 0;
  const li = h("li", { role: "treeitem", "aria-level": level, "aria-selected": "false", tabindex: "-1", dataset: { id: region.id } });
  if (hasChildren) li.setAttribute("aria-expanded", "false");
  const toggle = h("span", { class: "tree-toggle", "aria-hidden": "true", text: hasChildren ? "▸" : "" });
  const row = h("div", { class: "tree-row status-none" }, toggle, h("span", { class: "tree-name", text: region.name }),
    h("span", { class: "tree-bar" }), h("span", { class: "tree-pct" }));
  row.addEventListener("click", (ev) => {
    if (ev.target === toggle && hasChildren) toggleNode(region.id);
    else open(region.id);
  });
  li.append(row);
  nodes.set(region.id, { li, row, toggle, region, loaded: false, group: null, hasChildren });
  return li;
}

function setTreeBar(id, line) {
  const n = nodes.get(id);
  if (!n) return;
  const ratio = line && line.total ? line.ratio : null;
  n.row.className = `tree-row status-${statusOf(ratio, data.thresholds)}`;
  n.row.querySelector(".tree-bar").replaceChildren(bar(ratio, data.thresholds, { width: 54, height: 7, ticks: false }));
  n.row.querySelector(".tree-pct").textContent = line ? (line.total ? pct(ratio, state.lang) : "—") : "";
  n.li.setAttribute("aria-label", `${n.region.name}${line && line.total ? ", " + pct(ratio, state.lang) : ""}`);
}

// Bars of the given regions for the current metric and day: one request per 500 regions.
async function refreshBars(ids) {
  const metric = state.metric;
  const asOf = state.asOf;
  for (let i = 0; i < ids.length; i += BATCH) {
    try {
      const res = await get(`/v1/coverage/${enc(metric)}/regions`, { id: ids.slice(i, i + BATCH), as_of: asOf });
      if (metric !== state.metric || asOf !== state.asOf) return;
      for (const line of res.items) setTreeBar(line.id, line);
    } catch (e) { /* bars are a hint; the page shows the error */ }
  }
}

// A second caller (a sync started while the first still loads) waits for the same load: returning
// at once left it selecting among children not yet added.
function loadTreeChildren(id) {
  const n = nodes.get(id);
  if (!n) return Promise.resolve();
  if (!n.loading) n.loading = fetchTreeChildren(n).then((ok) => { if (!ok) n.loading = null; });
  return n.loading;
}

async function fetchTreeChildren(n) {
  const id = n.region.id;
  const group = h("ul", { role: "group", class: "tree-group" });
  n.group = group;
  n.li.append(group);
  let cursor = null;
  const added = [];
  try {
    do {
      const page = await get(`/v1/regions/${enc(id)}/children`, { limit: 500, cursor });
      const level = Number(n.li.getAttribute("aria-level")) + 1;
      group.append(...page.items.map((c) => treeItem(c, level)));
      added.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
  } catch (e) {
    group.remove();
    n.group = null;
    return false;
  }
  refreshBars(added);
  return true;
}

function rootId() {
  const first = $("#tree > li");
  return first ? first.dataset.id : null;
}

async function expandNode(id, expand = true) {
  const n = nodes.get(id);
  if (!n || !n.hasChildren) return;
  n.li.setAttribute("aria-expanded", String(expand));
  n.toggle.textContent = expand ? "▾" : "▸";
  if (expand) await loadTreeChildren(id);
  if (n.group) n.group.hidden = !expand;
}

function toggleNode(id) {
  const n = nodes.get(id);
  if (n) expandNode(id, n.li.getAttribute("aria-expanded") !== "true");
}

// Open the tree down to the region, select it, and colour every shown node for the metric and day.
// Only the latest sync selects: an earlier one still waiting for children (a click on a town, then
// at once on its village) would otherwise select its own region after the newer one had.
let latestSync = 0;
export async function syncTree(region, { barsChanged = true } = {}) {
  const mine = ++latestSync;
  const treeEl = $("#tree");
  const top = region.path[0].id;
  if (rootId() !== top) {
    nodes.clear();
    const root = await get(`/v1/regions/${enc(top)}`);
    if (mine !== latestSync) return;
    treeEl.replaceChildren(treeItem(root, 1));
    barsChanged = true;
  }
  for (const p of region.path) await expandNode(p.id, true);
  if (mine !== latestSync) return;
  for (const n of nodes.values()) {
    const on = n.region.id === region.id;
    n.li.setAttribute("aria-selected", String(on));
    n.li.tabIndex = on ? 0 : -1;
  }
  const current = nodes.get(region.id);
  if (current) current.row.scrollIntoView({ block: "nearest" });
  if (barsChanged) refreshBars([...nodes.keys()]);
}

function visibleItems() {
  return [...document.querySelectorAll('#tree [role="treeitem"]')].filter((li) => !li.closest('[role="group"][hidden]'));
}
function focusItem(li) {
  if (!li) return;
  for (const x of document.querySelectorAll('#tree [role="treeitem"]')) x.tabIndex = -1;
  li.tabIndex = 0;
  li.focus();
}
function onTreeKey(ev) {
  const li = ev.target.closest('[role="treeitem"]');
  if (!li) return;
  const items = visibleItems();
  const i = items.indexOf(li);
  const id = li.dataset.id;
  const expanded = li.getAttribute("aria-expanded");
  switch (ev.key) {
    case "ArrowDown": focusItem(items[i + 1]); break;
    case "ArrowUp": focusItem(items[i - 1]); break;
    case "Home": focusItem(items[0]); break;
    case "End": focusItem(items[items.length - 1]); break;
    case "ArrowRight":
      if (expanded === "false") expandNode(id, true);
      else if (expanded === "true") focusItem(li.querySelector('[role="treeitem"]'));
      break;
    case "ArrowLeft":
      if (expanded === "true") expandNode(id, false);
      else focusItem(li.parentElement.closest('[role="treeitem"]'));
      break;
    case "Enter":
    case " ":
      open(id);
      break;
    default:
      return;
  }
  ev.preventDefault();
}

// ------------------------------------------------------------------ search (combobox)
let searchTimer = null;
let searchSeq = 0;
let active = -1;

function results() {
  return [...document.querySelectorAll("#region-results [role=option]")];
}
function setActive(i) {
  const opts = results();
  active = opts.length ? (i + opts.length) % opts.length : -1;
  opts.forEach((o, j) => o.setAttribute("aria-selected", String(j === active)));
  const input = $("#region-search");
  if (active >= 0) {
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  } else input.removeAttribute("aria-activedescendant");
}
function closeResults() {
  $("#region-results").hidden = true;
  $("#region-search").setAttribute("aria-expanded", "false");
  active = -1;
}
function choose(id) {
  closeResults();
  $("#region-search").value = "";
  open(id);
}

async function search() {
  const q = $("#region-search").value.trim();
  const level = $("#region-search-level").value || null;
  const box = $("#region-results");
  const seq = ++searchSeq;
  if (!q) {
    closeResults();
    return;
  }
  try {
    const res = await get("/v1/regions", { q, level, limit: 12 });
    if (seq !== searchSeq) return;
    box.replaceChildren(
      ...res.items.map((r, i) => h("li", { role: "option", id: `region-opt-${i}`, "aria-selected": "false", dataset: { id: r.id }, onmousedown: (e) => { e.preventDefault(); choose(r.id); } },
        h("span", { class: "opt-name", text: r.name }), " ",
        h("small", { class: "hint", text: `${levelName(r.level)} · ${r.path.slice(1, -1).map((p) => p.name).join(" › ") || r.id}` }))),
    );
    if (!res.items.length) box.replaceChildren(h("li", { class: "hint", text: S().searchNone }));
    else if (res.total > res.items.length) box.append(h("li", { class: "hint", text: S().searchMore(res.total - res.items.length) }));
    box.hidden = false;
    $("#region-search").setAttribute("aria-expanded", "true");
    setActive(res.items.length ? 0 : -1);
  } catch (e) {
    if (seq === searchSeq) {
      box.replaceChildren(h("li", { class: "hint", text: `${S().error}: ${e.message}` }));
      box.hidden = false;
    }
  }
}

export function bindTree() {
  $("#tree").addEventListener("keydown", onTreeKey);
  const input = $("#region-search");
  input.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 200);
  });
  $("#region-search-level").addEventListener("change", search);
  input.addEventListener("keydown", (ev) => {
    const opts = results();
    if (ev.key === "ArrowDown") setActive(active + 1);
    else if (ev.key === "ArrowUp") setActive(active - 1);
    else if (ev.key === "Enter" && active >= 0 && opts[active]) choose(opts[active].dataset.id);
    else if (ev.key === "Escape") closeResults();
    else return;
    ev.preventDefault();
  });
  input.addEventListener("blur", () => setTimeout(closeResults, 150));
}
