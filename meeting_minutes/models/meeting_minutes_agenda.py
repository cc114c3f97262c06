from collections import Counter

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

    # meeting_id: fetched with the items (a stored dependency), see below
    @api.depends("meeting_id", "statement_ids")
    def _compute_statement_count(self):
        """Counted on the statements of the minutes, whose list the form reads
        anyway, rather than on each item's own list (one query of the form less).
        The statements follow the rules of their item, both are the minutes':
        read as such, without checking the items' rules again in Python. An item
        being edited (a new record of an onchange) counts its own list."""
        saved = self.filtered(lambda item: isinstance(item.id, int))
        counts = Counter(
            statement.agenda_id.id
            for statement in saved.meeting_id.sudo().statement_ids
        )
        for item in self:
            if isinstance(item.id, int):
                item.statement_count = counts[item.id]
            else:
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

    def _report_statements(self):
        """The item's statements as the PDF prints them, in the room's order:
        the initiating department's, the other departments' by name, then the
        consensus of all departments; within a department, as they were said.
        No statement for no item (minutes without an agenda item)."""
        initiating = self.meeting_id[:1].initiating_department_id

        def key(statement):
            department = statement.department_id
            return (
                not department,
                department != initiating,
                department.display_name or "",
                statement.sequence,
                statement.id,
            )

        return self.statement_ids.sorted(key)
