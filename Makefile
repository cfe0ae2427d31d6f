# socialfund: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
HOST   ?= 127.0.0.1
PORT   ?= 8000

# The demo and the local server run with DEBUG on and a throw-away key; production
# sets SECRET_KEY and leaves DEBUG off (see docs/operations.md).
RUN_ENV := DEBUG=1

.PHONY: help run test lint format typecheck migrations-check pytest bench bench-full screenshots demo install clean

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
pytest: $(STAMP)
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
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
