// Compiles the .py files of a zip archive (or of a wheel) to .pyc with Pyodide's own Python (see bytecode.py).
// Usage: node pyodide_bytecode.mjs <pyodide dir> <source.zip> <target.zip> [archive | wheel]
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, source, target] = process.argv.slice(2, 5).map((path) => resolve(path));
const kind = process.argv[5] || "archive";
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.runPython(readFileSync(`${dirname(fileURLToPath(import.meta.url))}/bytecode.py`, "utf8"));
pyodide.mountNodeFS("/in", dirname(source));
pyodide.mountNodeFS("/out", dirname(target));
pyodide.globals.get(`compile_${kind}`)(`/in/${basename(source)}`, `/out/${basename(target)}`);
