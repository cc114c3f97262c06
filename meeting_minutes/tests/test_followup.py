from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MeetingMinutesCase


@tagged("post_install", "-at_install")
class TestMeetingFollowup(MeetingMinutesCase):
    """The closed loop: the next meeting reviews the previous meeting's action
    items, records why they were not done, carries them over or closes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Action = cls.env["meeting.minutes.action"]
        cls.previous = cls._create_meeting(start=datetime(2026, 3, 16, 6, 0))
        cls.done_item, cls.late_item, cls.running_item = Action.create(
            [
                {
                    "meeting_id": cls.previous.id,
                    "name": name,
                    "owner_id": owner.id,
                    "deadline": deadline,
                    "state": state,
                }
                for name, owner, deadline, state in (
                    ("Detailed plan", cls.engineer, date(2026, 3, 20), "done"),
                    ("Requirement list", cls.sales_rep, date(2026, 3, 25), "delayed"),
                    (
                        "Encryption module",
                        cls.engineer,
                        date(2026, 4, 30),
                        "in_progress",
                    ),
                )
            ]
        )
        cls.previous.sudo().write(
            {"state": "distributed", "distributed_on": datetime(2026, 3, 17)}
        )
        cls.next_meeting = cls._create_meeting(
            start=datetime(2026, 6, 15, 6, 0), previous_meeting_id=cls.previous.id
        )

    def test_review_lines_for_open_items_only(self):
        followups = self.next_meeting.followup_ids
        self.assertEqual(
            followups.previous_action_id, self.late_item | self.running_item
        )
        self.assertEqual(
            self.next_meeting.previous_action_ids, self.previous.action_ids
        )
        # setting the link again adds nothing twice
        self.next_meeting.previous_meeting_id = self.previous
        self.assertEqual(len(self.next_meeting.followup_ids), 2)

    def test_carry_over(self):
        followup = self.next_meeting.followup_ids.filtered(
            lambda f: f.previous_action_id == self.late_item
        )
        with self.assertRaises(UserError):
            followup.with_user(self.recorder).action_carry_over()
        followup.with_user(self.recorder).write(
            {
                "reason_category": "resources",
                "reason": "The survey team was on another project",
                "new_deadline": date(2026, 6, 30),
            }
        )
        followup.with_user(self.recorder).action_carry_over()
        new = followup.new_action_id
        self.assertRecordValues(
            new,
            [
                {
                    "meeting_id": self.next_meeting.id,
                    "name": "Requirement list",
                    "owner_id": self.sales_rep.id,
                    "department_id": self.dep_sales.id,
                    "deadline": date(2026, 6, 30),
                    "carried_from_id": self.late_item.id,
                    "state": "todo",
                }
            ],
        )
        self.assertIn("Lack of Resources", new.remarks)
        self.assertRecordValues(
            self.late_item, [{"state": "cancelled", "carried_over_to_id": new.id}]
        )
        self.assertIn(self.next_meeting.reference, self.late_item.remarks)
        self.assertEqual(followup.decision, "carry_over")
        with self.assertRaises(UserError):
            followup.with_user(self.recorder).action_close()
        # the previous meeting has nothing open any more: it may be archived
        self.running_item.action_done()
        self.assertEqual(self.previous.open_action_count, 0)

    def test_close_with_reason(self):
        followup = self.next_meeting.followup_ids.filtered(
            lambda f: f.previous_action_id == self.running_item
        )
        followup.with_user(self.host).write(
            {"reason_category": "requirement", "reason": "Encryption dropped from Q3"}
        )
        followup.with_user(self.host).action_close()
        self.assertEqual(followup.decision, "close")
        self.assertEqual(self.running_item.state, "cancelled")
        self.assertIn("Encryption dropped from Q3", self.running_item.remarks)
        self.assertFalse(followup.new_action_id)

    def test_carry_over_default_deadline(self):
        followup = self.next_meeting.followup_ids.filtered(
            lambda f: f.previous_action_id == self.late_item
        )
        followup.write({"reason_category": "dependency"})
        followup.action_carry_over()
        # two weeks after the meeting, never before the old deadline
        self.assertEqual(followup.new_action_id.deadline, date(2026, 6, 29))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_organizers_decide(self):
        followup = self.next_meeting.followup_ids[:1]
        followup.write({"reason_category": "other", "reason": "Unknown"})
        with self.assertRaises(UserError):
            followup.with_user(self.engineer).action_carry_over()
        with self.assertRaises(AccessError):
            followup.with_user(self.outsider).read(["reason"])

    def test_review_locked_with_approved_minutes(self):
        self.next_meeting.sudo().write({"state": "approved"})
        followup = self.next_meeting.followup_ids[:1]
        with self.assertRaises(UserError):
            followup.with_user(self.recorder).write({"reason_category": "other"})
