# KPI Pilot: `make run` starts the app, `make test` runs lint and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: install install-dev migrate run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python -m db upgrade

run: migrate
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: install-dev
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff format .

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest kpi_core tests

bench: install
	$(BIN)/python bench/compute_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/monitor_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
