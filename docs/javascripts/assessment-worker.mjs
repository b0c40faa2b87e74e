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

// The engine's wheel is fetched at once, beside Pyodide's own files, and imported straight from the zip: the build
// compiled it (hooks/bytecode.py compile_wheel), so there is nothing to unpack or compile. The lock file gives its
// name and sha256, which the browser checks (fetch's integrity). Its address is the wheel's place in Python's path.
const lockFile = fetch(new URL("upperback-lock.json", base)).then((response) => {
  if (!response.ok) throw new Error(`upperback-lock.json answered ${response.status}`);
  return response.json();
});
const sri = (hex) => "sha256-" + btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));
const wheel = lockFile.then(async ({ packages: { upperback } }) => {
  const response = await fetch(new URL(upperback.file_name, base), { integrity: sri(upperback.sha256) });
  if (!response.ok) throw new Error(`${upperback.file_name} answered ${response.status}`);
  return { path: `/lib/${upperback.file_name}`, bytes: new Uint8Array(await response.arrayBuffer()) };
});

// Only the engine loads here; a page that needs more (the QR code's segno) asks for it with a "load" message.
async function start() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base,
    lockFileContents: lockFile,
    packageBaseUrl: base,
    // Pyodide's standard library ships as source, so Python would compile ~190 modules on every visit; the build
    // publishes it precompiled beside Pyodide's files (hooks/pyodide_files.py).
    stdLibURL: new URL("python_stdlib.pyc.zip", base).href,
  });
  const { path, bytes } = await wheel;
  pyodide.FS.writeFile(path, bytes);
  pyodide.pyimport("sys").path.insert(0, path);
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
