#!/usr/bin/env bash
# README's test command (`make test`): set up if needed, lint, install the four
# addons with their demo data and the cross-addon test addon into a fresh
# throwaway database, run every test (browser tests included) and fail on any
# failure, error or skipped browser test, then run the short load test against
# that database, the coexistence check (PCVE_SKIP_COEXISTENCE=1 skips it) and the
# upgrade test from the previous layout (tools/upgrade_test.sh, PCVE_SKIP_UPGRADE=1
# skips it). Odoo's exit code does not always reflect failures, so the
# verdict is read from its log.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup.sh || exit 1
bash tools/lint.sh || { echo "0 passed, 1 failed"; exit 1; }

PY="$ROOT/.stack/venv/bin/python"
CONF="$ROOT/.stack/odoo.conf"
DB="pcve_test_$(date +%s)_$$"
LOG="$ROOT/.stack/test-$DB.log"
MODULES="${PCVE_TEST_MODULES:-pcve_base,pcve_audit,pcve_partners,pcve_casework,pcve_safespaces,pcve_casework_partners,pcve_evaluation,pcve_tests}"
# Only the suite's own tests: without tags Odoo would run every installed module's tests.
TAGS="${PCVE_TEST_TAGS:-$(sed -E 's#(^|,)#\1/#g' <<<"$MODULES")}"
cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "[test] installing $MODULES into $DB and running their tests (log: $LOG)"
args=(-c "$CONF" -d "$DB" -i "$MODULES" --with-demo --test-enable --stop-after-init
      --http-port "${PCVE_TEST_PORT:-8169}" --log-level=test --max-cron-threads=0)
args+=(--test-tags "$TAGS")
bash tools/odoo.sh "${args[@]}" >"$LOG" 2>&1
rc=$?

# What went wrong, if anything, in a readable excerpt.
grep -E ' (ERROR|CRITICAL) ' "$LOG" | head -40
grep -E 'FAIL:|ERROR:' "$LOG" | head -40

result=$(grep -E 'odoo\.tests\.result: .* failed, .* error\(s\) of [0-9]+ tests' "$LOG" | tail -n1)
if [ -z "$result" ]; then
    tail -40 "$LOG"
    echo "[test] Odoo did not report a test result (exit $rc)."
    echo "0 passed, 1 failed"
    exit 1
fi
failed=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/' <<<"$result")
errors=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/' <<<"$result")
total=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/' <<<"$result")
skipped=$(grep -cE 'odoo\.addons\..* skipped ' "$LOG" || true)
browser_skips=$(grep -cE 'websocket-client module is not installed|Chrome executable not found|Cannot find Chrome' "$LOG" || true)
log_errors=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" || true)
grep -E 'odoo\.tests\.stats: ' "$LOG" | sed 's/.*odoo.tests.stats: /[test] /'

bad=$((failed + errors))

# The short load test (tools/loadtest.py) against the test database before it is
# dropped: a multi-worker server, demo users, no error allowed. Counts as one test.
load_out=$("$PY" tools/loadtest.py --db "$DB" --port "${PCVE_TEST_PORT:-8169}" \
    --duration "${PCVE_LOAD_DURATION:-15}" 2>&1)
load_rc=$?
echo "$load_out" | grep -vE '^\[loadtest\] (reusing|[0-9]+ sessions created)'
total=$((total + 1))
if [ "$load_rc" -ne 0 ]; then failed=$((failed + 1)); bad=$((bad + 1))
else rm -f "$ROOT/.stack/loadtest-$DB.log"; fi
# Each domain addon installs alone (with its base addons) into a fresh
# database and its own tests pass there; casework must not pull in partners,
# contacts or calendar. PCVE_SKIP_ALONE=1 skips this while iterating.
alone_run() {  # alone_run <addon> <modules that must not be installed>
    local addon="$1" forbidden="$2" adb="pcve_alone_$1_$(date +%s)_$$"
    local alog="$ROOT/.stack/test-$adb.log" ares afailed aerrors atotal extra
    echo "[test] $addon alone: installing into $adb and running its tests (log: $alog)"
    bash tools/odoo.sh -c "$CONF" -d "$adb" -i "$addon" --with-demo --test-enable \
        --stop-after-init --http-port "${PCVE_TEST_PORT:-8169}" --log-level=test \
        --max-cron-threads=0 --test-tags "/$addon" >"$alog" 2>&1
    ares=$(grep -E 'odoo\.tests\.result: .* failed, .* error\(s\) of [0-9]+ tests' "$alog" | tail -n1)
    extra=""
    if [ -n "$forbidden" ]; then
        extra=$(psql -d "$adb" -tAc "SELECT string_agg(name, ',') FROM ir_module_module
            WHERE state = 'installed' AND name IN ($forbidden)")
    fi
    dropdb --if-exists "$adb" >/dev/null 2>&1 || true
    if [ -z "$ares" ]; then
        tail -20 "$alog"; echo "[test] $addon alone: no test result"
        total=$((total + 1)); failed=$((failed + 1)); bad=$((bad + 1)); rc=1; return
    fi
    afailed=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/' <<<"$ares")
    aerrors=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/' <<<"$ares")
    atotal=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/' <<<"$ares")
    grep -E 'FAIL:|ERROR:' "$alog" | head -20
    total=$((total + atotal + 1)); bad=$((bad + afailed + aerrors))
    if [ -n "$extra" ]; then
        echo "[test] $addon alone installed $extra"; failed=$((failed + 1)); bad=$((bad + 1)); rc=1
    fi
    if [ $((afailed + aerrors)) -gt 0 ]; then rc=1; cp "$alog" "$ROOT/.stack/last-failed-test.log"
    else rm -f "$alog"; fi
    echo "[test] $addon alone: $((atotal - afailed - aerrors)) of $atotal passed"
}
if [ "${PCVE_SKIP_ALONE:-}" != "1" ]; then
    alone_run pcve_casework "'pcve_partners', 'contacts', 'calendar'"
    alone_run pcve_partners "'pcve_casework', 'pcve_safespaces', 'calendar'"
    alone_run pcve_safespaces "'pcve_partners', 'pcve_casework'"
fi
if [ "${PCVE_SKIP_COEXISTENCE:-}" != "1" ]; then
    coexist_out=$(bash tools/coexistence.sh)
    echo "$coexist_out"
    coexist=$(tail -n1 <<<"$coexist_out")
    c_passed=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$coexist")
    c_failed=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$coexist")
    total=$((total + c_passed + c_failed)); failed=$((failed + c_failed))
    bad=$((bad + c_failed)); [ "$c_failed" -eq 0 ] || rc=1
fi
if [ "${PCVE_SKIP_UPGRADE:-}" != "1" ]; then
    upgrade_start=$SECONDS
    upgrade_out=$(bash tools/upgrade_test.sh)
    upgrade=$(grep -E '^upgrade: [0-9]+ passed, [0-9]+ failed$' <<<"$upgrade_out" || echo "upgrade: 0 passed, 1 failed")
    u_passed=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$upgrade")
    u_failed=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$upgrade")
    # The notes (what the new layout added or moved) only when something was lost.
    if [ "$u_failed" -eq 0 ]; then grep -vE '^\[upgrade\] note: ' <<<"$upgrade_out"; else echo "$upgrade_out"; fi
    echo "[test] upgrade test: $((SECONDS - upgrade_start)) s"
    total=$((total + u_passed + u_failed)); failed=$((failed + u_failed))
    bad=$((bad + u_failed)); [ "$u_failed" -eq 0 ] || rc=1
fi
passed=$((total - bad - skipped))
status=0
if [ "$bad" -gt 0 ] || [ "$rc" -ne 0 ]; then status=1; fi
if [ "$browser_skips" -gt 0 ]; then echo "[test] browser tests were skipped: that is a failure"; status=1; fi
if [ "$skipped" -gt 0 ]; then echo "[test] $skipped test(s) skipped"; grep -E 'odoo\.addons\..* skipped ' "$LOG" | head; status=1; fi
if [ "$log_errors" -gt 0 ] && [ "$bad" -eq 0 ]; then
    echo "[test] the log has $log_errors ERROR line(s) outside test failures"; status=1; bad=$log_errors
fi
[ "$status" -eq 0 ] || cp "$LOG" "$ROOT/.stack/last-failed-test.log"
echo "$passed passed, $bad failed, $skipped skipped"
exit $status
