/* What's On service worker: after the first visit the browse pages and the finder are kept on the
   device (with all of the finder's data for a small directory); any other page, and each part of a
   big directory's finder data, is kept once it has been used. Version {{ version }}. */
const CACHE = "whats-on-{{ version }}";
const KEEP = {{ keep | safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(KEEP)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((n) => n.startsWith("whats-on-") && n !== CACHE).map((n) => caches.delete(n))
  )).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Network first (fresh details when online), the kept copy when offline.
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request, { ignoreSearch: true }).then((hit) =>
      hit || (request.mode === "navigate" ? caches.match("index.html") : undefined) ||
      new Response("You are offline and this page has not been saved yet.", {
        status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } })))
  );
});
