#!/usr/bin/env bash
# ruff (OCA isort sections odoo/odoo-addons) and pylint-odoo's mandatory checks: zero findings.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.stack/venv/bin"
paths=(addons tests tools bench deploy)
status=0
"$BIN/ruff" check --quiet "${paths[@]}" || status=1
"$BIN/ruff" format --check --quiet "${paths[@]}" || { "$BIN/ruff" format --diff "${paths[@]}" 2>&1 | head -60; status=1; }
mods=$(ls -d addons/*/ tests/*/ 2>/dev/null | grep -v __pycache__)
"$BIN/pylint" --rcfile=.pylintrc-mandatory $mods || status=1
"$BIN/python" tools/privacy_doc.py --check || status=1
[ "$status" -eq 0 ] && echo "[lint] ruff and pylint-odoo mandatory checks: 0 findings"
exit $status
