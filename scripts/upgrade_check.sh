#!/usr/bin/env bash
# Proves that a database of the previous version upgrades with nothing lost:
#   scripts/upgrade_check.sh [PREVIOUS_REF]   (default: the last commit of 18.0.1.0.0)
# 1. installs meeting_minutes from PREVIOUS_REF (a git worktree) with demo data into
#    $UPGRADE_DB, approves, distributes and archives minutes there (real PDFs stored);
# 2. takes a snapshot: meetings, lines, action items, stored PDFs (checksums);
# 3. updates the module with this checkout (-u meeting_minutes, migrations run);
# 4. checks the snapshot again, and that each stored approved PDF became revision 1
#    with its SHA-256, verifiable, and that the distribution template was updated.
set -euo pipefail
LOG_TAG=upgrade
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
log() { echo "[upgrade] $*"; }
cd "$REPO_ROOT"
PREV_REF="${1:-${PREV_REF:-8a1ccc3}}"
# beside the test database it checks for (two test runs side by side: two databases)
DB="${UPGRADE_DB:-${TEST_DB:-meeting_minutes}_upgrade}"
git rev-parse --verify -q "$PREV_REF^{commit}" >/dev/null ||
    { log "FAILED: $PREV_REF is not in this clone's history (a shallow clone?)" >&2; exit 1; }
WORKTREE="$(mktemp -d "${TMPDIR:-/tmp}/mm_prev.XXXXXX")"
PORT="$(free_port "${UPGRADE_PORT:-8469}")"
cleanup() {
    git worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"
    git worktree prune >/dev/null 2>&1 || true
    rm -f "$PREV_CONF" "$SNAP_BEFORE" "$SNAP_AFTER"
}
PREV_CONF="$(mktemp)" SNAP_BEFORE="$(mktemp)" SNAP_AFTER="$(mktemp)"
trap cleanup EXIT
git worktree add --detach -q "$WORKTREE" "$PREV_REF"
prev_version="$("$VENV_PYTHON" -c "import ast,sys;print(ast.literal_eval(open(sys.argv[1]).read())['version'])" "$WORKTREE/meeting_minutes/__manifest__.py")"
new_version="$("$VENV_PYTHON" -c "import ast,sys;print(ast.literal_eval(open(sys.argv[1]).read())['version'])" "$REPO_ROOT/meeting_minutes/__manifest__.py")"
log "previous version $prev_version ($PREV_REF) -> this checkout $new_version, database $DB"
# the same configuration, with the previous checkout in the addons path
sed -e "s#$REPO_ROOT\b#$WORKTREE#g" -e "s/^http_port = .*/http_port = $PORT/" "$ODOO_CONF" >"$PREV_CONF"
grep -q "$WORKTREE" "$PREV_CONF" || { log "FAILED: cannot point addons_path at $WORKTREE" >&2; exit 1; }

drop_db "$DB"
t0=$(date +%s)
log "installing $prev_version with demo data ..."
"$VENV_PYTHON" "$ODOO_BIN" -c "$PREV_CONF" -d "$DB" -i meeting_minutes --stop-after-init \
    --http-port "$PORT" --log-level=warn
[[ "$(module_state "$DB" meeting_minutes)" == "installed" ]] || { log "FAILED: install of $prev_version" >&2; exit 1; }

# the previous version's workflow: approved, distributed and archived minutes, PDFs stored
"$VENV_PYTHON" "$ODOO_BIN" shell -c "$PREV_CONF" -d "$DB" --no-http --log-level=warn <<'PY'
seed = env.ref("meeting_minutes.meeting_q3_priorities")
report = env.ref("meeting_minutes.action_report_meeting_minutes")
made = env["meeting.minutes"]
for state in ("approved", "distributed", "archived"):
    copy = seed.copy({"name": f"{seed.name} ({state})"})
    copy.write({"state": "submitted"})
    copy.action_approve()
    # printed once: the previous version stored the approved PDF then
    report._render_qweb_pdf(report, copy.ids)
    if state in ("distributed", "archived"):
        copy.action_distribute()
    if state == "archived":
        copy.action_ids.write({"state": "done"})
        copy.action_archive_minutes()
    made |= copy
assert set(made.mapped("state")) == {"approved", "distributed", "archived"}, made.mapped("state")
env.cr.commit()
PY

snapshot() {
    "$VENV_PYTHON" "$ODOO_BIN" shell -c "$1" -d "$DB" --no-http --log-level=warn <<'PY' | grep '^SNAP ' >"$2"
import hashlib
import re
for m in env["meeting.minutes"].search([], order="id"):
    # 18.0.1.7.0 numbers the archive codes (year-month-topic-NN): the same code
    # without its number (the numbers are checked after the update)
    code = re.sub(r"-\d+$", "", m.archive_code) if m.archive_code else m.archive_code
    print("SNAP meeting", m.id, m.reference, m.state, m.name, m.start, m.approved_by_id.id,
          m.approved_on, m.distributed_on, code, m.retention_date)
    for model in ("attendee", "agenda", "statement", "resolution", "action", "followup"):
        lines = env[f"meeting.minutes.{model}"].search([("meeting_id", "=", m.id)], order="id")
        print("SNAP", model, m.id, lines.ids)
    for a in m.action_ids.sorted("id"):
        print("SNAP item", a.id, a.name, a.owner_id.id, a.deadline, a.state, a.done_date)
    atts = env["ir.attachment"].search(
        [("res_model", "=", "meeting.minutes"), ("res_id", "=", m.id),
         ("mimetype", "=", "application/pdf")], order="id")
    for att in atts:
        print("SNAP pdf", m.id, att.id, att.name, hashlib.sha256(att.raw).hexdigest())
PY
}
snapshot "$PREV_CONF" "$SNAP_BEFORE"
log "$(grep -c '^SNAP meeting' "$SNAP_BEFORE") meetings, $(grep -c '^SNAP item' "$SNAP_BEFORE") action items, $(grep -c '^SNAP pdf' "$SNAP_BEFORE") stored PDFs before the update"
[[ "$(grep -c '^SNAP pdf' "$SNAP_BEFORE")" -ge 3 ]] || { log "FAILED: the previous version stored no PDF" >&2; exit 1; }

log "updating to $new_version (-u meeting_minutes) ..."
UPDATE_LOG="$(mktemp)"
"$VENV_PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -u meeting_minutes --stop-after-init \
    --http-port "$PORT" --log-level=info --logfile="$UPDATE_LOG"
if grep -qE " (ERROR|CRITICAL) " "$UPDATE_LOG"; then
    grep -E " (ERROR|CRITICAL) " -A 20 "$UPDATE_LOG" | tail -n 60 >&2
    log "FAILED: errors in the update" >&2
    exit 1
fi
grep -o "meeting_minutes 18\.0\.[0-9.]*: .*" "$UPDATE_LOG" | sed 's/^/[upgrade] /' || true
rm -f "$UPDATE_LOG"

snapshot "$ODOO_CONF" "$SNAP_AFTER"
if ! diff -u "$SNAP_BEFORE" "$SNAP_AFTER"; then
    log "FAILED: the update changed meetings, items or stored PDFs (diff above)" >&2
    exit 1
fi
NEW_VERSION="$new_version" "$VENV_PYTHON" "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn <<'PY'
import os
import re
import sys
version = env["ir.module.module"].search([("name", "=", "meeting_minutes")]).latest_version
errors = []
# the version of this checkout's manifest, whatever it is
if version != os.environ["NEW_VERSION"]:
    errors.append(f"module version {version}")
stored = env["meeting.minutes"].search([("state", "in", ("approved", "distributed", "archived"))])
for m in stored:
    if m.approved_report_id and (m.revision_number != 1 or len(m.revision_ids) != 1
                                 or m.revision_ids.attachment_id != m.approved_report_id):
        errors.append(f"{m.display_name}: no revision 1 for its stored PDF")
    if m.approved_report_id and not m._verify_approved_report():
        errors.append(f"{m.display_name}: the stored PDF does not verify")
frozen = stored.filtered("approved_report_id")
if len(frozen) < 3:
    errors.append(f"only {len(frozen)} approved PDFs kept")
body = env.ref("meeting_minutes.mail_template_minutes_distribution").with_context(lang="en_US").body_html
if "revision" not in body:
    errors.append("the distribution template was not updated")
if not env.ref("meeting_minutes.meeting_minutes_revision_rule_user_read", raise_if_not_found=False):
    errors.append("the revisions' record rule is missing")
invitation = env.ref("meeting_minutes.mail_template_meeting_invitation")
if invitation.model != "calendar.attendee" or "_get_time_label" not in str(invitation.body_html):
    errors.append("the invitation template was not reloaded (18.0.1.3.0)")
if not env.ref("meeting_minutes.mail_template_minutes_distribution").get_metadata()[0]["noupdate"]:
    errors.append("the distribution template is no longer noupdate")
# 18.0.1.7.0: every archive code numbered, and unique in its company
filed = env["meeting.minutes"].search([("archive_code", "!=", False)])
codes = [(m.company_id.id, m.archive_code) for m in filed]
if len(set(codes)) != len(codes) or not all(re.search(r"-\d{2}$", c) for _i, c in codes):
    errors.append(f"archive codes not numbered or not unique: {codes}")
# 18.0.1.4.0: the stamps the compliance report reads, filled by the migration
for m in stored:
    if m.completed_on != m.submitted_on:
        errors.append(f"{m.display_name}: completed_on not taken from submitted_on")
    if m.distributed_on and m.distribution_working_days != m.company_id._meeting_working_days_between(
        m.approved_on.date(), m.distributed_on.date()
    ):
        errors.append(f"{m.display_name}: distribution_working_days not counted")
# 18.0.1.5.0: the stored flags of the form's read, computed by the update
everything = env["meeting.minutes"].with_context(active_test=False).search([])
for m in everything:
    if m.has_acknowledgements != bool(m.acknowledgement_ids):
        errors.append(f"{m.display_name}: has_acknowledgements not computed")
    if m.has_next_meetings != bool(m.next_meeting_ids):
        errors.append(f"{m.display_name}: has_next_meetings not computed")
    if m.read_out_version:
        errors.append(f"{m.display_name}: read_out_version {m.read_out_version}")
rows = env["meeting.minutes.compliance.report"].search([("meeting_id", "in", stored.ids)])
if len(rows) != len(stored) or any(r.distribution_status == "pending" for r in rows if r.meeting_id.distributed_on):
    errors.append("the compliance report does not judge the upgraded minutes")
print("CHECK", len(stored), "approved minutes,", len(frozen), "PDFs kept as revision 1")
if errors:
    print("CHECK FAILED:", "; ".join(errors))
    sys.exit(1)
PY
drop_db "$DB"
log "OK: $prev_version -> $new_version keeps every meeting, line, item and stored PDF ($(($(date +%s) - t0)) s)"
