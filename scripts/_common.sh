# Sourced by scripts/run.sh and scripts/test.sh: loads the environment written by bootstrap.sh.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -f "$REPO_ROOT/.odoo/env.sh" ]]; then
    echo "[${LOG_TAG:-meeting_minutes}] ERROR: $REPO_ROOT/.odoo/env.sh missing: run scripts/bootstrap.sh (make bootstrap) first" >&2
    exit 1
fi
# shellcheck source=/dev/null
. "$REPO_ROOT/.odoo/env.sh"
export PGOPTIONS="-c client_min_messages=warning" PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" PGPASSWORD="$DB_PASSWORD"

# psql as the Odoo role on the postgres maintenance db
pg() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

db_exists() { [[ "$(pg -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == "1" ]]; }

# state of module $2 in database $1 ("" when the db or the module table is missing)
module_state() {
    psql -X -q -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = '$2'" 2>/dev/null || true
}

drop_db() {
    pg -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$ODOO_DATA_DIR/filestore/$1"
}

# first free TCP port from $1 upwards
free_port() {
    "$VENV_PYTHON" - "$1" <<'PY'
import socket, sys
port = int(sys.argv[1])
while True:
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            port += 1
            continue
    print(port)
    break
PY
}
