import hashlib
import random
import re
import secrets
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date, html_escape

from odoo.addons.base.models.res_partner import _lang_get, _tz_get

from .meeting_minutes_content_mixin import (
    OPEN_STATES,
    ROOM_NOTIFICATION,
    ROOM_SUBCHANNEL,
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

    # not on the company's setting: changing it leaves existing deadlines alone
    @api.depends("stop")
    def _compute_completion_deadline(self):
        for meeting in self:
            meeting.completion_deadline = meeting.stop and meeting.stop + timedelta(
                hours=meeting.company_id.meeting_completion_hours
            )

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

    @api.depends("start", "notice_date")
    @api.depends_context("uid")
    def _compute_notice_working_days(self):
        now = fields.Datetime.now()
        for meeting in self:
            if not meeting.start:
                meeting.notice_working_days = 0
                meeting.is_short_notice = False
                continue
            meeting.notice_working_days = meeting._get_notice_working_days(
                meeting.notice_date or now
            )
            meeting.is_short_notice = (
                meeting.notice_working_days < meeting.company_id.meeting_notice_days
            )

    # like the completion deadline: on the rule when the start is set
    @api.depends("start")
    def _compute_notice_deadline(self):
        for company, meetings in self.grouped("company_id").items():
            starts = {
                meeting: fields.Date.context_today(meeting, meeting.start)
                for meeting in meetings
                if meeting.start
            }
            latest = (
                company._meeting_latest_notice_dates(
                    starts.values(), company.meeting_notice_days
                )
                if company
                else {}
            )
            for meeting in meetings:
                meeting.notice_deadline = latest.get(starts.get(meeting))

    @api.depends("acknowledgement_ids")
    def _compute_has_acknowledgements(self):
        for meeting in self:
            meeting.has_acknowledgements = bool(meeting.acknowledgement_ids)

    @api.depends("has_acknowledgements", "acknowledgement_ids.acknowledged_on")
    @api.depends_context("uid")
    def _compute_acknowledgements(self):
        Receipt = self.env["meeting.minutes.acknowledgement"]
        for meeting in self:
            # the receipts are readable exactly where their minutes are
            # (FOLLOWS_MEETING_RULES): read them as such, without checking the
            # minutes' rules once more in Python; none before the distribution
            receipts = (
                meeting.sudo().acknowledgement_ids
                if meeting.has_acknowledgements
                else Receipt
            )
            unread = receipts.filtered(lambda r: not r.acknowledged_on)
            meeting.acknowledgement_count = len(receipts)
            meeting.acknowledged_count = len(receipts) - len(unread)
            meeting.unread_partner_ids = unread.partner_id
            # the user's partner only when there is something left to read
            meeting.can_acknowledge = (
                bool(unread) and self.env.user.partner_id in unread.partner_id
            )

    def _compute_is_late(self):
        late = self.filtered_domain(self._get_late_domain())
        for meeting in self:
            meeting.is_late = meeting in late

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = self._get_late_domain()
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

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
                    f"«{item.name}» ({item.owner_id.name})" for item in still_open[:5]
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

    def _room_notify_state(self):
        """The rooms open on these minutes hear that their state changed (started,
        confirmed, ...): they read them again."""
        for meeting in self:
            self.env["bus.bus"]._sendone(
                (meeting, ROOM_SUBCHANNEL),
                ROOM_NOTIFICATION,
                {
                    "meeting_id": meeting.id,
                    "model": self._name,
                    "ids": meeting.ids,
                    "agenda_id": False,
                },
            )

    def _check_recorder_signed(self, recorder_id):
        """The recorder who signed the draft stays its recorder."""
        for meeting in self.filtered("recorder_signature"):
            if meeting.recorder_id.id != recorder_id:
                raise UserError(
                    _(
                        "%(recorder)s signed the draft of %(name)s as its recorder: "
                        "the recorder no longer changes.",
                        recorder=meeting.recorder_id.name,
                        name=meeting.display_name,
                    )
                )

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

    def _sync_calendar_event(self):
        """Moving the minutes of a meeting to come moves its calendar event."""
        for meeting in self.filtered(
            lambda m: m.calendar_event_id and m.state in ("draft", "scheduled")
        ):
            meeting.calendar_event_id.with_context(**{SYNC_KEY: WORKFLOW_TOKEN}).write(
                {
                    "start": meeting.start,
                    "stop": meeting.stop,
                    "location": meeting.location or False,
                    "videocall_location": meeting.meeting_url or False,
                }
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

    def _read_out_changed(self):
        """The resolutions or action items of these minutes changed: while the
        meeting is in progress, a new version of the read-out; the attendees who
        confirmed or objected on the former are asked again."""
        for meeting in self.filtered(lambda m: m.state == "in_progress"):
            digest = meeting._get_read_out_digest()
            if digest == meeting.read_out_digest:
                continue
            meeting._workflow().write(
                {
                    "read_out_version": meeting.read_out_version + 1,
                    "read_out_digest": digest,
                }
            )
            meeting._reset_decisions(
                _(
                    "The resolutions or action items changed after the read-out: "
                    "the attendees confirm or object again."
                )
            )

    def _get_read_out_digest(self):
        """The fingerprint of what the host reads out for the attendees to
        confirm: the resolutions and the action items, in the fields each line
        model reads out (``_meeting_read_out_fields``), blanks evened out (a
        space added and taken away again is the same read-out)."""
        self.ensure_one()
        digest = hashlib.sha256()
        # sudo: the fingerprint of the whole read-out, whoever changed a line
        meeting_sudo = self.sudo()
        for lines in (meeting_sudo.resolution_ids, meeting_sudo.action_ids):
            names = sorted(lines._meeting_read_out_fields)
            for line in lines.sorted("id"):
                # a cancelled action item is no longer read out
                cancelled = "state" in line._fields and line.state == "cancelled"
                digest.update(repr((line._name, line.id, cancelled)).encode())
                for name in names:
                    value = line[name]
                    if isinstance(value, models.BaseModel):
                        value = sorted(value.ids)
                    elif isinstance(value, str):
                        value = " ".join(value.split())
                    digest.update(repr((line._name, line.id, name, value)).encode())
        return digest.hexdigest()

    def _reset_decisions(self, reason):
        """Clear the attendees' confirmations and objections: what they decided
        on is no longer what will be recorded; their decisions stay in the
        chatter, under ``reason``."""
        for meeting in self:
            decided = meeting.attendee_ids.filtered(
                lambda a: a.confirmed or a.objection
            )
            if not decided:
                continue
            lines = Markup().join(
                Markup("<li>%s</li>")
                % (
                    _(
                        "%(name)s had objected: %(objection)s",
                        name=attendee.user_id.name,
                        objection=attendee.objection,
                    )
                    if attendee.objection
                    else _("%(name)s had confirmed", name=attendee.user_id.name)
                )
                for attendee in decided
            )
            # sudo: a change of the content the user may make; asking again is
            # its consequence, written by the workflow
            decided.sudo()._workflow().write({"confirmed": False, "objection": False})
            meeting._workflow().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (reason, lines),
                subtype_xmlid="mail.mt_note",
            )

    def action_confirm_all_attendees(self):
        """Record that every present attendee without objection confirms."""
        self._check_state(("in_progress",), _("confirmed by the attendees"))
        self._check_is_organizer()
        # who decided on their own device decides again themself
        attendees = self.attendee_ids.filtered(
            lambda a: (
                a.attendance == "present"
                and not a.confirmed
                and not a.objection
                and not a.decided_self
            )
        )
        attendees.write({"confirmed": True})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "Confirmed for %(count)s attendees: %(names)s.",
                    count=len(attendees),
                    names=", ".join(attendees.user_id.mapped("name")),
                )
                if attendees
                else _("Every present attendee has already confirmed or objected."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

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

    def action_open_calendar_event(self):
        self.ensure_one()
        if not self.calendar_event_id:
            self._check_is_organizer()
            self._create_calendar_event()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
            "target": "current",
        }

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
            if now < earliest:
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
                            f"- {where}: «{word}»" for where, word in found
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

    def _action_open_sign_wizard(self, role):
        """The dialog where the recorder (role "recorder", to confirm) or the
        approver (role "host", to approve) signs, as themself."""
        self._check_can_sign(role)
        return {
            "type": "ir.actions.act_window",
            "name": _("Sign the Minutes"),
            "res_model": "meeting.minutes.sign.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_meeting_id": self.id, "default_role": role},
        }

    def _check_readable(self):
        """A dialog opened on minutes (a reason, a signature) shows them: only on
        minutes the user may read, without naming the others."""
        if not self.has_access("read"):
            raise AccessError(_("You may not open these minutes."))

    def _check_can_sign(self, role):
        self.ensure_one()
        if role == "recorder":
            self._check_state(("in_progress",), _("signed by the recorder"))
            if self.env.user != self.recorder_id:
                raise UserError(
                    _(
                        "Only the recorder %(recorder)s signs the draft of %(name)s: "
                        "they confirm it.",
                        recorder=self.recorder_id.name,
                        name=self.display_name,
                    )
                )
        else:
            self._check_can_approve(signed=False)

    def _do_sign(self, role, signature):
        self._check_can_sign(role)
        if not signature:
            raise UserError(_("Draw or type the signature first."))
        now = fields.Datetime.now()
        prefix = "recorder" if role == "recorder" else "host"
        self._workflow().write(
            {f"{prefix}_signature": signature, f"{prefix}_signed_on": now}
        )
        self._workflow().message_post(
            body=_(
                "Signed by %(name)s (%(role)s).",
                name=self.env.user.name,
                role=_("recorder") if role == "recorder" else _("approver"),
            ),
            subtype_xmlid="mail.mt_note",
        )

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
    # CRONS
    # ------------------------------------------------------------

    @api.model
    def _cron_followup(self, batch_size=200):
        """Minutes not submitted after the completion delay, approved minutes not
        distributed after the distribution delay: one activity per meeting for its
        recorder, and one email per recorder listing them (_notify_late); then the
        recipients who have not confirmed reading distributed minutes, reminded
        once.

        :return: the number of late minutes and unread receipts processed"""
        late = self._run_per_company(
            lambda company: self._get_late_notice_domains()[0],
            "_notify_late",
            batch_size,
        )
        unread = self.env["meeting.minutes.acknowledgement"]._cron_remind_unread(
            batch_size
        )
        return late + unread

    @api.model
    def _get_late_notice_domains(self):
        """(all, completion, distribution): the late minutes not told yet."""
        completion = expression.AND(
            [
                self._get_completion_late_domain(),
                [("completion_late_notified", "=", False)],
            ]
        )
        distribution = expression.AND(
            [
                self._get_distribution_late_domain(),
                [("distribution_late_notified", "=", False)],
            ]
        )
        return expression.OR([completion, distribution]), completion, distribution

    @api.model
    def _get_archive_domain(self, now, company):
        """The distributed minutes of ``company`` past its archive delay, all
        their action items closed."""
        return [
            ("state", "=", "distributed"),
            ("open_action_count", "=", 0),
            (
                "distributed_on",
                "<=",
                now - timedelta(days=company.meeting_archive_delay_days),
            ),
        ]

    @api.model
    def _cron_archive(self, batch_size=50):
        """Distributed minutes past the archive delay, all action items closed:
        company by company, each with its delay."""
        now = fields.Datetime.now()
        return self._run_per_company(
            lambda company: self._get_archive_domain(now, company),
            "_do_archive",
            batch_size,
        )

    def _notify_late(self):
        """Late minutes: an activity each for the recorder's to-do list (without
        the assignment email), one digest email per recorder, marked so that a
        rerun tells nobody twice."""
        __, completion_domain, distribution_domain = self._get_late_notice_domains()
        completion = self.filtered_domain(completion_domain)
        distribution = (self - completion).filtered_domain(distribution_domain)
        completion._schedule_recorder_activity(
            _("The minutes are late: complete and submit them.")
        )
        distribution._schedule_recorder_activity(
            _("The approved minutes are late: distribute them.")
        )
        late = completion | distribution
        self._queue_digests(
            self._group_by_partner(
                late, lambda meeting: meeting.recorder_id.partner_id
            ),
            "meeting_minutes.mail_body_minutes_late",
            lambda env, company, count: env._(
                "%(company)s: %(count)s late meeting minutes",
                company=company.name,
                count=count,
            ),
        )
        completion._workflow().write({"completion_late_notified": True})
        distribution._workflow().write({"distribution_late_notified": True})

    def _schedule_recorder_activity(self, summary):
        activity_type = self.env.ref("meeting_minutes.mail_activity_type_minutes_late")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        # the digest of _notify_late tells the recorder: no assignment email
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": meeting.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "date_deadline": today,
                    "user_id": meeting.recorder_id.id,
                    "automated": True,
                }
                for meeting in self
            ]
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def action_open_meeting_room(self):
        """The live meeting room of these minutes (a client action)."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "meeting_minutes.action_meeting_room"
        )
        action["params"] = {"meeting_id": self.id}
        action["name"] = self.display_name
        return action

    def get_room_data(self):
        """Everything the room shows, read as the current user (record rules
        apply), in a number of queries that does not grow with the minutes."""
        self._check_one_meeting()
        self.check_access("read")
        meeting = self
        departments = meeting.initiating_department_id | meeting.department_ids
        Agenda = self.env["meeting.minutes.agenda"]
        domain = [("meeting_id", "=", meeting.id)]
        items = Agenda.search_fetch(
            domain, ["sequence", "name", "planned_minutes"], order="sequence, id"
        )
        attendees = self.env["meeting.minutes.attendee"].search_fetch(
            domain,
            [
                "user_id",
                "department_id",
                "job_title",
                "attendance",
                "absence_reason",
                "written_opinion",
                "confirmed",
                "objection",
                "confirmed_on",
                "confirmed_by_id",
            ],
        )
        statements = self.env["meeting.minutes.statement"].search_fetch(
            domain,
            ["agenda_id", "sequence", "department_id", "kind", "content"],
            order="sequence, id",
        )
        resolutions = self.env["meeting.minutes.resolution"].search_fetch(
            domain,
            ["agenda_id", "sequence", "content", "is_proposal", "department_ids"],
            order="sequence, id",
        )
        actions = self.env["meeting.minutes.action"].search_fetch(
            domain,
            [
                "name",
                "resolution_id",
                "owner_id",
                "department_id",
                "deadline",
                "state",
                "sequence",
            ],
            order="sequence, id",
        )
        # the names, once for all: users and departments in one batch each
        users = attendees.user_id | actions.owner_id | meeting.host_id
        users |= meeting.recorder_id | attendees.confirmed_by_id
        users.mapped("display_name")
        (
            departments
            | attendees.department_id
            | statements.department_id
            | resolutions.department_ids
        ).mapped("display_name")
        (actions.department_id).mapped("display_name")
        # the lanes: the initiating department, the participating ones by name,
        # then any other department that spoke (removed from the meeting after)
        initiating = meeting.initiating_department_id
        lane_departments = (
            initiating
            | (departments - initiating).sorted("display_name")
            | (statements.department_id - departments).sorted("display_name")
        )
        people = {department: [] for department in lane_departments}
        absentees = {department: [] for department in lane_departments}
        for attendee in attendees:
            if attendee.department_id not in people:
                continue
            if attendee.attendance == "absent":
                absentees[attendee.department_id].append(
                    {
                        "id": attendee.id,
                        "name": attendee.user_id.display_name,
                        "job_title": attendee.job_title or "",
                        "reason": attendee.absence_reason or "",
                        "written_opinion": attendee.written_opinion or "",
                    }
                )
            else:
                people[attendee.department_id].append(
                    {
                        "id": attendee.id,
                        "name": attendee.user_id.display_name,
                        "job_title": attendee.job_title or "",
                    }
                )
        # the read-out's confirmation: every present attendee, by department
        lane_order = {department: index for index, department in enumerate(people)}
        confirmations = [
            {
                "id": attendee.id,
                "name": attendee.user_id.display_name,
                "department": attendee.department_id.display_name or "",
                "is_me": attendee.user_id == self.env.user,
                "confirmed": attendee.confirmed,
                "objection": attendee.objection or "",
                "decided_on": fields.Datetime.to_string(attendee.confirmed_on),
                "recorded_by": (
                    attendee.confirmed_by_id.display_name
                    if attendee.confirmed_by_id
                    and attendee.confirmed_by_id != attendee.user_id
                    else ""
                ),
            }
            for attendee in sorted(
                attendees.filtered(lambda a: a.attendance == "present"),
                key=lambda a: (
                    lane_order.get(a.department_id, len(lane_order)),
                    a.user_id.display_name,
                ),
            )
        ]
        by_item = {item.id: [] for item in items}
        for statement in statements:
            by_item.setdefault(statement.agenda_id.id, []).append(statement)
        resolutions_by_item = {}
        for resolution in resolutions:
            resolutions_by_item.setdefault(resolution.agenda_id.id, []).append(
                resolution
            )
        actions_by_item = {}
        for action in actions:
            actions_by_item.setdefault(
                action.resolution_id.agenda_id.id or False, []
            ).append(action)

        def statement_data(statement):
            return {
                "id": statement.id,
                "kind": statement.kind,
                "content": statement.content,
                "department_id": statement.department_id.id or False,
            }

        def resolution_data(resolution):
            # the departments bound, in the lanes' order
            bound = lane_departments & resolution.department_ids
            bound |= resolution.department_ids
            return {
                "id": resolution.id,
                "content": resolution.content,
                "agenda_id": resolution.agenda_id.id or False,
                "is_proposal": resolution.is_proposal,
                "department_ids": bound.ids,
                "departments": bound.mapped("display_name"),
            }

        def action_data(action):
            return {
                "id": action.id,
                "name": action.name,
                "resolution_id": action.resolution_id.id or False,
                "owner": [action.owner_id.id, action.owner_id.display_name],
                "department": [
                    action.department_id.id,
                    action.department_id.display_name,
                ],
                "deadline": fields.Date.to_string(action.deadline),
                "state": action.state,
            }

        agenda = []
        for item in items:
            item_statements = by_item[item.id]
            lanes = []
            for department in lane_departments:
                spoke = [s for s in item_statements if s.department_id == department]
                if department not in departments and not spoke:
                    continue
                lanes.append(
                    {
                        "department_id": department.id,
                        "department": department.display_name,
                        "participating": department in departments,
                        "attendees": people[department],
                        "absentees": absentees[department],
                        "statements": [statement_data(s) for s in spoke],
                    }
                )
            consensus = [
                statement_data(s) for s in item_statements if not s.department_id
            ]
            item_resolutions = resolutions_by_item.get(item.id, [])
            agenda.append(
                {
                    "id": item.id,
                    "sequence": item.sequence,
                    "name": item.name,
                    "planned_minutes": item.planned_minutes,
                    # the meeting's consensus (the box under the lanes), not a
                    # department's statement of the kind
                    "has_consensus": any(
                        s.kind == "consensus" and not s.department_id
                        for s in item_statements
                    ),
                    "has_resolution": bool(item_resolutions),
                    "lanes": lanes,
                    "consensus": consensus,
                    "resolutions": [resolution_data(r) for r in item_resolutions],
                    "actions": [
                        action_data(a) for a in actions_by_item.get(item.id, [])
                    ],
                }
            )
        Statement = self.env["meeting.minutes.statement"]
        Action = self.env["meeting.minutes.action"]
        return {
            "meeting": {
                "id": meeting.id,
                "name": meeting.name,
                "reference": meeting.reference or "",
                "display_name": meeting.display_name,
                "state": meeting.state,
                "state_label": meeting._state_label(meeting.state),
                "start": fields.Datetime.to_string(meeting.start),
                "stop": fields.Datetime.to_string(meeting.stop),
                "location": meeting.location or "",
                "host": meeting.host_id.display_name,
                "recorder": meeting.recorder_id.display_name,
                "is_recorder": meeting.recorder_id == self.env.user,
                "recorder_signed_on": fields.Datetime.to_string(
                    meeting.recorder_signed_on
                ),
            },
            "confirmations": confirmations,
            # the version of the read-out shown, sent back with a confirmation
            "read_out_version": meeting.read_out_version,
            "state": meeting.state,
            "can_edit": meeting.can_edit_content,
            "progress": {
                "done": sum(1 for item in agenda if item["has_consensus"]),
                "total": len(agenda),
            },
            "agenda": agenda,
            # the resolutions and action items of no agenda item
            "resolutions": [
                resolution_data(r) for r in resolutions_by_item.get(False, [])
            ],
            "actions": [action_data(a) for a in actions_by_item.get(False, [])],
            "kinds": [
                list(kind)
                for kind in Statement._fields["kind"]._description_selection(self.env)
            ],
            # flagged as they are typed (the submission refuses them)
            "colloquialisms": meeting.company_id._meeting_colloquialism_list(),
            "action_states": [
                list(state)
                for state in Action._fields["state"]._description_selection(self.env)
            ],
        }

    def get_deadline_working_days(self, deadline):
        """Working days from today to ``deadline`` on the company's calendar (its
        public holidays excluded): what the meeting room shows by a deadline. A
        deadline is a date of the range of the action items' deadlines."""
        self._check_one_meeting()
        self.check_access("read")
        try:
            # a date as JSON sends it: a string (to_date slices any sequence)
            day = fields.Date.to_date(deadline) if isinstance(deadline, str) else None
        except ValueError:
            day = None
        if not day:
            raise UserError(_("%(value)s is not a date.", value=deadline))
        first, last = self.env["res.company"]._meeting_date_range()
        if not first <= day <= last:
            raise UserError(
                _(
                    "%(value)s is out of range: give a date between %(first)s and "
                    "%(last)s.",
                    value=day,
                    first=first,
                    last=last,
                )
            )
        return self.company_id._meeting_working_days_between(
            fields.Date.context_today(self), day
        )

    def _check_one_meeting(self):
        """The room's calls are made on one meeting, by its id (an RPC client may
        send several, or ids that are no ids)."""
        if len(self) != 1 or not all(
            type(record_id) is int and 0 < record_id < 2**31 for record_id in self._ids
        ):
            raise UserError(
                _("The meeting room works on one meeting at a time, given by its id.")
            )

    def action_view_acknowledgements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Read Receipts"),
            "res_model": "meeting.minutes.acknowledgement",
            "view_mode": "list",
            "domain": [("meeting_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_acknowledge(self):
        """The current user confirms having read the distributed minutes."""
        partner = self.env.user.partner_id
        for meeting in self:
            # sudo: nobody writes a receipt but its recipient, here or by token
            receipt = meeting.sudo().acknowledgement_ids.filtered(
                lambda r, partner=partner: r.partner_id == partner
            )
            if not receipt:
                raise UserError(
                    _(
                        "You are not among the recipients of the minutes "
                        "%(name)s: there is nothing for you to confirm.",
                        name=meeting.display_name,
                    )
                )
            receipt._acknowledge()
        return True

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """At distribution, each recipient's email gets its own button: the link
        that confirms they read the minutes, without logging in."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        urls = self.env.context.get("meeting_minutes_receipt_urls")
        if not urls:
            return groups
        title = _("I have read the minutes")
        receipt_groups = [
            [
                f"meeting_minutes_receipt_{partner_id}",
                lambda pdata, partner_id=partner_id: pdata["id"] == partner_id,
                {
                    "active": True,
                    "has_button_access": True,
                    "button_access": {"url": url, "title": title},
                },
            ]
            for partner_id, url in urls.items()
        ]
        return receipt_groups + groups

    @api.model
    def _demo_date_decisions(self, meeting_ids, when):
        """Demo data: the confirmations and objections of a meeting of the past
        dated when they were given, not at the install."""
        self.browse(meeting_ids).attendee_ids.filtered(
            lambda a: a.confirmed or a.objection
        )._workflow().write({"confirmed_on": when})

    @api.model
    def _demo_compliance_history(self, department_ids, months=6):
        """Demo data: filed meetings of each department over the last ``months``
        months, some with a short notice, late minutes, a late distribution, items
        done late and receipts not read, so that the compliance report has
        something to show. Filed and closed: no scheduled action touches them."""
        rng = random.Random(18)
        departments = self.env["hr.department"].browse(department_ids)
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        for department in departments:
            users = department.member_ids.user_id
            if len(users) < 2:
                continue
            for month in range(months):
                for rank in range(rng.randint(1, 2)):
                    day = today - timedelta(days=30 * month + rng.randint(3, 25))
                    start = datetime.combine(day, time(2 + rank * 3, 0))
                    if start >= now - timedelta(days=3):
                        continue
                    self._demo_filed_meeting(department, users, start, rng)

    def _demo_filed_meeting(self, department, users, start, rng):
        host, recorder = users[:2]
        stop = start + timedelta(hours=2)
        # named in the host's language (the demo's colleagues read Chinese)
        lang_env = self.with_context(lang=host.lang).env
        meeting = self.create(
            {
                "name": lang_env._(
                    "%(department)s weekly coordination", department=department.name
                ),
                "purpose": lang_env._("Coordinate the week's priorities"),
                "initiating_department_id": department.id,
                "host_id": host.id,
                "recorder_id": recorder.id,
                "start": start,
                "stop": stop,
                "location_type": "onsite",
                "location": "301",
                "attendee_ids": [(0, 0, {"user_id": user.id}) for user in users],
            }
        )
        company = meeting.company_id
        start_date = fields.Date.context_today(meeting, start)
        notice_days = company.meeting_notice_days + rng.choice((2, 1, 0, -1))
        notice_date = start - timedelta(days=max(notice_days, 0) + 2)
        completed_on = stop + timedelta(hours=rng.choice((3, 10, 20, 40)))
        approved_on = completed_on + timedelta(hours=rng.randint(2, 30))
        approved_date = fields.Date.context_today(meeting, approved_on)
        distributed_on = approved_on + timedelta(days=rng.choice((0, 1, 1, 2, 5)))
        actions = self.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": lang_env._("Follow-up task %s", rank + 1),
                    "owner_id": rng.choice(users).id,
                    "deadline": start_date + timedelta(days=7),
                }
                for rank in range(rng.randint(1, 3))
            ]
        )
        for action in actions:
            late = rng.random() < 0.3
            action._workflow().state = "done"
            action._workflow().done_date = action.deadline + timedelta(
                days=3 if late else -1
            )
        meeting._workflow().write(
            {
                "state": "archived",
                "notice_date": notice_date,
                "notice_given_days": meeting._get_notice_working_days(notice_date),
                "signed_by_id": recorder.id,
                "signed_on": stop,
                "submitted_on": completed_on,
                "completed_on": completed_on,
                "approved_by_id": host.id,
                "approved_on": approved_on,
                "distribution_deadline": company._meeting_add_working_days(
                    approved_date, company.meeting_distribution_days
                ),
                "distributed_on": distributed_on,
                "distribution_working_days": company._meeting_working_days_between(
                    approved_date, fields.Date.context_today(meeting, distributed_on)
                ),
                "archived_on": distributed_on + timedelta(days=30),
                "archive_code": meeting._get_archive_code(),
            }
        )
        self.env["meeting.minutes.acknowledgement"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": user.partner_id.id,
                    "user_id": user.id,
                    "access_token": secrets.token_urlsafe(32),
                    "acknowledged_on": (
                        distributed_on + timedelta(hours=rng.randint(1, 48))
                        if rng.random() < 0.8
                        else False
                    ),
                    # reminded already: the follow-up cron leaves them
                    "remind_date": fields.Date.context_today(meeting, distributed_on),
                    "reminded_on": fields.Date.context_today(meeting, distributed_on),
                }
                for user in meeting.attendee_ids.user_id
            ]
        )
        return meeting

    def _get_time_label(self, partner):
        """The meeting's time as ``partner`` reads it: the date in the format of
        their language, the times in their time zone (the meeting's when they have
        none), the zone named when it is not the meeting's."""
        self.ensure_one()
        tz = partner.tz or self.tz or "UTC"
        lang = partner.lang or self.env.lang
        zone = pytz.timezone(tz)
        start, stop = (
            pytz.utc.localize(value).astimezone(zone)
            for value in (self.start, self.stop)
        )
        label = "{} {} – {}".format(
            format_date(self.env, start.date(), lang_code=lang),
            start.strftime("%H:%M"),
            stop.strftime("%H:%M")
            if stop.date() == start.date()
            else f"{format_date(self.env, stop.date(), lang_code=lang)} "
            f"{stop.strftime('%H:%M')}",
        )
        if tz != (self.tz or "UTC"):
            label += f" ({tz})"
        return label

    def _get_notice_working_days(self, notice_dt):
        self.ensure_one()
        return self.company_id._meeting_working_days_between(
            fields.Date.context_today(self, notice_dt),
            fields.Date.context_today(self, self.start),
        )

    def _is_short_notice(self, notice_dt=None):
        """The one rule 'participants are notified N working days ahead'."""
        self.ensure_one()
        notice_dt = notice_dt or self.notice_date or fields.Datetime.now()
        return (
            self._get_notice_working_days(notice_dt)
            < self.company_id.meeting_notice_days
        )

    def _get_late_domain(self):
        """Minutes not submitted after the completion delay, or approved minutes not
        distributed after the distribution delay."""
        return expression.OR(
            [self._get_completion_late_domain(), self._get_distribution_late_domain()]
        )

    @api.model
    def _get_completion_late_domain(self):
        return [
            ("state", "in", ("in_progress", "confirmed")),
            ("completion_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _get_distribution_late_domain(self):
        return [
            ("state", "=", "approved"),
            ("distribution_deadline", "<", fields.Date.context_today(self)),
        ]

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

    def _get_archive_code(self):
        """Year-month-topic and the filing's number within them in the company,
        e.g. 2024-06-产品迭代优先级协调会-01 (unique: archive_code_company_uniq)."""
        self.ensure_one()
        start = fields.Datetime.context_timestamp(self, self.start)
        prefix = f"{start:%Y-%m}-{self.name}-"
        # the codes given in this transaction (several minutes filed at once)
        self.flush_model(["archive_code", "company_id"])
        escaped = re.sub(r"([\\%_])", r"\\\1", prefix)
        self.env.cr.execute(
            SQL(
                "SELECT archive_code FROM meeting_minutes "
                "WHERE company_id = %s AND archive_code LIKE %s",
                self.company_id.id,
                f"{escaped}%",
            )
        )
        numbers = [
            int(code[len(prefix) :])
            for (code,) in self.env.cr.fetchall()
            if code[len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1:02d}"

    def _get_invitation_partners(self):
        self.ensure_one()
        return (
            self.attendee_ids.user_id.partner_id
            | self.department_ids.manager_id.user_id.partner_id
            | self.host_id.partner_id
        )

    def _get_distribution_partners(self):
        """Every participating department's attendees and manager, the leaders in
        copy."""
        self.ensure_one()
        return (
            self.attendee_ids.user_id.partner_id
            | self.department_ids.manager_id.user_id.partner_id
            | self.cc_user_ids.partner_id
            | self.host_id.partner_id
            | self.recorder_id.partner_id
        )

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

    def _create_calendar_event(self):
        self.ensure_one()
        # the calendar's own invitation is not sent: ours (_send_invitations)
        # carries its accept / decline links and its .ics
        # sudo: those who may manage the minutes (checked by the callers) create
        # their event even when they do not attend it; the calendar lets only its
        # organizer and attendees create a private event
        event_sudo = (
            self.env["calendar.event"]
            .sudo()
            .with_context(**{SYNC_KEY: WORKFLOW_TOKEN}, no_mail_to_attendees=True)
            .create(self._prepare_calendar_event_values())
        )
        event = event_sudo.with_env(self.env)
        self._workflow().calendar_event_id = event
        return event

    def _send_invitations(self, partners):
        """One invitation per person: each of ``partners`` attends the calendar
        event (added without the calendar's own invitation) and receives the
        minutes' invitation template rendered for their attendee line: their
        language, their time zone, the accept / decline links and the .ics. The
        chatter notes who was invited; it sends nothing itself."""
        self.ensure_one()
        event = self.calendar_event_id
        missing = partners - event.partner_ids
        if missing:
            event.with_context(
                **{SYNC_KEY: WORKFLOW_TOKEN}, no_mail_to_attendees=True
            ).write({"partner_ids": [(4, partner.id) for partner in missing]})
        attendees = event.attendee_ids.filtered(lambda a: a.partner_id in partners)
        template = self.env.ref("meeting_minutes.mail_template_meeting_invitation")
        attendees.with_context(no_mail_to_attendees=False)._send_mail_to_attendees(
            template
        )
        self._workflow().message_post(
            body=_(
                "Invitation sent to %(names)s.",
                # those the calendar mails: with an email, not the one who schedules
                names=", ".join(
                    attendees.filtered(
                        lambda a: a.email and a._should_notify_attendee()
                    ).partner_id.mapped("name")
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _send_cancellation(self, reason):
        """One email per person invited or following, the one who cancels
        excepted: in their language, the time in their time zone (one rendering
        per language and time zone)."""
        view = "meeting_minutes.mail_body_meeting_cancelled"
        for meeting in self:
            partners = (
                meeting.message_partner_ids | meeting._get_invitation_partners()
            ) - self.env.user.partner_id
            by_reader = defaultdict(lambda: self.env["res.partner"])
            for partner in partners:
                by_reader[
                    (
                        partner.lang or meeting.company_id.partner_id.lang,
                        partner.tz or meeting.tz,
                    )
                ] |= partner
            for (lang, _tz), readers in by_reader.items():
                reading = meeting.with_context(lang=lang)
                body = (
                    self.env["ir.qweb"]
                    .with_context(lang=lang)
                    ._render(
                        view,
                        {
                            "announcement": reading.env._(
                                "The meeting %(name)s (%(reference)s), planned for "
                                "%(time)s, is cancelled.",
                                name=meeting.name,
                                reference=meeting.reference or "",
                                time=reading._get_time_label(readers[:1]),
                            ),
                            "reason": reason,
                            # a meeting to come leaves the calendars (_do_cancel)
                            "removed": meeting.start > fields.Datetime.now(),
                        },
                    )
                )
                reading.message_notify(
                    partner_ids=readers.ids,
                    subject=reading.env._(
                        "Cancelled: %(name)s (%(reference)s)",
                        name=meeting.name,
                        reference=meeting.reference or "",
                    ),
                    body=body,
                    email_layout_xmlid="mail.mail_notification_light",
                )

    def _prepare_calendar_event_values(self):
        self.ensure_one()
        agenda = "\n".join(
            f"{index}. {item.name}" for index, item in enumerate(self.agenda_ids, 1)
        )
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "user_id": self.host_id.id,
            "location": self.location or False,
            "videocall_location": self.meeting_url or False,
            "partner_ids": [(6, 0, self._get_invitation_partners().ids)],
            "description": html_escape(f"{self.purpose}\n\n{agenda}").replace(
                "\n", Markup("<br/>")
            ),
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            # what the calendar shows of the minutes: their time to everyone, the
            # rest to their attendees and readers (_check_private_event_conditions)
            "privacy": "private",
        }
