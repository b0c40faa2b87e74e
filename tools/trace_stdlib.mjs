// The standard-library files the engine's real path loads, traced in Pyodide under Node (no network).
// Reads {pyodideDir, stdlib, requests} as JSON on stdin (hooks/pyodide_stdlib.py writes it); prints the answer of
// tools/trace_stdlib_pyodide.py. Pyodide starts as the browser's worker starts it: the site's Pyodide files and
// the engine's lock file, but the full standard library (the one being trimmed), and the engine with segno.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const { pyodideDir, stdlib, requests } = JSON.parse(readFileSync(0, "utf8"));
const base = pyodideDir.endsWith("/") ? pyodideDir : `${pyodideDir}/`;
const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: base,
  lockFileURL: `${base}upperback-lock.json`,
  stdLibURL: stdlib,
  packages: ["upperback", "segno"],
});
pyodide.runPython(readFileSync(`${dirname(fileURLToPath(import.meta.url))}/trace_stdlib_pyodide.py`, "utf8"));
process.stdout.write(pyodide.globals.get("trace")(JSON.stringify(requests)));
