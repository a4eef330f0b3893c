# Sourced by tools/run.sh and tools/screenshots.sh (after ROOT, PY, CONF are set):
#   require_free_port TAG PORT HINT   exit with a one-line error when PORT is taken
#   ensure_demo_db TAG DB PORT LOG    install the four addons with demo data into DB unless present
SUITE_MODULES="pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"

require_free_port() {
    if "$PY" - "$2" <<'PYEOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
PYEOF
    then
        echo "[$1] ERROR: port $2 is already in use; $3" >&2
        exit 1
    fi
}

ensure_demo_db() {
    local installed
    installed=$(psql -d "$2" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('pcve_partners','pcve_casework','pcve_safespaces','pcve_evaluation')" 2>/dev/null || echo 0)
    if [ "$installed" != "4" ]; then
        echo "[$1] installing $SUITE_MODULES with demo data into database $2 (first run: one to three minutes)"
        bash "$ROOT/tools/odoo.sh" -c "$CONF" -d "$2" -i "$SUITE_MODULES" --with-demo --stop-after-init \
            --http-port "$3" --log-level=warn >"$4" 2>&1 \
            || { tail -30 "$4"; echo "[$1] ERROR: installation failed (see $4)." >&2; exit 1; }
    fi
}
