"""What the views show is what the server does: the fields that decide what is
editable or visible (can_edit_content, meeting_can_edit, can_update_progress,
can_manage, archive_blocker, to_confirm_count) follow the same rule as the checks,
for every role; the time rules of the workflow; the landing pages and names."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_workflow import BEFORE_NOTICE, MeetingWorkflowCase

MUTED = ("odoo.addons.base.models.ir_rule", "odoo.models")


class _RollBack(Exception):
    """Undoes an attempt that went through."""


@tagged("post_install", "-at_install")
class TestUiRules(MeetingWorkflowCase):
    def _accepted(self, record, method, *args):
        """Whether ``record.method(*args)`` goes through; rolled back either way."""
        try:
            with self.env.cr.savepoint():
                getattr(record, method)(*args)
                record.env.flush_all()
                raise _RollBack()
        except _RollBack:
            accepted = True
        except (AccessError, UserError):
            accepted = False
        self.env.invalidate_all()
        return accepted

    # ------------------------------------------------------------
    # the time rules (issue: the workflow ran before the meeting)
    # ------------------------------------------------------------

    def test_started_from_the_lead_time_confirmed_after_the_start(self):
        meeting = self._create_meeting()
        self._to_state(meeting, "scheduled")
        as_recorder = meeting.with_user(self.recorder)
        # the meeting: 15 June 2026 06:00 UTC; started from 05:30 (30 minutes)
        with (
            freeze_time("2026-06-15 05:29:00"),
            self.assertRaisesRegex(
                UserError,
                # as the fields show a date and time (the language's formats)
                r"can be started from 06/15/2026 05:30: the meeting starts at "
                r"06/15/2026 06:00",
            ),
        ):
            as_recorder.action_start()
        with freeze_time("2026-06-15 05:30:00"):
            as_recorder.action_start()
        self.assertEqual(meeting.state, "in_progress")
        with freeze_time("2026-06-15 05:45:00"):
            as_recorder.action_confirm_all_attendees()
            with self.assertRaisesRegex(
                UserError,
                r"can be confirmed from 06/15/2026 06:00, when the meeting starts\.$",
            ):
                as_recorder.action_confirm()
        with freeze_time("2026-06-15 06:00:00"):
            self._sign(meeting)
        self.assertRecordValues(meeting, [{"state": "confirmed"}])
        self.assertGreaterEqual(meeting.signed_on, meeting.start)

    def test_lead_time_is_a_company_setting(self):
        self.company.meeting_start_lead_minutes = 0
        meeting = self._create_meeting()
        self._to_state(meeting, "scheduled")
        with (
            freeze_time("2026-06-15 05:59:00"),
            self.assertRaisesRegex(UserError, "can be started from"),
        ):
            meeting.with_user(self.recorder).action_start()
        with self.assertRaisesRegex(Exception, "cannot be negative"):
            self.company.meeting_start_lead_minutes = -5
            self.env.flush_all()

    # ------------------------------------------------------------
    # one rule shown and enforced
    # ------------------------------------------------------------

    @mute_logger(*MUTED)
    def test_can_edit_content_is_what_the_server_accepts(self):
        """For every role and state: the form shows the content as editable
        exactly when a write of it goes through."""
        roles = {
            "host": self.host,
            "recorder": self.recorder,
            "attendee": self.engineer,
            "leader in copy": self.leader,
            "manager": self.manager,
        }
        meeting = self._create_meeting(cc_user_ids=[(6, 0, self.leader.ids)])
        for state in ("draft", "scheduled", "in_progress", "confirmed", "submitted"):
            if state != "draft":
                self._to_state(meeting, state)
            for role, user in roles.items():
                as_user = meeting.with_user(user)
                with self.subTest(state=state, role=role):
                    self.assertEqual(
                        as_user.can_edit_content,
                        self._accepted(as_user, "write", {"location": "Room 302"}),
                    )
                    agenda = as_user.agenda_ids[:1]
                    self.assertEqual(agenda.meeting_can_edit, as_user.can_edit_content)
                    self.assertEqual(
                        agenda.meeting_can_edit,
                        self._accepted(agenda, "write", {"name": "Priorities"}),
                    )
        for state in ("approved", "distributed"):
            self._to_state(meeting, state)
            for role, user in roles.items():
                with self.subTest(state=state, role=role):
                    self.assertFalse(meeting.with_user(user).can_edit_content)

    def test_new_minutes_are_editable_by_their_author(self):
        """A plain user who creates minutes for someone else's meeting edits them
        while they are new (create_uid is not known yet)."""
        new = self.env["meeting.minutes"].with_user(self.engineer).new({})
        self.assertTrue(new.can_edit_content)

    @mute_logger(*MUTED)
    def test_owner_form_shows_what_the_owner_may_do(self):
        meeting = self._add_content(self._create_meeting())
        item = meeting.action_ids.filtered(lambda a: a.owner_id == self.engineer)
        as_owner = item.with_user(self.engineer)
        self.assertRecordValues(
            as_owner,
            [
                {
                    "can_update_progress": True,
                    "can_manage": False,
                    "meeting_can_edit": False,
                }
            ],
        )
        # remarks and progress: yes; the content and the cancellation: no
        self.assertTrue(self._accepted(as_owner, "write", {"remarks": "Drafting"}))
        self.assertFalse(
            self._accepted(as_owner, "write", {"deadline": date(2026, 12, 31)})
        )
        self.assertFalse(self._accepted(as_owner, "action_cancel"))
        self.assertTrue(self._accepted(item.with_user(self.host), "action_cancel"))
        # filed minutes: nothing, and the form says so
        self._to_state(meeting, "distributed")
        meeting.action_ids.with_user(self.host).action_done()
        with freeze_time("2026-07-01"):
            meeting.with_user(self.recorder).action_archive_minutes()
        self.assertFalse(as_owner.can_update_progress)
        self.assertFalse(self._accepted(as_owner, "write", {"remarks": "Late"}))

    def test_absence_reason_marks_the_absence(self):
        meeting = self._create_meeting()
        with Form(meeting.with_user(self.recorder)) as form:
            with form.attendee_ids.edit(2) as line:
                self.assertEqual(line.attendance, "present")
                line.absence_reason = "Visiting a customer"
                self.assertEqual(line.attendance, "absent")
        self.assertEqual(
            meeting.attendee_ids.filtered("absence_reason").user_id, self.engineer
        )

    def test_all_present_confirm_says_what_it_did(self):
        meeting = self._create_meeting()
        self._to_state(meeting, "in_progress")
        self.assertEqual(meeting.to_confirm_count, 4)
        with freeze_time("2026-06-15 07:00:00"):
            action = meeting.with_user(self.recorder).action_confirm_all_attendees()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Confirmed for 4 attendees", action["params"]["message"])
        self.assertIn("Engineer Liu", action["params"]["message"])
        self.assertEqual(meeting.to_confirm_count, 0)

    # ------------------------------------------------------------
    # filing
    # ------------------------------------------------------------

    def test_file_the_minutes_only_when_possible(self):
        meeting = self._add_content(self._create_meeting())
        self.assertFalse(meeting.archive_blocker)
        self._to_state(meeting, "distributed")
        self.assertIn("Still open (2)", meeting.archive_blocker)
        self.assertIn(
            "“Adjust the production schedule” (Owner Wu)", meeting.archive_blocker
        )
        with self.assertRaisesRegex(UserError, r"Still open \(2\)"):
            meeting.with_user(self.recorder).action_archive_minutes()
        meeting.action_ids.with_user(self.host).action_done()
        self.assertFalse(meeting.archive_blocker)
        meeting.with_user(self.recorder).action_archive_minutes()
        self.assertEqual(meeting.state, "archived")
        self.assertEqual(meeting._state_label("archived"), "Filed")

    # ------------------------------------------------------------
    # chatter
    # ------------------------------------------------------------

    @mute_logger(*MUTED)
    def test_participants_comment_in_the_chatter(self):
        meeting = self._create_meeting()
        message = meeting.with_user(self.engineer).message_post(
            body="R&D brings the estimate", message_type="comment"
        )
        self.assertEqual(message.author_id, self.engineer.partner_id)
        with self.assertRaises(AccessError):
            meeting.with_user(self.outsider).message_post(
                body="Not mine", message_type="comment"
            )

    # ------------------------------------------------------------
    # landing pages, names, folding
    # ------------------------------------------------------------

    def test_landing_pages(self):
        Meeting = self.env["meeting.minutes"]
        Action = self.env["meeting.minutes.action"]
        user_context = Meeting.with_user(self.engineer)._action_open_my_meetings()[
            "context"
        ]
        self.assertIn("search_default_my_meetings", user_context)
        self.assertNotIn("search_default_to_approve", str(user_context))
        manager = Meeting.with_user(self.manager)._action_open_my_meetings()
        self.assertEqual(manager["context"]["search_default_to_approve"], 1)
        self.assertEqual(manager["context"]["search_default_my_meetings"], 1)
        self.assertIn(
            "search_default_my_actions",
            Action.with_user(self.engineer)._action_open_my_actions()["context"],
        )
        self.assertEqual(
            Action.with_user(self.manager)._action_open_my_actions()["context"],
            {"search_default_open": 1},
        )
        # To Approve and My Meetings in one filter group: either
        arch = Meeting.get_views([(False, "search")])["views"]["search"]["arch"]
        section = arch[
            arch.index('name="my_meetings"') : arch.index('name="to_approve"')
        ]
        self.assertNotIn("<separator", section)

    def test_calendar_and_breadcrumb_show_the_name(self):
        meeting = self._create_meeting()
        self._to_state(meeting, "scheduled")
        self.assertTrue(meeting.display_name.startswith(f"[{meeting.reference}] "))
        self.assertEqual(
            meeting.with_context(meeting_minutes_name_only=True).display_name,
            meeting.name,
        )

    def test_kanban_folds_the_finished_minutes(self):
        meeting = self._create_meeting()
        with freeze_time(BEFORE_NOTICE):
            groups = self.env["meeting.minutes"].web_read_group(
                [("id", "=", meeting.id)], ["state"], ["state"]
            )["groups"]
        folded = {g["state"] for g in groups if g.get("__fold")}
        self.assertEqual(folded, {"distributed"})
        self.assertIn("submitted", {g["state"] for g in groups})

    def test_download_name_follows_the_official_language(self):
        meeting = self._add_content(self._create_meeting())
        self.assertEqual(
            meeting._get_print_report_name(),
            f"{meeting.reference.replace('/', '-')} (draft)",
        )
        self._to_state(meeting, "approved")
        self.assertEqual(
            meeting._get_print_report_name(), meeting.reference.replace("/", "-")
        )

    def test_event_title_is_not_the_core_purpose(self):
        event = self.env["calendar.event"].create(
            {
                "name": "Weekly sync",
                "start": "2026-06-15 06:00:00",
                "stop": "2026-06-15 07:00:00",
                "user_id": self.recorder.id,
                "partner_ids": [(6, 0, self.engineer.partner_id.ids)],
            }
        )
        event.with_user(self.recorder).action_open_meeting_minutes()
        minutes = event.meeting_minutes_ids
        self.assertFalse(minutes.purpose)
        with (
            freeze_time(BEFORE_NOTICE),
            self.assertRaisesRegex(UserError, "cannot be scheduled without a core"),
        ):
            minutes.with_user(self.recorder).action_schedule()

    def test_demo_first_screen(self):
        seed = self.env.ref(
            "meeting_minutes.meeting_q3_priorities", raise_if_not_found=False
        )
        if not seed:
            self.skipTest("no demo data")
        admin = self.env.ref("base.user_admin")
        self.assertIn(admin, seed.member_user_ids)
        self.assertIn(
            seed,
            self.env["meeting.minutes"]
            .with_user(admin)
            .search([("member_user_ids", "in", admin.id)]),
        )
        demo_user = self.env.ref("base.user_demo", raise_if_not_found=False)
        if demo_user:
            self.assertTrue(demo_user.has_group("meeting_minutes.group_meeting_user"))

    def test_demo_colleagues_read_chinese_when_installed(self):
        colleague = self.engineer
        self.env["res.lang"].with_context(active_test=False).search(
            [("code", "=", "zh_CN")]
        ).active = False
        colleague._meeting_minutes_demo_lang("zh_CN")
        self.assertEqual(colleague.lang, "en_US")
        self.env["res.lang"]._activate_lang("zh_CN")
        colleague._meeting_minutes_demo_lang("zh_CN")
        self.assertEqual(colleague.lang, "zh_CN")
