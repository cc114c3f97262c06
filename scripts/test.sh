#!/usr/bin/env bash
# The whole test suite: a fresh database with meeting_minutes installed (demo data on),
# then pytest (pytest-odoo) over the addon's tests and the repository's tests/.
#   TEST_DB=meeting_minutes_test TEST_PORT=8169 (the first free port from it: two runs
#   side by side take two ports)  extra pytest arguments: scripts/test.sh -k approval
set -euo pipefail
LOG_TAG=test
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
DB="${TEST_DB:-meeting_minutes_test}"
log() { echo "[test] $*"; }
cd "$REPO_ROOT"

# Test config: same as odoo.conf, another http port so a running `make run` is not disturbed
PORT="$(free_port "${TEST_PORT:-8169}")"
TEST_CONF="$REPO_ROOT/.odoo/odoo-test.conf"
sed "s/^http_port = .*/http_port = $PORT/" "$ODOO_CONF" >"$TEST_CONF"

log "fresh database $DB"
drop_db "$DB"
log "installing meeting_minutes into $DB (demo data on, http port $PORT) ..."
t0=$(date +%s)
INSTALL_LOG="$REPO_ROOT/.odoo/test-install.log"
set +e
"$VENV_PYTHON" "$ODOO_BIN" -c "$TEST_CONF" -d "$DB" -i meeting_minutes --stop-after-init \
    --http-port "$PORT" --log-level=warn --logfile="$INSTALL_LOG"
rc=$?
set -e
state="$(module_state "$DB" meeting_minutes)"
if [[ $rc -ne 0 || "$state" != "installed" ]] || grep -qE " (ERROR|CRITICAL) " "$INSTALL_LOG"; then
    grep -E " (WARNING|ERROR|CRITICAL) " -A 30 "$INSTALL_LOG" | tail -n 80 | sed 's/^/[test] | /' >&2 || true
    log "FAILED: installing meeting_minutes (odoo-bin rc=$rc, module state '${state:-none}'); log: $INSTALL_LOG" >&2
    exit 1
fi
log "installed in $(($(date +%s) - t0)) s"

# Build the web asset bundles now, so browser tests (tours) do not time out compiling them
t0=$(date +%s)
"$VENV_PYTHON" "$ODOO_BIN" shell -c "$TEST_CONF" -d "$DB" --no-http --log-level=warn >/dev/null 2>"$REPO_ROOT/.odoo/test-assets.log" <<'PY' ||
for name in ("web.assets_web", "web.assets_frontend", "web.assets_tests"):
    bundle = env["ir.qweb"]._get_asset_bundle(name, debug_assets=False)
    bundle.js()
    bundle.css()
env.cr.commit()
PY
    log "WARNING: pre-building the asset bundles failed (see .odoo/test-assets.log)"
log "asset bundles built in $(($(date +%s) - t0)) s"

PATHS=()
for d in meeting_minutes/tests tests; do
    if [[ -d "$d" ]]; then PATHS+=("$d"); else log "WARNING: $d does not exist"; fi
done
((${#PATHS[@]})) || { log "FAILED: no test folder" >&2; exit 5; }
log "pytest --odoo-database=$DB --odoo-config=$TEST_CONF --odoo-http ${PATHS[*]}"
set +e
"$VENV_PYTHON" -m pytest --odoo-database="$DB" --odoo-config="$TEST_CONF" --odoo-http \
    -p no:cacheprovider -rfEs "${PATHS[@]}" "$@"
rc=$?
set -e
case $rc in
    0) log "OK: all tests passed" ;;
    5) log "FAILED: pytest collected no tests (exit 5)" >&2; exit 5 ;;
    *) log "FAILED: pytest exit code $rc" >&2; exit "$rc" ;;
esac
