"""The read-out confirmed by each attendee as themself, objections, what an
organizer records on someone's behalf, and the signatures of the recorder and of
the approver."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_workflow import (
    AFTER_MEETING,
    APPROVAL_FRIDAY,
    SIGNATURE,
    MeetingWorkflowCase,
)


@tagged("post_install", "-at_install")
class TestConfirmation(MeetingWorkflowCase):
    def setUp(self):
        super().setUp()
        self.meeting = self._add_content(
            self._to_state(self._create_meeting(), "in_progress")
        )

    def _line(self, user):
        return self.meeting.attendee_ids.filtered(lambda a: a.user_id == user)

    def test_attendee_confirms_as_themself(self):
        line = self._line(self.engineer)
        with freeze_time(AFTER_MEETING):
            self.assertIs(
                line.with_user(self.engineer).action_confirm_attendance(), True
            )
        self.assertRecordValues(
            line,
            [
                {
                    "confirmed": True,
                    "confirmed_by_id": self.engineer.id,
                    "is_recorded_by_other": False,
                }
            ],
        )
        self.assertEqual(str(line.confirmed_on), AFTER_MEETING)

    def test_nobody_confirms_for_someone_else(self):
        line = self._line(self.engineer)
        for user in (self.sales_rep, self.host, self.manager):
            with self.assertRaisesRegex(UserError, "Only Engineer Liu"):
                line.with_user(user).action_confirm_attendance()
            with self.assertRaisesRegex(UserError, "Only Engineer Liu"):
                line.with_user(user).action_object("Not me")
        # an attendee does not write the attendance lines themself
        with self.assertRaises(AccessError):
            line.with_user(self.engineer).write({"confirmed": True})
        # nor the stamps, whoever they are
        for user in (self.recorder, self.manager):
            with self.assertRaises(UserError):
                line.with_user(user).write({"confirmed_by_id": self.engineer.id})
            with self.assertRaises(UserError):
                line.with_user(user).write({"confirmed_on": AFTER_MEETING})
        self.assertFalse(line.confirmed)

    def test_objection(self):
        line = self._line(self.sales_rep).with_user(self.sales_rep)
        with self.assertRaisesRegex(UserError, "Write the objection"):
            line.action_object("   ")
        # without a text, the button opens the dialog that asks for it
        action = line.action_object()
        self.assertEqual(action["context"]["default_mode"], "objection")
        with freeze_time(AFTER_MEETING):
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.sales_rep)
                .with_context(**action["context"])
            )
            wizard.objection = "Q3 is too early"
            wizard.save().action_confirm()
        # a dialog without its attendee line records nothing, and says so
        with self.assertRaisesRegex(UserError, "Whose objection"):
            self._reason(self.sales_rep, self.meeting, "objection", "Anonymous")
        self.assertRecordValues(
            line,
            [
                {
                    "confirmed": False,
                    "objection": "Q3 is too early",
                    "confirmed_by_id": self.sales_rep.id,
                }
            ],
        )

    def test_recorded_on_behalf(self):
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
        line = self._line(self.engineer)
        self.assertRecordValues(
            line,
            [
                {
                    "confirmed": True,
                    "confirmed_by_id": self.recorder.id,
                    "is_recorded_by_other": True,
                }
            ],
        )

    def test_not_after_the_confirmation(self):
        line = self._line(self.engineer)
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
        self.assertEqual(self.meeting.state, "confirmed")
        with self.assertRaisesRegex(UserError, "on the spot"):
            line.with_user(self.engineer).action_object("Too late")
        with self.assertRaisesRegex(UserError, "on the spot"):
            line.with_user(self.recorder).write({"confirmed": False})
        self.assertTrue(line.confirmed)

    def test_signature_required(self):
        as_recorder = self.meeting.with_user(self.recorder)
        with freeze_time(AFTER_MEETING):
            as_recorder.action_confirm_all_attendees()
            # Confirm & Sign opens the signature dialog, for the recorder alone
            action = as_recorder.action_confirm()
            self.assertEqual(action["res_model"], "meeting.minutes.sign.wizard")
            for user in (self.host, self.manager):
                with self.assertRaisesRegex(UserError, "Only the recorder"):
                    self.meeting.with_user(user).action_confirm()
                with self.assertRaisesRegex(UserError, "Only the recorder"):
                    self._sign(self.meeting, user)
            # the signature is the workflow's: no write, no empty signature
            with self.assertRaises(UserError):
                as_recorder.write({"recorder_signature": SIGNATURE})
            with self.assertRaisesRegex(UserError, "signature first"):
                self.env["meeting.minutes.sign.wizard"].with_user(self.recorder).create(
                    {"meeting_id": self.meeting.id, "role": "recorder"}
                ).action_sign()
            self.assertEqual(self.meeting.state, "in_progress")
            self._sign(self.meeting)
        self.assertRecordValues(
            self.meeting,
            [{"state": "confirmed", "signed_by_id": self.recorder.id}],
        )
        self.assertTrue(self.meeting.recorder_signature)
        self.assertEqual(str(self.meeting.recorder_signed_on), AFTER_MEETING)

    def test_attendees_undecided_block_the_confirmation(self):
        self._line(self.engineer).with_user(self.engineer).action_confirm_attendance()
        with freeze_time(AFTER_MEETING), self.assertRaisesRegex(UserError, "Sales Sun"):
            self.meeting.with_user(self.recorder).action_confirm()

    def test_approval_signature_setting(self):
        self.company.meeting_approval_signature = True
        self._to_state(self.meeting, "submitted")
        as_host = self.meeting.with_user(self.host)
        with freeze_time(APPROVAL_FRIDAY):
            action = as_host.action_approve()
            self.assertEqual(action["context"]["default_role"], "host")
            self.assertEqual(self.meeting.state, "submitted")
            self.env["meeting.minutes.sign.wizard"].with_user(self.host).create(
                {"meeting_id": self.meeting.id, "role": "host", "signature": SIGNATURE}
            ).action_sign()
        self.assertEqual(self.meeting.state, "approved")
        self.assertTrue(self.meeting.host_signature)
        # a revision asks for a new signature at the next approval
        with freeze_time(APPROVAL_FRIDAY):
            self._reason(self.host, self.meeting, "revise", "Wrong owner")
        self.assertFalse(self.meeting.host_signature)

    def test_pdf_shows_confirmations_and_signature(self):
        self._line(self.engineer).with_user(self.engineer).action_confirm_attendance()
        self._line(self.sales_rep).with_user(self.sales_rep).action_object("Too early")
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "meeting_minutes.action_report_meeting_minutes", self.meeting.ids
            )[0]
            .decode()
        )
        self.assertIn("Too early", html)
        self.assertIn("recorded by", html)
        self.assertIn("Recorder Wang", html)
        self.assertIn('class="o_mm_signature_image"', html)
        self.assertIn("data:image/png;base64,", html)

    def test_a_copy_starts_unconfirmed(self):
        self._line(self.engineer).with_user(self.engineer).action_confirm_attendance()
        self._line(self.sales_rep).with_user(self.sales_rep).action_object("No")
        copy = self.meeting.with_user(self.recorder).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(any(copy.attendee_ids.mapped("confirmed")))
        self.assertFalse(any(copy.attendee_ids.mapped("objection")))
        self.assertFalse(copy.recorder_signature)

    def test_attendance_locked_after_the_confirmation(self):
        """Who came and who objected is part of the confirmed draft: not deleted,
        changed nor added to afterwards, also not through the minutes."""
        line = self._line(self.sales_rep)
        line.with_user(self.sales_rep).action_object("Too early")
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
        as_recorder = self.meeting.with_user(self.recorder)
        for label, attempt in (
            ("delete the line", lambda: line.with_user(self.recorder).unlink()),
            (
                "delete it through the minutes",
                lambda: as_recorder.write({"attendee_ids": [(2, line.id)]}),
            ),
            (
                "mark it absent",
                lambda: line.with_user(self.recorder).write(
                    {"attendance": "absent", "absence_reason": "Left early"}
                ),
            ),
            (
                "add someone",
                lambda: as_recorder.write(
                    {"attendee_ids": [(0, 0, {"user_id": self.leader.id})]}
                ),
            ),
        ):
            with (
                self.subTest(label),
                self.assertRaisesRegex(UserError, "no longer changes"),
            ):
                attempt()
        self.assertEqual(line.objection, "Too early")
        self.assertEqual(len(self.meeting.attendee_ids), 4)

    def test_read_out_changed_asks_again(self):
        """What the attendees confirmed or objected to is the read-out: a
        resolution or an action item added, changed or deleted afterwards (by the
        form, the room or any ORM call) asks them again; their earlier decisions
        stay in the chatter."""
        engineer = self._line(self.engineer)
        sales = self._line(self.sales_rep)
        resolution = self.meeting.resolution_ids[:1]
        action = self.meeting.action_ids[:1]
        as_recorder = self.meeting.with_user(self.recorder)
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        changes = (
            (
                "rename the action item",
                lambda: action.with_user(self.recorder).write({"name": "Another task"}),
            ),
            (
                "move its deadline",
                lambda: action.with_user(self.recorder).write(
                    {"deadline": action.deadline + timedelta(days=1)}
                ),
            ),
            (
                "reword the resolution",
                lambda: as_recorder.write(
                    {"resolution_ids": [(1, resolution.id, {"content": "Reworded"})]}
                ),
            ),
            (
                "add an action item",
                lambda: Action.create(
                    {
                        "meeting_id": self.meeting.id,
                        "name": "One more task",
                        "owner_id": self.engineer.id,
                        "deadline": action.deadline,
                    }
                ),
            ),
            (
                "delete it",
                lambda: Action.search([("name", "=", "One more task")]).unlink(),
            ),
        )
        for label, change in changes:
            with self.subTest(label):
                engineer.with_user(self.engineer).action_confirm_attendance()
                sales.with_user(self.sales_rep).action_object("Too early")
                messages = len(self.meeting.message_ids)
                change()
                self.assertRecordValues(
                    engineer | sales,
                    [
                        {"confirmed": False, "objection": False, "confirmed_on": False},
                        {"confirmed": False, "objection": False, "confirmed_on": False},
                    ],
                )
                note = self.meeting.message_ids[:1]
                self.assertEqual(len(self.meeting.message_ids), messages + 1)
                self.assertIn("Engineer Liu had confirmed", note.body)
                self.assertIn("Sales Sun had objected: Too early", note.body)
        # unchanged values, a statement, the owner's remarks: nobody is asked again
        engineer.with_user(self.engineer).action_confirm_attendance()
        action.with_user(self.recorder).write({"name": action.name})
        self.env["meeting.minutes.statement"].with_user(self.recorder).create(
            {
                "agenda_id": self.meeting.agenda_ids[0].id,
                "department_id": self.dep_rd.id,
                "content": "One more remark",
            }
        )
        action.with_user(action.owner_id).write({"remarks": "Started"})
        self.assertTrue(engineer.confirmed)
        # the confirmation then needs everyone's decision on the current read-out
        sales.with_user(self.sales_rep).action_object("Still too early")
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
        self.assertEqual(self.meeting.state, "confirmed")

    def test_sign_dialog_says_what_the_submission_needs(self):
        """The recorder learns before signing, not at the submission, what the
        minutes still need; signing is not blocked by it (they are completed
        after the meeting)."""
        meeting = self._to_state(self._create_meeting(), "in_progress")
        wizard = (
            self.env["meeting.minutes.sign.wizard"]
            .with_user(self.recorder)
            .create({"meeting_id": meeting.id, "role": "recorder"})
        )
        for item in meeting.agenda_ids:
            self.assertIn(f"a statement on '{item.name}'", wizard.submission_missing)
        self.assertIn("a resolution or an action item", wizard.submission_missing)
        # the same list the submission refuses with
        with freeze_time(AFTER_MEETING):
            meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(meeting)
            with self.assertRaisesRegex(UserError, "a resolution or an action item"):
                meeting.with_user(self.recorder).action_submit()
        # complete minutes: nothing to say
        wizard = (
            self.env["meeting.minutes.sign.wizard"]
            .with_user(self.recorder)
            .create({"meeting_id": self.meeting.id, "role": "recorder"})
        )
        self.assertFalse(wizard.submission_missing)
        # a colloquialism, which the submission refuses too
        self.env["meeting.minutes.statement"].with_user(self.recorder).create(
            {
                "agenda_id": self.meeting.agenda_ids[0].id,
                "department_id": self.dep_rd.id,
                "content": "I think it takes two months",
            }
        )
        wizard.invalidate_recordset(["submission_missing"])
        self.assertIn("«I think» removed", wizard.submission_missing)
