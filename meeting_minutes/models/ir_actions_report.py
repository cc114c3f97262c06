import io
from collections import OrderedDict

from odoo import api, models
from odoo.http import request

from .meeting_minutes_guard_mixin import is_workflow

MINUTES_REPORT_NAME = "meeting_minutes.report_meeting_minutes"
# the addon's own reports: their QWeb templates and those of their header and
# footer (web.minimal_layout's "Page x of y") run no script that needs time after
# the page is loaded, so wkhtmltopdf prints them at once
OWN_REPORT_PREFIX = "meeting_minutes."
# the states of minutes whose official record is the PDF frozen at the approval
FROZEN_STATES = ("approved", "distributed", "archived")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """The addon's reports are printed without the JavaScript delay: the
        ``report.print_delay`` system parameter (1000 ms by default) stays the
        company's for every other report."""
        # decided here on the report, whatever the caller's context says
        own = bool(report_ref) and self._get_report(report_ref).report_name.startswith(
            OWN_REPORT_PREFIX
        )
        self = self.with_context(meeting_minutes_no_javascript_delay=own)
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    @api.model
    def _build_wkhtmltopdf_args(
        self,
        paperformat_id,
        landscape,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """``--javascript-delay 0`` for the addon's reports (``_run_wkhtmltopdf``):
        the page numbers of web.minimal_layout are written by a script run when
        the header and footer documents load, before wkhtmltopdf prints them; the
        delay only waited, a second by default, on every render."""
        args = super()._build_wkhtmltopdf_args(
            paperformat_id,
            landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        if self.env.context.get("meeting_minutes_no_javascript_delay"):
            index = args.index("--javascript-delay")
            args[index + 1] = "0"
        return args

    def retrieve_attachment(self, record):
        """Re-printing approved minutes returns the PDF frozen at the approval, and
        only that one: not another attachment of the minutes that a participant
        posted under the same file name."""
        if (
            self.report_name == MINUTES_REPORT_NAME
            and record._name == "meeting.minutes"
        ):
            return record.approved_report_id
        return super().retrieve_attachment(record)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """Minutes with a frozen PDF (approved, distributed, filed: not under
        revision) always print as that very file, whoever asks and however: a
        duplicated id or ``report_pdf_no_attachment`` in the context (both make
        Odoo skip the stored attachments), a print of several minutes. Only the
        other minutes are rendered, each record once, in the order asked."""
        report_sudo = self._get_report(report_ref)
        if (
            not res_ids
            or report_sudo.report_name != MINUTES_REPORT_NAME
            or report_sudo.model != "meeting.minutes"
        ):
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        # read as the user: printing needs the right to read the minutes
        meetings = self.env["meeting.minutes"].browse(res_ids)
        if not is_workflow(self.env):
            # approved minutes without their PDF (approved before it was frozen
            # at the approval, demo data): frozen now, by this first print, so
            # that every print of an official record is the same file. The
            # render of the freeze itself runs under the workflow's token.
            for meeting in meetings.filtered(
                lambda m: m.state in FROZEN_STATES and not m.approved_report_id
            ):
                # sudo: the reader (an attendee) may not write the minutes; the
                # freeze is the approval's, completing what it left undone
                meeting.sudo()._get_approved_report()
        frozen = {
            meeting.id: meeting.approved_report_id
            for meeting in meetings
            if meeting.approved_report_id
        }
        if not frozen:
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        unique_ids = list(dict.fromkeys(res_ids))
        to_render = [res_id for res_id in unique_ids if res_id not in frozen]
        rendered = (
            super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=to_render
            )
            if to_render
            else {}
        )
        collected_streams = OrderedDict()
        for res_id in unique_ids:
            attachment = frozen.get(res_id)
            if attachment:
                raw = attachment.with_context(bin_size=False).raw
                collected_streams[res_id] = {
                    "stream": io.BytesIO(raw),
                    "attachment": attachment,
                }
            elif res_id in rendered:
                collected_streams[res_id] = rendered.pop(res_id)
            elif False in rendered:
                # the rendered minutes could not be split: one document, where
                # the first of them was asked
                collected_streams[False] = rendered.pop(False)
        collected_streams.update(rendered)
        return collected_streams

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        lang = self._meeting_reader_lang(report_ref, data)
        if lang:
            return self.with_context(lang=lang)._render_qweb_pdf(
                report_ref, res_ids=res_ids, data=data
            )
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _render_qweb_html(self, report_ref, docids, data=None):
        lang = self._meeting_reader_lang(report_ref, data)
        if lang:
            return self.with_context(lang=lang)._render_qweb_html(
                report_ref, docids, data=data
            )
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _meeting_reader_lang(self, report_ref, data):
        """The reader's language for a report of the addon opened by its URL
        (/report/pdf/..., a link, a bookmark): the web client sends its context
        (the user's language) with the print button, a bare URL does not, and the
        request's language is then the browser's cookie. None: nothing to change."""
        if not request or not request.httprequest.path.startswith("/report/"):
            return None
        if (data or {}).get("context"):
            return None
        report = self._get_report(report_ref)
        lang = self.env.user.lang
        if (
            not report.report_name.startswith("meeting_minutes.")
            or not lang
            or self.env.context.get("lang") == lang
        ):
            return None
        return lang
