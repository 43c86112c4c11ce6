# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make demo   install into .venv and npm packages, build the bundled demo portal (sites/ → public/)
#   make test   install into .venv, lint (ruff, mypy) and run the whole test suite
#   make lint   ruff and mypy, configured in pyproject.toml
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The demo content is written for this date; pass it so the demo stays "fresh" forever.
DEMO_NOW ?= 2026-11-27

.PHONY: demo test lint install bench clean

$(BIN)/portalgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q portalgen  # an editable install is not byte-compiled by pip
	touch $@

install: $(BIN)/portalgen

demo: install node_modules/.package-lock.json
	$(BIN)/portalgen build sites -o public --now $(DEMO_NOW)

test: lint node_modules/.package-lock.json
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4

# Style and types, zero findings (configured in pyproject.toml); make test runs it first.
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Decap CMS (the web editor, copied into the sites' admin/ by the build) and its local git proxy;
# the HTML checker (vnu-jar) and axe-core for the browser tests. Debian's npm is installed first
# when it is missing and this runs as root (a fresh machine); otherwise it says what to install.
node_modules/.package-lock.json: package-lock.json
	command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && apt-get install -y -qq npm >/dev/null; } \
	  || { echo "npm is needed for the web editor's script: apt-get install npm" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund

bench: install
	$(BIN)/python benchmarks/check_benchmark.py

clean:
	rm -rf $(VENV) public node_modules
