from odoo import _, api, models
from odoo.exceptions import UserError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_meeting_minutes(self):
        """A department of minutes that took place is part of their record."""
        # sudo: HR officers delete departments, whatever minutes they may read
        meetings = (
            self.env["meeting.minutes"]
            .sudo()
            .search(
                [
                    "|",
                    ("initiating_department_id", "in", self.ids),
                    ("department_ids", "in", self.ids),
                    ("state", "not in", ("draft", "cancelled")),
                ],
                limit=1,
            )
        )
        if meetings:
            raise UserError(
                _(
                    "The department takes part in the minutes %(name)s: archive it "
                    "instead of deleting it.",
                    name=meetings.display_name,
                )
            )
