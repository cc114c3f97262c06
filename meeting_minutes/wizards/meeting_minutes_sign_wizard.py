from odoo import api, fields, models

from ..models.meeting_minutes_guard_mixin import check_values


class MeetingMinutesSignWizard(models.TransientModel):
    """The recorder signs the draft read out (then it is confirmed), or the
    approver signs the minutes (then they are approved): Odoo's signature widget,
    the person signing as themself."""

    _name = "meeting.minutes.sign.wizard"
    _description = "Meeting Minutes: Signature"

    meeting_id = fields.Many2one("meeting.minutes", required=True, readonly=True)
    role = fields.Selection(
        [("recorder", "Recorder"), ("host", "Approver")], required=True, readonly=True
    )
    # the name the signature pad writes in its "Auto" mode
    signer_name = fields.Char(default=lambda self: self.env.user.name, readonly=True)
    signature = fields.Binary()
    # what the submission will still ask after the meeting, said before signing
    submission_missing = fields.Char(compute="_compute_submission_missing")

    @api.depends("meeting_id", "role")
    def _compute_submission_missing(self):
        for wizard in self:
            meeting = wizard.meeting_id
            missing = []
            if wizard.role == "recorder" and meeting:
                # what the submission refuses, said now
                missing = meeting._get_submission_missing()
                missing += [
                    self.env._("«%(word)s» removed (%(where)s)", word=word, where=where)
                    for where, word in meeting._find_colloquialisms()
                ]
            wizard.submission_missing = "; ".join(missing) if missing else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
        wizards = super().create(vals_list)
        # the dialog as it was made, whatever default or value gave its minutes
        for wizard in wizards:
            wizard.meeting_id._check_readable()
            wizard.meeting_id._check_can_sign(wizard.role)
        return wizards

    def write(self, vals):
        check_values(self, vals)
        return super().write(vals)

    def action_sign(self):
        self.ensure_one()
        meeting = self.meeting_id
        meeting._do_sign(self.role, self.signature)
        if self.role == "recorder":
            return meeting.action_confirm()
        return meeting.action_approve()
