from odoo import models
from odoo.http import request

MINUTES_REPORT_NAME = "meeting_minutes.report_meeting_minutes"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

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
