#!/usr/bin/env bash
# The field-conditions check of issues #13/#14: N fresh clones of a commit run
# `make test` one after the other, each while one CPU hog per core (`yes`) runs
# beside it; stops at the first failure. Logs and a one-line summary per run in
# OUT (default /tmp/pcve-loaded).
#
#   bash tools/loaded_test.sh [COMMIT] [N]      # default: HEAD, 3 runs
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit=$(git -C "$ROOT" rev-parse "${1:-HEAD}")
runs="${2:-3}"
out="${OUT:-/tmp/pcve-loaded}"
mkdir -p "$out"
for i in $(seq "$runs"); do
    dir="$out/clone$i"
    rm -rf "$dir" && git clone -q "$ROOT" "$dir" && git -C "$dir" checkout -q "$commit"
    hogs=()
    for _ in $(seq "$(nproc)"); do yes >/dev/null & hogs+=($!); done
    start=$(date +%s)
    (cd "$dir" && make test) >"$out/run$i.log" 2>&1
    rc=$?
    kill "${hogs[@]}" 2>/dev/null
    line="run $i of $runs, commit ${commit:0:7}, exit $rc, $(( $(date +%s) - start )) s: $(tail -n1 "$out/run$i.log")"
    echo "$line" | tee -a "$out/summary.log"
    [ "$rc" -eq 0 ] || exit "$rc"
    rm -rf "$dir"
done
