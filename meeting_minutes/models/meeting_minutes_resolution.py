from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MeetingMinutesResolution(models.Model):
    _name = "meeting.minutes.resolution"
    _description = "Meeting Resolution"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, sequence, id"
    _rec_name = "content"
    _check_company_auto = True
    _meeting_read_out_fields = frozenset({"content", "department_ids"})
    _meeting_workflow_fields = frozenset({"is_proposal"})

    sequence = fields.Integer(default=10)
    agenda_id = fields.Many2one(
        "meeting.minutes.agenda",
        string="Agenda Item",
        check_company=True,
        domain="[('meeting_id', '=', meeting_id)]",
    )
    content = fields.Text(
        string="Resolution",
        required=True,
        help="A conclusion every participating department must abide by.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        "meeting_minutes_resolution_department_rel",
        "resolution_id",
        "department_id",
        string="Departments Bound",
        check_company=True,
    )
    action_ids = fields.One2many(
        "meeting.minutes.action", "resolution_id", string="Action Items"
    )
    is_proposal = fields.Boolean(
        string="Proposal",
        readonly=True,
        copy=False,
        help="Written before the meeting started: a draft proposal, until the "
        "meeting confirms the minutes on the spot.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        resolutions = super().create(vals_list)
        resolutions._mark_proposals()
        return resolutions

    def _mark_proposals(self):
        """What is written before the meeting is started is prepared in advance: a
        proposal, whoever writes it and however (the form, the room, an RPC
        client), decided on the records as created. Once the host has started
        the meeting (up to its lead time before the planned start), what the
        room writes is decided in the meeting."""
        proposals = self.filtered(
            lambda r: r.meeting_id.state in ("draft", "scheduled")
        )
        if proposals:
            proposals._workflow().write({"is_proposal": True})

    @api.constrains("content")
    def _check_content(self):
        for resolution in self:
            if not (resolution.content or "").strip():
                raise ValidationError(_("A resolution needs its content."))

    @api.constrains("agenda_id", "meeting_id")
    def _check_agenda(self):
        for resolution in self:
            if (
                resolution.agenda_id
                and resolution.agenda_id.meeting_id != resolution.meeting_id
            ):
                raise ValidationError(
                    _("A resolution refers to an agenda item of its own meeting.")
                )

    def _room_agenda(self):
        """The meeting room shows it under this agenda item (none: "other")."""
        self.ensure_one()
        return self.agenda_id
