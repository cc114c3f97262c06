from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TOUR_TIMEOUT, MeetingMinutesCase, TourCase
from .common_workflow import SIGNATURE


@tagged("post_install", "-at_install")
class TestMeetingMinutesTour(TourCase, MeetingMinutesCase):
    def test_workflow_tour(self):
        """The host drives the whole path in the web client."""
        # The approval renders the PDF inside the request; wkhtmltopdf would fetch
        # the report CSS from this test server, whose one test cursor that request
        # holds: point it at a closed port (the PDF itself is tested in test_report)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        # five minutes inside the company's lead time: a short notice (the tour
        # gives the reason in the wizard), it may be started already, and it
        # still lies ahead when the tour (at most TOUR_TIMEOUT, 10 minutes) sends
        # the invitations and when the test then tries to confirm it
        lead = self.company.meeting_start_lead_minutes
        self.assertGreater(lead * 60 - 300, TOUR_TIMEOUT)
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(
            minutes=lead - 5
        )
        meeting = self._create_meeting(start=start)
        meeting.attendee_ids.filtered(lambda a: a.user_id == self.engineer).write(
            {"attendance": "absent", "absence_reason": "Visiting a customer"}
        )
        meeting.action_ids.create(
            {
                "meeting_id": meeting.id,
                "name": "Submit the detailed plan",
                "owner_id": self.engineer.id,
                "deadline": start.date() + timedelta(days=5),
            }
        )
        # the discussion, recorded before: the submission needs a statement per
        # agenda item
        self.env["meeting.minutes.statement"].with_user(self.recorder).create(
            [
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_marketing.id,
                    "content": f"Marketing's view on {item.name}",
                }
                for item in meeting.agenda_ids
            ]
        )
        url = f"/odoo/action-meeting_minutes.meeting_minutes_action/{meeting.id}"
        self.start_tour(url, "meeting_minutes_tour", login=self.host.login)
        self.assertEqual(meeting.state, "in_progress")
        # nothing is confirmed before the meeting has started
        with self.assertRaisesRegex(UserError, "can be confirmed from"):
            meeting.with_user(self.host).action_confirm()
        # the meeting has started: time moves on (the browser keeps its own clock)
        now = fields.Datetime.now().replace(microsecond=0)
        meeting.sudo().write(
            {"start": now - timedelta(minutes=50), "stop": now + timedelta(minutes=10)}
        )
        # the recorder signs the draft on their own device
        meeting.with_user(self.recorder)._do_sign("recorder", SIGNATURE)
        self.start_tour(url, "meeting_minutes_tour_after", login=self.host.login)
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "distributed",
                    "purpose": (
                        "Decide the Q3 product iteration priorities, in one order"
                    ),
                    "short_notice_reason": "Customer escalation: the launch date moved",
                    "signed_by_id": self.host.id,
                    "approved_by_id": self.host.id,
                }
            ],
        )
        self.assertTrue(meeting.approved_report_id)
        self.assertTrue(meeting.action_ids.activity_ids)
