// Compiles the .py files of zip archives to .pyc with Pyodide's own Python (see bytecode.py).
// Usage: node pyodide_bytecode.mjs <pyodide dir> <source.zip> <target.zip> [<source> <target> ...]
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, ...pairs] = process.argv.slice(2).map((path) => resolve(path));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.runPython(readFileSync(`${dirname(fileURLToPath(import.meta.url))}/bytecode.py`, "utf8"));
const compileArchive = pyodide.globals.get("compile_archive");
for (let i = 0; i < pairs.length; i += 2) {
  const [source, target] = [pairs[i], pairs[i + 1]];
  pyodide.mountNodeFS("/in", dirname(source));
  pyodide.mountNodeFS("/out", dirname(target));
  compileArchive(`/in/${source.split("/").pop()}`, `/out/${target.split("/").pop()}`);
  pyodide.FS.unmount("/in");
  pyodide.FS.unmount("/out");
}
