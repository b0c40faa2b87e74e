// The standard-library files the engine's real path loads, traced in Pyodide under Node (no network).
// Reads {pyodideDir, stdlib, requests} as JSON on stdin (hooks/pyodide_stdlib.py writes it); prints the answer of
// tools/trace_stdlib_pyodide.py. Pyodide starts as the browser's worker starts it (pyodide_engine.mjs), but with the
// full standard library (the one being trimmed).
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { startEngine } from "./pyodide_engine.mjs";

const { pyodideDir, stdlib, requests } = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await startEngine(pyodideDir, stdlib);
pyodide.runPython(readFileSync(`${dirname(fileURLToPath(import.meta.url))}/trace_stdlib_pyodide.py`, "utf8"));
process.stdout.write(pyodide.globals.get("trace")(JSON.stringify(requests)));
