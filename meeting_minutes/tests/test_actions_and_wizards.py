from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_workflow import MEETING_START, MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestActionsAndWizards(MeetingWorkflowCase):
    """The buttons and wizards outside the main path: reasons, copies, deletion,
    follow-up meetings, action item progress, the meeting moving its event."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting(start=MEETING_START)

    # ------------------------------------------------------------
    # reason wizard
    # ------------------------------------------------------------

    def test_reason_is_required(self):
        wizard = self.Wizard.with_user(self.recorder).create(
            {
                "meeting_ids": [(6, 0, self.meeting.ids)],
                "mode": "cancel",
                "reason": "  ",
            }
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self.meeting.state, "draft")

    def test_wizard_checks_again_who_acts(self):
        """Calling the wizard over RPC does not skip the checks of the button."""
        self.meeting.sudo().state = "submitted"
        wizard = self.Wizard.with_user(self.engineer).create(
            {
                "meeting_ids": [(6, 0, self.meeting.ids)],
                "mode": "reject",
                "reason": "No",
            }
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self.meeting.state, "submitted")
        wizard = self.Wizard.with_user(self.engineer).create(
            {
                "meeting_ids": [(6, 0, self.meeting.ids)],
                "mode": "cancel",
                "reason": "No",
            }
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()

    def test_cancel_and_reset_with_reason(self):
        self._reason(self.recorder, self.meeting, "cancel", "The launch moved")
        self.assertEqual(self.meeting.state, "cancelled")
        self._reason(self.host, self.meeting, "reset", "The launch is back")
        self.assertEqual(self.meeting.state, "draft")
        bodies = " ".join(self._messages(self.meeting).mapped("body"))
        self.assertIn("The launch moved", bodies)
        self.assertIn("The launch is back", bodies)

    def test_short_notice_wizard_shows_the_count(self):
        with freeze_time(MEETING_START - timedelta(days=1)):
            action = self.meeting.with_user(self.recorder).action_schedule()
            self.assertEqual(action["res_model"], "meeting.minutes.reason.wizard")
            wizard = self.Wizard.with_context(**action["context"]).create(
                {"reason": "Escalation"}
            )
            self.assertEqual(wizard.required_notice_days, 3)
            self.assertLess(wizard.notice_working_days, 3)

    # ------------------------------------------------------------
    # other buttons
    # ------------------------------------------------------------

    def test_print_and_open_actions(self):
        action = self.meeting.action_print_minutes()
        self.assertEqual(
            action["report_name"], "meeting_minutes.report_meeting_minutes"
        )
        statements = self.meeting.agenda_ids[:1].action_open_statements()
        self.assertEqual(statements["res_id"], self.meeting.agenda_ids[:1].id)
        follow_up = self.meeting.action_view_next_meetings()
        self.assertEqual(
            follow_up["domain"], [("previous_meeting_id", "=", self.meeting.id)]
        )
        self.assertEqual(
            follow_up["context"]["default_previous_meeting_id"], self.meeting.id
        )
        self.assertEqual(self.meeting.next_meeting_count, 0)
        self._create_meeting(previous_meeting_id=self.meeting.id)
        self.meeting.invalidate_recordset(["next_meeting_count"])
        self.assertEqual(self.meeting.next_meeting_count, 1)

    def test_copy_starts_a_new_draft(self):
        self._to_state(self.meeting, "scheduled")
        copy = self.meeting.copy()
        self.assertRecordValues(
            copy,
            [{"state": "draft", "notice_date": False, "calendar_event_id": False}],
        )
        self.assertIn("(copy)", copy.name)
        self.assertNotEqual(copy.reference, self.meeting.reference)
        self.assertEqual(len(copy.attendee_ids), len(self.meeting.attendee_ids))
        self.assertEqual(len(copy.agenda_ids), len(self.meeting.agenda_ids))

    def test_moving_the_minutes_moves_the_event(self):
        self._to_state(self.meeting, "scheduled")
        event = self.meeting.calendar_event_id
        self.assertTrue(event)
        new_start = MEETING_START + timedelta(days=1)
        self.meeting.with_user(self.recorder).write(
            {
                "start": new_start,
                "stop": new_start + timedelta(hours=2),
                "location": "Room 502",
            }
        )
        self.assertRecordValues(
            event,
            [
                {
                    "start": new_start,
                    "stop": new_start + timedelta(hours=2),
                    "location": "Room 502",
                }
            ],
        )

    # ------------------------------------------------------------
    # action items
    # ------------------------------------------------------------

    def _action(self, owner=None, deadline=date(2026, 6, 30)):
        return self.Action.create(
            {
                "meeting_id": self.meeting.id,
                "name": "Collect the requirement list",
                "owner_id": (owner or self.engineer).id,
                "deadline": deadline,
            }
        )

    def test_progress_buttons(self):
        action = self._action().with_user(self.engineer)
        action._schedule_owner_activity()
        action.action_start_progress()
        self.assertEqual(action.state, "in_progress")
        with freeze_time("2026-06-28"):
            action.action_done()
        self.assertFalse(action.activity_ids, "the activity is marked done")
        self.assertRecordValues(
            action, [{"state": "done", "done_date": date(2026, 6, 28)}]
        )
        with self.assertRaises(UserError):
            action.action_done()
        with freeze_time("2026-07-02"):
            action.action_reopen()
            self.assertRecordValues(
                action, [{"state": "delayed", "done_date": False, "is_overdue": True}]
            )
        action._schedule_owner_activity()
        self.assertTrue(action.activity_ids)
        # cancelling what the meeting decided is the organizers' call
        self.assertFalse(action.can_manage)
        with self.assertRaises(AccessError):
            action.action_cancel()
        action.with_user(self.host).action_cancel()
        self.assertEqual(action.state, "cancelled")
        self.assertFalse(action.activity_ids)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_the_people_of_the_item_update_it(self):
        action = self._action()
        with self.assertRaises(UserError):
            action.with_user(self.sales_rep).action_done()
        with self.assertRaises(AccessError):
            action.with_user(self.outsider).action_done()
        action.with_user(self.host).action_done()
        self.assertEqual(action.state, "done")

    def test_one_activity_per_item(self):
        action = self._action()
        action._schedule_owner_activity()
        action._schedule_owner_activity()
        self.assertEqual(len(action.activity_ids), 1)
        self.assertRecordValues(
            action.activity_ids,
            [{"user_id": self.engineer.id, "date_deadline": date(2026, 6, 30)}],
        )

    def test_my_department_filters(self):
        action = self._action(owner=self.sales_rep)
        Action = self.Action.with_user(self.sales_rep)
        self.assertIn(action, Action.search([("is_my_department", "=", True)]))
        self.assertNotIn(action, Action.search([("is_my_department", "!=", True)]))
        Meeting = self.Meeting.with_user(self.engineer)
        self.assertIn(self.meeting, Meeting.search([("is_my_department", "=", True)]))
        outsider_meetings = self.Meeting.with_user(self.manager).search(
            [("is_my_department", "=", True)]
        )
        self.assertNotIn(self.meeting, outsider_meetings)

    def test_colloquialisms_are_configurable_and_case_blind(self):
        meeting = self.meeting
        meeting.resolution_ids = [
            (0, 0, {"content": "We will MAYBE ship 差不多 in June"})
        ]
        found = {word for __, word in meeting._find_colloquialisms()}
        self.assertEqual(found, {"maybe", "差不多"})
        self.company.meeting_colloquialisms = "ship"
        self.assertEqual([w for __, w in meeting._find_colloquialisms()], ["ship"])
        self.company.meeting_colloquialisms = False
        self.assertFalse(meeting._find_colloquialisms())

    def test_late_search_both_ways(self):
        meeting = self._create_meeting(start=datetime(2026, 7, 1, 6, 0))
        meeting.sudo().state = "confirmed"
        with freeze_time("2026-07-03 09:00:00"):
            late = self.Meeting.search([("is_late", "=", True)])
            on_time = self.Meeting.search([("is_late", "!=", True)])
        self.assertIn(meeting, late)
        self.assertNotIn(meeting, on_time)
        self.assertIn(self.meeting, on_time)
