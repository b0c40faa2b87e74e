// Starts Pyodide under Node the way the browser's worker does (docs/javascripts/assessment-worker.mjs): the site's
// Pyodide files and the engine's lock file, a standard library, and the engine's compiled wheel imported straight
// from the zip (not unpacked), with segno loaded as a package. Used by the parity runner and the stdlib trace.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export async function startEngine(pyodideDir, stdLibURL) {
  const base = pyodideDir.endsWith("/") ? pyodideDir : `${pyodideDir}/`;
  const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
  const lockFileContents = JSON.parse(readFileSync(`${base}upperback-lock.json`, "utf8"));
  const pyodide = await loadPyodide({ indexURL: base, lockFileContents, packageBaseUrl: base, stdLibURL });
  const wheel = lockFileContents.packages.upperback.file_name;
  pyodide.FS.writeFile(`/lib/${wheel}`, readFileSync(base + wheel));
  pyodide.pyimport("sys").path.insert(0, `/lib/${wheel}`);
  await pyodide.loadPackage(["segno"], { messageCallback: () => {} });
  return pyodide;
}
