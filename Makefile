# socialfund: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
# The W3C Nu HTML Checker, from the npm registry, for the browser tests' HTML check (tests/browser/html_check.py).
VNU_VERSION := 26.9.27
VNU_DIR := .tools/vnu
VNU_JAR := $(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar
HOST   ?= 127.0.0.1
PORT   ?= 8000

# The demo and the local server run with DEBUG on and a throw-away key; production
# sets SECRET_KEY and leaves DEBUG off (see docs/operations.md).
RUN_ENV := DEBUG=1

.PHONY: help run test lint format typecheck migrations-check pytest bench bench-full screenshots demo install clean vnu

help:
	@echo "make run    installera, migrera, ladda Södertälje-demon och starta på http://$(HOST):$(PORT)"
	@echo "make test   ruff, mypy, migrationskontroll och pytest (SQLite, och PostgreSQL om DATABASE_URL pekar dit)"
	@echo "make lint   ruff check + ruff format --check"
	@echo "make format ruff format + ruff check --fix"
	@echo "make bench  prestandamätningar under benchmarks/ (snabbläge, några minuter)"
	@echo "make bench-full  samma i full storlek, och ärendelistorna med 100 000 ärenden (PostgreSQL)"
	@echo "make screenshots  skärmbilder av huvudsidorna i var/screenshots/"
	@echo "make demo   ladda om demodata (--reset)"

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -d $(VENV) || $$(scripts/find-python) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@mkdir -p var
	$(RUN_ENV) $(VENV)/bin/socialfund migrate --noinput
	$(RUN_ENV) $(VENV)/bin/socialfund demo --if-empty
	$(RUN_ENV) $(VENV)/bin/socialfund runserver $(HOST):$(PORT)

demo: $(STAMP)
	@mkdir -p var
	$(RUN_ENV) $(VENV)/bin/socialfund migrate --noinput
	$(RUN_ENV) $(VENV)/bin/socialfund demo --reset

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

migrations-check: $(STAMP)
	env -u DATABASE_URL DEBUG=1 $(VENV)/bin/socialfund makemigrations --check --dry-run

# pytest runs on SQLite always, and a second time on PostgreSQL when DATABASE_URL
# names one (CI always sets it). The browser tests run once, on SQLite: what they
# test is the pages, not the database.
# The checker runs with the machine's Java; without Java (or npm) the HTML check is skipped with a message.
vnu:
	@if [[ -f $(VNU_JAR) ]] && grep -q '"version": "$(VNU_VERSION)"' $(VNU_DIR)/node_modules/vnu-jar/package.json; then :; \
	elif ! command -v java >/dev/null; then echo "Java saknas: HTML-kontrollen (Nu HTML Checker) hoppas över"; \
	elif ! command -v npm >/dev/null; then echo "npm saknas: HTML-kontrollen (Nu HTML Checker) hoppas över"; \
	else mkdir -p $(VNU_DIR) && npm install --prefix $(VNU_DIR) --no-save --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION); fi

pytest: $(STAMP) vnu
	@echo "== pytest på SQLite =="
	env -u DATABASE_URL $(VENV)/bin/pytest $(PYTEST_ARGS)
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  echo "== pytest på PostgreSQL =="; \
	  $(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS); \
	fi

test: lint typecheck migrations-check pytest

# Quick mode: every figure, on smaller fixtures and with fewer repeats (benchmarks/__main__.py).
bench: $(STAMP)
	$(PY) -m benchmarks --quick

bench-full: $(STAMP)
	$(PY) -m benchmarks
	$(PY) -m benchmarks case_lists_100k

# Screenshots of the main pages at 1280 px and 390 px, for a reviewer, in var/screenshots/.
screenshots: $(STAMP)
	@mkdir -p var/screenshots
	env -u DATABASE_URL SCREENSHOTS_DIR=$(CURDIR)/var/screenshots $(VENV)/bin/pytest -m browser tests/browser/test_screenshots.py -q

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .tools
