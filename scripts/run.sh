#!/usr/bin/env bash
# Start Odoo with the meeting_minutes addon and its demo data on http://localhost:8069.
# First run: creates the database and installs the addon; later runs update it (-u).
#   DB=meeting_minutes_demo  HTTP_PORT=8069  extra odoo-bin arguments: scripts/run.sh --dev=xml
set -euo pipefail
LOG_TAG=run
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
DB="${DB:-meeting_minutes_demo}"
HTTP_PORT="${HTTP_PORT:-8069}"
log() { echo "[run] $*"; }

if [[ "$(module_state "$DB" meeting_minutes)" == "installed" ]]; then
    ACTION=(-u meeting_minutes)
    log "database $DB exists: updating meeting_minutes"
else
    # Chinese loaded before the modules, so that each installs its zh_CN terms;
    # English first stays the default: admin and the company in English, the
    # demo's colleagues in Chinese
    ACTION=(-i meeting_minutes --load-language=en_US,zh_CN)
    log "database $DB: installing meeting_minutes with demo data (first run, about a minute)"
fi
log "Odoo will serve http://localhost:$HTTP_PORT  -  login: admin / password: admin  (Ctrl-C to stop)"
cd "$REPO_ROOT"
exec "$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-port "$HTTP_PORT" "${ACTION[@]}" "$@"
