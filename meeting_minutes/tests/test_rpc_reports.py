"""Approved minutes print as the PDF frozen at the approval, whatever the route, the
context or the ids of the request: never the current content relabelled Approved.

The PDF routes run in the test server (``force_report_rendering`` in the URL's
context, as Odoo renders PDF reports as HTML in tests otherwise).
"""

import hashlib
import json
import re
from urllib.parse import urlencode

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import poppler
from .common_rpc import MeetingRpcCase

REPORT = "meeting_minutes.action_report_meeting_minutes"
REPORT_NAME = "meeting_minutes.report_meeting_minutes"


@tagged("post_install", "-at_install")
class TestRpcReports(MeetingRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.fail("wkhtmltopdf is not usable: see tests/test_report.py")
        # approved, then distributed: the minutes now say "Distributed", their
        # frozen PDF "Approved"
        self._to_state(self.meeting, "distributed")
        self.frozen = self.meeting.approved_report_id
        self.assertTrue(self.frozen)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _without_report_assets(self):
        """A PDF rendered in a request of the test server would wait for its own
        CSS, served by the same test cursor: point wkhtmltopdf to a closed port
        so that such a rendering (the bug) ends at once, without its CSS."""
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")

    def _url(self, ids, **context):
        url = f"/report/pdf/{REPORT_NAME}/{','.join(str(i) for i in ids)}"
        context = {"force_report_rendering": True, **context}
        return f"{url}?context={json.dumps(context)}"

    def _get_pdf(self, user, url, **params):
        self.login(user)
        if params:
            url = f"{url}?{urlencode(params)}"
        response = self.url_open(url, timeout=120)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertTrue(response.content.startswith(b"%PDF"), "not a PDF")
        return response.content

    def _assertFrozen(self, content):
        self.assertEqual(content, self.frozen.raw, "not the frozen PDF")
        self.assertEqual(
            hashlib.sha256(content).hexdigest(), self.meeting.approved_report_sha256
        )

    def _text(self, content, first=None, last=None):
        args = ["-raw", "-enc", "UTF-8"]
        if first:
            args += ["-f", str(first), "-l", str(last)]
        return " ".join(poppler("pdftotext", content, *args).split())

    def _pages(self, content):
        info = poppler("pdfinfo", content)
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def _draft(self):
        draft = self._create_meeting(name="Draft minutes printed with approved ones")
        self.assertFalse(draft.approved_report_id)
        return draft

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_pdf_route_prints_the_frozen_file(self):
        """/report/pdf and /report/download return the frozen bytes, also for a
        duplicated id and with report_pdf_no_attachment (both skip Odoo's stored
        attachments); nothing for a user who may not read the minutes."""
        self._without_report_assets()
        meeting_id = self.meeting.id
        for label, url in (
            ("one id", self._url([meeting_id])),
            ("duplicated id", self._url([meeting_id, meeting_id])),
            ("no attachment", self._url([meeting_id], report_pdf_no_attachment=True)),
            (
                "both",
                self._url([meeting_id] * 3, report_pdf_no_attachment=True),
            ),
        ):
            with self.subTest(label):
                self._assertFrozen(self._get_pdf(self.engineer, url))
        # the download route of the print button, the client's context included
        data = json.dumps([self._url([meeting_id, meeting_id]), "qweb-pdf"])
        content = self._get_pdf(
            self.sales_rep,
            "/report/download",
            data=data,
            context=json.dumps(
                {"report_pdf_no_attachment": True, "force_report_rendering": True}
            ),
        )
        self._assertFrozen(content)
        # who may not read the minutes gets no PDF, in no form
        self.login(self.outsider)
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
            response = self.url_open(self._url([meeting_id] * 2), timeout=120)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.frozen.raw, response.content)

    def test_orm_print_of_approved_and_draft_minutes(self):
        """A print of draft and approved minutes together: the frozen pages as
        they are, the draft rendered (DRAFT), in the order asked, each once."""
        draft = self._draft()
        frozen_pages = self._pages(self.frozen.raw)
        frozen_text = self._text(self.frozen.raw)
        self.assertIn("Approved", frozen_text)
        report = (
            self.env["ir.actions.report"]
            .with_user(self.host)
            .with_context(force_report_rendering=True, report_pdf_no_attachment=True)
        )
        for ids in (
            [draft.id, self.meeting.id],
            [draft.id, self.meeting.id, self.meeting.id],
            [draft.id, self.meeting.id, draft.id],
        ):
            with self.subTest(ids=ids):
                content, report_type = report._render_qweb_pdf(REPORT, ids)
                self.assertEqual(report_type, "pdf")
                pages = self._pages(content)
                draft_pages = pages - frozen_pages
                self.assertGreaterEqual(draft_pages, 1)
                self.assertEqual(
                    self._text(content, 1, draft_pages).count("DRAFT"), draft_pages
                )
                self.assertEqual(
                    self._text(content, draft_pages + 1, pages),
                    frozen_text,
                    "the approved minutes are not their frozen PDF",
                )
        # the frozen file alone, by the ORM too
        content, __ = report._render_qweb_pdf(REPORT, [self.meeting.id] * 2)
        self._assertFrozen(content)
        # under revision the frozen file is no longer the minutes: their current
        # draft is rendered, watermarked
        self._reason(self.host, self.meeting, "revise", "Wrong deadline")
        self.assertFalse(self.meeting.approved_report_id)
        content, __ = report._render_qweb_pdf(REPORT, [self.meeting.id] * 2)
        self.assertNotEqual(content, self.frozen.raw)
        self.assertEqual(self._text(content).count("DRAFT"), self._pages(content))

    def test_html_route_is_marked_not_official(self):
        """/report/html cannot serve the PDF: it shows the current minutes marked
        as not the official copy, naming the frozen PDF; not for a draft, nor for
        minutes under revision."""
        draft = self._draft()
        self.login(self.engineer)
        response = self.url_open(
            f"/report/html/{REPORT_NAME}/{self.meeting.id},{draft.id}"
        )
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertEqual(html.count("Not the official copy:"), 1, "one banner")
        self.assertIn(self.meeting.approved_report_sha256, html)
        self.assertIn(self.frozen.name, html)
        # under revision, no frozen PDF: the page is the current draft
        self._reason(self.host, self.meeting, "revise", "Wrong deadline")
        response = self.url_open(f"/report/html/{REPORT_NAME}/{self.meeting.id}")
        self.assertIn("DRAFT", response.text)
        self.assertNotIn("Not the official copy:", response.text)
