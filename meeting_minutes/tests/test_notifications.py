"""Every person hears once, at the right time, in their own terms: the emails each
person receives for an invitation, a move, a cancellation, reminders, delays and late
minutes (counted per recipient), their language and time zone; the follow-up's
re-link and the carried-over item; digests per company."""

from collections import Counter
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_workflow import BEFORE_NOTICE, MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestNotifications(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Engineer Liu reads Chinese, in Shanghai; the meeting is in UTC
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["meeting_minutes"], ["zh_CN"])
        cls.engineer.partner_id.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.meeting = cls._create_meeting()

    def _mails_during(self, function, *args, **kwargs):
        """Run ``function``; the emails it queued, and how many each partner gets."""
        self.env.flush_all()
        last = self.env["mail.mail"].search([], order="id desc", limit=1).id or 0
        function(*args, **kwargs)
        self.env.flush_all()
        mails = self.env["mail.mail"].search([("id", ">", last)])
        return mails, Counter(
            partner for mail in mails for partner in mail.recipient_ids
        )

    def _mail_to(self, mails, user):
        return mails.filtered(lambda m: user.partner_id in m.recipient_ids)

    def _schedule(self):
        with freeze_time(BEFORE_NOTICE):
            return self._mails_during(
                self.meeting.with_user(self.recorder).action_schedule
            )

    # ------------------------------------------------------------
    # invitation, move, cancellation
    # ------------------------------------------------------------

    def test_one_invitation_per_person(self):
        mails, per_partner = self._schedule()
        invited = (
            self.host | self.engineer | self.sales_rep | self.rd_director
        ).partner_id
        # the recorder schedules: he knows; everybody else hears exactly once
        self.assertEqual(set(per_partner), set(invited))
        self.assertEqual(set(per_partner.values()), {1})
        # the calendar's own invitation is not among them: ours carries its links
        # and its .ics
        self.assertFalse(mails.filtered(lambda m: "Invitation to" in m.subject))
        for mail in mails:
            self.assertIn("/calendar/meeting/accept", mail.body_html)
            self.assertEqual(mail.attachment_ids.name, "invitation.ics")
        event = self.meeting.calendar_event_id
        self.assertEqual(
            event.partner_ids, invited | self.recorder.partner_id, "all attend"
        )
        # the chatter names those who were sent it
        note = self._messages(self.meeting).filtered(
            lambda m: "Invitation sent to" in (m.body or "")
        )
        self.assertIn(self.sales_rep.name, note.body)
        self.assertNotIn(self.recorder.name, note.body)

    def test_invitation_in_the_readers_language_and_time_zone(self):
        mails, __ = self._schedule()
        english = self._mail_to(mails, self.sales_rep)
        chinese = self._mail_to(mails, self.engineer)
        # 06:00 UTC: the meeting's zone, unlabelled
        self.assertIn("Invitation:", english.subject)
        self.assertIn("06/15/2026 06:00 – 08:30", english.body_html)
        self.assertNotIn("(UTC)", english.body_html)
        # 14:00 in Shanghai, labelled, in Chinese
        self.assertIn("会议通知", chinese.subject)
        self.assertIn("2026年06月15日 14:00 – 16:30 (Asia/Shanghai)", chinese.body_html)
        self.assertIn("议程", chinese.body_html)
        self.assertIn("Feature priority", chinese.body_html)

    def test_one_update_when_moved(self):
        self._schedule()
        with freeze_time(BEFORE_NOTICE):
            mails, per_partner = self._mails_during(
                self.meeting.with_user(self.recorder).write,
                {
                    "start": datetime(2026, 6, 16, 6, 0),
                    "stop": datetime(2026, 6, 16, 8, 0),
                },
            )
        self.assertEqual(self.meeting.calendar_event_id.start, datetime(2026, 6, 16, 6))
        attendees = (
            self.host | self.engineer | self.sales_rep | self.rd_director
        ).partner_id
        self.assertEqual(set(per_partner), set(attendees))
        self.assertEqual(set(per_partner.values()), {1})

    def test_one_cancellation(self):
        self._schedule()
        with freeze_time(BEFORE_NOTICE):
            mails, per_partner = self._mails_during(
                self._reason,
                self.recorder,
                self.meeting,
                "cancel",
                "The launch was postponed",
            )
        self.assertEqual(self.meeting.state, "cancelled")
        invited = (
            self.host | self.engineer | self.sales_rep | self.rd_director
        ).partner_id
        self.assertEqual(set(per_partner), set(invited))
        self.assertEqual(set(per_partner.values()), {1})
        english = self._mail_to(mails, self.sales_rep)
        self.assertIn("Cancelled:", english.subject)
        self.assertIn("The launch was postponed", english.body_html)
        self.assertIn("removed from your calendar", english.body_html)
        chinese = self._mail_to(mails, self.engineer)
        self.assertIn("会议取消", chinese.subject)
        self.assertIn("14:00", chinese.body_html)
        # the meeting leaves the calendars; the chatter keeps the reason, as a note
        self.assertFalse(self.meeting.calendar_event_id.active)
        note = self._messages(self.meeting).filtered(
            lambda m: "The launch was postponed" in (m.body or "")
        )
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_cancelled_draft_tells_nobody(self):
        with freeze_time(BEFORE_NOTICE):
            __, per_partner = self._mails_during(
                self._reason, self.recorder, self.meeting, "cancel", "Not needed"
            )
        self.assertFalse(per_partner)

    # ------------------------------------------------------------
    # reminders, delays, late minutes
    # ------------------------------------------------------------

    def _distributed_with_items(self):
        meeting = self._add_content(self.meeting, deadline=date(2026, 6, 20))
        return self._to_state(meeting, "distributed")

    def test_one_reminder_and_one_delay_each(self):
        meeting = self._distributed_with_items()
        Action = self.env["meeting.minutes.action"]
        with freeze_time("2026-06-18 01:00:00"):
            __, per_partner = self._mails_during(Action._cron_send_reminders)
        self.assertEqual(
            dict(per_partner),
            {self.engineer.partner_id: 1, self.owner.partner_id: 1},
        )
        with freeze_time("2026-06-19 01:00:00"):
            __, again = self._mails_during(Action._cron_send_reminders)
        self.assertFalse(again, "a reminder is sent once")
        with freeze_time("2026-06-22 01:00:00"):
            mails, per_partner = self._mails_during(Action._cron_mark_overdue)
        # owners, the recorder and the R&D manager: one email each, listing all
        # their items
        self.assertEqual(
            dict(per_partner),
            {
                self.engineer.partner_id: 1,
                self.owner.partner_id: 1,
                self.recorder.partner_id: 1,
                self.rd_director.partner_id: 1,
            },
        )
        to_recorder = self._mail_to(mails, self.recorder)
        for action in meeting.action_ids:
            self.assertIn(action.name, to_recorder.body_html)
        # in the reader's language
        self.assertIn("您好", self._mail_to(mails, self.engineer).body_html)

    def test_digests_per_company(self):
        """One cron run over two companies: each digest speaks for its company."""
        other = self.env["res.company"].create(
            {"name": "Sister Factory", "email": "office@sister.example.com"}
        )
        self.engineer.write({"company_ids": [(4, other.id)]})
        department = self.env["hr.department"].create(
            {"name": "Factory R&D", "company_id": other.id}
        )
        meeting = self._distributed_with_items()
        sister = self.Meeting.sudo().create(
            {
                "name": "Sister factory coordination",
                "purpose": "Align the factories",
                "company_id": other.id,
                "initiating_department_id": department.id,
                "host_id": self.engineer.id,
                "recorder_id": self.engineer.id,
                "start": datetime(2026, 6, 15, 6, 0),
                "stop": datetime(2026, 6, 15, 7, 0),
                "location": "Plant 2",
            }
        )
        self.Action.sudo().create(
            {
                "meeting_id": sister.id,
                "name": "Check the second line",
                "owner_id": self.engineer.id,
                "department_id": department.id,
                "deadline": date(2026, 6, 20),
            }
        )
        sister.sudo().write({"state": "distributed"})
        with freeze_time("2026-06-18 01:00:00"):
            mails, per_partner = self._mails_during(self.Action._cron_send_reminders)
        to_engineer = self._mail_to(mails, self.engineer)
        self.assertEqual(len(to_engineer), 2, "one digest per company")
        by_company = {"Sister Factory" in mail.subject: mail for mail in to_engineer}
        self.assertIn("Check the second line", by_company[True].body_html)
        self.assertIn("office@sister.example.com", by_company[True].email_from)
        self.assertIn(self.company.name, by_company[False].subject)
        self.assertNotIn("Check the second line", by_company[False].body_html)
        self.assertIn(meeting.action_ids[0].name, by_company[False].body_html)

    def test_late_minutes_one_email_per_recorder(self):
        # a second meeting of the recorder, the same day
        second = self._create_meeting(start=datetime(2026, 6, 15, 7, 15))
        for meeting in self.meeting | second:
            self._to_state(meeting, "in_progress")
        with freeze_time("2026-06-18 09:00:00"):
            mails, per_partner = self._mails_during(self.Meeting._cron_followup)
        # two late minutes, one email to their recorder, two activities (no
        # assignment email of their own)
        self.assertEqual(dict(per_partner), {self.recorder.partner_id: 1})
        for meeting in self.meeting | second:
            self.assertIn(meeting.reference, mails.body_html)
            self.assertTrue(
                self._activities(
                    meeting, "meeting_minutes.mail_activity_type_minutes_late"
                )
            )
        with freeze_time("2026-06-19 09:00:00"):
            __, again = self._mails_during(self.Meeting._cron_followup)
        self.assertFalse(again, "late minutes are told once")

    # ------------------------------------------------------------
    # the closed loop
    # ------------------------------------------------------------

    def _previous_with_items(self, start):
        previous = self._create_meeting(start=start)
        items = self.Action.create(
            [
                {
                    "meeting_id": previous.id,
                    "name": f"{name} ({start:%B})",
                    "owner_id": self.engineer.id,
                    "deadline": start.date() + timedelta(days=10),
                }
                for name in ("Detailed plan", "Requirement list")
            ]
        )
        previous.sudo().write({"state": "distributed"})
        return previous, items

    def test_followup_relinked(self):
        march, march_items = self._previous_with_items(datetime(2026, 3, 16, 6))
        april, april_items = self._previous_with_items(datetime(2026, 4, 13, 6))
        meeting = self.meeting.with_user(self.recorder)
        meeting.previous_meeting_id = march
        self.assertEqual(meeting.followup_ids.previous_action_id, march_items)
        decided = meeting.followup_ids[0]
        decided.reason_category = "resources"
        decided.action_carry_over()
        # the meeting follows up April instead: March's undecided line goes, the
        # decided one stays and says where it comes from
        meeting.previous_meeting_id = april
        self.assertEqual(
            meeting.followup_ids.previous_action_id,
            decided.previous_action_id | april_items,
        )
        self.assertRecordValues(
            decided, [{"is_other_meeting": True, "reviewed_meeting_id": march.id}]
        )
        self.assertFalse(any(meeting.followup_ids[1:].mapped("is_other_meeting")))
        note = self._messages(self.meeting).filtered(
            lambda m: "already reviewed here" in (m.body or "")
        )
        self.assertIn(decided.previous_action_id.name, note.body)
        # and following up nothing drops April's lines
        meeting.previous_meeting_id = False
        self.assertEqual(meeting.followup_ids, decided)

    def test_carried_over_item_stays_closed(self):
        previous, items = self._previous_with_items(datetime(2026, 3, 16, 6))
        meeting = self.meeting.with_user(self.recorder)
        meeting.previous_meeting_id = previous
        line = meeting.followup_ids.filtered(lambda f: f.previous_action_id == items[0])
        line.reason_category = "dependency"
        line.action_carry_over()
        self.assertEqual(items[0].state, "cancelled")
        with self.assertRaisesRegex(UserError, "was carried over to"):
            items[0].with_user(self.recorder).action_reopen()
        # the copy is the open one
        self.assertEqual(items[0].carried_over_to_id.state, "todo")
