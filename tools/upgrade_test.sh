#!/usr/bin/env bash
# Upgrade test (part of `make test`): install the suite as it was at a previous
# commit (PCVE_UPGRADE_FROM, default below: the layout before issue #14) into a
# fresh database with its demo data, add what an upgrade could lose (audit
# entries, a Dutch translation, non-default settings, a user in the suite's
# groups), upgrade it in place with this tree (`-u all`) and compare the two
# snapshots taken by tools/upgrade_check.py: same rows, groups and members, xml
# ids, audit trail, translations and settings, nothing orphaned.
# Prints "upgrade: N passed, N failed" and exits non-zero on a loss.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONF="$ROOT/.stack/odoo.conf"
[ -f "$CONF" ] || { echo "[upgrade] ERROR: $CONF is missing: run make setup" >&2; exit 1; }
FROM="${PCVE_UPGRADE_FROM:-a1d96ad}"
PORT="${PCVE_TEST_PORT:-8169}"
DB="pcve_upgrade_$(date +%s)_$$"
LOG="$ROOT/.stack/$DB.log"
OLD="$(mktemp -d)"
SUITE="pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
# PCVE_UPGRADE_KEEP=1 keeps the database and the snapshots, to look into a failure.
if [ "${PCVE_UPGRADE_KEEP:-}" == "1" ]; then echo "[upgrade] keeping $DB and $OLD"
else trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$OLD"' EXIT; fi
passed=0; failed=0
check() {  # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "[upgrade] FAIL: $1 (expected $2, got $3)"; fi
}
finish() {
    [ "$failed" -eq 0 ] || { grep -E ' (ERROR|CRITICAL) ' "$LOG" | cut -c1-300 | head -10; echo "[upgrade] log: $LOG"; }
    [ "$failed" -eq 0 ] && rm -f "$LOG"
    echo "upgrade: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
mark=0; : >"$LOG"
step() { mark=$(wc -l <"$LOG" 2>/dev/null || echo 0); }  # errors() counts from here
errors() { tail -n +$((mark + 1)) "$LOG" | grep -cE ' (ERROR|CRITICAL) '; }
# The old layout comes from the clone's own history (a shallow clone lacks it).
if ! git cat-file -e "$FROM^{commit}" 2>/dev/null; then
    echo "[upgrade] ERROR: commit $FROM is not in this clone (shallow? run git fetch --unshallow)"
    check "previous layout $FROM is in the history" yes no; finish
fi
git archive "$FROM" addons | tar -x -C "$OLD"
echo "[upgrade] installing the suite as of $(git log -1 --format='%h %cs' "$FROM") into $DB (log: $LOG)"
step
bash tools/odoo.sh -c "$CONF" -d "$DB" --addons-path "$OLD/addons" -i "$SUITE" --with-demo \
    --stop-after-init --http-port "$PORT" --max-cron-threads=0 --log-level=warn >>"$LOG" 2>&1
check "previous layout installs without errors" 0 "$(errors)"
[ "$failed" -eq 0 ] || finish
step
PCVE_UPGRADE_STEP=seed PCVE_UPGRADE_OUT="$OLD/before.json" bash tools/odoo.sh shell -c "$CONF" -d "$DB" \
    --addons-path "$OLD/addons" --http-port "$PORT" --log-level=warn <tools/upgrade_check.py >>"$LOG" 2>&1
check "data seeded and snapshot taken before the upgrade" "0 yes" "$(errors) $([ -s "$OLD/before.json" ] && echo yes)"
[ "$failed" -eq 0 ] || finish

echo "[upgrade] upgrading $DB in place with this tree (-u all)"
step
bash tools/odoo.sh -c "$CONF" -d "$DB" -u all --stop-after-init --http-port "$PORT" \
    --max-cron-threads=0 --log-level=warn >>"$LOG" 2>&1
check "upgrade (-u all) runs without errors" 0 "$(errors)"
[ "$failed" -eq 0 ] || finish
step
PCVE_UPGRADE_STEP=snapshot PCVE_UPGRADE_OUT="$OLD/after.json" bash tools/odoo.sh shell -c "$CONF" -d "$DB" \
    --http-port "$PORT" --log-level=warn <tools/upgrade_check.py >>"$LOG" 2>&1
check "snapshot taken after the upgrade" "0 yes" "$(errors) $([ -s "$OLD/after.json" ] && echo yes)"
[ "$failed" -eq 0 ] || finish

"$ROOT/.stack/venv/bin/python" tools/upgrade_check.py compare "$OLD/before.json" "$OLD/after.json"
check "nothing lost in the upgrade" 0 $?
finish
