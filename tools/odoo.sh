#!/usr/bin/env bash
# Starts Odoo as its package does, through the launcher script usr/bin/odoo
# (odoo-bin-style), with the venv's Python: every tool of the suite starts Odoo
# through this file, never as a module (Python's -m switch).
#
#   bash tools/odoo.sh [subcommand] -c .stack/odoo.conf [options]
#
# Why: worker mode starts its gevent child, and the watchdog re-executes the
# server, with sys.argv[0] as the program: run as a module (-m) that is
# odoo/__main__.py, which cannot run as a script ("attempted relative import").
# The venv's bin comes first in PATH because the re-exec starts "python" by its
# bare name, which Python looks up in PATH to find its venv; without it the
# re-executed server would not find Odoo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.stack/venv/bin:$PATH"
exec "$ROOT/.stack/venv/bin/python" "$ROOT/.stack/odoo/usr/bin/odoo" "$@"
