from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .meeting_minutes_content_mixin import OPEN_STATES as MEETING_OPEN_STATES
from .meeting_minutes_content_mixin import PROGRESS_STATES, is_workflow

OPEN_STATES = ("todo", "in_progress", "delayed")
# what only the progress buttons, the crons and the follow-up review write
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "done_date",
        "reminder_sent_on",
        "overdue_notified_on",
        "carried_from_id",
        "carried_over_to_id",
    }
)
# what the owner writes besides the buttons, also on approved minutes
PROGRESS_FIELDS = frozenset({"remarks"})


class MeetingMinutesAction(models.Model):
    _name = "meeting.minutes.action"
    _description = "Meeting Action Item"
    _inherit = [
        "meeting.minutes.content.mixin",
        "meeting.minutes.cron.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "deadline, sequence, id"
    _check_company_auto = True
    _meeting_workflow_fields = WORKFLOW_FIELDS
    _meeting_progress_fields = PROGRESS_FIELDS
    # what the host reads out of an action item (the attendees confirm it)
    _meeting_read_out_fields = frozenset(
        {"name", "owner_id", "department_id", "deadline", "resolution_id"}
    )

    meeting_state = fields.Selection(
        related="meeting_id.state", string="Minutes Status"
    )
    sequence = fields.Integer(default=10)
    resolution_id = fields.Many2one(
        "meeting.minutes.resolution",
        check_company=True,
        domain="[('meeting_id', '=', meeting_id)]",
    )
    name = fields.Char(string="Task", required=True, tracking=True)
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    deadline = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Completed"),
            ("delayed", "Delayed"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="todo",
        tracking=True,
        copy=False,
        index=True,
    )
    remarks = fields.Text(tracking=True)
    done_date = fields.Date(copy=False)
    is_open = fields.Boolean(compute="_compute_is_open", store=True, index=True)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="Past its deadline and not done; updated every day by the overdue "
        "scheduled action.",
    )
    days_late = fields.Integer(compute="_compute_days_late")
    reminder_sent_on = fields.Date(copy=False, readonly=True)
    overdue_notified_on = fields.Date(copy=False, readonly=True)
    carried_from_id = fields.Many2one(
        "meeting.minutes.action",
        string="Carried Over From",
        copy=False,
        index="btree_not_null",
        readonly=True,
    )
    carried_over_to_id = fields.Many2one(
        "meeting.minutes.action",
        copy=False,
        readonly=True,
    )
    can_update_progress = fields.Boolean(compute="_compute_can_update_progress")
    can_manage = fields.Boolean(
        related="meeting_id.can_manage", string="Can Manage the Minutes"
    )
    is_my_department = fields.Boolean(
        compute="_compute_is_my_department", search="_search_is_my_department"
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("owner_id")
    def _compute_department_id(self):
        for action in self:
            department = action.owner_id.employee_id.department_id
            if department:
                action.department_id = department

    @api.depends("state")
    def _compute_is_open(self):
        for action in self:
            action.is_open = action.state in OPEN_STATES

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = action.state == "delayed" or bool(
                action.state in OPEN_STATES
                and action.deadline
                and action.deadline < today
            )

    @api.depends("state", "deadline", "done_date")
    def _compute_days_late(self):
        today = fields.Date.context_today(self)
        for action in self:
            if not action.deadline or action.state == "cancelled":
                action.days_late = 0
                continue
            end = action.done_date if action.state == "done" else today
            action.days_late = max(((end or today) - action.deadline).days, 0)

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_is_my_department(self):
        departments = self.env.user.employee_ids.department_id
        for action in self:
            action.is_my_department = action.department_id in departments

    def _search_is_my_department(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = [("department_id", "in", self.env.user.employee_ids.department_id.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends_context("uid")
    @api.depends(
        "owner_id", "meeting_id.host_id", "meeting_id.recorder_id", "meeting_id.state"
    )
    def _compute_can_update_progress(self):
        """The owner and those who may manage the minutes (can_manage), while the
        minutes are in PROGRESS_STATES: the rule of _check_can_update_progress."""
        for action in self:
            action.can_update_progress = (
                action.meeting_id.state in PROGRESS_STATES
                and (action.meeting_id.can_manage or self.env.user == action.owner_id)
            )

    def _can_report_progress(self):
        return self.can_update_progress

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("deadline", "meeting_id")
    def _check_deadline(self):
        first, last = self.env["res.company"]._meeting_date_range()
        for action in self:
            if action.deadline and not first <= action.deadline <= last:
                raise ValidationError(
                    _(
                        "The deadline of '%(task)s' must fall between %(first)s and "
                        "%(last)s.",
                        task=action.name,
                        first=first,
                        last=last,
                    )
                )
            start = action.meeting_id.start
            if (
                start
                and action.deadline
                and action.deadline < fields.Date.context_today(action, start)
            ):
                raise ValidationError(
                    _(
                        "The deadline of '%(task)s' cannot be before the meeting "
                        "(%(date)s).",
                        task=action.name,
                        date=fields.Date.context_today(action, start),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        self._check_not_reviewed()
        for action in self:
            if action.carried_from_id:
                raise UserError(
                    _(
                        "'%(task)s' was carried over from %(meeting)s: it stays, "
                        "cancel it instead.",
                        task=action.name,
                        meeting=action.carried_from_id.meeting_id.display_name,
                    )
                )

    def _check_not_reviewed(self):
        """An item that a follow-up meeting reviewed (or carried over) is that
        meeting's record: it is neither reopened nor deleted."""
        # sudo: the reviewing meeting may be one the user cannot read
        reviews = (
            self.env["meeting.minutes.followup"]
            .sudo()
            .search([("previous_action_id", "in", self.ids)])
        )
        for review in reviews:
            if review.decision or review.meeting_id.state not in MEETING_OPEN_STATES:
                raise UserError(
                    _(
                        "'%(task)s' is reviewed in the follow-up of %(meeting)s: it "
                        "cannot be reopened or deleted.",
                        task=review.previous_action_id.name,
                        meeting=review.meeting_id.display_name,
                    )
                )

    def _check_owner_departments(self, vals_list):
        """The department is the owner's unless given: say so when he has none."""
        owner_ids = {
            vals["owner_id"]
            for vals in vals_list
            if vals.get("owner_id") and not vals.get("department_id")
        }
        for owner in self.env["res.users"].browse(owner_ids):
            if not owner.employee_id.department_id:
                raise ValidationError(
                    _(
                        "%(owner)s has no department as an employee of this company: "
                        "give the department of the action item.",
                        owner=owner.name,
                    )
                )

    @api.constrains("name")
    def _check_name(self):
        for action in self:
            if not (action.name or "").strip():
                raise ValidationError(_("An action item needs a task."))

    @api.constrains("resolution_id", "meeting_id")
    def _check_resolution(self):
        for action in self:
            if (
                action.resolution_id
                and action.resolution_id.meeting_id != action.meeting_id
            ):
                raise ValidationError(
                    _("An action item refers to a resolution of its own meeting.")
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_owner_departments(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not is_workflow(self.env):
            # the state is the workflow's: refused by the lines' check
            return super().write(vals)
        if vals.get("state") == "done" and "done_date" not in vals:
            vals["done_date"] = fields.Date.context_today(self)
        elif vals.get("state") in ("todo", "in_progress", "delayed"):
            vals.setdefault("done_date", False)
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_start_progress(self):
        self._check_can_update_progress()
        self._check_open()
        self._workflow().write({"state": "in_progress"})
        return True

    def action_done(self):
        self._check_can_update_progress()
        self._check_open()
        self._workflow().write({"state": "done"})
        self.activity_feedback(
            ["meeting_minutes.mail_activity_type_action_item"],
            feedback=_("Completed"),
        )
        return True

    def action_cancel(self):
        """Cancelling an item the meeting decided is the organizers' call, not
        the owner's."""
        self._check_can_update_progress()
        self.meeting_id._check_is_organizer()
        self._check_open()
        self._workflow().write({"state": "cancelled"})
        self.activity_unlink(["meeting_minutes.mail_activity_type_action_item"])
        # an item read out is no longer to do
        self.meeting_id._read_out_changed()
        return True

    def action_reopen(self):
        self._check_can_update_progress()
        for action in self:
            if action.state not in ("done", "cancelled"):
                raise UserError(_("'%(task)s' is still open.", task=action.name))
            if action.carried_over_to_id:
                # sudo: the follow-up meeting may be one the user cannot read
                carried = action.sudo().carried_over_to_id
                raise UserError(
                    _(
                        "'%(task)s' was carried over to %(meeting)s: it is closed for "
                        "good there, reopen the item of that meeting instead.",
                        task=action.name,
                        meeting=carried.meeting_id.display_name,
                    )
                )
        self._check_not_reviewed()
        today = fields.Date.context_today(self)
        # a cancelled item back in the read-out
        self.filtered(lambda a: a.state == "cancelled").meeting_id._read_out_changed()
        for action in self:
            action._workflow().state = (
                "delayed" if action.deadline < today else "in_progress"
            )
        self._schedule_owner_activity()
        return True

    @api.model
    def _action_open_my_actions(self):
        """The landing page: the user's open items; a meeting manager, who may
        update them all, lands on every open item."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "meeting_minutes.meeting_minutes_action_action"
        )
        if self.env.user.has_group("meeting_minutes.group_meeting_manager"):
            action["context"] = {"search_default_open": 1}
        return action

    def action_open_meeting(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "meeting.minutes",
            "res_id": self.meeting_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _check_can_update_progress(self):
        """The progress buttons: the owner and the organizers, while the minutes
        are not archived or cancelled (PROGRESS_STATES)."""
        for action in self:
            if action.meeting_id.state not in PROGRESS_STATES:
                self._raise_locked(action.meeting_id)
            if not action.can_update_progress and not self.env.su:
                raise UserError(
                    _(
                        "Only the owner %(owner)s, the host, the recorder or a "
                        "meeting manager can update the progress of '%(task)s'.",
                        owner=action.owner_id.name,
                        task=action.name,
                    )
                )

    def _check_open(self):
        for action in self:
            if action.state not in OPEN_STATES:
                raise UserError(
                    _(
                        "'%(task)s' is already %(state)s.",
                        task=action.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[action.state],
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _schedule_owner_activity(self, informed=None):
        """One 'action item' activity per open item for its owner, due on the
        deadline (never two). The owners among ``informed`` (partners who got the
        distribution email, which lists the items) get no assignment email too."""
        activity_type = self.env.ref("meeting_minutes.mail_activity_type_action_item")
        open_actions = self.filtered("is_open")
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", open_actions.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        has_activity = set(existing.mapped("res_id"))
        model_id = self.env["ir.model"]._get_id(self._name)
        informed = informed or self.env["res.partner"]
        todo = open_actions.filtered(lambda a: a.id not in has_activity)
        told = todo.filtered(lambda a: a.owner_id.partner_id in informed)
        for actions, quiet in ((told, True), (todo - told, False)):
            if not actions:
                continue
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=quiet
            ).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": action.id,
                        "activity_type_id": activity_type.id,
                        "summary": action.name,
                        "date_deadline": action.deadline,
                        "user_id": action.owner_id.id,
                        # managed by the workflow: feedback and unlink find it
                        "automated": True,
                    }
                    for action in actions
                ]
            )

    def _send_digest(self, view_xmlid, recipients_by_action, log_title):
        """Tell people about these items: one email per person and company listing
        the items that concern them (_queue_digests), and one note per meeting
        listing its items. The number of queries grows with the number of people
        and meetings, not of items."""
        actions_by_partner = defaultdict(lambda: self.browse())
        for action in self:
            for partner in recipients_by_action[action]:
                actions_by_partner[partner] |= action
        self._queue_digests(
            actions_by_partner,
            view_xmlid,
            lambda env, company, count: env._(
                "%(company)s: %(count)s meeting action items",
                company=company.name,
                count=count,
            ),
        )
        actions_by_meeting = defaultdict(lambda: self.browse())
        for action in self:
            actions_by_meeting[action.meeting_id] |= action
        self.env["meeting.minutes"].browse(
            meeting.id for meeting in actions_by_meeting
        )._message_log_batch(
            {
                meeting.id: Markup("<p>%s</p><ul>%s</ul>")
                % (
                    log_title,
                    Markup("").join(
                        Markup("<li>%s — %s</li>")
                        % (
                            action.name,
                            ", ".join(recipients_by_action[action].mapped("name")),
                        )
                        for action in actions
                    ),
                )
                for meeting, actions in actions_by_meeting.items()
            }
        )

    def _send_deadline_reminders(self):
        """One reminder to each owner, marked so that a rerun sends nothing."""
        self._send_digest(
            "meeting_minutes.mail_body_action_reminder",
            {action: action.owner_id.partner_id for action in self},
            _("Deadline reminder sent for these action items:"),
        )
        self._workflow().write({"reminder_sent_on": fields.Date.context_today(self)})

    def _mark_delayed(self):
        """Past the deadline and not done: delayed, and the owner, the recorder and
        the owner's department manager are told once."""
        # the note logged on the meeting says it: no tracking message per item
        self._workflow().with_context(tracking_disable=True).write(
            {
                "state": "delayed",
                "overdue_notified_on": fields.Date.context_today(self),
            }
        )
        self._send_digest(
            "meeting_minutes.mail_body_action_overdue",
            {
                action: action.owner_id.partner_id
                | action.meeting_id.recorder_id.partner_id
                | action.department_id.manager_id.user_id.partner_id
                for action in self
            },
            _("Past their deadline, these action items are delayed (told):"),
        )

    # ------------------------------------------------------------
    # CRONS
    # ------------------------------------------------------------

    @api.model
    def _get_reminder_domain(self, today, company=None):
        """Open items of distributed minutes due within the reminder days of
        ``company`` (of each company when None), not reminded yet. A window, not
        an exact date: a missed day catches up."""
        if company is None:
            # sudo: each company's reminder days, whoever asks
            companies_sudo = self.env["res.company"].sudo().search([])
            return expression.OR(
                [
                    [
                        ("company_id", "=", company_sudo.id),
                        *self._get_reminder_domain(today, company_sudo),
                    ]
                    for company_sudo in companies_sudo
                ]
            )
        return [
            ("state", "in", ("todo", "in_progress")),
            ("deadline", ">=", today),
            (
                "deadline",
                "<=",
                today + timedelta(days=company.meeting_reminder_days),
            ),
            ("reminder_sent_on", "=", False),
            ("meeting_id.state", "in", ("distributed", "archived")),
        ]

    @api.model
    def _get_overdue_domain(self, today):
        return [
            ("state", "in", ("todo", "in_progress")),
            ("deadline", "<", today),
            ("meeting_id.state", "in", ("approved", "distributed", "archived")),
        ]

    @api.model
    def _cron_send_reminders(self, batch_size=200):
        """Company by company, each with its reminder days."""
        today = fields.Date.context_today(self)
        return self._run_per_company(
            lambda company: self._get_reminder_domain(today, company),
            "_send_deadline_reminders",
            batch_size,
        )

    @api.model
    def _cron_mark_overdue(self, batch_size=200):
        today = fields.Date.context_today(self)
        return self._run_per_company(
            lambda company: self._get_overdue_domain(today),
            "_mark_delayed",
            batch_size,
        )

    def _room_agenda(self):
        """The meeting room shows it under this agenda item (none: "other")."""
        self.ensure_one()
        return self.resolution_id.agenda_id
