# Blameless Retro — the two commands a fresh machine needs are `make run` and `make test`.
# Both create .venv (and install the app with its test tools) when it is missing or stale.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test coverage lint contracts typecheck bench screenshots samples dist clean

$(STAMP): pyproject.toml packaging/system-deps.sh
	bash packaging/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)            ## launch the app on the default SQLite database (demo retro on first run)
	$(VENV)/bin/retro

test: $(STAMP)           ## the layer contracts, the linter, the type checker, then the whole test suite
	$(VENV)/bin/lint-imports --config pyproject.toml
	$(VENV)/bin/ruff check retro ui tests
	$(VENV)/bin/mypy
	$(PY) -m pytest -n auto --dist loadfile

coverage: $(STAMP)       ## the whole test suite under coverage (about a third slower), then the line coverage
	$(PY) -m pytest -n auto --dist loadfile --cov --cov-report=
	@echo "Line coverage of retro/ and ui/: $$($(PY) -m coverage report --format=total)%"

lint: $(STAMP)
	$(VENV)/bin/ruff check retro ui tests

contracts: $(STAMP)
	$(VENV)/bin/lint-imports --config pyproject.toml

typecheck: $(STAMP)      ## mypy as configured in pyproject.toml (strict for domain, services, io, analysis)
	$(VENV)/bin/mypy

bench: $(STAMP)          ## benchmark table: ours vs a floor measured in the same run
	$(PY) -m tests.benchmarks

screenshots: $(STAMP)    ## every stage (1920x1080 and 1366x768) and the projector (1080p, 720p, 1024x768) into out/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots out/screenshots

samples: $(STAMP)        ## the demo retro's internal and public PDFs and Markdown into out/samples
	$(PY) -m retro.report.samples out/samples

dist: $(STAMP)           ## the installable bundle: build/dist/blameless-retro and dist/blameless-retro-VERSION-linux-ARCH.tar.gz
	bash packaging/build-dist.sh $(PY)

clean:
	rm -rf $(VENV) out build dist *.egg-info
