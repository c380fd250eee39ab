// Operating the network from the page (issue 12): signing in with an account token, the write
// controls of planners and admins inside their scope (assign from a gap row through the pairing
// suggestions, end and void the records of an item's history), each behind a confirmation that
// shows exactly what will be written, and the history panels of a region and of an item.
//
// Viewers and anonymous callers get no write control in the DOM at all: every control is created
// only when `canWriteAt(path)` says so, never created and hidden.  Names come as the API gives
// them (masked outside the scope); history lines show ids, never the before/after bodies.

import { ApiError, enc, fetchJson, getToken, newIdempotencyKey, query, setToken } from "./api.js";
import { $, h } from "./dom.js";
import { ASSIGN_FORMS, openAssignForm } from "./assign.js";
import { OPS_STRINGS } from "./ops_strings.js";
import { data, levelName, state } from "./state.js";

const T = () => OPS_STRINGS[state.lang];
const ASSIGNMENT_KINDS = ["pairings", "supervisions", "household_links", "team_memberships", "deployments", "family_supports", "care_contacts"];

export const session = { me: null };
let afterWrite = async () => {};
let onSessionChange = () => {};
// What a write done elsewhere (the import panel) calls to reload the coverage, gaps and history.
export const refreshAfterWrite = () => afterWrite();

// ------------------------------------------------------------------ who am I
export async function loadMe() {
  try {
    session.me = await fetchJson("/v1/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && getToken()) {
      // a token that stopped working (revoked, expired, rotated): say so, continue as anonymous
      setToken(null);
      showSignInError(e.message);
      session.me = await fetchJson("/v1/me").catch(() => null);
    } else session.me = null;
  }
  renderSession();
  return session.me;
}

const scopeIds = () => new Set(((session.me && session.me.scope) || []).map((r) => r.id));

// Whether the region with this path (root first) is inside the caller's scope.
export function inScope(path) {
  const me = session.me;
  if (!me || me.unrestricted) return true;
  const ids = scopeIds();
  return (path || []).some((p) => ids.has(p.id));
}

// Whether write controls belong on something at this region path.
export function canWriteAt(path) {
  const me = session.me;
  return Boolean(me && me.can_write && inScope(path));
}

// The region a restricted account opens first: its scope region when it has exactly one.
export function scopeStart() {
  const me = session.me;
  if (!me || me.unrestricted || !me.scope || me.scope.length !== 1) return null;
  return me.scope[0].id;
}

export const seesHistory = () => Boolean(session.me && session.me.can_write);

// ------------------------------------------------------------------ sign in / out
function showSignInError(text) {
  const box = $("#signin-error");
  box.hidden = !text;
  box.textContent = text || "";
}

export function bindSession({ onChange, onWrite }) {
  onSessionChange = onChange;
  afterWrite = onWrite;
  $("#token-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("#token-input");
    const token = input.value.trim();
    if (!token) return;
    const previous = getToken();
    setToken(token);
    try {
      session.me = await fetchJson("/v1/me");
    } catch (e) {
      setToken(previous); // a bad or expired token: the 401 problem's text, and nothing changes
      showSignInError(e.message);
      return;
    }
    input.value = "";
    showSignInError("");
    closePanel(); // its controls were the previous caller's
    $("#account-menu").open = false;
    renderSession();
    onSessionChange(session.me);
  });
  $("#sign-out").addEventListener("click", async () => {
    setToken(null);
    showSignInError("");
    closePanel();
    await loadMe();
    $("#account-menu").open = false;
    onSessionChange(session.me);
  });
}

export function renderSession() {
  const me = session.me;
  const t = T();
  $("#account-summary").textContent = me && me.role !== "anonymous" ? t.signedInAs(me.account ? me.account.name : t.bootstrap, t.roles[me.role] || me.role) : t.signIn;
  $("#token-label").textContent = t.tokenLabel;
  $("#sign-in").textContent = t.signIn;
  $("#sign-out").textContent = t.signOut;
  $("#sign-out").hidden = !getToken();
  const who = $("#whoami");
  if (!me || me.role === "anonymous") who.textContent = t.anonymous;
  else {
    const where = me.unrestricted ? t.everywhere : me.scope.map((r) => `${r.name} (${r.id})`).join(", ");
    who.textContent = `${t.roles[me.role] || me.role} · ${t.scope}: ${where}`;
  }
  $("#account-menu").dataset.role = me ? me.role : "anonymous";
}

// ------------------------------------------------------------------ confirmation
// Shows `lines` ([label, value] pairs: exactly what will be written) and the `fields` the write
// still needs (e.g. a required reason); resolves to the fields' values, or null when cancelled.
export function confirmWrite({ lines, fields = [], warn = null }) {
  const dialog = $("#confirm-dialog");
  const t = T();
  const inputs = fields.map((f) => h("input", { id: `confirm-${f.name}`, name: f.name, type: f.type || "text", value: f.value || "", required: true, maxlength: 500 }));
  const form = h("form", { method: "dialog", class: "confirm-form" },
    h("h3", { text: t.confirmTitle }),
    h("p", { text: t.confirmIntro }),
    warn ? h("p", { class: "error-box confirm-warning", role: "alert", text: warn }) : null,
    h("dl", { class: "confirm-lines" }, ...lines.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { class: "mono", text: v })])),
    ...fields.map((f, i) => h("p", {}, h("label", { for: `confirm-${f.name}`, text: f.label }), inputs[i])),
    h("p", { class: "confirm-buttons" },
      h("button", { type: "submit", class: "button primary", id: "confirm-write", value: "ok", text: t.confirm }),
      h("button", { type: "button", class: "button", id: "confirm-cancel", text: t.cancel, onclick: () => dialog.close("cancel") })),
  );
  dialog.replaceChildren(form);
  return new Promise((resolve) => {
    form.addEventListener("submit", (ev) => {
      if (inputs.some((i) => !i.value.trim())) {
        ev.preventDefault();
        inputs.find((i) => !i.value.trim()).focus();
      }
    });
    dialog.addEventListener("close", () => {
      dialog.replaceChildren(); // no form of a past write stays in the page
      resolve(dialog.returnValue === "ok" ? Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value.trim()])) : null);
    }, { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

// Sends one confirmed write with its own Idempotency-Key (a repeat of this request writes nothing
// twice), then reloads what it changes.
export async function sendWrite(url, body, { ifMatch, status } = {}) {
  const headers = { "Idempotency-Key": newIdempotencyKey() };
  if (ifMatch) headers["If-Match"] = `"${ifMatch}"`;
  try {
    const res = await fetchJson(url, { method: "POST", body, headers });
    status.className = "write-status ok";
    status.textContent = T().writeDone;
    await afterWrite();
    return res;
  } catch (e) {
    status.className = "write-status error-box";
    status.textContent = `${T().writeFailed}: ${writeError(e)}`;
    return null;
  }
}

// A refused write in the planner's language: every refusal has its own words (the API's English
// detail only in English, for a status the page has no words for).
export function writeError(e) {
  const t = T();
  if (!(e instanceof ApiError)) return state.lang === "en" ? e.message : t.writeErrors.network;
  return t.writeErrors[e.status] || (state.lang === "en" ? e.message : t.writeErrors.other(e.status));
}

// ------------------------------------------------------------------ gap rows
// The cells of a gap row's action column (null: no column at all for this caller).
export function rowActions(item) {
  if (!canWriteAt(item.region_path)) return null;
  const t = T();
  const buttons = [];
  if (state.metric === "enterprise_pairing") {
    buttons.push(h("button", { type: "button", class: "chip-button assign", text: t.assign, onclick: () => openAssign(item) }));
  } else if (ASSIGN_FORMS[state.metric]) {
    buttons.push(h("button", { type: "button", class: "chip-button assign", text: t.assign, onclick: () => openAssignForm(item, ASSIGN_FORMS[state.metric]) }));
  }
  buttons.push(h("button", { type: "button", class: "chip-button item-history", text: t.itemHistory, onclick: () => openItem(item.id) }));
  return buttons;
}
export const hasActionColumn = () => Boolean(data.region && canWriteAt(data.region.path));
export const actionsLabel = () => T().actions;

// "Assign": the pairing suggestions for this enterprise (under its own village), one to apply.
async function openAssign(item) {
  const panel = openPanel(T().suggestionsFor(item.name || item.id));
  const path = item.region_path || [];
  const region = path.length ? path[path.length - 1].id : data.region.id;
  try {
    const res = await fetchJson(`/v1/suggestions/enterprise_pairing?${query({ region, as_of: state.asOf })}`);
    const mine = res.suggestions.filter((s) => s.enterprise_id === item.id);
    if (!mine.length) {
      panel.body.replaceChildren(h("p", { class: "hint", text: T().noSuggestionFor }));
      return;
    }
    const status = h("p", { class: "write-status", role: "status" });
    panel.body.replaceChildren(
      h("table", { class: "result-table", id: "assign-table" }, h("tbody", {}, ...mine.map((s) => h("tr", { dataset: { cadre: s.cadre_id, level: s.level } },
        h("td", {}, h("span", { class: "mono", text: s.cadre_id }), s.cadre_name ? ` ${s.cadre_name}` : ""),
        h("td", { text: `${levelName(s.level)} · ${s.pairings_before} → ${s.pairings_after} / ${s.maximum}` }),
        h("td", {}, h("button", { type: "button", class: "button apply", text: T().apply, onclick: () => applySuggestion(s, status) })))))),
      status,
    );
  } catch (e) {
    panel.body.replaceChildren(h("p", { class: "error-box", role: "alert", text: writeError(e) }));
  }
}

export async function applySuggestion(s, status) {
  const t = T();
  const since = state.asOf;
  // the record as the planner knows it: its kind, whom it pairs by name (ids beside them), from when
  const ok = await confirmWrite({
    lines: [
      [t.kind, t.kindName("pairings")],
      [t.cadre, s.cadre_name ? `${s.cadre_name} (${s.cadre_id})` : s.cadre_id],
      [t.enterprise, s.enterprise_name ? `${s.enterprise_name} (${s.enterprise_id})` : s.enterprise_id],
      [t.since, since],
      [t.record, `${s.cadre_id}~${s.enterprise_id}~${since}`],
    ],
  });
  if (!ok) return null;
  return sendWrite("/v1/suggestions/enterprise_pairing/apply", { since, pairings: [{ cadre_id: s.cadre_id, enterprise_id: s.enterprise_id }] }, { status });
}

// ------------------------------------------------------------------ panels
function closePanel() {
  $("#ops-panel").hidden = true;
  $("#ops-panel").replaceChildren();
}

export function openPanel(title) {
  const box = $("#ops-panel");
  box.hidden = false;
  const body = h("div", { class: "ops-body" }, h("p", { class: "loading", text: "…" }));
  box.replaceChildren(
    h("div", { class: "section-head" }, h("h3", { id: "ops-panel-title", text: title }),
      h("button", { type: "button", class: "button", text: T().close, onclick: closePanel })),
    body,
  );
  box.scrollIntoView({ block: "nearest" });
  return { box, body };
}

// An item's history, and end / void on the assignment records it holds.
export async function openItem(itemId) {
  const panel = openPanel(T().historyItem(itemId));
  const records = h("div", { class: "item-records" });
  const list = historyList({ item: itemId }, (changes) => addRecords(records, changes));
  panel.body.replaceChildren(list, records);
  listRecords(records, itemId);
}

// A row for the record unless the box has one already (the change log and the item's record list
// both name records); `rec`: the record as listed, else fetched.
function addRecordRow(box, kind, id, rec = null) {
  if (box.querySelector(`[data-record="${CSS.escape(`${kind}/${id}`)}"]`)) return;
  if (!box.firstChild) box.append(h("h4", { text: T().recordsOfItem }));
  const row = h("div", { class: "record-row", dataset: { record: `${kind}/${id}` } });
  box.append(row);
  fillRecord(row, kind, id, rec);
}

function addRecords(box, changes) {
  for (const c of changes) {
    if (!ASSIGNMENT_KINDS.includes(c.kind)) continue;
    for (const id of c.items) if (id.includes("~")) addRecordRow(box, c.kind, id);
  }
}

// Every assignment of the item, seed and imported ones included (the change log names only those
// written one by one).  Planners and admins only; a 404 means none inside the scope.
async function listRecords(box, itemId) {
  if (!session.me || !session.me.can_write) return;
  let page;
  try {
    page = await fetchJson(`/v1/records?${query({ item: itemId })}`);
  } catch (e) {
    return;
  }
  for (const rec of page.items) addRecordRow(box, rec.kind, rec.id, rec);
}

// The two ends of an assignment record by name where the caller may read them ("张三 (m-1)"), else by id.
function recordEnds(kind, id, rec) {
  const [start, end, since] = id.split("~");
  const names = (rec && rec.names) || {};
  const who = (x) => (names[x] ? `${names[x]} (${x})` : x);
  const t = T();
  const [startLabel, endLabel] = t.recordEnds[kind] || [t.kind, t.record];
  return {
    lines: [[t.kind, t.kindName(kind)], [startLabel, who(start)], [endLabel, who(end)], [t.since, since]],
    title: `${names[start] || start} → ${names[end] || end}`,
  };
}

// A record's row: what it links, by name, and its End… / Void… while it is active.  After a
// written end or void the row is drawn again from the record as it now is (its new version): a
// voided record keeps no control, an ended one its Void… only (a stale control would meet a 412).
async function fillRecord(row, kind, id, listed = null) {
  let rec = listed;
  const url = `/v1/records/${enc(kind)}/${enc(id)}`;
  try {
    rec = rec || (await fetchJson(url));
  } catch (e) {
    row.replaceChildren(h("span", { class: "mono", text: id }), h("span", { class: "hint", text: ` ${writeError(e)}` }));
    return;
  }
  const t = T();
  const fields = rec.record || rec.data || rec;
  const ends = recordEnds(kind, id, rec);
  row.replaceChildren(
    h("span", { class: "record-kind", text: `${t.kindName(kind)} · ` }),
    h("span", { class: "record-ends", text: ends.title }), " ",
    h("span", { class: "mono hint", text: id }));
  if (rec.voided || fields.voided) {
    row.append(h("span", { class: "badge", text: ` ${t.recordVoid}` }));
    return;
  }
  const until = fields.until;
  if (until) row.append(h("span", { class: "hint", text: ` ${t.recordEnded(until)}` }));
  // the record's GET already checked every region it touches against the scope (404 outside: no controls)
  if (!session.me || !session.me.can_write) return;
  const status = h("span", { class: "write-status", role: "status" });
  // after a write, or a refusal (another planner changed the record first: 412), the row is drawn
  // again from the record as it is now; a refusal's text stays beside it
  const redraw = async (keep) => {
    await fillRecord(row, kind, id);
    if (keep) row.append(status);
  };
  const write = async (path, body) => {
    const written = await sendWrite(`${url}/${path}`, body, { ifMatch: rec.version, status });
    await redraw(!written);
  };
  const endButton = until ? null : h("button", { type: "button", class: "chip-button end", text: t.end, onclick: async () => {
    const v = await confirmWrite({ lines: ends.lines, fields: [{ name: "until", label: t.until, type: "text", value: state.asOf }] });
    if (v) await write("end", { until: v.until });
  } });
  const voidButton = h("button", { type: "button", class: "chip-button void", text: t.void, onclick: async () => {
    const v = await confirmWrite({ lines: ends.lines, fields: [{ name: "reason", label: t.reason }] });
    if (v) await write("void", { reason: v.reason });
  } });
  if (endButton) row.append(endButton);
  row.append(voidButton, status);
}

// ------------------------------------------------------------------ history
// A paged list of changes for `filters` ({region} or {item}); `onPage(changes)` sees every page.
function historyList(filters, onPage = () => {}) {
  const t = T();
  const ol = h("ol", { class: "history" });
  const more = h("button", { type: "button", class: "button history-more", text: t.historyMore, hidden: true });
  const box = h("div", { class: "history-box" }, ol, more);
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await fetchJson(`/v1/changes?${query({ ...filters, limit: 20, cursor })}`);
      if (!page.items.length && !cursor) ol.replaceChildren(h("li", { class: "hint", text: t.historyEmpty }));
      ol.append(...page.items.map(changeLine));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      onPage(page.items);
    } catch (e) {
      ol.append(h("li", { class: "error-box", role: "alert", text: e instanceof ApiError && e.status === 404 ? t.outsideScope : writeError(e) }));
      more.hidden = true;
    }
    more.disabled = false;
  };
  more.addEventListener("click", load);
  load();
  return box;
}

function changeLine(c) {
  const t = T();
  const when = c.at ? new Date(c.at).toLocaleString(state.lang === "zh" ? "zh-CN" : "en-GB") : "";
  // each record id opens its own history, where its end / void controls are
  const ids = c.items.slice(0, 5).map((id) => h("button", { type: "button", class: "link mono history-item", dataset: { item: id }, text: id, onclick: () => openItem(id) }));
  return h("li", { dataset: { change: c.id } },
    h("time", { datetime: c.at || "", text: when }), " ",
    h("strong", { text: t.changeLine(c) }), " ",
    ...ids, c.items_total > 5 ? ` … (${c.items_total})` : "",
    c.reason ? h("span", { class: "hint", dataset: { freeText: "" }, text: ` “${c.reason}”` }) : null, // the writer's own words
    h("small", { class: "hint", text: ` · ${t.by} ${c.account_name || t.roles[c.role] || c.account || t.paths[c.path] || c.path}` }));
}

// The region's history panel: planners and admins, inside their scope.  Another region closes the
// item panel: its suggestions and records belong to the region it was opened in.
let panelRegion = null;
export function renderRegionHistory(region) {
  if (panelRegion !== region.id) {
    panelRegion = region.id;
    closePanel();
  }
  const section = $("#history-section");
  if (!seesHistory()) {
    section.hidden = true;
    section.replaceChildren();
    return;
  }
  section.hidden = false;
  const t = T();
  const head = h("div", { class: "section-head" }, h("h3", { id: "history-heading", text: t.historyRegion(region.name) }));
  if (!inScope(region.path)) {
    section.replaceChildren(head, h("p", { class: "hint outside-scope", text: t.outsideScope }));
    return;
  }
  section.replaceChildren(head, historyList({ region: region.id }));
}

// Outside a restricted account's scope the gap list is not asked for (the API would answer 404).
export function gapsGate() {
  return data.region && !inScope(data.region.path) ? T().outsideScope : null;
}
