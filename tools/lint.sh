#!/usr/bin/env bash
# `make lint` (and the first step of `make test`): OCA's pre-commit checks over the whole
# tree (.pre-commit-config.yaml): ruff, pylint-odoo's mandatory and optional checks
# (.pylintrc), oca-checks-odoo-module, oca-checks-po, prettier with its XML plugin, and the
# generated README.md/index.html and docs/privacy.md. Every hook is local and runs a
# tool that tools/setup.sh installed from pinned packages: nothing is downloaded here.
# A hook that fixes files (the formatters) fails the run and leaves the fix in the tree.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.stack/lint-venv/bin"
if [ ! -x "$BIN/pre-commit" ] || [ ! -x "$ROOT/.stack/node/node_modules/.bin/prettier" ]; then
    echo "[lint] the lint tools are missing: run tools/setup.sh (make setup)" >&2
    exit 1
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "[lint] pre-commit needs a git checkout (a clone or a worktree) of the repository" >&2
    exit 1
fi
# pre-commit keeps its small state database here instead of the user's cache.
export PRE_COMMIT_HOME="$ROOT/.stack/pre-commit"
"$BIN/pre-commit" run --all-files --show-diff-on-failure --color=never
status=$?
[ "$status" -eq 0 ] && echo "[lint] pre-commit run --all-files: every hook passed"
exit $status
