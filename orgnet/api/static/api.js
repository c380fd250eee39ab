// The JSON API client: problem details become ApiError; GETs are cached per URL and data version.
//
// The data version is the number of writes this page has learnt of (its own, and those the live
// stream announces, live.js): every cached answer that can change with a write is keyed by it, so
// no view can show a figure computed before the last write it knows of.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

const cache = new Map();
let version = 0;
// Answers no record write changes (the policy, the metrics, the region tree and its shapes) stay cached across versions.
const STABLE = [/^\/v1\/metrics/, /^\/v1\/policy/, /^\/v1\/calendar/, /^\/v1\/boundaries/, /^\/openapi\.json/, /^\/v1\/regions(\?|\/[^/?]+(\?|$)|\/[^/?]+\/children)/];
export const dataVersion = () => version;
// A write happened (ours or another's): every versioned answer is asked again.
export function bumpVersion() {
  version += 1;
  for (const url of [...cache.keys()]) if (!url.startsWith("*")) cache.delete(url);
  return version;
}
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

// GETs are cached per URL and data version (a token change clears the cache).
export function get(path, params = {}) {
  const qs = query(params);
  const url = qs ? `${path}?${qs}` : path;
  const key = STABLE.some((re) => re.test(url)) ? `*${url}` : `${version}|${url}`;
  if (cache.has(key)) return cache.get(key);
  const p = fetchJson(url).catch((e) => { cache.delete(key); throw e; });
  cache.set(key, p);
  if (cache.size > 400) cache.delete(cache.keys().next().value);
  return p;
}
