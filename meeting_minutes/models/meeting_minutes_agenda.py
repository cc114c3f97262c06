from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MeetingMinutesAgenda(models.Model):
    _name = "meeting.minutes.agenda"
    _description = "Meeting Agenda Item"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Agenda Item", required=True)
    statement_ids = fields.One2many(
        "meeting.minutes.statement", "agenda_id", string="Statements", copy=True
    )
    statement_count = fields.Integer(compute="_compute_statement_count")

    @api.depends("statement_ids")
    def _compute_statement_count(self):
        for item in self:
            item.statement_count = len(item.statement_ids)

    def action_open_statements(self):
        """The statements of one agenda item, department by department."""
        self.ensure_one()
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


class MeetingMinutesStatement(models.Model):
    _name = "meeting.minutes.statement"
    _description = "Department Statement on an Agenda Item"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "agenda_id, sequence, id"
    _rec_name = "content"

    agenda_id = fields.Many2one(
        "meeting.minutes.agenda",
        string="Agenda Item",
        required=True,
        ondelete="cascade",
        index=True,
    )
    # the meeting of the agenda item, known before the line is inserted
    meeting_id = fields.Many2one(
        related="agenda_id.meeting_id", store=True, precompute=True, readonly=True
    )
    company_id = fields.Many2one(related="agenda_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("hr.department", index=True)
    speaker_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    kind = fields.Selection(
        [
            ("problem", "Problem Statement"),
            ("opinion", "Differing Opinion"),
            ("consensus", "Consensus Direction"),
        ],
        required=True,
        default="problem",
    )
    content = fields.Text(required=True)

    def _get_meetings(self):
        return self.mapped("agenda_id.meeting_id")

    @api.model_create_multi
    def create(self, vals_list):
        agenda_ids = {vals.get("agenda_id") for vals in vals_list} - {False, None}
        self.env["meeting.minutes.agenda"].browse(
            agenda_ids
        ).meeting_id._check_content_editable()
        return super().create(vals_list)

    @api.onchange("speaker_id")
    def _onchange_speaker_id(self):
        if self.speaker_id.employee_id.department_id:
            self.department_id = self.speaker_id.employee_id.department_id

    @api.constrains("department_id", "kind", "agenda_id")
    def _check_department(self):
        for statement in self:
            meeting = statement.agenda_id.meeting_id
            if not statement.department_id:
                if statement.kind != "consensus":
                    raise ValidationError(
                        _(
                            "Say which department makes the statement on "
                            "'%(item)s'; only the consensus belongs to the meeting.",
                            item=statement.agenda_id.name,
                        )
                    )
                continue
            allowed = meeting.department_ids | meeting.initiating_department_id
            if statement.department_id not in allowed:
                raise ValidationError(
                    _(
                        "%(department)s does not participate in the meeting "
                        "%(meeting)s: add it to the participating departments "
                        "first.",
                        department=statement.department_id.display_name,
                        meeting=meeting.name,
                    )
                )
