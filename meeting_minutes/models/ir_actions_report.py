from odoo import models

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
