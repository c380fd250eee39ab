// The live stream (GET /v1/events, Server-Sent Events): the page learns of every write in the
// caller's scope, this tab's and everyone else's, and refreshes what it touches.
//
// EventSource cannot send the account token (the API takes it in `Authorization` only), so the
// stream is read with fetch: the same `text/event-stream`, parsed here, resumed with
// `Last-Event-ID` after a drop (the server first sends what was missed).  A token change restarts
// the stream with the new caller's scope.  Other modules may listen too: `onEvent(fn)`.

import { authHeaders, getToken } from "./api.js";

const listeners = new Set();
let controller = null;
let lastId = null;
let retryMs = 500;

export function onEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function dispatch(type, text) {
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { return; }
  for (const fn of listeners) {
    try { fn(type, data); } catch (e) { console.error(e); }
  }
}

// One SSE block ("id: …\nevent: …\ndata: …"); comments (": keep-alive") carry nothing.
function parseBlock(block) {
  let type = "message";
  const data = [];
  let id = null;
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const i = line.indexOf(":");
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (id !== null) lastId = id;
  if (data.length || type === "reset") dispatch(type, data.join("\n"));
}

async function run(signal) {
  while (!signal.aborted) {
    try {
      const headers = { Accept: "text/event-stream", ...authHeaders() };
      if (lastId !== null) headers["Last-Event-ID"] = lastId;
      const res = await fetch("/v1/events", { headers, signal, cache: "no-store" });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      retryMs = 500;
      dispatch("open", "{}");
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      retryMs = Math.min(retryMs * 2, 15000);
    }
    // the server ends a stream after EVENTS_STREAM_MAX_S: resume at once, after an error a little later
    await new Promise((r) => setTimeout(r, retryMs));
  }
}

// (Re)start the stream for the current token; events before now are not replayed.
export function startLive() {
  if (controller) controller.abort();
  controller = null;
  lastId = null;
  // Signed-in callers only: an anonymous page writes nothing and reloads to catch up, and an open
  // stream on every visitor's page would hold a connection per visitor and keep the page never idle.
  if (!getToken()) return;
  controller = new AbortController();
  run(controller.signal);
}

// Whether a change event can alter what a page on `region` (with its path) shows on the days
// from..to: a region written inside it or above it, or a change whose reach is unknown.
export function touches(event, region, { from, to } = {}) {
  const t = event && event.touched;
  if (!t || !region) return true;
  const days = t.days || {};
  if (days.from && to && days.from > to) return false;
  if (days.to && from && days.to < from) return false;
  if (t.reach_known === false) return true;
  const mine = new Set((region.path || []).map((p) => p.id));
  mine.add(region.id);
  return (t.regions || []).some((r) => mine.has(r.id) || (r.path || []).includes(region.id));
}
