// The field app (issue 26): my work, record an entry, my record.  Offline first: the service worker
// (sw.js) serves the shell and the last copy of my data; entries wait in IndexedDB, each with its
// own Idempotency-Key, and are sent when the network is back (a retry never writes twice).
const TOKEN = "orgnet.field.token";
const DB_NAME = "orgnet-field";
const KINDS = { duty: "履职尽责", major_event: "重大事件", positive_case: "正面典型", negative_case: "负面案例" };
// what the record screen records: a frontline entry (cadres), a visit or a shift (POST /v1/me/visits/<kind>)
const WHAT = {
  entry: { label: "纪实记录", person: "cadre" },
  enterprise_visits: { label: "走访结对企业", person: "cadre" },
  family_visits: { label: "关爱家庭联系", person: "cadre" },
  household_visits: { label: "入户走访", person: "party_member" },
  checkpoint_shifts: { label: "卡口值守", person: "party_member" },
};
const STATES = { waiting: "待发送", sending: "发送中", sent: "已发送", refused: "被拒绝" };
const STATUS = { submitted: "已提交申请", activist: "入党积极分子", probationary: "预备党员", full_member: "正式党员", declined: "未通过" };

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

// ------------------------------------------------------------------ IndexedDB: the outbox
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("outbox", { keyPath: "key" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("outbox", mode);
    const result = work(tx.objectStore("outbox"));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

const allEntries = async () => ((await store("readonly", (s) => s.getAll())) || []).sort((a, b) => a.created.localeCompare(b.created));
const putEntry = (entry) => store("readwrite", (s) => s.put(entry));

// ------------------------------------------------------------------ the API
function token() {
  return localStorage.getItem(TOKEN);
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (options.body) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { ...options, headers });
  let body = null;
  try {
    body = await r.json();
  } catch {
    body = null;
  }
  return { status: r.status, ok: r.ok, body, replayed: r.headers.get("Idempotent-Replayed") === "true", offline: r.headers.get("X-Field-Offline") === "1" };
}

function reason(res) {
  const b = res.body || {};
  const fields = (b.errors || []).map((e) => `${e.field}: ${e.reason}`).join("; ");
  if (res.status === 409) return `冲突：记录已被更改（${b.detail || ""}）`;
  if (res.status === 401 || res.status === 403) return "账号已停用或无权限";
  return [b.detail || `HTTP ${res.status}`, fields].filter(Boolean).join(" — ");
}

// ------------------------------------------------------------------ enrolment
async function enrolWith(code) {
  const msg = $("#enrol-msg");
  msg.textContent = "正在绑定…";
  const res = await api("/v1/field/enrol", { method: "POST", body: JSON.stringify({ code }) });
  if (!res.ok) {
    msg.textContent = "绑定码无效、已使用或已过期。";
    return false;
  }
  localStorage.setItem(TOKEN, res.body.token);
  history.replaceState(null, "", "/m/");
  return true;
}

// ------------------------------------------------------------------ screens
function show(tab) {
  for (const s of document.querySelectorAll("[data-tab]")) s.hidden = s.dataset.tab !== tab;
  for (const b of document.querySelectorAll("nav button")) b.toggleAttribute("aria-current", b.dataset.go === tab);
  if (tab === "mine") loadRecord();
}

function fill(list, items, render, empty = "暂无") {
  list.replaceChildren(...(items.length ? items.map(render) : [el("li", { class: "empty" }, empty)]));
}

async function loadWork() {
  const res = await api("/v1/me/work");
  if (!res.ok) {
    $("#work-msg").textContent = res.status === 401 ? "账号已停用，请联系组织部门重新绑定。" : "无法加载（离线且无缓存）。";
    if (res.status === 401) localStorage.removeItem(TOKEN);
    return;
  }
  const w = res.body;
  $("#work-msg").textContent = (res.offline ? "离线：显示上次的数据。 " : "") + (w.due ? `本月待办 ${w.due} 项` : "");
  document.body.classList.toggle("member", w.person_type === "party_member");
  fill($("#pairings"), w.pairings, (p) =>
    el("li", { "data-id": p.id }, el("strong", {}, p.name), el("div", { class: "meta" }, `${p.place || ""} · 结对自 ${p.since}`),
      p.due ? el("div", { class: "due" }, "本月尚未走访") : ""));
  fill($("#households"), w.households, (h) => el("li", { "data-id": h.id }, `联系户 ${h.id}`, el("div", { class: "meta" }, `${h.place || ""} · 自 ${h.since}`),
    h.due ? el("div", { class: "due" }, "本月尚未走访") : ""));
  fill($("#deployments"), w.deployments, (d) =>
    el("li", { "data-id": d.target_id }, el("strong", {}, d.team), el("div", { class: "meta" }, `${d.target} · ${d.since} 至 ${d.until || "今"} · ${(d.duties || []).join("、")}`),
      d.due ? el("div", { class: "due" }, "今日值守尚无排班记录") : ""));
  fill($("#families"), w.families, (f) => el("li", { "data-id": f.id }, `${familyName(f)}`, el("div", { class: "meta" }, f.place || ""),
    f.due ? el("div", { class: "due" }, "本月尚未联系") : ""));
  work = w;
  fillPickers();
  const places = $("#places");
  const chosen = places.value;
  places.replaceChildren(...w.places.map((p) => el("option", { value: p.id }, p.name)));
  if (chosen) places.value = chosen;
}

let work = null;
const familyName = (f) => `${f.kind === "duty_death_family" ? "殉职人员家庭" : "医务人员家庭"} ${f.id}`;

function options(select, items) {
  const chosen = select.value;
  select.replaceChildren(...items.map(([value, label]) => el("option", { value }, label)));
  if (chosen && items.some(([v]) => v === chosen)) select.value = chosen;
}

function fillPickers() {
  const w = work;
  const what = $("#what");
  options(what, Object.entries(WHAT).filter(([, v]) => v.person === w.person_type).map(([k, v]) => [k, v.label]));
  options($("#pick-enterprise"), w.pairings.map((p) => [p.id, p.name]));
  options($("#pick-household"), w.households.map((h) => [h.id, `联系户 ${h.id}`]));
  options($("#pick-family"), w.families.map((f) => [`${f.family_type}:${f.id}`, familyName(f)]));
  const checkpoints = w.deployments.filter((d) => d.target_type === "checkpoint");
  options($("#pick-checkpoint"), checkpoints.map((d) => [d.target_id, d.target]));
  showWhat();
}

function showRoster() {
  const d = (work?.deployments || []).find((x) => x.target_id === $("#pick-checkpoint").value);
  const checked = new Set([...document.querySelectorAll("#roster input:checked")].map((i) => i.value));
  $("#roster").replaceChildren(...(d?.team_members || []).map((id) =>
    el("label", {}, Object.assign(el("input", { type: "checkbox", name: "on_duty", value: id }), { checked: checked.has(id) }), id)));
}

function showWhat() {
  const what = $("#what").value || "entry";
  for (const node of document.querySelectorAll("#entry-form [class^=for-]")) node.hidden = node.className.split(" ")[0] !== `for-${what}`;
  if (what === "checkpoint_shifts") showRoster();
}

async function loadRecord() {
  const res = await api("/v1/me/record");
  if (!res.ok) return;
  const r = res.body;
  fill($("#entries"), r.entries, (e) =>
    el("li", { "data-id": e.id }, el("strong", {}, `${e.date} ${KINDS[e.kind] || e.kind}`), el("div", {}, e.text), el("div", { class: "meta" }, (e.place || "") + (e.voided ? ` · 已作废：${e.void_reason || ""}` : ""))));
  fill($("#visits"), r.visits || [], (v) =>
    el("li", { "data-id": v.id, "data-kind": v.kind }, el("strong", {}, `${v.date} ${WHAT[v.kind]?.label || v.kind}`), el("div", {}, `${v.target}${v.on_duty ? ` · ${v.on_duty} 人值守` : ""}`),
      el("div", {}, v.text || ""), el("div", { class: "meta" }, (v.place || "") + (v.voided ? ` · 已作废：${v.void_reason || ""}` : ""))));
  fill($("#recognitions"), r.recognitions, (x) => el("li", {}, `${x.date} ${x.kind}`, el("div", { class: "meta" }, `${x.awarding_body} · ${x.level}`)));
  fill($("#applications"), r.applications, (a) => el("li", {}, `${STATUS[a.status] || a.status}`, el("div", { class: "meta" }, `提交于 ${a.submitted_on}`)));
}

async function renderOutbox() {
  const entries = await allEntries();
  const count = (s) => entries.filter((e) => e.state === s).length;
  $("#outbox-summary").textContent = `待发送 ${count("waiting")} · 已发送 ${count("sent")} · 被拒绝 ${count("refused")}`;
  fill($("#outbox"), entries.slice().reverse(), (e) =>
    el("li", { "data-key": e.key, "data-state": e.state },
      el("span", { class: `state state-${e.state}` }, STATES[e.state] || e.state),
      el("strong", {}, `${e.body.date} ${e.what && e.what !== "entry" ? WHAT[e.what].label : KINDS[e.body.kind] || e.body.kind}`), el("div", {}, e.body.text || ""),
      e.reason ? el("div", { class: "due" }, e.reason) : ""), "还没有记录");
}

// ------------------------------------------------------------------ sending
let syncing = false;

async function sync() {
  if (syncing || !token()) return;
  syncing = true;
  try {
    for (const entry of await allEntries()) {
      if (entry.state !== "waiting") continue;
      let res;
      try {
        res = await api(entry.path || "/v1/me/record", { method: "POST", body: JSON.stringify(entry.body), headers: { "Idempotency-Key": entry.key } });
      } catch {
        break; // no network: try again when it is back
      }
      if (res.status >= 500 || res.status === 429 || res.offline) break; // the server's trouble: try again later, same key
      if (res.ok) Object.assign(entry, { state: "sent", id: res.body.id, reason: null, sent: new Date().toISOString() });
      else Object.assign(entry, { state: "refused", reason: reason(res) });
      await putEntry(entry);
      await renderOutbox();
    }
  } finally {
    syncing = false;
    await renderOutbox();
    updateNet();
  }
}

function bodyFor(what, data, form) {
  const base = { date: data.date, text: (data.text || "").trim() };
  if (what === "entry") return { ...base, kind: data.kind, region_id: data.region_id };
  if (what === "enterprise_visits") return { ...base, enterprise_id: data.enterprise_id };
  if (what === "household_visits") return { ...base, household_id: data.household_id };
  if (what === "family_visits") {
    const [family_type, family_id] = (data.family || ":").split(":");
    return { ...base, family_type, family_id };
  }
  return { ...base, checkpoint_id: data.checkpoint_id, on_duty: [...form.querySelectorAll("#roster input:checked")].map((i) => i.value) };
}

const TARGET = { enterprise_visits: "enterprise_id", household_visits: "household_id", family_visits: "family_id", checkpoint_shifts: "checkpoint_id" };

async function saveEntry(event) {
  event.preventDefault();
  const form = event.target;
  const data = Object.fromEntries(new FormData(form));
  const what = data.what || "entry";
  const body = bodyFor(what, data, form);
  const missing = (what === "entry" && (!body.text || !body.region_id)) || (TARGET[what] && !body[TARGET[what]]);
  if (missing) {
    $("#form-msg").textContent = what === "entry" ? "请填写地点和内容。" : "请选择对象。";
    return;
  }
  $("#form-msg").textContent = "";
  const path = what === "entry" ? "/v1/me/record" : `/v1/me/visits/${what}`;
  const entry = { key: crypto.randomUUID(), created: new Date().toISOString(), state: "waiting", what, path, body };
  await putEntry(entry);
  form.elements.text.value = "";
  await renderOutbox();
  sync();
}

function updateNet() {
  $("#net").textContent = navigator.onLine ? "在线" : "离线";
  $("#net").dataset.online = navigator.onLine ? "1" : "0";
}

// ------------------------------------------------------------------ start
async function start() {
  updateNet();
  addEventListener("online", () => { updateNet(); sync(); loadWork(); });
  addEventListener("offline", updateNet);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/m/sw.js", { scope: "/m/" }).catch(() => {});
    navigator.serviceWorker.addEventListener("controllerchange", () => token() && loadWork());
  }
  const code = new URLSearchParams(location.hash.slice(1)).get("enrol");
  if (code && !token()) await enrolWith(code);
  $("#enrol-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await enrolWith(new FormData(e.target).get("code").trim())) location.reload();
  });
  if (!token()) {
    $("#enrol").hidden = false;
    return;
  }
  $("#enrol").hidden = true;
  $("#app").hidden = false;
  $("#tabs").hidden = false;
  for (const b of document.querySelectorAll("nav button")) b.onclick = () => show(b.dataset.go);
  $("#entry-form").onsubmit = saveEntry;
  $("#what").onchange = showWhat;
  $("#pick-checkpoint").onchange = showRoster;
  $("#entry-form").elements.date.value = new Date().toISOString().slice(0, 10);
  await Promise.all([loadWork(), renderOutbox()]);
  document.body.dataset.ready = "1";
  sync();
  setInterval(sync, 30_000);
}

start();
