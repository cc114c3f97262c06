from odoo import _, models
from odoo.exceptions import UserError

# what Odoo itself writes on an existing attachment when it is shared or shown
ATTACHMENT_FREE_FIELDS = frozenset({"access_token"})


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        if set(vals) - ATTACHMENT_FREE_FIELDS:
            self._check_not_approved_minutes()
        return super().write(vals)

    def unlink(self):
        self._check_not_approved_minutes()
        return super().unlink()

    def _check_not_approved_minutes(self):
        """The PDFs frozen at the approvals of minutes are the official record:
        only the superuser (e.g. deleting minutes past their retention) touches
        them."""
        if self.env.su or not self.ids:
            return
        # sudo: find whether these are frozen PDFs, whoever may see them
        frozen = (
            self.env["meeting.minutes.revision"]
            .sudo()
            .search([("attachment_id", "in", self.ids)], limit=1)
        )
        if frozen:
            raise UserError(
                _(
                    "%(file)s is the approved PDF of the minutes %(name)s: it cannot "
                    "be changed or deleted.",
                    file=frozen.attachment_id.name,
                    name=frozen.meeting_id.display_name,
                )
            )
