# Klantportal. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
# Where the environment says PYTHONDONTWRITEBYTECODE (these machines do), every Python process
# compiles every module from source and pytest rewrites the asserts of every test module again
# in each worker: 17 s of CPU per collection instead of 6 (issue 12). The caches go to
# __pycache__ (ignored by git).
unexport PYTHONDONTWRITEBYTECODE
# File names without line numbers in the catalogues: an edit elsewhere in a file does not
# rewrite the .po files, so their diffs show only real text changes and branches merge.
MAKEMESSAGES_ARGS := --locale nl --locale en --no-obsolete --add-location file --ignore '.venv/*' \
	--ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'scripts/*' --ignore 'locale/*'
COMPILEMESSAGES_ARGS := --locale nl --locale en --ignore '.venv/*' --ignore 'node_modules/*'

.PHONY: help install run test test-fast check bench bench-more lock lock-review messages clean

help:
	@echo "make run     - install, migrate, load the demo data and serve on http://$(HOST)"
	@echo "make test    - the whole test suite"
	@echo "make test-fast - the inner loop: no browser, fuzz, chaos or real-process tests"
	@echo "make check   - ruff, mypy, bandit and the dependency audit (what CI runs before the tests)"
	@echo "make bench   - the benchmark of issue 15 at full size against the goals (bench/run.py;"
	@echo "               BENCH_SCALE=0.001 for a quick run); make bench-more - the older ones"
	@echo "make lock    - re-pin requirements.lock (runtime) and requirements-dev.lock from pyproject.toml"
	@echo "make messages - add new texts to the Dutch and English catalogues (locale/*/LC_MESSAGES/django.po) and compile them"

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

# pytest-xdist: one process per core, each with its own test database; the browser tests
# run in one of them (tests/browser/conftest.py). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

test: install
	$(PY) -m pytest $(PYTEST_PARALLEL)

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

# The benchmark of issue 15 (bench/run.py): 1,000,000 incidents at BENCH_SCALE=1, the goals
# judged; CI runs BENCH_SCALE=0.001 (no goals). It needs the local PostgreSQL (the data stays
# in BENCH_DATABASE_URL, default kp_bench, started from the demo in kp_bench_demo; both are
# reused while their scale and migrations are current),
# Redis (BENCH_REDIS_URL, default db 15, emptied by the run) and wrk (installed here when root).
BENCH_SCALE ?= 1
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
	$(PY) bench/run.py --scale $(BENCH_SCALE)

# The single-purpose benchmarks of earlier issues; each fills a database of its own.
bench-more: install
	$(PY) bench/recount.py
	$(PY) bench/release_news.py
	$(PY) bench/partner_check.py
	$(PY) bench/mail_poller.py

# The inner loop: everything but the browser tests, the hostile-input crawler and the chaos
# tests (make test runs them all).
test-fast: install
	$(PY) -m pytest $(PYTEST_PARALLEL) --reuse-db -m "not browser and not fuzz and not chaos and not processes"

PIP_COMPILE = $(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links

lock: install
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements.lock -o requirements-dev.lock pyproject.toml

# The .po files are the source: translators edit them (by hand, Poedit, Weblate); this target
# adds new texts to them and compiles them. compilemessages skips a .mo that is newer than its
# .po, which after a checkout or merge says nothing about its content, hence the touch; it
# looks for locale folders everywhere, hence the ignores (a .venv holds Django's own).
messages: install
	$(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	touch locale/*/LC_MESSAGES/*.po
	$(PY) manage.py compilemessages $(COMPILEMESSAGES_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
