#!/usr/bin/env bash
# Drop the demo and test databases (and their filestores).
set -euo pipefail
LOG_TAG=clean-db
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
for db in "${DB:-meeting_minutes_demo}" "${TEST_DB:-meeting_minutes_test}"; do
    drop_db "$db"
    echo "[clean-db] dropped $db"
done
