#!/usr/bin/env bash
# Builds each addon's wheel (OCA's whool backend, from its manifest) into
# DIR/wheels, and installs them into a throwaway venv, DIR/wheel-venv, that
# sees the stack's Odoo and Python packages but not this repository's addons
# folder: Odoo started with that venv's Python finds the addons where pip put
# them (site-packages/odoo/addons), as on a server that ran `pip install`.
#
#   bash tools/wheels.sh [DIR]  # DIR defaults to .stack; prints the throwaway venv's python
#
# `make test` runs it (tests/integration/test_wheels.py) and installs the suite
# from that venv into a database.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$ROOT/.stack"
PIP=("$STACK/venv/bin/pip" --disable-pip-version-check -q)
DIR="$(realpath -m "${1:-$STACK}")"
WHEELS="$DIR/wheels"
VENV="$DIR/wheel-venv"
rm -rf "$WHEELS" "$VENV"
# whool is in requirements.txt: no build isolation, so nothing is fetched here.
"${PIP[@]}" wheel --no-deps --no-build-isolation -w "$WHEELS" "$ROOT"/addons/*/ >&2
base=$("$STACK/venv/bin/python" -c 'import sys; print(sys._base_executable)')
"$base" -m venv --without-pip "$VENV"
purelib() { "$1" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'; }
# The stack venv's site-packages as a site directory: its own .pth files (the one
# naming Odoo's dist-packages) apply too.
stack_site=$(purelib "$STACK/venv/bin/python")
printf 'import site; site.addsitedir(%s)\n' "'$stack_site'" >"$(purelib "$VENV/bin/python")/pcve-stack.pth"
# --no-index: every dependency a wheel declares (odoo, auditlog, report_xlsx,
# vobject, the other pcve addons) must already be there or among the wheels.
names=$(cd "$WHEELS" && ls -- *.whl | sed -E 's/^odoo_addon_([a-z0-9_]+)-.*/odoo-addon-\1/')
# shellcheck disable=SC2086
"${PIP[@]}" --python "$VENV/bin/python" install --no-index --find-links "$WHEELS" $names >&2
echo "$VENV/bin/python"
