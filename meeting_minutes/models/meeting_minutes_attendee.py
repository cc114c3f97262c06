from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .meeting_minutes_content_mixin import OPEN_STATES, is_workflow

# what an attendee decides at the read-out: written by the attendee themself
# (action_confirm_attendance, action_object) or on their behalf by an organizer
CONFIRMATION_FIELDS = frozenset({"confirmed", "objection"})


class MeetingMinutesAttendee(models.Model):
    _name = "meeting.minutes.attendee"
    _description = "Meeting Attendee"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, department_id, attendance desc, id"
    _rec_name = "user_id"
    _check_company_auto = True
    _meeting_workflow_fields = frozenset(
        {"confirmed_on", "confirmed_by_id", "decided_self"}
    )

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
    # given on the spot: a copy of the minutes starts without them
    confirmed = fields.Boolean(
        copy=False,
        help="Confirmed the resolutions and action items read out at the end of the "
        "meeting.",
    )
    objection = fields.Text(
        copy=False, help="The objection raised at the confirmation."
    )
    objection_answer = fields.Text(
        string="Recorder's Answer",
        copy=False,
        help="How the minutes take the objection, written by the recorder before "
        "the confirmation: what was amended, or why not. The host reads it before "
        "approving; the PDF prints it under the objection.",
    )
    confirmed_on = fields.Datetime(
        string="Decided On",
        readonly=True,
        copy=False,
        help="When the confirmation or the objection was recorded.",
    )
    # the attendee confirmed or objected on their own device in this meeting,
    # once: kept when a change of the read-out asks them again, so that nobody
    # else records their decision afterwards
    decided_self = fields.Boolean(
        string="Decided Themself",
        readonly=True,
        copy=False,
    )
    confirmed_by_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        readonly=True,
        copy=False,
        help="The attendee, who confirmed on their own device, or the organizer who "
        "recorded it for them.",
    )
    is_recorded_by_other = fields.Boolean(compute="_compute_is_recorded_by_other")
    is_me = fields.Boolean(compute="_compute_is_me")

    _sql_constraints = [
        (
            "meeting_user_uniq",
            "unique(meeting_id, user_id)",
            "A person attends a meeting only once.",
        ),
    ]

    @api.depends("confirmed_by_id", "user_id")
    def _compute_is_recorded_by_other(self):
        for attendee in self:
            attendee.is_recorded_by_other = bool(
                attendee.confirmed_by_id
                and attendee.confirmed_by_id != attendee.user_id
            )

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_me(self):
        for attendee in self:
            attendee.is_me = attendee.user_id == self.env.user

    def _room_agenda(self):
        """While the meeting is in progress the room shows who confirmed or
        objected (no agenda item): the rooms open on it hear of every change."""
        self.ensure_one()
        if self.meeting_id.state != "in_progress":
            return None
        return self.env["meeting.minutes.agenda"]

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        decided = attendees.filtered(lambda a: a.confirmed or a.objection)
        if decided:
            if not is_workflow(self.env):
                decided._check_can_decide(deciding=False)
            decided._stamp_decision()
        return attendees

    def write(self, vals):
        changed = self.browse()
        if CONFIRMATION_FIELDS & vals.keys():
            changed = self.filtered(
                lambda a: any(
                    (a[name] or False) != (vals[name] or False)
                    for name in CONFIRMATION_FIELDS & vals.keys()
                )
            )
        if not is_workflow(self.env) and set(vals) - {
            "confirmed_on",
            "confirmed_by_id",
        }:
            self.check_access("write")
            self._check_attendance_open(self.meeting_id)
        if changed and not is_workflow(self.env):
            # the access rules and the lock of the minutes first (their messages)
            changed.check_access("write")
            changed._check_decision_state()
            changed._check_own_decision()
        if "user_id" in vals and not is_workflow(self.env):
            self.filtered(lambda a: a.user_id.id != vals["user_id"])._check_undecided(
                deleting=False
            )
        result = super().write(vals)
        if changed and not is_workflow(self.env):
            changed._check_can_decide(deciding=False)
        changed._stamp_decision()
        return result

    def _check_create_values(self, vals_list):
        result = super()._check_create_values(vals_list)
        self._check_attendance_open(self._get_meetings_from_values(vals_list))
        return result

    def _check_created(self):
        result = super()._check_created()
        self._check_attendance_open(self.meeting_id)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_attendance(self):
        if not is_workflow(self.env):
            self._check_attendance_open(self.meeting_id)
            self._check_undecided(deleting=True)

    def _check_own_decision(self):
        """What an attendee confirmed or objected to on their own device is
        theirs: an organizer records a decision for someone without a device,
        and does not change one given by the attendee themself."""
        for attendee in self:
            decided = attendee.confirmed or attendee.objection
            by_self = decided and attendee.confirmed_by_id == attendee.user_id
            if (by_self or attendee.decided_self) and self.env.user != attendee.user_id:
                raise UserError(
                    _(
                        "%(name)s confirmed or objected on their own device: only "
                        "they change it.",
                        name=attendee.user_id.name,
                    )
                )

    def _check_undecided(self, deleting):
        """A line with a confirmation or an objection is part of what was decided
        on the spot (while the meeting is in progress; then the attendance and
        the content lock it): not deleted, nor given to someone else."""
        for attendee in self:
            decided = attendee.confirmed or attendee.objection
            if not decided or attendee.meeting_id.state != "in_progress":
                continue
            if deleting:
                message = _(
                    "%(name)s has confirmed or objected on the spot: the line is "
                    "not deleted.",
                    name=attendee.user_id.name,
                )
            else:
                message = _(
                    "%(name)s has confirmed or objected on the spot: the line is "
                    "not given to someone else.",
                    name=attendee.user_id.name,
                )
            raise UserError(message)

    def _check_attendance_open(self, meetings):
        """Once confirmed on the spot, the attendance (who came, who objected) is
        part of the record: it no longer changes, a revision included."""
        for meeting in meetings:
            if meeting.state == "confirmed":
                raise UserError(
                    _(
                        "The attendance of %(name)s was confirmed on the spot with "
                        "the draft: it no longer changes.",
                        name=meeting.display_name,
                    )
                )

    def _stamp_decision(self):
        """Who recorded the confirmation or the objection, and when: the current
        user (the attendee on their own device, or an organizer for them)."""
        now = fields.Datetime.now()
        for attendee in self:
            decided = attendee.confirmed or bool(attendee.objection)
            # the system itself (demo data, an import run as the superuser) records
            # for the meeting's recorder, not for "OdooBot"
            recorder = (
                attendee.meeting_id.recorder_id
                if self.env.uid == SUPERUSER_ID
                else self.env.user
            )
            values = {
                "confirmed_on": decided and now,
                "confirmed_by_id": decided and recorder.id,
            }
            if decided and recorder == attendee.user_id:
                values["decided_self"] = True
            attendee._workflow().write(values)

    def _check_decision_state(self):
        for attendee in self:
            meeting = attendee.meeting_id
            if meeting.state not in OPEN_STATES:
                self._raise_locked(meeting)
            if meeting.state != "in_progress":
                raise UserError(
                    _(
                        "The attendees confirm or object on the spot, while the "
                        "meeting %(name)s is in progress; it is %(state)s.",
                        name=meeting.display_name,
                        state=meeting._state_label(meeting.state),
                    )
                )

    def _check_can_decide(self, deciding=True):
        """Confirmations and objections are given on the spot: while the meeting is
        in progress, by present attendees (``deciding``: about to confirm or
        object; otherwise the lines as written, a cleared decision allowed)."""
        self._check_decision_state()
        for attendee in self:
            decided = deciding or attendee.confirmed or attendee.objection
            if decided and attendee.attendance != "present":
                raise UserError(
                    _(
                        "%(name)s is recorded absent: an absentee leaves a written "
                        "opinion instead.",
                        name=attendee.user_id.name,
                    )
                )

    def _check_is_attendee_self(self):
        for attendee in self:
            if attendee.user_id != self.env.user:
                raise UserError(
                    _(
                        "Only %(name)s confirms or objects for themself; an organizer "
                        "records it for an attendee without a device.",
                        name=attendee.user_id.name,
                    )
                )

    def _read_out_version(self, read_out_version):
        """The version of the read-out the attendee saw: given by the room, or
        in the context by the form's button."""
        if read_out_version is None:
            read_out_version = self.env.context.get("meeting_minutes_read_out_version")
        return read_out_version

    def _check_one_objection(self, text):
        """An objection is one attendee's, in words (an RPC client may send
        several lines, or anything as the text)."""
        if len(self) != 1 or not (type(self.id) is int and 0 < self.id < 2**31):
            raise UserError(_("An objection is made on one attendance line."))
        if text is not None and not isinstance(text, str):
            raise UserError(_("Write the objection."))

    def action_confirm_attendance(self, read_out_version=None):
        """The attendee, logged in as themself, confirms what was read out (the
        version of the read-out they saw, ``read_out_version``)."""
        self._check_is_attendee_self()
        self._check_can_decide()
        for meeting in self.meeting_id:
            meeting._lock_for_decision(self._read_out_version(read_out_version))
        # sudo: attendees do not edit the attendance lines; the checks above are
        # this action's rule
        self.sudo().write({"confirmed": True, "objection": False})
        return True

    def action_confirm_on_behalf(self, read_out_version=None):
        """An organizer records the confirmation of an attendee without a device
        (the form asks first: the line will say who recorded it). The rules are
        those of any write of a decision: the organizer's, while the meeting is
        in progress, never over a decision the attendee gave themself."""
        self.ensure_one()
        for meeting in self.meeting_id:
            meeting._lock_for_decision(self._read_out_version(read_out_version))
        self.write({"confirmed": True, "objection": False})
        return True

    def action_object(self, text=None, read_out_version=None):
        """The attendee, logged in as themself, objects; without ``text`` the
        dialog that asks for it."""
        self._check_one_objection(text)
        self._check_is_attendee_self()
        self._check_can_decide()
        version = self._read_out_version(read_out_version)
        if text is None:
            return {
                "type": "ir.actions.act_window",
                "name": _("Objection"),
                "res_model": "meeting.minutes.reason.wizard",
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {
                    "default_mode": "objection",
                    "default_meeting_ids": self.meeting_id.ids,
                    "default_attendee_id": self.id,
                    "meeting_minutes_read_out_version": version,
                },
            }
        text = (text or "").strip()
        if not text:
            raise UserError(_("Write the objection."))
        self.meeting_id._lock_for_decision(version)
        self.sudo().write({"confirmed": False, "objection": text})
        return True

    def _report_confirmation_rows(self):
        """The rows of the attendee in the PDF's confirmation table, as (kind,
        text): the objection then the recorder's answer, each in pieces of a few
        lines (meeting_minutes_report_layout.py), kind "objection" or "answer" on
        the first piece, "" on the pieces continuing it; one empty row for an
        attendee without objection."""
        self.ensure_one()
        if self.attendance != "present" or not self.objection:
            return [("", "")]
        Minutes = self.env["meeting.minutes"]
        rows = []
        for kind, text in (
            ("objection", self.objection),
            ("answer", self.objection_answer),
        ):
            if text:
                rows += [
                    ("" if index else kind, chunk)
                    for index, chunk in enumerate(Minutes._report_chunks(text, 0.5))
                ]
        return rows

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

    @api.constrains("attendance", "confirmed", "objection")
    def _check_confirmed_present(self):
        for attendee in self:
            if attendee.attendance == "absent" and (
                attendee.confirmed or attendee.objection
            ):
                raise ValidationError(
                    _(
                        "%(name)s was absent and cannot confirm or object on the "
                        "spot; record a written opinion instead.",
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
