// The alert bell (issue 25): the open alerts of the signed-in planner's scope, kept current from the
// live event stream (GET /v1/events, Server-Sent Events) without a reload.
//
// On its own on purpose: index.html includes this module and its container (#alert-bell); the
// dashboard's other scripts know nothing of it. It shows only to accounts that may read alerts
// (planners and admins: GET /v1/alerts answers 200), follows the token in sessionStorage (signing in
// or out reconnects), and reads the stream with fetch() because EventSource cannot send the
// Authorization header. A dropped stream resumes with Last-Event-ID after a short wait.

import { authHeaders, fetchJson, getToken } from "./api.js";

const TEXT = {
  en: { bell: "Alerts", none: "No open alerts", open: (n) => `${n} open alert${n === 1 ? "" : "s"}`, ack: "Acknowledge", since: "since" },
  zh: { bell: "预警", none: "没有未处理的预警", open: (n) => `${n} 条未处理预警`, ack: "确认", since: "开始于" },
};
const RETRY_MS = 3000;
const TOKEN_CHECK_MS = 1000;

const root = document.getElementById("alert-bell");
const lang = () => (document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
const t = () => TEXT[lang()];

let alerts = [];
let token = null;
let stream = null; // the AbortController of the current stream
let lastEventId = null;
let refreshing = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function pct(value) {
  return value && typeof value.ratio === "number" ? `${(value.ratio * 100).toFixed(2)} %` : "";
}

function render() {
  if (!root) return;
  const visible = root.dataset.enabled === "true";
  root.hidden = !visible;
  if (!visible) { root.replaceChildren(); return; }
  const wasOpen = root.querySelector("details")?.open || false;
  const count = el("span", { class: "bell-count", id: "alert-bell-count", text: String(alerts.length) });
  count.hidden = alerts.length === 0;
  const summary = el("summary", { class: "bell-button", "aria-label": `${t().bell}: ${t().open(alerts.length)}`, title: t().open(alerts.length) },
    el("span", { "aria-hidden": "true", text: "🔔" }), count);
  const list = el("ul", { class: "bell-list", id: "alert-bell-list" });
  if (!alerts.length) list.append(el("li", { class: "bell-empty", text: t().none }));
  for (const a of alerts) {
    const button = el("button", { type: "button", class: "link-button bell-ack", "data-alert": a.id, text: t().ack });
    button.addEventListener("click", () => acknowledge(a.id));
    list.append(el("li", { class: "bell-item", "data-alert": a.id, "data-region": a.region_id },
      el("strong", { text: a.region_name || a.region_id }), " ",
      el("span", { text: a.rule_name || a.metric }), " ",
      el("span", { class: "bell-value", text: [pct(a.value), a.threshold].filter(Boolean).join(" ") }), " ",
      el("time", { datetime: a.opened_at || "", text: `${t().since} ${(a.opened_at || "").slice(0, 16).replace("T", " ")}` }), " ",
      button));
  }
  const details = el("details", { class: "bell" }, summary, el("div", { class: "bell-panel", role: "region", "aria-label": t().bell }, list));
  details.open = wasOpen;
  root.replaceChildren(details);
}

async function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      alerts = await fetchJson("/v1/alerts?state=open&limit=100");
      root.dataset.enabled = "true";
    } catch (e) {
      alerts = [];
      root.dataset.enabled = "false"; // anonymous, a viewer, a revoked token: no bell
    }
    render();
  })().finally(() => { refreshing = null; });
  return refreshing;
}

async function acknowledge(id) {
  try {
    await fetchJson(`/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { method: "POST" });
  } catch (e) {
    // acknowledged meanwhile by someone else (409): the list below says how it is now
  }
  await refresh();
}

function parse(buffer, onEvent) {
  // Split the SSE text at blank lines; hand over complete messages, return what is left.
  const parts = buffer.split(/\r?\n\r?\n/);
  const rest = parts.pop();
  for (const part of parts) {
    const fields = {};
    for (const line of part.split(/\r?\n/)) {
      if (!line || line.startsWith(":")) continue;
      const i = line.indexOf(":");
      const key = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
      fields[key] = fields[key] !== undefined && key === "data" ? `${fields[key]}\n${value}` : value;
    }
    if (fields.id) lastEventId = fields.id;
    if (fields.event) onEvent(fields.event);
  }
  return rest;
}

async function follow(controller) {
  while (!controller.signal.aborted) {
    try {
      const headers = { Accept: "text/event-stream", ...authHeaders() };
      if (lastEventId) headers["Last-Event-ID"] = lastEventId;
      const res = await fetch("/v1/events", { headers, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      root.dataset.live = "true";
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parse(buffer + value, (kind) => { if (kind.startsWith("alert.") || kind === "reset") refresh(); });
      }
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    root.dataset.live = "false";
    await new Promise((r) => setTimeout(r, RETRY_MS));
    refresh(); // whatever the gap held
  }
}

async function start() {
  if (stream) stream.abort();
  stream = null;
  lastEventId = null;
  root.dataset.live = "false";
  if (!getToken()) { // anonymous: no bell, and no request the API would refuse (a 403 in every visitor's console)
    alerts = [];
    root.dataset.enabled = "false";
    render();
    return;
  }
  await refresh();
  if (root.dataset.enabled !== "true") return;
  stream = new AbortController();
  follow(stream);
}

if (root) {
  token = getToken();
  start();
  setInterval(() => { // signing in or out happens in another script: follow the token
    const now = getToken();
    if (now !== token) { token = now; start(); }
  }, TOKEN_CHECK_MS);
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
}
