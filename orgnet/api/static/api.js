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

// The account token lives in sessionStorage only: gone when the tab closes, never in localStorage.
const TOKEN_KEY = "orgnet-token";
export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  cache.clear();
}

export function authHeaders() {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// A random Idempotency-Key for one intended write (crypto.randomUUID needs a secure context; this does not).
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function clearCache() {
  cache.clear();
}

export async function fetchJson(url, { method = "GET", body, signal, headers = {} } = {}) {
  const res = await fetch(url, {
    method,
    signal,
    headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}), ...authHeaders(), ...headers },
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
