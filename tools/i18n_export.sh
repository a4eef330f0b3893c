#!/usr/bin/env bash
# Regenerate addons/<addon>/i18n/<addon>.pot with Odoo's `i18n export` command.
#
#   tools/i18n_export.sh [addon ...]        (default: every pcve_* addon)
#
# The terms are read from a database ($I18N_DB, default pcve_i18n) on which the
# addons are installed (without demo data) or updated first, so that the
# templates match the code. A template whose only change is its creation date
# is left as it was, so running the script twice gives no diff.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONF="$ROOT/.stack/odoo.conf"
[ -f "$CONF" ] || { echo "[i18n] ERROR: $CONF is missing: run make setup" >&2; exit 1; }
DB="${I18N_DB:-pcve_i18n}"
[ $# -gt 0 ] || set -- pcve_base pcve_audit pcve_partners pcve_casework pcve_safespaces pcve_evaluation \
    pcve_casework_partners pcve_safespaces_partners
mods="$(IFS=,; echo "$*")"

echo "[i18n] installing or updating $mods on database $DB"
bash tools/odoo.sh -c "$CONF" -d "$DB" -i "$mods" -u "$mods" --stop-after-init \
    --no-http --max-cron-threads=0 --log-level=warn

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
strip_dates() { grep -v -e '^"POT-Creation-Date:' -e '^"PO-Revision-Date:' "$1"; }
for addon in "$@"; do
    pot="addons/$addon/i18n/$addon.pot"
    bash tools/odoo.sh i18n export -c "$CONF" -d "$DB" -o "$tmp/$addon.pot" "$addon" \
        2> >(grep -E 'WARNING|ERROR|CRITICAL' >&2 || true)
    if [ -f "$pot" ] && diff -q <(strip_dates "$pot") <(strip_dates "$tmp/$addon.pot") >/dev/null; then
        echo "[i18n] $pot unchanged"
    else
        mkdir -p "$(dirname "$pot")"
        cp "$tmp/$addon.pot" "$pot"
        echo "[i18n] $pot written"
    fi
done
