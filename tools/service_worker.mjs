// Writes the site's service worker with Workbox (workbox-build, pinned in package-lock.json), after the build.
// Usage: node tools/service_worker.mjs SETTINGS.json  (written by hooks/offline.py; see the keys below)
// Prints one JSON line: {count, size, warnings}.
//
// - Precached at install, as one versioned set: the pages, Material's assets, the site's scripts and styles, the
//   search index and the sitemap (Material's instant navigation reads it).
// - The engine's files (Pyodide, the standard library, the wheels, the lock file) are cached on first use, in a
//   cache named by the Pyodide and engine versions; the page asks for the whole set when it first needs the
//   engine (docs/javascripts/offline.js), and a new version deletes the caches of older ones on activate.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSW } from "workbox-build";

const settings = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { siteDir, enginePath, engineWorker, engineCache, engineFiles, cachePrefix, helper } = settings;

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The activate and message handlers Workbox has no option for, loaded by the generated worker (importScripts).
const helperText = `// Written by tools/service_worker.mjs at build time.
const ENGINE_CACHE = ${JSON.stringify(engineCache)};
const ENGINE_FILES = ${JSON.stringify(engineFiles)};
const ENGINE_WORKER = ${JSON.stringify(`/${engineWorker}`)};
const ENGINE_PREFIX = ${JSON.stringify(`${cachePrefix}-engine-`)};

// A new version removes the engine caches of older ones: old and new Pyodide files must never be mixed.
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith(ENGINE_PREFIX) && name !== ENGINE_CACHE)
    .map((name) => caches.delete(name)))));
});

// A page that uses the engine asks for all of its files once, so that it works offline afterwards even if the
// engine loaded before this worker was in control; it names the worker script's address (with its query). Files
// already cached are not fetched again.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache-engine") return;
  event.waitUntil((async () => {
    const cache = await caches.open(ENGINE_CACHE);
    const urls = ENGINE_FILES.map((name) => new URL(name, self.registration.scope).href);
    const worker = new URL(String(event.data.worker || ""), self.registration.scope);
    if (worker.origin === self.location.origin && worker.pathname.endsWith(ENGINE_WORKER)) urls.push(worker.href);
    const missing = [];
    for (const url of urls) if (!(await cache.match(url))) missing.push(url);
    if (missing.length) await cache.addAll(missing);
    if (event.source) event.source.postMessage({ type: "engine-cached", count: urls.length });
  })());
});
`;
writeFileSync(join(siteDir, helper), helperText);

const result = await generateSW({
  globDirectory: siteDir,
  swDest: join(siteDir, "sw.js"),
  globPatterns: ["**/*.{html,js,mjs,css,json,xml,png,svg,ico,webmanifest}"],
  globIgnores: [
    `${enginePath}**`, engineWorker,  // the engine: cached on first use, below
    "pyodide/**",                  // any other Pyodide folder left in site/
    "sw.js", "workbox-*.js", helper,
    "**/*.map",
    "assets/javascripts/lunr/**",  // Material's search for other languages (the site is in English)
  ],
  // Nothing precached may be left out with only a warning: the build fails on any warning (hooks/offline.py).
  maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
  // A static host ignores the query, so the precache does too (the engine's worker is started with ?pyodide=...).
  ignoreURLParametersMatching: [/./],
  directoryIndex: "index.html",
  cacheId: cachePrefix,
  cleanupOutdatedCaches: true,
  clientsClaim: true,   // the first visit is one document (instant navigation): take it over once installed
  skipWaiting: false,   // a new version waits until no page of the old one is open: no tab mixes versions
  importScripts: [helper],
  sourcemap: false,
  mode: "production",
  runtimeCaching: [`/${escaped(enginePath)}`, `/${escaped(engineWorker)}\\?`].map((pattern) => ({
    urlPattern: new RegExp(pattern),
    handler: "CacheFirst",
    options: { cacheName: engineCache, cacheableResponse: { statuses: [200] } },
  })),
});
console.log(JSON.stringify({ count: result.count, size: result.size, warnings: result.warnings }));
