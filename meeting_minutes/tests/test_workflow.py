from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_workflow import (
    AFTER_MEETING,
    APPROVAL_FRIDAY,
    BEFORE_NOTICE,
    DURING_MEETING,
    MeetingWorkflowCase,
)


@tagged("post_install", "-at_install")
class TestMeetingWorkflow(MeetingWorkflowCase):
    """draft → scheduled → in progress → confirmed → submitted → approved →
    distributed, with cancel, reset and reject; each step by the right person, at
    the right time, with its activities and chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting(cc_user_ids=[(6, 0, cls.leader.ids)])

    # ------------------------------------------------------------
    # scheduling: the notice rule
    # ------------------------------------------------------------

    def test_schedule_with_notice(self):
        meeting = self.meeting.with_user(self.recorder)
        with freeze_time(BEFORE_NOTICE):
            self.assertRecordValues(
                meeting, [{"notice_working_days": 4, "is_short_notice": False}]
            )
            self.assertIs(meeting.action_schedule(), True)
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "scheduled",
                    "notice_date": datetime(2026, 6, 9, 9, 0),
                    "short_notice_reason": False,
                }
            ],
        )
        # one invitation to each attendee and department manager, through their
        # line of the calendar event (accept / decline, .ics); the recorder, who
        # schedules, gets none; the chatter only notes it
        expected = (
            self.host
            | self.recorder
            | self.engineer
            | self.sales_rep
            | self.rd_director
        ).partner_id
        self.env.flush_all()
        invitations = self.env["mail.mail"].search(
            [
                ("model", "=", "calendar.event"),
                ("res_id", "=", meeting.calendar_event_id.id),
            ]
        )
        self.assertEqual(
            sorted(invitations.mapped(lambda m: m.recipient_ids.id)),
            sorted((expected - self.recorder.partner_id).ids),
        )
        for invitation in invitations:
            self.assertIn("Invitation", invitation.subject)
            self.assertIn("Room 301", invitation.body_html)
            self.assertIn("Feature priority", invitation.body_html)
            self.assertIn("/calendar/meeting/accept", invitation.body_html)
            self.assertEqual(invitation.attachment_ids.name, "invitation.ics")
        note = self._messages(meeting).filtered(
            lambda m: "Invitation sent to" in (m.body or "")
        )
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertLessEqual(expected, meeting.message_partner_ids)
        # a calendar event, linked both ways
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": meeting.name,
                    "start": meeting.start,
                    "stop": meeting.stop,
                    "user_id": self.host.id,
                    "location": "Room 301",
                    "res_model": "meeting.minutes",
                    "res_id": meeting.id,
                }
            ],
        )
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.meeting_minutes_ids, meeting)

    def test_schedule_short_notice_needs_reason(self):
        meeting = self.meeting.with_user(self.recorder)
        # Thursday for Monday: Friday and Monday, 2 working days
        with freeze_time("2026-06-11 09:00:00"):
            self.assertRecordValues(
                meeting, [{"notice_working_days": 2, "is_short_notice": True}]
            )
            action = meeting.action_schedule()
            self.assertEqual(meeting.state, "draft")
            self.assertEqual(action["res_model"], "meeting.minutes.reason.wizard")
            self.assertEqual(action["context"]["default_mode"], "short_notice")
            self.assertEqual(action["context"]["default_meeting_ids"], meeting.ids)
            self._reason(
                self.recorder,
                meeting,
                "short_notice",
                "The customer moved the launch forward",
            )
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "scheduled",
                    "short_notice_reason": "The customer moved the launch forward",
                }
            ],
        )
        note = self._messages(meeting).filtered(
            lambda m: "Short notice" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("working days of notice 2, required 3", note.body)
        self.assertIn("The customer moved the launch forward", note.body)
        self.assertTrue(meeting.calendar_event_id)

    def test_notice_counts_working_days(self):
        """Weekends and public holidays (global leaves of the company calendar)
        are not working days; the notice required is set on the company."""
        meeting = self.meeting.with_user(self.recorder)
        # Wednesday for Monday: Thursday, Friday, Monday
        with freeze_time("2026-06-10 09:00:00"):
            self.assertRecordValues(
                meeting, [{"notice_working_days": 3, "is_short_notice": False}]
            )
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Dragon Boat Festival",
                    "calendar_id": self.calendar.id,
                    "resource_id": False,
                    "date_from": datetime(2026, 6, 12, 0, 0),
                    "date_to": datetime(2026, 6, 12, 23, 59, 59),
                }
            )
            meeting.invalidate_recordset(["notice_working_days", "is_short_notice"])
            self.assertRecordValues(
                meeting, [{"notice_working_days": 2, "is_short_notice": True}]
            )
            self.company.meeting_notice_days = 2
            meeting.invalidate_recordset(["notice_working_days", "is_short_notice"])
            self.assertFalse(meeting.is_short_notice)
            self.assertIs(meeting.action_schedule(), True)
        # once notified, the notice is counted from the notice date
        with freeze_time("2026-06-12 09:00:00"):
            meeting.invalidate_recordset(["notice_working_days"])
            self.assertEqual(meeting.notice_working_days, 2)

    def test_schedule_checks(self):
        with freeze_time(BEFORE_NOTICE):
            with self.assertRaises(UserError):
                self.meeting.with_user(self.engineer).action_schedule()
            empty = self._create_meeting(attendee_ids=[], agenda_ids=[])
            with self.assertRaisesRegex(UserError, "attendees, agenda items"):
                empty.with_user(self.recorder).action_schedule()
        with freeze_time("2026-06-16 09:00:00"), self.assertRaises(UserError):
            self.meeting.with_user(self.recorder).action_schedule()
        self.assertEqual(self.meeting.state, "draft")

    # ------------------------------------------------------------
    # the meeting: start, confirmation on the spot
    # ------------------------------------------------------------

    def test_start_by_organizers_only(self):
        self._to_state(self.meeting, "scheduled")
        with freeze_time(DURING_MEETING):
            for user in (self.engineer, self.rd_director, self.sales_rep):
                with self.subTest(user=user.login), self.assertRaises(UserError):
                    self.meeting.with_user(user).action_start()
            self.meeting.with_user(self.host).action_start()
        self.assertEqual(self.meeting.state, "in_progress")

    def test_confirm_checks_attendance(self):
        self._add_content(self._to_state(self.meeting, "in_progress"))
        meeting = self.meeting.with_user(self.recorder)
        sales_line = meeting.attendee_ids.filtered(
            lambda a: a.user_id == self.sales_rep
        )
        sales_line.unlink()
        with freeze_time(AFTER_MEETING):
            # Sales participates but nobody came nor excused himself
            with self.assertRaisesRegex(UserError, "Sales"):
                meeting.action_confirm()
            meeting.attendee_ids = [
                (
                    0,
                    0,
                    {
                        "user_id": self.sales_rep.id,
                        "attendance": "absent",
                        "absence_reason": "Visiting a customer",
                        "written_opinion": "Do both at once.",
                    },
                )
            ]
            # present attendees neither confirmed nor objected
            with self.assertRaisesRegex(UserError, "Engineer Liu"):
                meeting.action_confirm()
            meeting.attendee_ids.filtered(
                lambda a: a.user_id == self.engineer
            ).objection = "Two months is optimistic"
            meeting.attendee_ids.filtered(
                lambda a: a.user_id in (self.host | self.recorder)
            ).confirmed = True
            with self.assertRaises(UserError):
                meeting.with_user(self.engineer).action_confirm()
            self._sign(meeting)
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "confirmed",
                    "signed_by_id": self.recorder.id,
                    "signed_on": datetime(2026, 6, 15, 10, 0),
                    "completion_deadline": datetime(2026, 6, 16, 8, 30),
                }
            ],
        )
        draft = self._messages(meeting).filtered(
            lambda m: "Draft confirmed on the spot" in (m.body or "")
        )
        self.assertEqual(len(draft), 1)
        self.assertIn("Q3: smart recommendation", draft.body)
        self.assertIn("Adjust the production schedule", draft.body)
        activity = self._activities(
            meeting, "meeting_minutes.mail_activity_type_complete_minutes"
        )
        self.assertRecordValues(
            activity,
            [{"user_id": self.recorder.id, "date_deadline": date(2026, 6, 16)}],
        )

    def test_confirm_all_attendees(self):
        self._to_state(self.meeting, "in_progress")
        meeting = self.meeting.with_user(self.recorder)
        meeting.attendee_ids.filtered(lambda a: a.user_id == self.sales_rep).write(
            {"attendance": "absent", "absence_reason": "Sick leave"}
        )
        meeting.attendee_ids.filtered(
            lambda a: a.user_id == self.engineer
        ).objection = "No"
        with self.assertRaises(UserError):
            meeting.with_user(self.engineer).action_confirm_all_attendees()
        meeting.action_confirm_all_attendees()
        self.assertRecordValues(
            meeting.attendee_ids.sorted(lambda a: a.user_id.id),
            [
                {"user_id": u.id, "confirmed": u in (self.host | self.recorder)}
                for u in (
                    self.host | self.recorder | self.engineer | self.sales_rep
                ).sorted("id")
            ],
        )

    # ------------------------------------------------------------
    # after the meeting: completion, approval
    # ------------------------------------------------------------

    def test_submit_refuses_colloquialisms(self):
        self._add_content(self._to_state(self.meeting, "confirmed"))
        meeting = self.meeting.with_user(self.recorder)
        statement = meeting.statement_ids.filtered(lambda s: s.kind == "opinion")
        statement.content = "我觉得 smart recommendation takes 大概 two months"
        meeting.resolution_ids.content = "I think smart recommendation comes first"
        with freeze_time("2026-06-16 02:00:00"):
            with self.assertRaises(UserError) as error:
                meeting.action_submit()
            message = str(error.exception)
            for expected in (
                "我觉得",
                "大概",
                "I think",
                "Feature priority",
                "Resolution 1",
            ):
                self.assertIn(expected, message)
            statement.content = "Smart recommendation takes two months"
            meeting.resolution_ids.content = "Smart recommendation comes first"
            # the list is the company's
            self.company.meeting_colloquialisms = "roughly\n差不多"
            meeting.purpose = "Decide roughly the Q3 priorities"
            with self.assertRaisesRegex(UserError, "roughly"):
                meeting.action_submit()
            meeting.purpose = "Decide the Q3 priorities"
            with self.assertRaises(UserError):
                meeting.with_user(self.engineer).action_submit()
            meeting.action_submit()
        self.assertRecordValues(
            meeting,
            [{"state": "submitted", "submitted_on": datetime(2026, 6, 16, 2, 0)}],
        )
        self.assertFalse(
            self._activities(
                meeting, "meeting_minutes.mail_activity_type_complete_minutes"
            )
        )
        done = self._messages(meeting).filtered(
            lambda m: (
                m.mail_activity_type_id
                == self.env.ref("meeting_minutes.mail_activity_type_complete_minutes")
            )
        )
        self.assertEqual(len(done), 1, "the completion activity is marked done")
        self.assertRecordValues(
            self._activities(
                meeting, "meeting_minutes.mail_activity_type_approve_minutes"
            ),
            [{"user_id": self.host.id}],
        )

    def test_approve_reject_by_host_or_manager_only(self):
        self._to_state(self.meeting, "submitted")
        for user in (self.engineer, self.recorder, self.rd_director):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.meeting.with_user(user).action_approve()
                with self.assertRaises(UserError):
                    self.meeting.with_user(user).action_reject()
                with self.assertRaises(UserError):
                    self._reason(user, self.meeting, "reject", "Not my call")
        self.assertEqual(self.meeting.state, "submitted")
        with freeze_time(APPROVAL_FRIDAY):
            self.meeting.with_user(self.manager).action_approve()
        self.assertRecordValues(
            self.meeting, [{"state": "approved", "approved_by_id": self.manager.id}]
        )

    def test_reject(self):
        self._to_state(self.meeting, "submitted")
        meeting = self.meeting.with_user(self.host)
        action = meeting.action_reject()
        self.assertEqual(action["res_model"], "meeting.minutes.reason.wizard")
        self.assertEqual(action["context"]["default_mode"], "reject")
        self.assertEqual(meeting.state, "submitted")
        with freeze_time("2026-06-16 06:00:00"):
            self._reason(self.host, meeting, "reject", "The R&D figures are wrong")
        self.assertRecordValues(
            meeting,
            [{"state": "confirmed", "reject_reason": "The R&D figures are wrong"}],
        )
        self.assertFalse(
            self._activities(
                meeting, "meeting_minutes.mail_activity_type_approve_minutes"
            )
        )
        revise = self._activities(
            meeting, "meeting_minutes.mail_activity_type_revise_minutes"
        )
        self.assertEqual(revise.user_id, self.recorder)
        self.assertIn("The R&amp;D figures are wrong", str(revise.note))
        message = self._messages(meeting).filtered(
            lambda m: (
                "The R&amp;D figures are wrong" in (m.body or "")
                and m.subtype_id == self.env.ref("mail.mt_comment")
            )
        )
        self.assertEqual(message.partner_ids, self.recorder.partner_id)
        # revised and submitted again, then approved: the revision is done
        with freeze_time("2026-06-17 02:00:00"):
            meeting.with_user(self.recorder).action_submit()
        with freeze_time(APPROVAL_FRIDAY):
            meeting.action_approve()
        self.assertFalse(
            self._activities(
                meeting, "meeting_minutes.mail_activity_type_revise_minutes"
            )
        )
        self.assertFalse(meeting.reject_reason)

    def test_approve_distribution_deadline(self):
        """Approved on Friday: distributed within 2 working days, by Tuesday."""
        self._to_state(self.meeting, "approved")
        self.assertRecordValues(
            self.meeting,
            [
                {
                    "approved_by_id": self.host.id,
                    "approved_on": datetime(2026, 6, 19, 9, 0),
                    "distribution_deadline": date(2026, 6, 23),
                }
            ],
        )
        self.assertFalse(
            self._activities(
                self.meeting, "meeting_minutes.mail_activity_type_approve_minutes"
            )
        )
        self.assertRecordValues(
            self._activities(
                self.meeting, "meeting_minutes.mail_activity_type_distribute_minutes"
            ),
            [{"user_id": self.recorder.id, "date_deadline": date(2026, 6, 23)}],
        )

    def test_distribute(self):
        self._add_content(self.meeting)
        self._to_state(self.meeting, "distributed")
        self.assertEqual(self.meeting.distributed_on, datetime(2026, 6, 22, 2, 0))
        self.assertFalse(
            self._activities(
                self.meeting, "meeting_minutes.mail_activity_type_distribute_minutes"
            )
        )
        mail = self._messages(self.meeting).filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_comment")
                and (m.subject or "").startswith("Minutes")
            )
        )
        self.assertEqual(len(mail), 1)
        recipients = (
            self.host
            | self.recorder
            | self.engineer
            | self.sales_rep
            | self.rd_director
            | self.leader
        ).partner_id
        self.assertEqual(mail.partner_ids, recipients)
        # notified by email, the author (the recorder) excepted
        self.assertEqual(
            mail.notification_ids.filtered(
                lambda n: n.notification_type == "email"
            ).res_partner_id,
            recipients - self.recorder.partner_id,
        )
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertEqual(mail.attachment_ids, self.meeting.approved_report_id)
        self.assertTrue(mail.attachment_ids.raw)
        self.assertTrue(mail.attachment_ids.name.endswith(".pdf"))
        # every action item is an activity of its owner, due on its deadline
        for action in self.meeting.action_ids:
            with self.subTest(action=action.name):
                self.assertRecordValues(
                    self._activities(
                        action, "meeting_minutes.mail_activity_type_action_item"
                    ),
                    [{"user_id": action.owner_id.id, "date_deadline": action.deadline}],
                )
        # the owner sees it in his activities
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.owner)
            .search([("user_id", "=", self.owner.id)])
            .res_id,
            self.meeting.action_ids.filtered(lambda a: a.owner_id == self.owner).id,
        )

    def test_distribute_by_organizers_only(self):
        self._to_state(self.meeting, "approved")
        with self.assertRaises(UserError):
            self.meeting.with_user(self.engineer).action_distribute()
        self.assertEqual(self.meeting.state, "approved")

    # ------------------------------------------------------------
    # cancel, reset, delete
    # ------------------------------------------------------------

    def test_cancel_and_reset(self):
        self._to_state(self.meeting, "scheduled")
        meeting = self.meeting.with_user(self.recorder)
        with self.assertRaises(UserError):
            meeting.with_user(self.engineer).action_cancel()
        action = meeting.action_cancel()
        self.assertEqual(action["context"]["default_mode"], "cancel")
        with self.assertRaises(UserError):
            self._reason(self.engineer, meeting, "cancel", "I do not like it")
        self._reason(self.recorder, meeting, "cancel", "The launch is postponed")
        self.assertEqual(meeting.state, "cancelled")
        self.assertTrue(
            self._messages(meeting).filtered(
                lambda m: "Meeting cancelled: The launch is postponed" in (m.body or "")
            )
        )
        self.assertEqual(
            meeting.action_reset_to_draft()["context"]["default_mode"], "reset"
        )
        self._reason(self.recorder, meeting, "reset", "New date found")
        self.assertRecordValues(meeting, [{"state": "draft", "notice_date": False}])
        self.assertTrue(
            self._messages(meeting).filtered(
                lambda m: "Reset to draft: New date found" in (m.body or "")
            )
        )

    def test_reason_required(self):
        with self.assertRaises(UserError):
            self._reason(self.recorder, self.meeting, "cancel", "   ")
        self.assertEqual(self.meeting.state, "draft")

    def test_wrong_state_refused(self):
        """Every button refuses, with a UserError, a state it does not apply to."""
        buttons = {
            "action_schedule": ("draft",),
            "action_start": ("scheduled",),
            "action_confirm_all_attendees": ("in_progress",),
            "action_confirm": ("in_progress",),
            "action_submit": ("confirmed",),
            "action_approve": ("submitted",),
            "action_reject": ("submitted",),
            "action_distribute": ("approved",),
            "action_archive_minutes": ("distributed",),
            "action_cancel": (
                "draft",
                "scheduled",
                "in_progress",
                "confirmed",
                "submitted",
            ),
            "action_reset_to_draft": ("scheduled", "cancelled"),
        }
        for state in (
            "draft",
            "scheduled",
            "approved",
            "distributed",
            "archived",
            "cancelled",
        ):
            meeting = self._create_meeting()
            meeting.sudo().write({"state": state})
            for button, allowed in buttons.items():
                if state in allowed:
                    continue
                with self.subTest(state=state, button=button):
                    with (
                        freeze_time(BEFORE_NOTICE),
                        self.assertRaisesRegex(UserError, "cannot be"),
                    ):
                        getattr(meeting.with_user(self.manager), button)()

    def test_delete_only_draft_or_cancelled(self):
        draft = self._create_meeting()
        draft.with_user(self.recorder).unlink()
        self.assertFalse(draft.exists())
        self._to_state(self.meeting, "scheduled")
        with self.assertRaises(UserError):
            self.meeting.with_user(self.recorder).unlink()
        self._reason(self.recorder, self.meeting, "cancel", "Postponed")
        self.meeting.with_user(self.recorder).unlink()
        self.assertFalse(self.meeting.exists())
