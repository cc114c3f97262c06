#!/usr/bin/env bash
# Screenshots of the addon's screens, in English and in Simplified Chinese, as the demo users:
# a fresh database with the demo data, Odoo in the background, a Chromium walk
# (scripts/screenshots.mjs, playwright-core), the minutes PDF through pdftoppm.
#   DB_SHOTS=meeting_minutes_shots  SHOTS_PORT=8479  SHOTS_DIR=docs/screenshots
#   SHOTS_LANGS="en zh_CN"  SHOTS_ONLY=01,03 (file prefixes)  CHROMIUM=/usr/bin/chromium
# Needs node/npm; playwright-core is installed into the cache folder, not into the clone.
set -euo pipefail
LOG_TAG=screenshots
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
DB="${DB_SHOTS:-meeting_minutes_shots}"
PORT="${SHOTS_PORT:-8479}"
OUT="${SHOTS_DIR:-$REPO_ROOT/docs/screenshots}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PLAYWRIGHT_VERSION=1.65.1
NODE_DIR="$MEETING_MINUTES_CACHE/node"
LOGS="$REPO_ROOT/.odoo"
log() { echo "[screenshots] $*"; }
fail() { echo "[screenshots] FAILED: $*" >&2; exit 1; }
cd "$REPO_ROOT"
t_start=$(date +%s)

for tool in node npm pdftoppm pdfinfo curl; do
    command -v "$tool" >/dev/null || fail "'$tool' not found (node/npm: install Node.js; pdftoppm: make bootstrap)"
done
[[ -x "$CHROMIUM" ]] || fail "no Chromium at $CHROMIUM (make bootstrap installs it; or CHROMIUM=/path)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    fail "port $PORT is already in use: choose another one, e.g. SHOTS_PORT=$(free_port "$PORT") make screenshots"
fi

# playwright-core (the library only, no browser download) in the cache folder
if [[ "$(node -p "require('$NODE_DIR/node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$PLAYWRIGHT_VERSION" ]]; then
    log "installing playwright-core@$PLAYWRIGHT_VERSION into $NODE_DIR"
    mkdir -p "$NODE_DIR"
    [[ -f "$NODE_DIR/package.json" ]] || echo '{"name": "meeting-minutes-screenshots", "private": true}' >"$NODE_DIR/package.json"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$NODE_DIR" --no-audit --no-fund \
        --save-exact "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null ||
        fail "npm install playwright-core@$PLAYWRIGHT_VERSION"
fi

log "fresh database $DB: meeting_minutes with demo data and zh_CN (about a minute) ..."
t0=$(date +%s)
drop_db "$DB"
INSTALL_LOG="$LOGS/screenshots-install.log"
SERVER_LOG="$LOGS/screenshots-server.log"
rm -f "$INSTALL_LOG" "$SERVER_LOG"
set +e
# en_US first: on a new database the first language of --load-language becomes the only
# active one and every partner's (--load-language=zh_CN alone: no English at all); zh_CN is
# loaded before the addons install, so that they install their zh_CN terms
"$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i meeting_minutes --load-language=en_US,zh_CN \
    --stop-after-init --http-port "$PORT" --log-level=warn --logfile="$INSTALL_LOG"
rc=$?
set -e
state="$(module_state "$DB" meeting_minutes)"
if [[ $rc -ne 0 || "$state" != "installed" ]] || grep -qE " (ERROR|CRITICAL) " "$INSTALL_LOG"; then
    grep -E " (WARNING|ERROR|CRITICAL) " -A 30 "$INSTALL_LOG" | tail -n 60 | sed 's/^/[screenshots] | /' >&2 || true
    fail "installing meeting_minutes into $DB (odoo-bin rc=$rc, module state '${state:-none}'); log: $INSTALL_LOG"
fi
# Odoo installs a module whose demo data fails without it, with a mere WARNING
if grep -q "demo data failed to install" "$INSTALL_LOG" ||
    [[ "$(psql -X -q -d "$DB" -tAc "SELECT demo FROM ir_module_module WHERE name = 'meeting_minutes'")" != "t" ]]; then
    grep -E "demo data failed to install" -A 40 "$INSTALL_LOG" | grep -E "Error|error|File .*/meeting_minutes/" |
        tail -n 12 | sed 's/^/[screenshots] | /' >&2 || true
    fail "the demo data of meeting_minutes failed to install (the screenshots need it); log: $INSTALL_LOG"
fi
log "installed in $(($(date +%s) - t0)) s"

# Odoo in the background; no cron thread, so that the demo minutes keep their state
# during the walk (the archive cron would file them)
"$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port "$PORT" \
    --http-interface 127.0.0.1 --max-cron-threads=0 --log-level=warn --logfile="$SERVER_LOG" &
ODOO_PID=$!
stop_odoo() {
    if kill -0 "$ODOO_PID" 2>/dev/null; then
        kill "$ODOO_PID" 2>/dev/null || true
        wait "$ODOO_PID" 2>/dev/null || true
    fi
}
trap stop_odoo EXIT
URL="http://127.0.0.1:$PORT"
for ((i = 0; i < 120; i++)); do
    kill -0 "$ODOO_PID" 2>/dev/null || fail "Odoo stopped while starting; log: $SERVER_LOG"
    curl -fsS -o /dev/null "$URL/web/login" 2>/dev/null && break
    sleep 1
done
curl -fsS -o /dev/null "$URL/web/login" || fail "Odoo does not answer on $URL/web/login after 120 s; log: $SERVER_LOG"
log "Odoo serves $URL (log: $SERVER_LOG)"

mkdir -p "$OUT"
t0=$(date +%s)
set +e
SHOTS_URL="$URL" SHOTS_DB="$DB" SHOTS_OUT="$OUT" SHOTS_LOGS="$LOGS" CHROMIUM="$CHROMIUM" \
    PLAYWRIGHT_DIR="$NODE_DIR" node "$REPO_ROOT/scripts/screenshots.mjs"
rc=$?
set -e
[[ $rc -eq 0 ]] || fail "the browser walk (scripts/screenshots.mjs, exit $rc); Odoo log: $SERVER_LOG"
log "browser walk: $(($(date +%s) - t0)) s"
if grep -qE " (ERROR|CRITICAL) " "$SERVER_LOG"; then
    log "WARNING: the Odoo log has errors:"
    grep -E " (ERROR|CRITICAL) " -A 10 "$SERVER_LOG" | tail -n 40 | sed 's/^/[screenshots] | /'
fi
log "OK: PNGs in ${OUT#"$REPO_ROOT"/}/ in $(($(date +%s) - t_start)) s"
