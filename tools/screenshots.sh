#!/usr/bin/env bash
# README's screenshots (`make screenshots`): create or reuse the demo database
# $PCVE_SCREENS_DB (default pcve_screens; PCVE_SCREENS_FRESH=1 recreates it),
# serve it on 127.0.0.1:$PCVE_SCREENS_PORT (default 8071), take the pictures of
# tools/screenshots.py with headless Chromium as the demo users and render the
# workbook's Summary sheet (tools/render_summary.sh), all into docs/images/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup.sh
PY="$ROOT/.stack/venv/bin/python"
DB="${PCVE_SCREENS_DB:-pcve_screens}"
PORT="${PCVE_SCREENS_PORT:-8071}"
MODULES="pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
LOG="$ROOT/.stack/screenshots-server.log"

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
    echo "[screenshots] ERROR: port $PORT is already in use; set PCVE_SCREENS_PORT." >&2
    exit 1
fi

if [ "${PCVE_SCREENS_FRESH:-}" = "1" ]; then
    dropdb --if-exists "$DB"
fi
installed=$(psql -d "$DB" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('pcve_partners','pcve_casework','pcve_safespaces','pcve_evaluation')" 2>/dev/null || echo 0)
if [ "$installed" != "4" ]; then
    echo "[screenshots] installing $MODULES with demo data into database $DB"
    "$PY" -m odoo -c odoo.conf -d "$DB" -i "$MODULES" --with-demo --stop-after-init \
        --http-port "$PORT" --log-level=warn >"$LOG" 2>&1 \
        || { tail -30 "$LOG"; echo "[screenshots] ERROR: installation failed (see $LOG)." >&2; exit 1; }
fi

echo "[screenshots] serving $DB on http://127.0.0.1:$PORT (log: $LOG)"
"$PY" -m odoo -c odoo.conf -d "$DB" --db-filter="^$DB\$" --http-port "$PORT" \
    --max-cron-threads=0 --log-level=warn >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$PORT/web/health" >/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { tail -30 "$LOG"; echo "[screenshots] ERROR: Odoo stopped." >&2; exit 1; }
    sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/web/health" >/dev/null \
    || { echo "[screenshots] ERROR: Odoo did not answer on port $PORT." >&2; exit 1; }

"$PY" tools/screenshots.py --url "http://127.0.0.1:$PORT" --db "$DB" --out docs/images
bash tools/render_summary.sh "$DB"
"$PY" tools/screenshots.py --optimise docs/images/summary_sheet.png
