# dxmodel — `make help` lists every target.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all help setup browser catalogs gitfilter run test test-fast lint format data check bench clean

all: setup run ## Build the environment, then run the main job (the README's first command)

help: ## List every target with what it does
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) catalogs gitfilter ## Create .venv, install dxmodel and its dependencies (bytecode compiled), compile the translations

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it or pass PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip uv
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -e '.[dev]' \
		|| $(PY) -m pip install --quiet -e '.[dev]'
	@# dxmodel's own modules too (an editable install compiles only its dependencies): commands
	@# start in half the time where PYTHONDONTWRITEBYTECODE is set, as in many containers
	$(PY) -m compileall -q dxmodel >/dev/null
	@# offline JupyterLab: no news or update checks from outside hosts
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@echo '{"@jupyterlab/apputils-extension:notification": {"checkForUpdates": false, "fetchNews": "false"}}' \
		> $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

catalogs: $(STAMP) ## Compile the gettext catalogs (dxmodel/text/locale/*/LC_MESSAGES/*.po -> .mo)
	$(PY) tools/catalogs.py compile

gitfilter: ## Keep notebook outputs out of git (the filter .gitattributes names)
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		git config filter.notebook-outputs.clean "$(abspath $(PY)) tools/strip_notebook.py"; fi

browser: ## Install Debian's chromium for the browser tests when missing and possible (root and apt)
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium (browser tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing and cannot be installed here (needs root and apt): the browser tests will be skipped" >&2; \
	fi

run: setup ## The main job: check the data, then render every preset's report in every language, and reports/index.html
	$(VENV)/bin/dxmodel data check
	$(VENV)/bin/dxmodel report --all

test: setup browser ## Run the test suite (the README's second command; CI runs exactly this); gets chromium for the browser tests when it can
	$(PY) -m pytest

test-fast: setup ## Only the fast tests: no notebook, report render or browser (-m 'not slow')
	$(PY) -m pytest -m "not slow"

lint: setup ## ruff check, ruff format --check, and the layers contract (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup ## Apply ruff format and safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

data: setup ## Rebuild data/history/*.csv from ../shared/reference (the raw reference copies are never edited)
	$(PY) tools/build_data.py

check: lint test ## Lint, then test

bench: setup ## Print the performance figures the issues ask for
	$(PY) tools/benchmark.py

clean: ## Remove the environment and generated reports
	rm -rf $(VENV) reports/*.html
