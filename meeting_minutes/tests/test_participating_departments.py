"""The participating departments follow the attendees, whoever adds them: the
form, a line created on its own, a JSON-RPC client. A department with attendees
cannot be left out, and what Schedule, the room and the compliance report read
is the same list (issue 21, point 2)."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_rpc import MeetingRpcCase


@tagged("post_install", "-at_install")
class TestParticipatingDepartments(MeetingRpcCase):
    def _marketing_meeting(self):
        """Minutes created from the Meetings menu: only the initiating department
        is given, by the host."""
        return (
            self.env["meeting.minutes"]
            .with_user(self.host)
            .create(
                {
                    "name": "Weekly coordination",
                    "purpose": "Align the launch",
                    "initiating_department_id": self.dep_marketing.id,
                    "host_id": self.host.id,
                    "recorder_id": self.recorder.id,
                    "start": "2026-06-15 06:00:00",
                    "stop": "2026-06-15 07:00:00",
                    "location_type": "online",
                    "meeting_url": "https://meet.example.com/weekly",
                    "attendee_ids": [Command.create({"user_id": self.host.id})],
                }
            )
        )

    def test_attendees_bring_their_departments(self):
        meeting = self._marketing_meeting()
        self.assertEqual(meeting.department_ids, self.dep_marketing)
        # an attendee line created on its own (the room, an import)
        self.env["meeting.minutes.attendee"].with_user(self.host).create(
            {"meeting_id": meeting.id, "user_id": self.engineer.id}
        )
        self.assertEqual(meeting.department_ids, self.dep_marketing | self.dep_rd)
        # through the minutes, as the form saves them
        meeting.with_user(self.host).write(
            {"attendee_ids": [Command.create({"user_id": self.sales_rep.id})]}
        )
        self.assertEqual(
            meeting.department_ids, self.dep_marketing | self.dep_rd | self.dep_sales
        )
        # a line given to someone of another department
        line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.sales_rep)
        line.with_user(self.host).user_id = self.outsider
        self.assertIn(self.dep_finance, meeting.department_ids)

    def test_form_shows_them_before_saving(self):
        meeting = self._marketing_meeting()
        with Form(meeting.with_user(self.host)) as form:
            with form.attendee_ids.new() as line:
                line.user_id = self.engineer
            self.assertIn(self.dep_rd.id, form.department_ids.ids)
        self.assertIn(self.dep_rd, meeting.department_ids)

    def test_department_with_attendees_cannot_be_left_out(self):
        meeting = self._create_meeting()
        self.assertIn(self.dep_rd, meeting.attendee_ids.department_id)
        before = meeting.department_ids
        with self.assertRaisesRegex(
            ValidationError,
            "cannot leave out R&D, Sales: Engineer Liu, Sales Sun attend",
        ):
            # the request's transaction, rolled back with the error
            with self.env.cr.savepoint():
                meeting.with_user(self.host).write(
                    {"department_ids": [Command.set(self.dep_marketing.ids)]}
                )
        meeting.invalidate_recordset()
        self.assertEqual(meeting.department_ids, before)
        # without its attendee, it may go
        meeting.attendee_ids.filtered(
            lambda a: a.department_id == self.dep_rd
        ).with_user(self.host).unlink()
        meeting.with_user(self.host).write(
            {"department_ids": [Command.unlink(self.dep_rd.id)]}
        )
        self.assertNotIn(self.dep_rd, meeting.department_ids)

    def test_rpc_client(self):
        """The same through JSON-RPC, as the web client sends it."""
        meeting = self._marketing_meeting()
        self.rpc(
            self.host,
            "meeting.minutes.attendee",
            "create",
            [{"meeting_id": meeting.id, "user_id": self.sales_rep.id}],
        )
        meeting.invalidate_recordset()
        self.assertIn(self.dep_sales, meeting.department_ids)
        message = self.assertRpcRefused(
            self.host,
            "meeting.minutes",
            "write",
            [meeting.id],
            {"department_ids": [Command.set(self.dep_marketing.ids)]},
        )
        self.assertIn("cannot leave out Sales: Sales Sun attend", message)
        meeting.invalidate_recordset()
        self.assertIn(self.dep_sales, meeting.department_ids)
