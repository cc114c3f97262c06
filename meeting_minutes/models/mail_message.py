from odoo import api, models

# what Odoo itself writes on a message that is read, starred or reacted to
MESSAGE_FREE_FIELDS = frozenset({"starred_partner_ids", "notification_ids"})


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        # the messages as they are: whatever default or command made them
        # sudo: which document the messages belong to, whoever created them
        on_minutes_sudo = messages.sudo().filtered(
            lambda m: m.model == "meeting.minutes"
        )
        if on_minutes_sudo:
            self.env["meeting.minutes"]._check_messages_created(on_minutes_sudo)
        return messages

    def write(self, vals):
        if set(vals) - MESSAGE_FREE_FIELDS:
            self._check_meeting_minutes_messages()
        return super().write(vals)

    def unlink(self):
        self._check_meeting_minutes_messages()
        return super().unlink()

    def _check_meeting_minutes_messages(self):
        """See meeting.minutes._check_messages_editable."""
        if self.env.su:
            return
        # sudo: which document the messages belong to, whoever changes them
        on_minutes = self.sudo().filtered(lambda m: m.model == "meeting.minutes")
        if on_minutes:
            self.env["meeting.minutes"]._check_messages_editable(on_minutes)
