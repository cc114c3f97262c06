from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_workflow import MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestMeetingLock(MeetingWorkflowCase):
    """Approved minutes are the official record: their content is locked for the
    organizers, the owners still report progress, a manager may correct."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()

    def setUp(self):
        super().setUp()
        self._add_content(self.meeting)
        self._to_state(self.meeting, "approved")
        self.action = self.meeting.action_ids.filtered(
            lambda a: a.owner_id == self.owner
        )
        # records created in this transaction are tracked once it "commits"
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_recorder_cannot_edit_content(self):
        meeting = self.meeting.with_user(self.recorder)
        edits = [
            ("name", lambda: meeting.write({"name": "Renamed"})),
            (
                "purpose",
                lambda: meeting.write({"location": "Room 1", "purpose": "Other"}),
            ),
            (
                "attendee",
                lambda: meeting.attendee_ids[0].write({"objection": "Late objection"}),
            ),
            (
                "new attendee",
                lambda: meeting.write(
                    {"attendee_ids": [(0, 0, {"user_id": self.rd_director.id})]}
                ),
            ),
            ("remove attendee", lambda: meeting.attendee_ids[0].unlink()),
            ("agenda", lambda: meeting.agenda_ids[0].write({"name": "Other"})),
            ("statement", lambda: meeting.statement_ids[0].write({"content": "Other"})),
            (
                "new statement",
                lambda: (
                    self.env["meeting.minutes.statement"]
                    .with_user(self.recorder)
                    .create(
                        {
                            "agenda_id": meeting.agenda_ids[0].id,
                            "kind": "consensus",
                            "content": "Afterthought",
                        }
                    )
                ),
            ),
            ("resolution", lambda: meeting.resolution_ids.write({"content": "Other"})),
            (
                "new resolution",
                lambda: (
                    self.env["meeting.minutes.resolution"]
                    .with_user(self.recorder)
                    .create({"meeting_id": meeting.id, "content": "Afterthought"})
                ),
            ),
            (
                "action task",
                lambda: meeting.action_ids[0].write({"name": "Other task"}),
            ),
            (
                "action deadline",
                lambda: meeting.action_ids[0].write({"deadline": date(2026, 7, 31)}),
            ),
            ("delete action", lambda: meeting.action_ids[0].unlink()),
        ]
        for label, edit in edits:
            with self.subTest(edit=label), self.assertRaisesRegex(UserError, "locked"):
                edit()
        self.assertEqual(
            meeting.name, "2026 Q3 product iteration priority coordination meeting"
        )

    def test_host_cannot_edit_content(self):
        with self.assertRaises(UserError):
            self.meeting.with_user(self.host).write({"name": "Renamed"})

    def test_owner_updates_progress(self):
        action = self.action.with_user(self.owner)
        action.write({"state": "in_progress", "remarks": "Production slot booked"})
        action.action_done()
        self.assertRecordValues(
            self.action, [{"state": "done", "remarks": "Production slot booked"}]
        )
        with self.assertRaises(UserError):
            action.write({"deadline": date(2026, 7, 31)})
        # the recorder records the status in the remarks of the minutes too
        other = self.meeting.action_ids - self.action
        other.with_user(self.recorder).write(
            {"state": "delayed", "remarks": "Waiting for data"}
        )
        self.assertEqual(self.meeting.open_action_count, 1)

    def test_manager_corrects_tracked(self):
        meeting = self.meeting.with_user(self.manager)
        corrected = (
            "2026 Q3 product iteration priority coordination meeting (corrected)"
        )
        meeting.write({"name": corrected})
        meeting.resolution_ids.content = (
            "Q3: smart recommendation, UI polish 1.0, then encryption."
        )
        meeting.action_ids[0].deadline = date(2026, 6, 26)
        self.assertEqual(meeting.state, "approved")
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "meeting.minutes"),
                ("mail_message_id.res_id", "=", self.meeting.id),
                ("field_id.name", "=", "name"),
            ]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.mail_message_id.author_id, self.manager.partner_id)
        self.assertEqual(
            tracking.new_value_char,
            corrected,
        )
        deadline_tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "meeting.minutes.action"),
                ("mail_message_id.res_id", "=", meeting.action_ids[0].id),
                ("field_id.name", "=", "deadline"),
            ]
        )
        self.assertEqual(len(deadline_tracking), 1)

    def test_distributed_locked_too(self):
        self._to_state(self.meeting, "distributed")
        with self.assertRaises(UserError):
            self.meeting.with_user(self.recorder).write({"name": "Renamed"})
        self.action.with_user(self.owner).write({"remarks": "Started"})
        self.assertEqual(self.action.remarks, "Started")
