from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.meeting_minutes_guard_mixin import check_values


class MeetingMinutesReasonWizard(models.TransientModel):
    """The reason that a step of the workflow asks for: a short notice, a rejection,
    a cancellation or a reset to draft."""

    _name = "meeting.minutes.reason.wizard"
    _description = "Meeting Minutes: Reason"

    meeting_ids = fields.Many2many("meeting.minutes", string="Meetings", required=True)
    mode = fields.Selection(
        [
            ("short_notice", "Short Notice"),
            ("reject", "Reject"),
            ("cancel", "Cancel"),
            ("reset", "Reset to Draft"),
            ("revise", "Revise"),
            ("objection", "Objection"),
        ],
        required=True,
    )
    attendee_id = fields.Many2one("meeting.minutes.attendee", readonly=True)
    # one text, named as the dialog names it (the client's "invalid field"
    # message reads the field's own label): the reason, or the objection
    reason = fields.Text()
    objection = fields.Text()
    notice_working_days = fields.Integer(compute="_compute_notice_info")
    required_notice_days = fields.Integer(compute="_compute_notice_info")

    @api.depends("meeting_ids", "mode")
    def _compute_notice_info(self):
        for wizard in self:
            meeting = wizard.meeting_ids[:1]
            wizard.notice_working_days = (
                meeting._get_notice_working_days(fields.Datetime.now())
                if meeting and meeting.start
                else 0
            )
            wizard.required_notice_days = meeting.company_id.meeting_notice_days

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
        wizards = super().create(vals_list)
        # the dialog as it was made, whatever default or value gave its minutes
        for wizard in wizards:
            (wizard.meeting_ids | wizard.attendee_id.meeting_id)._check_readable()
            if wizard.attendee_id and wizard.attendee_id.meeting_id not in (
                wizard.meeting_ids
            ):
                raise UserError(_("The objection is made on the minutes it is about."))
        return wizards

    def write(self, vals):
        check_values(self, vals)
        return super().write(vals)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "objection":
            reason = (self.objection or "").strip()
            if not reason:
                raise UserError(_("Write the objection."))
        else:
            reason = (self.reason or "").strip()
            if not reason:
                raise UserError(_("Give a reason."))
        meetings = self.meeting_ids
        if self.mode == "short_notice":
            meetings._check_can_schedule()
            meetings._workflow().write({"short_notice_reason": reason})
            meetings._do_schedule()
        elif self.mode == "reject":
            meetings._check_can_approve()
            meetings._do_reject(reason)
        elif self.mode == "cancel":
            meetings._check_can_cancel()
            meetings._do_cancel(reason)
        elif self.mode == "reset":
            meetings._check_state(("cancelled", "scheduled"), _("reset to draft"))
            meetings._check_is_organizer()
            meetings._do_reset(reason)
        elif self.mode == "revise":
            meetings._check_can_revise()
            meetings._do_revise(reason)
        elif self.mode == "objection":
            if not self.attendee_id:
                raise UserError(_("Whose objection is it? Object from your line."))
            self.attendee_id.action_object(reason)
        return {"type": "ir.actions.act_window_close"}
