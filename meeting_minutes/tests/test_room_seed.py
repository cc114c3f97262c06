"""The example meeting of the company's standard, end to end in the browser: from
the calendar event to the minutes confirmed in the meeting room, each attendee
confirming or objecting logged in as themself, the recorder signing; then the
official PDF (static/tests/tours/meeting_room_seed_tour.js)."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TourCase, poppler
from .common_workflow import MeetingWorkflowCase

OBJECTION = "UI polish 1.0 must reach the key accounts before July."


@tagged("post_install", "-at_install")
class TestMeetingRoomSeed(TourCase, MeetingWorkflowCase):
    def test_seed_meeting_end_to_end(self):
        # wkhtmltopdf would fetch the report CSS from this test server while the
        # test holds its one cursor: a closed port, the PDF renders without it
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        # the host's calendar event: Marketing (host, recorder), R&D (the engineer,
        # the director), Production (the owner); the recorder opens its minutes,
        # adds Sales, invites and starts
        event = self._prepare_from_calendar(
            self.host | self.recorder | self.engineer | self.rd_director | self.owner
        )
        meeting = event.meeting_minutes_ids
        self.assertEqual(meeting.state, "in_progress")
        self.assertEqual(
            set(meeting.department_ids.mapped("name")),
            {"Marketing", "R&D", "Production", "Sales"},
        )
        # the planned start has come (the browser keeps its real clock)
        now = fields.Datetime.now().replace(microsecond=0)
        meeting.sudo().write(
            {"start": now - timedelta(minutes=1), "stop": now + timedelta(hours=2)}
        )
        url = f"/odoo/action-meeting_minutes.meeting_minutes_action/{meeting.id}"
        self.start_tour(
            url, "meeting_minutes_seed_room_tour", login=self.recorder.login
        )
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
        self.assertRecordValues(
            meeting.action_ids.sorted("name"),
            [
                {
                    "name": "Collect the customer feedback on UI polish 1.0",
                    "owner_id": self.sales_rep.id,
                    "department_id": self.dep_sales.id,
                    "resolution_id": meeting.resolution_ids.id,
                },
                {
                    "name": "Submit the detailed plan for smart recommendation, "
                    "for the director's approval",
                    "owner_id": self.engineer.id,
                    "department_id": self.dep_rd.id,
                    "resolution_id": meeting.resolution_ids.id,
                },
            ],
        )
        # each attendee on their own device, logged in as themself
        for user in (self.host, self.engineer, self.owner):
            self.start_tour(url, "meeting_minutes_seed_confirm_tour", login=user.login)
        self.start_tour(
            url, "meeting_minutes_seed_object_tour", login=self.sales_rep.login
        )
        self.start_tour(
            url, "meeting_minutes_seed_sign_tour", login=self.recorder.login
        )
        self.assertEqual(meeting.state, "confirmed")
        self.assertTrue(meeting.recorder_signature)
        present = meeting.attendee_ids.filtered(lambda a: a.attendance == "present")
        self.assertRecordValues(
            present.sorted(lambda a: a.user_id.name),
            [
                {
                    "user_id": user.id,
                    "confirmed": user != self.sales_rep,
                    "objection": OBJECTION if user == self.sales_rep else False,
                    # nobody confirmed on someone else's behalf
                    "confirmed_by_id": user.id,
                }
                for user in (
                    self.engineer | self.host | self.owner | self.recorder
                ).sorted("name")
                + self.sales_rep
            ],
        )
        # the official PDF: the confirmations, the objection, the signature
        content, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "meeting_minutes.action_report_meeting_minutes", meeting.ids
            )
        )
        self.assertEqual(report_type, "pdf")
        text = " ".join(poppler("pdftotext", content, "-raw").split())
        for needle in (
            "Q3 product iteration priority coordination meeting",
            "Smart recommendation first; UI polish split into 1.0 (with it) and 2.0.",
            "Q3 priority: smart recommendation, then UI polish 1.0, then data "
            "encryption.",
            "Collect the customer feedback on UI polish 1.0",
            OBJECTION,
            "Recorder Wang",
        ):
            self.assertIn(needle, text)
        # each present attendee's confirmation time is printed (none recorded by
        # an organizer here)
        self.assertEqual(
            len(re.findall(r"✓ Confirmed \d\d/\d\d/\d{4} \d\d:\d\d", text)), 4, text
        )
        self.assertNotIn("recorded by", text)
        images = poppler("pdfimages", content, "-list").splitlines()[2:]
        self.assertTrue(images, "the recorder's signature image is in the PDF")
