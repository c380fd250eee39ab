# orgnet: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The test suite's own Neo4j (never the `make run` one): see tests/conftest.py.
TEST_ENV := ORGNET_HOME=$(CURDIR)/.orgnet-test NEO4J_BOLT_PORT=7688 NEO4J_HTTP_PORT=7475

.PHONY: install vendor manual docs system-deps run lint test client client-check unit bench bench-load neo4j-start neo4j-stop clean

# The manual (docs/ -> build/manual/, served by the API at /manual/): see docs/contributors/manual.md.
MANUAL := build/manual/index.html
MANUAL_SOURCES := mkdocs.yml orgnet/queries/README.md $(shell find docs -type f 2>/dev/null)
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet

install: $(STAMP) vendor manual

## The pinned npm files (ECharts, county shapes, Swagger UI and ReDoc for /docs and /redoc): fetched only when one is missing.
vendor:
	@$(PYTHON) scripts/fetch_vendor.py --if-missing

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,fast]'
	@touch $(STAMP)

## The manual, built when missing or older than its sources (make install and make run need it).
manual: $(MANUAL)

$(MANUAL): $(STAMP) $(MANUAL_SOURCES)
	$(MKDOCS)

## The manual's strict build: a broken link or anchor, or a page missing from the nav, fails it.
docs: $(STAMP)
	$(MKDOCS) --strict

system-deps:
	@bash scripts/ensure-system-deps.sh

## The main job: local Neo4j (unless NEO4J_URI), schema, seed if empty, API on 127.0.0.1:8000 with one worker process per core (API_WORKERS).
run: install system-deps
	$(BIN)/orgnet run

## Lint (ruff, configured in pyproject.toml): `make test` runs it first.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The whole test suite against a real Neo4j that it starts and stops (the manual's strict build first).
test: install system-deps lint docs client-check
	@bash scripts/ensure-system-deps.sh --browser || echo "(no Chromium: the browser tests will be skipped)"
	@bash scripts/ensure-system-deps.sh --office || echo "(no LibreOffice: the spreadsheet round trip through it will be skipped)"
	@$(BIN)/pytest -p no:cacheprovider --durations=25; rc=$$?; \
	  $(TEST_ENV) $(BIN)/orgnet neo4j stop >/dev/null 2>&1 || true; \
	  exit $$rc

## The typed Python client (clients/python/) regenerated from the OpenAPI document; its generator in its own venv.
CLIENT_STAMP := .venv-client/.installed-stamp
$(CLIENT_STAMP): clients/python/requirements-generator.txt
	@test -x .venv-client/bin/python || $(PYTHON) -m venv .venv-client
	.venv-client/bin/pip install -q -r clients/python/requirements-generator.txt
	@touch $@

client: install $(CLIENT_STAMP)
	$(BIN)/python scripts/gen_client.py

## Fails when clients/python/ is not what the app's OpenAPI document generates (`make test` runs it).
client-check: install $(CLIENT_STAMP)
	$(BIN)/python scripts/gen_client.py --check

## Unit tests only (no database).
unit: install
	$(BIN)/pytest -p no:cacheprovider tests/unit orgnet

bench: install system-deps
	$(BIN)/python -m bench.run

## Load test: many concurrent clients against the API (demo scale; `python -m bench.load --help`), with wrk beside the Python client when it is installed.
bench-load: install system-deps
	@bash scripts/ensure-system-deps.sh --bench || echo "(no wrk: the Python client only)"
	$(BIN)/python -m bench.load $$(command -v wrk >/dev/null && echo --wrk)

neo4j-start: install system-deps
	$(BIN)/orgnet neo4j start

neo4j-stop: install
	$(BIN)/orgnet neo4j stop

clean:
	rm -rf $(VENV) .orgnet-test build *.egg-info
