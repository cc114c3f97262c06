from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MeetingMinutesAgenda(models.Model):
    _name = "meeting.minutes.agenda"
    _description = "Meeting Agenda Item"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Agenda Item", required=True)
    statement_ids = fields.One2many(
        "meeting.minutes.statement", "agenda_id", string="Statements", copy=True
    )
    statement_count = fields.Integer(compute="_compute_statement_count")
    # a line field: the content mixin locks it with the rest of the minutes
    planned_minutes = fields.Integer(
        help="The time planned for the item: the meeting room shows when it runs over.",
    )

    @api.depends("statement_ids")
    def _compute_statement_count(self):
        for item in self:
            item.statement_count = len(item.statement_ids)

    def action_open_statements(self):
        """The statements of one agenda item, department by department."""
        self.ensure_one()
        if not self.id:
            raise UserError(_("Save the minutes first: the agenda item is new."))
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "meeting.minutes.agenda",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("meeting_minutes.meeting_minutes_agenda_view_form").id,
                    "form",
                )
            ],
            "target": "new",
        }
