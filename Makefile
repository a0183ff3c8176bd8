# cinebridge: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export CINEBRIDGE_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-postgres bench bench-scaling fuzz lint venv dev messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed
dev: $(VENV)/.dev-installed

run: $(VENV)/.installed
	$(BIN)/cinebridge migrate --noinput
	$(BIN)/cinebridge demo
	$(BIN)/cinebridge avails_warm
	@echo ""
	@echo "  cinebridge is running on http://127.0.0.1:$(PORT)/  (Ctrl+C stops it)"
	@echo ""
	CINEBRIDGE_DEBUG=$${CINEBRIDGE_DEBUG:-1} $(BIN)/cinebridge serve --port $(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/python tests/browser_setup.py
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-postgres: $(VENV)/.dev-installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cinebridge} \
	  $(BIN)/python -m pytest -n 2 --dist loadfile

# Schemathesis over /api/schema/: every phase, FUZZ_EXAMPLES per operation and role, random.
FUZZ_EXAMPLES ?= 100
fuzz: $(VENV)/.dev-installed
	CINEBRIDGE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/api/test_schemathesis.py \
	  -n 0 -p no:cacheprovider -q

bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks

# The avails engine and the numpy scan at 100,000, 1,000,000 and 3,000,000 grants (SQLite).
bench-scaling: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks avails --scaling

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check cinebridge tests benchmarks tools
	$(BIN)/ruff format --check cinebridge tests benchmarks tools
	$(BIN)/python tools/fmt_skip.py cinebridge tests benchmarks tools
	$(BIN)/lint-imports
	$(BIN)/mypy cinebridge/engines
	$(BIN)/cinebridge check
	$(BIN)/cinebridge makemigrations --check --dry-run

messages: $(VENV)/.dev-installed
	cd cinebridge && ../$(BIN)/cinebridge makemessages -l ru -l vi -l zh_Hans --ignore 'engines/*'
	cd cinebridge && ../$(BIN)/cinebridge compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache
