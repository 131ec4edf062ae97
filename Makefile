# Two commands do all set-up on a fresh machine (Python 3.11+, Java 17 and Maven on PATH):
#   make run    start the local Neo4j, apply the schema, load the reference data, serve the API
#   make test   lint, type-check and run the tests against a Neo4j instance of their own
PYTHON ?= python3
BIN := .venv/bin

.PHONY: run test

# The virtualenv is rebuilt only when pyproject.toml changes.
$(BIN)/graphsvc: pyproject.toml
	$(PYTHON) -m venv .venv
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(BIN)/graphsvc
	$(BIN)/graphsvc up

test: $(BIN)/graphsvc
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest
