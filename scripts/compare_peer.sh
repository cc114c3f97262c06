#!/usr/bin/env bash
# Opening a meeting, against the peer addon odoo-addon-community_meetings 18.0 (PyPI):
#   scripts/compare_peer.sh [--runs 30]          (make compare-peer)
# 1. downloads the peer's wheel (pip download --no-deps) into
#    $MEETING_MINUTES_CACHE/peer and unpacks its addon there (never into this repository);
# 2. checks that the addons of its manifest's "depends" are in Odoo's source;
# 3. installs both addons (and those dependencies) into the scratch database
#    $PEER_DB (default meeting_minutes_peer), with the peer's folder added to the
#    addons_path of a scratch configuration only, http port 8500 or the next free one;
# 4. scripts/compare_peer.py: queries and median time of the form's web_read for
#    10 and 100 lines, both addons;
# 5. unless PEER_PDF=0: the PDFs over HTTP (scripts/pdf_http.py, PEER_PDF_RUNS downloads
#    each, default 5): our minutes of 10 and 100 action items beside the floors and the
#    peer's approved minutes of 10 and 100, from Odoo started on the scratch database
#    (threaded, on the same port); the database is dropped at the end (KEEP_DB=1 keeps it).
#   PEER_SPEC=odoo-addon-community_meetings==18.0.6.2.10 pins another version.
set -euo pipefail
LOG_TAG=compare-peer
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
log() { echo "[compare-peer] $*"; }
cd "$REPO_ROOT"
DB="${PEER_DB:-meeting_minutes_peer}"
PEER_SPEC="${PEER_SPEC:-odoo-addon-community_meetings==18.0.*}"
PEER_CACHE="$MEETING_MINUTES_CACHE/peer"
mkdir -p "$PEER_CACHE"

log "pip download $PEER_SPEC into $PEER_CACHE ..."
"$VENV_PYTHON" -m pip download --no-deps --quiet --disable-pip-version-check \
    -d "$PEER_CACHE" "$PEER_SPEC"
# the newest wheel of the cache that matches the spec (pip just put it there)
WHEEL="$("$VENV_PYTHON" - "$PEER_CACHE" "$PEER_SPEC" <<'PY'
import pathlib, sys
try:
    from packaging.requirements import Requirement
    from packaging.version import Version
except ImportError:  # pip's own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.version import Version
req = Requirement(sys.argv[2])
wheels = []
for path in pathlib.Path(sys.argv[1]).glob("odoo_addon_community_meetings-*.whl"):
    version = Version(path.name.split("-")[1])
    if req.specifier.contains(version, prereleases=True):
        wheels.append((version, path))
print(max(wheels)[1] if wheels else "")
PY
)"
[[ -n "$WHEEL" ]] || { log "FAILED: no wheel for $PEER_SPEC in $PEER_CACHE" >&2; exit 1; }
PEER_ROOT="$PEER_CACHE/$(basename "$WHEEL" .whl)"
if [[ ! -f "$PEER_ROOT/odoo/addons/community_meetings/__manifest__.py" ]]; then
    rm -rf "$PEER_ROOT"
    "$VENV_PYTHON" -m zipfile -e "$WHEEL" "$PEER_ROOT"
fi
PEER_ADDONS="$PEER_ROOT/odoo/addons"
log "peer addon: $PEER_ADDONS/community_meetings ($(basename "$WHEEL"))"

# its dependencies must come from Odoo's own source (the addons_path of odoo.conf)
ODOO_ADDONS="$(sed -n 's/^addons_path *= *//p' "$ODOO_CONF")"
DEPENDS="$("$VENV_PYTHON" - "$PEER_ADDONS/community_meetings/__manifest__.py" "$ODOO_ADDONS" <<'PY'
import ast, os, sys
manifest = ast.literal_eval(open(sys.argv[1]).read())
paths = [p.strip() for p in sys.argv[2].split(",") if p.strip()]
missing = [
    dep for dep in manifest.get("depends", [])
    if not any(os.path.isfile(os.path.join(p, dep, "__manifest__.py")) for p in paths)
]
if missing:
    sys.exit(f"dependencies not in Odoo's source: {', '.join(missing)}")
print(",".join(manifest.get("depends", [])))
PY
)"
log "its dependencies, from Odoo's source: $DEPENDS"

PORT="$(free_port "${PEER_PORT:-8500}")"
PEER_CONF="$(mktemp)"
trap 'rm -f "$PEER_CONF"' EXIT
sed -e "s#^addons_path *= *.*#addons_path = $ODOO_ADDONS,$PEER_ADDONS#" \
    -e "s/^http_port = .*/http_port = $PORT/" "$ODOO_CONF" >"$PEER_CONF"
grep -q "^http_port" "$PEER_CONF" || echo "http_port = $PORT" >>"$PEER_CONF"

log "fresh database $DB: meeting_minutes, community_meetings, $DEPENDS (http port $PORT) ..."
drop_db "$DB"
t0=$(date +%s)
"$VENV_PYTHON" "$ODOO_BIN" -c "$PEER_CONF" -d "$DB" --without-demo=all \
    -i "meeting_minutes,community_meetings,$DEPENDS" --stop-after-init --log-level=warn
for module in meeting_minutes community_meetings; do
    [[ "$(module_state "$DB" "$module")" == "installed" ]] ||
        { log "FAILED: $module not installed in $DB" >&2; exit 1; }
done
log "installed in $(($(date +%s) - t0)) s"

PDF_ARGS=()
PDF_PLAN="$(mktemp --suffix=.json)"
if [[ "${PEER_PDF:-1}" != 0 ]]; then
    PDF_ARGS=(--pdf-plan "$PDF_PLAN" --base-url "http://127.0.0.1:$PORT")
fi
set +e
"$VENV_PYTHON" "$REPO_ROOT/scripts/compare_peer.py" -c "$PEER_CONF" -d "$DB" "${PDF_ARGS[@]}" "$@"
rc=$?
set -e
if [[ $rc == 0 && "${PEER_PDF:-1}" != 0 ]]; then
    log "Odoo on http://127.0.0.1:$PORT for the PDFs over HTTP ..."
    setsid "$VENV_PYTHON" "$ODOO_BIN" -c "$PEER_CONF" -d "$DB" --db-filter="^$DB\$" \
        --http-port "$PORT" --workers 0 --max-cron-threads 0 --log-level=warn \
        --logfile "$PDF_PLAN.log" &
    ODOO_PID=$!
    for _ in $(seq 1 60); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/health" 2>/dev/null && break
        sleep 1
    done
    "$VENV_PYTHON" "$REPO_ROOT/scripts/pdf_http.py" --url "http://127.0.0.1:$PORT" \
        --plan "$PDF_PLAN" --runs "${PEER_PDF_RUNS:-5}" || rc=1
    kill -TERM -- "-$ODOO_PID" 2>/dev/null || true
    wait "$ODOO_PID" 2>/dev/null || true
fi
rm -f "$PDF_PLAN" "$PDF_PLAN.log"
if [[ "${KEEP_DB:-0}" != "1" ]]; then
    drop_db "$DB"
fi
exit $rc
