// Module Web Worker: loads the self-hosted Pyodide and the engine wheel once, then answers requests.
// All decisions are made by the Python engine (upperback.browser.handle); this file only carries messages.
let engine = null;

async function start(base) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base,
    lockFileURL: new URL("upperback-lock.json", base).href,
    packages: ["upperback", "segno"],
  });
  return pyodide.pyimport("upperback.browser");
}

// Pyodide does not reject loadPyodide() when the WebAssembly download fails: the failure surfaces as an
// unhandled rejection inside the worker instead, so report that as a failed start.
const fail = (reason) => self.postMessage({ type: "failed", message: String(reason && reason.message || reason) });
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));

self.onmessage = async ({ data }) => {
  if (data.type === "start") {
    try {
      engine ??= start(data.base);
      await engine;
      self.postMessage({ type: "ready" });
    } catch (error) {
      engine = null;
      fail(error);
    }
    return;
  }
  const browser = await engine;
  self.postMessage({ type: "reply", id: data.id, reply: browser.handle(JSON.stringify(data.request)) });
};
