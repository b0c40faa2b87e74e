// The guide offline: registers the service worker the build writes (sw.js, by Workbox; hooks/offline.py),
// asks it to keep the engine's files once a page has used them (or, from other pages, once the browser is idle and
// not saving data), and says quietly when a new version is in use.
// Under `mkdocs serve` it registers nothing, and removes a worker that a built copy of the site left here.
(function () {
  const meta = document.querySelector('meta[name="ub-offline"]');
  if (!meta || !("serviceWorker" in navigator)) return;
  const root = new URL("../", document.currentScript.src);  // this file is javascripts/offline.js
  const engineScript = document.querySelector('script[src*="javascripts/engine.js"]');
  if (meta.dataset.serve === "true") {
    navigator.serviceWorker.getRegistrations().then((all) => all.forEach((registration) => registration.unregister()));
    return;
  }

  // The first page of a new version says so, once; the notice goes with the next page or its button.
  function noticeIfUpdated() {
    const key = "upperback.site-version";
    let seen;
    try {
      seen = localStorage.getItem(key);
      localStorage.setItem(key, meta.content);
    } catch {
      return;  // storage refused: no notice rather than one on every page
    }
    const place = document.querySelector('[data-md-component="announce"]');
    if (!seen || seen === meta.content || !place) return;
    const text = Object.assign(document.createElement("span"), { textContent: meta.dataset.updated + " " });
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: meta.dataset.dismiss });
    button.className = "md-button";
    const inner = document.createElement("div");
    inner.className = "md-banner__inner md-grid md-typeset";
    inner.append(text, button);
    const banner = document.createElement("aside");
    banner.className = "md-banner ub-updated";
    banner.setAttribute("role", "status");
    banner.append(inner);
    button.addEventListener("click", () => banner.remove());
    place.append(banner);
  }

  // Registering starts the precache: about 6 MB of pages and assets. So it waits until the page has loaded and, on
  // a page that starts the engine, until the engine is ready (or has failed), so that the two never compete for the
  // network and the processor on a first visit.
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href)
      .catch((error) => console.warn("offline copy:", error.message));
  }
  function registerWhenFree() {
    const box = document.querySelector("[data-pyodide]");
    const engineDone = () => !box || ["ready", "failed"].includes(box.dataset.engine);
    if (engineDone()) { register(); return; }
    const watch = new MutationObserver(() => { if (engineDone()) { watch.disconnect(); register(); } });
    watch.observe(box, { attributes: true, attributeFilter: ["data-engine"] });
  }
  if (document.readyState === "complete") registerWhenFree();
  else window.addEventListener("load", registerWhenFree, { once: true });

  // A page that uses the engine: once it is ready (its files are then in the browser's cache), the worker keeps
  // the whole set for offline use. With instant navigation, each new page is checked. The worker script's
  // address is the one engine.js starts it with (start()): beside engine.js, with ?pyodide=<the files' address>.
  const asked = new WeakSet();
  function keepEngine() {
    const box = document.querySelector("[data-pyodide]");
    if (!box || asked.has(box)) return;
    asked.add(box);
    const worker = new URL("assessment-worker.mjs", engineScript ? engineScript.src : root);
    worker.searchParams.set("pyodide", new URL(box.dataset.pyodide, location.href).href);
    const ask = () => navigator.serviceWorker.ready.then((registration) => {
      if (registration.active) registration.active.postMessage({ type: "cache-engine", worker: worker.href });
    });
    if (box.dataset.engine === "ready") { ask(); return; }
    const watch = new MutationObserver(() => {
      if (box.dataset.engine === "ready") { watch.disconnect(); ask(); }
    });
    watch.observe(box, { attributes: true, attributeFilter: ["data-engine"] });
  }

  // A page that does not use the engine: once the browser is idle, the worker fetches the engine's files ahead of
  // need, so the assessment later starts at once and works offline; never when the browser asks to save data.
  // meta.dataset.warm says what was decided ("asked" or "save-data"), for the tests.
  let warmed = false;
  function warmEngine() {
    if (warmed || document.querySelector("[data-pyodide]")) return;
    warmed = true;
    if (navigator.connection && navigator.connection.saveData) { meta.dataset.warm = "save-data"; return; }
    const whenIdle = window.requestIdleCallback
      ? (run) => window.requestIdleCallback(run, { timeout: 10000 })
      : (run) => setTimeout(run, 3000);  // Safari has no requestIdleCallback: wait until the page has settled
    const worker = new URL("assessment-worker.mjs", engineScript ? engineScript.src : root);
    worker.searchParams.set("pyodide", new URL(meta.dataset.engine, root).href);
    navigator.serviceWorker.ready.then((registration) => whenIdle(() => {
      if (!registration.active) return;
      registration.active.postMessage({ type: "cache-engine", worker: worker.href });
      meta.dataset.warm = "asked";
    }));
  }

  function onPage() {
    keepEngine();
    warmEngine();
  }

  noticeIfUpdated();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else onPage();
})();
