#!/usr/bin/env bash
# Writes a production configuration from deploy/odoo.conf.template:
#
#   deploy/make_config.sh OUTPUT --db-host HOST --db-password PASSWORD \
#       [--db-replica-host HOST] [--workers N] [--data-dir DIR] [--logfile FILE]
#
# A random master password is generated and only its pbkdf2 hash is written; the
# clear password is printed once on stderr, for the vault. Without a replica the
# replica lines are left out. PYTHON (default python3) is the Python that runs Odoo.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3}"
out="${1:?usage: make_config.sh OUTPUT --db-host HOST --db-password PASSWORD [options]}"
shift
db_host="" db_password="" replica="" workers=5 data_dir=/var/lib/odoo logfile=/var/log/odoo/pcve.log
while [ $# -gt 0 ]; do
    case "$1" in
        --db-host) db_host="$2" ;;
        --db-password) db_password="$2" ;;
        --db-replica-host) replica="$2" ;;
        --workers) workers="$2" ;;
        --data-dir) data_dir="$2" ;;
        --logfile) logfile="$2" ;;
        *) echo "make_config.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
[ -n "$db_host" ] && [ -n "$db_password" ] || { echo "make_config.sh: --db-host and --db-password are required" >&2; exit 2; }
password="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))')"
hash="$(PCVE_PW="$password" "$PYTHON" -c \
    'import os; from odoo.tools.config import crypt_context; print(crypt_context.hash(os.environ["PCVE_PW"]))')"
umask 077
PCVE_HASH="$hash" PCVE_DB_HOST="$db_host" PCVE_DB_PASSWORD="$db_password" PCVE_REPLICA="$replica" \
PCVE_WORKERS="$workers" PCVE_DATA_DIR="$data_dir" PCVE_LOGFILE="$logfile" \
"$PYTHON" - "$HERE/odoo.conf.template" "$out" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
env = os.environ
for key, value in {
    "@ADMIN_PASSWD@": env["PCVE_HASH"],
    "@DB_HOST@": env["PCVE_DB_HOST"],
    "@DB_PASSWORD@": env["PCVE_DB_PASSWORD"],
    "@DB_REPLICA_HOST@": env["PCVE_REPLICA"],
}.items():
    text = text.replace(key, value)
text = re.sub(r"(?m)^workers = .*$", f"workers = {env['PCVE_WORKERS']}", text)
text = re.sub(r"(?m)^data_dir = .*$", f"data_dir = {env['PCVE_DATA_DIR']}", text)
text = re.sub(r"(?m)^logfile = .*$", f"logfile = {env['PCVE_LOGFILE']}", text)
if not env["PCVE_REPLICA"]:
    text = re.sub(r"(?m)^db_replica_(host|port) = .*\n", "", text)
open(sys.argv[2], "w").write(text)
PY
echo "master password (store it in your vault, it is not written anywhere): $password" >&2
