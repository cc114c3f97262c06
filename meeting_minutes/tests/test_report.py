"""The PDF reports, rendered for real by wkhtmltopdf and read back with poppler.

Odoo renders PDF reports as HTML in tests unless the context has
``force_report_rendering``; wkhtmltopdf then fetches the report CSS from the test
HTTP server, hence an HttpCase. A missing wkhtmltopdf or poppler is a failure, not a
skip: the printed form is a deliverable.
"""

import hashlib
import html
import re
import shutil
import subprocess
import time
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from .common import poppler

MINUTES_REPORT = "meeting_minutes.action_report_meeting_minutes"
ACTIONS_REPORT = "meeting_minutes.action_report_meeting_actions"
ACTION_ITEMS_REPORT = "meeting_minutes.action_report_meeting_action_items"
COMPLIANCE_REPORT = "meeting_minutes.action_report_meeting_compliance"

# the section titles of the minutes form: English source -> the template holding it.
# The label check looks the term up in that template's translation, so it covers
# zh_CN as soon as i18n/zh_CN.po translates the term.
MINUTES_SECTIONS = {
    "Meeting Minutes": "meeting_minutes.report_meeting_minutes_document",
    "Basic Information": "meeting_minutes.report_meeting_minutes_basic",
    "Participating Departments and Attendees": (
        "meeting_minutes.report_meeting_minutes_attendance"
    ),
    "Absentees": "meeting_minutes.report_meeting_minutes_attendance",
    "Discussion": "meeting_minutes.report_meeting_minutes_discussion",
    "Resolutions": "meeting_minutes.report_meeting_minutes_resolutions",
    "Action Items": "meeting_minutes.report_meeting_minutes_actions",
    "Confirmation and Approval": "meeting_minutes.report_meeting_minutes_confirmation",
}
ACTIONS_SECTIONS = {
    "Action Item Tracking": "meeting_minutes.report_meeting_action_tracking_document",
    "Days Late": "meeting_minutes.report_meeting_action_tracking_table",
}
CJK_FONTS = ("WenQuanYi", "NotoSansCJK", "Noto Sans CJK", "SourceHanSans", "Droid")


def squash(text):
    """Text without any whitespace: table cells wrap long Chinese sentences."""
    return re.sub(r"\s+", "", text or "")


@tagged("post_install", "-at_install")
class TestReport(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.env.ref("meeting_minutes.meeting_q3_priorities")

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def lang_date(self, value, lang=None):
        """A date as the report prints it: the format of the language."""
        return format_date(self.env, value, lang_code=lang)

    def _check_tools(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.fail(
                f"wkhtmltopdf is not usable (state '{state}'): install the patched-Qt "
                "build (scripts/bootstrap.sh puts it in ~/.cache/meeting_minutes/"
                "wkhtmltox/bin) and set bin_path in the Odoo config or put it on PATH"
            )
        for tool in ("pdftotext", "pdfinfo", "pdffonts"):
            if not shutil.which(tool):
                self.fail(f"{tool} not found: install poppler-utils")

    def _render(self, report, records, **context):
        """The real PDF, not the HTML fallback of the test mode."""
        self._check_tools()
        start = time.time()
        content, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, **context)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"), "not a PDF")
        self.elapsed = time.time() - start
        return content

    def _poppler(self, tool, content, *args):
        return poppler(tool, content, *args)

    def _text(self, content):
        # -raw: content-stream order, keeps the rotated watermark text
        return self._poppler("pdftotext", content, "-raw", "-enc", "UTF-8")

    def _pages(self, content):
        info = self._poppler("pdfinfo", content)
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def _fonts(self, content):
        return self._poppler("pdffonts", content)

    def assertInPdf(self, needles, text):
        squashed = squash(text)
        for needle in needles:
            self.assertIn(squash(needle), squashed, f"{needle!r} missing from the PDF")

    def assertPageNumbers(self, text, pages):
        for page in (1, pages):
            self.assertRegex(
                text, rf"Page\s*{page}\s*of\s*{pages}\b", "page numbers 'Page x of y'"
            )

    def _label(self, source, template_xmlid, lang):
        """The term as the report prints it in lang: the source while no
        translation is loaded."""
        view = self.env.ref(template_xmlid).with_context(lang=lang)
        arch_en = self.env.ref(template_xmlid).with_context(lang="en_US").arch_db
        arch = view.arch_db
        if arch == arch_en or lang == "en_US":
            return source
        # the same position in both archs: compare the text nodes one by one
        nodes_en = re.findall(r">([^<>]+)<", arch_en)
        nodes = re.findall(r">([^<>]+)<", arch)
        for text_en, text in zip(nodes_en, nodes, strict=False):
            if text_en.strip() == source:
                return text.strip()
        return source

    def assertLabels(self, sections, text, lang="en_US"):
        self.assertInPdf(
            [self._label(source, xmlid, lang) for source, xmlid in sections.items()],
            text,
        )

    def _draft_copy(self, meeting=None):
        meeting = meeting or self.meeting
        copy = meeting.copy({"name": meeting.name})
        self.assertEqual(copy.state, "draft")
        self.env["meeting.minutes.resolution"].create(
            [
                {
                    "meeting_id": copy.id,
                    "content": res.content,
                    "sequence": res.sequence,
                }
                for res in meeting.resolution_ids
            ]
        )
        self.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": copy.id,
                    "name": action.name,
                    "owner_id": action.owner_id.id,
                    "department_id": action.department_id.id,
                    "deadline": action.deadline,
                    "remarks": action.remarks,
                }
                for action in meeting.action_ids
            ]
        )
        return copy

    def _large_meeting(self):
        """30 agenda items, 100 statements, 60 action items: several pages."""
        source = self.meeting
        departments = source.department_ids
        users = source.attendee_ids.user_id
        start = datetime(2024, 9, 2, 6, 0)
        meeting = self.env["meeting.minutes"].create(
            {
                "name": "2024年Q4大型跨部门资源协调会",
                "purpose": "确定Q4资源分配",
                "initiating_department_id": source.initiating_department_id.id,
                "department_ids": [(6, 0, departments.ids)],
                "host_id": source.host_id.id,
                "recorder_id": source.recorder_id.id,
                "start": start,
                "stop": start + timedelta(hours=3),
                "location": "总部5楼501会议室",
                "attendee_ids": [(0, 0, {"user_id": user.id}) for user in users],
            }
        )
        agenda = self.env["meeting.minutes.agenda"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "sequence": i,
                    "name": f"议题{i + 1:02d}资源排期",
                }
                for i in range(30)
            ]
        )
        kinds = ("problem", "opinion", "consensus")
        self.env["meeting.minutes.statement"].create(
            [
                {
                    "agenda_id": agenda[i % 30].id,
                    "sequence": i,
                    "kind": kinds[i % 3],
                    "department_id": (
                        departments[i % len(departments)].id
                        if kinds[i % 3] != "consensus"
                        else False
                    ),
                    "content": f"发言{i + 1:03d}:部门观点与数据说明。",
                }
                for i in range(100)
            ]
        )
        self.env["meeting.minutes.resolution"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "sequence": i,
                    "content": f"决议{i + 1}:各部门按期执行。",
                }
                for i in range(5)
            ]
        )
        self.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "sequence": i,
                    "name": f"待办{i + 1:02d}具体任务",
                    "owner_id": users[i % len(users)].id,
                    "deadline": date(2024, 9, 10) + timedelta(days=i),
                }
                for i in range(60)
            ]
        )
        return meeting

    # ------------------------------------------------------------
    # THE MINUTES FORM
    # ------------------------------------------------------------

    def test_minutes_demo(self):
        """The seed meeting: every part of the form, approved hence no watermark."""
        meeting = self.meeting
        self.assertIn(meeting.state, ("approved", "distributed", "archived"))
        # a fresh rendering, not a PDF stored by an earlier approval
        content = self._render(MINUTES_REPORT, meeting, report_pdf_no_attachment=True)
        text = self._text(content)
        self.assertLabels(MINUTES_SECTIONS, text)
        self.assertInPdf(
            [
                meeting.reference,
                "2024年Q3产品迭代优先级跨部门协调会",
                "总部3楼301会议室",
                # host and recorder with their job titles
                "李娜(市场部经理)",
                "王芳(运营专员)",
                # a department row with its attendees
                "研发部陈刚(研发总监),刘洋(算法工程师)",
                # the absentee, the reason and the written opinion
                "周强",
                "因客户拜访请假,已提前提交书面意见",
                "生产部可配合智能推荐上线节奏调整排产",
                # the discussion, department by department
                "产品迭代功能优先级排序",
                "客户调研显示,“智能推荐”功能需求占比40%",
                "“界面优化”直接影响客户体验",
                "Problem Statement",
                "Differing Opinion",
                "Consensus Direction",
                "优先开发“智能推荐”",
                # the resolution and the action items
                "Q3产品迭代优先级为:智能推荐→界面优化1.0→数据加密。",
                "提交“智能推荐”详细开发计划,报总监审批",
                "刘洋",
                "吴敏",
                self.lang_date(date(2024, 6, 20)),
                self.lang_date(date(2024, 6, 18)),
                "Completed",
                # confirmation and approval
                "✓Confirmed",
                "Recorder'sSignature",
                "ApprovedBy",
            ],
            text,
        )
        self.assertNotIn("DRAFT", text, "approved minutes carry no watermark")
        self.assertPageNumbers(text, self._pages(content))
        # CJK glyphs come from a CJK font, embedded
        self.assertTrue(
            any(font in self._fonts(content) for font in CJK_FONTS),
            "no CJK font embedded",
        )

    def test_minutes_draft_watermark(self):
        """Until approved, every page says DRAFT."""
        draft = self._draft_copy()
        content = self._render(MINUTES_REPORT, draft)
        text = self._text(content)
        pages = self._pages(content)
        self.assertEqual(text.count("DRAFT"), pages, "one watermark per page")
        # rotated by the report CSS (fetched by wkhtmltopdf from the server): the
        # layout mode of pdftotext leaves rotated text out
        self.assertNotIn(
            "DRAFT",
            self._poppler("pdftotext", content, "-layout", "-enc", "UTF-8"),
            "the watermark is not rotated: was the report CSS loaded?",
        )
        self.assertInPdf(["2024年Q3产品迭代优先级跨部门协调会", draft.reference], text)
        # a draft is not stored
        self.assertFalse(
            self.env.ref(MINUTES_REPORT).retrieve_attachment(draft),
            "a draft PDF must not be stored as the official one",
        )

    def test_keep_with_first_row_height(self):
        """The height that keeps a table's title and head with its first row."""
        keep = self.env["meeting.minutes"]._report_keep_px
        self.assertEqual(keep(71, []), 71 + 19 + 16)
        # a line of the full width holds 95 Latin characters
        self.assertEqual(keep(0, [("a" * 95, 1.0)]), 19 + 16)
        self.assertEqual(keep(0, [("a" * 96, 1.0)]), 2 * 19 + 16)
        # a CJK character counts for two
        self.assertEqual(keep(0, [("议" * 47, 1.0)]), 19 + 16)
        self.assertEqual(keep(0, [("议" * 48, 1.0)]), 2 * 19 + 16)
        # the lines of a cell add up, the tallest cell decides, empty cells count 1
        self.assertEqual(
            keep(10, [("a\nb\nc", 0.1), ("x", 0.5), (False, 0.2)]), 10 + 3 * 19 + 16
        )

    def test_minutes_large(self):
        """A long meeting runs over several pages, numbered, all of it printed."""
        meeting = self._large_meeting()
        content = self._render(MINUTES_REPORT, meeting)
        text = self._text(content)
        pages = self._pages(content)
        self.assertGreaterEqual(pages, 4)
        self.assertPageNumbers(text, pages)
        self.assertEqual(text.count("DRAFT"), pages)
        self.assertInPdf(
            [f"议题{i:02d}资源排期" for i in range(1, 31)]
            + [f"发言{i:03d}:部门观点与数据说明。" for i in range(1, 101)]
            + [f"待办{i:02d}具体任务" for i in range(1, 61)]
            + [self.lang_date(date(2024, 9, 10) + timedelta(days=59))],
            text,
        )
        self.assertLess(self.elapsed, 60, "rendering the long minutes is too slow")

    def _overlapping_words(self, content):
        """The words of the PDF printed over other words, page by page (pdftotext
        -bbox): a table head repeated over a row split across pages is one. The
        DRAFT watermark, drawn over the page on purpose, is left out: its letters
        are the only words taller than 30 pt."""
        overlaps = []
        pages = self._poppler("pdftotext", content, "-bbox", "-enc", "UTF-8")
        for number, page in enumerate(pages.split("<page ")[1:], start=1):
            words = [
                (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
                for x0, y0, x1, y1, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                    r'yMax="([\d.]+)">([^<]*)</word>',
                    page,
                )
                if float(y1) - float(y0) < 30
            ]
            for index, (ax0, ay0, ax1, ay1, a_text) in enumerate(words):
                for bx0, by0, bx1, by1, b_text in words[index + 1 :]:
                    width = min(ax1, bx1) - max(ax0, bx0)
                    height = min(ay1, by1) - max(ay0, by0)
                    # more than a third of the lower word's height: not kerning
                    if width > 1 and height > (min(ay1 - ay0, by1 - by0)) / 3:
                        overlaps.append((number, a_text, b_text))
        return overlaps

    def test_report_chunks(self):
        """A long text is cut into rows of a few lines, nothing lost, its own
        line breaks kept, the printer left to wrap the rest."""
        Minutes = self.env["meeting.minutes"]
        text = "Smart recommendation needs the algorithm team. " * 80
        chunks = Minutes._report_chunks(text, 0.62, max_lines=10)
        self.assertGreater(len(chunks), 3)
        self.assertEqual(squash("".join(chunks)), squash(text))
        for chunk in chunks:
            self.assertNotIn("\n", chunk, "the printer wraps, not the estimate")
            self.assertLessEqual(len(Minutes._report_lines(chunk, 0.62)), 10)
        chinese = "智能推荐需要算法团队投入两个月。\n销售部认为界面优化同样重要。" * 40
        chunks = Minutes._report_chunks(chinese, 0.5, max_lines=7)
        self.assertEqual(squash("".join(chunks)), squash(chinese))
        self.assertIn("\n", chunks[0], "the text's own line breaks stay")
        # a word wider than the column is cut where the line is full
        self.assertEqual(
            [line for line, _ends in Minutes._report_lines("x" * 25, 0.1)],
            ["x" * 9, "x" * 9, "x" * 7],
        )
        self.assertEqual(Minutes._report_chunks(False, 0.5), [""])
        # the rows of a record: the pieces of each text side by side
        rows = Minutes._report_rows(("a " * 200, 0.1), ("b", 0.5))
        self.assertEqual(rows[0][1], "b")
        self.assertTrue(all(row[1] == "" for row in rows[1:]))

    def test_minutes_long_texts_never_overlap(self):
        """The longest texts: a point, a resolution, an objection and a written
        opinion of pages each, in English and Chinese. Every row moves whole to
        the next page or goes on there under the repeated head: no word printed
        over another, every piece printed, the point after them readable."""
        self.env["res.lang"]._activate_lang("zh_CN")
        meeting = self._draft_copy()
        self.assertGreater(len(meeting.attendee_ids), 2)
        english = (
            "The smart recommendation needs the algorithm team for two months, "
            "and the data of the last three quarters must be cleaned first.\n"
        ) * 45
        chinese = (
            "智能推荐需要算法团队投入两个月，并且需要先清洗过去三个季度的数据。" * 90
        )
        item = self.env["meeting.minutes.agenda"].create(
            {"meeting_id": meeting.id, "name": "Long discussion"}
        )
        department = meeting.department_ids[0].id
        self.env["meeting.minutes.statement"].create(
            [
                {"agenda_id": item.id, "kind": kind, "content": content}
                | {"department_id": department}
                for kind, content in (
                    ("opinion", english),
                    ("problem", chinese),
                    ("opinion", "Readable after."),
                )
            ]
        )
        meeting.resolution_ids[:1].content = chinese
        present = meeting.attendee_ids.filtered(lambda a: a.attendance == "present")
        present[:1].objection = english
        absent = meeting.attendee_ids[-1:]
        absent.write(
            {
                "attendance": "absent",
                "absence_reason": english[:300],
                "written_opinion": chinese,
            }
        )
        Minutes = self.env["meeting.minutes"]
        for lang in ("en_US", "zh_CN"):
            with self.subTest(lang=lang):
                content = self._render(MINUTES_REPORT, meeting, lang=lang)
                self.assertGreaterEqual(self._pages(content), 6)
                self.assertEqual(self._overlapping_words(content), [])
                text = self._text(content)
                for value, share in (
                    (english, 0.62),
                    (chinese, 0.62),
                    (chinese, 0.63),
                    (english, 0.50),
                    (chinese, 0.38),
                ):
                    for chunk in Minutes._report_chunks(value, share):
                        self.assertIn(squash(chunk), squash(text))
                self.assertInPdf(["Readable after."], text)

    def test_minutes_approved_frozen_at_approval(self):
        """The approval renders the official PDF once (wkhtmltopdf), stores it with
        its SHA-256 and a revision; printing again returns the same bytes; a
        revision freezes a new PDF and keeps the first, both verifiable."""
        self._check_tools()
        meeting = self._draft_copy()
        # the read-out the attendees confirmed on the spot
        meeting.sudo().write(
            {"state": "submitted", "read_out_digest": meeting._get_read_out_digest()}
        )
        meeting.action_approve()
        self.assertEqual(meeting.state, "approved")
        self.assertFalse(meeting.read_out_changed)
        attachment = meeting.approved_report_id
        self.assertTrue(attachment, "the approval freezes the PDF")
        self.assertTrue(attachment.raw.startswith(b"%PDF"), "a real PDF")
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(
            meeting.approved_report_sha256, hashlib.sha256(attachment.raw).hexdigest()
        )
        self.assertTrue(meeting._verify_approved_report())
        self.assertRecordValues(
            meeting.revision_ids,
            [
                {
                    "version": 1,
                    "attachment_id": attachment.id,
                    "sha256": meeting.approved_report_sha256,
                    "is_valid": True,
                }
            ],
        )
        self.assertNotIn("DRAFT", self._text(attachment.raw))
        report = self.env.ref(MINUTES_REPORT)
        self.assertEqual(report.retrieve_attachment(meeting), attachment)
        printed = self._render(MINUTES_REPORT, meeting)
        self.assertEqual(printed, attachment.raw, "re-printing returns the frozen PDF")
        self.assertEqual(meeting._get_approved_report(), attachment)

        # a revision: back to the recorder, a new PDF at the next approval
        first_sha = meeting.approved_report_sha256
        meeting._do_revise("Wrong deadline in the action items")
        self.assertRecordValues(
            meeting,
            [{"state": "confirmed", "approved_report_id": False, "revision_number": 1}],
        )
        # the deadline corrected: no longer what was read out
        meeting.action_ids[:1].sudo().deadline += timedelta(days=2)
        self.assertTrue(meeting.read_out_changed)
        meeting.sudo().write({"state": "submitted"})
        meeting.action_approve()
        second = meeting.approved_report_id
        self.assertNotEqual(second, attachment)
        self.assertIn("2", second.name)
        self.assertEqual(meeting.revision_number, 2)
        self.assertRecordValues(
            meeting.revision_ids.sorted("version"),
            [
                {
                    "version": 1,
                    "attachment_id": attachment.id,
                    "sha256": first_sha,
                    "is_valid": True,
                    "reason": False,
                },
                {
                    "version": 2,
                    "attachment_id": second.id,
                    "sha256": meeting.approved_report_sha256,
                    "is_valid": True,
                    "reason": "Wrong deadline in the action items",
                },
            ],
        )
        self.assertTrue(attachment.exists(), "the first PDF stays")
        # printed in the company's language (English here): "Revision: 2"
        self.assertRegex(squash(self._text(second.raw)), r"Revision:2")
        self.assertNotRegex(squash(self._text(attachment.raw)), r"Revision:")
        # the reason of the revision, and the confirmations said to be given to
        # the version read out, not to this one
        self.assertRegex(
            squash(self._text(second.raw)),
            r"Reasonfortherevision:Wrongdeadlineintheactionitems",
        )
        changed = "changedaftertheon-the-spotconfirmation"
        self.assertIn(changed, squash(self._text(second.raw)))
        self.assertNotIn(changed, squash(self._text(attachment.raw)))

    def _wkhtmltopdf_delays(self):
        """Patches the start of wkhtmltopdf (the real process still runs) and
        returns the list its ``--javascript-delay`` values are appended to."""
        delays = []
        popen = subprocess.Popen

        def spy(args, *a, **kw):
            if "--javascript-delay" in args:
                delays.append(args[args.index("--javascript-delay") + 1])
            return popen(args, *a, **kw)

        self.startPatcher(
            patch(
                "odoo.addons.base.models.ir_actions_report.subprocess.Popen",
                side_effect=spy,
            )
        )
        return delays

    def test_own_reports_without_javascript_delay(self):
        """The addon's reports run wkhtmltopdf with ``--javascript-delay 0`` (their
        page numbers are written when the footer loads); another addon's report
        keeps the company's ``report.print_delay``, which is never rewritten; the
        PDF frozen at the approval still carries its page numbers and verifies."""
        self._check_tools()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("report.print_delay", "700")
        delays = self._wkhtmltopdf_delays()
        meeting = self._draft_copy()
        wizard = self.env["meeting.minutes.compliance.wizard"].create(
            {"month": self.meeting.start.date().replace(day=1)}
        )
        for report, records in (
            (MINUTES_REPORT, meeting),
            (ACTIONS_REPORT, meeting),
            (ACTION_ITEMS_REPORT, meeting.action_ids),
            (COMPLIANCE_REPORT, wizard),
        ):
            with self.subTest(report=report):
                del delays[:]
                content = self._render(report, records)
                self.assertEqual(delays, ["0"])
                text = self._text(content)
                self.assertPageNumbers(text, self._pages(content))
        # a report of Odoo's base: the company's delay
        del delays[:]
        model = self.env["ir.model"]._get("res.partner")
        self._render("base.report_ir_model_overview", model)
        self.assertEqual(delays, ["700"])
        # the context key is the addon's, decided on the report: a caller who
        # sends it does not print another addon's report without its delay
        del delays[:]
        self._render(
            "base.report_ir_model_overview",
            model,
            meeting_minutes_no_javascript_delay=True,
        )
        self.assertEqual(delays, ["700"])
        self.assertEqual(params.get_param("report.print_delay"), "700")
        # the approval's freeze: rendered without the delay, once, and verifiable
        del delays[:]
        meeting.sudo().write({"state": "submitted"})
        meeting.action_approve()
        self.assertEqual(delays, ["0"])
        frozen = meeting.approved_report_id
        self.assertTrue(meeting._verify_approved_report())
        text = self._text(frozen.raw)
        self.assertPageNumbers(text, self._pages(frozen.raw))
        self.assertInPdf([meeting.reference, *meeting.action_ids.mapped("name")], text)
        # a second look, a second approval (refused before any render) and the
        # distribution read the frozen file: no render
        del delays[:]
        self.assertEqual(self._render(MINUTES_REPORT, meeting), frozen.raw)
        with self.assertRaises(UserError):
            meeting.action_approve()
        meeting.action_distribute()
        self.assertEqual(meeting.state, "distributed")
        self.assertEqual(meeting.approved_report_id, frozen)
        self.assertEqual(delays, [])

    def test_minutes_followup(self):
        """A follow-up meeting prints the review of the previous action items."""
        previous = self._draft_copy()
        previous.sudo().write({"state": "distributed"})
        previous.action_ids[:1].write(
            {"state": "delayed", "remarks": "算法团队人力不足"}
        )
        review = self.env.ref("meeting_minutes.meeting_q3_review").copy(
            {"previous_meeting_id": previous.id}
        )
        self.assertTrue(review.followup_ids)
        review.followup_ids[:1].write(
            {"reason_category": "resources", "reason": "算法工程师借调至其他项目"}
        )
        text = self._text(self._render(MINUTES_REPORT, review))
        self.assertInPdf(
            [
                "Follow-up of the Previous Meeting",
                previous.action_ids[:1].name,
                "Lack of Resources",
                "算法工程师借调至其他项目",
                "Delayed",
            ],
            text,
        )

    def test_minutes_zh_cn(self):
        """In Chinese: the CJK glyphs come out, the labels once translated."""
        lang = self.env["res.lang"]._activate_lang("zh_CN")
        if not lang:
            self.skipTest("zh_CN cannot be activated in this database")
        content = self._render(
            MINUTES_REPORT, self.meeting, lang="zh_CN", report_pdf_no_attachment=True
        )
        text = self._text(content)
        self.assertInPdf(
            [
                "2024年Q3产品迭代优先级跨部门协调会",
                "因客户拜访请假,已提前提交书面意见",
                # dates in the zh_CN format of res.lang
                self.lang_date(date(2024, 6, 20), "zh_CN"),
            ],
            text,
        )
        self.assertLabels(MINUTES_SECTIONS, text, lang="zh_CN")
        self.assertTrue(
            any(font in self._fonts(content) for font in CJK_FONTS),
            f"no CJK font embedded:\n{self._fonts(content)}",
        )

    # ------------------------------------------------------------
    # ACTION TRACKING
    # ------------------------------------------------------------

    def test_action_tracking(self):
        """Items of several meetings, one table per department, meeting in a column."""
        large = self._large_meeting()
        meetings = self.meeting | large
        content = self._render(ACTIONS_REPORT, meetings)
        text = self._text(content)
        self.assertLabels(ACTIONS_SECTIONS, text)
        self.assertPageNumbers(text, self._pages(content))
        self.assertInPdf(
            [
                self.meeting.reference,
                large.reference,
                "提交“智能推荐”详细开发计划,报总监审批",
                "待办01具体任务",
                "待办60具体任务",
                "刘洋",
                self.lang_date(date(2024, 6, 20)),
                "延期:算法团队人力紧张,开发计划初稿已完成,待总监审批。",
            ],
            text,
        )
        # one table per department, whatever the meeting
        for department in meetings.action_ids.department_id:
            count = len(
                meetings.action_ids.filtered(
                    lambda a, dep=department: a.department_id == dep
                )
            )
            self.assertIn(squash(f"{department.display_name}({count})"), squash(text))
        # days late of an open item past its deadline
        late = large.action_ids.sorted("deadline")[:1]
        self.assertGreater(late.days_late, 0)
        self.assertIn(str(late.days_late), text)
        self.assertNotIn("DRAFT", text)

    def test_action_items_selection(self):
        """The same report from the selected action items."""
        actions = self.meeting.action_ids
        text = self._text(self._render(ACTION_ITEMS_REPORT, actions))
        self.assertLabels(ACTIONS_SECTIONS, text)
        self.assertInPdf([self.meeting.reference, *actions.mapped("name")], text)

    def test_report_url_in_the_readers_language(self):
        """A report opened by its URL (a link, a bookmark) prints in the reader's
        Odoo language, not in the browser's cookie language; the web client's
        print button sends the user's context and keeps it."""
        if not self.env["res.lang"]._activate_lang("zh_CN"):
            self.skipTest("zh_CN cannot be activated in this database")
        host = self.meeting.host_id
        host.lang = "zh_CN"
        self.authenticate(host.login, host.login)
        self.opener.cookies.set("frontend_lang", "en_US")
        url = f"/report/html/{MINUTES_REPORT.replace('action_report', 'report')}"
        response = self.url_open(f"{url}/{self.meeting.id}")
        self.assertEqual(response.status_code, 200)
        # rendered in zh_CN: the html's language, the dates in its format
        self.assertIn('<html lang="zh-CN"', response.text)
        approved_on = self.meeting.approved_on.date()
        self.assertIn(self.lang_date(approved_on, "zh_CN"), response.text)
        self.assertNotIn(self.lang_date(approved_on, "en_US"), response.text)
