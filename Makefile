# Every target bootstraps .venv on first use: `make run` and `make test` are all the set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?= show devops-specialist

.PHONY: run test lint typecheck pytest fmt reformat rules-doc bench fuzz docs-check corpus-check matrix-check upgrade-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## run: `roles $(ARGS)`; default `roles show devops-specialist`
run: $(STAMP)
	$(BIN)/roles $(ARGS)

## test: everything CI runs — ruff, mypy --strict, pytest, and our own roles/ linted (dogfood)
test: lint typecheck pytest
	$(BIN)/roles lint roles/

lint: $(STAMP)
	$(BIN)/ruff check src tests action
	$(BIN)/ruff format --check src tests action

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

## fmt: format the Python sources (not the role files)
fmt: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Full run: ~10–16 min on 2 cores, most of it markdownlint-cli2 on 10,000 files;
# `make bench BENCH_ARGS=--no-peer` takes a few minutes. See bench/README.md.
BENCH_ARGS ?=

## bench: time roles against synthetic 1k/10k catalogs, the read+parse floor and markdownlint-cli2; writes bench/results.md
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## docs-check: rebuild tests/fixtures/mdx/*.md with real Docusaurus 3 (mdx, mdx-v4, detect) and
## fail if any verdict differs from tests/fixtures/mdx/verdicts.json. Needs node>=20 + npm (skips
## with a message otherwise); first run installs the site into tools/.site/ (~1-2 min), then
## each case file is built alone, ~8-20 s per build (about 10-20 min for the whole corpus).
## Re-record after an intentional change: $(BIN)/python tools/docs_check/docs_check.py --record
docs-check: $(STAMP)
	$(BIN)/python tools/docs_check/docs_check.py --verify

## corpus-check: build tests/corpus/docs (~40 varied profiles and guides) as ONE real Docusaurus 3
## site, with the defaults (mdx) and with future: {v4: true}; fail if a file's build verdict or
## Docusaurus id differs from tests/corpus/expected.yaml. Needs node>=20 + npm (skips otherwise);
## shares tools/.site/ with docs-check; ~1-3 min. Not part of `make test`.
corpus-check: $(STAMP)
	$(BIN)/python tools/corpus_build/corpus_build.py --check

## rules-doc: regenerate docs/rules.md from the rules' docstrings
rules-doc: $(STAMP)
	$(BIN)/roles rules --format markdown > docs/rules.md

## matrix-check: `roles matrix --format html` rendered in headless Chromium (Debian's chromium,
## installed if missing): screenshots and PDFs in tools/.out/ to look at; fails unless each
## page prints on one page
matrix-check: $(STAMP)
	bash tools/matrix_screenshot.sh

## upgrade-deps: install the newest releases pyproject.toml allows and record them in constraints.txt
upgrade-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	{ sed -n '/^#/p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# -- hostile input (issue 5) ------------------------------------------------------------------
.PHONY: hostile-check
FUZZ_SECONDS ?= 60

## hostile-check: every hostile input of tests/hostile_corpus.py, run by the installed roles, within 2 s of CPU and 200 MiB
hostile-check: $(STAMP)
	$(BIN)/python bench/hostile.py --roles $(BIN)/roles

## fuzz: fuzz the loader and reporters with atheris for FUZZ_SECONDS (installs atheris into .venv; not run in CI)
fuzz: $(STAMP)
	$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet atheris
	mkdir -p fuzz/.corpus
	$(BIN)/python fuzz/fuzz_loader.py -max_total_time=$(FUZZ_SECONDS) -timeout=2 \
		-rss_limit_mb=200 -max_len=65536 fuzz/.corpus roles
