// Module Web Worker: loads the self-hosted Pyodide and the engine wheel once, then answers requests.
// All decisions are made by the Python engine (upperback.browser.handle); this file only carries messages.
// The page starts it as assessment-worker.mjs?pyodide=<address of the Pyodide files>, so loading begins at once.
const base = new URL(self.location.href).searchParams.get("pyodide");

// Chromium keeps compiled WebAssembly for pages, not for workers, so the page compiles Pyodide's 9.6 MB wasm
// (cached from the second visit on) and posts the module here (see compileWasm in engine.js). Pyodide fetches
// that file and instantiates it with WebAssembly.instantiateStreaming: answer that one fetch with a placeholder,
// and instantiate the page's module instead of compiling it again.
const wasmUrl = new URL("pyodide.asm.wasm", base).href;
const placeholder = new Response(null);
let receiveWasm;
const pageWasm = new Promise((resolve) => { receiveWasm = resolve; });
const fetchFile = self.fetch;
self.fetch = (input, init) => (String(input) === wasmUrl ? Promise.resolve(placeholder) : fetchFile(input, init));
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (response !== placeholder) return instantiateStreaming(response, imports);
  const module = await pageWasm;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

// Only the engine loads here; a page that needs more (the QR code's segno) asks for it with a "load" message.
async function start() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base,
    lockFileURL: new URL("upperback-lock.json", base).href,
    // Pyodide's standard library ships as source, so Python would compile ~190 modules on every visit; the build
    // publishes it precompiled beside Pyodide's files (hooks/pyodide_files.py).
    stdLibURL: new URL("python_stdlib.pyc.zip", base).href,
    packages: ["upperback"],
  });
  return { pyodide, browser: pyodide.pyimport("upperback.browser") };
}

// Pyodide does not reject loadPyodide() when the WebAssembly download fails: the failure surfaces as an
// unhandled rejection inside the worker instead, so report that as a failed start.
const fail = (reason) => self.postMessage({ type: "failed", message: String(reason && reason.message || reason) });
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));

const engine = start();
engine.then(() => self.postMessage({ type: "ready" }), fail);

async function load(packages) {
  const { pyodide } = await engine;
  const problems = [];
  await pyodide.loadPackage(packages, { messageCallback: () => {}, errorCallback: (message) => problems.push(message) });
  return JSON.stringify(problems.length ? { ok: false, error: problems.join(" ") } : { ok: true });
}

self.onmessage = async ({ data }) => {
  if (data.type === "wasm") receiveWasm(data.module);
  else if (data.type === "load") self.postMessage({ type: "reply", id: data.id, reply: await load(data.packages) });
  else {
    let reply = null;  // null: the page says the engine stopped answering; it never waits for ever
    try {
      const { browser } = await engine;
      reply = browser.handle(JSON.stringify(data.request));
    } finally {
      self.postMessage({ type: "reply", id: data.id, reply });
    }
  }
};
