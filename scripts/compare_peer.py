"""Opening a meeting: meeting_minutes against the peer addon community_meetings.

For each addon, a meeting with 10 and one with 100 lines (agenda items and as many
action items), read the way the web client opens the form: ``web_read`` with the
specification of the form view (``form_specification`` of the query-count test),
the web client's context, as a user of the role that writes the minutes (our
recorder, the peer's editor who organizes the meeting). The caches are warm as for a
second open: one read first, then the ORM cache is invalidated before each measured
read (the registry's caches, views, rules and groups, stay); the four forms are read
in turn, so that the load of the machine weighs on each alike. Prints the SQL
queries and the median time of the measured reads. Everything is rolled back.

With ``--pdf-plan``, it then prepares the PDFs of both addons for
scripts/pdf_http.py, committed: our minutes of 10 and 100 action items (drafts,
rendered at each download) and the floors of scripts/load_prepare.py, the
peer's approved minutes (a revision, printed by its report
``community_meetings.report_revision_document``, rendered at each download) of 10
and 100 action items; ``report.url`` set to ``--base-url``, the server
scripts/compare_peer.sh starts on the scratch database.

Usage (through scripts/compare_peer.sh, which installs both addons first):

    python scripts/compare_peer.py -c peer.conf -d meeting_minutes_peer [--runs 30]
        [--pdf-plan plan.json --base-url http://127.0.0.1:8500]
"""

# pylint: disable=print-used,invalid-commit
import argparse
import json
import logging
import statistics
import sys
import time
from datetime import date, datetime, timedelta

SIZES = (10, 100)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf-plan", help="write the plan of the PDFs over HTTP")
    parser.add_argument("--base-url", help="report.url of the PDFs over HTTP")
    parser.add_argument(
        "--sql",
        action="store_true",
        help="print the queries of one read, each with the fields being read or "
        "computed when it ran",
    )
    return parser.parse_args()


def make_user(env, login, groups, **values):
    from odoo.tests import new_test_user

    return new_test_user(
        env,
        login=login,
        name=values.pop("name", login),
        groups=groups,
        email=f"{login}@example.com",
        tz="Europe/Brussels",
        **values,
    )


def ours(env):
    """The reader of our form: the recorder of the meeting (an organizer)."""
    Department = env["hr.department"]
    departments = [
        Department.create({"name": name}) for name in ("Marketing", "R&D", "Sales")
    ]
    groups = "base.group_user,meeting_minutes.group_meeting_user"
    users = []
    for index, department in enumerate(departments * 2):
        user = make_user(env, f"cmp_mm_{index}", groups, name=f"Member {index}")
        env["hr.employee"].create(
            {"name": user.name, "user_id": user.id, "department_id": department.id}
        )
        users.append(user)
    host, recorder = users[0], users[1]
    start = datetime.now().replace(microsecond=0) + timedelta(days=14)
    meetings = {}
    for size in SIZES:
        meeting = (
            env["meeting.minutes"]
            .with_user(recorder)
            .create(
                {
                    "name": f"Coordination meeting, {size} lines",
                    "purpose": "Compare the form with the peer's",
                    "initiating_department_id": departments[0].id,
                    "department_ids": [(6, 0, [d.id for d in departments])],
                    "host_id": host.id,
                    "recorder_id": recorder.id,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "location_type": "onsite",
                    "location": "Room 301",
                    "attendee_ids": [(0, 0, {"user_id": user.id}) for user in users],
                    "agenda_ids": [
                        (
                            0,
                            0,
                            {
                                "name": f"Item {index}",
                                "sequence": index,
                                "statement_ids": [
                                    (
                                        0,
                                        0,
                                        {
                                            "department_id": departments[index % 3].id,
                                            "kind": "opinion",
                                            "content": f"Point {index}",
                                        },
                                    )
                                ],
                            },
                        )
                        for index in range(size)
                    ],
                }
            )
        )
        env["meeting.minutes.action"].with_user(recorder).create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": f"Task {index}",
                    "owner_id": users[index % len(users)].id,
                    "deadline": date.today() + timedelta(days=30 + index % 28),
                }
                for index in range(size)
            ]
        )
        meetings[size] = meeting
    return "meeting_minutes", recorder, meetings


def peer(env):
    """The reader of the peer's form: an editor who organizes the meeting."""
    groups = "base.group_user,community_meetings.group_meeting_editor"
    organizer = make_user(env, "cmp_peer_organizer", groups, name="Peer Organizer")
    others = [
        make_user(env, f"cmp_peer_{index}", groups, name=f"Peer Member {index}")
        for index in range(5)
    ]
    people = [organizer, *others]
    Meeting = env["community.meeting"].with_user(organizer)
    start = datetime.now().replace(microsecond=0) + timedelta(days=14)
    meetings = {}
    for size in SIZES:
        meeting = Meeting.create(
            {
                "name": f"Coordination meeting, {size} lines",
                "description": "<p>Compare the form with ours</p>",
                "start_datetime": start,
                "end_datetime": start + timedelta(hours=2),
                "location": "Room 301",
                "attendee_partner_ids": [(6, 0, [u.partner_id.id for u in people])],
                "editor_user_ids": [(6, 0, [others[0].id])],
                # the peer's rule: an action's responsible must see the meeting
                "reader_user_ids": [(6, 0, [u.id for u in others[1:]])],
            }
        )
        items = (
            env["community.meeting.agenda.item"]
            .with_user(organizer)
            .create(
                [
                    {
                        "meeting_id": meeting.id,
                        "name": f"Item {index}",
                        "sequence": index,
                        "discussion_notes": f"<p>Point {index}</p>",
                    }
                    for index in range(size)
                ]
            )
        )
        env["community.meeting.action"].with_user(organizer).create(
            [
                {
                    "meeting_id": meeting.id,
                    "agenda_item_id": item.id,
                    "name": f"Task {index}",
                    "responsible_user_id": people[index % len(people)].id,
                    "deadline": date.today() + timedelta(days=30 + index % 28),
                }
                for index, item in enumerate(items)
            ]
        )
        meetings[size] = meeting
    return "community_meetings", organizer, meetings


def origin_of_query():
    """What the ORM was doing when a query ran: the fields being read or computed,
    the access checks, the models of the nested web_read, outermost first."""
    frame = sys._getframe(2)
    chain = []
    while frame:
        code, local = frame.f_code, frame.f_locals
        if code.co_name == "__get__" and code.co_filename.endswith("odoo/fields.py"):
            chain.append(f"read {local.get('self')}")
        elif code.co_name == "_compute_field_value":
            chain.append(f"compute {local.get('field')}")
        elif code.co_name in ("check_access", "_read_group", "search_fetch"):
            chain.append(f"{code.co_name} {getattr(local.get('self'), '_name', '')}")
        elif code.co_name == "web_read" and "/web/" in code.co_filename:
            chain.append(f"web_read {local['self']._name}")
        frame = frame.f_back
    return " < ".join(chain[:4])


def log_queries(cr, function):
    """Run function, printing its queries with their origin."""
    from odoo.sql_db import Cursor

    execute = Cursor.execute
    queries = []

    def logged(self, query, params=None, log_exceptions=True):
        if self is cr:
            text = " ".join(str(getattr(query, "code", query)).split())
            queries.append((text, origin_of_query()))
        return execute(self, query, params, log_exceptions)

    Cursor.execute = logged
    try:
        function()
    finally:
        Cursor.execute = execute
    for index, (text, origin) in enumerate(queries, 1):
        print(f"  {index:>2}. {text[:150]}")
        print(f"      {origin}")


def pdf_plan(env, database, base_url):
    """The PDFs of both addons, for scripts/pdf_http.py (committed by the caller)."""
    from load_prepare import FLOOR_REPORTS, make_floor_report

    __, recorder, our_meetings = ours(env)
    __, organizer, peer_meetings = peer(env)
    # the peer's approval: its organizer approves too (an approver of the peer)
    organizer.groups_id = [(4, env.ref("community_meetings.group_meeting_approver").id)]
    for meeting in peer_meetings.values():
        meeting = meeting.with_user(organizer)
        meeting.action_schedule()
        meeting.action_mark_held()
        meeting.action_draft_minutes()
        meeting.action_approve_minutes()
    floors = [
        make_floor_report(env, name, label) for name, label in FLOOR_REPORTS.items()
    ]
    if base_url:
        env["ir.config_parameter"].set_param("report.url", base_url)
    minutes = "meeting_minutes.report_meeting_minutes"
    peer_report = "community_meetings.report_revision_document"
    cases = [
        [
            "floor: empty page, same paper format",
            floors[0].report_name,
            our_meetings[10].id,
            recorder.login,
        ],
        [
            "empty page, Odoo's JavaScript delay",
            floors[1].report_name,
            our_meetings[10].id,
            recorder.login,
        ],
    ]
    for size in SIZES:
        cases.append(
            [
                f"minutes, {size} action items",
                minutes,
                our_meetings[size].id,
                recorder.login,
            ]
        )
    for size in SIZES:
        revision = peer_meetings[size].approved_revision_id
        cases.append(
            [
                f"peer's approved minutes, {size} items",
                peer_report,
                revision.id,
                organizer.login,
            ]
        )
    return {
        "database": database,
        "passwords": {user.login: user.login for user in (recorder, organizer)},
        "cases": cases,
    }


class FormRead:
    """One meeting's form, read as its user with the web client's context."""

    def __init__(self, label, size, user, meeting):
        from odoo.addons.meeting_minutes.tests.test_performance import (
            form_specification,
        )

        self.label, self.size = label, size
        # what the web client sends with web_read
        context = {
            "lang": user.lang or "en_US",
            "tz": user.tz,
            "uid": user.id,
            "allowed_company_ids": [user.company_id.id],
            "bin_size": True,
        }
        user_env = meeting.env(user=user.id, context=context)
        self.spec = form_specification(user_env, meeting._name)
        self.record = meeting.with_env(user_env)
        self.counts, self.seconds = [], []

    def open(self):
        self.record.web_read(self.spec)

    def measure(self):
        """One open, the ORM cache emptied first (a new request)."""
        env, cr = self.record.env, self.record.env.cr
        env.invalidate_all()
        before = cr.sql_log_count
        start = time.perf_counter()
        self.open()
        self.seconds.append(time.perf_counter() - start)
        self.counts.append(cr.sql_log_count - before)


def main():
    args = parse_args()
    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    # importing the test helpers outside a test run logs an error that does not
    # apply here
    logging.getLogger("odoo.tests.common").setLevel(logging.CRITICAL)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        modules = env["ir.module.module"].search(
            [("name", "in", ("meeting_minutes", "community_meetings"))]
        )
        versions = {module.name: module.latest_version for module in modules}
        forms = []
        for setup in (ours, peer):
            addon, user, meetings = setup(env)
            for size, meeting in meetings.items():
                forms.append(
                    FormRead(f"{addon} {versions[addon]}", size, user, meeting)
                )
        env.flush_all()
        for form in forms:  # the first open of each
            env.invalidate_all()
            form.open()
        for _run in range(args.runs):
            for form in forms:
                form.measure()
        if args.sql:
            for form in forms:
                print(f"\n{form.label}, {form.size} lines:")
                env.invalidate_all()
                log_queries(cr, form.open)
        cr.rollback()
    if args.pdf_plan:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            plan = pdf_plan(env, args.database, args.base_url)
            cr.commit()
        with open(args.pdf_plan, "w", encoding="utf-8") as handle:
            json.dump(plan, handle, indent=1)
    print()
    print(f"form read (web_read of the form), warm caches, median of {args.runs} reads")
    print(f"| {'addon':<36} | {'lines':>5} | {'queries':>7} | {'median ms':>9} |")
    print(f"|{'-' * 38}|{'-' * 6}:|{'-' * 8}:|{'-' * 10}:|")
    for form in forms:
        if len(set(form.counts)) != 1:
            print(f"  note: {form.label} {form.size}: query counts vary: {form.counts}")
        median = statistics.median(form.seconds) * 1000
        print(
            f"| {form.label:<36} | {form.size:>5} | {max(form.counts):>7} | "
            f"{median:>9.1f} |"
        )


if __name__ == "__main__":
    main()
