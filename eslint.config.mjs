// `make lint` runs ESLint on every script of the site and of the tools with this one configuration.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // The site's scripts: classic scripts in the page, which share only what they put on window.
    files: ["docs/javascripts/**/*.js"],
    languageOptions: {
      sourceType: "script",
      ecmaVersion: 2022,
      // Material for MkDocs' observables: document$ emits on every page load, instant navigation included.
      globals: { ...globals.browser, document$: "readonly", location$: "readonly" },
    },
  },
  {
    // The engine's Web Worker, a module.
    files: ["docs/javascripts/**/*.mjs"],
    languageOptions: { sourceType: "module", ecmaVersion: 2022, globals: { ...globals.worker } },
  },
  {
    // Build and test tools that run under Node.
    files: ["tools/**/*.mjs", "tests/**/*.mjs", "hooks/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { sourceType: "module", ecmaVersion: 2022, globals: { ...globals.node } },
  },
  { ignores: ["site/**", "node_modules/**", ".venv/**"] },
];
