// Runs requests through the engine inside real Pyodide under Node.js, loaded the way the browser loads it:
// the self-hosted files, the precompiled standard library and the engine's lockfile from the built site.
// Usage: node pyodide_runner.mjs <site>/pyodide/<version>/ < requests.json > replies.json
import { readFileSync } from "node:fs";

import { startEngine } from "../../tools/pyodide_engine.mjs";

const base = process.argv[2];
// The precompiled standard library, as in the browser's worker.
const pyodide = await startEngine(base, base + "python_stdlib.pyc.zip");
const browser = pyodide.pyimport("upperback.browser");
const requests = JSON.parse(readFileSync(0, "utf8"));
const replies = requests.map((request) => JSON.parse(browser.handle(JSON.stringify(request))));
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), replies }));
