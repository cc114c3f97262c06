import subprocess
import tempfile
from datetime import datetime, timedelta

from odoo import fields, http
from odoo.tests import new_test_user
from odoo.tests.common import HttpCase, TransactionCase

# the longest a whole tour may take: the tours wait for what the page shows
# after the server answered, and a busy 2-core machine (CI with another process
# loading the CPU) runs the longest of them past Odoo's default of 60 s
TOUR_TIMEOUT = 600


def poppler(tool, content, *args):
    """The output of a poppler tool (pdftotext, pdfinfo, pdffonts, pdfimages) on
    the PDF ``content``."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            [tool, *args, pdf.name, *(["-"] if tool == "pdftotext" else [])],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout


def warm_up_http():
    """Read the manifests of the static files once, in this thread, before the
    test server's threads serve the browser's first requests at the same time:
    Python 3.11's ``ast.literal_eval`` of the manifests (``Application.statics``)
    fails now and then in concurrent threads ("AST constructor recursion depth
    mismatch"), a 500 on a bundle and a tour that never starts."""
    return http.root.statics


def add_public_holiday(calendar, day):
    """A public holiday of ``calendar`` on ``day`` (a leave of no resource)."""
    return calendar.env["resource.calendar.leaves"].create(
        {
            "name": "Public holiday",
            "calendar_id": calendar.id,
            "resource_id": False,
            "date_from": datetime.combine(day, datetime.min.time()),
            "date_to": datetime.combine(day, datetime.max.time()).replace(
                microsecond=0
            ),
        }
    )


class TourCase(HttpCase):
    """HttpCase whose tours have the time a busy machine needs (TOUR_TIMEOUT)."""

    @classmethod
    def setUpClass(cls):
        warm_up_http()
        super().setUpClass()

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        kwargs.setdefault("timeout", TOUR_TIMEOUT)
        # the days the browser's clock may have read while the tour ran
        self.tour_days = {fields.Date.today()}
        try:
            return super().start_tour(
                url_path, tour_name, step_delay=step_delay, **kwargs
            )
        finally:
            self.tour_days.add(fields.Date.today())

    def assertAWeekFromTourDay(self, day):
        """``day`` is a week after a day the tour ran on: the tours type "a week
        from today" on the server's clock (tour_steps.js aWeekFromToday), and a
        tour may cross midnight."""
        self.assertIn(
            day - timedelta(days=7),
            self.tour_days,
            f"{day} is not a week after the tour's day",
        )


class MeetingMinutesCase(TransactionCase):
    """Departments, one user per role, and a meeting ready to schedule.

    Roles: the initiator's department (Marketing) hosts; R&D and Sales attend;
    an outsider of an unrelated department (Finance) must see nothing; a meeting
    manager sees everything.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        # a plain Monday-Friday calendar in UTC keeps the working days readable
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Mon-Fri 08-17 UTC", "tz": "UTC"}
        )
        cls.company.resource_calendar_id = cls.calendar
        Department = cls.env["hr.department"]
        cls.dep_marketing = Department.create({"name": "Marketing"})
        cls.dep_rd = Department.create({"name": "R&D"})
        cls.dep_sales = Department.create({"name": "Sales"})
        cls.dep_finance = Department.create({"name": "Finance"})
        user_groups = "base.group_user,meeting_minutes.group_meeting_user"
        cls.host = cls._make_user(
            "mm_host", "Host Li", cls.dep_marketing, "Marketing Manager", user_groups
        )
        cls.recorder = cls._make_user(
            "mm_recorder",
            "Recorder Wang",
            cls.dep_marketing,
            "Operations Specialist",
            user_groups,
        )
        cls.engineer = cls._make_user(
            "mm_engineer", "Engineer Liu", cls.dep_rd, "Engineer", user_groups
        )
        cls.rd_director = cls._make_user(
            "mm_rd_director", "Director Chen", cls.dep_rd, "R&D Director", user_groups
        )
        cls.sales_rep = cls._make_user(
            "mm_sales", "Sales Sun", cls.dep_sales, "Sales Representative", user_groups
        )
        cls.outsider = cls._make_user(
            "mm_outsider", "Outsider Zhou", cls.dep_finance, "Accountant", user_groups
        )
        cls.manager = cls._make_user(
            "mm_manager",
            "Manager Zhao",
            cls.dep_finance,
            "Meeting Office",
            "base.group_user,meeting_minutes.group_meeting_manager",
        )
        cls.dep_rd.manager_id = cls.rd_director.employee_id

    @classmethod
    def _make_user(cls, login, name, department, job_title, groups):
        user = new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            email=f"{login}@example.com",
            tz="UTC",
        )
        cls.env["hr.employee"].create(
            {
                "name": name,
                "user_id": user.id,
                "department_id": department.id,
                "job_title": job_title,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        return user

    @classmethod
    def _create_meeting(cls, start=None, **values):
        """A meeting of Marketing with R&D and Sales, two agenda items, attendees of
        each department."""
        start = start or datetime(2026, 6, 15, 6, 0)
        vals = {
            "name": "2026 Q3 product iteration priority coordination meeting",
            "purpose": "Decide the Q3 product iteration priorities",
            "initiating_department_id": cls.dep_marketing.id,
            "department_ids": [
                (6, 0, (cls.dep_marketing | cls.dep_rd | cls.dep_sales).ids)
            ],
            "host_id": cls.host.id,
            "recorder_id": cls.recorder.id,
            "start": start,
            "stop": start + timedelta(hours=2, minutes=30),
            "location_type": "onsite",
            "location": "Room 301",
            "attendee_ids": [
                (0, 0, {"user_id": cls.host.id}),
                (0, 0, {"user_id": cls.recorder.id}),
                (0, 0, {"user_id": cls.engineer.id}),
                (0, 0, {"user_id": cls.sales_rep.id}),
            ],
            "agenda_ids": [
                (0, 0, {"name": "Feature priority", "sequence": 1}),
                (0, 0, {"name": "Resources", "sequence": 2}),
            ],
        }
        vals.update(values)
        return cls.env["meeting.minutes"].with_user(cls.recorder).create(vals)
