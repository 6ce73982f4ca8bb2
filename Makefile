# Klantportal. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
MAKEMESSAGES_ARGS := --locale nl --locale en --no-obsolete --ignore '.venv/*' \
	--ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'scripts/*' --ignore 'locale/*'

.PHONY: help install run test test-fast check bench lock lock-review messages clean

help:
	@echo "make run     - install, migrate, load the demo data and serve on http://$(HOST)"
	@echo "make test    - the whole test suite"
	@echo "make check   - ruff, mypy, bandit and the dependency audit (what CI runs before the tests)"
	@echo "make bench   - benchmarks at production size (PostgreSQL; see bench/)"
	@echo "make lock    - re-pin requirements.lock (runtime) and requirements-dev.lock from pyproject.toml"
	@echo "make messages - update the Dutch and English message catalogues"

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

# htmx comes from the npm registry (package-lock.json pins it); without npm the portal runs
# without the live parts (suggestions while typing fall back to plain links).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: front-end packages (htmx) are not installed; pages work without them."; fi

install: $(VENV)/.installed node_modules/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest

# Code and supply-chain checks (CI runs them before the tests): lint, types of the product code
# (pyproject.toml [tool.mypy]), security lint of the product code (each `# nosec` says why),
# and the dependency audit or lock-file review.
check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -c pyproject.toml -r .
	$(PY) scripts/audit_dependencies.py

# After reading new pins against their changelogs and advisories: record the lock files.
lock-review:
	$(PY) scripts/audit_dependencies.py --record "$$(date +%F): $(NOTE)"

bench: install
	$(PY) bench/recount.py
	$(PY) bench/release_news.py

test-fast: install
	$(PY) -m pytest -m "not browser"

PIP_COMPILE = $(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links

lock: install
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements.lock -o requirements-dev.lock pyproject.toml

messages: install
	$(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	$(PY) scripts/translate.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
