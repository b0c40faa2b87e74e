# Upper Back Guide: the README's two commands are `make serve` and `make test`.
# Everything they need is installed from the project's own files: .venv/ (pinned pip packages),
# node_modules/ (pinned npm packages) and, for tests, Debian's chromium.

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
PY := $(VENV)/bin/python
# pyodide-build needs Python 3.12 or newer; the machine's default python3 may be older.
PYTHON ?= $(shell for p in python3.13 python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3 $(HOME)/.pyenv/versions/3.12*/bin/python3 python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
PORT ?= 8000

.PHONY: serve test build install install-test chromium clean

serve: install ## install everything and serve the site on http://127.0.0.1:$(PORT)/
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: install-test chromium ## install everything the tests need and run them all
	$(PY) -m pytest

build: install ## build the site into site/ (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

install: $(VENV)/.site-installed $(VENV)/pyodide-wheels/.downloaded node_modules/.installed

install-test: install $(VENV)/.test-installed

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyodide-build requires it); none was found." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: $(VENV)/bin/python requirements/site.txt requirements/constraints.txt pyproject.toml
	$(PY) -m pip install --quiet -r requirements/site.txt -c requirements/constraints.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/pyodide-wheels/.downloaded: $(VENV)/bin/python requirements/pyodide.txt
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r requirements/pyodide.txt -d $(VENV)/pyodide-wheels
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements/test.txt
	$(PY) -m pip install --quiet -r requirements/test.txt -c requirements/constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium: ## Debian's chromium for the browser tests (Playwright's own download does not work here)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }

clean:
	rm -rf site dist $(VENV) node_modules
