from datetime import date, datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MeetingMinutesCase
from .common_workflow import MEETING_START, MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestMeetingRules(MeetingWorkflowCase):
    """The rules of the minutes form: dates, attendance, statements, action items,
    numbering, counts and defaults."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()
        cls.item = cls.meeting.agenda_ids[0]

    def _action_vals(self, **values):
        return {
            "meeting_id": self.meeting.id,
            "name": "Submit the plan",
            "owner_id": self.engineer.id,
            "deadline": date(2026, 6, 20),
            **values,
        }

    # ------------------------------------------------------------
    # basic information
    # ------------------------------------------------------------

    def test_end_after_start(self):
        for stop in (MEETING_START, MEETING_START - timedelta(minutes=1)):
            with self.subTest(stop=stop), self.assertRaises(ValidationError):
                self._create_meeting(stop=stop)
        with self.assertRaises(ValidationError):
            self.meeting.with_user(self.recorder).stop = MEETING_START

    def test_online_meeting_needs_platform(self):
        with self.assertRaises(ValidationError):
            self._create_meeting(location_type="online", location=False)
        meeting = self._create_meeting(
            location_type="online",
            location=False,
            meeting_url="https://meet.example.com/q3",
        )
        self.assertEqual(meeting.location_type, "online")

    def test_reference_year_of_meeting(self):
        """Numbered MM/<year of the meeting>/0001, whatever the current year."""
        with freeze_time("2026-11-20 09:00:00"):
            meeting_2027 = self._create_meeting(start=datetime(2027, 1, 11, 6, 0))
            meeting_2026 = self._create_meeting(start=datetime(2026, 12, 7, 6, 0))
        self.assertRegex(meeting_2027.reference, r"^MM/2027/\d{4}$")
        self.assertRegex(meeting_2026.reference, r"^MM/2026/\d{4}$")
        self.assertRegex(self.meeting.reference, r"^MM/2026/\d{4}$")
        self.assertNotEqual(meeting_2026.reference, self.meeting.reference)
        self.assertEqual(
            meeting_2027.display_name,
            f"[{meeting_2027.reference}] {meeting_2027.name}",
        )

    def test_defaults_from_employee(self):
        """Initiating department from the user's employee, added to the
        participating ones; host and recorder job titles from their employee."""
        form = Form(self.env["meeting.minutes"].with_user(self.engineer))
        self.assertEqual(form.initiating_department_id, self.dep_rd)
        self.assertEqual(form.recorder_id, self.engineer)
        form.name = "Encryption module scope meeting"
        form.purpose = "Decide the scope of the encryption module"
        form.host_id = self.rd_director
        form.start = MEETING_START
        self.assertEqual(form.stop, MEETING_START + timedelta(hours=1))
        form.location = "Room 502"
        self.assertIn(self.dep_rd, form.department_ids)
        form.initiating_department_id = self.dep_sales
        self.assertEqual(form.department_ids[:], self.dep_rd | self.dep_sales)
        with form.attendee_ids.new() as line:
            line.user_id = self.sales_rep
            self.assertEqual(line.department_id, self.dep_sales)
            self.assertEqual(line.job_title, "Sales Representative")
        meeting = form.save()
        self.assertRecordValues(
            meeting,
            [
                {
                    "initiating_department_id": self.dep_sales.id,
                    "department_ids": (self.dep_rd | self.dep_sales).ids,
                    "host_job_title": "R&D Director",
                    "recorder_job_title": "Engineer",
                    "duration": 1.0,
                }
            ],
        )
        self.assertRecordValues(
            meeting.attendee_ids,
            [{"user_id": self.sales_rep.id, "department_id": self.dep_sales.id}],
        )

    def test_initiating_department_always_participates(self):
        meeting = self._create_meeting(department_ids=[(6, 0, self.dep_rd.ids)])
        # Marketing initiates, Sales Sun attends for Sales
        self.assertEqual(
            meeting.department_ids, self.dep_rd | self.dep_marketing | self.dep_sales
        )
        meeting.with_user(self.recorder).initiating_department_id = self.dep_finance
        self.assertIn(self.dep_finance, meeting.department_ids)

    # ------------------------------------------------------------
    # attendance
    # ------------------------------------------------------------

    def test_attendee_department_from_employee(self):
        self.assertRecordValues(
            self.meeting.attendee_ids.sorted(lambda a: a.user_id.id),
            [
                {"user_id": u.id, "department_id": d.id, "job_title": j}
                for u, d, j in sorted(
                    [
                        (self.host, self.dep_marketing, "Marketing Manager"),
                        (self.recorder, self.dep_marketing, "Operations Specialist"),
                        (self.engineer, self.dep_rd, "Engineer"),
                        (self.sales_rep, self.dep_sales, "Sales Representative"),
                    ],
                    key=lambda t: t[0].id,
                )
            ],
        )

    def test_absentee_needs_reason(self):
        attendee = self.meeting.attendee_ids.filtered(
            lambda a: a.user_id == self.sales_rep
        )
        as_recorder = attendee.with_user(self.recorder)
        for reason in (False, "  "):
            with self.subTest(reason=reason), self.assertRaises(ValidationError):
                as_recorder.write({"attendance": "absent", "absence_reason": reason})
        as_recorder.write(
            {
                "attendance": "absent",
                "absence_reason": "Visiting a customer, written opinion submitted",
                "written_opinion": "Do both in parallel.",
            }
        )
        self.assertRecordValues(
            self.meeting, [{"attendee_count": 4, "absent_count": 1}]
        )

    def test_absentee_cannot_confirm(self):
        attendee = self.meeting.attendee_ids.filtered(
            lambda a: a.user_id == self.sales_rep
        ).with_user(self.recorder)
        # nobody confirms before the meeting
        with self.assertRaisesRegex(UserError, "on the spot"):
            attendee.confirmed = True
        self._to_state(self.meeting, "in_progress")
        attendee.confirmed = True
        with self.assertRaises(ValidationError):
            attendee.write({"attendance": "absent", "absence_reason": "Sick leave"})
        # the form unticks the confirmation when the attendee is marked absent
        with Form(self.meeting.with_user(self.recorder)) as form:
            with form.attendee_ids.edit(3) as line:
                self.assertEqual(line.user_id, self.sales_rep)
                line.attendance = "absent"
                self.assertFalse(line.confirmed)
                line.absence_reason = "Sick leave"
        self.assertRecordValues(
            attendee, [{"attendance": "absent", "confirmed": False}]
        )

    def test_attendee_once(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["meeting.minutes.attendee"].with_user(self.recorder).create(
                {"meeting_id": self.meeting.id, "user_id": self.engineer.id}
            )

    # ------------------------------------------------------------
    # discussion
    # ------------------------------------------------------------

    def test_statement_department_participates(self):
        Statement = self.env["meeting.minutes.statement"].with_user(self.recorder)
        with self.assertRaises(ValidationError):
            Statement.create(
                {
                    "agenda_id": self.item.id,
                    "department_id": self.dep_finance.id,
                    "content": "Budget",
                }
            )
        with self.assertRaises(ValidationError):
            Statement.create(
                {
                    "agenda_id": self.item.id,
                    "kind": "opinion",
                    "content": "Nobody said it",
                }
            )
        statements = Statement.create(
            [
                {
                    "agenda_id": self.item.id,
                    "department_id": self.dep_sales.id,
                    "kind": "opinion",
                    "content": "Do both",
                },
                {
                    "agenda_id": self.item.id,
                    "kind": "consensus",
                    "content": "Recommendation first",
                },
            ]
        )
        self.assertEqual(statements.meeting_id, self.meeting)
        self.assertEqual(self.item.statement_count, 2)
        # a department leaving the meeting cannot leave statements behind
        with self.assertRaises(ValidationError):
            statements[0].department_id = self.dep_finance

    def test_statement_department_from_speaker(self):
        with Form(self.item.with_user(self.recorder)) as form:
            with form.statement_ids.new() as line:
                line.speaker_id = self.engineer
                self.assertEqual(line.department_id, self.dep_rd)
                line.kind = "opinion"
                line.content = "Two months of the algorithm team"
        self.assertRecordValues(
            self.item.statement_ids,
            [
                {
                    "speaker_id": self.engineer.id,
                    "department_id": self.dep_rd.id,
                    "kind": "opinion",
                }
            ],
        )

    # ------------------------------------------------------------
    # resolutions and action items
    # ------------------------------------------------------------

    def test_action_needs_owner_department_deadline(self):
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        for missing in ("owner_id", "deadline"):
            vals = self._action_vals()
            del vals[missing]
            with (
                self.subTest(missing=missing),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
            ):
                Action.create(vals)
        # an owner without employee gives no department: one must be set
        nobody = self.env["res.users"].create(
            {
                "name": "No Employee",
                "login": "mm_noemployee",
                "groups_id": [(6, 0, self.ref_groups())],
            }
        )
        with self.assertRaisesRegex(ValidationError, "No Employee has no department"):
            Action.create(self._action_vals(owner_id=nobody.id))
        action = Action.create(
            self._action_vals(owner_id=nobody.id, department_id=self.dep_sales.id)
        )
        self.assertEqual(action.department_id, self.dep_sales)

    def ref_groups(self):
        return [
            self.env.ref("base.group_user").id,
            self.env.ref("meeting_minutes.group_meeting_user").id,
        ]

    def test_action_department_from_owner(self):
        with Form(self.meeting.with_user(self.recorder)) as form:
            with form.action_ids.new() as line:
                line.name = "Submit the plan"
                line.owner_id = self.engineer
                self.assertEqual(line.department_id, self.dep_rd)
                line.deadline = date(2026, 6, 20)
        self.assertRecordValues(
            self.meeting.action_ids,
            [
                {
                    "owner_id": self.engineer.id,
                    "department_id": self.dep_rd.id,
                    "state": "todo",
                }
            ],
        )

    def test_action_deadline_not_before_meeting(self):
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        with self.assertRaises(ValidationError):
            Action.create(self._action_vals(deadline=date(2026, 6, 14)))
        action = Action.create(self._action_vals(deadline=date(2026, 6, 15)))
        self.assertEqual(action.deadline, date(2026, 6, 15))
        # moving the meeting after the deadline is refused too
        with self.assertRaises(ValidationError):
            self.meeting.with_user(self.recorder).write(
                {
                    "start": datetime(2026, 6, 22, 6, 0),
                    "stop": datetime(2026, 6, 22, 8, 0),
                }
            )

    def test_resolution_and_action_of_own_meeting(self):
        other = self._create_meeting()
        with self.assertRaises(ValidationError):
            self.env["meeting.minutes.resolution"].with_user(self.recorder).create(
                {
                    "meeting_id": self.meeting.id,
                    "agenda_id": other.agenda_ids[0].id,
                    "content": "X",
                }
            )
        resolution = (
            self.env["meeting.minutes.resolution"]
            .with_user(self.recorder)
            .create({"meeting_id": other.id, "content": "Other meeting's resolution"})
        )
        with self.assertRaises(ValidationError):
            self.env["meeting.minutes.action"].with_user(self.recorder).create(
                self._action_vals(resolution_id=resolution.id)
            )

    def test_action_counts_and_overdue(self):
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        with freeze_time("2026-06-25 09:00:00"):
            late, on_time, done, cancelled = Action.create(
                [
                    self._action_vals(name="Late", deadline=date(2026, 6, 20)),
                    self._action_vals(name="On time", deadline=date(2026, 6, 30)),
                    self._action_vals(name="Done", deadline=date(2026, 6, 20)),
                    self._action_vals(name="Cancelled", deadline=date(2026, 6, 20)),
                ]
            )
            done.action_done()
            cancelled.action_cancel()
            self.assertRecordValues(
                late | on_time | done | cancelled,
                [
                    {
                        "is_open": True,
                        "is_overdue": True,
                        "days_late": 5,
                        "done_date": False,
                    },
                    {
                        "is_open": True,
                        "is_overdue": False,
                        "days_late": 0,
                        "done_date": False,
                    },
                    {
                        "is_open": False,
                        "is_overdue": False,
                        "days_late": 5,
                        "done_date": date(2026, 6, 25),
                    },
                    {
                        "is_open": False,
                        "is_overdue": False,
                        "days_late": 0,
                        "done_date": False,
                    },
                ],
            )
            self.assertRecordValues(
                self.meeting,
                [
                    {
                        "action_count": 4,
                        "open_action_count": 2,
                        "overdue_action_count": 1,
                    }
                ],
            )
            # stored: searchable
            self.assertIn(
                self.meeting,
                self.env["meeting.minutes"].search([("overdue_action_count", ">", 0)]),
            )
            late.with_user(self.engineer).action_start_progress()
            late.with_user(self.engineer).write({"remarks": "Waiting for data"})
            on_time.with_user(self.engineer).action_done()
        self.assertRecordValues(
            self.meeting,
            [{"action_count": 4, "open_action_count": 1, "overdue_action_count": 1}],
        )

    # ------------------------------------------------------------
    # demo data: the example of the company standard
    # ------------------------------------------------------------

    def test_pdf_statements_in_the_room_order(self):
        """The PDF prints an item's statements as the room shows them: the
        initiating department, the others by name, the consensus last; not in
        the order they were typed."""
        meeting = self._create_meeting()
        item = meeting.agenda_ids[:1]
        Statement = self.env["meeting.minutes.statement"].with_user(self.recorder)
        typed = Statement.create(
            [
                {"agenda_id": item.id, "kind": "consensus", "content": "Agreed."},
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_sales.id,
                    "kind": "opinion",
                    "content": "Sales first.",
                },
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_rd.id,
                    "kind": "opinion",
                    "content": "R&D later.",
                },
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_marketing.id,
                    "kind": "problem",
                    "content": "Marketing asks.",
                },
            ]
        )
        self.assertEqual(
            item._report_statements().mapped("content"),
            ["Marketing asks.", "R&D later.", "Sales first.", "Agreed."],
        )
        self.assertEqual(len(typed), 4)
        # minutes without an agenda item: nothing to print, no error
        self.assertFalse(item.browse()._report_statements())

    def test_demo_history_dated_in_the_past(self):
        """The demo's filed history happened: no meeting filed, item done or
        receipt confirmed after the moment it is generated."""
        now = datetime(2026, 6, 15, 7, 0)
        with freeze_time(now):
            self.env["meeting.minutes"]._demo_compliance_history(
                self.dep_marketing.ids, months=3
            )
        filed = self.env["meeting.minutes"].search(
            [
                ("initiating_department_id", "=", self.dep_marketing.id),
                ("state", "=", "archived"),
            ]
        )
        self.assertTrue(filed)
        for meeting in filed:
            self.assertLessEqual(meeting.archived_on, now, meeting.archive_code)
            self.assertLessEqual(meeting.distributed_on, now)
            for item in meeting.action_ids:
                self.assertLessEqual(item.done_date, now.date())
            for receipt in meeting.acknowledgement_ids:
                if receipt.acknowledged_on:
                    self.assertLessEqual(receipt.acknowledged_on, now)

    def test_demo_meeting(self):
        meeting = self.env.ref(
            "meeting_minutes.meeting_q3_priorities", raise_if_not_found=False
        )
        if not meeting:
            self.skipTest("installed without demo data")
        absentee = self.env.ref("meeting_minutes.meeting_q3_attendee_zhouqiang")
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "distributed",
                    "attendee_count": 8,
                    "absent_count": 1,
                    "action_count": 2,
                    "open_action_count": 1,
                    "host_id": self.env.ref("meeting_minutes.user_lina").id,
                    "recorder_id": self.env.ref("meeting_minutes.user_wangfang").id,
                }
            ],
        )
        self.assertRegex(meeting.reference, r"^MM/2024/\d{4}$")
        self.assertEqual(
            meeting.attendee_ids.filtered(lambda a: a.attendance == "absent"), absentee
        )
        self.assertTrue(absentee.absence_reason)
        # the plan was delayed: the next meeting of the quarter reviews it
        review = self.env.ref("meeting_minutes.meeting_q3_review")
        self.assertEqual(
            review.followup_ids.previous_action_id,
            self.env.ref("meeting_minutes.meeting_q3_action_plan"),
        )
        self.assertEqual(len(meeting.statement_ids), 4)
        self.assertEqual(
            sorted(meeting.statement_ids.mapped("kind")),
            ["consensus", "opinion", "opinion", "problem"],
        )
        self.assertEqual(len(meeting.resolution_ids), 1)
        self.assertEqual(meeting.action_ids.resolution_id, meeting.resolution_ids)
        self.assertEqual(
            meeting.action_ids.department_id,
            self.env.ref("meeting_minutes.dep_rd")
            | self.env.ref("meeting_minutes.dep_marketing"),
        )
        review = self.env.ref("meeting_minutes.meeting_q3_review")
        self.assertEqual(review.previous_meeting_id, meeting)


@tagged("post_install", "-at_install")
class TestMeetingReferenceAndLock(MeetingMinutesCase):
    def test_reference_restarts_every_year(self):
        first = self._create_meeting(start=datetime(2031, 3, 2, 6, 0))
        second = self._create_meeting(start=datetime(2031, 9, 2, 6, 0))
        next_year = self._create_meeting(start=datetime(2032, 1, 5, 6, 0))
        self.assertEqual(first.reference, "MM/2031/0001")
        self.assertEqual(second.reference, "MM/2031/0002")
        self.assertEqual(next_year.reference, "MM/2032/0001")

    def test_is_locked_follows_the_server_check(self):
        """The form's read-only state and the server's refusal are one rule:
        content open in draft ... confirmed, closed from the submission on, for
        everyone (a manager revises approved minutes, he does not edit them)."""
        meeting = self._create_meeting()
        for state, locked in (
            ("draft", False),
            ("scheduled", False),
            ("in_progress", False),
            ("confirmed", False),
            ("submitted", True),
            ("approved", True),
            ("distributed", True),
            ("archived", True),
            ("cancelled", True),
        ):
            meeting.sudo().state = state
            for user in (self.recorder, self.manager):
                with self.subTest(state=state, user=user.login):
                    as_user = meeting.with_user(user)
                    self.assertEqual(as_user.is_locked, locked)
                    if locked:
                        with self.assertRaisesRegex(UserError, "locked"):
                            as_user.write({"location": "Room 9"})
                    else:
                        as_user.write({"location": f"Room {state}"})

    def test_kanban_folds_empty_closed_states(self):
        Meeting = self.env["meeting.minutes"]
        self.assertNotIn("cancelled", Meeting._expand_states([], []))
        self.assertIn("cancelled", Meeting._expand_states(["cancelled"], []))
        self.assertIn("scheduled", Meeting._expand_states([], []))
