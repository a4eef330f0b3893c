#!/usr/bin/env bash
# README's test command (`make test`): set up if needed, lint, install the suite
# with its demo data into a fresh throwaway database (pytest-odoo does not
# install), then run pytest with pytest-odoo on that database, its HTTP server on
# (pytest.ini, conftest.py): every addon's tests and tests/pcve_tests, browser
# tours and RPC tests included, then the checks of tests/integration: each domain
# addon installed alone with its tests, the suite installed from its wheels, the
# short load test on the test database, the coexistence check and the upgrade
# test. Ends with pytest's closing line ("N passed in Ns"); any failure, error,
# skipped test or ERROR log line fails the run. JUnit XML: .stack/pytest-<db>.xml,
# Odoo's log: .stack/test-<db>.log.
#
#   bash tools/test.sh [pytest arguments]      e.g. bash tools/test.sh -k "alone or Tour"
#
# While iterating: PCVE_TEST_MODULES=<m1,m2> installs those (and runs their tests
# and the integration checks only); PCVE_SKIP_ALONE, PCVE_SKIP_WHEELS,
# PCVE_SKIP_COEXISTENCE, PCVE_SKIP_UPGRADE=1 deselect those checks;
# PCVE_LOAD_DURATION shortens the load test; PCVE_TEST_PORT moves Odoo's port.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup.sh || exit 1
bash tools/lint.sh || { echo "0 passed, 1 failed"; exit 1; }

PY="$ROOT/.stack/venv/bin/python"
CONF="$ROOT/.stack/odoo.conf"
DB="pcve_test_$(date +%s)_$$"
LOG="$ROOT/.stack/test-$DB.log"
ALL="pcve_base,pcve_audit,pcve_partners,pcve_casework,pcve_safespaces,pcve_casework_partners,pcve_safespaces_partners,pcve_evaluation,pcve_tests"
MODULES="${PCVE_TEST_MODULES:-$ALL}"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$ROOT/.stack/data/filestore/$DB"
}
trap cleanup EXIT

echo "[test] installing $MODULES into $DB (log: $LOG)"
bash tools/odoo.sh -c "$CONF" -d "$DB" -i "$MODULES" --with-demo --stop-after-init \
    --http-port "${PCVE_TEST_PORT:-8169}" --max-cron-threads=0 >"$LOG" 2>&1
rc=$?
if [ "$rc" -ne 0 ] || grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG"; then
    grep -A20 -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" | head -60
    tail -20 "$LOG"
    cp "$LOG" "$ROOT/.stack/last-failed-test.log"
    echo "[test] the suite does not install (exit $rc): see $LOG"
    echo "0 passed, 1 failed"
    exit 1
fi

# Without PCVE_TEST_MODULES, pytest.ini's testpaths: addons, tests/pcve_tests, tests/integration.
paths=()
if [ -n "${PCVE_TEST_MODULES:-}" ]; then
    for m in ${MODULES//,/ }; do
        for d in addons/$m tests/$m; do [ -d "$d" ] && paths+=("$d"); done
    done
    paths+=(tests/integration)
fi
echo "[test] running pytest on $DB (JUnit XML: .stack/pytest-$DB.xml)"
"$PY" -m pytest --odoo-database="$DB" --odoo-extra="logfile=$LOG" \
    --junitxml="$ROOT/.stack/pytest-$DB.xml" "${paths[@]}" "$@"
rc=$?
[ "$rc" -eq 0 ] || cp "$LOG" "$ROOT/.stack/last-failed-test.log"
exit "$rc"
