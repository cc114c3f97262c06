"""Distribution and read receipts: who receives the approved minutes, each
recipient's receipt and its confirmation, the chatter's recipients' buttons,
and the archive code given at the filing."""

import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("acknowledgement_ids")
    def _compute_has_acknowledgements(self):
        for meeting in self:
            meeting.has_acknowledgements = bool(meeting.acknowledgement_ids)

    @api.depends("has_acknowledgements", "acknowledgement_ids.acknowledged_on")
    @api.depends_context("uid")
    def _compute_acknowledgements(self):
        Receipt = self.env["meeting.minutes.acknowledgement"]
        for meeting in self:
            # the receipts are readable exactly where their minutes are
            # (FOLLOWS_MEETING_RULES): read them as such, without checking the
            # minutes' rules once more in Python; none before the distribution
            receipts = (
                meeting.sudo().acknowledgement_ids
                if meeting.has_acknowledgements
                else Receipt
            )
            unread = receipts.filtered(lambda r: not r.acknowledged_on)
            meeting.acknowledgement_count = len(receipts)
            meeting.acknowledged_count = len(receipts) - len(unread)
            meeting.unread_partner_ids = unread.partner_id
            # the user's partner only when there is something left to read
            meeting.can_acknowledge = (
                bool(unread) and self.env.user.partner_id in unread.partner_id
            )

    def action_view_acknowledgements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Read Receipts"),
            "res_model": "meeting.minutes.acknowledgement",
            "view_mode": "list",
            "domain": [("meeting_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_acknowledge(self):
        """The current user confirms having read the distributed minutes."""
        partner = self.env.user.partner_id
        for meeting in self:
            # sudo: nobody writes a receipt but its recipient, here or by token
            receipt = meeting.sudo().acknowledgement_ids.filtered(
                lambda r, partner=partner: r.partner_id == partner
            )
            if not receipt:
                raise UserError(
                    _(
                        "You are not among the recipients of the minutes "
                        "%(name)s: there is nothing for you to confirm.",
                        name=meeting.display_name,
                    )
                )
            receipt._acknowledge()
        return True

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """At distribution, each recipient's email gets its own button: the link
        that confirms they read the minutes, without logging in."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        urls = self.env.context.get("meeting_minutes_receipt_urls")
        if not urls:
            return groups
        title = _("I have read the minutes")
        receipt_groups = [
            [
                f"meeting_minutes_receipt_{partner_id}",
                lambda pdata, partner_id=partner_id: pdata["id"] == partner_id,
                {
                    "active": True,
                    "has_button_access": True,
                    "button_access": {"url": url, "title": title},
                },
            ]
            for partner_id, url in urls.items()
        ]
        return receipt_groups + groups

    def _get_distribution_partners(self):
        """Every participating department's attendees and manager, the leaders in
        copy."""
        self.ensure_one()
        return (
            self.attendee_ids.user_id.partner_id
            | self.department_ids.manager_id.user_id.partner_id
            | self.cc_user_ids.partner_id
            | self.host_id.partner_id
            | self.recorder_id.partner_id
        )

    def _get_archive_code(self):
        """Year-month-topic and the filing's number within them in the company,
        e.g. 2024-06-产品迭代优先级协调会-01 (unique: archive_code_company_uniq)."""
        self.ensure_one()
        start = fields.Datetime.context_timestamp(self, self.start)
        prefix = f"{start:%Y-%m}-{self.name}-"
        # the codes given in this transaction (several minutes filed at once)
        self.flush_model(["archive_code", "company_id"])
        escaped = re.sub(r"([\\%_])", r"\\\1", prefix)
        self.env.cr.execute(
            SQL(
                "SELECT archive_code FROM meeting_minutes "
                "WHERE company_id = %s AND archive_code LIKE %s",
                self.company_id.id,
                f"{escaped}%",
            )
        )
        numbers = [
            int(code[len(prefix) :])
            for (code,) in self.env.cr.fetchall()
            if code[len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1:02d}"
