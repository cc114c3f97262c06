"""Two cron workers at once: the four scheduled actions of meeting_minutes run by two
separate Odoo processes at the same moment, on a copy of the benchmark database
(scripts/cron_race.sh makes it), then the database is checked: every reminder, delay
notice, late-minutes activity and archive code done exactly once.

Each worker is its own Python process (multiprocessing, "spawn": a fresh interpreter
that loads its own Odoo registry and opens its own connections). For each scheduled
action in turn (reminder, overdue, follow-up, archive), both workers wait at a
barrier, then run it the way Odoo's cron worker does (ir.cron._run_job): a cursor of
their own, ir.cron._add_progress, then ir.cron._callback, which runs the server
action; the batches of _run_in_batches commit one by one (the thread is not a test
thread). Odoo's own cron runner would never start the same job twice at once (it
locks the ir_cron row, SKIP LOCKED): calling _callback directly takes that guard away
on purpose, so that the two workers really do walk the same records, and only the
addon's FOR UPDATE SKIP LOCKED batches keep them apart.

The records each action must handle are taken before the run, from the actions' own
domains, at the reference time (now; or the day the benchmark data were generated
when that is not today, CRON_RACE_NOW to choose: the generator places deadlines and
meetings around that day, so each action has work). When the reference is not
today, time is frozen there (freezegun, ticking) in the workers and the checks.

Checks, from the database:
- reminder: each item due has reminder_sent_on and is listed in exactly one
  "reminder" note of its meeting;
- overdue: each item past its deadline is delayed, has overdue_notified_on and is
  listed in exactly one "delayed" note;
- follow-up: each late meeting has exactly one "minutes late" activity and its
  late flag; unread receipts due all reminded;
- archive: each closed meeting is filed, with its archive code, and exactly one
  tracking message of the change of status.
Nothing outside these sets is touched. Exit status 1 on any duplicate, miss, or
worker exception. CRON_RACE_UNSAFE=1 runs the control: the same batches without
the lock and the second look, which must fail the checks.

    python scripts/cron_race.py -c odoo.conf -d meeting_minutes_load_cron
"""

# pylint: disable=print-used,invalid-commit
import argparse
import contextlib
import html
import multiprocessing
import os
import re
import sys
import time
import traceback
from collections import Counter
from datetime import datetime

CRONS = (
    ("reminder", "meeting_minutes.ir_cron_action_reminder"),
    ("overdue", "meeting_minutes.ir_cron_action_overdue"),
    ("followup", "meeting_minutes.ir_cron_minutes_followup"),
    ("archive", "meeting_minutes.ir_cron_archive"),
)
LI = re.compile(r"<li>(.*?) — ", re.S)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", help="overrides the configuration's")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def load_registry(config, database, addons_path=None):
    import odoo

    odoo_args = ["-c", config, "-d", database, "--log-level=warn"]
    if addons_path:
        odoo_args.append(f"--addons-path={addons_path}")
    odoo.tools.config.parse_config(odoo_args)
    return odoo, odoo.modules.registry.Registry(database)


def worker(rank, config, database, addons_path, now, barrier, results):
    """One cron worker: the four scheduled actions, each after the barrier."""
    with frozen_at(now):
        odoo, registry = load_registry(config, database, addons_path)
        # count what this worker processed (the method returns it; the server
        # action drops it): a wrapper around the addon's batch runner
        from odoo.addons.meeting_minutes.models import meeting_minutes_cron_mixin

        mixin = meeting_minutes_cron_mixin.MeetingMinutesCronMixin
        original = mixin._run_in_batches
        if os.environ.get("CRON_RACE_UNSAFE"):
            # the control: the same batches without the lock nor the second look,
            # to show that the checks below see what the lock prevents
            from odoo.tools import split_every

            def original(self, domain, method, batch_size):
                ids = self.search(domain, order="id").ids
                for batch_ids in split_every(batch_size, ids):
                    getattr(self.browse(batch_ids), method)()
                    self.env.cr.commit()
                return len(ids)

        processed = []

        def counting(self, domain, method, batch_size):
            count = original(self, domain, method, batch_size)
            processed.append(count)
            return count

        mixin._run_in_batches = counting
        for label, xmlid in CRONS:
            processed.clear()
            outcome = {"worker": rank, "cron": label}
            cr = registry.cursor()
            try:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                job = env.ref(xmlid)
                env = odoo.api.Environment(
                    cr, job.user_id.id, {"lastcall": job.lastcall, "cron_id": job.id}
                )
                cron, __ = env["ir.cron"].browse(job.id)._add_progress()
                cr.commit()
            except Exception:  # noqa: BLE001 - reported, the check fails
                outcome["error"] = traceback.format_exc()
            # both workers wait here whatever happened, so that they stay in step
            barrier.wait(timeout=600)
            if "error" not in outcome:
                try:
                    started = time.perf_counter()
                    cron._callback(job.cron_name, job.ir_actions_server_id.id)
                    cr.commit()
                    outcome["seconds"] = time.perf_counter() - started
                    outcome["done"] = sum(processed)
                except Exception:  # noqa: BLE001 - reported, the check fails
                    outcome["error"] = traceback.format_exc()
            cr.close()
            results.put(outcome)


def frozen_at(now):
    """Time frozen at ``now`` (ticking), or the real time when ``now`` is None."""
    if now is None:
        return contextlib.nullcontext()
    from freezegun import freeze_time

    return freeze_time(now, tick=True)


def reference_now(env):
    """Now, or the same time of day on the day the benchmark data were generated."""
    forced = os.environ.get("CRON_RACE_NOW")
    if forced:
        return datetime.fromisoformat(forced)
    env.cr.execute(
        "SELECT min(create_date)::date FROM meeting_minutes "
        "WHERE name LIKE 'Coordination meeting %%'"
    )
    generated = env.cr.fetchone()[0]
    now = datetime.now().replace(microsecond=0)
    if generated and generated != now.date():
        return datetime.combine(generated, now.time())
    return now


def expected_sets(env):
    from odoo import fields

    Action = env["meeting.minutes.action"]
    Meeting = env["meeting.minutes"]
    today = fields.Date.context_today(Action)
    now = fields.Datetime.now()
    return {
        "reminder": set(Action.search(Action._get_reminder_domain(today)).ids),
        "overdue": set(Action.search(Action._get_overdue_domain(today)).ids),
        "followup": set(Meeting.search(Meeting._get_late_notice_domains()[0]).ids),
        # the archive delay is each company's (_cron_archive)
        "archive": {
            meeting_id
            for company in env["res.company"].search([])
            for meeting_id in Meeting.search(
                [("company_id", "=", company.id)]
                + Meeting._get_archive_domain(now, company)
            ).ids
        },
        "unread": set(
            env["meeting.minutes.acknowledgement"]
            .search(env["meeting.minutes.acknowledgement"]._get_reminder_domain(today))
            .ids
        ),
    }


def high_water(cr):
    marks = {}
    for table in ("mail_message", "mail_activity", "mail_tracking_value", "mail_mail"):
        # a fixed list of table names, no input
        cr.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # pylint: disable=sql-injection
        marks[table] = cr.fetchone()[0]
    return marks


def check(env, expected, marks):
    """{check: (expected, done once, duplicates, missing, unexpected)}"""
    cr = env.cr
    report = {}
    # the notes of the reminders and delays: one <li> per item, on its meeting
    cr.execute(
        "SELECT res_id, body FROM mail_message WHERE id > %s AND model = "
        "'meeting.minutes' AND body LIKE %s",
        [marks["mail_message"], "%<li>%"],
    )
    listed = Counter()
    for meeting_id, body in cr.fetchall():
        for name in LI.findall(str(body)):
            listed[meeting_id, html.unescape(name).strip()] += 1
    items = expected["reminder"] | expected["overdue"]
    cr.execute(
        "SELECT id, meeting_id, name, state, reminder_sent_on, overdue_notified_on "
        "FROM meeting_minutes_action WHERE id IN %s",
        [tuple(items) or (0,)],
    )
    rows = {row[0]: row[1:] for row in cr.fetchall()}
    by_key = {
        (meeting_id, name): action_id
        for action_id, (meeting_id, name, *_r) in rows.items()
    }
    unexpected_notes = sum(count for key, count in listed.items() if key not in by_key)
    for label, flag in (("reminder", 3), ("overdue", 4)):
        ids = expected[label]
        counts = Counter(
            {
                action_id: listed[rows[action_id][0], rows[action_id][1]]
                for action_id in ids
            }
        )
        missing = [i for i in ids if counts[i] == 0 or not rows[i][flag]]
        if label == "overdue":
            missing += [i for i in ids if rows[i][2] != "delayed"]
        duplicates = [i for i in ids if counts[i] > 1]
        once = sum(1 for i in ids if counts[i] == 1)
        report[f"{label}: items listed in a note"] = (
            len(ids),
            once,
            len(duplicates),
            len(set(missing)),
            unexpected_notes if label == "overdue" else 0,
        )
    # late minutes: one activity of the "late" type per meeting
    activity_type = env.ref("meeting_minutes.mail_activity_type_minutes_late").id
    cr.execute(
        "SELECT res_id, count(*) FROM mail_activity WHERE id > %s AND res_model = "
        "'meeting.minutes' AND activity_type_id = %s GROUP BY res_id",
        [marks["mail_activity"], activity_type],
    )
    activities = dict(cr.fetchall())
    ids = expected["followup"]
    cr.execute(
        "SELECT id FROM meeting_minutes WHERE id IN %s AND NOT "
        "(coalesce(completion_late_notified, false) "
        "OR coalesce(distribution_late_notified, false))",
        [tuple(ids) or (0,)],
    )
    unflagged = {row[0] for row in cr.fetchall()}
    report["followup: late-minutes activity per meeting"] = (
        len(ids),
        sum(1 for i in ids if activities.get(i) == 1),
        sum(1 for i in ids if activities.get(i, 0) > 1),
        len({i for i in ids if not activities.get(i)} | unflagged),
        sum(1 for i in activities if i not in ids),
    )
    ids = expected["unread"]
    cr.execute(
        "SELECT count(*) FROM meeting_minutes_acknowledgement WHERE id IN %s AND "
        "reminded_on IS NOT NULL",
        [tuple(ids) or (0,)],
    )
    reminded = cr.fetchone()[0]
    report["followup: unread receipts reminded"] = (
        len(ids),
        reminded,
        0,
        len(ids) - reminded,
        0,
    )
    # archive: filed with a code, one tracking message of the new status each
    ids = expected["archive"]
    cr.execute(
        "SELECT m.res_id, count(*) FROM mail_tracking_value v "
        "JOIN mail_message m ON m.id = v.mail_message_id "
        "JOIN ir_model_fields f ON f.id = v.field_id "
        "WHERE v.id > %s AND m.model = 'meeting.minutes' AND f.name = 'state' "
        "AND f.model = 'meeting.minutes' AND v.new_value_char = %s GROUP BY m.res_id",
        [marks["mail_tracking_value"], env["meeting.minutes"]._state_label("archived")],
    )
    tracked = dict(cr.fetchall())
    cr.execute(
        "SELECT id FROM meeting_minutes WHERE id IN %s AND state = 'archived' "
        "AND archive_code IS NOT NULL AND archived_on IS NOT NULL",
        [tuple(ids) or (0,)],
    )
    filed = {row[0] for row in cr.fetchall()}
    report["archive: filed, one status change each"] = (
        len(ids),
        sum(1 for i in ids if i in filed and tracked.get(i) == 1),
        sum(1 for i in ids if tracked.get(i, 0) > 1),
        sum(1 for i in ids if i not in filed or not tracked.get(i)),
        sum(1 for i in tracked if i not in ids),
    )
    cr.execute("SELECT count(*) FROM mail_mail WHERE id > %s", [marks["mail_mail"]])
    digests = cr.fetchone()[0]
    return report, digests


def main():
    args = parse_args()
    odoo, registry = load_registry(args.config, args.database, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        now = reference_now(env)
    # frozen only when the reference is not now (freezegun's clock also feeds the
    # logging module, which then fails to format an error's time)
    freeze = now if now.date() != datetime.now().date() else None
    with frozen_at(freeze), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        expected = expected_sets(env)
        marks = high_water(cr)
    print(
        f"cron race on {args.database}, reference time {now:%Y-%m-%d %H:%M}, "
        f"{args.workers} worker processes; to do: "
        + ", ".join(f"{label} {len(ids)}" for label, ids in expected.items())
    )
    empty = [
        label
        for label in ("reminder", "overdue", "followup", "archive")
        if not expected[label]
    ]
    if empty:
        print(f"no work for {empty}: the race would prove nothing (CRON_RACE_NOW?)")
        sys.exit(1)

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.workers)
    results = context.Queue()
    processes = [
        context.Process(
            target=worker,
            args=(
                rank,
                args.config,
                args.database,
                args.addons_path,
                freeze,
                barrier,
                results,
            ),
        )
        for rank in range(1, args.workers + 1)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=1800) for _ in range(args.workers * len(CRONS))]
    for process in processes:
        process.join()
    wall = time.perf_counter() - started

    failed = False
    print()
    print(
        "| scheduled action | "
        + " | ".join(f"worker {r}: records, s" for r in range(1, args.workers + 1))
        + " |"
    )
    print("| --- |" + " ---: |" * args.workers)
    for label, __ in CRONS:
        cells = []
        for rank in range(1, args.workers + 1):
            outcome = next(
                o for o in outcomes if o["worker"] == rank and o["cron"] == label
            )
            if "error" in outcome:
                failed = True
                cells.append("ERROR")
                print(f"worker {rank}, {label}:\n{outcome['error']}", file=sys.stderr)
            else:
                cells.append(f"{outcome['done']}, {outcome['seconds']:.2f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print(f"(both workers, from start to finish: {wall:.1f} s)")

    with frozen_at(freeze), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        report, digests = check(env, expected, marks)
    print()
    print("| check | expected | done once | duplicates | missing | outside the set |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, (count, once, duplicates, missing, unexpected) in report.items():
        print(
            f"| {label} | {count} | {once} | {duplicates} | {missing} | {unexpected} |"
        )
        if duplicates or missing or unexpected:
            failed = True
    print(f"(digest emails queued: {digests})")
    print("cron race: " + ("FAILED" if failed else "every record done exactly once"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
