// Sōgyō Campus service worker: keeps the app and the modules a founder is studying readable without a connection.
// Hand-written and copied as it is into dist/web (served with Cache-Control: no-cache, so a new version is seen at
// once). No precache list: it keeps what the app uses as it uses it, and what the page asks it to keep (a module's
// lessons when one of them opens). See docs/offline.md.
//
//   navigations         network first (4 s), else the app shell (index.html) kept from the last successful one
//   /assets/* (hashed)  cache first: a hashed name never changes content
//   /content/**/*.json  network first (4 s), else the copy kept: public curriculum, never personal data
//   /api/*, /dev/*      never touched: the API is network-only, its answers are never stored here

const VERSION = 'v1';
const SHELL = `sogyo-shell-${VERSION}`;
const ASSETS = `sogyo-assets-${VERSION}`;
const CONTENT = `sogyo-content-${VERSION}`;
const SHELL_KEY = '/index.html';
const HASHED = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css)$/;
const CONTENT_FILE = /^\/content\/[a-z0-9/._-]+\.json$/;
const NETWORK_WAIT_MS = 4000;
// Enough for a few deploys' worth of chunks and every module of the course; the oldest go first beyond that.
const LIMITS = { [ASSETS]: 120, [CONTENT]: 400 };

self.addEventListener('install', () => { void self.skipWaiting(); });

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = [SHELL, ASSETS, CONTENT];
    for (const name of await caches.keys()) if (name.startsWith('sogyo-') && !keep.includes(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/dev/')) return;
  if (request.mode === 'navigate') {
    // A path whose last segment has a dot is a file, not a page of the app (the same rule as the CloudFront function).
    if (!url.pathname.slice(url.pathname.lastIndexOf('/') + 1).includes('.')) event.respondWith(page(request));
    return;
  }
  if (request.headers.has('range')) return; // videos: in byte ranges from the network, never kept
  if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(ASSETS, request));
  else if (CONTENT_FILE.test(url.pathname)) event.respondWith(networkFirst(CONTENT, request));
});

// The page asks for files to be kept: the app shell and build files of its first load, a module's lessons.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.paths)) return;
  event.waitUntil(Promise.all(data.paths.slice(0, 100).map((path) => keep(String(path)).catch(() => undefined))));
});

async function keep(path) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) return;
  const name = url.pathname === SHELL_KEY ? SHELL : HASHED.test(url.pathname) ? ASSETS : CONTENT_FILE.test(url.pathname) ? CONTENT : undefined;
  if (!name) return;
  const cache = await caches.open(name);
  if (await cache.match(url.pathname)) return;
  const response = await fetch(url.pathname, { credentials: 'same-origin' });
  if (response.ok) await put(name, cache, url.pathname, response);
}

async function page(request) {
  const fresh = fetch(request).then(async (response) => {
    if (response.ok && (response.headers.get('content-type') || '').startsWith('text/html')) {
      await put(SHELL, await caches.open(SHELL), SHELL_KEY, response.clone());
    }
    return response;
  });
  return firstOf(fresh, () => caches.match(SHELL_KEY, { cacheName: SHELL }));
}

async function cacheFirst(name, request) {
  const cache = await caches.open(name);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await put(name, cache, request, response.clone());
  return response;
}

async function networkFirst(name, request) {
  const fresh = fetch(request).then(async (response) => {
    if (response.ok && response.status === 200) await put(name, await caches.open(name), request, response.clone());
    return response;
  });
  return firstOf(fresh, () => caches.match(request, { cacheName: name }));
}

/**
 * The network's answer; the kept copy when the network fails, or when it has not answered within NETWORK_WAIT_MS
 * (a train between stations: the answer still updates the copy when it comes). Without a copy, the network decides.
 */
function firstOf(fresh, kept) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fallBack = async (error) => {
      const copy = await kept().catch(() => undefined);
      if (copy) { settled = true; resolve(copy); } else if (error) reject(error);
    };
    const timer = setTimeout(() => { if (!settled) void fallBack(undefined); }, NETWORK_WAIT_MS);
    fresh.then((response) => { clearTimeout(timer); if (!settled) { settled = true; resolve(response); } },
      (error) => { clearTimeout(timer); if (!settled) void fallBack(error); });
  });
}

/** Keeps a response (a full disk or a blocked cache only means it is not kept) and drops the oldest beyond the limit. */
async function put(name, cache, key, response) {
  try { await cache.put(key, response); } catch { return; }
  const limit = LIMITS[name];
  if (!limit) return;
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
}
