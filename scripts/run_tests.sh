#!/usr/bin/env bash
# `make test`: the whole suite, in two steps run at the same time, each spread over pytest-xdist
# workers (step 2 mostly waits on real processes, so it fits beside step 1 on two cores).
#   1. Everything on the embedded defaults (SQLite, kombu's filesystem broker), except the
#      tests that need the real services.
#   2. With DATABASE_URL and CELERY_BROKER_URL naming the real PostgreSQL and Redis on
#      127.0.0.1: the tests marked `services` (real worker processes on them) and the
#      database-backed tests marked `postgres` (in-process, on a PostgreSQL test database).
#      Skipped when the services are not reachable, unless AIRLOCK_REQUIRE_SERVICES=1 (.ci/run),
#      which makes that a failure.
# The steps cannot meet: step 2's workers take ports from other blocks (AIRLOCK_TEST_PORT_BLOCKS,
# tests/support/processes.py), step 1 uses neither PostgreSQL nor Redis, and each step writes its
# own coverage data. Step 2's output is kept in var/test-logs/step2.log and shown after step 1's.
# Then the coverage of airlock/, scanners/ and airlock_client/ over both steps, which fails under
# the floor in pyproject.toml ([tool.coverage.report] fail_under).
#
# AIRLOCK_TEST_WORKERS: how many xdist workers (default 3: many tests wait on gunicorn, Celery
# and browser processes, so 3 beat 2 on two cores; 0 runs in this process, as plain pytest).
# AIRLOCK_TEST_SERVICE_WORKERS: step 2's workers (default 2: its 91 tests mostly wait on real
# processes and finish well before step 1, and a worker costs ~15 s of CPU to start and collect).
# AIRLOCK_TEST_STEPS_AT_ONCE=0 runs step 2 after step 1, as before (its output then streams).
# AIRLOCK_TEST_COVERAGE=0 skips the coverage measurement.
# Extra arguments go to both pytest runs (e.g. `make test PYTEST_ARGS="-x"`).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
# Byte code is written (some shells set PYTHONDONTWRITEBYTECODE): otherwise every process the
# tests start (gunicorn, Celery, manage.py, each xdist worker) compiles Airlock's modules anew,
# and each worker rewrites the asserts of every test module again (half of a collection's CPU).
unset PYTHONDONTWRITEBYTECODE
CI_DATABASE_URL=${AIRLOCK_CI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/airlock_ci}
CI_BROKER_URL=${AIRLOCK_CI_BROKER_URL:-redis://127.0.0.1:6379/0}
WORKERS=${AIRLOCK_TEST_WORKERS:-3}
SERVICE_WORKERS=${AIRLOCK_TEST_SERVICE_WORKERS:-$((WORKERS < 2 ? WORKERS : 2))}
AT_ONCE=${AIRLOCK_TEST_STEPS_AT_ONCE:-1}
COVERAGE=${AIRLOCK_TEST_COVERAGE:-1}

coverage=()
if [ "$COVERAGE" = 1 ]; then
  mkdir -p var/coverage
  rm -f var/coverage/.coverage*
  # The floor is checked once, on both steps together (below), not by each step.
  coverage=(--cov --cov-report= --cov-fail-under=0)
fi

# run_pytest WORKERS ARGS...: pytest on WORKERS xdist workers (0: in this process). pytest exits
# 5 when it collects no test: for a step whose selection is empty, not a failure.
run_pytest() {
  local workers=$1
  shift
  local parallel=()
  if [ "$workers" != 0 ]; then
    # loadscope: a module's tests go to one worker, so a module-scoped server starts once.
    parallel=(-n "$workers" --dist loadscope)
  fi
  "$PY" -m pytest "${parallel[@]}" "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "(no tests selected in this step)"
    return 0
  fi
  return "$status"
}

# Step 2 needs the real services; without them it is skipped, or fails in CI.
services=0
if "$PY" -c "
from tests.support.processes import postgres_available, redis_available
raise SystemExit(0 if postgres_available() and redis_available() else 1)
"; then
  services=1
fi

step2() {
  started2=$SECONDS
  echo "== make test, step 2: PostgreSQL and Redis on 127.0.0.1, ${SERVICE_WORKERS} workers"
  if [ "$services" = 1 ]; then
    # COVERAGE_FILE: the step's own data (combined below); port blocks 8 and up for its workers.
    DATABASE_URL=$CI_DATABASE_URL CELERY_BROKER_URL=$CI_BROKER_URL \
      COVERAGE_FILE=var/coverage/.coverage.step2 AIRLOCK_TEST_PORT_BLOCKS=8 \
      run_pytest "$SERVICE_WORKERS" ${coverage[@]+"${coverage[@]}"} -m "services or postgres" "$@"
    status=$?
  elif [ "${AIRLOCK_REQUIRE_SERVICES:-}" = 1 ]; then
    echo "PostgreSQL or Redis is not reachable on 127.0.0.1, and AIRLOCK_REQUIRE_SERVICES=1" >&2
    status=1
  else
    echo "SKIPPED: PostgreSQL or Redis is not reachable on 127.0.0.1 (set AIRLOCK_REQUIRE_SERVICES=1 to fail instead)"
    status=0
  fi
  echo "(step 2: $((SECONDS - started2)) s)"
  return "$status"
}

started=$SECONDS
if [ "$AT_ONCE" = 1 ]; then
  mkdir -p var/test-logs
  step2 "$@" > var/test-logs/step2.log 2>&1 &
  step2_pid=$!
  echo "(step 2 runs beside step 1; its output, var/test-logs/step2.log, follows step 1's)"
fi
echo "== make test, step 1: embedded defaults (SQLite, filesystem broker), ${WORKERS} workers"
(unset DATABASE_URL CELERY_BROKER_URL
  COVERAGE_FILE=var/coverage/.coverage.step1 run_pytest "$WORKERS" ${coverage[@]+"${coverage[@]}"} \
    -m "not services" "$@")
first=$?
echo "(step 1: $((SECONDS - started)) s)"
if [ "$AT_ONCE" = 1 ]; then
  wait "$step2_pid"
  second=$?
  cat var/test-logs/step2.log
else
  step2 "$@"
  second=$?
fi
echo "(both steps: $((SECONDS - started)) s)"

covered=0
if [ "$COVERAGE" = 1 ]; then
  echo "== coverage of airlock/, scanners/, airlock_client/ (both steps; by file: var/coverage/report.txt)"
  # var/coverage/.coverage.step1 and .step2 into var/coverage/.coverage (pyproject.toml).
  "$PY" -m coverage combine -q
  "$PY" -m coverage report > var/coverage/report.txt 2>&1
  covered=$?
  tail -n 4 var/coverage/report.txt
fi

if [ "$first" -ne 0 ] || [ "$second" -ne 0 ] || [ "$covered" -ne 0 ]; then
  echo "make test: FAILED (step 1 exit $first, step 2 exit $second, coverage exit $covered)" >&2
  exit 1
fi
echo "make test: passed"
