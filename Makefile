# KPI Pilot: `make run` starts the app, `make test` runs lint and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# The day the faketime runs of the suite pretend it is (browser tests aside).
FAKE_DAYS ?= 2027-01-01 2027-02-28 2027-07-15
FAST_TESTS := tests/unit tests/db tests/test_cli.py tests/test_imports.py tests/test_config.py tests/test_clock.py tests/test_docs.py

.PHONY: install install-dev migrate run test test-fast test-clock browser lint format bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions from the lock files; `make lock` refreshes them from requirements*.txt.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile requirements.txt -o requirements.lock --python-version 3.11 --no-header --quiet
	$(BIN)/uv pip compile requirements-dev.txt -o requirements-dev.lock --python-version 3.11 --no-header --quiet

migrate: install
	$(BIN)/python -m db upgrade

run: migrate
	$(BIN)/streamlit run app.py --server.port $(PORT)

# ruff (lint and format), then mypy over kpi_core, db, connectors, ui, workflows, config and cli
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format .

# Debian's Chromium drives the browser tests: installed when missing and this machine can, else
# one line naming the command.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Chromium: run 'sudo apt-get install chromium', then make test again"; exit 1; \
	  fi; }

test: install-dev browser lint
	$(BIN)/python -m pytest kpi_core tests
	$(MAKE) --no-print-directory test-clock

# The quick loop while changing code: lint, the domain, the database layer and the command line
# (no AppTest pages, no browser, nothing slow).
test-fast: lint
	$(BIN)/python -m pytest kpi_core $(FAST_TESTS) -q -m "not browser and not slow"

# The suite must pass on any day: run the non-browser tests again under Debian's faketime, with
# the real clock (and the tests' pinned day) moved far from today; "@" lets the faked clock tick,
# so timeouts still pass.
test-clock: install-dev
	@command -v faketime >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; \
	  else \
	    echo "the clock tests need faketime: run 'sudo apt-get install faketime', then make test again"; exit 1; \
	  fi; }
	@for day in $(FAKE_DAYS); do \
	  echo "== the suite on $$day (faketime)"; \
	  KPI_TEST_TODAY=$$day faketime -f "@$$day 12:00:00" $(BIN)/python -m pytest kpi_core tests -q -m "not browser and not slow" -p no:cacheprovider || exit 1; \
	done

bench: install
	$(BIN)/python bench/compute_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/monitor_bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/upload_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
