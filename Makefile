# Set-up and everyday commands. `make run` serves the app; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test bench soak stress sample store lint clean-store

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# stamps: reinstall only when a requirements file changes
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends chromium

# LibreOffice prints the weekly note's DOCX to PDF in the tests; Liberation Serif stands in for Times New Roman
/usr/bin/soffice:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-liberation2

## the app on the embedded sample data, at http://localhost:8501
run: $(VENV)/.runtime
	$(BIN)/python -m mcu_data.store.bootstrap
	$(BIN)/python serve.py --server.port $(PORT)

## every test: lint and format, units, store contracts, the ledger, AppTest pages and the real browser
test: $(VENV)/.dev /usr/bin/chromium /usr/bin/soffice
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m pytest

## figures at region scale (1,000,000 appeals): the store against a pandas baseline, the import, every page in Chromium
bench: $(VENV)/.dev /usr/bin/chromium
	$(BIN)/python -m bench.overview_bench --rows 1000000
	$(BIN)/python -m bench.import_bench --rows 1000000
	$(BIN)/python -m bench.pages_bench --rows 1000000
	$(BIN)/python -m bench.incident_bench --rows 1000000
	$(BIN)/python -m bench.satisfaction_bench --rows 1000000
	$(BIN)/python -m bench.conflicts_bench --rows 1000000

## the wall-screen show left alone in Chromium for 30 minutes: server memory at the start and the end
soak: $(VENV)/.dev /usr/bin/chromium
	$(BIN)/python -m bench.wall_soak --minutes 30 --every 10

## several people at once: 3 Chromium visitors open every page for 6 minutes; the server must keep answering
stress: $(VENV)/.dev /usr/bin/chromium
	$(BIN)/python -m bench.server_stress --visitors 3 --minutes 6

## regenerate sample_data/ (deterministic: the same seed and end date give the same files)
sample: $(VENV)/.runtime
	$(BIN)/python -m mcu_data.sample.generate

## build or update the store without serving the app
store: $(VENV)/.runtime
	$(BIN)/python -m mcu_data.store.bootstrap

clean-store:
	rm -f data/mcu.duckdb data/mcu.duckdb.wal

## lint and format check with ruff (`ruff format .` rewrites the files)
lint: $(VENV)/.dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
