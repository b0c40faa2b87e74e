"""The Content-Security-Policy and the service worker in the built site (the browser tests check them at work):
one policy on every page, with a hash for each inline script and no 'unsafe-inline' for scripts, and a Workbox
service worker that precaches every page."""
import re

from hooks import csp, offline

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def policies(site):
    return {path: META.findall(path.read_text()) for path in csp.pages(site)}


def test_every_page_has_one_and_the_same_policy(built_site):
    found = policies(built_site)
    assert len(found) > 60 and all(len(tags) == 1 for tags in found.values())
    assert len({tags[0] for tags in found.values()}) == 1


def test_the_policy_hashes_every_inline_script_and_allows_none_other(built_site):
    policy = next(iter(policies(built_site).values()))[0]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    scripts = directives["script-src"].split()
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"] and "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    hashes = {csp.script_hash(body) for path in csp.pages(built_site) for body in csp.inline_scripts(path.read_text())}
    assert hashes and set(scripts[2:]) == hashes
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert csp.PLACEHOLDER not in policy and offline.VERSION_PLACEHOLDER not in policy


def test_data_scripts_are_not_hashed_and_run_scripts_are():
    page = ('<script type="application/json" id="x">{"a": 1}</script><script>go()</script>'
            '<script src="a.js"></script><script type="module">m()</script>')
    assert csp.inline_scripts(page) == ["go()", "m()"]


def test_a_page_the_theme_did_not_render_stops_the_build(tmp_path):
    (tmp_path / "index.html").write_text(f"<head>{csp.PLACEHOLDER}</head>")
    (tmp_path / "stray.html").write_text("<head></head><script>x()</script>")
    try:
        csp.finish(tmp_path)
    except RuntimeError as error:
        assert "stray.html" in str(error)
    else:
        raise AssertionError("a page without a policy was published")


def test_the_service_worker_precaches_every_page_and_not_the_engine(built_site):
    worker = (built_site / "sw.js").read_text()
    precached = set(re.findall(r'url:"([^"]+)"', worker))
    pages = {str(path.relative_to(built_site)) for path in csp.pages(built_site)}
    assert pages <= precached
    assert {"search/search_index.json", "sitemap.xml", "javascripts/offline.js"} <= precached
    assert not [url for url in precached if url.startswith("pyodide/") or url.endswith("assessment-worker.mjs")]
    assert "upperback-engine-pyodide-" in worker and "sw-engine.js" in worker
