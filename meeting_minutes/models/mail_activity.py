from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .meeting_minutes_chatter import ACTIVITY_DONE_KEY
from .meeting_minutes_content_mixin import is_workflow
from .meeting_minutes_guard_mixin import WORKFLOW_TOKEN

# the steps of the workflow of the minutes: scheduled and marked as done by the step
# itself (submitting, approving, rejecting, revising, distributing), never by a
# user's "Mark as done"
WORKFLOW_ACTIVITY_TYPES = (
    "meeting_minutes.mail_activity_type_complete_minutes",
    "meeting_minutes.mail_activity_type_approve_minutes",
    "meeting_minutes.mail_activity_type_revise_minutes",
    "meeting_minutes.mail_activity_type_distribute_minutes",
)

# what places an activity on a document, as a step or not
PLACE_FIELDS = frozenset({"res_model_id", "res_model", "res_id", "activity_type_id"})


class MailActivity(models.Model):
    """The activities of the minutes, checked on the activities as they are (their
    document and type, whoever gave them): the person each is assigned to and the
    organizers of the minutes change, mark as done or delete them; the organizers
    schedule them; the steps of the workflow (WORKFLOW_ACTIVITY_TYPES) are the
    workflow's alone. Odoo lets anyone who may read the minutes do all of that
    (``_mail_post_access = "read"`` counts for activities too)."""

    _inherit = "mail.activity"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        if not is_workflow(self.env):
            # where the activities are, whatever default or command placed them
            activities._check_meeting_scheduled()
        return activities

    def write(self, vals):
        if is_workflow(self.env):
            return super().write(vals)
        on_minutes = self._meeting_activities()
        if on_minutes:
            on_minutes.check_access("write")
            on_minutes._check_meeting_organizer()
        if not vals.keys() & PLACE_FIELDS:
            return super().write(vals)
        before = self._meeting_places()
        # sudo: the name of their document, before the write
        names = {activity.id: activity.res_name for activity in self.sudo()}
        result = super().write(vals)
        after = self._meeting_places()
        moved = self.filtered(lambda a: after[a.id] != before[a.id])
        # a step of the workflow is not turned into another activity nor moved
        steps = self._meeting_workflow_types()
        for activity in moved:
            res_model, __, activity_type = before[activity.id]
            if res_model == "meeting.minutes" and activity_type in steps:
                activity._raise_meeting_step(activity_type, names[activity.id])
        # an activity placed on the minutes is scheduled there
        moved._check_meeting_scheduled()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_meeting_minutes(self):
        if not is_workflow(self.env):
            self._meeting_activities()._check_meeting_organizer()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking the 'action item' activity as done completes the action item: the
        owner updates the progress from the activity itself.

        Activities of the minutes: marked as done by the person they are assigned
        to or an organizer, the steps of the workflow by the workflow only (every
        "Mark as done", "Done & Schedule Next" and feedback comes here)."""
        on_minutes = self._meeting_activities()
        if on_minutes and not is_workflow(self.env):
            on_minutes.check_access("write")
            steps = self._meeting_workflow_types()
            # sudo: the type of the activities, as they are
            for activity in on_minutes.sudo():
                if activity.activity_type_id in steps:
                    activity._raise_meeting_step(activity.activity_type_id)
            on_minutes._check_meeting_organizer()
        action_type = self.env.ref(
            "meeting_minutes.mail_activity_type_action_item", raise_if_not_found=False
        )
        actions = self.env["meeting.minutes.action"]
        if action_type:
            actions = actions.browse(
                self.filtered(
                    lambda a: (
                        a.res_model == "meeting.minutes.action"
                        and a.activity_type_id == action_type
                    )
                ).mapped("res_id")
            ).filtered("is_open")
        # the note that it is done is Odoo's own post (meeting_minutes_chatter.py)
        result = super(
            MailActivity, self.with_context(**{ACTIVITY_DONE_KEY: WORKFLOW_TOKEN})
        )._action_done(feedback=feedback, attachment_ids=attachment_ids)
        for action in actions.exists():
            action._check_can_update_progress()
            remarks = action.remarks or ""
            if feedback:
                remarks = "\n".join(filter(None, [remarks, feedback]))
            action._workflow().write(
                {
                    "state": "done",
                    "done_date": fields.Date.context_today(action),
                    "remarks": remarks or _("Completed from the activity."),
                }
            )
        return result

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _meeting_activities(self):
        """These activities that are on minutes, as they are."""
        # sudo: the document of the activities, before Odoo's own access check
        return self.browse(
            self.sudo().filtered(lambda a: a.res_model == "meeting.minutes").ids
        )

    def _meeting_places(self):
        """{activity id: (document model, document id, type)}"""
        # sudo: the document and type of the activities, as they are
        return {
            activity.id: (
                activity.res_model,
                activity.res_id,
                activity.activity_type_id,
            )
            for activity in self.sudo()
        }

    def _meeting_workflow_types(self):
        types = self.env["mail.activity.type"]
        for xmlid in WORKFLOW_ACTIVITY_TYPES:
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types
        return types

    def _meeting_minutes(self):
        """The minutes of these activities (all on minutes), in sudo: whether the
        user organizes them, whoever may read them."""
        # sudo: can_manage is computed for the current user (uid), read whatever
        # the record rules let them see
        return self.env["meeting.minutes"].sudo().browse(self.sudo().mapped("res_id"))

    def _check_meeting_organizer(self):
        """Activities of the minutes change, are marked as done or deleted by the
        person they are assigned to or an organizer of the minutes (host,
        recorder, author, meeting manager: ``can_manage``)."""
        for activity in self.sudo():
            if activity.user_id == self.env.user:
                continue
            meeting_sudo = activity._meeting_minutes()
            if meeting_sudo.exists() and not meeting_sudo.can_manage:
                raise AccessError(
                    _(
                        "Only the person it is assigned to, the host, the recorder "
                        "or a meeting manager can change, mark as done or delete "
                        "the activity %(activity)s of the minutes %(name)s.",
                        activity=activity.display_name,
                        name=activity.res_name,
                    )
                )

    def _check_meeting_scheduled(self):
        """Activities placed on minutes: by an organizer, never a step of the
        workflow."""
        steps = self._meeting_workflow_types()
        for activity in self._meeting_activities().sudo():
            if activity.activity_type_id in steps:
                activity._raise_meeting_step(activity.activity_type_id)
            meeting_sudo = activity._meeting_minutes()
            if meeting_sudo.exists() and not meeting_sudo.can_manage:
                raise AccessError(
                    _(
                        "Only the host, the recorder or a meeting manager can "
                        "schedule activities on the minutes %(name)s.",
                        name=activity.res_name,
                    )
                )

    def _raise_meeting_step(self, activity_type, name=None):
        raise UserError(
            _(
                "%(activity)s is a step of the workflow of the minutes %(name)s: the "
                "step itself (its button) schedules it and marks it as done, never "
                "a user by hand.",
                activity=activity_type.name,
                name=name or self.sudo().res_name,
            )
        )


class MeetingMinutes(models.Model):
    """The helpers of the activity mixin are the workflow's: its steps schedule,
    mark as done and remove their activities with them, as the workflow (see
    WORKFLOW_ACTIVITY_TYPES); no client calls them over RPC."""

    # one concern of the minutes in its own file (as core splits account.journal)
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    @api.private
    def activity_schedule(
        self, act_type_xmlid="", date_deadline=None, summary="", note="", **act_values
    ):
        activities = super(MeetingMinutes, self._workflow()).activity_schedule(
            act_type_xmlid, date_deadline, summary, note, **act_values
        )
        return activities.with_env(self.env) if activities else activities

    @api.private
    def activity_reschedule(
        self, act_type_xmlids, user_id=None, date_deadline=None, new_user_id=None
    ):
        activities = super(MeetingMinutes, self._workflow()).activity_reschedule(
            act_type_xmlids, user_id, date_deadline, new_user_id
        )
        return activities.with_env(self.env) if activities else activities

    @api.private
    def activity_feedback(
        self, act_type_xmlids, user_id=None, feedback=None, attachment_ids=None
    ):
        return super(MeetingMinutes, self._workflow()).activity_feedback(
            act_type_xmlids, user_id, feedback, attachment_ids
        )

    @api.private
    def activity_unlink(self, act_type_xmlids, user_id=None):
        return super(MeetingMinutes, self._workflow()).activity_unlink(
            act_type_xmlids, user_id
        )
