#!/usr/bin/env bash
# `make test`: the whole suite, in two steps, each spread over pytest-xdist workers.
#   1. Everything on the embedded defaults (SQLite, kombu's filesystem broker), except the
#      tests that need the real services.
#   2. With DATABASE_URL and CELERY_BROKER_URL naming the real PostgreSQL and Redis on
#      127.0.0.1: the tests marked `services` (real worker processes on them) and the
#      database-backed tests marked `postgres` (in-process, on a PostgreSQL test database).
#      Skipped when the services are not reachable, unless AIRLOCK_REQUIRE_SERVICES=1 (.ci/run),
#      which makes that a failure.
# Then the coverage of airlock/, scanners/ and airlock_client/ over both steps, which fails under
# the floor in pyproject.toml ([tool.coverage.report] fail_under).
#
# AIRLOCK_TEST_WORKERS: how many xdist workers (default 3: many tests wait on gunicorn, Celery
# and browser processes, so 3 beat 2 on two cores; 0 runs in this process, as plain pytest).
# AIRLOCK_TEST_COVERAGE=0 skips the coverage measurement.
# Extra arguments go to both pytest runs (e.g. `make test PYTEST_ARGS="-x"`).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
CI_DATABASE_URL=${AIRLOCK_CI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/airlock_ci}
CI_BROKER_URL=${AIRLOCK_CI_BROKER_URL:-redis://127.0.0.1:6379/0}
WORKERS=${AIRLOCK_TEST_WORKERS:-3}
COVERAGE=${AIRLOCK_TEST_COVERAGE:-1}

parallel=()
if [ "$WORKERS" != 0 ]; then
  # loadscope: a module's tests go to one worker, so a module-scoped server starts once.
  parallel=(-n "$WORKERS" --dist loadscope)
fi
coverage=()
if [ "$COVERAGE" = 1 ]; then
  mkdir -p var/coverage
  rm -f var/coverage/.coverage*
  # The floor is checked once, on both steps together (below), not by each step.
  coverage=(--cov --cov-report= --cov-fail-under=0)
fi

# pytest exits 5 when it collects no test: for a step whose selection is empty, not a failure.
run_pytest() {
  "$PY" -m pytest "${parallel[@]}" "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "(no tests selected in this step)"
    return 0
  fi
  return "$status"
}

started=$SECONDS
echo "== make test, step 1: embedded defaults (SQLite, filesystem broker), ${WORKERS} workers"
(unset DATABASE_URL CELERY_BROKER_URL; run_pytest "${coverage[@]}" -m "not services" "$@")
first=$?
echo "(step 1: $((SECONDS - started)) s)"

started=$SECONDS
echo "== make test, step 2: PostgreSQL and Redis on 127.0.0.1, ${WORKERS} workers"
if "$PY" -c "
from tests.support.processes import postgres_available, redis_available
raise SystemExit(0 if postgres_available() and redis_available() else 1)
"; then
  DATABASE_URL=$CI_DATABASE_URL CELERY_BROKER_URL=$CI_BROKER_URL \
    run_pytest ${coverage[@]+"${coverage[@]}" --cov-append} -m "services or postgres" "$@"
  second=$?
elif [ "${AIRLOCK_REQUIRE_SERVICES:-}" = 1 ]; then
  echo "PostgreSQL or Redis is not reachable on 127.0.0.1, and AIRLOCK_REQUIRE_SERVICES=1" >&2
  second=1
else
  echo "SKIPPED: PostgreSQL or Redis is not reachable on 127.0.0.1 (set AIRLOCK_REQUIRE_SERVICES=1 to fail instead)"
  second=0
fi
echo "(step 2: $((SECONDS - started)) s)"

covered=0
if [ "$COVERAGE" = 1 ]; then
  echo "== coverage of airlock/, scanners/, airlock_client/ (both steps; by file: var/coverage/report.txt)"
  "$PY" -m coverage report > var/coverage/report.txt 2>&1
  covered=$?
  tail -n 4 var/coverage/report.txt
fi

if [ "$first" -ne 0 ] || [ "$second" -ne 0 ] || [ "$covered" -ne 0 ]; then
  echo "make test: FAILED (step 1 exit $first, step 2 exit $second, coverage exit $covered)" >&2
  exit 1
fi
echo "make test: passed"
