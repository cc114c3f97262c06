import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the minutes as distributed: their readers confirm reading them
DISTRIBUTED_STATES = ("distributed", "archived")


class MeetingMinutesAcknowledgement(models.Model):
    """A read receipt: one per recipient of the distributed minutes. Nobody
    writes one but the workflow: the distribution creates them, the recipient
    confirms by button (``meeting.minutes.action_acknowledge``) or by the token
    of their email, the follow-up cron reminds them once."""

    _name = "meeting.minutes.acknowledgement"
    _description = "Meeting Minutes Read Receipt"
    _inherit = ["meeting.minutes.cron.mixin"]
    _order = "meeting_id desc, acknowledged_on desc, id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "meeting.minutes", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one("res.users", readonly=True, index="btree_not_null")
    acknowledged_on = fields.Datetime(string="Read On", readonly=True)
    remind_date = fields.Date(
        readonly=True,
        help="An unread receipt is reminded once, from this day on: the "
        "distribution delay after the distribution.",
    )
    reminded_on = fields.Date(readonly=True)
    access_token = fields.Char(
        required=True, readonly=True, copy=False, groups="base.group_system"
    )

    _sql_constraints = [
        (
            "meeting_partner_uniq",
            "unique(meeting_id, partner_id)",
            "A recipient has one read receipt per meeting.",
        ),
        ("access_token_uniq", "unique(access_token)", "The token must be unique."),
    ]

    @api.model
    def _prepare_for(self, meeting, partners):
        """The receipts of ``partners`` for the (re)distributed ``meeting``: the
        missing ones are created, the existing ones are to be read again (a
        redistribution follows a revision) with a new token. Returns them, sudo."""
        receipts = self.sudo().search([("meeting_id", "=", meeting.id)])
        company = meeting.company_id
        remind_date = company._meeting_add_working_days(
            fields.Date.context_today(meeting, meeting.distributed_on),
            company.meeting_distribution_days,
        )
        for receipt in receipts:
            receipt.write(
                {
                    "acknowledged_on": False,
                    "reminded_on": False,
                    "remind_date": remind_date,
                    "access_token": secrets.token_urlsafe(32),
                }
            )
        missing = partners - receipts.partner_id
        users_by_partner = {
            user.partner_id: user
            for user in missing.with_context(active_test=False).user_ids
            if not user.share
        }
        receipts |= self.sudo().create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": partner.id,
                    "user_id": users_by_partner.get(partner, self.env["res.users"]).id,
                    "remind_date": remind_date,
                    "access_token": secrets.token_urlsafe(32),
                }
                for partner in missing
            ]
        )
        return receipts.filtered(lambda r: r.partner_id in partners)

    def _get_acknowledge_url(self):
        self.ensure_one()
        return (
            f"{self.meeting_id.get_base_url()}/meeting_minutes/acknowledge/"
            f"{self.sudo().access_token}"
        )

    def _can_acknowledge(self):
        """A reading is confirmed of the minutes as distributed: not while they
        are being revised (the revision is distributed again, with its receipts)."""
        self.ensure_one()
        return self.meeting_id.sudo().state in DISTRIBUTED_STATES

    def _acknowledge(self):
        """Mark read, once: the first time counts; noted in the chatter."""
        for receipt in self:
            if not receipt._can_acknowledge():
                raise UserError(
                    _(
                        "The minutes %(name)s are being revised: confirm reading "
                        "them once the revision is distributed.",
                        name=receipt.meeting_id.sudo().display_name,
                    )
                )
        unread = self.filtered(lambda r: not r.acknowledged_on)
        if not unread:
            return False
        unread.sudo().acknowledged_on = fields.Datetime.now()
        for receipt in unread:
            # sudo: the recipient may read the mail outside Odoo, without a user
            receipt.meeting_id.sudo()._workflow().message_post(
                body=_(
                    "%(name)s confirmed reading the minutes.",
                    name=receipt.partner_id.name,
                ),
                author_id=receipt.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _get_reminder_domain(self, today):
        return [
            ("acknowledged_on", "=", False),
            ("reminded_on", "=", False),
            ("remind_date", "<=", today),
            ("meeting_id.state", "in", DISTRIBUTED_STATES),
        ]

    @api.model
    def _cron_remind_unread(self, batch_size=200):
        today = fields.Date.context_today(self)
        return self._run_in_batches(
            self._get_reminder_domain(today), "_send_unread_reminders", batch_size
        )

    def _send_unread_reminders(self):
        """One digest per person (and company) listing the minutes they have not
        confirmed reading; each receipt is reminded once."""
        self._queue_digests(
            self._group_by_partner(self, lambda receipt: receipt.partner_id),
            "meeting_minutes.mail_body_minutes_unread",
            lambda env, company, count: env._(
                "%(company)s: %(count)s meeting minutes to read",
                company=company.name,
                count=count,
            ),
        )
        self.sudo().reminded_on = fields.Date.context_today(self)
