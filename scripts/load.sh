#!/usr/bin/env bash
# `make load`: meeting_minutes under concurrent users, on a copy of the benchmark
# database (make benchmark: 5,000 meetings / 50,000 action items).
#
#   LOAD_USERS=50 LOAD_SPAWN_RATE=10 LOAD_TIME=2m LOAD_WORKERS=8 LOAD_CRON_THREADS=2 \
#       bash scripts/load.sh
#
# 1. copies $BENCH_DB (default meeting_minutes_bench, never written) into $LOAD_DB
#    (default meeting_minutes_load, dropped and recreated: every run starts from the
#    same data) with its filestore, updates the addon, prepares the work of every
#    virtual user (scripts/load_prepare.py);
# 2. starts Odoo on it in multi-process mode (--workers $LOAD_WORKERS
#    --max-cron-threads $LOAD_CRON_THREADS, more odoo-bin options in $LOAD_ODOO_ARGS,
#    e.g. "--db_replica_host=localhost") on a free port from 8400;
# 3. runs Locust headless (scripts/locustfile.py): $LOAD_USERS virtual users of the
#    demo roles, $LOAD_SPAWN_RATE new users a second, for $LOAD_TIME; prints and
#    writes p50/p95/p99 per request kind, requests per second, failures
#    ($LOAD_OUT/load_stats.csv, summary.md, errors.jsonl with Odoo's tracebacks);
# 4. times the minutes PDF over HTTP for 10 and 100 action items against the
#    rendering floor (scripts/pdf_http.py, $LOAD_PDF_RUNS downloads each);
# 5. stops Odoo, then runs the two-worker cron race (scripts/cron_race.sh) unless
#    LOAD_CRON_RACE=0.
#
# Locust lives in its own venv (requirements/load.txt, keyed by its hash, in the
# cache folder): its gevent is not Odoo's. Exit status: non-zero when a request
# failed, the PDF timing failed or the cron race found a duplicate.
set -euo pipefail
LOG_TAG=load
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$REPO_ROOT"

BENCH_DB="${BENCH_DB:-meeting_minutes_bench}"
LOAD_DB="${LOAD_DB:-meeting_minutes_load}"
LOAD_USERS="${LOAD_USERS:-50}"
LOAD_SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"
LOAD_TIME="${LOAD_TIME:-2m}"
# 8, not 4: with 4 workers (a listen backlog of 32) 50 users overflowed the listen
# queue and lost logins (8 failed requests, 311 overflows, p95 16 s); with 8 (a
# backlog of 64) none (docs/deployment.md)
LOAD_WORKERS="${LOAD_WORKERS:-8}"
LOAD_CRON_THREADS="${LOAD_CRON_THREADS:-2}"
LOAD_PDF_RUNS="${LOAD_PDF_RUNS:-5}"
LOAD_CRON_RACE="${LOAD_CRON_RACE:-1}"
LOAD_OUT="${LOAD_OUT:-$REPO_ROOT/.odoo/load/$(date -u +%Y%m%d-%H%M%S)}"
CACHE="${MEETING_MINUTES_CACHE:-$HOME/.cache/meeting_minutes}"
log() { echo "[load] $*"; }

if [[ "$(module_state "$BENCH_DB" meeting_minutes)" != "installed" ]]; then
    log "ERROR: $BENCH_DB has no meeting_minutes: run make benchmark first" >&2
    exit 2
fi
mkdir -p "$LOAD_OUT"

# --- locust, in its own venv (the way scripts/lint.sh installs its tools) --------
if [[ -n "${LOAD_PYTHON:-}" ]]; then
    PYTHON=$LOAD_PYTHON
elif command -v python3.11 >/dev/null 2>&1; then
    PYTHON=python3.11
else
    PYTHON=python3
fi
REQ=requirements/load.txt
req_hash=$( (cat "$REQ"; "$PYTHON" -c 'import sys; print(sys.version)') | sha256sum | cut -c1-16)
LOAD_VENV=$CACHE/load-venv-$req_hash
exec 9>"$CACHE/load-setup.lock"
if command -v flock >/dev/null 2>&1; then
    flock 9
fi
if [[ ! -f "$LOAD_VENV/.complete" ]]; then
    log "creating $LOAD_VENV"
    rm -rf "$LOAD_VENV"
    "$PYTHON" -m venv "$LOAD_VENV"
    if ! "$LOAD_VENV/bin/python" -m pip install --disable-pip-version-check -r "$REQ" \
        >"$LOAD_VENV/pip-install.log" 2>&1; then
        tail -n 30 "$LOAD_VENV/pip-install.log" >&2
        log "pip install -r $REQ failed (log: $LOAD_VENV/pip-install.log)" >&2
        exit 2
    fi
    touch "$LOAD_VENV/.complete"
fi
exec 9>&-

# --- the copy -------------------------------------------------------------------
PORT="$(free_port "${LOAD_PORT:-8400}")"
GEVENT_PORT="$(free_port $((PORT + 1)))"
BASE_URL="http://127.0.0.1:$PORT"
log "copying $BENCH_DB into $LOAD_DB"
drop_db "$LOAD_DB"
pg -c "CREATE DATABASE \"$LOAD_DB\" TEMPLATE \"$BENCH_DB\"" >/dev/null
if [[ -d "$ODOO_DATA_DIR/filestore/$BENCH_DB" ]]; then
    mkdir -p "$ODOO_DATA_DIR/filestore"
    cp -al "$ODOO_DATA_DIR/filestore/$BENCH_DB" "$ODOO_DATA_DIR/filestore/$LOAD_DB"
fi
# the addon as it is now, copied: the update, the preparation and the server run
# the same code even if the working tree changes during the run
ADDONS="$LOAD_OUT/addons"
rm -rf "$ADDONS"
mkdir -p "$ADDONS"
cp -a meeting_minutes "$ADDONS/"
ADDONS_PATH="$ODOO_DIR/odoo/addons,$ADDONS"
log "updating meeting_minutes in $LOAD_DB"
"$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" --addons-path "$ADDONS_PATH" -d "$LOAD_DB" -u meeting_minutes \
    --stop-after-init --http-port "$PORT" --log-level=warn >"$LOAD_OUT/update.log" 2>&1 ||
    { tail -n 40 "$LOAD_OUT/update.log" >&2; exit 2; }
log "preparing the work of the virtual users"
# report.url: wkhtmltopdf fetches the report's CSS from it. Pointed at the prefork
# workers (web.base.url), every worker busy rendering a PDF waits for an asset that
# only a free worker can serve: with as many concurrent PDFs as workers, Odoo
# deadlocks until limit_time_real kills them (seen here with 4 workers and 50
# users). The gevent port serves the same application asynchronously, so the
# assets never wait for a worker (docs/deployment.md).
"$VENV_PYTHON" scripts/load_prepare.py -c "$ODOO_CONF" --addons-path "$ADDONS_PATH" -d "$LOAD_DB" \
    --plan "$LOAD_OUT/plan.json" --base-url "http://127.0.0.1:$GEVENT_PORT" \
    2>"$LOAD_OUT/prepare.log" |
    tee "$LOAD_OUT/prepare.txt"

# --- Odoo, multi-process ----------------------------------------------------------
ODOO_PID=
stop_odoo() {
    # Odoo runs in its own process group (setsid): the master, its workers and
    # their wkhtmltopdf processes go together
    if [[ -n "$ODOO_PID" ]] && kill -0 "$ODOO_PID" 2>/dev/null; then
        kill -TERM -- "-$ODOO_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 -- "-$ODOO_PID" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$ODOO_PID" 2>/dev/null || true
        wait "$ODOO_PID" 2>/dev/null || true
    fi
    ODOO_PID=
}
trap stop_odoo EXIT INT TERM
# the kernel's count of connections dropped because the listen queue was full:
# Odoo's prefork server listens with a backlog of 8 x workers; a connection beyond
# it waits for the kernel's retransmissions and, once a worker takes it, often
# misses Odoo's 2 s to send its request (ODOO_HTTP_SOCKET_TIMEOUT): the client
# gets a reset (see LOAD_WORKERS above)
listen_overflows() {
    awk '/^TcpExt:/ { if (!seen) { split($0, keys); seen = 1 } else {
        split($0, values); for (i in keys) if (keys[i] == "ListenOverflows") print values[i] } }' \
        /proc/net/netstat 2>/dev/null || echo 0
}
log "Odoo on $BASE_URL: --workers $LOAD_WORKERS --max-cron-threads $LOAD_CRON_THREADS"
setsid "$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" --addons-path "$ADDONS_PATH" -d "$LOAD_DB" --db-filter="^$LOAD_DB\$" \
    --http-port "$PORT" --gevent-port "$GEVENT_PORT" \
    --workers "$LOAD_WORKERS" --max-cron-threads "$LOAD_CRON_THREADS" \
    --log-level=warn --log-handler=odoo.addons.base.models.ir_cron:INFO \
    --logfile "$LOAD_OUT/odoo.log" ${LOAD_ODOO_ARGS:-} &
ODOO_PID=$!
for i in $(seq 1 120); do
    if curl -fsS -o /dev/null "$BASE_URL/web/health" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$ODOO_PID" 2>/dev/null; then
        tail -n 40 "$LOAD_OUT/odoo.log" >&2
        log "ERROR: Odoo stopped" >&2
        exit 2
    fi
    if [[ $i == 120 ]]; then
        log "ERROR: Odoo does not answer on $BASE_URL" >&2
        exit 2
    fi
    sleep 1
done

# --- the load -----------------------------------------------------------------------
{
    echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
    echo "start: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Odoo: --workers $LOAD_WORKERS --max-cron-threads $LOAD_CRON_THREADS ${LOAD_ODOO_ARGS:-}; locust: $LOAD_USERS users, $LOAD_SPAWN_RATE/s, $LOAD_TIME"
} | tee "$LOAD_OUT/machine.txt"
status=0
overflows_before=$(listen_overflows)
LOAD_PLAN="$LOAD_OUT/plan.json" LOAD_WORKERS="$LOAD_WORKERS" LOAD_ERRORS="$LOAD_OUT/errors.jsonl" \
    LOAD_SUMMARY="$LOAD_OUT/summary.md" \
    "$LOAD_VENV/bin/locust" -f scripts/locustfile.py --headless \
    --users "$LOAD_USERS" --spawn-rate "$LOAD_SPAWN_RATE" --run-time "$LOAD_TIME" \
    --stop-timeout 60 --host "$BASE_URL" --csv "$LOAD_OUT/load" --only-summary \
    --loglevel WARNING 2>&1 | tee "$LOAD_OUT/locust.txt" || status=1
echo "end: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)" |
    tee -a "$LOAD_OUT/machine.txt"
echo "listen queue overflows during the run (whole machine): $(($(listen_overflows) - overflows_before))" |
    tee -a "$LOAD_OUT/machine.txt"
# requests sent to the read-only cursor (--db_replica_host) that had to write
rw_retries=$(grep -c "retrying with a read/write cursor" "$LOAD_OUT/odoo.log" || true)
echo "read-only requests retried with a read/write cursor: $rw_retries" |
    tee -a "$LOAD_OUT/machine.txt"
if [[ -s "$LOAD_OUT/errors.jsonl" ]]; then
    log "failed requests (first ones, with Odoo's traceback): $LOAD_OUT/errors.jsonl"
fi

# --- the PDF over HTTP, on the same server once the users are gone -----------------
"$LOAD_VENV/bin/python" scripts/pdf_http.py --url "$BASE_URL" --plan "$LOAD_OUT/plan.json" \
    --runs "$LOAD_PDF_RUNS" --save "$LOAD_OUT" 2>&1 | tee "$LOAD_OUT/pdf_http.txt" || status=1
stop_odoo

# --- two cron workers at once ---------------------------------------------------------
if [[ "$LOAD_CRON_RACE" != 0 ]]; then
    BENCH_DB="$BENCH_DB" CRON_RACE_OUT="$LOAD_OUT" CRON_RACE_ADDONS="$ADDONS" \
        bash scripts/cron_race.sh || status=1
fi
log "results in $LOAD_OUT"
if [[ $status != 0 ]]; then
    log "FAILED (see above)"
fi
exit "$status"
