from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MeetingMinutesCase


@tagged("post_install", "-at_install")
class TestMeetingCrons(MeetingMinutesCase):
    """The scheduled actions: reminders, delays, late minutes, archiving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the data is made on the day of the meeting: is_overdue is computed then
        cls.startClassPatcher(freeze_time("2026-06-15 10:00:00"))
        cls.Action = cls.env["meeting.minutes.action"]
        cls.meeting = cls._create_meeting(start=datetime(2026, 6, 15, 6, 0))
        cls.action_plan = cls._add_action(
            "Submit the plan", cls.engineer, date(2026, 6, 20)
        )
        cls.action_list = cls._add_action(
            "Collect requirements", cls.recorder, date(2026, 6, 30)
        )
        cls._distribute(cls.meeting)

    @classmethod
    def _distribute(cls, meeting, when=datetime(2026, 6, 17, 6, 0)):
        """The state the workflow leaves (tested in test_workflow), set directly
        (as the superuser: nobody else writes the workflow's fields)."""
        meeting.sudo().write(
            {
                "state": "distributed",
                "approved_on": when - timedelta(days=1),
                "distributed_on": when,
            }
        )

    @classmethod
    def _add_action(cls, name, owner, deadline, meeting=None):
        return cls.Action.create(
            {
                "meeting_id": (meeting or cls.meeting).id,
                "name": name,
                "owner_id": owner.id,
                "deadline": deadline,
            }
        )

    def _assert_crashes(self, method, **kwargs):
        """Run a cron that crashes, keeping what its first batches did (committed
        in production)."""
        try:
            method(**kwargs)
        except RuntimeError:
            return
        self.fail("the cron did not crash")

    def _mails(self, action):
        """The digest emails that list this action item."""
        return self.env["mail.mail"].search(
            [("body_html", "like", action.name), ("model", "=", False)]
        )

    def _logs(self, actions, text):
        """The notes left in the chatter of the meetings that name the items."""
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "meeting.minutes"),
                ("res_id", "in", actions.meeting_id.ids),
                ("body", "like", text),
            ]
        )
        return messages.filtered(lambda m: any(a.name in m.body for a in actions))

    # ------------------------------------------------------------
    # reminders
    # ------------------------------------------------------------

    def test_reminder_two_days_before(self):
        with freeze_time("2026-06-17 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertFalse(self.action_plan.reminder_sent_on, "3 days ahead: too early")
        with freeze_time("2026-06-18 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertEqual(self.action_plan.reminder_sent_on, date(2026, 6, 18))
        self.assertFalse(self.action_list.reminder_sent_on)
        mails = self._mails(self.action_plan)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.engineer.partner_id)
        self.assertIn("Engineer Liu", mails.body_html)
        self.assertEqual(len(self._logs(self.action_plan, "reminder")), 1)
        # the same day again, and the next day: nothing new
        with freeze_time("2026-06-18 05:00:00"):
            self.assertEqual(self.Action._cron_send_reminders(), 0)
        with freeze_time("2026-06-19 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertEqual(len(self._mails(self.action_plan)), 1)
        self.assertEqual(len(self._logs(self.action_plan, "reminder")), 1)

    def test_reminder_catches_up_a_missed_day(self):
        """The cron did not run on the 18th: on the 19th it still reminds."""
        with freeze_time("2026-06-19 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertEqual(self.action_plan.reminder_sent_on, date(2026, 6, 19))

    def test_reminder_skips_closed_items_and_undistributed_minutes(self):
        self.action_plan.action_done()
        draft = self._create_meeting(start=datetime(2026, 6, 15, 6, 0))
        draft_action = self._add_action(
            "Draft item", self.engineer, date(2026, 6, 20), meeting=draft
        )
        with freeze_time("2026-06-18 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertFalse(self.action_plan.reminder_sent_on)
        self.assertFalse(draft_action.reminder_sent_on)

    def test_reminder_days_setting(self):
        self.company.meeting_reminder_days = 5
        with freeze_time("2026-06-15 01:00:00"):
            self.Action._cron_send_reminders()
        self.assertTrue(self.action_plan.reminder_sent_on)
        self.assertFalse(self.action_list.reminder_sent_on)

    def test_reminder_crash_mid_run_resumes(self):
        """A crash in the second batch: the first batch stays done (committed in
        production), the rerun sends only the rest, nothing twice."""
        meeting = self._create_meeting(start=datetime(2026, 6, 15, 6, 0))
        actions = self.Action
        for index in range(6):
            actions |= self._add_action(
                f"Item {index}", self.sales_rep, date(2026, 6, 20), meeting=meeting
            )
        self._distribute(meeting)
        due = actions | self.action_plan
        original = type(self.Action)._send_deadline_reminders
        calls = []

        def crash_on_second_batch(records):
            calls.append(len(records))
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(records)

        with freeze_time("2026-06-18 01:00:00"):
            # not assertRaises: it rolls back to a savepoint, as no crash does
            with patch.object(
                type(self.Action), "_send_deadline_reminders", crash_on_second_batch
            ):
                self._assert_crashes(self.Action._cron_send_reminders, batch_size=3)
            reminded = due.filtered("reminder_sent_on")
            self.assertEqual(len(reminded), 3, calls)
            self.Action._cron_send_reminders(batch_size=3)
        self.assertEqual(len(due.filtered("reminder_sent_on")), 7)
        for action in due:
            self.assertEqual(len(self._logs(action, "reminder")), 1, action.name)
        for action in due:
            self.assertEqual(len(self._mails(action)), 1, action.name)

    def test_reminder_queries_do_not_grow_with_items(self):
        """The number of queries of a batch does not depend on its size."""
        counts = []
        # the first run fills the caches (templates, defaults, xmlids): not counted
        sizes = (
            (1, date(2026, 6, 24)),
            (10, date(2026, 6, 25)),
            (100, date(2026, 6, 26)),
        )
        for size, deadline in sizes:
            meeting = self._create_meeting(start=datetime(2026, 6, 15, 6, 0))
            self.Action.create(
                [
                    {
                        "meeting_id": meeting.id,
                        "name": f"Bulk {size} {index}",
                        "owner_id": (self.engineer, self.sales_rep)[index % 2].id,
                        "deadline": deadline,
                    }
                    for index in range(size)
                ]
            )
            self._distribute(meeting)
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time(deadline - timedelta(days=2)):
                before = self.cr.sql_log_count
                processed = self.Action._cron_send_reminders()
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
            self.assertEqual(processed, size)
        self.assertEqual(
            counts[1], counts[2], f"queries for 1, 10 and 100 items: {counts}"
        )

    # ------------------------------------------------------------
    # overdue
    # ------------------------------------------------------------

    def test_overdue_marks_delayed_and_notifies_once(self):
        self.action_plan.action_start_progress()
        with freeze_time("2026-06-21 01:00:00"):
            self.Action._cron_mark_overdue()
            self.assertRecordValues(
                self.action_plan, [{"state": "delayed", "is_overdue": True}]
            )
            self.assertEqual(self.action_list.state, "todo")
            mails = self._mails(self.action_plan)
            # one digest each for the owner, the recorder and the R&D manager
            self.assertEqual(
                mails.recipient_ids,
                self.engineer.partner_id
                | self.recorder.partner_id
                | self.rd_director.partner_id,
            )
            self.assertEqual(len(mails), 3)
            self.assertTrue(
                all("delayed" in body for body in mails.mapped("body_html"))
            )
            self.assertEqual(self.meeting.overdue_action_count, 1)
            self.assertEqual(self.Action._cron_mark_overdue(), 0)
        with freeze_time("2026-06-22 01:00:00"):
            self.Action._cron_mark_overdue()
        self.assertEqual(len(self._mails(self.action_plan)), 3)
        self.assertEqual(len(self._logs(self.action_plan, "delayed")), 1)
        self.assertIn(
            self.action_plan.name, self._logs(self.action_plan, "delayed").body
        )

    def test_overdue_then_done_keeps_days_late(self):
        with freeze_time("2026-06-23 01:00:00"):
            self.Action._cron_mark_overdue()
            self.action_plan.with_user(self.engineer).action_done()
        self.assertRecordValues(
            self.action_plan,
            [{"state": "done", "done_date": date(2026, 6, 23), "is_overdue": False}],
        )
        self.assertEqual(self.action_plan.days_late, 3)

    # ------------------------------------------------------------
    # late minutes
    # ------------------------------------------------------------

    def test_followup_late_completion_once(self):
        meeting = self._create_meeting(start=datetime(2026, 7, 1, 6, 0))
        meeting.sudo().state = "confirmed"
        with freeze_time("2026-07-02 06:00:00"):
            self.assertFalse(meeting.is_late, "within 24 hours of the end")
            self.env["meeting.minutes"]._cron_followup()
            self.assertFalse(meeting.activity_ids)
        with freeze_time("2026-07-02 09:00:00"):
            meeting.invalidate_recordset(["is_late"])
            self.assertTrue(meeting.is_late)
            self.assertIn(
                meeting, self.env["meeting.minutes"].search([("is_late", "=", True)])
            )
            self.env["meeting.minutes"]._cron_followup()
            self.env["meeting.minutes"]._cron_followup()
        late_type = self.env.ref("meeting_minutes.mail_activity_type_minutes_late")
        activities = meeting.activity_ids.filtered(
            lambda a: a.activity_type_id == late_type
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.recorder)

    def test_followup_late_distribution_working_days(self):
        meeting = self._create_meeting(start=datetime(2026, 7, 1, 6, 0))
        # approved on Friday 3 July: distribute by Tuesday 7 July
        meeting.sudo().write(
            {
                "state": "approved",
                "approved_on": datetime(2026, 7, 3, 9, 0),
                "distribution_deadline": self.company._meeting_add_working_days(
                    date(2026, 7, 3), 2
                ),
            }
        )
        self.assertEqual(meeting.distribution_deadline, date(2026, 7, 7))
        late_type = self.env.ref("meeting_minutes.mail_activity_type_minutes_late")
        with freeze_time("2026-07-07 15:00:00"):
            self.env["meeting.minutes"]._cron_followup()
        self.assertFalse(
            meeting.activity_ids.filtered(lambda a: a.activity_type_id == late_type)
        )
        with freeze_time("2026-07-08 01:00:00"):
            self.env["meeting.minutes"]._cron_followup()
            self.env["meeting.minutes"]._cron_followup()
            self.assertTrue(meeting.is_late)
        self.assertEqual(
            len(
                meeting.activity_ids.filtered(lambda a: a.activity_type_id == late_type)
            ),
            1,
        )

    # ------------------------------------------------------------
    # archiving and retention
    # ------------------------------------------------------------

    def _close_actions(self):
        (self.action_plan | self.action_list).action_done()

    def test_archive_waits_for_closed_actions_and_delay(self):
        with freeze_time("2026-07-10 01:00:00"):
            self._close_actions()
            self.env["meeting.minutes"]._cron_archive()
        self.assertEqual(self.meeting.state, "distributed", "30 days not over")
        self.action_list.with_user(self.recorder).action_reopen()
        with freeze_time("2026-07-18 01:00:00"):
            self.env["meeting.minutes"]._cron_archive()
        self.assertEqual(self.meeting.state, "distributed", "an action is open")
        with freeze_time("2026-07-20 01:00:00"):
            self.action_list.action_done()
            self.env["meeting.minutes"]._cron_archive()
        self.assertRecordValues(
            self.meeting,
            [
                {
                    "state": "archived",
                    "archive_code": f"2026-06-{self.meeting.name}-01",
                    "retention_date": date(2027, 6, 15),
                }
            ],
        )
        self.assertTrue(self.meeting.approved_report_id)
        self.assertEqual(
            self.env["meeting.minutes"].search(
                [("archive_code", "ilike", "2026-06-2026 Q3")]
            ),
            self.meeting,
        )

    def test_archive_code_and_retention_settings(self):
        # named in Chinese (set as the workflow would have left it)
        self.meeting.sudo().name = "产品迭代优先级协调会"
        self.company.meeting_retention_years = 3
        self.company.meeting_archive_delay_days = 0
        self._close_actions()
        with freeze_time("2026-06-18 01:00:00"):
            self.env["meeting.minutes"]._cron_archive()
        self.assertRecordValues(
            self.meeting,
            [
                {
                    "archive_code": "2026-06-产品迭代优先级协调会-01",
                    "retention_date": date(2029, 6, 15),
                }
            ],
        )
        with self.assertRaises(ValidationError):
            self.company.meeting_retention_years = 0
            self.company.flush_recordset()

    def test_archive_codes_are_numbered(self):
        """Minutes of one topic filed in one month: numbered within the
        year-month-topic, unique in the company; the wildcards of SQL's LIKE in
        a topic are plain characters."""
        topic = "周协调会_100%"
        first, second, other = (self._create_meeting() for _i in range(3))
        (first | second).sudo().name = topic
        other.sudo().name = "周协调会X100%"
        for meeting in (first, second, other):
            meeting._workflow().write({"archive_code": meeting._get_archive_code()})
        self.assertEqual(
            [first.archive_code, second.archive_code, other.archive_code],
            [f"2026-06-{topic}-01", f"2026-06-{topic}-02", "2026-06-周协调会X100%-01"],
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                second._workflow().write({"archive_code": first.archive_code})
                second.flush_recordset()

    @mute_logger("odoo.models.unlink")
    def test_archived_minutes_are_read_only_and_retained(self):
        self.company.meeting_archive_delay_days = 0
        self._close_actions()
        with freeze_time("2026-06-18 01:00:00"):
            self.env["meeting.minutes"]._cron_archive()
        self.assertEqual(self.meeting.state, "archived")
        manager_meeting = self.meeting.with_user(self.manager)
        with self.assertRaises(UserError):
            manager_meeting.name = "Rewritten"
        with self.assertRaises(UserError):
            manager_meeting.location = "Elsewhere"
        with self.assertRaises(UserError):
            self.action_plan.with_user(self.manager).remarks = "late correction"
        with self.assertRaises(UserError):
            manager_meeting.resolution_ids.create(
                {"meeting_id": self.meeting.id, "content": "Afterthought"}
            )
        with freeze_time("2027-06-14 01:00:00"), self.assertRaises(UserError):
            manager_meeting.unlink()
        with freeze_time("2027-06-16 01:00:00"):
            with self.assertRaises(UserError):
                self.meeting.with_user(self.host).unlink()
            manager_meeting.unlink()
        self.assertFalse(self.meeting.exists())

    def test_archive_crash_mid_run_resumes(self):
        self.company.meeting_archive_delay_days = 0
        self._close_actions()
        meetings = self.meeting
        for index in range(4):
            meeting = self._create_meeting(start=datetime(2026, 5, 1 + index, 6, 0))
            self._distribute(meeting, datetime(2026, 5, 10))
            meetings |= meeting
        Meeting = type(self.env["meeting.minutes"])
        original = Meeting._do_archive
        calls = []

        def crash_on_second_batch(records):
            calls.append(len(records))
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(records)

        # the demo meeting may be due too: count every distributed meeting
        Minutes = self.env["meeting.minutes"]
        due = Minutes.search(
            [("state", "=", "distributed"), ("open_action_count", "=", 0)]
        )
        self.assertGreaterEqual(len(due), 5)
        with freeze_time("2026-06-18 01:00:00"):
            with patch.object(Meeting, "_do_archive", crash_on_second_batch):
                self._assert_crashes(Minutes._cron_archive, batch_size=2)
            self.assertEqual(len(due.filtered(lambda m: m.state == "archived")), 2)
            self.assertEqual(Minutes._cron_archive(batch_size=2), len(due) - 2)
        self.assertEqual(set(meetings.mapped("state")), {"archived"})

    def test_crons_are_declared(self):
        for xmlid, model in (
            ("meeting_minutes.ir_cron_action_reminder", "meeting.minutes.action"),
            ("meeting_minutes.ir_cron_action_overdue", "meeting.minutes.action"),
            ("meeting_minutes.ir_cron_minutes_followup", "meeting.minutes"),
            ("meeting_minutes.ir_cron_archive", "meeting.minutes"),
        ):
            cron = self.env.ref(xmlid)
            self.assertEqual(cron.model_id.model, model)
            self.assertTrue(cron.active)
            # the cron's code runs as the scheduler would run it
            cron.method_direct_trigger()

    def test_done_from_the_activity(self):
        """The owner marks the action item's activity done: the item is completed,
        the feedback kept in its remarks."""
        self.action_plan._schedule_owner_activity()
        activity = self.action_plan.activity_ids
        self.assertEqual(activity.user_id, self.engineer)
        activity.with_user(self.engineer).action_feedback(
            feedback="Plan sent to the director"
        )
        self.assertRecordValues(
            self.action_plan,
            [
                {
                    "state": "done",
                    "done_date": date(2026, 6, 15),
                    "remarks": "Plan sent to the director",
                }
            ],
        )
        self.assertFalse(self.action_plan.activity_ids)
        # the other item's owner cannot complete it from someone else's activity
        self.action_list._schedule_owner_activity()
        self.assertEqual(self.action_list.activity_ids.user_id, self.recorder)
