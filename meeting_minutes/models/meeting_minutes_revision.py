import hashlib

from odoo import fields, models


class MeetingMinutesRevision(models.Model):
    """One approval of the minutes and the PDF it froze. Append-only: created by
    the approval, never written or deleted (users have read access only; the
    attachment is protected, see ir.attachment)."""

    _name = "meeting.minutes.revision"
    _description = "Approved Revision of Meeting Minutes"
    _order = "meeting_id, version desc"
    _rec_name = "version"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "meeting.minutes", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    version = fields.Integer(required=True, readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_on = fields.Datetime(readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Approved PDF",
        required=True,
        readonly=True,
        index=True,
    )
    sha256 = fields.Char(string="SHA-256", required=True, readonly=True)
    reason = fields.Text(
        string="Reason of the Revision",
        readonly=True,
        help="Why the previous approval was revised (empty for the first one).",
    )
    is_valid = fields.Boolean(
        string="Verified",
        compute="_compute_is_valid",
        help="The stored PDF still has the SHA-256 recorded at the approval.",
    )

    _sql_constraints = [
        (
            "meeting_version_uniq",
            "unique(meeting_id, version)",
            "A revision number is used once per minutes.",
        ),
    ]

    def _compute_is_valid(self):
        for revision in self:
            # sudo: reading the stored file itself (the revision is readable)
            # (the web client reads with bin_size: the file, not its size)
            raw = revision.sudo().attachment_id.with_context(bin_size=False).raw or b""
            revision.is_valid = hashlib.sha256(raw).hexdigest() == revision.sha256

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    def _compute_display_name(self):
        for revision in self:
            revision.display_name = (
                f"{revision.meeting_id.display_name} v{revision.version}"
            )
