from odoo import api, models

# models whose rows are readable exactly where their meeting is: their record
# rules are the meeting's, applied through meeting_id (as Odoo does for the
# parents of _inherits), so that the rules of the minutes are written once
FOLLOWS_MEETING_RULES = (
    "meeting.minutes.acknowledgement",
    "meeting.minutes.compliance.report",
)


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        domain = super()._compute_domain(model_name, mode=mode)
        if model_name in FOLLOWS_MEETING_RULES and mode == "read":
            meeting_domain = super()._compute_domain("meeting.minutes", mode)
            if meeting_domain:
                domain = (
                    [*domain, ("meeting_id", "any", meeting_domain)]
                    if domain
                    else [("meeting_id", "any", meeting_domain)]
                )
        return domain
