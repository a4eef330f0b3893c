#!/usr/bin/env bash
# Brings up a real Odoo 19 stack for this project, from nothing, on Debian/Ubuntu.
# Idempotent: a second run only checks and takes seconds.
# Everything it downloads or builds lives in .stack/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$(realpath -m "$ROOT/.stack")"
ODOO_DIR="$STACK/odoo"
DIST="$ODOO_DIR/usr/lib/python3/dist-packages"
VENV="$STACK/venv"
PY="${PYTHON:-python3}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

command -v apt-get >/dev/null || die "apt-get not found: this set-up needs Debian or Ubuntu (see README, Prerequisites)."
command -v dpkg-deb >/dev/null || die "dpkg-deb not found: this set-up needs Debian or Ubuntu."
if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    die "not root and no sudo: run as root or install sudo."
fi
mkdir -p "$STACK"

# ---------------------------------------------------------------- system packages
SYS_PKGS=(postgresql libpq-dev libjs-jquery libjs-jquery-form libjs-underscore
    fonts-font-awesome fonts-roboto-unhinted fonts-inconsolata fonts-ocr-b
    chromium libmagic1 libreoffice-calc-nogui poppler-utils wkhtmltopdf)
missing=()
for p in "${SYS_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq || die "apt-get update failed: no network or no package mirror reachable."
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$STACK/apt-install.log" 2>&1 || die "apt-get install failed (see $STACK/apt-install.log)."
fi

# ---------------------------------------------------------------- Odoo 19 from Debian sid
mirror_url() {
    local u=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        u=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$u" ] && [ -f /etc/apt/sources.list ]; then
        u=$(awk '$1=="deb" {for (i=2;i<=NF;i++) if ($i ~ /^(https?|ftp):/) {print $i; exit}}' /etc/apt/sources.list)
    fi
    # Ubuntu mirrors do not carry Debian sid: allow an explicit override.
    echo "${PCVE_DEBIAN_MIRROR:-$u}"
}

sid_download() {  # sid_download PKG... : downloads .deb files into $STACK/debs
    local mirror; mirror=$(mirror_url)
    [ -n "$mirror" ] || die "no Debian mirror found in the apt configuration; set PCVE_DEBIAN_MIRROR."
    local apt="$STACK/apt"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$STACK/debs"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$apt/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
    if [ -z "$(ls "$apt/lists" 2>/dev/null | grep -v partial)" ]; then
        apt-get "${opts[@]}" update -qq >/dev/null || die "could not read Debian sid's package list from $mirror."
    fi
    (cd "$STACK/debs" && apt-get "${opts[@]}" download "$@" >/dev/null) \
        || die "could not download $* from Debian sid."
}

if [ ! -f "$DIST/odoo/release.py" ]; then
    ls "$STACK"/debs/odoo-19_*.deb >/dev/null 2>&1 || { say "downloading odoo-19 from Debian sid"; sid_download odoo-19; }
    say "unpacking Odoo 19"
    rm -rf "$ODOO_DIR.tmp"
    dpkg-deb -x "$(ls "$STACK"/debs/odoo-19_*.deb | tail -n1)" "$ODOO_DIR.tmp"
    rm -rf "$ODOO_DIR"; mv "$ODOO_DIR.tmp" "$ODOO_DIR"
fi

# The dfsg package replaces bundled JS libraries and fonts by symlinks into
# ../../share/...: point those at the system's packages.
if [ ! -d /usr/share/fonts/truetype/montserrat ] && [ ! -d "$STACK/montserrat/usr/share/fonts" ]; then
    ls "$STACK"/debs/fonts-montserrat_*.deb >/dev/null 2>&1 || { say "downloading fonts-montserrat from Debian sid"; sid_download fonts-montserrat; }
    dpkg-deb -x "$(ls "$STACK"/debs/fonts-montserrat_*.deb | tail -n1)" "$STACK/montserrat"
fi
link_share() {  # link_share RELPATH SOURCE
    local dst="$ODOO_DIR/usr/share/$1"
    [ -e "$dst" ] && return 0
    mkdir -p "$(dirname "$dst")"
    rm -f "$dst"; ln -s "$2" "$dst"
}
link_share javascript /usr/share/javascript
link_share fonts-font-awesome /usr/share/fonts-font-awesome
for d in /usr/share/fonts/truetype/* /usr/share/fonts/opentype/*; do
    [ -d "$d" ] && link_share "${d#/usr/share/}" "$d"
done
if [ -d "$STACK/montserrat/usr/share/fonts" ]; then
    for d in "$STACK"/montserrat/usr/share/fonts/*/*; do
        link_share "${d#"$STACK"/montserrat/usr/share/}" "$d"
    done
fi
broken=$(find "$ODOO_DIR" -xtype l | head -5)
[ -z "$broken" ] || die "Odoo has broken symlinks after repair, e.g.: $broken"
# The dfsg package drops a file the web client's asset bundle still names.
seg="$DIST/odoo/addons/mail/static/lib/selfie_segmentation/selfie_segmentation.js"
[ -f "$seg" ] || { mkdir -p "$(dirname "$seg")"; : > "$seg"; }

# ---------------------------------------------------------------- Python venv
req="$ROOT/requirements.txt"
stamp="$VENV/.requirements.sha"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the Python venv"
    "$PY" -m venv "$VENV" || die "could not create a venv with $PY (install python3-venv)."
fi
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$DIST" > "$site/odoo-19-debian.pth"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python requirements (pinned)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$req" >"$STACK/pip.log" 2>&1 \
        || die "pip install failed (see $STACK/pip.log)."
    echo "$want" > "$stamp"
fi
"$VENV/bin/python" -c 'import odoo.release as r; assert r.version_info[0] == 19' 2>/dev/null \
    || die "the venv cannot import Odoo 19."

# ---------------------------------------------------------------- lint tools (pre-commit)
# .pre-commit-config.yaml runs local hooks only: pre-commit, ruff, pylint-odoo and OCA's
# oca-odoo-pre-commit-hooks from requirements-lint.txt in their own venv (their pins,
# e.g. polib, differ from Odoo's), prettier and its XML plugin from npm, at these pins.
PRETTIER_PKGS=(prettier@3.6.2 @prettier/plugin-xml@3.4.2)
LINT_VENV="$STACK/lint-venv"
lint_req="$ROOT/requirements-lint.txt"
lint_stamp="$LINT_VENV/.requirements.sha"
lint_want=$(sha256sum "$lint_req" | cut -d' ' -f1)
if [ ! -x "$LINT_VENV/bin/python" ]; then
    say "creating the lint tools' venv"
    "$PY" -m venv "$LINT_VENV" || die "could not create a venv with $PY (install python3-venv)."
fi
if [ "$(cat "$lint_stamp" 2>/dev/null)" != "$lint_want" ]; then
    say "installing the lint tools (pinned)"
    "$LINT_VENV/bin/pip" install -q --disable-pip-version-check -r "$lint_req" >"$STACK/pip-lint.log" 2>&1 \
        || die "pip install of the lint tools failed (see $STACK/pip-lint.log)."
    echo "$lint_want" > "$lint_stamp"
fi
if ! command -v npm >/dev/null; then
    say "installing Node.js and npm (for prettier)"
    $SUDO apt-get update -qq || die "apt-get update failed: no network or no package mirror reachable."
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm \
        >"$STACK/apt-node.log" 2>&1 || die "apt-get install nodejs npm failed (see $STACK/apt-node.log)."
fi
node_stamp="$STACK/node/.packages"
if [ "$(cat "$node_stamp" 2>/dev/null)" != "${PRETTIER_PKGS[*]}" ] \
    || [ ! -x "$STACK/node/node_modules/.bin/prettier" ]; then
    say "installing ${PRETTIER_PKGS[*]} from npm"
    mkdir -p "$STACK/node"
    # No lock file: it would name the registry's host. The versions are pinned above.
    npm install --prefix "$STACK/node" --no-save --no-package-lock --no-audit --no-fund \
        --loglevel=error "${PRETTIER_PKGS[@]}" >"$STACK/npm.log" 2>&1 \
        || die "npm install of prettier failed (see $STACK/npm.log)."
    echo "${PRETTIER_PKGS[*]}" > "$node_stamp"
fi

# ---------------------------------------------------------------- local configuration
# .stack/odoo.conf, which every tool uses: the shipped odoo.conf plus a random
# master password (admin_passwd), which is kept from one run to the next. Without
# one, Odoo's default is "admin" and the first visitor of /web/database/* sets it.
conf="$STACK/odoo.conf"
pw=$( (sed -n "s/^admin_passwd *= *//p" "$conf" 2>/dev/null || true) | head -n1)
[ -n "$pw" ] || pw=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')
new_conf=$(mktemp "$STACK/odoo.conf.XXXXXX")  # mode 600
{
    echo "; Generated by tools/setup.sh from odoo.conf, rewritten by each run (the"
    echo "; admin_passwd line is kept): edit odoo.conf, not this file. Keep it private."
    grep -v -e '^admin_passwd' -e '^;' "$ROOT/odoo.conf"
    echo "admin_passwd = $pw"
} >"$new_conf"
if cmp -s "$new_conf" "$conf" && [ "$(stat -c %a "$conf")" = 600 ]; then
    rm -f "$new_conf"
else
    mv "$new_conf" "$conf"
    say "wrote $conf (the shipped odoo.conf and a random admin_passwd)"
fi

# ---------------------------------------------------------------- PostgreSQL
# pg_isready: 0 accepting, 1 starting up (crash recovery after a reboot can
# take minutes on a loaded machine: wait for it), 2 not running.
pg_state() { pg_isready -q 2>/dev/null; echo $?; }
if [ "$(pg_state)" = 2 ]; then
    say "starting PostgreSQL"
    if command -v pg_ctlcluster >/dev/null && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
        read -r ver name _ < <(pg_lsclusters -h | head -n1)
        $SUDO pg_ctlcluster "$ver" "$name" start -- -t 600 \
            || die "could not start PostgreSQL cluster $ver/$name (port taken?)."
    else
        $SUDO service postgresql start || die "could not start PostgreSQL."
    fi
fi
for _ in $(seq 600); do [ "$(pg_state)" = 0 ] && break; sleep 1; done
[ "$(pg_state)" = 0 ] || die "PostgreSQL does not answer on its socket."
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
me=$(id -un)
if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$me'" 2>/dev/null | grep -q 1; then
    say "creating PostgreSQL role $me"
    as_postgres psql -qc "CREATE ROLE \"$me\" SUPERUSER LOGIN" >/dev/null || die "could not create PostgreSQL role $me."
fi
say "ready: Odoo $("$VENV/bin/python" -c 'import odoo.release as r; print(r.version)') in $ODOO_DIR, venv $VENV"
