# Two commands do all set-up on a fresh machine (Python 3.11+, Java 17 and Maven on PATH):
#   make run    start the local Neo4j, apply the schema, load the reference data, serve the API
#   make test   lint, type-check and run the tests against a Neo4j instance of their own
PYTHON ?= python3
BIN := .venv/bin
# The console (web/) is rebuilt only when its sources or its lock file change.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json web/package.json -type f 2>/dev/null)

.PHONY: run test

# The virtualenv is rebuilt only when pyproject.toml changes.
$(BIN)/graphsvc: pyproject.toml
	$(PYTHON) -m venv .venv
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build --silent
	touch $@

run: $(BIN)/graphsvc web/dist/index.html
	$(BIN)/graphsvc up

test: $(BIN)/graphsvc web/dist/index.html
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd web && npx vitest run
	$(BIN)/pytest
