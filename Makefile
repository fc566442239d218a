# Microsystems — the two commands a newcomer needs are `make run` and `make test`.
# `make help` lists every target.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6.1 needs Python 3.12 or newer. Use $(PYTHON) if given, else the first of python3.13 /
# python3.12 on the PATH, else a pyenv-installed 3.13 or 3.12.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$p; break; }; done)

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck unit lock clean-db worker

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(BIN)/.installed: requirements/base.txt requirements/dev.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Python 3.12 or newer is needed (Django 6.1) and none was found."; \
	  echo "Install python3.13 (or 3.12), or run: make PYTHON=/path/to/python3.13 run"; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
	  -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

run: $(BIN)/.installed ## Start the demo on SQLite (migrate, seed if empty, serve)
	@MICROSYSTEMS_DEMO=1 scripts/run-demo $(HOST) $(PORT)

worker: $(BIN)/.installed ## Run the background task worker (demo settings)
	MICROSYSTEMS_DEMO=1 $(BIN)/microsystems db_worker

test: $(BIN)/.installed ## Lint, type-check, then every test on SQLite and on PostgreSQL
	@scripts/ensure-chromium
	@scripts/ensure-pdftoppm
	$(MAKE) --no-print-directory lint typecheck
	@scripts/test-both-databases

lint: $(BIN)/.installed ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed ## mypy
	$(BIN)/mypy

unit: $(BIN)/.installed ## Fast tests on SQLite only, no browser (ARGS=... passes through)
	$(BIN)/pytest -m "not browser" $(ARGS)

lock: $(BIN)/.installed ## Re-lock requirements/*.txt from requirements/*.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --no-emit-index-url --no-emit-find-links \
	  --strip-extras --allow-unsafe -o base.txt base.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --no-emit-index-url --no-emit-find-links \
	  --strip-extras --allow-unsafe -o dev.txt dev.in

clean-db: ## Delete the demo database (the next `make run` seeds a fresh one)
	rm -f var/demo.sqlite3

.PHONY: bench-spc
bench-spc: ## Time the statistics engine beside abspc and pyqicharts (installed in var/bench-venv)
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed for the benchmark."; exit 1; fi
	@test -x var/bench-venv/bin/python || $(PYTHON) -m venv var/bench-venv
	var/bench-venv/bin/python -m pip install --quiet --disable-pip-version-check numpy
	-var/bench-venv/bin/python -m pip install --quiet --disable-pip-version-check abspc pyqicharts
	var/bench-venv/bin/python scripts/benchmark_spc.py $(ARGS)
