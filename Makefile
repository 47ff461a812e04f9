# DMC Twin — `make run` serves the app on the sample data, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= $(or $(TWIN_DATA_DIR),data)
STAMP := $(VENV)/.installed

.PHONY: run test lint unit browser bench data clean-data

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(DATA_DIR)/provenance.json: | $(STAMP)
	$(PY) -m geodata.sample --out $(DATA_DIR)

data: $(STAMP)
	$(PY) -m geodata.sample --out $(DATA_DIR)

run: $(STAMP) $(DATA_DIR)/provenance.json
	TWIN_DATA_DIR=$(DATA_DIR) $(PY) app.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

unit: $(STAMP) $(DATA_DIR)/provenance.json
	$(PY) -m pytest tests/unit -q

browser: $(STAMP) $(DATA_DIR)/provenance.json
	$(PY) -m pytest tests/browser -q

test: lint $(STAMP) $(DATA_DIR)/provenance.json
	$(PY) -m pytest -q

# The district and a generated 250,000-floor city (cached in bench/.cache/), served by gunicorn and opened
# in headless Chromium; BENCH_ARGS="--city-floors 50000" for a smaller city. Writes bench/results/latest.json.
bench: $(STAMP) $(DATA_DIR)/provenance.json
	TWIN_DATA_DIR=$(DATA_DIR) $(PY) -m bench $(BENCH_ARGS)

clean-data:
	rm -rf $(DATA_DIR)
