# Set-up and everyday commands. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
OUTPUT ?= output
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# --no-deps: the lock files list every package; natasha's stale pymorphy2 pin is left out on purpose.
$(STAMP): $(PY) requirements/runtime.lock pyproject.toml
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps -r requirements/runtime.lock
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

$(DEVSTAMP): $(STAMP) requirements/dev.lock
	$(PIP) install --quiet --no-deps -r requirements/dev.lock
	touch $(DEVSTAMP)

install: $(STAMP)

install-dev: $(DEVSTAMP)

run: install
	$(PY) -m pipeline run samples --output $(OUTPUT)

test: install-dev
	$(PY) -m ruff check pipeline tests scripts
	$(PY) -m mypy
	$(PY) -m pytest

lint: install-dev
	$(PY) -m ruff check pipeline tests scripts
	$(PY) -m mypy

bench: install-dev
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) $(OUTPUT)
