"""One tour per role through the web client (static/tests/tours/
meeting_minutes_roles_tour.js): what each person does in the browser, checked on
the server afterwards."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TourCase
from .common_workflow import MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestTourRoles(TourCase, MeetingWorkflowCase):
    def setUp(self):
        super().setUp()
        # the approval renders the PDF inside the request; wkhtmltopdf would fetch
        # the report CSS from this test server, whose one test cursor that request
        # holds: point it at a closed port (the PDF itself is tested in test_report)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def _begin(self, meeting):
        """The planned start has come: the test moves it into the past, as time
        passing would (the browser keeps its real clock)."""
        now = fields.Datetime.now().replace(microsecond=0)
        meeting.sudo().write(
            {"start": now - timedelta(minutes=1), "stop": now + timedelta(hours=1)}
        )

    def _past_meeting(self, state):
        """The meeting of common.py (June 2026, long past), walked to ``state``."""
        meeting = self._create_meeting(start=datetime(2026, 6, 15, 6, 0))
        return self._to_state(meeting, state)

    def test_recorder(self):
        """From the calendar event to the minutes submitted for approval: the
        absentee and the reason, statements of each kind per department and the
        consensus, a resolution, an action item, the read-out, the signature."""
        event = self._prepare_from_calendar(
            self.host | self.recorder | self.engineer | self.rd_director
        )
        # the recorder opened the minutes from the event: they are its recorder
        meeting = event.meeting_minutes_ids
        self.assertRecordValues(
            meeting,
            [
                {
                    "recorder_id": self.recorder.id,
                    "host_id": self.host.id,
                    "state": "in_progress",
                    "purpose": "Decide the Q3 product iteration priorities",
                    "short_notice_reason": "The customer moved the launch date",
                }
            ],
        )
        self.assertIn(self.dep_sales, meeting.department_ids)
        self.assertEqual(
            meeting.agenda_ids.mapped("name"), ["Feature priority", "Resources"]
        )
        absent = meeting.attendee_ids.filtered(lambda a: a.attendance == "absent")
        self.assertRecordValues(
            absent,
            [{"user_id": self.rd_director.id, "absence_reason": "Visiting a supplier"}],
        )
        self.assertIn(self.sales_rep, meeting.attendee_ids.user_id)

        self._begin(meeting)
        self.start_tour(
            f"/odoo/action-meeting_minutes.meeting_minutes_action/{meeting.id}",
            "meeting_minutes_recorder_during_tour",
            login=self.recorder.login,
        )
        self.assertEqual(meeting.state, "submitted")
        self.assertEqual(meeting.signed_by_id, self.recorder)
        first = meeting.agenda_ids[0]
        self.assertEqual(
            [(s.department_id.name or False, s.kind) for s in first.statement_ids],
            [
                ("Marketing", "problem"),
                ("R&D", "opinion"),
                ("Sales", "opinion"),
                (False, "consensus"),
            ],
        )
        self.assertEqual(len(meeting.agenda_ids[1].statement_ids), 1)
        self.assertEqual(len(meeting.resolution_ids), 1)
        self.assertRecordValues(
            meeting.action_ids,
            [
                {
                    "name": "Submit the detailed plan for smart recommendation",
                    "owner_id": self.engineer.id,
                    "department_id": self.dep_rd.id,
                }
            ],
        )
        self.assertAWeekFromTourDay(meeting.action_ids.deadline)
        present = meeting.attendee_ids.filtered(lambda a: a.attendance == "present")
        self.assertTrue(all(present.mapped("confirmed")))

    def test_host(self):
        """The host finds the minutes under To Approve, approves, distributes."""
        meeting = self._past_meeting("submitted")
        self.start_tour("/odoo", "meeting_minutes_host_tour", login=self.host.login)
        self.assertRecordValues(
            meeting, [{"state": "distributed", "approved_by_id": self.host.id}]
        )
        self.assertTrue(meeting.approved_report_id)

    def test_owner(self):
        """The owner opens their item from Action Items and marks it done."""
        meeting = self._past_meeting("distributed")
        item = meeting.action_ids.filtered(lambda a: a.owner_id == self.owner)
        self.start_tour("/odoo", "meeting_minutes_owner_tour", login=self.owner.login)
        self.assertRecordValues(
            item,
            [
                {
                    "state": "done",
                    "remarks": "Schedule adjusted: line 2 switched to the new "
                    "model from 1 July",
                }
            ],
        )

    def test_attendee(self):
        """An attendee reads the minutes they cannot change, and comments."""
        meeting = self._past_meeting("in_progress")
        self.start_tour(
            "/odoo", "meeting_minutes_attendee_tour", login=self.sales_rep.login
        )
        comment = meeting.message_ids.filtered(
            lambda m: (
                m.author_id == self.sales_rep.partner_id and m.message_type == "comment"
            )
        )
        self.assertEqual(len(comment), 1)
        self.assertIn("brief the key accounts", comment.body)
        line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.sales_rep)
        self.assertRecordValues(
            line,
            [
                {
                    "objection": "Sales cannot brief the key accounts before July",
                    "confirmed": False,
                    "confirmed_by_id": self.sales_rep.id,
                }
            ],
        )

    def test_manager(self):
        """The manager cancels the last open item, then files the minutes."""
        meeting = self._past_meeting("distributed")
        meeting.action_ids.filtered(lambda a: a.owner_id == self.engineer).with_user(
            self.engineer
        ).action_done()
        self.start_tour(
            f"/odoo/action-meeting_minutes.meeting_minutes_action/{meeting.id}",
            "meeting_minutes_manager_tour",
            login=self.manager.login,
        )
        self.assertEqual(meeting.state, "archived")
        self.assertTrue(meeting.archive_code)
        self.assertEqual(
            sorted(meeting.action_ids.mapped("state")), ["cancelled", "done"]
        )
