# The README's two commands: `make run` and `make test`. Both set up from a fresh clone.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000
# Caches kept outside the clone, so that a fresh clone (CI) starts from what an earlier run on
# the machine did; each is checked before use (mypy compares every file's hash with its cache).
CACHE_HOME ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/airlock

.PHONY: setup run test test-fast bench lint lock messages clean

$(STAMP): requirements/base.txt requirements/dev.txt requirements/constraints.txt scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

## Set up and start web and worker on embedded defaults, with the demo project (Ctrl-C stops).
run: setup
	$(PY) scripts/run_service.py --port $(PORT)

## Set up and run every test: unit, integration (incl. PostgreSQL/Redis when reachable), browser.
## Step 1 on SQLite and the filesystem broker and, at the same time, step 2 on PostgreSQL and
## Redis; then coverage with its floor (scripts/run_tests.sh). Each step on AIRLOCK_TEST_WORKERS
## pytest-xdist workers (3).
test: setup
	PY=$(PY) bash scripts/run_tests.sh $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -n 2 tests/unit

## Benchmarks: scanner throughput and memory beside baselines; load test of the service
## (20 researchers x 5 files, 1, 2 and 4 workers); upload->verdict latency of 20 small files
## (embedded, and PostgreSQL + Redis when they answer); web process memory for a 500 MB file.
bench: setup
	$(PY) -m bench
	$(PY) -m bench.load_bench --researchers 20 --files 5 --workers 1,2,4
	$(PY) -m bench.latency_bench --files 20
	$(PY) -m bench.stream_rss --mb 500 --stores filesystem,s3

## Lint: ruff's rules and its formatting on every Python file, types, the layers. mypy's cache
## is $(CACHE_HOME)/mypy (a cold run costs 25 s of CPU, a warm one 1 s).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --cache-dir "$(CACHE_HOME)/mypy"
	$(VENV)/bin/lint-imports  # the layers and no cycles (.importlinter)

## Refresh every catalogue (makemessages) and list what is left to translate per language.
messages: setup
	$(PY) scripts/check_catalogues.py --update

## Re-pin every transitive dependency after changing requirements/*.txt: pip resolves base.txt
## and dev.txt (it does not freeze the virtualenv); current pins are kept unless ARGS=--upgrade.
## Then `make setup` installs the result.
lock:
	$(PY) scripts/lock.py $(ARGS)

clean:
	rm -rf $(VENV) var
