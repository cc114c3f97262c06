#!/usr/bin/env bash
# Benchmark on a generated database (5,000 meetings, 50,000 action items by default):
#   BENCH_DB=meeting_minutes_bench BENCH_PORT=8269 scripts/benchmark.sh [--meetings N]
# The database is kept between runs: the data is generated once.
set -euo pipefail
LOG_TAG=benchmark
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
DB="${BENCH_DB:-meeting_minutes_bench}"
cd "$REPO_ROOT"
PORT="$(free_port "${BENCH_PORT:-8269}")"
if [[ "$(module_state "$DB" meeting_minutes)" != "installed" ]]; then
    echo "[benchmark] installing meeting_minutes into $DB ..."
    drop_db "$DB"
    "$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i meeting_minutes --stop-after-init \
        --http-port "$PORT" --log-level=warn
else
    "$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -u meeting_minutes --stop-after-init \
        --http-port "$PORT" --log-level=warn
fi
exec "$VENV_PYTHON" "$REPO_ROOT/scripts/benchmark.py" -c "$ODOO_CONF" -d "$DB" "$@"
