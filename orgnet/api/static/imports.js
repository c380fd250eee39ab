// The spreadsheet import panel (issue 23): a planner, inside their scope, downloads a template (or
// the region's current records in the same shape), drops or chooses a filled file, reads the dry
// run (per list: added, changed, unchanged, refused; every refusal at its cell, e.g. 党员!C12, with
// its value and reason in the planner's language), downloads the refused rows as the error workbook,
// and confirms to commit: one change set, after which the page reloads what it shows.
//
// The API does the work: GET /v1/templates/{list}.xlsx, POST /v1/imports (dry run, errors=true,
// commit=true&dry_run_id=…).  Viewers and anonymous callers get no panel in the DOM at all.

import { ApiError, authHeaders, enc, getToken, query } from "./api.js";
import { $, h } from "./dom.js";
import { IMPORT_LISTS, IMPORT_STRINGS } from "./import_strings.js";
import { canWriteAt, confirmWrite, refreshAfterWrite } from "./ops.js";
import { fmt, state } from "./state.js";

const T = () => IMPORT_STRINGS[state.lang];
const COUNTS = ["added", "changed", "unchanged", "refused"];
const panel = { region: null, list: "party_roster", file: null, plan: null };

// ------------------------------------------------------------------ requests
async function problemText(res) {
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  const first = body && Array.isArray(body.errors) ? body.errors[0] : null;
  if (first && state.lang === "zh" && first.reason_zh) return first.reason_zh;
  return (body && (body.detail || body.title)) || `HTTP ${res.status}`;
}

async function send(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { Accept: "application/json", ...authHeaders(), ...(init.headers || {}) } });
  if (!res.ok) throw new ApiError(res.status, { detail: await problemText(res) });
  return res;
}

function postFile(params) {
  const form = new FormData();
  form.append("file", panel.file, panel.file.name);
  return send(`/v1/imports?${query(params)}`, { method: "POST", body: form });
}

// Saves an answer as a file (the server names it in Content-Disposition).
async function download(res, fallback, status) {
  const blob = await res.blob();
  const cd = res.headers.get("Content-Disposition") || "";
  const name = decodeURIComponent((cd.match(/filename\*=UTF-8''([^;]+)/) || [])[1] || "") || (cd.match(/filename="([^"]+)"/) || [])[1] || fallback;
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status.className = "write-status ok";
  status.textContent = T().downloaded(name);
}

function fail(status, e) {
  status.className = "write-status error-box";
  status.setAttribute("role", "alert");
  status.textContent = `${T().failed}: ${e.message}`;
}

// ------------------------------------------------------------------ the panel
export function renderImports(region) {
  const section = $("#import-section");
  if (!region || !canWriteAt(region.path)) {
    panel.region = null;
    section.dataset.key = "";
    section.hidden = true;
    section.replaceChildren();
    return;
  }
  const who = `${region.id}|${getToken() || ""}`;
  const key = `${who}|${state.lang}`;
  if (section.dataset.key === key && section.firstChild) return; // a preview stays open across refreshes
  if (!section.dataset.key || !section.dataset.key.startsWith(`${who}|`)) panel.plan = null; // another region or caller
  panel.region = region.id;
  section.dataset.key = key;
  section.hidden = false;
  const t = T();
  const status = h("p", { id: "import-status", class: "write-status", role: "status" });
  const select = h("select", { id: "import-list", onchange: (e) => { panel.list = e.target.value; } },
    ...IMPORT_LISTS.map((k) => h("option", { value: k, text: t.lists[k] })));
  select.value = panel.list;
  const getTemplate = (filled) => async () => {
    try {
      const res = await send(`/v1/templates/${enc(panel.list)}.xlsx?${query({ region: region.id, filled: filled ? "true" : null })}`);
      await download(res, `${panel.list}.xlsx`, status);
    } catch (e) { fail(status, e); }
  };
  const input = h("input", { id: "import-file", type: "file", accept: ".xlsx,.csv", class: "visually-hidden", onchange: (e) => e.target.files[0] && check(e.target.files[0]) });
  const drop = h("label", { id: "import-drop", class: "drop-zone", for: "import-file", tabindex: "-1" },
    h("span", { text: t.drop }), " ", h("span", { class: "button", text: t.choose }));
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("dragging"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("dragging");
    const file = ev.dataTransfer && ev.dataTransfer.files[0];
    if (file) check(file);
  });
  section.replaceChildren(
    h("div", { class: "section-head" }, h("h3", { id: "import-heading", text: t.heading(region.name) })),
    h("p", { class: "hint", text: t.intro }),
    h("p", { class: "toolbar" }, h("label", { for: "import-list", text: t.list }), select,
      h("button", { type: "button", id: "import-template", class: "button", text: t.template, onclick: getTemplate(false) }),
      h("button", { type: "button", id: "import-export", class: "button", text: t.export, onclick: getTemplate(true) })),
    drop, input, status,
    h("div", { id: "import-preview", "aria-live": "polite" }, ...(panel.plan ? preview(panel.plan) : [])),
  );
}

// A dry run of `file`, shown as the preview.
async function check(file) {
  panel.file = file;
  panel.plan = null;
  const status = $("#import-status");
  const box = $("#import-preview");
  status.className = "write-status";
  status.removeAttribute("role");
  status.textContent = T().checking(file.name);
  box.replaceChildren();
  try {
    panel.plan = await (await postFile({})).json();
    status.textContent = "";
    box.replaceChildren(...preview(panel.plan));
  } catch (e) { fail(status, e); }
  $("#import-file").value = "";
}

function countsTable(plan) {
  const t = T();
  const sum = Object.fromEntries(COUNTS.map((k) => [k, 0]));
  const rows = Object.entries(plan.sections).map(([section, c]) => {
    for (const k of COUNTS) sum[k] += c[k];
    return h("tr", { dataset: { section } }, h("th", { scope: "row", text: t.lists[section] || section }),
      ...COUNTS.map((k) => h("td", { class: `count-${k}`, text: fmt(c[k]) })));
  });
  return { sum, table: h("table", { class: "result-table import-counts" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t.section }), ...COUNTS.map((k) => h("th", { scope: "col", text: t[k] })))),
    h("tbody", {}, ...rows),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row", text: t.total }), ...COUNTS.map((k) => h("td", { class: `count-${k}`, text: fmt(sum[k]) }))))) };
}

function refusalsTable(plan) {
  const t = T();
  const zh = state.lang === "zh";
  return h("table", { class: "result-table import-refusals" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t.cell }), h("th", { scope: "col", text: t.value }), h("th", { scope: "col", text: t.reason }))),
    h("tbody", {}, ...plan.refused.map((r) => h("tr", { dataset: { cell: r.cell } },
      h("td", { class: "mono", text: r.cell }), h("td", { class: "mono", text: r.value }), h("td", { text: zh ? r.reason_zh : r.reason })))));
}

function preview(plan) {
  const t = T();
  const status = h("p", { id: "import-commit-status", class: "write-status", role: "status" });
  const { sum, table } = countsTable(plan);
  const out = [h("h4", { text: plan.committed ? plan.file : t.preview(plan.file) }), table];
  if (plan.refused_total) {
    out.push(h("p", { class: "error-box", text: t.refusals(new Set(plan.refused.map((r) => `${r.sheet}!${r.row}`)).size) }), refusalsTable(plan));
    if (plan.refused_total > plan.refused.length) out.push(h("p", { class: "hint", text: t.moreRefusals(plan.refused.length, plan.refused_total) }));
  } else out.push(h("p", { class: "hint", text: t.noRefusals }));
  if (plan.notes && plan.notes.length) {
    out.push(h("p", { class: "hint", text: `${t.notes}:` }), h("ul", { class: "hint import-notes" }, ...plan.notes.map((n) => h("li", { text: state.lang === "zh" ? n.zh : n.en }))));
  }
  const buttons = h("p", { class: "confirm-buttons" });
  if (plan.refused_total) {
    buttons.append(h("button", { type: "button", id: "import-errors", class: "button", text: t.errors, onclick: async () => {
      try { await download(await postFile({ errors: "true" }), "errors.xlsx", status); } catch (e) { fail(status, e); }
    } }));
  }
  if (plan.committed) out.push(h("p", { class: "write-status ok", text: t.committed(plan.written) }));
  else if (sum.added + sum.changed) buttons.append(h("button", { type: "button", id: "import-commit", class: "button primary", text: t.commit, onclick: () => commit(plan, sum, status) }));
  else out.push(h("p", { class: "hint", text: t.nothingToWrite }));
  out.push(buttons, status);
  return out;
}

async function commit(plan, sum, status) {
  const t = T();
  const ok = await confirmWrite({
    lines: [
      [t.confirmFile, plan.file],
      [t.confirmSha, plan.sha256],
      [t.confirmRows, t.confirmCounts(sum)],
      [t.confirmLeft, t.confirmLeftCounts(sum)],
    ],
  });
  if (!ok) return;
  status.className = "write-status";
  status.textContent = t.committing;
  try {
    const done = await (await postFile({ commit: "true", dry_run_id: plan.dry_run_id })).json();
    const written = Object.values(done.written || {}).reduce((a, b) => a + b, 0);
    Object.assign(plan, { committed: true, written }); // shown again in another language, not offered again
    $("#import-commit")?.remove();
    status.className = "write-status ok";
    status.textContent = t.committed(written);
    await refreshAfterWrite();
  } catch (e) { fail(status, e); }
}
