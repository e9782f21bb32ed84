#!/usr/bin/env bash
# `make test`: the whole suite, in two steps.
#   1. Everything on the embedded defaults (SQLite, kombu's filesystem broker), except the
#      tests that need the real services.
#   2. With DATABASE_URL and CELERY_BROKER_URL naming the real PostgreSQL and Redis on
#      127.0.0.1: the tests marked `services` (real worker processes on them) and the
#      database-backed tests marked `postgres` (in-process, on a PostgreSQL test database).
#      Skipped when the services are not reachable, unless AIRLOCK_REQUIRE_SERVICES=1 (.ci/run),
#      which makes that a failure.
# Extra arguments go to both pytest runs (e.g. `make test PYTEST_ARGS="-x"`).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
CI_DATABASE_URL=${AIRLOCK_CI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/airlock_ci}
CI_BROKER_URL=${AIRLOCK_CI_BROKER_URL:-redis://127.0.0.1:6379/0}

# pytest exits 5 when it collects no test: for a step whose selection is empty, not a failure.
run_pytest() {
  "$PY" -m pytest "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "(no tests selected in this step)"
    return 0
  fi
  return "$status"
}

echo "== make test, step 1: embedded defaults (SQLite, filesystem broker)"
(unset DATABASE_URL CELERY_BROKER_URL; run_pytest -m "not services" "$@")
first=$?

echo "== make test, step 2: PostgreSQL and Redis on 127.0.0.1"
if "$PY" -c "
from tests.support.processes import postgres_available, redis_available
raise SystemExit(0 if postgres_available() and redis_available() else 1)
"; then
  DATABASE_URL=$CI_DATABASE_URL CELERY_BROKER_URL=$CI_BROKER_URL \
    run_pytest -m "services or postgres" "$@"
  second=$?
elif [ "${AIRLOCK_REQUIRE_SERVICES:-}" = 1 ]; then
  echo "PostgreSQL or Redis is not reachable on 127.0.0.1, and AIRLOCK_REQUIRE_SERVICES=1" >&2
  second=1
else
  echo "SKIPPED: PostgreSQL or Redis is not reachable on 127.0.0.1 (set AIRLOCK_REQUIRE_SERVICES=1 to fail instead)"
  second=0
fi

if [ "$first" -ne 0 ] || [ "$second" -ne 0 ]; then
  echo "make test: FAILED (step 1 exit $first, step 2 exit $second)" >&2
  exit 1
fi
echo "make test: passed"
