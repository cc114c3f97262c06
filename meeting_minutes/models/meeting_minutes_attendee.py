from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MeetingMinutesAttendee(models.Model):
    _name = "meeting.minutes.attendee"
    _description = "Meeting Attendee"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, department_id, attendance desc, id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    partner_id = fields.Many2one(related="user_id.partner_id")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    job_title = fields.Char(compute="_compute_job_title", store=True, readonly=False)
    attendance = fields.Selection(
        # "attending" reads right before the meeting (expected) and after it
        [("present", "Attending"), ("absent", "Absent")],
        required=True,
        default="present",
        help="Record an absence (with its reason) before or during the meeting; "
        "an absentee may leave a written opinion.",
    )
    absence_reason = fields.Char(
        help="E.g. visiting a customer, written opinion submitted in advance."
    )
    written_opinion = fields.Text(help="The opinion an absentee submitted in writing.")
    material_to_prepare = fields.Char(
        help="What this person brings to the meeting, e.g. the department's "
        "requirement list or a data report."
    )
    confirmed = fields.Boolean(
        help="Confirmed the resolutions and action items read out at the end of the "
        "meeting."
    )
    objection = fields.Text(help="The objection raised at the confirmation.")

    _sql_constraints = [
        (
            "meeting_user_uniq",
            "unique(meeting_id, user_id)",
            "A person attends a meeting only once.",
        ),
    ]

    @api.depends("user_id")
    def _compute_department_id(self):
        for attendee in self:
            attendee.department_id = attendee.user_id.employee_id.department_id

    @api.depends("user_id")
    def _compute_job_title(self):
        for attendee in self:
            attendee.job_title = attendee.user_id.employee_id.job_title or False

    @api.constrains("attendance", "absence_reason")
    def _check_absence_reason(self):
        for attendee in self:
            if (
                attendee.attendance == "absent"
                and not (attendee.absence_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "%(name)s is absent: record the reason of the absence.",
                        name=attendee.user_id.name,
                    )
                )

    @api.constrains("attendance", "confirmed")
    def _check_confirmed_present(self):
        for attendee in self:
            if attendee.attendance == "absent" and attendee.confirmed:
                raise ValidationError(
                    _(
                        "%(name)s was absent and cannot confirm on the spot; record "
                        "a written opinion instead.",
                        name=attendee.user_id.name,
                    )
                )

    @api.onchange("attendance")
    def _onchange_attendance(self):
        if self.attendance == "absent":
            self.confirmed = False

    @api.onchange("absence_reason")
    def _onchange_absence_reason(self):
        """A reason of absence typed first means the person is absent."""
        if (self.absence_reason or "").strip() and self.attendance == "present":
            self.attendance = "absent"
            self.confirmed = False
