// The JSON API client: problem details become ApiError; GETs are cached per URL for the session.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

const cache = new Map();
export const enc = encodeURIComponent;

export function authHeaders() {
  const token = sessionStorage.getItem("orgnet-token");
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function clearCache() {
  cache.clear();
}

export async function fetchJson(url, { method = "GET", body, signal } = {}) {
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

// A query string of the defined values; arrays repeat the key (id=a&id=b).
export function query(params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) for (const x of v) qs.append(k, x);
    else qs.set(k, v);
  }
  return qs.toString();
}

// GETs are cached per URL (the data does not change under a planner's eyes; a token change clears it).
export function get(path, params = {}) {
  const qs = query(params);
  const url = qs ? `${path}?${qs}` : path;
  if (cache.has(url)) return cache.get(url);
  const p = fetchJson(url).catch((e) => { cache.delete(url); throw e; });
  cache.set(url, p);
  if (cache.size > 400) cache.delete(cache.keys().next().value);
  return p;
}
