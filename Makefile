# DMC Twin — `make run` serves the app on the sample data, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= $(or $(TWIN_DATA_DIR),data)
# Locked installs (requirements/*.lock, every package pinned with its hashes): `make run` installs what the
# app needs to run, every other target the developer set (a superset, same versions). See README, "Lock".
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-dev
PIP_LOCKED := $(PY) -m pip install --quiet --require-hashes --no-deps
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 \
	--no-header $(LOCK_FLAGS)

.PHONY: run test lint unit browser bench data clean-data lock

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements/run.lock | $(PY)
	$(PIP_LOCKED) -r requirements/run.lock
	touch $(RUN_STAMP)

$(STAMP): requirements/dev.lock | $(PY)
	$(PIP_LOCKED) -r requirements/dev.lock
	touch $(STAMP) $(RUN_STAMP)

$(DATA_DIR)/provenance.json: | $(RUN_STAMP)
	$(PY) -m geodata.sample --out $(DATA_DIR)

data: $(RUN_STAMP)
	$(PY) -m geodata.sample --out $(DATA_DIR)

run: $(RUN_STAMP) $(DATA_DIR)/provenance.json
	TWIN_DATA_DIR=$(DATA_DIR) $(PY) app.py

# After editing the dependency lists in pyproject.toml; `make lock LOCK_FLAGS=--upgrade` also moves the
# indirect dependencies to their newest versions.
lock: $(STAMP)
	$(UV_COMPILE) -o requirements/run.lock
	$(UV_COMPILE) --extra dev -c requirements/run.lock -o requirements/dev.lock

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
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=30

# The district and a generated 250,000-floor city (cached in bench/.cache/), served by gunicorn and opened
# in headless Chromium; BENCH_ARGS="--city-floors 50000" for a smaller city. Writes bench/results/latest.json.
bench: $(STAMP) $(DATA_DIR)/provenance.json
	TWIN_DATA_DIR=$(DATA_DIR) $(PY) -m bench $(BENCH_ARGS)

# $(DATA_DIR) is a symlink to a version in .<name>.versions/ beside it (geodata/sample/swap.py).
clean-data:
	rm -rf $(DATA_DIR) $(dir $(DATA_DIR)).$(notdir $(DATA_DIR)).versions
