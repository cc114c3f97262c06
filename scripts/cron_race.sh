#!/usr/bin/env bash
# Two cron workers at once (`make cron-race`, also run by `make load`): a fresh copy
# of the benchmark database ($BENCH_DB, default meeting_minutes_bench, never written)
# into $CRON_RACE_DB (default meeting_minutes_load_cron, dropped and recreated), the
# addon updated, then scripts/cron_race.py: two Odoo processes run the four scheduled
# actions at the same moment; the database must show every reminder, delay notice,
# late-minutes activity and archive code done exactly once. Exit status 1 otherwise.
set -euo pipefail
LOG_TAG=cron-race
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$REPO_ROOT"
BENCH_DB="${BENCH_DB:-meeting_minutes_bench}"
CRON_RACE_DB="${CRON_RACE_DB:-meeting_minutes_load_cron}"
CRON_RACE_OUT="${CRON_RACE_OUT:-$REPO_ROOT/.odoo/load/cron-race-$(date -u +%Y%m%d-%H%M%S)}"
log() { echo "[cron-race] $*"; }

if [[ "$(module_state "$BENCH_DB" meeting_minutes)" != "installed" ]]; then
    log "ERROR: $BENCH_DB has no meeting_minutes: run make benchmark first" >&2
    exit 2
fi
mkdir -p "$CRON_RACE_OUT"
# the addon as it is now, copied (as scripts/load.sh does), unless given
ADDONS="${CRON_RACE_ADDONS:-}"
if [[ -z "$ADDONS" ]]; then
    ADDONS="$CRON_RACE_OUT/addons"
    rm -rf "$ADDONS"
    mkdir -p "$ADDONS"
    cp -a meeting_minutes "$ADDONS/"
fi
ADDONS_PATH="$ODOO_DIR/odoo/addons,$ADDONS"
log "copying $BENCH_DB into $CRON_RACE_DB"
drop_db "$CRON_RACE_DB"
pg -c "CREATE DATABASE \"$CRON_RACE_DB\" TEMPLATE \"$BENCH_DB\"" >/dev/null
if [[ -d "$ODOO_DATA_DIR/filestore/$BENCH_DB" ]]; then
    mkdir -p "$ODOO_DATA_DIR/filestore"
    cp -al "$ODOO_DATA_DIR/filestore/$BENCH_DB" "$ODOO_DATA_DIR/filestore/$CRON_RACE_DB"
fi
PORT="$(free_port "${CRON_RACE_PORT:-8400}")"
"$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" --addons-path "$ADDONS_PATH" -d "$CRON_RACE_DB" -u meeting_minutes \
    --stop-after-init --http-port "$PORT" --log-level=warn >"$CRON_RACE_OUT/cron_race_update.log" 2>&1 ||
    { tail -n 40 "$CRON_RACE_OUT/cron_race_update.log" >&2; exit 2; }
status=0
"$VENV_PYTHON" scripts/cron_race.py -c "$ODOO_CONF" --addons-path "$ADDONS_PATH" -d "$CRON_RACE_DB" \
    2>"$CRON_RACE_OUT/cron_race.log" | tee "$CRON_RACE_OUT/cron_race.txt" || status=1
if [[ $status != 0 ]]; then
    grep -v '^QSsl' "$CRON_RACE_OUT/cron_race.log" | tail -n 60 >&2 || true
fi
drop_db "$CRON_RACE_DB"
exit "$status"
