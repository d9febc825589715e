# guidebot: `make run` starts the terminal chat, `make test` runs the checks and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval serve teams-package screenshots clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/guidebot chat

serve: $(STAMP)
	$(BIN)/guidebot serve

lint: $(STAMP)
	$(BIN)/ruff check bot adapters tests bench
	$(BIN)/ruff format --check bot adapters tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

eval: $(STAMP)
	$(BIN)/python -m bench.evaluate

# docs/screenshots/: a Teams check card (the official Adaptive Cards renderer, from npm) and the
# owner's report, in English and Japanese, drawn by headless Chromium (needs fonts-noto-cjk).
screenshots: $(STAMP)
	mkdir -p build/screenshots
	cd build/screenshots && npm install --no-save --no-audit --no-fund --silent adaptivecards@3.0.6 markdown-it@14
	$(BIN)/python -m tools.screenshots --node-modules build/screenshots/node_modules --out docs/screenshots

teams-package: $(STAMP)
	$(BIN)/python -m adapters.teams.package -o teams-app.zip

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
