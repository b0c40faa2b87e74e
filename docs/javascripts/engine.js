// The Python engine in a module Web Worker, shared by every page that needs it (assessment, progress,
// programme builder, patient view).
// One worker per visit: it survives Material's instant navigation, so Python loads once.
window.UpperBackEngine = (function () {
  const scriptUrl = document.currentScript.src;  // the worker sits beside this file
  // Pyodide can hang, not fail, when a download is blocked; after this long the page says so (and still
  // enables itself if the engine arrives later). Tests shorten it through window.__ubLoadTimeoutMs.
  const loadTimeoutMs = () => window.__ubLoadTimeoutMs || 60000;
  let worker = null;
  let ready = null;
  let nextId = 0;
  const waiting = new Map();

  // Chromium keeps compiled WebAssembly in its code cache for pages but not for workers, so the page compiles
  // Pyodide's wasm (a cache hit from the second visit on) and hands the module to the worker.
  async function compileWasm(base) {
    const url = new URL("pyodide.asm.wasm", base);
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {  // e.g. a server that does not send .wasm as application/wasm: compile the bytes instead
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    }
  }

  function start(base) {
    if (ready) return ready;
    ready = new Promise((resolve, reject) => {
      const url = new URL("assessment-worker.mjs", scriptUrl);
      url.searchParams.set("pyodide", base);  // so the worker starts loading as soon as it runs
      worker = new Worker(url, { type: "module" });
      worker.onmessage = ({ data }) => {
        if (data.type === "ready") resolve();
        else if (data.type === "failed") reject(new Error(data.message));
        else if (data.type === "reply" && waiting.has(data.id)) { waiting.get(data.id)(data.reply); waiting.delete(data.id); }
      };
      worker.onerror = (event) => reject(new Error(event.message || "the engine script did not load"));
      compileWasm(base).then((module) => worker.postMessage({ type: "wasm", module }),
        (error) => reject(new Error(`the engine's WebAssembly did not load (${error.message})`)));
    });
    ready.catch(() => { ready = null; if (worker) worker.terminate(); worker = null; });
    return ready;
  }

  // Every request gets an answer: the engine's reply, or, if none comes in time, the page's own "no reply" text
  // (rendered from upperback.browser.NO_REPLY). Tests shorten the wait through window.__ubRequestTimeoutMs.
  let noReply = "";
  const requestTimeoutMs = () => window.__ubRequestTimeoutMs || 20000;
  function send(message) {
    return new Promise((resolve) => {
      const id = ++nextId;
      const timer = setTimeout(() => { waiting.delete(id); resolve({ ok: false, error: noReply }); }, requestTimeoutMs());
      waiting.set(id, (reply) => { clearTimeout(timer); resolve(reply === null ? { ok: false, error: noReply } : JSON.parse(reply)); });
      worker.postMessage({ ...message, id });
    });
  }

  const ask = (request) => send({ type: "request", request });

  // Packages beyond the engine, named by the page's box (data-packages="segno"), load once, when first needed.
  async function load(packages) {
    if (!packages.length) return;
    const reply = await send({ type: "load", packages });
    if (!reply.ok) throw new Error(reply.error);
  }

  // Start the engine for a page whose box has data-pyodide; show loading, then ready or failed.
  function attach(box, onReady) {
    const loading = box.querySelector(".ub-engine-loading");
    const failed = box.querySelector(".ub-engine-failed");
    noReply = box.querySelector(".ub-engine-status").dataset.noReply;
    box.querySelector(".ub-noscript-note").hidden = true;
    loading.hidden = false;
    const showFailure = () => { loading.hidden = true; failed.hidden = false; box.dataset.engine = "failed"; };
    const timer = setTimeout(showFailure, loadTimeoutMs());
    const packages = (box.dataset.packages || "").split(" ").filter(Boolean);
    start(new URL(box.dataset.pyodide, location.href).href).then(() => load(packages)).then(async () => {
      clearTimeout(timer);
      performance.mark("ub-engine-ready");  // read by benchmarks/assessment_speed.py
      try {
        await onReady();  // the page's first answer (a report, a plan from a link) is shown before it says ready
      } finally {
        loading.hidden = true;
        failed.hidden = true;
        box.dataset.engine = "ready";
      }
    }, (error) => {
      clearTimeout(timer);
      showFailure();
      console.warn("assessment engine:", error.message);
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  // The fixed words of a page script, rendered by the page's template from upperback.page_words into the
  // data-words attribute of the box that holds node; fill() puts numbers and names into their {slots}.
  const words = (node) => JSON.parse(node.closest("[data-words]").dataset.words);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g,
    (slot, name) => (name in values ? String(values[name]) : slot));

  // Offer text as a file download; it never leaves the device.
  function download(name, type, text) {
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

  // Whether an address fragment is a plan link ("plan": #a=...) or a clinician's programme ("programme": #p=...).
  // The prefixes are the engine's (upperback.share, upperback.handout), in the page's #ub-link-prefixes element.
  function linkKind(hash) {
    const prefixes = document.getElementById("ub-link-prefixes");
    if (!prefixes || !hash) return null;
    for (const kind of ["plan", "programme"]) if (hash.startsWith(prefixes.dataset[kind])) return kind;
    return null;
  }

  // A page loaded with an engine box starts the worker from <head> (overrides/main.html), before its HTML has
  // parsed; attach() then finds it started. Pages reached by instant navigation start it in attach().
  const early = document.querySelector('meta[name="ub-engine-start"]');
  if (early) start(new URL(early.content, location.href).href);

  return { start, ask, attach, el, download, today, linkKind, words, fill };
})();
