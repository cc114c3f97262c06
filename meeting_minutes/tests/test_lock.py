from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_workflow import MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestMeetingLock(MeetingWorkflowCase):
    """Approved minutes are the official record: their content is locked for
    everyone, the owners still report progress, a revision changes them."""

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
        action.action_start_progress()
        action.write({"remarks": "Production slot booked"})
        action.action_done()
        self.assertRecordValues(
            self.action, [{"state": "done", "remarks": "Production slot booked"}]
        )
        for vals in (
            {"deadline": date(2026, 7, 31)},
            {"state": "in_progress"},
            {"name": "Another task"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                action.write(vals)
        with self.assertRaises(UserError):
            action.unlink()
        # the recorder records the status in the remarks of the minutes too
        other = self.meeting.action_ids - self.action
        other.with_user(self.recorder).write({"remarks": "Waiting for data"})
        other.with_user(self.recorder).action_start_progress()
        self.assertEqual(self.meeting.open_action_count, 1)

    def test_manager_revises_instead_of_correcting(self):
        """Not even a manager edits approved minutes in place: the host or a
        manager revises them (reason asked), the recorder corrects, the next
        approval freezes a new PDF; the first stays, undeletable."""
        meeting = self.meeting.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "locked"):
            meeting.write({"name": "Corrected"})
        with self.assertRaisesRegex(UserError, "locked"):
            meeting.resolution_ids.write({"content": "Corrected"})
        with self.assertRaisesRegex(UserError, "workflow"):
            meeting.write({"state": "confirmed"})
        # the recorder or an attendee may not revise
        for user in (self.recorder, self.engineer):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.meeting.with_user(user).action_revise()
        first = self.meeting.approved_report_id
        self.assertEqual(self.meeting.revision_ids.attachment_id, first)
        action = meeting.action_revise()
        self.assertEqual(action["context"]["default_mode"], "revise")
        self._reason(self.manager, self.meeting, "revise", "Deadline of R&D wrong")
        self.assertRecordValues(
            self.meeting,
            [
                {
                    "state": "confirmed",
                    "approved_report_id": False,
                    "approved_report_sha256": False,
                    "revision_reason": "Deadline of R&D wrong",
                }
            ],
        )
        self.assertTrue(
            self._messages(self.meeting).filtered(
                lambda m: (
                    "Deadline of R&amp;D wrong" in (m.body or "")
                    or "Deadline of R&D wrong" in (m.body or "")
                )
            )
        )
        # under revision, approved once: revised, never cancelled
        with self.assertRaisesRegex(UserError, "revised, not cancelled"):
            self.meeting.with_user(self.recorder).action_cancel()
        with self.assertRaisesRegex(UserError, "revised, not cancelled"):
            self._reason(self.recorder, self.meeting, "cancel", "Never happened")
        corrected = "2026 Q3 product iteration priority coordination (corrected)"
        self.meeting.with_user(self.recorder).write({"name": corrected})
        self.meeting.action_ids[0].with_user(self.recorder).deadline = date(2026, 6, 26)
        self._to_state(self.meeting, "approved")
        self.assertRecordValues(
            self.meeting.revision_ids.sorted("version"),
            [
                {"version": 1, "attachment_id": first.id, "reason": False},
                {
                    "version": 2,
                    "attachment_id": self.meeting.approved_report_id.id,
                    "reason": "Deadline of R&D wrong",
                },
            ],
        )
        self.assertEqual(self.meeting.revision_number, 2)
        self.assertNotEqual(self.meeting.approved_report_id, first)
        self.assertTrue(self.meeting._verify_approved_report())
        # as the web client reads them (binary fields as their size)
        as_client = self.meeting.with_user(self.host).with_context(bin_size=True)
        self.assertTrue(as_client._verify_approved_report())
        self.assertEqual(as_client.revision_ids.mapped("is_valid"), [True, True])
        activity = self._activities(
            self.meeting, "meeting_minutes.mail_activity_type_revise_minutes"
        )
        self.assertFalse(activity, "the revision's activity is done by the approval")
        # the earlier PDF stays: nobody but the superuser deletes or rewrites it
        for user in (self.recorder, self.host, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "approved PDF"):
                    first.with_user(user).unlink()
                with self.assertRaisesRegex(UserError, "approved PDF"):
                    first.with_user(user).write({"raw": b"%PDF forged"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "meeting.minutes"),
                ("mail_message_id.res_id", "=", self.meeting.id),
                ("field_id.name", "=", "name"),
            ]
        )
        self.assertEqual(tracking.new_value_char, corrected)
        self.assertEqual(tracking.mail_message_id.author_id, self.recorder.partner_id)

    def test_distributed_locked_too(self):
        self._to_state(self.meeting, "distributed")
        with self.assertRaises(UserError):
            self.meeting.with_user(self.recorder).write({"name": "Renamed"})
        self.action.with_user(self.owner).write({"remarks": "Started"})
        self.assertEqual(self.action.remarks, "Started")
