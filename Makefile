# The two quick-start commands: `make build` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# npm packages the site copies into assets/ (package.json says which and why)
NODE   := node_modules/.installed

.PHONY: build test browser lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE)

## Set up, then build the whole edition from seeds/ into tei/ and site/.
build: $(STAMP) $(NODE)
	$(BIN)/python -m compileall -q edition
	$(BIN)/edition build

## Set up (Python packages, npm packages, Java check, Debian's Chromium for the browser tests), then run every test.
test: $(STAMP) $(NODE) browser
	$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure"; exit 1; fi; \
	exit $$status

## Debian's Chromium, driven by Playwright in tests/test_browser.py (playwright install cannot download here).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! command -v java >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check edition tests benchmarks
	$(BIN)/mypy edition

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_frus.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_names.py

clean:
	rm -rf $(VENV) site node_modules
