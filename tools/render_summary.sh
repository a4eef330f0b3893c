#!/usr/bin/env bash
# Renders the Summary sheet of a real evaluation workbook to docs/images/summary_sheet.png:
# generates the workbook of the newest evaluation review in database $1 (default: pcve,
# the `make run` database), converts it with LibreOffice and rasterises page 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${1:-pcve}"
OUT="$ROOT/docs/images"
CONF="$ROOT/.stack/odoo.conf"
[ -f "$CONF" ] || { echo "[render] ERROR: $CONF is missing: run make setup" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
bash tools/odoo.sh shell -c "$CONF" -d "$DB" --no-http --log-level=warn >/dev/null <<PYEOF
review = env["pcve.evaluation.review"].search([], order="date_to desc, id desc", limit=1)
report = env.ref("pcve_evaluation.evaluation_workbook")
content, _ = env["ir.actions.report"]._render(report.report_name, review.ids)
open("$TMP/workbook.xlsx", "wb").write(content)
PYEOF
(cd "$TMP" && soffice --headless --convert-to pdf workbook.xlsx >/dev/null 2>&1)
pdftoppm -png -r 130 -f 1 -l 1 "$TMP/workbook.pdf" "$TMP/page"
# Crop the page margins away.
"$ROOT/.stack/venv/bin/python" - "$(ls "$TMP"/page*.png | head -n1)" "$OUT/summary_sheet.png" <<'PYEOF'
import sys
from PIL import Image, ImageChops, ImageOps
page = Image.open(sys.argv[1]).convert("RGB")
box = ImageChops.difference(page, Image.new("RGB", page.size, "white")).getbbox()
ImageOps.expand(page.crop(box), border=16, fill="white").save(sys.argv[2], optimize=True)
PYEOF
echo "[render] $OUT/summary_sheet.png"
