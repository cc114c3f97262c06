#!/usr/bin/env bash
# Run the project's linters (.pre-commit-config.yaml) over the repository.
#
#   bash scripts/lint.sh                  # all hooks, every tracked or new (not ignored) file
#   bash scripts/lint.sh ruff             # one hook (a hook id from .pre-commit-config.yaml)
#   bash scripts/lint.sh --files a.py b.xml
#   SKIP=pylint_odoo-optional bash scripts/lint.sh
#
# Idempotent. Installs, once per version of its inputs:
#   - a Python venv with requirements/lint.txt, in
#     ${MEETING_MINUTES_CACHE:-$HOME/.cache/meeting_minutes}/lint-venv-<hash>
#   - node_modules/ from package-lock.json (npm ci), for prettier + plugin-xml
# then runs `pre-commit run` with both on PATH. Hooks that fix files rewrite
# them and fail the run. Exit status: pre-commit's (non-zero on any failure).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

CACHE=${MEETING_MINUTES_CACHE:-$HOME/.cache/meeting_minutes}
mkdir -p "$CACHE"

log() { printf '[lint] %s\n' "$*" >&2; }

if [ -n "${LINT_PYTHON:-}" ]; then
    PYTHON=$LINT_PYTHON
elif command -v python3.11 >/dev/null 2>&1; then
    PYTHON=python3.11
else
    PYTHON=python3
fi

# One setup at a time (two runs sharing the cache must not build the same venv).
exec 9>"$CACHE/lint-setup.lock"
if command -v flock >/dev/null 2>&1; then
    flock 9
fi

# --- Python tools -------------------------------------------------------------
REQ=requirements/lint.txt
req_hash=$( (cat "$REQ"; "$PYTHON" -c 'import sys; print(sys.version)') | sha256sum | cut -c1-16)
VENV=$CACHE/lint-venv-$req_hash
if [ ! -f "$VENV/.complete" ]; then
    log "creating $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -r "$REQ" \
        >"$VENV/pip-install.log" 2>&1; then
        tail -n 30 "$VENV/pip-install.log" >&2
        log "pip install -r $REQ failed (log: $VENV/pip-install.log)"
        exit 2
    fi
    touch "$VENV/.complete"
fi

# --- Node tools ---------------------------------------------------------------
if ! command -v npm >/dev/null 2>&1; then
    log "npm not found: install Node.js (20+) and npm"
    exit 2
fi
if [ -f package-lock.json ]; then
    lock_hash=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
    if [ "$(cat node_modules/.lint-stamp 2>/dev/null || true)" != "$lock_hash" ]; then
        log "npm ci"
        npm ci --no-audit --no-fund --loglevel=error
        echo "$lock_hash" >node_modules/.lint-stamp
    fi
else
    log "npm install (no package-lock.json yet)"
    npm install --no-audit --no-fund --loglevel=error
fi

exec 9>&-

# --- Run ----------------------------------------------------------------------
export PATH="$VENV/bin:$ROOT/node_modules/.bin:$PATH"
export PRE_COMMIT_HOME="$CACHE/pre-commit"
export RUFF_CACHE_DIR="$CACHE/ruff-cache"
export PYLINTHOME="$CACHE/pylint"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    log "not a git work tree: pre-commit needs one"
    exit 2
fi

args=("$@")
explicit_files=false
for a in "${args[@]+"${args[@]}"}"; do
    case $a in
        --files | --all-files | --from-ref* | --source* | --to-ref* | --origin*)
            explicit_files=true ;;
    esac
done
if [ -n "${CI:-}" ]; then
    args+=(--show-diff-on-failure)
fi

if $explicit_files; then
    exec pre-commit run "${args[@]}"
fi

# `pre-commit run --all-files` sees only files in git's index: also lint files
# not added yet (but not ignored ones), and skip files deleted from the tree.
files=()
while IFS= read -r -d '' f; do
    if [ -e "$f" ] || [ -L "$f" ]; then
        files+=("$f")
    fi
done < <(git ls-files -z --cached --others --exclude-standard | sort -zu)
if [ ${#files[@]} -eq 0 ]; then
    log "no files to lint"
    exit 0
fi
exec pre-commit run "${args[@]+"${args[@]}"}" --files "${files[@]}"
