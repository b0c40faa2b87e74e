"""The site build's own steps, run by the MkDocs hooks in this folder (mkdocs.yml `hooks:`): the generated pages,
the self-hosted Pyodide with the engine (engine_files.py), the pages' policy, the manifest and the service worker
(offline.py). Nothing here is shipped to the browser as code; the engine itself is src/upperback."""
