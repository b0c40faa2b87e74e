# Upper Back Guide: the README's two commands are `make serve` and `make test`.
# Everything they need is installed from the project's own files: .venv/ (pinned pip packages, each checked by its
# sha256), node_modules/ (pinned npm packages, checked by npm against package-lock.json) and, for tests, Debian's
# chromium.

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
PY := $(VENV)/bin/python
# pyodide-build needs Python 3.12 or newer; the machine's default python3 may be older.
PYTHON ?= $(shell for p in python3.13 python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3 \
	  $(HOME)/.pyenv/versions/3.12*/bin/python3 python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } \
	  && break; done)
PORT ?= 8000
# pip installs only from the hashed locks (requirements/*.lock.txt; versions: requirements/constraints.txt), and only
# wheels: pip does not check the hashes of what it fetches to build an sdist.
PIP_INSTALL = -m pip install --quiet --require-hashes --only-binary=:all:
LOCK_VENV := $(VENV)/lock-tools
# `make lock` asks PyPI alone, ignoring this machine's pip configuration (a local mirror, find-links), so the locks
# list the hashes of every file PyPI has for each pinned version: wheels for other platforms and Pythons included.
LOCK_INDEX ?= https://pypi.org/simple
PIP_COMPILE = env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --no-reuse-hashes \
	--strip-extras --index-url $(LOCK_INDEX) --no-emit-index-url -c requirements/constraints.txt

.PHONY: serve test build install install-test chromium clean lock lint pyodide-manifest published-links site-url-check

serve: install ## install everything and serve the site on http://127.0.0.1:$(PORT)/
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: install-test chromium lint ## install everything the tests need, lint, and run every test
	$(PY) -m pytest

lint: install-test ## ruff (rules in pyproject.toml), ESLint (eslint.config.mjs), template lines within 120
	$(VENV)/bin/ruff check .
	node_modules/.bin/eslint .
	$(PY) tools/template_lines.py

build: site-url-check install ## build the site into site/ (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

# The deploy workflow sets REQUIRE_SITE_URL=1: then a missing, empty or local SITE_URL stops the build, so that no
# published canonical link or sitemap entry points at 127.0.0.1. Without it (local builds, the tests) nothing changes.
site-url-check:
	@if [ "$(REQUIRE_SITE_URL)" = 1 ]; then shown="'$$SITE_URL'"; [ -n "$$SITE_URL" ] || shown="empty or not set"; \
	  case "$$SITE_URL" in \
	  http://localhost*|https://localhost*|http://127.*|https://127.*|http://\[::1\]*|https://\[::1\]*) \
	    echo "SITE_URL is $$shown, an address on this machine; the deploy build needs the site's public address." \
	      >&2; exit 1;; \
	  https://[!/]*|http://[!/]*) ;; \
	  *) echo "SITE_URL is $$shown; the deploy build needs the site's public address (https://host/path/)," \
	       "or canonical links and the sitemap would point at http://127.0.0.1:8000/." >&2; exit 1;; \
	esac; fi

install: $(VENV)/.site-installed $(VENV)/pyodide-wheels/.downloaded node_modules/.installed

install-test: install $(VENV)/.test-installed

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyodide-build requires it); none was found." >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)

# First the check that the locks agree with the requirement files (tools/requirements_lock.py), then the lock.
# The project itself is installed editable, outside --require-hashes: pip cannot hash a local folder. It is built
# without build isolation, by the hatchling just installed from the lock, so nothing unchecked is downloaded for it.
$(VENV)/.site-installed: $(VENV)/bin/python requirements/site.lock.txt requirements/site.txt \
		requirements/constraints.txt pyproject.toml
	$(PY) tools/requirements_lock.py
	$(PY) $(PIP_INSTALL) -r requirements/site.lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/pyodide-wheels/.downloaded: $(VENV)/bin/python requirements/pyodide.txt
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r requirements/pyodide.txt \
	  -d $(VENV)/pyodide-wheels
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements/test.lock.txt requirements/test.txt
	$(PY) tools/requirements_lock.py
	$(PY) $(PIP_INSTALL) -r requirements/test.lock.txt
	touch $@

lock: $(LOCK_VENV)/.installed ## re-resolve requirements/*.lock.txt: versions from constraints.txt, hashes from PyPI
	$(PIP_COMPILE) --allow-unsafe -o requirements/site.lock.txt requirements/site.txt
	$(PIP_COMPILE) --allow-unsafe -o requirements/test.lock.txt requirements/test.txt
	$(PIP_COMPILE) --no-allow-unsafe --unsafe-package pip -o requirements/pip-tools.lock.txt requirements/pip-tools.txt
	$(PY) tools/requirements_lock.py

# pip-compile lives in a venv of its own, installed from its own hashed lock. pip is left out of that lock (and
# pip-compile warns so): the venv's own pip, from ensurepip, is used.
$(LOCK_VENV)/.installed: $(VENV)/bin/python requirements/pip-tools.lock.txt
	$(PY) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python $(PIP_INSTALL) -r requirements/pip-tools.lock.txt
	touch $@

pyodide-manifest: $(VENV)/bin/python ## re-record requirements/pyodide-runtime.json from the pinned npm tarball
	$(PY) hooks/pyodide_manifest.py

# After adding a page or a section anchor to a technique or check-in: the new addresses join the published list
# (tests/data/published-links.txt). Lines are only ever added; a page that moves keeps its old address by a redirect.
published-links: build
	$(PY) tests/support/published_links.py site

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# poppler-utils: pdftoppm renders the printed handout at 96 dpi for its QR test.
chromium: ## Debian's chromium for the browser tests (Playwright's own download does not work here), and pdftoppm
	@{ command -v chromium && command -v pdftoppm; } >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils; }

clean:
	rm -rf site dist $(VENV) node_modules
