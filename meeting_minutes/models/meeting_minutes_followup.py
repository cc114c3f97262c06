from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .meeting_minutes_content_mixin import PROGRESS_STATES


class MeetingMinutesFollowup(models.Model):
    """The review, in a meeting, of an action item of the meeting it follows up: why it
    was not done, and whether it is carried over or closed."""

    _name = "meeting.minutes.followup"
    _description = "Follow-up of a Previous Action Item"
    _inherit = ["meeting.minutes.content.mixin"]
    _order = "meeting_id, id"
    _rec_name = "previous_action_id"
    _check_company_auto = True
    _meeting_workflow_fields = frozenset(
        {"previous_action_id", "decision", "new_action_id"}
    )

    previous_action_id = fields.Many2one(
        "meeting.minutes.action",
        string="Previous Action Item",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    owner_id = fields.Many2one(related="previous_action_id.owner_id")
    department_id = fields.Many2one(related="previous_action_id.department_id")
    deadline = fields.Date(related="previous_action_id.deadline")
    previous_state = fields.Selection(
        related="previous_action_id.state", string="Status"
    )
    previous_remarks = fields.Text(related="previous_action_id.remarks")
    reviewed_meeting_id = fields.Many2one(
        related="previous_action_id.meeting_id", string="Reviewed From"
    )
    is_other_meeting = fields.Boolean(
        string="From Another Meeting",
        compute="_compute_is_other_meeting",
        help="The item comes from a meeting this one no longer follows up.",
    )
    reason_category = fields.Selection(
        [
            ("resources", "Lack of Resources"),
            ("requirement", "Changed Requirement"),
            ("dependency", "Dependency"),
            ("other", "Other"),
        ],
        string="Why Not Done",
    )
    reason = fields.Text(string="Analysis")
    decision = fields.Selection(
        [("carry_over", "Carried Over"), ("close", "Closed")], readonly=True
    )
    new_deadline = fields.Date(
        help="Deadline of the action item carried over into this meeting."
    )
    new_action_id = fields.Many2one(
        "meeting.minutes.action", string="New Action Item", readonly=True
    )

    _sql_constraints = [
        (
            "meeting_action_uniq",
            "unique(meeting_id, previous_action_id)",
            "An action item is reviewed once per meeting.",
        ),
    ]

    @api.depends("reviewed_meeting_id", "meeting_id.previous_meeting_id")
    def _compute_is_other_meeting(self):
        for followup in self:
            followup.is_other_meeting = (
                followup.reviewed_meeting_id != followup.meeting_id.previous_meeting_id
            )

    def action_carry_over(self):
        self._check_can_decide()
        Action = self.env["meeting.minutes.action"]
        for followup in self:
            meeting = followup.meeting_id
            old = followup.previous_action_id
            deadline = followup.new_deadline or max(
                fields.Date.context_today(followup, meeting.start) + timedelta(days=14),
                old.deadline,
            )
            new = Action._workflow().create(
                {
                    "meeting_id": meeting.id,
                    "name": old.name,
                    "owner_id": old.owner_id.id,
                    "department_id": old.department_id.id,
                    "deadline": deadline,
                    "carried_from_id": old.id,
                    "remarks": followup._get_reason_text(),
                }
            )
            old._workflow().write(
                {
                    "state": "cancelled",
                    "carried_over_to_id": new.id,
                    "remarks": _(
                        "Carried over to %(meeting)s. %(reason)s",
                        meeting=meeting.display_name,
                        reason=followup._get_reason_text(),
                    ),
                }
            )
            old.activity_unlink(["meeting_minutes.mail_activity_type_action_item"])
            followup._workflow().write(
                {"decision": "carry_over", "new_action_id": new.id}
            )
        return True

    def action_close(self):
        self._check_can_decide()
        for followup in self:
            old = followup.previous_action_id
            old._workflow().write(
                {
                    "state": "cancelled",
                    "remarks": _(
                        "Closed at %(meeting)s. %(reason)s",
                        meeting=followup.meeting_id.display_name,
                        reason=followup._get_reason_text(),
                    ),
                }
            )
            old.activity_unlink(["meeting_minutes.mail_activity_type_action_item"])
            followup._workflow().decision = "close"
        return True

    def _check_can_decide(self):
        """The meeting that reviews decides, and so must the previous meeting's
        organizers: carrying over or closing an item of meeting A needs the right
        to manage A (can_manage)."""
        self.meeting_id._check_can_edit_content()
        for followup in self:
            # sudo: name the previous minutes in the refusal; can_manage is still
            # computed for the current user
            previous = followup.sudo().previous_action_id.meeting_id
            if previous.state not in PROGRESS_STATES:
                self._raise_locked(previous)
            if not previous.can_manage:
                raise UserError(
                    _(
                        "Only the host, the recorder or a meeting manager of %(name)s "
                        "can carry over or close its action item '%(task)s'.",
                        name=previous.display_name,
                        task=followup.sudo().previous_action_id.name,
                    )
                )
            if followup.decision:
                raise UserError(
                    _(
                        "'%(task)s' has already been reviewed.",
                        task=followup.previous_action_id.name,
                    )
                )
            if followup.previous_action_id.state not in (
                "todo",
                "in_progress",
                "delayed",
            ):
                raise UserError(
                    _(
                        "'%(task)s' is no longer open.",
                        task=followup.previous_action_id.name,
                    )
                )
            if not followup.reason_category:
                raise UserError(
                    _(
                        "Say why '%(task)s' was not done before deciding.",
                        task=followup.previous_action_id.name,
                    )
                )

    def _get_reason_text(self):
        self.ensure_one()
        category = dict(
            self._fields["reason_category"]._description_selection(self.env)
        ).get(self.reason_category, "")
        return " — ".join(part for part in (category, self.reason) if part)

    @api.constrains("previous_action_id", "meeting_id")
    def _check_previous_action(self):
        for followup in self:
            if (
                followup.previous_action_id.meeting_id
                != followup.meeting_id.previous_meeting_id
            ):
                raise ValidationError(
                    _(
                        "The follow-up review of %(name)s lists the action items of "
                        "the meeting it follows up only.",
                        name=followup.meeting_id.display_name,
                    )
                )

    def _drop_for_other_meeting(self):
        """The meeting now follows up another one (or none): the review lines of
        the previous one that were not decided go; those decided stay, part of the
        record, and the chatter says which."""
        other = self.filtered(
            lambda f: (
                f.previous_action_id.meeting_id != f.meeting_id.previous_meeting_id
            )
        )
        decided = other.filtered("decision")
        (other - decided).unlink()
        for meeting, kept in decided.grouped("meeting_id").items():
            meeting._workflow().message_post(
                body=_(
                    "These items of %(previous)s were already reviewed here and stay "
                    "in the follow-up: %(items)s",
                    previous=kept.previous_action_id.meeting_id.display_name,
                    items=", ".join(kept.previous_action_id.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _sync_for_meetings(self, meetings):
        """A review line for each open item of the previous meeting."""
        existing = {
            (f.meeting_id.id, f.previous_action_id.id)
            for f in self.search([("meeting_id", "in", meetings.ids)])
        }
        vals_list = [
            {"meeting_id": meeting.id, "previous_action_id": action.id}
            for meeting in meetings
            for action in meeting.previous_meeting_id.action_ids
            if action.is_open and (meeting.id, action.id) not in existing
        ]
        return self._workflow().create(vals_list)
