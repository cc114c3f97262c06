import hashlib
from collections import Counter
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _lang_get, _tz_get

from .meeting_minutes_content_mixin import (
    OPEN_STATES,
    SYNC_KEY,
    WORKFLOW_TOKEN,
    is_sync,
)

# what may change in the minutes while their content is open (OPEN_STATES): an
# allowlist, so that a field added later is locked until it is listed here
CONTENT_FIELDS = frozenset(
    {
        "name",
        "purpose",
        "initiating_department_id",
        "department_ids",
        "host_id",
        "host_job_title",
        "recorder_id",
        "recorder_job_title",
        "start",
        "stop",
        "tz",
        "location_type",
        "location",
        "meeting_url",
        "cc_user_ids",
        "attendee_ids",
        "agenda_ids",
        "statement_ids",
        "resolution_ids",
        "action_ids",
        "followup_ids",
        "previous_meeting_id",
        "company_id",
    }
)
# what only the workflow's methods write (see WORKFLOW_TOKEN); in a create, only
# their default
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "reference",
        "calendar_event_id",
        "notice_date",
        "notice_given_days",
        "short_notice_reason",
        "signed_by_id",
        "signed_on",
        "recorder_signature",
        "recorder_signed_on",
        "host_signature",
        "host_signed_on",
        "submitted_on",
        "completed_on",
        "approved_by_id",
        "approved_on",
        "reject_reason",
        "distribution_deadline",
        "distributed_on",
        "distribution_working_days",
        "acknowledgement_ids",
        "completion_late_notified",
        "distribution_late_notified",
        "archive_code",
        "archived_on",
        "retention_date",
        "approved_report_id",
        "approved_report_sha256",
        "revision_number",
        "revision_reason",
        "revision_ids",
        "read_out_version",
        "read_out_digest",
    }
)
MINUTES_REPORT = "meeting_minutes.action_report_meeting_minutes"


# the kanban's folded columns: nobody has work left on these minutes
FOLDED_STATES = ("distributed", "archived", "cancelled")


class MeetingMinutes(models.Model):
    _name = "meeting.minutes"
    _description = "Meeting Minutes"
    # the guard first: its checks run before the chatter's tracking reads the
    # records
    _inherit = [
        "meeting.minutes.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "meeting.minutes.cron.mixin",
    ]
    _order = "start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "reference", "archive_code"]
    # the participants comment on minutes they may read (mail_message.py keeps
    # the comments to the minutes whose content is open)
    _mail_post_access = "read"
    _meeting_workflow_fields = WORKFLOW_FIELDS

    def _default_department(self):
        return self.env.user.employee_id.department_id

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Meeting Name",
        required=True,
        tracking=True,
        help="Must show the core topic, e.g. '2024 Q3 product iteration priority "
        "cross-department coordination meeting'.",
    )
    reference = fields.Char(
        readonly=True, copy=False, index="trigram", default=lambda self: _("New")
    )
    # required to schedule (_check_can_schedule): minutes opened from a calendar
    # event start without one
    purpose = fields.Text(
        string="Core Purpose",
        tracking=True,
        help="The one question the meeting must settle.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    initiating_department_id = fields.Many2one(
        "hr.department",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        default=lambda self: self._default_department(),
    )
    department_ids = fields.Many2many(
        "hr.department",
        "meeting_minutes_department_rel",
        "meeting_id",
        "department_id",
        string="Participating Departments",
        check_company=True,
        # the initiating department and the attendees' take part: added when an
        # attendee line is saved, however (the form, the room, an import); the
        # departments chosen besides them stay
        compute="_compute_department_ids",
        store=True,
        readonly=False,
    )
    host_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    host_job_title = fields.Char(
        compute="_compute_host_job_title", store=True, readonly=False
    )
    recorder_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    recorder_job_title = fields.Char(
        compute="_compute_recorder_job_title", store=True, readonly=False
    )
    start = fields.Datetime(required=True, tracking=True, index=True)
    stop = fields.Datetime(string="End", required=True, tracking=True)
    duration = fields.Float(compute="_compute_duration", store=True)
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        compute="_compute_tz",
        store=True,
        readonly=False,
        help="The time zone of the meeting: the printed minutes show its times in it, "
        "whoever prints them.",
    )
    location_type = fields.Selection(
        [("onsite", "On Site"), ("online", "Online")],
        string="Meeting Type",
        required=True,
        default="onsite",
    )
    location = fields.Char(
        string="Room / Platform",
        tracking=True,
        help="Room number, or the name of the online platform.",
    )
    meeting_url = fields.Char(string="Meeting URL")
    cc_user_ids = fields.Many2many(
        "res.users",
        "meeting_minutes_cc_user_rel",
        "meeting_id",
        "user_id",
        string="Leaders in Copy",
        check_company=True,
        domain="[('share', '=', False)]",
        help="Department directors and project owners who receive a copy of the "
        "approved minutes.",
    )
    attendee_ids = fields.One2many(
        "meeting.minutes.attendee", "meeting_id", string="Attendees", copy=True
    )
    agenda_ids = fields.One2many("meeting.minutes.agenda", "meeting_id", copy=True)
    statement_ids = fields.One2many(
        "meeting.minutes.statement", "meeting_id", string="Statements"
    )
    resolution_ids = fields.One2many(
        "meeting.minutes.resolution", "meeting_id", string="Resolutions"
    )
    action_ids = fields.One2many(
        "meeting.minutes.action", "meeting_id", string="Action Items"
    )
    previous_meeting_id = fields.Many2one(
        "meeting.minutes",
        string="Follows Up",
        index="btree_not_null",
        check_company=True,
        help="The previous meeting whose action items this meeting reviews.",
    )
    previous_action_ids = fields.One2many(
        related="previous_meeting_id.action_ids", string="Previous Action Items"
    )
    next_meeting_ids = fields.One2many(
        "meeting.minutes",
        "previous_meeting_id",
        string="Follow-up Meetings",
        help="The meetings that review the action items of this one: their readers "
        "read these action items.",
    )
    followup_ids = fields.One2many(
        "meeting.minutes.followup", "meeting_id", string="Follow-up Review"
    )
    member_user_ids = fields.Many2many(
        "res.users",
        "meeting_minutes_member_user_rel",
        "meeting_id",
        "user_id",
        string="Members",
        compute="_compute_member_user_ids",
        store=True,
        help="Host, recorder, attendees, leaders in copy, action owners and author: "
        "the people who may read the minutes.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("in_progress", "In Progress"),
            ("confirmed", "Confirmed"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("distributed", "Distributed"),
            ("archived", "Filed"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
        group_expand="_expand_states",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    # before the meeting
    notice_date = fields.Datetime(readonly=True, copy=False)
    notice_working_days = fields.Integer(
        compute="_compute_notice_working_days",
        help="Working days between now (or the notice, once sent) and the meeting.",
    )
    is_short_notice = fields.Boolean(compute="_compute_notice_working_days")
    notice_deadline = fields.Date(
        compute="_compute_notice_deadline",
        store=True,
        help="The last day on which the invitations keep the notice rule.",
    )
    notice_given_days = fields.Integer(
        string="Working Days of Notice Given",
        copy=False,
        readonly=True,
        help="Working days between the invitations and the meeting, counted when "
        "they were sent.",
    )
    short_notice_reason = fields.Text(copy=False, tracking=True, readonly=True)
    # on-the-spot confirmation
    signed_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    signed_on = fields.Datetime(copy=False, readonly=True)
    recorder_signature = fields.Binary(
        copy=False,
        readonly=True,
        # a small PNG, kept in the row: the form reads it without a query of its own
        attachment=False,
        help="The recorder's signature of the draft read out and confirmed on the "
        "spot.",
    )
    recorder_signed_on = fields.Datetime(copy=False, readonly=True)
    # counts the changes of the read-out (resolutions, action items) while the
    # meeting is in progress: a confirmation given on an older read-out (the
    # room, the form send the version they show) is refused
    read_out_version = fields.Integer(copy=False, readonly=True)
    # the read-out the attendees' decisions are about (_get_read_out_digest): a
    # change that leaves it as it was asks nobody again
    read_out_digest = fields.Char(copy=False, readonly=True)
    host_signature = fields.Binary(
        string="Approver's Signature",
        copy=False,
        readonly=True,
        # a small PNG, kept in the row: the form reads it without a query of its own
        attachment=False,
        help="Given at the approval when the company asks for it.",
    )
    host_signed_on = fields.Datetime(
        string="Approver Signed On", copy=False, readonly=True
    )
    completion_deadline = fields.Datetime(
        compute="_compute_completion_deadline",
        store=True,
        help="The minutes must be completed (submitted) by then.",
    )
    submitted_on = fields.Datetime(copy=False, readonly=True)
    completed_on = fields.Datetime(
        copy=False,
        readonly=True,
        help="The first submission for approval: when the minutes were completed. "
        "A rejection or a revision leaves it.",
    )
    # approval and distribution
    approved_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    approved_on = fields.Datetime(copy=False, readonly=True)
    reject_reason = fields.Text(copy=False, tracking=True, readonly=True)
    distribution_deadline = fields.Date(
        copy=False, index="btree_not_null", readonly=True
    )
    distributed_on = fields.Datetime(copy=False, readonly=True)
    distribution_working_days = fields.Integer(
        copy=False,
        readonly=True,
        help="Working days between the approval and the distribution.",
    )
    acknowledgement_ids = fields.One2many(
        "meeting.minutes.acknowledgement", "meeting_id", string="Read Receipts"
    )
    # whether receipts exist (once distributed): the form reads them only then
    has_acknowledgements = fields.Boolean(
        string="Has Read Receipts", compute="_compute_has_acknowledgements", store=True
    )
    acknowledgement_count = fields.Integer(compute="_compute_acknowledgements")
    acknowledged_count = fields.Integer(compute="_compute_acknowledgements")
    unread_partner_ids = fields.Many2many(
        "res.partner",
        string="Not Read Yet",
        compute="_compute_acknowledgements",
    )
    can_acknowledge = fields.Boolean(
        compute="_compute_acknowledgements",
        help="The current user received these minutes and has not confirmed reading "
        "them.",
    )
    completion_late_notified = fields.Boolean(copy=False, readonly=True)
    distribution_late_notified = fields.Boolean(copy=False, readonly=True)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        search="_search_is_late",
        help="Minutes not submitted in time after the meeting, or approved minutes not "
        "distributed in time.",
    )
    # archiving
    archive_code = fields.Char(copy=False, index="trigram", readonly=True)
    archived_on = fields.Datetime(copy=False, readonly=True)
    retention_date = fields.Date(copy=False, readonly=True)
    approved_report_id = fields.Many2one(
        "ir.attachment", string="Approved PDF", copy=False, readonly=True
    )
    approved_report_sha256 = fields.Char(
        string="Approved PDF SHA-256",
        copy=False,
        readonly=True,
        help="The fingerprint of the approved PDF, taken when it was frozen at the "
        "approval: 'Verify' recomputes it from the stored file.",
    )
    revision_number = fields.Integer(
        string="Revision",
        copy=False,
        readonly=True,
        help="How many times the minutes were approved: 1 for the first approval, "
        "2 after a first revision, ...",
    )
    revision_reason = fields.Text(
        string="Pending Revision",
        copy=False,
        readonly=True,
        help="Why the approved minutes are being revised (until the next approval).",
    )
    revision_ids = fields.One2many(
        "meeting.minutes.revision",
        "meeting_id",
        string="Revisions",
        readonly=True,
    )
    # the objections and the recorder's answers, read by the host before approving
    objection_attendee_ids = fields.Many2many(
        "meeting.minutes.attendee",
        string="Objections",
        compute="_compute_objection_count",
    )
    objection_count = fields.Integer(compute="_compute_objection_count")
    official_lang = fields.Selection(
        selection=_lang_get,
        string="Language of the Official PDF",
        compute="_compute_official_lang",
        help="The language the minutes are printed and frozen in at the approval: "
        "the company's setting (Settings > Meeting Minutes), or else the language "
        "most of the members use.",
    )
    # counts
    attendee_count = fields.Integer(compute="_compute_attendee_counts", store=True)
    absent_count = fields.Integer(compute="_compute_attendee_counts", store=True)
    action_count = fields.Integer(compute="_compute_action_counts", store=True)
    open_action_count = fields.Integer(compute="_compute_action_counts", store=True)
    overdue_action_count = fields.Integer(compute="_compute_action_counts", store=True)
    # whether follow-up meetings exist: the form counts them only then
    has_next_meetings = fields.Boolean(
        string="Has Follow-up Meetings",
        compute="_compute_has_next_meetings",
        store=True,
    )
    next_meeting_count = fields.Integer(compute="_compute_next_meeting_count")
    to_confirm_count = fields.Integer(
        compute="_compute_to_confirm_count",
        help="Present attendees who have neither confirmed nor objected.",
    )
    is_my_department = fields.Boolean(
        compute="_compute_is_my_department", search="_search_is_my_department"
    )
    is_locked = fields.Boolean(
        compute="_compute_is_locked",
        help="The content is closed: submitted minutes wait for the approval, "
        "approved minutes are the official record (revise them to change them), "
        "cancelled minutes are reset to draft first.",
    )
    # who may do what (buttons)
    can_manage = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")
    can_revise = fields.Boolean(compute="_compute_can")
    archive_blocker = fields.Char(compute="_compute_archive_blocker")
    can_edit_content = fields.Boolean(
        compute="_compute_can_edit_content",
        help="The rule of _check_can_edit_content: the views show as editable what "
        "the server accepts.",
    )

    _sql_constraints = [
        (
            "reference_company_uniq",
            "unique(reference, company_id)",
            "The reference of the minutes must be unique per company.",
        ),
        (
            "archive_code_company_uniq",
            "unique(archive_code, company_id)",
            "Another set of minutes was filed under this archive code at the same "
            "moment: file the minutes again.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("host_id")
    def _compute_host_job_title(self):
        for meeting in self:
            meeting.host_job_title = meeting.host_id.employee_id.job_title or False

    @api.depends("recorder_id")
    def _compute_recorder_job_title(self):
        for meeting in self:
            meeting.recorder_job_title = (
                meeting.recorder_id.employee_id.job_title or False
            )

    @api.depends("host_id")
    def _compute_tz(self):
        for meeting in self:
            meeting.tz = (
                meeting.host_id.tz
                or meeting.company_id.resource_calendar_id.tz
                or self.env.user.tz
                or "UTC"
            )

    @api.depends("start", "stop")
    def _compute_duration(self):
        for meeting in self:
            if meeting.start and meeting.stop:
                meeting.duration = (meeting.stop - meeting.start).total_seconds() / 3600
            else:
                meeting.duration = 0.0

    @api.depends(
        "host_id",
        "recorder_id",
        "cc_user_ids",
        "attendee_ids.user_id",
        "action_ids.owner_id",
        "create_uid",
    )
    def _compute_member_user_ids(self):
        for meeting in self:
            meeting.member_user_ids = (
                meeting.host_id
                | meeting.recorder_id
                | meeting.cc_user_ids
                | meeting.attendee_ids.user_id
                | meeting.action_ids.owner_id
                | meeting.create_uid
            )

    @api.depends(
        "attendee_ids.attendance", "attendee_ids.confirmed", "attendee_ids.objection"
    )
    def _compute_to_confirm_count(self):
        for meeting in self:
            meeting.to_confirm_count = len(
                meeting.attendee_ids.filtered(
                    lambda a: (
                        a.attendance == "present"
                        and not a.confirmed
                        and not a.objection
                    )
                )
            )

    @api.depends("initiating_department_id", "attendee_ids.department_id")
    def _compute_department_ids(self):
        for meeting in self:
            missing = (
                meeting.initiating_department_id | meeting.attendee_ids.department_id
            ) - meeting.department_ids
            if missing:
                meeting.department_ids |= missing

    @api.depends("attendee_ids.objection", "attendee_ids.attendance")
    def _compute_objection_count(self):
        # from the attendance lines the form reads anyway: no query of its own
        for meeting in self:
            objecting = meeting.attendee_ids.filtered(
                lambda a: a.objection and a.attendance == "present"
            )
            meeting.objection_attendee_ids = objecting
            meeting.objection_count = len(objecting)

    @api.depends("attendee_ids.attendance")
    def _compute_attendee_counts(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_ids)
            meeting.absent_count = len(
                meeting.attendee_ids.filtered(lambda a: a.attendance == "absent")
            )

    @api.depends("action_ids.state", "action_ids.is_overdue")
    def _compute_action_counts(self):
        for meeting in self:
            actions = meeting.action_ids
            meeting.action_count = len(actions)
            meeting.open_action_count = len(actions.filtered("is_open"))
            meeting.overdue_action_count = len(actions.filtered("is_overdue"))

    @api.depends("next_meeting_ids")
    def _compute_has_next_meetings(self):
        for meeting in self:
            meeting.has_next_meetings = bool(meeting.next_meeting_ids)

    # has_next_meetings: read with the form's fields (a stored dependency)
    @api.depends("has_next_meetings")
    def _compute_next_meeting_count(self):
        # those the user may read, counted only where there are some
        followed = self.filtered("has_next_meetings")
        counts = dict(
            self.env["meeting.minutes"]._read_group(
                [("previous_meeting_id", "in", followed.ids)],
                ["previous_meeting_id"],
                ["__count"],
            )
            if followed
            else []
        )
        for meeting in self:
            meeting.next_meeting_count = counts.get(meeting, 0)

    @api.depends("state")
    def _compute_is_locked(self):
        """The state part of _check_can_edit_content, for the form to show it."""
        for meeting in self:
            meeting.is_locked = meeting.state not in OPEN_STATES

    @api.depends("state", "open_action_count")
    def _compute_archive_blocker(self):
        """Why distributed minutes cannot be filed yet: the rule of
        _check_can_archive, which the form shows instead of the button, naming
        the items still open (the first five)."""
        for meeting in self:
            blocker = False
            if meeting.state == "distributed" and meeting.open_action_count:
                still_open = meeting.action_ids.filtered("is_open")
                items = ", ".join(
                    f"“{item.name}” ({item.owner_id.name})" for item in still_open[:5]
                )
                if len(still_open) > 5:
                    items += " …"
                blocker = _(
                    "The minutes are filed once every action item is completed or "
                    "cancelled. Still open (%(count)s): %(items)s",
                    count=len(still_open),
                    items=items,
                )
            meeting.archive_blocker = blocker

    @api.depends_context("uid")
    @api.depends("state", "host_id", "recorder_id", "create_uid")
    def _compute_can_edit_content(self):
        for meeting in self:
            # minutes being created belong to their author (create_uid)
            meeting.can_edit_content = not meeting.is_locked and (
                meeting.can_manage or not meeting._origin.id
            )

    @api.depends_context("uid")
    @api.depends("department_ids", "initiating_department_id")
    def _compute_is_my_department(self):
        departments = self.env.user.employee_ids.department_id
        for meeting in self:
            meeting.is_my_department = bool(
                departments
                & (meeting.department_ids | meeting.initiating_department_id)
            )

    def _search_is_my_department(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        department_ids = self.env.user.employee_ids.department_id.ids
        domain = [
            "|",
            ("department_ids", "in", department_ids),
            ("initiating_department_id", "in", department_ids),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends_context("uid")
    @api.depends("host_id", "recorder_id", "create_uid")
    def _compute_can(self):
        """Who may act: the one rule the buttons, the record rules (organizers:
        host, recorder, author) and the Python checks apply."""
        is_manager = self.env.user.has_group("meeting_minutes.group_meeting_manager")
        user = self.env.user
        for meeting in self:
            organizers = meeting.host_id | meeting.recorder_id | meeting.create_uid
            meeting.can_manage = is_manager or user in organizers
            # nobody approves the minutes they recorded: a host who is also the
            # recorder needs a meeting manager
            meeting.can_approve = user != meeting.recorder_id and (
                is_manager or user == meeting.host_id
            )
            meeting.can_revise = is_manager or user == meeting.host_id

    @api.model
    def _expand_states(self, states, domain):
        """Every column of the life cycle in the kanban, but the closed ones only
        when they hold something."""
        return [
            key
            for key, __ in self._fields["state"].selection
            if key not in ("archived", "cancelled") or key in states
        ]

    @api.model
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        """The kanban by status folds the minutes that need nobody any more
        (distributed, filed, cancelled): the columns on screen are the work."""
        result = super().web_read_group(
            domain, fields, groupby, limit, offset, orderby, lazy
        )
        if groupby and groupby[0] == "state":
            for group in result["groups"]:
                if group.get("state") in FOLDED_STATES:
                    group["__fold"] = True
        return result

    @api.readonly
    def web_read(self, specification):
        """The form names the members all over: host, recorder, copies, attendees,
        action owners. Their users and partners are read at once, with the form's
        own fields, rather than list by list; the minutes' rules then find them
        loaded when checked."""
        if "attendee_ids" in specification and all(self._ids):
            self.fetch([*specification, "member_user_ids"])
            self.member_user_ids.mapped("display_name")
        return super().web_read(specification)

    # ------------------------------------------------------------
    # CONSTRAINTS AND ONCHANGES
    # ------------------------------------------------------------

    @api.constrains("start", "stop")
    def _check_dates(self):
        # a start in 2600 is a typo, and what counts its working days pays for it
        first, last = self.env["res.company"]._meeting_date_range()
        for meeting in self:
            if any(
                value and not first <= value.date() <= last
                for value in (meeting.start, meeting.stop)
            ):
                raise ValidationError(
                    _(
                        "The meeting %(name)s must take place between %(first)s and "
                        "%(last)s.",
                        name=meeting.name,
                        first=first,
                        last=last,
                    )
                )
            if meeting.start and meeting.stop and meeting.stop <= meeting.start:
                raise ValidationError(
                    _(
                        "The meeting %(name)s must end after it starts.",
                        name=meeting.name,
                    )
                )

    @api.constrains("start")
    def _check_action_deadlines(self):
        # moving the meeting must not leave action items due before it
        self.action_ids._check_deadline()

    @api.constrains("previous_meeting_id")
    def _check_previous_meeting(self):
        for meeting in self:
            if meeting.previous_meeting_id and meeting._has_cycle(
                "previous_meeting_id"
            ):
                raise ValidationError(
                    _("A meeting cannot follow up itself, directly or not.")
                )

    @api.constrains("location_type", "location", "meeting_url")
    def _check_location(self):
        for meeting in self:
            if meeting.location_type == "online" and not (
                (meeting.location or "").strip() or (meeting.meeting_url or "").strip()
            ):
                raise ValidationError(
                    _(
                        "The online meeting %(name)s needs a platform name or a "
                        "meeting URL.",
                        name=meeting.name,
                    )
                )

    @api.onchange("initiating_department_id", "attendee_ids")
    def _onchange_participating_departments(self):
        # what _add_participating_departments does on save, shown before it
        self.department_ids |= (
            self.initiating_department_id | self.attendee_ids.department_id
        )

    @api.onchange("start")
    def _onchange_start(self):
        if self.start and (not self.stop or self.stop <= self.start):
            self.stop = self.start + timedelta(hours=1)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # the guard (meeting.minutes.guard.mixin) checks the values, then
        # _prepare_create_values numbers the minutes
        meetings = super().create(vals_list)
        meetings.filtered("previous_meeting_id")._check_can_follow_up()
        meetings._add_participating_departments()
        self.env["meeting.minutes.followup"]._sync_for_meetings(
            meetings.filtered("previous_meeting_id")
        )
        return meetings

    def write(self, vals):
        # the guard (meeting.minutes.guard.mixin) checks the write: _check_write
        result = super().write(vals)
        if "state" in vals:
            self._room_notify_state()
        if {"initiating_department_id", "department_ids", "attendee_ids"} & set(vals):
            self._add_participating_departments(removed="department_ids" in vals)
        if "previous_meeting_id" in vals:
            self.followup_ids._drop_for_other_meeting()
        if vals.get("previous_meeting_id"):
            self._check_can_follow_up()
            self.env["meeting.minutes.followup"]._sync_for_meetings(self)
        if not is_sync(self.env) and {
            "start",
            "stop",
            "location",
            "meeting_url",
        } & set(vals):
            self._sync_calendar_event()
        return result

    def _prepare_create_values(self, vals_list):
        # numbered once the defaults are in: a start given by the context counts
        vals_list = super()._prepare_create_values(vals_list)
        for vals in vals_list:
            if not vals.get("reference") or vals["reference"] == _("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                # numbered in the year of the meeting, e.g. MM/2024/0001, restarting
                # every year (a date range per year of the sequence)
                try:
                    start = fields.Datetime.to_datetime(vals.get("start"))
                except (TypeError, ValueError):
                    raise ValidationError(
                        _(
                            "%(value)s is not a date and time: give the start of "
                            "the meeting as 2026-06-15 09:00:00.",
                            value=vals["start"],
                        )
                    ) from None
                if not start:
                    raise ValidationError(
                        _("A meeting needs its start: when does it take place?")
                    )
                vals["reference"] = self.env["ir.sequence"].with_company(
                    company
                ).with_context(ir_sequence_date=start).next_by_code(
                    "meeting.minutes", sequence_date=start
                ) or _("New")
        return vals_list

    def _meeting_guard_label(self):
        return _("the minutes")

    def _check_write(self, changed, vals):
        """The allowlist: workflow fields through the workflow, the content while
        it is open (OPEN_STATES) and by those who may manage the minutes."""
        super()._check_write(changed, vals)
        if not changed:
            return
        never = changed - CONTENT_FIELDS
        if never:
            self._raise_not_changeable(never)
        self._check_is_organizer()
        for meeting in self:
            if meeting.state not in OPEN_STATES:
                self.env["meeting.minutes.content.mixin"]._raise_locked(meeting)
        if "recorder_id" in vals:
            self._check_recorder_signed(vals["recorder_id"])
        # the write updates the row: locked for it before any line it creates
        self._lock_for_content(update=True)

    def _check_can_follow_up(self):
        """Following up a meeting shows its action items to this meeting's readers:
        only one the user may read."""
        for meeting in self:
            previous = meeting.previous_meeting_id
            if not previous.with_env(self.env).has_access("read"):
                raise UserError(
                    _(
                        "The minutes %(name)s cannot follow up a meeting you may not "
                        "read.",
                        name=meeting.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_official(self):
        """Draft and cancelled minutes may go; archived minutes only once their
        retention date has passed, and then only by a manager; the others never."""
        today = fields.Date.context_today(self)
        is_manager = self.env.user.has_group("meeting_minutes.group_meeting_manager")
        # sudo: the follow-up meetings may be ones the user cannot read
        followed = self.sudo().next_meeting_ids.filtered(
            lambda m: m.state not in OPEN_STATES
        )
        if followed and not self.env.su:
            raise UserError(
                _(
                    "%(name)s reviews the action items of these minutes in its "
                    "follow-up: they cannot be deleted.",
                    name=followed[0].display_name,
                )
            )
        for meeting in self:
            if meeting.state in ("draft", "cancelled"):
                continue
            if meeting.state == "archived":
                if meeting.retention_date and meeting.retention_date >= today:
                    raise UserError(
                        _(
                            "The minutes %(name)s are kept until %(date)s: they "
                            "cannot be deleted before.",
                            name=meeting.display_name,
                            date=meeting.retention_date,
                        )
                    )
                if is_manager:
                    continue
            raise UserError(
                _(
                    "Only draft or cancelled minutes can be deleted; cancel "
                    "%(name)s first.",
                    name=meeting.display_name,
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for meeting, vals in zip(self, vals_list, strict=False):
            if "name" not in (default or {}):
                vals["name"] = _("%s (copy)", meeting.name)
        return vals_list

    @api.depends("reference", "name")
    @api.depends_context("meeting_minutes_name_only")
    def _compute_display_name(self):
        # the calendar and the breadcrumbs of the app show the name alone (the
        # reference is on the form); everywhere else the reference comes first
        name_only = self.env.context.get("meeting_minutes_name_only")
        for meeting in self:
            if not name_only and meeting.reference and meeting.reference != _("New"):
                meeting.display_name = f"[{meeting.reference}] {meeting.name}"
            else:
                meeting.display_name = meeting.name

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_schedule(self):
        """Send the invitations. A notice shorter than the company's working days
        needs a reason: without one, open the wizard that records it."""
        self._check_can_schedule()
        short = self.filtered(lambda m: m._is_short_notice())
        if short.filtered(lambda m: not m.short_notice_reason):
            return self._action_open_reason_wizard("short_notice")
        self._do_schedule()
        return True

    def action_start(self):
        self._check_state(("scheduled",), _("started"))
        self._check_is_organizer()
        self._check_has_started(_("started"), lead=True)
        for meeting in self:
            meeting._workflow().write(
                {
                    "state": "in_progress",
                    "read_out_digest": meeting._get_read_out_digest(),
                }
            )
        return True

    def action_confirm(self):
        """Confirm & Sign: the recorder signs first (a dialog), then confirms."""
        self._check_can_confirm(signed=False)
        unsigned = self.filtered(lambda m: not m.recorder_signature)
        if unsigned:
            return unsigned._action_open_sign_wizard("recorder")
        self._check_can_confirm()
        self._do_confirm()
        for meeting in self:
            meeting.activity_schedule(
                "meeting_minutes.mail_activity_type_complete_minutes",
                date_deadline=fields.Date.context_today(
                    meeting, meeting.completion_deadline
                ),
                user_id=meeting.recorder_id.id,
            )
        return True

    def action_submit(self):
        self._check_can_submit()
        now = fields.Datetime.now()
        self._workflow().write({"state": "submitted", "submitted_on": now})
        self.filtered(lambda m: not m.completed_on)._workflow().completed_on = now
        self.activity_feedback(
            ["meeting_minutes.mail_activity_type_complete_minutes"],
            feedback=_("Minutes submitted for approval"),
        )
        for meeting in self:
            meeting.activity_schedule(
                "meeting_minutes.mail_activity_type_approve_minutes",
                user_id=meeting.host_id.id,
            )
        return True

    def action_approve(self):
        self._check_can_approve(signed=False)
        unsigned = self.filtered(
            lambda m: m.company_id.meeting_approval_signature and not m.host_signature
        )
        if unsigned:
            return unsigned._action_open_sign_wizard("host")
        self._check_can_approve()
        self._do_approve()
        self.activity_feedback(
            ["meeting_minutes.mail_activity_type_approve_minutes"],
            feedback=_("Approved"),
        )
        self.activity_unlink(["meeting_minutes.mail_activity_type_revise_minutes"])
        for meeting in self:
            meeting.activity_schedule(
                "meeting_minutes.mail_activity_type_distribute_minutes",
                date_deadline=meeting.distribution_deadline,
                user_id=meeting.recorder_id.id,
            )
        return True

    def action_reject(self):
        """Ask the reason in a wizard; ``_do_reject(reason)`` does the work."""
        self._check_can_approve()
        return self._action_open_reason_wizard("reject")

    def action_distribute(self):
        self._check_state(("approved",), _("distributed"))
        self._check_is_organizer()
        self._do_distribute()
        self.activity_feedback(
            ["meeting_minutes.mail_activity_type_distribute_minutes"],
            feedback=_("Minutes distributed"),
        )
        # the distribution email lists the items: their owners who got it are
        # not told again by the activity's assignment email
        self.action_ids._schedule_owner_activity(
            informed=self.acknowledgement_ids.partner_id
        )
        return True

    def action_archive_minutes(self):
        self._check_can_archive()
        self._do_archive()
        return True

    def action_cancel(self):
        self._check_can_cancel()
        return self._action_open_reason_wizard("cancel")

    def _check_can_cancel(self):
        """Before the approval; minutes approved once (under revision) are an
        official record: revised, never cancelled."""
        self._check_state(
            ("draft", "scheduled", "in_progress", "confirmed", "submitted"),
            _("cancelled"),
        )
        self._check_is_organizer()
        for meeting in self.filtered("revision_number"):
            raise UserError(
                _(
                    "The minutes %(name)s were approved (revision %(version)s): they "
                    "are revised, not cancelled.",
                    name=meeting.display_name,
                    version=meeting.revision_number,
                )
            )

    def action_reset_to_draft(self):
        self._check_state(("cancelled", "scheduled"), _("reset to draft"))
        self._check_is_organizer()
        return self._action_open_reason_wizard("reset")

    def action_view_next_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "meeting_minutes.meeting_minutes_action"
        )
        action["domain"] = [("previous_meeting_id", "=", self.id)]
        action["context"] = {
            "default_previous_meeting_id": self.id,
            "default_name": self.name,
            "default_purpose": self.purpose,
            "default_initiating_department_id": self.initiating_department_id.id,
            "default_department_ids": self.department_ids.ids,
            "default_host_id": self.host_id.id,
            "default_recorder_id": self.recorder_id.id,
        }
        return action

    def action_revise(self):
        """Ask the reason in a wizard; ``_do_revise(reason)`` does the work."""
        self._check_can_revise()
        return self._action_open_reason_wizard("revise")

    def action_verify_approved_report(self):
        self.ensure_one()
        if not self.approved_report_id:
            raise UserError(
                _(
                    "The minutes %(name)s have no approved PDF yet.",
                    name=self.display_name,
                )
            )
        valid = self._verify_approved_report()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if valid else "danger",
                "sticky": not valid,
                "title": _("Approved PDF verified")
                if valid
                else _("Approved PDF altered"),
                "message": _(
                    "%(file)s has the SHA-256 recorded at the approval.",
                    file=self.approved_report_id.name,
                )
                if valid
                else _(
                    "%(file)s no longer matches the SHA-256 recorded at the approval: "
                    "the stored file was changed outside Odoo.",
                    file=self.approved_report_id.name,
                ),
            },
        }

    @api.model
    def _action_open_my_meetings(self):
        """The landing page: the user's meetings; for a meeting manager also the
        minutes waiting for an approval (same filter group: either)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "meeting_minutes.meeting_minutes_action"
        )
        if self.env.user.has_group("meeting_minutes.group_meeting_manager"):
            action["context"] = {
                "search_default_my_meetings": 1,
                "search_default_to_approve": 1,
                "meeting_minutes_name_only": 1,
            }
        return action

    def action_print_minutes(self):
        return self.env.ref(
            "meeting_minutes.action_report_meeting_minutes"
        ).report_action(self)

    # ------------------------------------------------------------
    # WORKFLOW: checks
    # ------------------------------------------------------------

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_state(self, allowed, verb):
        """Every step of the workflow starts here: lock the minutes, then check
        their state, so that of two concurrent steps one wins and the other is told
        clearly."""
        self._lock_for_workflow()
        for meeting in self:
            if meeting.state not in allowed:
                raise UserError(
                    _(
                        "The minutes %(name)s cannot be %(verb)s: they are %(state)s.",
                        name=meeting.display_name,
                        verb=verb,
                        state=meeting._state_label(meeting.state),
                    )
                )

    def _lock_for_workflow(self):
        """A step holds the minutes until its transaction ends; if another step
        or a save of their content (``_lock_for_content``) holds them, or changed
        them since this transaction's snapshot, the user is told at once."""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM meeting_minutes WHERE id IN %s "
                    "FOR NO KEY UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except (LockNotAvailable, SerializationFailure):
            raise UserError(
                _(
                    "Someone else is changing the minutes %(name)s right now: reload "
                    "them and try again.",
                    name=", ".join(self.mapped("display_name")),
                )
            ) from None

    def _lock_for_decision(self, read_out_version=None):
        """An attendee confirms or objects on the read-out of ``read_out_version``
        (the version the room or the form showed; the current one if not given):
        the minutes held as a save holds them, a change of the read-out or a step
        under way at that moment refused at once; a read-out changed since, refused
        with its reason."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM meeting_minutes WHERE id = %s FOR SHARE NOWAIT",
                    [self.id],
                )
        except LockNotAvailable:
            raise UserError(
                _(
                    "Someone else is changing the minutes %(name)s right now: reload "
                    "them and try again.",
                    name=self.display_name,
                )
            ) from None
        if read_out_version is not None and read_out_version != self.read_out_version:
            raise UserError(
                _(
                    "The resolutions or action items of %(name)s changed since you "
                    "read them: read them again, then confirm or object.",
                    name=self.display_name,
                )
            )

    def _lock_for_content(self, update=False):
        """A save of the content holds the minutes until its transaction ends, so
        that no step of the workflow (``_lock_for_workflow``) locks the content
        between the check of a save and its commit.

        ``FOR SHARE`` conflicts with the step's ``FOR NO KEY UPDATE`` and with an
        update of the row, never with another save's share: two people save lines
        of the same minutes at once without waiting. A save waits for a step under
        way. Odoo's transactions are REPEATABLE READ: the state checked is the one
        of the snapshot, and if a step committed since, the lock fails with a
        serialization failure; the request is retried (``retrying``) on a fresh
        snapshot, where the check tells the user the content is locked.

        ``update``: the save updates the row of the minutes too (a count they
        store): lock it for that update now (waiting for another such save)
        rather than share it and upgrade, where two such saves would deadlock."""
        ids = tuple(sorted(id_ for id_ in self.ids if isinstance(id_, int)))
        if ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM meeting_minutes WHERE id IN %s ORDER BY id FOR %s",
                    ids,
                    SQL("NO KEY UPDATE" if update else "SHARE"),
                )
            )

    def _check_is_organizer(self):
        """Host, recorder, author of the minutes, or a meeting manager: the rule of
        ``can_manage``, which also shows the buttons."""
        if self.env.su:
            return
        for meeting in self:
            if not meeting.can_manage:
                # an AccessError, like the record rules that say the same
                raise AccessError(
                    _(
                        "Only the host, the recorder or a meeting manager can do "
                        "this on %(name)s.",
                        name=meeting.display_name,
                    )
                )

    def _check_can_edit_content(self):
        """The lines: those who may manage the minutes, while the content is open."""
        self._check_is_organizer()
        for meeting in self.filtered("is_locked"):
            self.env["meeting.minutes.content.mixin"]._raise_locked(meeting)

    def _check_can_schedule(self):
        self._check_state(("draft",), _("scheduled"))
        self._check_is_organizer()
        for meeting in self:
            missing = []
            if not (meeting.purpose or "").strip():
                missing.append(_("a core purpose"))
            if not meeting.attendee_ids:
                missing.append(_("attendees"))
            if not meeting.agenda_ids:
                missing.append(_("agenda items"))
            if (
                meeting.location_type == "onsite"
                and not (meeting.location or "").strip()
            ):
                missing.append(_("a room"))
            if missing:
                raise UserError(
                    _(
                        "The minutes %(name)s cannot be scheduled without %(missing)s.",
                        name=meeting.display_name,
                        missing=", ".join(missing),
                    )
                )
            if meeting.start <= fields.Datetime.now():
                raise UserError(
                    _(
                        "The meeting %(name)s starts in the past: move it before "
                        "sending the invitations.",
                        name=meeting.display_name,
                    )
                )

    def _check_has_started(self, verb, lead=False):
        """What the minutes record happens in the meeting: nothing is confirmed,
        submitted or approved before its start, and it is started at the earliest
        the company's lead time before (``lead``)."""
        now = fields.Datetime.now()
        for meeting in self:
            earliest = meeting.start
            if lead:
                earliest -= timedelta(
                    minutes=meeting.company_id.meeting_start_lead_minutes
                )
            if now < earliest and lead:
                raise UserError(
                    _(
                        "The minutes %(name)s can be %(verb)s from %(when)s: the "
                        "meeting starts at %(start)s.",
                        name=meeting.display_name,
                        verb=verb,
                        when=meeting._format_when(earliest),
                        start=meeting._format_when(meeting.start),
                    )
                )
            if now < earliest:
                raise UserError(
                    _(
                        "The minutes %(name)s can be %(verb)s from %(start)s, when "
                        "the meeting starts.",
                        name=meeting.display_name,
                        verb=verb,
                        start=meeting._format_when(meeting.start),
                    )
                )

    def _format_when(self, value, time_only=False):
        """A moment of the meeting as the fields show it: the date in the
        language's format (2026年12月08日, 12/08/2026), the time to the minute,
        in the meeting's time zone."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        time_format = (lang.time_format or "%H:%M:%S").replace(":%S", "")
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=self.tz or self.env.context.get("tz")), value
        )
        if time_only:
            return local.strftime(time_format)
        return local.strftime(f"{lang.date_format or '%m/%d/%Y'} {time_format}")

    def _check_can_confirm(self, signed=True):
        self._check_state(("in_progress",), _("confirmed"))
        self._check_is_organizer()
        self._check_has_started(_("confirmed"))
        for meeting in self:
            if signed and not meeting.recorder_signature:
                raise UserError(
                    _(
                        "The recorder %(recorder)s signs the draft of %(name)s before "
                        "it is confirmed.",
                        recorder=meeting.recorder_id.name,
                        name=meeting.display_name,
                    )
                )
            attended = meeting.attendee_ids.department_id
            missing = meeting.department_ids - attended
            if missing:
                raise UserError(
                    _(
                        "Every participating department needs an attendee or a "
                        "recorded absence; missing: %(departments)s.",
                        departments=", ".join(missing.mapped("display_name")),
                    )
                )
            unconfirmed = meeting.attendee_ids.filtered(
                lambda a: (
                    a.attendance == "present" and not a.confirmed and not a.objection
                )
            )
            if unconfirmed:
                raise UserError(
                    _(
                        "These attendees have neither confirmed nor objected: "
                        "%(names)s.",
                        names=", ".join(unconfirmed.user_id.mapped("name")),
                    )
                )

    def _get_submission_missing(self):
        """What the content still lacks for the submission (empty: nothing)."""
        self.ensure_one()
        missing = [
            _("a statement on '%(item)s'", item=item.name)
            for item in self.agenda_ids
            if not item.statement_ids
        ]
        if not self.resolution_ids and not self.action_ids:
            missing.append(_("a resolution or an action item"))
        return missing

    def _check_can_submit(self):
        self._check_state(("confirmed",), _("submitted"))
        self._check_is_organizer()
        self._check_has_started(_("submitted"))
        for meeting in self:
            missing = meeting._get_submission_missing()
            if missing:
                raise UserError(
                    _(
                        "The minutes %(name)s cannot be submitted without %(missing)s.",
                        name=meeting.display_name,
                        missing="; ".join(missing),
                    )
                )
            found = meeting._find_colloquialisms()
            if found:
                raise UserError(
                    _(
                        "Remove the colloquialisms from the minutes %(name)s before "
                        "submitting them:\n%(lines)s",
                        name=meeting.display_name,
                        lines="\n".join(
                            f"- {where}: “{word}”" for where, word in found
                        ),
                    )
                )

    def _check_can_approve(self, signed=True):
        self._check_state(("submitted",), _("approved or rejected"))
        self._check_has_started(_("approved"))
        for meeting in self:
            if (
                signed
                and meeting.company_id.meeting_approval_signature
                and not meeting.host_signature
            ):
                raise UserError(
                    _(
                        "The approval of the minutes %(name)s needs the approver's "
                        "signature.",
                        name=meeting.display_name,
                    )
                )
        if self.env.su:
            return
        for meeting in self:
            # the rule of can_approve, which also shows the buttons
            if not meeting.can_approve:
                raise UserError(
                    _(
                        "Only the host %(host)s or a meeting manager can approve or "
                        "reject the minutes %(name)s, and nobody approves the minutes "
                        "they recorded.",
                        host=meeting.host_id.name,
                        name=meeting.display_name,
                    )
                )

    def _check_can_revise(self):
        self._check_state(("approved", "distributed"), _("revised"))
        if self.env.su:
            return
        for meeting in self:
            if not meeting.can_revise:
                raise UserError(
                    _(
                        "Only the host %(host)s or a meeting manager can revise the "
                        "minutes %(name)s.",
                        host=meeting.host_id.name,
                        name=meeting.display_name,
                    )
                )

    def _check_can_archive(self):
        self._check_state(("distributed",), _("filed"))
        self._check_is_organizer()
        for meeting in self:
            if meeting.archive_blocker:
                raise UserError(meeting.archive_blocker)

    # ------------------------------------------------------------
    # WORKFLOW: doing
    # ------------------------------------------------------------

    def _do_schedule(self):
        now = fields.Datetime.now()
        self._workflow().write({"state": "scheduled", "notice_date": now})
        for meeting in self:
            meeting._workflow().notice_given_days = meeting._get_notice_working_days(
                now
            )
            if not meeting.calendar_event_id:
                meeting._create_calendar_event()
            if meeting._is_short_notice(now):
                meeting._workflow().message_post(
                    body=Markup("<p>%s</p><p>%s</p>")
                    % (
                        _(
                            "Short notice: working days of notice %(days)s, "
                            "required %(required)s.",
                            days=meeting._get_notice_working_days(now),
                            required=meeting.company_id.meeting_notice_days,
                        ),
                        meeting.short_notice_reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            partners = meeting._get_invitation_partners()
            meeting.message_subscribe(partner_ids=partners.ids)
            meeting._send_invitations(partners)

    def _check_readable(self):
        """A dialog opened on minutes (a reason, a signature) shows them: only on
        minutes the user may read, without naming the others."""
        if not self.has_access("read"):
            raise AccessError(_("You may not open these minutes."))

    def _do_confirm(self):
        now = fields.Datetime.now()
        self._workflow().write(
            {"state": "confirmed", "signed_by_id": self.env.uid, "signed_on": now}
        )
        # the meeting took place: the calendar's "Meeting" activity of its event
        # is no longer to do (the event stays)
        self.activity_unlink(["mail.mail_activity_data_meeting"])
        # the proposals prepared before the meeting, read out and confirmed on
        # the spot: resolutions of the meeting now
        self.resolution_ids.filtered("is_proposal")._workflow().write(
            {"is_proposal": False}
        )
        for meeting in self:
            # the draft as read out and confirmed on the spot, kept in the chatter
            meeting._workflow().message_post(
                body=meeting._render_confirmed_draft(), subtype_xmlid="mail.mt_note"
            )

    def _do_approve(self):
        now = fields.Datetime.now()
        for meeting in self:
            company = meeting.company_id
            deadline = company._meeting_add_working_days(
                fields.Date.context_today(meeting, now),
                company.meeting_distribution_days,
            )
            meeting._workflow().write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_on": now,
                    "reject_reason": False,
                    "distribution_deadline": deadline,
                }
            )
            meeting._freeze_approved_report()

    def _freeze_approved_report(self):
        """Render the approved minutes once (wkhtmltopdf, the company's language),
        store the PDF with its SHA-256 and record the revision; post both."""
        self.ensure_one()
        version = self.revision_number + 1
        self._workflow().write({"revision_number": version})
        # written at once: a print in a read-only request (the first print of
        # minutes approved without their PDF) is retried read/write before the
        # render, not after it
        self.flush_recordset(["revision_number"])
        report = self.env.ref(MINUTES_REPORT)
        lang = self._get_official_lang()
        content, __ = report.with_context(
            force_report_rendering=True, lang=lang
        )._render_qweb_pdf(report, self.ids)
        sha256 = hashlib.sha256(content).hexdigest()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.with_context(lang=lang)._get_report_filename(),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        # sudo: revisions are append-only, written by the approval alone (users
        # have read access only)
        self.env["meeting.minutes.revision"].sudo().create(
            {
                "meeting_id": self.id,
                "version": version,
                "approved_by_id": self.approved_by_id.id,
                "approved_on": self.approved_on,
                "attachment_id": attachment.id,
                "sha256": sha256,
                "reason": self.revision_reason,
            }
        )
        self._workflow().write(
            {
                "approved_report_id": attachment.id,
                "approved_report_sha256": sha256,
                "revision_reason": False,
            }
        )
        self._workflow().message_post(
            body=Markup("<p>%s</p><p><code>%s</code></p>")
            % (
                _(
                    "Approved PDF frozen (revision %(version)s), SHA-256:",
                    version=version,
                ),
                sha256,
            ),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    def _get_official_lang(self):
        """The language of the official PDF (official_lang)."""
        self.ensure_one()
        return self.official_lang

    @api.depends(
        "company_id.meeting_report_lang",
        "attendee_ids.user_id.lang",
        "host_id.lang",
        "recorder_id.lang",
    )
    def _compute_official_lang(self):
        """The company's setting; without it, the language most of the members
        use (the host's on a tie, then the company's), among those installed."""
        installed = dict(self.env["res.lang"].get_installed())
        for meeting in self:
            lang = meeting.company_id.meeting_report_lang
            if lang not in installed:
                members = meeting.attendee_ids.user_id | meeting.host_id
                members |= meeting.recorder_id
                counts = Counter(
                    user.lang for user in members if user.lang in installed
                )
                if counts:
                    best = max(counts.values())
                    tied = {code for code, count in counts.items() if count == best}
                    if meeting.host_id.lang in tied:
                        lang = meeting.host_id.lang
                    elif len(tied) > 1 and meeting.company_id.partner_id.lang in tied:
                        lang = meeting.company_id.partner_id.lang
                    else:
                        lang = min(tied)
                else:
                    lang = meeting.company_id.partner_id.lang
            meeting.official_lang = (
                lang if lang in installed else self.env.lang or "en_US"
            )

    def _verify_approved_report(self):
        """True when the stored approved PDF still has the fingerprint taken at the
        approval."""
        self.ensure_one()
        # sudo: reading the stored file itself, whoever asks (the minutes are read)
        attachment = self.sudo().approved_report_id.with_context(bin_size=False)
        if not attachment or not self.approved_report_sha256:
            return False
        return hashlib.sha256(attachment.raw or b"").hexdigest() == (
            self.approved_report_sha256
        )

    def _do_revise(self, reason):
        """Approved minutes back to the recorder: the next approval freezes a new
        PDF, the earlier ones stay in the revisions."""
        self._workflow().write(
            {
                "state": "confirmed",
                "approved_by_id": False,
                "approved_on": False,
                "approved_report_id": False,
                "approved_report_sha256": False,
                "host_signature": False,
                "host_signed_on": False,
                "distribution_deadline": False,
                "distributed_on": False,
                "distribution_late_notified": False,
                "submitted_on": False,
                "revision_reason": reason,
            }
        )
        self.activity_unlink(["meeting_minutes.mail_activity_type_distribute_minutes"])
        for meeting in self:
            meeting._workflow().message_post(
                body=_(
                    "Revision %(version)s requested: %(reason)s",
                    version=meeting.revision_number + 1,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=meeting.recorder_id.partner_id.ids,
            )
            meeting.activity_schedule(
                "meeting_minutes.mail_activity_type_revise_minutes",
                summary=_(
                    "The approved minutes are reopened for revision %(version)s",
                    version=meeting.revision_number + 1,
                ),
                note=reason,
                user_id=meeting.recorder_id.id,
            )

    def _do_reject(self, reason):
        self._workflow().write({"state": "confirmed", "reject_reason": reason})
        self.activity_unlink(["meeting_minutes.mail_activity_type_approve_minutes"])
        for meeting in self:
            meeting._workflow().message_post(
                body=_("Minutes rejected: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_comment",
                partner_ids=meeting.recorder_id.partner_id.ids,
            )
            meeting.activity_schedule(
                "meeting_minutes.mail_activity_type_revise_minutes",
                note=reason,
                user_id=meeting.recorder_id.id,
            )

    def _do_cancel(self, reason):
        self._workflow().write({"state": "cancelled"})
        self.activity_unlink(
            [
                "meeting_minutes.mail_activity_type_complete_minutes",
                "meeting_minutes.mail_activity_type_approve_minutes",
                "meeting_minutes.mail_activity_type_revise_minutes",
            ]
        )
        for meeting in self:
            meeting._workflow().message_post(
                body=_("Meeting cancelled: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        # the invited were told of the meeting: they are told it is off
        self.filtered("notice_date")._send_cancellation(reason)
        # a meeting to come leaves the attendees' calendars (the calendar itself
        # sends nothing); the event of a meeting that took place stays
        now = fields.Datetime.now()
        self.filtered(lambda m: m.start > now).calendar_event_id.filtered(
            "active"
        ).with_context(**{SYNC_KEY: WORKFLOW_TOKEN}).write({"active": False})

    def _do_reset(self, reason):
        # a new meeting: decided and signed again, on its new read-out
        self._reset_decisions(
            _(
                "Reset to draft: the confirmations and objections of the meeting "
                "held before no longer count."
            )
        )
        self._workflow().write(
            {
                "state": "draft",
                "notice_date": False,
                "notice_given_days": 0,
                "recorder_signature": False,
                "recorder_signed_on": False,
                "signed_by_id": False,
                "signed_on": False,
                "host_signature": False,
                "host_signed_on": False,
            }
        )
        for meeting in self:
            meeting._workflow().message_post(
                body=_("Reset to draft: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )

    def _do_distribute(self):
        template = self.env.ref("meeting_minutes.mail_template_minutes_distribution")
        now = fields.Datetime.now()
        for meeting in self:
            meeting._workflow().write(
                {
                    "state": "distributed",
                    "distributed_on": now,
                    "distribution_working_days": (
                        meeting.company_id._meeting_working_days_between(
                            fields.Date.context_today(meeting, meeting.approved_on),
                            fields.Date.context_today(meeting, now),
                        )
                    ),
                }
            )
            attachment = meeting._get_approved_report()
            partners = meeting._get_distribution_partners()
            # the host approved what the recorder wrote: they receive the copy,
            # their reading is not awaited (nor counted in the read rate)
            receipts = self.env["meeting.minutes.acknowledgement"]._prepare_for(
                meeting,
                partners - meeting.host_id.partner_id - meeting.recorder_id.partner_id,
            )
            meeting.message_subscribe(partner_ids=partners.ids)
            # each recipient's email carries their own read-receipt link; the
            # workflow's post: the template signs it as the recorder
            meeting._workflow().with_context(
                meeting_minutes_receipt_urls={
                    receipt.partner_id.id: receipt._get_acknowledge_url()
                    for receipt in receipts
                }
            ).message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
                attachment_ids=attachment.ids,
            )

    def _do_archive(self):
        now = fields.Datetime.now()
        for meeting in self:
            retention_years = max(meeting.company_id.meeting_retention_years, 1)
            start_date = fields.Date.context_today(meeting, meeting.start)
            try:
                retention = start_date.replace(year=start_date.year + retention_years)
            except ValueError:  # 29 February
                retention = start_date.replace(
                    year=start_date.year + retention_years, day=28
                )
            meeting._get_approved_report()
            meeting._workflow().write(
                {
                    "state": "archived",
                    "archived_on": now,
                    "archive_code": meeting._get_archive_code(),
                    "retention_date": retention,
                }
            )
        # filed: nothing is left to do on them (a stale calendar activity included)
        self.activity_unlink(
            [
                "meeting_minutes.mail_activity_type_distribute_minutes",
                "mail.mail_activity_data_meeting",
            ]
        )

    # ------------------------------------------------------------
    # HELPERS OF THE WORKFLOW: the wording check of the submission, the
    # minutes' PDF, the participating departments, the reason dialog
    # ------------------------------------------------------------

    def _find_colloquialisms(self):
        """[(where, expression)] for every colloquialism found in the text of the
        minutes."""
        self.ensure_one()
        words = self.company_id._meeting_colloquialism_list()
        if not words:
            return []
        texts = [(_("Core purpose"), self.purpose)]
        texts += [
            (_("Statement on %s", statement.agenda_id.name), statement.content)
            for statement in self.statement_ids
        ]
        texts += [
            (_("Resolution %s", index), resolution.content)
            for index, resolution in enumerate(self.resolution_ids, start=1)
        ]
        texts += [
            (_("Action item %s", action.name), action.name)
            for action in self.action_ids
        ]
        found = []
        for where, text in texts:
            lowered = (text or "").lower()
            for word in words:
                if word.lower() in lowered:
                    found.append((where, word))
        return found

    def _get_approved_report(self):
        """The approved PDF frozen at the approval: the same attachment for
        distribution, archiving and re-printing (minutes approved before it was
        frozen at the approval get it now)."""
        self.ensure_one()
        return self.approved_report_id or self._freeze_approved_report()

    def _get_print_report_name(self):
        """The download name of the minutes, in the official language (that of
        the approved PDF): its file name, marked as a draft until the approval."""
        self.ensure_one()
        meeting = self.with_context(lang=self._get_official_lang())
        name = meeting._get_report_filename().removesuffix(".pdf")
        if self.approved_report_id:
            return name
        return meeting.env._("%(name)s (draft)", name=name)

    def _get_report_filename(self):
        """E.g. MM-2026-0001.pdf, MM-2026-0001 修订2.pdf for the second revision."""
        self.ensure_one()
        name = (self.reference or self.name).replace("/", "-")
        if self.revision_number > 1:
            name = _(
                "%(name)s rev %(version)s", name=name, version=self.revision_number
            )
        return f"{name}.pdf"

    def _render_confirmed_draft(self):
        self.ensure_one()
        parts = [Markup("<p><b>%s</b></p>") % _("Draft confirmed on the spot")]
        if self.resolution_ids:
            parts.append(Markup("<p>%s</p><ol>") % _("Resolutions"))
            parts += [
                Markup("<li>%s</li>") % resolution.content
                for resolution in self.resolution_ids
            ]
            parts.append(Markup("</ol>"))
        if self.action_ids:
            parts.append(Markup("<p>%s</p><ol>") % _("Action items"))
            parts += [
                Markup("<li>%s — %s (%s), %s</li>")
                % (
                    action.name,
                    action.owner_id.name,
                    action.department_id.name,
                    action.deadline,
                )
                for action in self.action_ids
            ]
            parts.append(Markup("</ol>"))
        return Markup("").join(parts)

    def _add_participating_departments(self, removed=False):
        """The participating departments follow the minutes: the initiating
        department and the department of every attendee take part, whoever adds
        the attendee (the form, the calendar, an import). A department left out
        of a write of the departments (``removed``) while it has attendees is a
        mistake: refused, with its attendees named."""
        for meeting in self:
            attended = meeting.attendee_ids.department_id
            if removed:
                left_out = attended - meeting.department_ids
                if left_out:
                    raise ValidationError(
                        _(
                            "The participating departments of %(name)s cannot "
                            "leave out %(departments)s: %(attendees)s attend. Remove "
                            "these attendees first.",
                            departments=", ".join(left_out.mapped("display_name")),
                            name=meeting.display_name,
                            attendees=", ".join(
                                meeting.attendee_ids.filtered(
                                    lambda a, left_out=left_out: (
                                        a.department_id in left_out
                                    )
                                ).user_id.mapped("name")
                            ),
                        )
                    )
            missing = (
                meeting.initiating_department_id | attended
            ) - meeting.department_ids
            if missing:
                meeting.department_ids = [Command.link(dep.id) for dep in missing]

    def _action_open_reason_wizard(self, mode):
        return {
            "type": "ir.actions.act_window",
            "name": {
                "short_notice": _("Short notice: why?"),
                "reject": _("Reject the minutes"),
                "cancel": _("Cancel the meeting"),
                "reset": _("Reset to draft"),
                "revise": _("Revise the approved minutes"),
            }.get(mode, _("Reason")),
            "res_model": "meeting.minutes.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_meeting_ids": self.ids,
                "default_mode": mode,
            },
        }
