"""What the host approves is what the official record says (issue 21): the
language of the official PDF is a visible setting, and every objection comes
with the recorder's answer before the approval and on the paper."""

import importlib.util
import os
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import poppler
from .common_workflow import (
    AFTER_MEETING,
    BEFORE_NOTICE,
    DURING_MEETING,
    MeetingWorkflowCase,
)


@tagged("post_install", "-at_install")
class TestOfficialRecord(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # the labels of the form in Chinese (a test database has none loaded)
        cls.env["ir.module.module"]._load_module_terms(
            ["meeting_minutes"], ["zh_CN"], overwrite=True
        )
        cls.company.partner_id.lang = "en_US"

    def _langs(self, **langs):
        for user, lang in langs.items():
            getattr(self, user).lang = lang

    def test_language_most_members_use(self):
        meeting = self._create_meeting()
        # host, recorder, engineer, Sales Sun: three read Chinese
        self._langs(host="zh_CN", recorder="zh_CN", engineer="zh_CN", sales_rep="en_US")
        self.assertEqual(meeting.official_lang, "zh_CN")
        # a tie: the host's language
        self._langs(recorder="en_US")
        self.assertEqual(meeting.official_lang, "zh_CN")
        self._langs(host="en_US", recorder="zh_CN")
        self.assertEqual(meeting.official_lang, "en_US")
        # the company's setting decides
        self.company.meeting_report_lang = "zh_CN"
        self.assertEqual(meeting.official_lang, "zh_CN")
        self.assertEqual(meeting._get_official_lang(), "zh_CN")

    def test_approved_pdf_in_that_language(self):
        """A Chinese host's minutes are frozen in Chinese, their file name too."""
        self._langs(host="zh_CN", recorder="zh_CN", engineer="zh_CN")
        meeting = self._to_state(self._create_meeting(), "approved")
        attachment = meeting.approved_report_id
        self.assertTrue(attachment)
        text = poppler("pdftotext", attachment.raw, "-raw", "-enc", "UTF-8")
        self.assertIn("会议基本信息", text)
        self.assertNotIn("Basic Information", text)

    def _objecting_meeting(self):
        meeting = self._to_state(self._create_meeting(), "in_progress")
        line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.sales_rep)
        with freeze_time(DURING_MEETING):
            line.with_user(self.sales_rep).action_object(
                "Sales cannot brief the key accounts before July",
                meeting.read_out_version,
            )
        return meeting, line

    def test_objection_answered_by_the_recorder(self):
        meeting, line = self._objecting_meeting()
        self.assertEqual(meeting.objection_count, 1)
        self.assertEqual(meeting.objection_attendee_ids, line)
        # the attendee does not answer their own objection, an outsider neither
        for user in (self.sales_rep, self.outsider):
            with self.assertRaises(UserError):  # AccessError is one
                line.with_user(user).objection_answer = "Noted"
        line.with_user(
            self.recorder
        ).objection_answer = (
            "The briefing moves to 3 July; the resolution is unchanged."
        )
        # the rest of the attendees confirm, the recorder signs: confirmed
        with freeze_time(AFTER_MEETING):
            meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(meeting)
        self.assertEqual(meeting.state, "confirmed")
        # once confirmed on the spot, the answer is part of the record
        with self.assertRaisesRegex(UserError, "no longer changes"):
            line.with_user(self.recorder).objection_answer = "Rewritten later"

    def test_approve_button_names_the_objections(self):
        """The host's approve dialog says there are objections to read."""
        meeting, _line = self._objecting_meeting()
        arch = meeting.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("Approve the minutes with these objections?", arch)
        self.assertIn("not objection_count", arch)

    def test_pdf_prints_the_answer(self):
        meeting, line = self._objecting_meeting()
        line.with_user(self.recorder).objection_answer = "The briefing moves to 3 July."
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "meeting_minutes.action_report_meeting_minutes", meeting.ids
            )[0]
            .decode()
        )
        self.assertIn("Sales cannot brief the key accounts before July", html)
        self.assertIn("Recorder&#39;s answer:", html.replace("'", "&#39;"))
        self.assertIn("The briefing moves to 3 July.", html)

    def test_approved_without_pdf_frozen_by_first_print(self):
        """Minutes approved before their PDF was frozen at the approval (older
        versions, the demo's seed) are frozen by their first print: every print
        after it is that file, named without "(draft)"."""
        meeting = self._to_state(self._create_meeting(), "approved")
        meeting._workflow().write(
            {"approved_report_id": False, "approved_report_sha256": False}
        )
        self.assertFalse(meeting.approved_report_id)
        self.assertIn("(draft)", meeting._get_print_report_name())
        Report = self.env["ir.actions.report"].with_user(self.sales_rep)
        content, report_type = Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf("meeting_minutes.action_report_meeting_minutes", meeting.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(meeting.approved_report_id)
        self.assertEqual(content, meeting.approved_report_id.raw)
        self.assertTrue(meeting._verify_approved_report())
        self.assertNotIn("(draft)", meeting._get_print_report_name())
        again, _type = Report.with_context(
            force_report_rendering=True, report_pdf_no_attachment=True
        )._render_qweb_pdf("meeting_minutes.action_report_meeting_minutes", meeting.ids)
        self.assertEqual(again, content)

    def test_confirm_on_behalf_asks_and_says_who(self):
        """The form records someone else's confirmation only through a button
        that asks first; the line then says who recorded it. Never for a line
        the attendee decided on themself, never by an attendee."""
        meeting = self._to_state(self._create_meeting(), "in_progress")
        lines = meeting.attendee_ids
        engineer = lines.filtered(lambda a: a.user_id == self.engineer)
        sales = lines.filtered(lambda a: a.user_id == self.sales_rep)
        arch = meeting.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("their line will show that you recorded it", arch)
        with freeze_time(DURING_MEETING):
            with self.assertRaises(UserError):  # AccessError is one
                engineer.with_user(self.sales_rep).action_confirm_on_behalf(
                    meeting.read_out_version
                )
            engineer.with_user(self.recorder).action_confirm_on_behalf(
                meeting.read_out_version
            )
            self.assertRecordValues(
                engineer,
                [
                    {
                        "confirmed": True,
                        "confirmed_by_id": self.recorder.id,
                        "is_recorded_by_other": True,
                    }
                ],
            )
            sales.with_user(self.sales_rep).action_object(
                "Not before July", meeting.read_out_version
            )
            with self.assertRaisesRegex(UserError, "only they change it"):
                sales.with_user(self.recorder).action_confirm_on_behalf(
                    meeting.read_out_version
                )

    def test_resolution_before_the_start_is_a_proposal(self):
        """Written before the meeting starts (the room is open days ahead): a
        proposal, whatever the writer sends, until the meeting confirms it."""
        meeting = self._to_state(self._create_meeting(), "scheduled")
        Resolution = self.env["meeting.minutes.resolution"].with_user(self.recorder)
        with freeze_time(BEFORE_NOTICE):
            early = Resolution.with_context(default_is_proposal=False).create(
                {"meeting_id": meeting.id, "content": "Smart recommendation first."}
            )
            with self.assertRaises(UserError):
                Resolution.create(
                    {
                        "meeting_id": meeting.id,
                        "content": "Not a proposal, says the client",
                        "is_proposal": True,
                    }
                )
        self.assertTrue(early.is_proposal)
        self._to_state(meeting, "in_progress")
        with freeze_time(DURING_MEETING):
            during = Resolution.create(
                {"meeting_id": meeting.id, "content": "UI polish in two releases."}
            )
        self.assertFalse(during.is_proposal)
        self._to_state(meeting, "confirmed")
        self.assertFalse(early.is_proposal, "confirmed on the spot: adopted")

    def test_resolution_of_a_meeting_started_early_is_decided(self):
        """Started before its planned start (within the lead time), the meeting
        decides: what the room writes then is no proposal."""
        meeting = self._to_state(self._create_meeting(), "scheduled")
        with freeze_time(meeting.start - timedelta(minutes=10)):
            meeting.with_user(self.host).action_start()
            self.assertEqual(meeting.state, "in_progress")
            decided = (
                self.env["meeting.minutes.resolution"]
                .with_user(self.recorder)
                .create({"meeting_id": meeting.id, "content": "Launch on 1 July."})
            )
        self.assertFalse(decided.is_proposal)

    def test_calendar_activity_gone_once_the_meeting_took_place(self):
        """The calendar's "Meeting" activity of the event is not what the lists
        of minutes to approve or filed show once the meeting took place."""
        meeting = self._to_state(self._create_meeting(), "scheduled")
        meeting.activity_schedule(
            "mail.mail_activity_data_meeting", user_id=self.host.id
        )
        self.assertTrue(meeting.activity_ids)
        self._to_state(meeting, "confirmed")
        self.assertFalse(
            meeting.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("mail.mail_activity_data_meeting")
                )
            )
        )

    def test_host_recording_is_said(self):
        """The form says it when the host records too: they will not approve."""
        arch = self.env["meeting.minutes"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("o_meeting_minutes_host_records", arch)
        self.assertIn("host_id != recorder_id", arch)

    def test_read_out_digest_migration(self):
        """18.0.1.8.0 counts the read-out's dates by their value: a digest that
        still matches the read-out (counted the former way) is counted again,
        one that no longer matches stays as it is."""
        path = os.path.join(
            get_module_path("meeting_minutes"),
            "migrations",
            "18.0.1.8.0",
            "post-migration.py",
        )
        spec = importlib.util.spec_from_file_location("mm_post_18_0_1_8_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        same, changed = (self._create_meeting() for __ in range(2))
        for meeting in same | changed:
            self._add_content(meeting)
        same.sudo().read_out_digest = migration._former_digest(same)
        changed.sudo().read_out_digest = "what was read out before a change"
        self.assertNotEqual(same.read_out_digest, same._get_read_out_digest())
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.1.7.0")
        self.env.invalidate_all()
        self.assertEqual(same.read_out_digest, same._get_read_out_digest())
        self.assertEqual(changed.read_out_digest, "what was read out before a change")
