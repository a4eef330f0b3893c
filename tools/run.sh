#!/usr/bin/env bash
# README's run command (`make run`): set up if needed, create or reuse a database
# with the four addons and their demo data, and serve Odoo on http://localhost:8069.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup.sh
PY="$ROOT/.stack/venv/bin/python"
DB="${PCVE_DB:-pcve}"
PORT="${PCVE_PORT:-8069}"
MODULES="pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"

if "$PY" - "$PORT" <<'PYEOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
PYEOF
then
    echo "[run] ERROR: port $PORT is already in use; stop what listens there or set PCVE_PORT." >&2
    exit 1
fi

installed=$(psql -d "$DB" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('pcve_partners','pcve_casework','pcve_safespaces','pcve_evaluation')" 2>/dev/null || echo 0)
if [ "$installed" != "4" ]; then
    echo "[run] installing $MODULES with demo data into database $DB (first run: about a minute)"
    "$PY" -m odoo -c odoo.conf -d "$DB" -i "$MODULES" --with-demo --stop-after-init \
        --http-port "$PORT" --log-level=warn >"$ROOT/.stack/run-install.log" 2>&1 \
        || { tail -30 "$ROOT/.stack/run-install.log"; echo "[run] ERROR: installation failed (see .stack/run-install.log)." >&2; exit 1; }
fi

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
exec "$PY" -m odoo -c odoo.conf -d "$DB" --db-filter="^$DB\$" --http-port "$PORT"
