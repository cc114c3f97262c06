"""Prepare a copy of the benchmark database for `make load` (scripts/load.sh).

Runs in Odoo's venv on the copy only (never on meeting_minutes_bench itself):

- the role users: the internal users with an employee get their login as password
  (admin/admin, lina/lina, ...), so that the virtual users can log in;
- work for every virtual user, so that no request fails for lack of data:
  submitted minutes for each host (approve, then distribute), meetings in progress
  for each recorder (add statements), and the open action items of each owner in
  distributed minutes (mark them completed with a remark);
- two meetings in progress with 10 and 100 action items, the monthly compliance
  report of the busiest month (the PDFs over HTTP, scripts/pdf_http.py), and the
  floor reports: a QWeb report with an empty body and the minutes' paper format
  (see the comment in make_floor_report);
- one minutes PDF rendered, so that the report assets exist before the first
  request.

It writes the plan (who logs in with what, which records each role works on) as
JSON for scripts/locustfile.py and scripts/pdf_http.py. Usage:

    python scripts/load_prepare.py -c odoo.conf -d meeting_minutes_load --plan plan.json
"""

# pylint: disable=print-used,invalid-commit
import argparse
import json
import random
import time
from collections import Counter
from datetime import date, datetime, timedelta

HOSTS = ("lina", "chengang", "zhaolei", "zhouqiang", "admin")
RECORDERS = ("wangfang", "wumin", "liuyang", "sunli", "demo")
# the floors of scripts/pdf_http.py (make_floor_report): printed as the addon's
# reports are, and as any other addon's report is
FLOOR_REPORTS = {
    "meeting_minutes.report_load_floor": "Empty page (load test floor)",
    "meeting_minutes_load.report_empty": "Empty page (Odoo's JavaScript delay)",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", help="overrides the configuration's")
    parser.add_argument("--plan", required=True, help="JSON file written")
    parser.add_argument("--submitted", type=int, default=300)
    parser.add_argument("--in-progress", type=int, default=100)
    parser.add_argument("--actions-per-owner", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--base-url",
        help="the URL of the server under load: wkhtmltopdf loads the report "
        "assets from it (report.url)",
    )
    return parser.parse_args()


def meeting_values(env, name, host, recorder, others, start, agenda=2):
    """A meeting of the host's department with the recorder's and the others'
    departments, every one of them attending, an agenda with a statement per
    department and the consensus."""
    people = host | recorder | others
    departments = people.employee_ids.department_id
    initiating = host.employee_ids[:1].department_id or departments[:1]
    return {
        "name": name,
        "purpose": "Load test: settle the priorities",
        "initiating_department_id": initiating.id,
        "department_ids": [(6, 0, departments.ids)],
        "host_id": host.id,
        "recorder_id": recorder.id,
        "start": start,
        "stop": start + timedelta(hours=2),
        "location_type": "onsite",
        "location": "Room 301",
        "attendee_ids": [(0, 0, {"user_id": user.id}) for user in people],
        "agenda_ids": [
            (
                0,
                0,
                {
                    "name": f"Item {rank + 1}",
                    "sequence": rank,
                    "statement_ids": [
                        (
                            0,
                            0,
                            {
                                "department_id": department.id,
                                "kind": "problem",
                                "content": f"The position of {department.name}",
                            },
                        )
                        for department in departments
                    ]
                    + [(0, 0, {"kind": "consensus", "content": "Agreed direction"})],
                },
            )
            for rank in range(agenda)
        ],
        "resolution_ids": [(0, 0, {"content": "Resolution adopted"})],
    }


def add_actions(env, meeting, owners, count):
    env["meeting.minutes.action"].create(
        [
            {
                "meeting_id": meeting.id,
                "name": f"Task {rank + 1}",
                "owner_id": owners[rank % len(owners)].id,
                "deadline": date.today() + timedelta(days=14 + rank % 20),
            }
            for rank in range(count)
        ]
    )


def make_floor_report(env, report_name, label):
    """A rendering floor of scripts/pdf_http.py: a QWeb PDF report with the
    minutes report's paper format and company layout (web.external_layout) around
    an empty page, created in the load copy only (no change to the addon). The
    page holds one non-breaking space: with no body at all wkhtmltopdf prints a
    bare page without the header and footer, which would be below the floor.
    Downloaded through the same route (/report/pdf/...) of the same server, it
    costs what every minutes PDF costs whatever its content: the HTTP request and
    session, the report action and its paper format, the QWeb layout and assets,
    the wkhtmltopdf process. The minutes PDF minus this floor is the cost of the
    minutes' own content.

    Two of them (FLOOR_REPORTS): one named in the addon's namespace, printed with
    the wkhtmltopdf arguments of the addon's reports (no JavaScript delay,
    models/ir_actions_report.py), the floor of our PDFs; the other outside it,
    printed as any other addon's report is (Odoo's ``report.print_delay``)."""
    report = env["ir.actions.report"].search(
        [("report_name", "=", report_name)], limit=1
    )
    if report:
        return report
    minutes = env.ref("meeting_minutes.action_report_meeting_minutes")
    view = env["ir.ui.view"].create(
        {
            "name": report_name.split(".")[1],
            "type": "qweb",
            "key": report_name,
            "arch": f"""<t t-name="{report_name}">
    <t t-call="web.html_container">
        <t t-foreach="docs" t-as="o">
            <t t-call="web.external_layout">
                <div class="page"><p>&#160;</p></div>
            </t>
        </t>
    </t>
</t>""",
        }
    )
    env["ir.model.data"].create(
        {
            "module": "meeting_minutes_load",
            "name": report_name.replace(".", "_"),
            "model": "ir.ui.view",
            "res_id": view.id,
            "noupdate": True,
        }
    )
    return env["ir.actions.report"].create(
        {
            "name": label,
            "model": "meeting.minutes",
            "report_type": "qweb-pdf",
            "report_name": report_name,
            "paperformat_id": minutes.paperformat_id.id,
        }
    )


def main():
    args = parse_args()
    import odoo

    odoo_args = ["-c", args.config, "-d", args.database]
    if args.addons_path:
        odoo_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(odoo_args)
    registry = odoo.modules.registry.Registry(args.database)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Users = env["res.users"].with_context(active_test=False)
        users = {
            login: Users.search([("login", "=", login)]) for login in HOSTS + RECORDERS
        }
        missing = [login for login, user in users.items() if not user]
        if missing:
            raise SystemExit(
                f"users missing in {args.database}: {missing} (the benchmark "
                "database is installed with the demo data)"
            )
        for login, user in users.items():
            # the copy only: each role user logs in with its login as password
            user.write({"password": login, "active": True})
        ctx = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_notrack": True,
        }
        Meeting = env["meeting.minutes"].with_context(**ctx)
        Action = env["meeting.minutes.action"].with_context(**ctx)
        now = datetime.now().replace(microsecond=0)
        everyone = env["res.users"].browse([u.id for u in users.values()])

        # submitted minutes: each host approves and distributes theirs
        submitted = {login: [] for login in HOSTS}
        for rank in range(args.submitted):
            host = users[HOSTS[rank % len(HOSTS)]]
            recorder = users[RECORDERS[rank % len(RECORDERS)]]
            others = everyone.browse(
                [u.id for u in rng.sample(list(everyone - host - recorder), 2)]
            )
            start = now - timedelta(days=1, hours=rank % 24)
            meeting = Meeting.create(
                meeting_values(
                    env, f"Load submitted {rank}", host, recorder, others, start
                )
            )
            add_actions(env, meeting, list(others | recorder), 3)
            meeting.attendee_ids.write({"confirmed": True})
            meeting._workflow().write(
                {
                    "state": "submitted",
                    "notice_date": start - timedelta(days=3),
                    "signed_by_id": recorder.id,
                    "signed_on": start + timedelta(hours=2),
                    "completed_on": start + timedelta(hours=3),
                    "submitted_on": start + timedelta(hours=3),
                }
            )
            submitted[host.login].append(meeting.id)
        env.flush_all()

        # meetings in progress: each recorder types statements into theirs
        in_progress = {login: [] for login in RECORDERS}
        for rank in range(args.in_progress):
            host = users[HOSTS[rank % len(HOSTS)]]
            recorder = users[RECORDERS[rank % len(RECORDERS)]]
            others = everyone.browse(
                [u.id for u in rng.sample(list(everyone - host - recorder), 2)]
            )
            start = now - timedelta(minutes=30)
            meeting = Meeting.create(
                meeting_values(
                    env, f"Load in progress {rank}", host, recorder, others, start
                )
            )
            meeting._workflow().write(
                {"state": "in_progress", "notice_date": start - timedelta(days=3)}
            )
            in_progress[recorder.login].append(
                {
                    "meeting_id": meeting.id,
                    "agenda_id": meeting.agenda_ids[0].id,
                    "department_id": recorder.employee_ids[:1].department_id.id,
                }
            )
        env.flush_all()

        # the open action items of each owner in distributed minutes
        actions = {}
        for login, user in users.items():
            items = Action.search(
                [
                    ("owner_id", "=", user.id),
                    ("state", "in", ("todo", "in_progress", "delayed")),
                    ("meeting_id.state", "=", "distributed"),
                ],
                order="id",
            )
            ids = items.ids
            rng.shuffle(ids)
            actions[login] = ids[: args.actions_per_owner]

        # distributed minutes each user may read (an approved PDF stored)
        readable = {}
        for login, user in users.items():
            readable[login] = Meeting.search(
                [("member_user_ids", "in", user.id), ("state", "=", "distributed")],
                limit=50,
                order="id desc",
            ).ids
        # the benchmark's generator gives every meeting the same approved PDF, an
        # attachment of no record, which only its creator may read; an approval
        # attaches its PDF to the minutes: do so for the minutes read here (same
        # content, same file in the filestore)
        for meeting in Meeting.browse({i for ids in readable.values() for i in ids}):
            pdf_attachment = meeting.approved_report_id
            if pdf_attachment and not pdf_attachment.res_id:
                meeting._workflow().write(
                    {
                        "approved_report_id": pdf_attachment.copy(
                            {
                                "name": meeting._get_report_filename(),
                                "res_model": meeting._name,
                                "res_id": meeting.id,
                            }
                        ).id
                    }
                )

        # the PDF over HTTP: 10 and 100 action items, in progress (rendered each time)
        pdf = {}
        admin = users["admin"]
        for size in (10, 100):
            name = f"Load PDF {size} action items"
            meeting = Meeting.search([("name", "=", name)], limit=1)
            if not meeting:
                meeting = Meeting.create(
                    meeting_values(
                        env,
                        name,
                        admin,
                        users["wangfang"],
                        users["chengang"] | users["zhaolei"],
                        now - timedelta(minutes=30),
                    )
                )
                add_actions(
                    env,
                    meeting,
                    list(users["wangfang"] | users["chengang"] | users["zhaolei"]),
                    size,
                )
                meeting._workflow().write(
                    {"state": "in_progress", "notice_date": now - timedelta(days=3)}
                )
            pdf[str(size)] = meeting.id
        floors = [
            make_floor_report(env, name, label) for name, label in FLOOR_REPORTS.items()
        ]
        # the monthly compliance report of the busiest month of the data, as its
        # wizard prints it; the wizard is the admin's (a transient record is its
        # creator's)
        done = Meeting.search([("state", "in", ("distributed", "archived"))])
        busiest = Counter(
            meeting.start.date().replace(day=1) for meeting in done
        ).most_common(1)
        compliance = (
            env["meeting.minutes.compliance.wizard"]
            .with_user(admin)
            .create({"month": busiest[0][0]} if busiest else {})
        )
        if args.base_url:
            env["ir.config_parameter"].set_param("report.url", args.base_url)
        env.flush_all()
        cr.commit()

        # the report assets, built once before the first request
        report = env.ref("meeting_minutes.action_report_meeting_minutes")
        render_started = time.perf_counter()
        report._render_qweb_pdf(report, [pdf["10"]])
        render_seconds = time.perf_counter() - render_started
        cr.commit()

        plan = {
            "database": args.database,
            "passwords": {login: login for login in users},
            "uids": {login: user.id for login, user in users.items()},
            "hosts": list(HOSTS),
            "recorders": list(RECORDERS),
            "managers": [
                login
                for login, user in users.items()
                if user.has_group("meeting_minutes.group_meeting_manager")
            ],
            "submitted": submitted,
            "in_progress": in_progress,
            "actions": actions,
            "readable": readable,
            "pdf_meetings": pdf,
            "floor_reports": list(FLOOR_REPORTS),
            "floor_report_ids": [floor.id for floor in floors],
            "minutes_report": report.report_name,
            "actions_report": "meeting_minutes.report_meeting_actions",
            "compliance_report": "meeting_minutes.report_meeting_compliance",
            "compliance_wizard": compliance.id,
            "compliance_month": str(compliance.month),
        }
    with open(args.plan, "w", encoding="utf-8") as handle:
        json.dump(plan, handle, indent=1)
    print(
        f"prepared in {time.perf_counter() - started:.1f} s: "
        f"{sum(map(len, submitted.values()))} submitted minutes, "
        f"{sum(map(len, in_progress.values()))} meetings in progress, "
        f"{sum(map(len, actions.values()))} open action items in the pool, "
        f"PDF meetings {pdf}, first minutes PDF rendered in {render_seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
