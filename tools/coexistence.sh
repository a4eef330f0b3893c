#!/usr/bin/env bash
# Coexistence check (part of `make test`): install the suite into a database that
# already runs contacts, calendar, event, hr and project, uninstall it again, and
# check that nothing collides and nothing is left behind.
# Prints "coexistence: N passed, N failed" and exits non-zero on a failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONF="$ROOT/.stack/odoo.conf"
[ -f "$CONF" ] || { echo "[coexistence] ERROR: $CONF is missing: run make setup" >&2; exit 1; }
DB="pcve_coexist_$(date +%s)_$$"
LOG="$ROOT/.stack/$DB.log"
SUITE="pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
passed=0; failed=0
check() {  # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "[coexistence] FAIL: $1 (expected $2, got $3)"; fi
}
q() { psql -d "$DB" -tAc "$1"; }
odoo() { bash tools/odoo.sh "$@" --log-level=warn >>"$LOG" 2>&1; }

odoo -c "$CONF" -d "$DB" -i contacts,calendar,event,hr,project --stop-after-init --http-port 8179
check "other apps install" 0 "$(grep -cE ' (ERROR|CRITICAL) ' "$LOG")"
odoo -c "$CONF" -d "$DB" -i "$SUITE" --stop-after-init --http-port 8179
check "suite installs beside other apps without errors" 0 "$(grep -cE ' (ERROR|CRITICAL) ' "$LOG")"
check "four addons installed" 4 "$(q "SELECT count(*) FROM ir_module_module WHERE name IN ('pcve_partners','pcve_casework','pcve_safespaces','pcve_evaluation') AND state='installed'")"
check "no two top menus share a name" 0 "$(q "SELECT count(*) FROM (SELECT name->>'en_US' FROM ir_ui_menu WHERE parent_id IS NULL AND active GROUP BY 1 HAVING count(*) > 1) d")"
check "no two groups share a name within a privilege" 0 "$(q "SELECT count(*) FROM (SELECT privilege_id, name->>'en_US' FROM res_groups GROUP BY 1, 2 HAVING count(*) > 1) d")"
check "no other app's view was replaced" 0 "$(q "SELECT count(*) FROM ir_ui_view v JOIN ir_model_data d ON d.res_id = v.id AND d.model = 'ir.ui.view' WHERE d.module LIKE 'pcve_%' AND v.mode = 'primary' AND v.inherit_id IS NOT NULL")"

bash tools/odoo.sh module uninstall -c "$CONF" -d "$DB" pcve_evaluation pcve_casework_partners pcve_safespaces_partners pcve_safespaces pcve_casework pcve_partners pcve_audit pcve_base >>"$LOG" 2>&1
check "suite uninstalls without errors" 0 "$(grep -cE ' (ERROR|CRITICAL) ' "$LOG")"
check "no module left installed" 0 "$(q "SELECT count(*) FROM ir_module_module WHERE name LIKE 'pcve_%' AND state <> 'uninstalled'")"
check "no model left" 0 "$(q "SELECT count(*) FROM ir_model WHERE model LIKE 'pcve.%'")"
check "no field left" 0 "$(q "SELECT count(*) FROM ir_model_fields WHERE name LIKE 'pcve_%' OR model LIKE 'pcve.%'")"
check "no xml id left" 0 "$(q "SELECT count(*) FROM ir_model_data WHERE module LIKE 'pcve_%'")"
check "no menu left" 0 "$(q "SELECT count(*) FROM ir_ui_menu WHERE name->>'en_US' = 'Community Engagement'")"
check "no view left" 0 "$(q "SELECT count(*) FROM ir_ui_view WHERE arch_db::text LIKE '%pcve\_%'")"
check "no table left" 0 "$(q "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'pcve\_%'")"
check "no column left on res_partner" 0 "$(q "SELECT count(*) FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name LIKE 'pcve\_%'")"
check "no cron left" 0 "$(q "SELECT count(*) FROM ir_cron WHERE cron_name LIKE 'P/CVE%'")"
check "other apps still installed" 5 "$(q "SELECT count(*) FROM ir_module_module WHERE name IN ('contacts','calendar','event','hr','project') AND state='installed'")"
[ "$failed" -eq 0 ] || { grep -E ' (ERROR|CRITICAL) ' "$LOG" | head -10; echo "[coexistence] log: $LOG"; }
[ "$failed" -eq 0 ] && rm -f "$LOG"
echo "coexistence: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
