"""Benchmark of meeting_minutes on a generated database.

Generates 5,000 meetings and 50,000 action items (default sizes), then measures:
each scheduled action (wall time, SQL queries), the form read of a meeting with 50
agenda items, 200 statements and 100 action items, and the cost of creating action
items. Usage (through scripts/benchmark.sh, which installs the addon first):

    python scripts/benchmark.py -c odoo.conf -d meeting_minutes_bench [--meetings 5000]
"""

# pylint: disable=print-used
import argparse
import logging
import random
import sys
import time
from datetime import date, datetime, timedelta


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--actions-per-meeting", type=int, default=10)
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


class Timer:
    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.start = time.perf_counter()
        self.queries = self.cr.sql_log_count
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.query_count = self.cr.sql_log_count - self.queries


def generate(env, args, today):
    """Meetings over the last year in every state of the life cycle after
    distribution, with their action items around today."""
    rng = random.Random(args.seed)
    users = env["res.users"].search(
        [("share", "=", False), ("employee_ids", "!=", False)]
    )
    departments = env["hr.department"].search([])
    if not users or not departments:
        sys.exit("the database needs users with employees and departments (demo data)")
    Meeting = env["meeting.minutes"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    Action = env["meeting.minutes.action"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    # one approved PDF, rendered for real once, stands for each meeting's
    pdf = env["ir.attachment"]
    report = env.ref("meeting_minutes.action_report_meeting_minutes")
    demo = env.ref("meeting_minutes.meeting_q3_priorities", raise_if_not_found=False)
    if demo:
        content, __ = report._render_qweb_pdf(report, demo.ids)
        pdf = pdf.create(
            {"name": "approved.pdf", "raw": content, "mimetype": "application/pdf"}
        )
    batch = 250
    created = 0
    while created < args.meetings:
        size = min(batch, args.meetings - created)
        vals_list = []
        for index in range(size):
            start = datetime.combine(
                today - timedelta(days=rng.randint(1, 365)), datetime.min.time()
            ) + timedelta(hours=rng.randint(1, 9))
            host, recorder = rng.sample(list(users), 2)
            deps = departments.browse(
                [d.id for d in rng.sample(list(departments), min(3, len(departments)))]
            )
            vals_list.append(
                {
                    "name": f"Coordination meeting {created + index}",
                    "purpose": "Benchmark",
                    "initiating_department_id": deps[0].id,
                    "department_ids": [(6, 0, deps.ids)],
                    "host_id": host.id,
                    "recorder_id": recorder.id,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "location": "Room 1",
                }
            )
        meetings = Meeting.create(vals_list)
        action_vals = []
        for meeting in meetings:
            start_date = meeting.start.date()
            # meetings of more than two months ago have closed their action items
            # (the archive cron's work); the recent ones have open ones
            states = (
                ("done", "done", "cancelled")
                if start_date < today - timedelta(days=60)
                else ("todo", "in_progress", "done", "done")
            )
            for rank in range(args.actions_per_meeting):
                # deadlines from the meeting day to 40 days after it, some past, some
                # due within the reminder window, some later
                action_vals.append(
                    {
                        "meeting_id": meeting.id,
                        "name": f"Task {rank}",
                        "owner_id": rng.choice(users).id,
                        "deadline": max(
                            start_date + timedelta(days=rng.randint(0, 40)), start_date
                        ),
                        "state": rng.choice(states),
                    }
                )
        Action.create(action_vals)
        env.flush_all()
        # the state the workflow leaves: distributed some days after the meeting,
        # with the approved PDF attached (the benchmark measures the crons, not
        # wkhtmltopdf)
        # the stamps of each step, some late (the compliance report reads them)
        for meeting in meetings:
            notice_date = meeting.start - timedelta(days=rng.randint(1, 7))
            completed_on = meeting.stop + timedelta(hours=rng.randint(1, 40))
            approved_on = completed_on + timedelta(hours=rng.randint(1, 30))
            distributed_on = approved_on + timedelta(days=rng.randint(0, 4))
            values = {
                "state": "distributed",
                "notice_date": notice_date,
                "notice_given_days": meeting._get_notice_working_days(notice_date),
                "completed_on": completed_on,
                "submitted_on": completed_on,
                "approved_on": approved_on,
                "distribution_deadline": (approved_on + timedelta(days=3)).date(),
                "distributed_on": distributed_on,
                "distribution_working_days": rng.randint(0, 3),
            }
            if pdf:
                values["approved_report_id"] = pdf.id
            meeting.write(values)
        # read receipts: the attendees and the host, most of them read
        env["meeting.minutes.acknowledgement"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": partner.id,
                    "access_token": f"bench-{meeting.id}-{partner.id}",
                    "acknowledged_on": (
                        meeting.distributed_on if rng.random() < 0.8 else False
                    ),
                }
                for meeting in meetings
                for partner in (
                    meeting.host_id | meeting.recorder_id | users[:4]
                ).partner_id
            ]
        )
        # a tenth of the meetings are still approved or confirmed (late-minutes cron)
        for meeting in meetings[: size // 10]:
            meeting.write(
                {
                    "state": rng.choice(("approved", "confirmed")),
                    "distribution_deadline": meeting.start.date() + timedelta(days=3),
                }
            )
        env.flush_all()
        env.cr.commit()
        env.invalidate_all()
        created += size
        print(f"  generated {created} meetings", flush=True)


def main():
    args = parse_args()
    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        today = date.today()
        existing = env["meeting.minutes"].search_count([])
        if existing < args.meetings:
            print(
                f"generating {args.meetings} meetings x "
                f"{args.actions_per_meeting} action items ..."
            )
            with Timer(cr) as timer:
                generate(env, args, today)
            results.append(("generate data", timer.seconds, timer.query_count, ""))
        counts = (
            env["meeting.minutes"].search_count([]),
            env["meeting.minutes.action"].search_count([]),
        )
        print(f"database: {counts[0]} meetings, {counts[1]} action items")
        # keep the generated data: each cron runs on a copy of the state, rolled back
        import threading

        for label, model, method in (
            ("cron action reminder", "meeting.minutes.action", "_cron_send_reminders"),
            ("cron action overdue", "meeting.minutes.action", "_cron_mark_overdue"),
            ("cron minutes follow-up", "meeting.minutes", "_cron_followup"),
            ("cron archive", "meeting.minutes", "_cron_archive"),
        ):
            env.invalidate_all()
            # in a test-like thread the crons do not commit: all is rolled back
            threading.current_thread().testing = True
            with Timer(cr) as timer:
                done = getattr(env[model], method)()
                env.flush_all()
                # what a commit would do: tracking messages, mail queue
                cr.precommit.run()
            results.append((label, timer.seconds, timer.query_count, f"{done} records"))
            cr.rollback()
        threading.current_thread().testing = False

        # the compliance report over all the meetings, as its pivot asks it
        Report = env["meeting.minutes.compliance.report"]
        env.invalidate_all()
        with Timer(cr) as timer:
            groups = Report._read_group(
                [],
                ["department_id", "date:month"],
                [
                    "__count",
                    "notice_ok:avg",
                    "completion_ok:avg",
                    "distribution_ok:avg",
                    "read_rate:avg",
                    "action_done_on_time_count:sum",
                    "action_late_count:sum",
                ],
            )
        results.append(
            (
                "compliance report by department and month",
                timer.seconds,
                timer.query_count,
                f"{len(groups)} groups",
            )
        )

        # the form of a large meeting
        env.invalidate_all()
        meeting = env["meeting.minutes"].create(
            {
                "name": "Large meeting",
                "purpose": "Benchmark",
                "initiating_department_id": env["hr.department"].search([], limit=1).id,
                "host_id": env.ref("base.user_admin").id,
                "recorder_id": env.ref("base.user_admin").id,
                "start": datetime.now() + timedelta(days=7),
                "stop": datetime.now() + timedelta(days=7, hours=2),
                "location": "Room 1",
                "agenda_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Item {i}",
                            "statement_ids": [
                                (
                                    0,
                                    0,
                                    {"kind": "consensus", "content": f"Point {i}.{j}"},
                                )
                                for j in range(4)
                            ],
                        },
                    )
                    for i in range(50)
                ],
            }
        )
        Action = env["meeting.minutes.action"]
        owner = env.ref("base.user_admin")
        env.flush_all()
        with Timer(cr) as timer:
            Action.create(
                [
                    {
                        "meeting_id": meeting.id,
                        "name": f"Task {i}",
                        "owner_id": owner.id,
                        "department_id": meeting.initiating_department_id.id,
                        "deadline": date.today() + timedelta(days=30),
                    }
                    for i in range(100)
                ]
            )
            env.flush_all()
        results.append(
            (
                "create 100 action items",
                timer.seconds,
                timer.query_count,
                f"{timer.query_count / 100:.2f} queries per item",
            )
        )
        with Timer(cr) as timer:
            Action.create(
                {
                    "meeting_id": meeting.id,
                    "name": "One more",
                    "owner_id": owner.id,
                    "deadline": date.today() + timedelta(days=30),
                }
            )
            env.flush_all()
        results.append(("create 1 action item", timer.seconds, timer.query_count, ""))
        # the meeting room on the same meeting: opening it, typing one statement
        env.invalidate_all()
        with Timer(cr) as timer:
            data = meeting.get_room_data()
        results.append(
            (
                "open the meeting room (50 items, 200 statements)",
                timer.seconds,
                timer.query_count,
                f"{len(data['agenda'])} agenda items",
            )
        )
        env.invalidate_all()
        with Timer(cr) as timer:
            env["meeting.minutes.statement"].create(
                {
                    "agenda_id": meeting.agenda_ids[:1].id,
                    "department_id": meeting.initiating_department_id.id,
                    "kind": "problem",
                    "content": "Typed in the meeting room",
                }
            )
            env.flush_all()
            # what a commit would do: the bus notification to the open rooms
            cr.precommit.run()
        results.append(
            ("type one statement in the room", timer.seconds, timer.query_count, "")
        )
        # the same specification as the query-count test; importing the test
        # framework outside a test run logs an error that does not apply here
        logging.getLogger("odoo.tests.common").setLevel(logging.CRITICAL)
        from odoo.addons.meeting_minutes.tests.test_performance import (
            form_specification,
        )

        spec = form_specification(env, "meeting.minutes")
        # a second open, as in the query-count test: the first one warms the
        # registry's caches (the notice's working days among them)
        env.invalidate_all()
        meeting.web_read(spec)
        env.invalidate_all()
        with Timer(cr) as timer:
            meeting.web_read(spec)
        results.append(
            (
                "form read (50 items, 200 statements, 101 actions)",
                timer.seconds,
                timer.query_count,
                "opened a second time",
            )
        )
        cr.rollback()

    print()
    print(f"| {'measure':<52} | {'seconds':>8} | {'queries':>8} | note")
    print(f"|{'-' * 54}|{'-' * 10}|{'-' * 10}|------")
    for label, seconds, queries, note in results:
        print(f"| {label:<52} | {seconds:8.2f} | {queries:8d} | {note}")


if __name__ == "__main__":
    main()
