from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext

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
# all that one who does not organize the minutes changes of their event: his
# own answer to the invitation, on his attendee line (Odoo's accept / decline
# buttons and the invitation's links write it) ...
ANSWER_FIELDS = frozenset({"state", "availability"})
# ... also through the event (each line is checked by calendar.attendee)
ANSWER_EVENT_FIELDS = frozenset({"attendee_ids"})


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    meeting_minutes_ids = fields.One2many("meeting.minutes", "calendar_event_id")
    meeting_minutes_count = fields.Integer(compute="_compute_meeting_minutes_count")
    # those who may read the minutes of a private event see it as its attendees
    # do (_check_private_event_conditions)
    is_meeting_minutes_reader = fields.Boolean(
        compute="_compute_is_meeting_minutes_reader",
        search="_search_is_meeting_minutes_reader",
        compute_sudo=False,
    )

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

    @api.depends("meeting_minutes_ids")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_meeting_minutes_reader(self):
        # searched from the minutes, as the user: the rules of the minutes decide,
        # and no field of the events is read (this runs while the calendar masks
        # them, see _check_private_event_conditions)
        Minutes = self._meeting_minutes_as_user()
        event_ids = [event_id for event_id in self._origin.ids if event_id]
        readable = set()
        if event_ids and Minutes.has_access("read"):
            readable = {
                event.id
                for [event] in Minutes._read_group(
                    [("calendar_event_id", "in", event_ids)], ["calendar_event_id"]
                )
            }
        for event in self:
            event.is_meeting_minutes_reader = event._origin.id in readable

    def _search_is_meeting_minutes_reader(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        # as the user, in a record rule too (which Odoo applies as superuser)
        Minutes = self._meeting_minutes_as_user()
        if Minutes.has_access("read"):
            query = Minutes._search([("calendar_event_id", "!=", False)])
            domain = [("id", "in", query.subselect("calendar_event_id"))]
        else:
            domain = expression.FALSE_DOMAIN
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("meeting_minutes_ids", "partner_ids")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # the calendar names the private events the user does not see "Busy"
        # (_check_private_event_conditions); what he sees of an event of minutes
        # depends on who he is, also through a many2one (its display name is
        # computed as superuser: fields.Many2one.convert_to_read)
        return super()._compute_display_name()

    def _meeting_minutes_as_user(self):
        """The minutes as the user sees them, even under sudo: whether he may see
        an event of minutes is his own, whoever asks (a many2one's display name,
        a record rule: both are computed as superuser)."""
        return self.env["meeting.minutes"].with_user(self.env.uid)

    # ------------------------------------------------------------
    # PRIVACY
    # ------------------------------------------------------------

    def _check_private_event_conditions(self):
        """The event of minutes is private (_prepare_calendar_event_values): the
        calendar shows outsiders its time and nothing else (its name is "Busy");
        those who may read the minutes see it all, like its attendees."""
        return (
            super()._check_private_event_conditions()
            and not self.is_meeting_minutes_reader
        )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if is_sync(self.env):
            # sudo: the minutes' own writes (moved, cancelled, invitations) for
            # those who may manage them (checked by the minutes), who need not
            # attend the event: a private event is for its attendees to change
            events_sudo = self.sudo()
            return super(CalendarEvent, events_sudo).write(vals)
        archiving = "active" in vals and not vals["active"]
        if archiving or GUARDED_FIELDS & set(vals):
            self._check_can_change_meeting_minutes(removing=archiving)
        if set(vals) - ANSWER_EVENT_FIELDS:
            self._check_is_meeting_minutes_organizer()
        result = super().write(vals)
        if "privacy" in vals:
            self._check_meeting_minutes_private()
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
        # still computed for him, and they are named only to those who may read
        # them
        for minutes_sudo in self._get_meeting_minutes_sudo():
            # named by their reader only, as he reads the event
            event = minutes_sudo.calendar_event_id.with_env(self.env)
            readable = minutes_sudo.with_env(self.env).has_access("read")
            if minutes_sudo.state != "cancelled" and not minutes_sudo.can_manage:
                if not readable:
                    raise UserError(
                        _(
                            "This calendar event holds the minutes of a meeting: "
                            "only their host, their recorder or a meeting manager "
                            "can move, archive or delete it."
                        )
                    )
                raise UserError(
                    _(
                        "The calendar event %(event)s holds the minutes %(minutes)s: "
                        "only their host, their recorder or a meeting manager can "
                        "move, archive or delete it.",
                        event=event.display_name,
                        minutes=minutes_sudo.display_name,
                    )
                )
            if removing and minutes_sudo.state not in (
                "draft",
                "scheduled",
                "cancelled",
            ):
                if not readable:
                    raise UserError(
                        _(
                            "This calendar event belongs to the minutes of a "
                            "meeting that took place: it cannot be archived or "
                            "deleted."
                        )
                    )
                raise UserError(
                    _(
                        "The calendar event %(event)s belongs to the minutes "
                        "%(minutes)s, which took place: it cannot be archived or "
                        "deleted.",
                        event=event.display_name,
                        minutes=minutes_sudo.display_name,
                    )
                )

    def _check_is_meeting_minutes_organizer(self):
        """The event of minutes, its attendees included, is the minutes' business:
        those who may manage them (can_manage: their host, their recorder, a
        meeting manager) change it, and the others answer their own invitation
        (calendar.attendee). Cancelled minutes too: they still hold the event,
        its description is their purpose and agenda, and they may come back."""
        if self.env.su:
            return
        # sudo: see _check_can_change_meeting_minutes
        for minutes_sudo in self._get_meeting_minutes_sudo():
            if minutes_sudo.can_manage:
                continue
            if not minutes_sudo.with_env(self.env).has_access("read"):
                raise AccessError(
                    _(
                        "This calendar event holds the minutes of a meeting: only "
                        "their host, their recorder or a meeting manager can change "
                        "it or its attendees. You may only answer your own "
                        "invitation."
                    )
                )
            raise AccessError(
                _(
                    "The calendar event %(event)s holds the minutes %(minutes)s: "
                    "only their host, their recorder or a meeting manager can "
                    "change it or its attendees. You may only answer your own "
                    "invitation.",
                    event=minutes_sudo.calendar_event_id.with_env(
                        self.env
                    ).display_name,
                    minutes=minutes_sudo.display_name,
                )
            )

    def _check_meeting_minutes_private(self):
        """The event of minutes stays private (what it shows outsiders, see
        _check_private_event_conditions), whoever changes it."""
        for event in self._get_meeting_minutes_sudo().calendar_event_id:
            if event.privacy != "private":
                raise UserError(
                    _(
                        "The calendar event %(event)s holds meeting minutes: it "
                        "stays private.",
                        event=event.with_env(self.env).display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_meeting_minutes(self):
        """Open the minutes of this event (for those who may read them), creating
        them the first time (see _check_can_start_meeting_minutes)."""
        self.ensure_one()
        # one event, one set of minutes: two users opening it at once wait for
        # each other, and the second finds the minutes of the first (his request
        # is retried once the first has written the event)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM calendar_event WHERE id = %s FOR NO KEY UPDATE",
                self.id,
            )
        )
        minutes_sudo = self._get_meeting_minutes_sudo()[:1]
        if minutes_sudo:
            minutes = minutes_sudo.with_env(self.env)
            if not minutes.has_access("read"):
                # nothing of the minutes, nor of the event they made private
                raise AccessError(
                    _(
                        "This calendar event already has its meeting minutes, "
                        "which you may not read: ask its organizer %(organizer)s "
                        "to invite you.",
                        organizer=self.user_id.name,
                    )
                )
        else:
            self._check_can_start_meeting_minutes()
            # the link to the event is the workflow's (calendar_event_id); the
            # event becomes the minutes' own, private like them
            minutes = (
                self.env["meeting.minutes"]
                ._workflow()
                .create(self._prepare_meeting_minutes_values())
            )
            self.with_context(**{SYNC_KEY: WORKFLOW_TOKEN}).write(
                {
                    "res_model_id": self.env["ir.model"]._get_id("meeting.minutes"),
                    "res_id": minutes.id,
                    "privacy": "private",
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

    def _get_meeting_minutes_sudo(self):
        """The minutes of these events, cancelled ones included, out of the
        user's reach (sudo: the callers decide what he may do with them).
        Searched, not read through meeting_minutes_ids: the calendar masks the
        fields of a private event for those who do not attend it, in the cache
        every environment shares."""
        if not self.ids:
            return self.env["meeting.minutes"].sudo()
        return (
            self.env["meeting.minutes"]
            .sudo()
            .search([("calendar_event_id", "in", self.ids)])
        )

    def _check_can_start_meeting_minutes(self):
        """The minutes of an event are started by its organizer, one of its
        attendees or a meeting manager: they move, archive the event and invite
        its attendees in the organizer's name. Nobody takes over a private event
        he does not attend (he sees nothing of it)."""
        self.ensure_one()
        if self.env.su:
            return
        if self._check_private_event_conditions():
            raise AccessError(
                _(
                    "This calendar event is private: only its organizer or its "
                    "attendees can start its meeting minutes."
                )
            )
        user = self.env.user
        if (
            user.has_group("meeting_minutes.group_meeting_manager")
            or user == self.user_id
            or user.partner_id in self.partner_ids
        ):
            return
        raise AccessError(
            _(
                "Only the organizer of the calendar event %(event)s, its attendees "
                "or a meeting manager can start its meeting minutes.",
                event=self.display_name,
            )
        )

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
                event._get_meeting_minutes_sudo()
                .filtered(lambda m: m.state in ("draft", "scheduled"))
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
                meeting._workflow().message_post(
                    body=Markup("%s<br/>%s → %s")
                    % (
                        _("The calendar event was moved."),
                        meeting._format_when(meeting.start),
                        meeting._format_when(meeting.stop, time_only=True),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _cancel_meeting_minutes(self, reason):
        # sudo: see _sync_meeting_minutes
        minutes = (
            self._get_meeting_minutes_sudo()
            .filtered(lambda m: m.state in ("draft", "scheduled"))
            .with_env(self.env)
        )
        if minutes:
            minutes._do_cancel(reason)


class CalendarAttendee(models.Model):
    """The attendees of an event of minutes are the minutes' business (see
    CalendarEvent._check_is_meeting_minutes_organizer); the minutes push theirs
    to the event themselves, as superuser (is_sync)."""

    _inherit = "calendar.attendee"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        # the result: the events the lines joined, whoever chose them (a value,
        # a default_event_id, a command of the event)
        attendees._get_events_of_attendees()._check_is_meeting_minutes_organizer()
        return attendees

    def write(self, vals):
        if set(vals) <= ANSWER_FIELDS:
            result = super().write(vals)
            self._check_meeting_minutes_answer()
            return result
        # the events the lines leave, then those they join
        self._get_events_of_attendees()._check_is_meeting_minutes_organizer()
        result = super().write(vals)
        self._get_events_of_attendees()._check_is_meeting_minutes_organizer()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_meeting_minutes(self):
        self._get_events_of_attendees()._check_is_meeting_minutes_organizer()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_meeting_minutes_answer(self):
        """Everyone answers his own invitation; the answers of others, on an event
        of minutes, are for the minutes' organizers."""
        if self.env.su:
            return
        partner = self.env.user.partner_id
        # sudo: whose line it is, on lines the user may not read (the record rule
        # calendar_attendee_rule_meeting_minutes hides those of the events of
        # minutes he does not see)
        attendees_sudo = self.sudo()
        others_sudo = attendees_sudo.filtered(lambda a: a.partner_id != partner)
        others_sudo.event_id.with_env(self.env)._check_is_meeting_minutes_organizer()

    def _get_events_of_attendees(self):
        """The events of these lines, as the user: his checks decide."""
        if self.env.su:
            return self.event_id
        # sudo: event_id only, of lines the user may not read (see
        # _check_meeting_minutes_answer)
        attendees_sudo = self.sudo()
        return attendees_sudo.event_id.with_env(self.env)
