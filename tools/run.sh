#!/usr/bin/env bash
# README's run command (`make run`): set up if needed, create or reuse a database
# with the four addons and their demo data, and serve Odoo on http://localhost:8069.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup.sh
PY="$ROOT/.stack/venv/bin/python"
CONF="$ROOT/.stack/odoo.conf"
DB="${PCVE_DB:-pcve}"
PORT="${PCVE_PORT:-8069}"
# shellcheck source=tools/demo_db.sh
source tools/demo_db.sh
require_free_port run "$PORT" "stop what listens there or set PCVE_PORT."
ensure_demo_db run "$DB" "$PORT" "$ROOT/.stack/run-install.log"

cat <<MSG
[run] Odoo 19 with the pcve suite: http://localhost:$PORT  (database: $DB)
[run] Demo logins (password = login):
        admin        administrator, every role
        staff        municipal staff (communities and partner profiles)
        assessor     partner assessor
        approver     partner assessment approver
        liaison      security liaison (intelligence checks)
        pcvemanager  partners manager (configuration)
        caseworker   professional case worker
        volunteer    faith volunteer: sees only his cases
        casemanager  case manager
        psychologist, youthworker  professionals on case teams
        pastor       faith volunteer
        organiser    safe-space organiser
        safespaceuser safe-space user (calendar, concerns)
        evaluator    evaluation manager (reviews, workbook)
[run] Stop with Ctrl-C.
MSG
exec bash tools/odoo.sh -c "$CONF" -d "$DB" --db-filter="^$DB\$" --http-port "$PORT"
