from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    meeting_notice_days = fields.Integer(
        related="company_id.meeting_notice_days", readonly=False
    )
    meeting_completion_hours = fields.Integer(
        related="company_id.meeting_completion_hours", readonly=False
    )
    meeting_distribution_days = fields.Integer(
        related="company_id.meeting_distribution_days", readonly=False
    )
    meeting_reminder_days = fields.Integer(
        related="company_id.meeting_reminder_days", readonly=False
    )
    meeting_archive_delay_days = fields.Integer(
        related="company_id.meeting_archive_delay_days", readonly=False
    )
    meeting_retention_years = fields.Integer(
        related="company_id.meeting_retention_years", readonly=False
    )
    meeting_approval_signature = fields.Boolean(
        related="company_id.meeting_approval_signature", readonly=False
    )
    meeting_start_lead_minutes = fields.Integer(
        related="company_id.meeting_start_lead_minutes", readonly=False
    )
    meeting_report_lang = fields.Selection(
        related="company_id.meeting_report_lang", readonly=False
    )
    meeting_colloquialisms = fields.Text(
        related="company_id.meeting_colloquialisms", readonly=False
    )
