# doculens: `make report` and `make test` are all a new user needs (see README.md).
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
INPUTS ?= seeds
RUN ?= seed
JOBS ?= 2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(BENCH_STAMP): pyproject.toml $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

.PHONY: help install report test lab bench clean
help: ## Show the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

install: $(DEV_STAMP) ## Create .venv and install doculens with its dev extras

report: $(DEV_STAMP) ## Run every notebook on seeds/ and write reports/seed/index.html (INPUTS=, RUN=)
	$(BIN)/doculens run $(INPUTS) --out reports/$(RUN) --jobs $(JOBS)

test: $(DEV_STAMP) ## Run the test suite (executes the notebooks with papermill)
	$(BIN)/python -m pytest

lab: $(DEV_STAMP) ## Open JupyterLab on the notebooks, with the .venv kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(BENCH_STAMP) ## Run the benchmarks against ../shared/benchmarks (or DOCULENS_BENCHMARKS)
	@set -e; for script in benchmarks/bench_*.py; do $(BIN)/python $$script; done

clean: ## Remove reports, caches and the virtualenv
	rm -rf reports .cache $(VENV) .pytest_cache .hypothesis
