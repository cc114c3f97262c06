from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .meeting_minutes_content_mixin import SYNC_KEY, WORKFLOW_TOKEN, is_sync

# fields of the event copied onto minutes that have not taken place yet
SYNCED_FIELDS = ("start", "stop", "location", "videocall_location")
# what moves the event (or unlinks it from its minutes): for their organizers only
GUARDED_FIELDS = frozenset(
    {
        *SYNCED_FIELDS,
        "duration",
        "allday",
        "start_date",
        "stop_date",
        "recurrency",
        "rrule",
        "rrule_type",
        "interval",
        "count",
        "until",
        "end_type",
        "res_id",
        "res_model_id",
        "res_model",
    }
)
# (a moved start, stop or duration changes the minutes' time)
MOVING_FIELDS = frozenset(
    {*SYNCED_FIELDS, "duration", "allday", "start_date", "stop_date"}
)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    meeting_minutes_ids = fields.One2many("meeting.minutes", "calendar_event_id")
    meeting_minutes_count = fields.Integer(compute="_compute_meeting_minutes_count")

    @api.depends("meeting_minutes_ids")
    def _compute_meeting_minutes_count(self):
        counts = dict(
            self.env["meeting.minutes"]._read_group(
                [("calendar_event_id", "in", self.ids)],
                ["calendar_event_id"],
                ["__count"],
            )
        )
        for event in self:
            event.meeting_minutes_count = counts.get(event, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if is_sync(self.env):
            return super().write(vals)
        archiving = "active" in vals and not vals["active"]
        if archiving or GUARDED_FIELDS & set(vals):
            self._check_can_change_meeting_minutes(removing=archiving)
        result = super().write(vals)
        if archiving:
            self._cancel_meeting_minutes(_("The calendar event was archived."))
        elif MOVING_FIELDS & set(vals):
            self._sync_meeting_minutes()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_cancel_meeting_minutes(self):
        self._check_can_change_meeting_minutes(removing=True)
        self._cancel_meeting_minutes(_("The calendar event was deleted."))

    def _check_can_change_meeting_minutes(self, removing=False):
        """The calendar is no back door: moving, archiving or deleting the event of
        minutes is for those who may manage the minutes (can_manage); the event of
        minutes that took place stays (it is part of their record)."""
        if self.env.su:
            return
        # sudo: the user may not read the minutes that stop him; can_manage is
        # still computed for him
        for minutes in self.sudo().meeting_minutes_ids:
            if minutes.state != "cancelled" and not minutes.can_manage:
                raise UserError(
                    _(
                        "The calendar event %(event)s holds the minutes %(minutes)s: "
                        "only their host, their recorder or a meeting manager can "
                        "move, archive or delete it.",
                        event=minutes.calendar_event_id.name,
                        minutes=minutes.display_name,
                    )
                )
            if removing and minutes.state not in ("draft", "scheduled", "cancelled"):
                raise UserError(
                    _(
                        "The calendar event %(event)s belongs to the minutes "
                        "%(minutes)s, which took place: it cannot be archived or "
                        "deleted.",
                        event=minutes.calendar_event_id.name,
                        minutes=minutes.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_meeting_minutes(self):
        """Open the minutes of this event, creating them the first time."""
        self.ensure_one()
        minutes = self.meeting_minutes_ids[:1]
        if not minutes:
            # the link to the event is the workflow's (calendar_event_id)
            minutes = (
                self.env["meeting.minutes"]
                ._workflow()
                .create(self._prepare_meeting_minutes_values())
            )
            self.with_context(**{SYNC_KEY: WORKFLOW_TOKEN}).write(
                {
                    "res_model_id": self.env["ir.model"]._get_id("meeting.minutes"),
                    "res_id": minutes.id,
                }
            )
        # a page of the app itself (its menu, its breadcrumbs), not a form
        # stacked under the calendar's
        return {
            "type": "ir.actions.act_url",
            "url": f"/odoo/meeting-minutes/{minutes.id}",
            "target": "self",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _prepare_meeting_minutes_values(self):
        self.ensure_one()
        host = self.user_id or self.env.user
        users = (self.partner_ids.user_ids | host).filtered(lambda u: not u.share)
        department = (
            host.employee_id.department_id or self.env.user.employee_id.department_id
        )
        if not department:
            raise UserError(
                _(
                    "Neither the organizer %(host)s nor you belong to a department: "
                    "set the employee's department first, the minutes need an "
                    "initiating department.",
                    host=host.name,
                )
            )
        departments = users.employee_id.department_id | department
        return {
            "name": self.name,
            # the one question the meeting settles: the event's description if it
            # has one, never its title (the organizer states it before scheduling)
            "purpose": html2plaintext(self.description or "").strip() or False,
            "start": self.start,
            "stop": self.stop,
            "location_type": "online"
            if self.videocall_location and not self.location
            else "onsite",
            "location": self.location or False,
            "meeting_url": self.videocall_location or False,
            "host_id": host.id,
            "recorder_id": self.env.user.id,
            "initiating_department_id": department.id,
            "department_ids": [(6, 0, departments.ids)],
            # the host attends too: he may be the only one of his department
            "attendee_ids": [(0, 0, {"user_id": user.id}) for user in users],
            "calendar_event_id": self.id,
            "company_id": host.company_id.id
            if host.company_id in self.env.companies
            else self.env.company.id,
            "previous_meeting_id": self._get_previous_occurrence_minutes().id,
        }

    def _get_previous_occurrence_minutes(self):
        """The minutes of the previous occurrence of a recurring event."""
        self.ensure_one()
        if not self.recurrence_id:
            return self.env["meeting.minutes"]
        return self.env["meeting.minutes"].search(
            [
                ("calendar_event_id.recurrence_id", "=", self.recurrence_id.id),
                ("start", "<", self.start),
                ("state", "!=", "cancelled"),
            ],
            order="start desc",
            limit=1,
        )

    def _sync_meeting_minutes(self):
        """Minutes that have not taken place follow their event (the user may
        manage them: see _check_can_change_meeting_minutes)."""
        for event in self:
            # sudo: most events have no minutes, and users outside the meeting
            # groups may not read any; those found are then read as the user
            minutes = (
                event.sudo()
                .meeting_minutes_ids.filtered(
                    lambda m: m.state in ("draft", "scheduled")
                )
                .with_env(self.env)
            )
            if not minutes:
                continue
            minutes.with_context(**{SYNC_KEY: WORKFLOW_TOKEN}).write(
                {
                    "start": event.start,
                    "stop": event.stop,
                    "location": event.location or False,
                    "meeting_url": event.videocall_location or False,
                }
            )
            for meeting in minutes:
                meeting.message_post(
                    body=Markup("%s<br/>%s → %s")
                    % (
                        _("The calendar event was moved."),
                        fields.Datetime.context_timestamp(
                            meeting, meeting.start
                        ).strftime("%Y-%m-%d %H:%M"),
                        fields.Datetime.context_timestamp(
                            meeting, meeting.stop
                        ).strftime("%H:%M"),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _cancel_meeting_minutes(self, reason):
        # sudo: see _sync_meeting_minutes
        minutes = (
            self.sudo()
            .meeting_minutes_ids.filtered(lambda m: m.state in ("draft", "scheduled"))
            .with_env(self.env)
        )
        if minutes:
            minutes._do_cancel(reason)
