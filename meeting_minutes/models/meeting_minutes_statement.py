from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MeetingMinutesStatement(models.Model):
    _name = "meeting.minutes.statement"
    _description = "Department Statement on an Agenda Item"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "agenda_id, sequence, id"
    _rec_name = "content"
    _check_company_auto = True
    _meeting_parent_field = "agenda_id"

    agenda_id = fields.Many2one(
        "meeting.minutes.agenda",
        string="Agenda Item",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    # the meeting of the agenda item, known before the line is inserted
    meeting_id = fields.Many2one(
        related="agenda_id.meeting_id", store=True, precompute=True, readonly=True
    )
    company_id = fields.Many2one(related="agenda_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("hr.department", index=True, check_company=True)
    speaker_id = fields.Many2one(
        "res.users", check_company=True, domain="[('share', '=', False)]"
    )
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

    @api.constrains("content")
    def _check_content(self):
        for statement in self:
            if not (statement.content or "").strip():
                raise ValidationError(
                    _(
                        "A statement on '%(item)s' needs its content.",
                        item=statement.agenda_id.name,
                    )
                )

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

    def _room_agenda(self):
        """The meeting room shows it under this agenda item (none: "other")."""
        self.ensure_one()
        return self.agenda_id
