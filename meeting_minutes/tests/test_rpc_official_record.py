"""The rules of issue 21 tried through the client's own path: JSON-RPC as the
users send it, and the report URL of a re-print."""

import json

from odoo.tests import tagged

from .common_rpc import MeetingRpcCase

REPORT_NAME = "meeting_minutes.report_meeting_minutes"


@tagged("post_install", "-at_install")
class TestRpcOfficialRecord(MeetingRpcCase):
    def test_proposal_decided_on_the_record(self):
        """Before the start, a resolution is a proposal whatever the client
        sends: a default in the context, the value itself."""
        meeting = self._to_state(self._create_meeting(), "scheduled")
        resolution_id = self.rpc(
            self.recorder,
            "meeting.minutes.resolution",
            "create",
            {
                "meeting_id": meeting.id,
                "content": "Launch on 1 July",
                "is_proposal": False,
            },
            context={"default_is_proposal": False},
        )
        resolution = self.env["meeting.minutes.resolution"].browse(resolution_id)
        self.assertTrue(resolution.is_proposal)
        self.assertRpcRefused(
            self.recorder,
            "meeting.minutes.resolution",
            "write",
            [resolution_id],
            {"is_proposal": False},
        )
        resolution.invalidate_recordset()
        self.assertTrue(resolution.is_proposal)

    def test_objection_answer_is_the_recorders(self):
        meeting = self._to_state(self._create_meeting(), "in_progress")
        line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.sales_rep)
        line.with_user(self.sales_rep).action_object(
            "Not before July", meeting.read_out_version
        )
        for user in (self.sales_rep, self.outsider):
            self.assertRpcRefused(
                user,
                "meeting.minutes.attendee",
                "write",
                [line.id],
                {"objection_answer": "Noted by myself"},
            )
        self.rpc(
            self.recorder,
            "meeting.minutes.attendee",
            "write",
            [line.id],
            {"objection_answer": "The briefing moves to 3 July."},
        )
        line.invalidate_recordset()
        self.assertEqual(line.objection_answer, "The briefing moves to 3 July.")

    def test_reprint_url_freezes_approved_minutes_once(self):
        """Approved minutes without their PDF: the attendee's re-print through
        /report/pdf (a read-only route, retried read/write) freezes them, and the
        next print is the same file."""
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        meeting = self._to_state(self._create_meeting(), "approved")
        meeting._workflow().write(
            {"approved_report_id": False, "approved_report_sha256": False}
        )
        context = json.dumps({"force_report_rendering": True})
        url = f"/report/pdf/{REPORT_NAME}/{meeting.id}?context={context}"
        self.login(self.sales_rep)
        first = self.url_open(url, timeout=180)
        self.assertEqual(first.status_code, 200, first.text[:500])
        self.assertTrue(first.content.startswith(b"%PDF"))
        meeting.invalidate_recordset()
        self.assertTrue(meeting.approved_report_id)
        self.assertEqual(first.content, meeting.approved_report_id.raw)
        second = self.url_open(url, timeout=180)
        self.assertEqual(second.content, first.content)
        self.assertEqual(len(meeting.revision_ids), 2, "frozen once, not per print")
