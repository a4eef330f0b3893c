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
CONF="$ROOT/.stack/odoo.conf"
DB="${PCVE_SCREENS_DB:-pcve_screens}"
PORT="${PCVE_SCREENS_PORT:-8071}"
LOG="$ROOT/.stack/screenshots-server.log"

# shellcheck source=tools/demo_db.sh
source tools/demo_db.sh
require_free_port screenshots "$PORT" "set PCVE_SCREENS_PORT."
if [ "${PCVE_SCREENS_FRESH:-}" = "1" ]; then
    dropdb --if-exists "$DB"
fi
ensure_demo_db screenshots "$DB" "$PORT" "$LOG"

echo "[screenshots] serving $DB on http://127.0.0.1:$PORT (log: $LOG)"
bash tools/odoo.sh -c "$CONF" -d "$DB" --db-filter="^$DB\$" --http-port "$PORT" \
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
