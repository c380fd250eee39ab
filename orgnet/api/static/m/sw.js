// The field app's service worker (issue 26): the app shell and my last data, so the app opens with
// no network.  Network first (a planner's change shows at once when online), the cache when it fails.
// Writes are never handled here: the page keeps them in IndexedDB and sends them itself.
const CACHE = "orgnet-field-v1";
const SHELL = ["/m/", "/m/app.js", "/m/app.css", "/m/manifest.webmanifest", "/m/icon.svg"];
const DATA = ["/v1/me/work", "/v1/me/record"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (!cached) throw err;
    if (!key.startsWith("/v1/")) return cached;
    // my data, as last seen: the page says it is offline
    const headers = new Headers(cached.headers);
    headers.set("X-Field-Offline", "1");
    return new Response(await cached.blob(), { status: cached.status, headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/m")) {
    event.respondWith(networkFirst(request, "/m/"));
  } else if (SHELL.includes(url.pathname) || DATA.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});
