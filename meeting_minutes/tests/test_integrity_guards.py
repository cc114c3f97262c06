"""The side doors found by a hostile review: related records (follow-up reviews,
carried-over items), the chatter, departments, the calendar event and the company
settings cannot change what approved minutes record."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestIntegrityGuards(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A: distributed minutes with open items; B follows A up
        cls.previous = cls._create_meeting(start=datetime(2026, 3, 16, 6, 0))
        cls.late_item, cls.other_item = cls.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": cls.previous.id,
                    "name": name,
                    "owner_id": cls.owner.id,
                    "deadline": date(2026, 3, 25),
                    "state": "delayed",
                }
                for name in ("Requirement list", "Production slot")
            ]
        )
        cls.previous.sudo().write(
            {"state": "distributed", "distributed_on": datetime(2026, 3, 17)}
        )
        cls.next_meeting = cls._create_meeting(
            start=datetime(2026, 6, 15, 6, 0), previous_meeting_id=cls.previous.id
        )

    def _review(self, item):
        return self.next_meeting.followup_ids.filtered(
            lambda f: f.previous_action_id == item
        )

    # ------------------------------------------------------------
    # follow-up reviews and carried-over items
    # ------------------------------------------------------------

    def test_reviewed_item_stays(self):
        """An item closed by a review is neither reopened by its owner nor
        deleted; nor are the minutes whose items a locked meeting reviews."""
        review = self._review(self.late_item)
        review.with_user(self.recorder).write({"reason_category": "requirement"})
        review.with_user(self.recorder).action_close()
        with self.assertRaisesRegex(UserError, "reviewed in the follow-up"):
            self.late_item.with_user(self.owner).action_reopen()
        with self.assertRaisesRegex(UserError, "locked"):
            self.late_item.with_user(self.recorder).unlink()
        # even the superuser's code (a cleanup, another addon) keeps it
        with self.assertRaisesRegex(UserError, "reviewed in the follow-up"):
            self.late_item.sudo().unlink()
        self.assertEqual(self.late_item.state, "cancelled")
        # once the reviewing minutes are locked, the previous ones stay too
        self.next_meeting.sudo().state = "approved"
        self.previous.sudo().state = "cancelled"
        with self.assertRaisesRegex(UserError, "follow-up"):
            self.previous.with_user(self.recorder).unlink()
        self.assertEqual(self.next_meeting.previous_meeting_id, self.previous)
        self.assertEqual(len(self.next_meeting.followup_ids), 2)

    def test_carried_over_item_stays(self):
        review = self._review(self.other_item)
        review.with_user(self.recorder).write({"reason_category": "resources"})
        review.with_user(self.recorder).action_carry_over()
        new = review.new_action_id
        self.assertEqual(self.other_item.carried_over_to_id, new)
        with self.assertRaisesRegex(UserError, "carried over from"):
            new.with_user(self.recorder).unlink()
        self.assertEqual(self.other_item.carried_over_to_id, new)

    def test_items_of_cancelled_minutes_are_not_closed(self):
        self.previous.sudo().state = "cancelled"
        review = self._review(self.late_item)
        review.with_user(self.recorder).write({"reason_category": "other"})
        with self.assertRaisesRegex(UserError, "locked"):
            review.with_user(self.recorder).action_close()
        self.assertEqual(self.late_item.state, "delayed")

    # ------------------------------------------------------------
    # the chatter
    # ------------------------------------------------------------

    def test_chatter_of_the_record(self):
        meeting = self._create_meeting()
        self._add_content(meeting)
        self._to_state(meeting, "approved")
        messages = self._messages(meeting)
        frozen_note = messages.filtered(
            lambda m: "Approved PDF frozen" in (m.body or "")
        )
        self.assertEqual(len(frozen_note), 1)
        for user in (self.host, self.recorder, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "part of their record"):
                    frozen_note.with_user(user).write({"body": "<p>Forged</p>"})
                with self.assertRaisesRegex(UserError, "part of their record"):
                    frozen_note.with_user(user).unlink()
                with self.assertRaisesRegex(
                    UserError, "part of their record|Only messages type comment"
                ):
                    meeting.with_user(user)._message_update_content(
                        frozen_note, "<p>Forged</p>"
                    )
        self.assertIn(meeting.approved_report_sha256, frozen_note.body)
        # nor a comment, once the minutes are approved
        comment = meeting.with_user(self.engineer).message_post(
            body="Read", message_type="comment"
        )
        with self.assertRaisesRegex(UserError, "part of their record"):
            meeting.with_user(self.engineer)._message_update_content(comment, "Forged")
        with self.assertRaisesRegex(UserError, "part of their record"):
            comment.with_user(self.engineer).unlink()
        # a comment while the content is open may be edited by its author
        draft = self._create_meeting()
        comment = draft.with_user(self.recorder).message_post(
            body="Bring the figures", message_type="comment"
        )
        draft.with_user(self.recorder)._message_update_content(
            comment, "Bring the Q2 figures"
        )
        self.assertIn("Q2 figures", comment.body)

    # ------------------------------------------------------------
    # departments, the calendar, the settings
    # ------------------------------------------------------------

    @mute_logger("odoo.models.unlink")
    def test_department_of_approved_minutes_stays(self):
        meeting = self._create_meeting()
        self._add_content(meeting)
        self._to_state(meeting, "approved")
        hr_officer = new_test_user(
            self.env, login="mm_hr", groups="base.group_user,hr.group_hr_manager"
        )
        with self.assertRaisesRegex(UserError, "takes part in the minutes"):
            self.dep_sales.with_user(hr_officer).unlink()
        self.assertIn(self.dep_sales, meeting.department_ids)
        # departments of minutes still in draft may go
        dep_temp = self.env["hr.department"].create({"name": "Temp"})
        draft = self._create_meeting()
        draft.department_ids = [(4, dep_temp.id)]
        dep_temp.with_user(hr_officer).unlink()
        self.assertNotIn(dep_temp, draft.department_ids)

    def test_event_of_minutes(self):
        start = datetime(2026, 6, 15, 6, 0)
        event = (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Q3 priorities coordination",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "user_id": self.host.id,
                    "location": "Room 301",
                    "partner_ids": [
                        (
                            6,
                            0,
                            (self.host | self.recorder | self.engineer).partner_id.ids,
                        )
                    ],
                }
            )
        )
        event.with_user(self.recorder).action_open_meeting_minutes()
        minutes = event.meeting_minutes_ids
        # the duration moves the end: for the minutes' organizers only
        with self.assertRaisesRegex(UserError, "holds the minutes"):
            event.with_user(self.engineer).write({"duration": 9})
        with self.assertRaisesRegex(UserError, "holds the minutes"):
            event.with_user(self.engineer).write({"res_id": 0})
        event.with_user(self.recorder).write({"duration": 3})
        self.assertEqual(minutes.stop, start + timedelta(hours=3))
        # minutes that took place keep their event, even for their organizers
        minutes.sudo().state = "approved"
        for user in (self.recorder, self.manager):
            with self.subTest(user=user.login):
                # a private event: the calendar's own rule refuses the uninvited
                with self.assertRaisesRegex(
                    UserError, "which took place|'unlink' access"
                ):
                    event.with_user(user).unlink()
                with self.assertRaisesRegex(UserError, "which took place"):
                    event.with_user(user).action_archive()
        self.assertEqual(minutes.calendar_event_id, event)

    def test_settings_do_not_move_deadlines(self):
        meeting = self._create_meeting()
        deadline = meeting.completion_deadline
        self.company.meeting_completion_hours = 999
        self.assertEqual(meeting.completion_deadline, deadline)

    def test_reprint_returns_the_frozen_pdf_only(self):
        """A participant posting a PDF named like the approved one changes nothing
        to what re-printing returns."""
        meeting = self._create_meeting()
        self._add_content(meeting)
        with freeze_time("2026-06-19 09:00:00"):
            self._to_state(meeting, "approved")
        frozen = meeting.approved_report_id
        # a participant's look-alike is refused (test_rpc_attachments); one the
        # system lets in (the mail gateway's unknown sender) changes nothing
        meeting.with_env(self.env).message_post(
            body="The real minutes",
            message_type="comment",
            attachments=[(frozen.name, b"%PDF-1.4 forged")],
        )
        report = self.env.ref("meeting_minutes.action_report_meeting_minutes")
        self.assertEqual(report.retrieve_attachment(meeting), frozen)
        self.assertTrue(meeting._verify_approved_report())
