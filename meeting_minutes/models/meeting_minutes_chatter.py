from odoo import SUPERUSER_ID, _, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from .meeting_minutes_content_mixin import OPEN_STATES
from .meeting_minutes_guard_mixin import WORKFLOW_KEY, WORKFLOW_TOKEN

# the messages of the minutes are created through their thread (message_post,
# the tracking, the activities): _message_create marks its creates with this key
THREAD_KEY = "meeting_minutes_thread"
# an activity of the minutes marked done (mail.activity._action_done): its note
ACTIVITY_DONE_KEY = "meeting_minutes_activity_done"
# what a participant's post never gives: the workflow's tracking, another date,
# another document's name or message id, an activity's type
POST_WORKFLOW_PARAMETERS = frozenset(
    {
        "tracking_value_ids",
        "date",
        "create_date",
        "record_name",
        "message_id",
        "mail_activity_type_id",
        "author_guest_id",
    }
)
# what a participant posts: comments and notes
POST_SUBTYPES = ("mail.mt_comment", "mail.mt_note")


def is_written_by_workflow(env):
    """The workflow's own messages: its token, or the system itself (a cron, the
    mail gateway). Not a user's request that Odoo runs in sudo (the chatter's
    /mail/message/post does): that is the user's post."""
    return env.uid == SUPERUSER_ID or env.context.get(WORKFLOW_KEY) is WORKFLOW_TOKEN


class MeetingMinutes(models.Model):
    """The chatter of the minutes is part of their record: every message in it
    is in its author's own name, the workflow's notes and tracking are written by
    the workflow, comments change only while the content is open."""

    # one concern of the minutes in its own file (as core splits account.journal)
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    def message_post(self, **kwargs):
        if not is_written_by_workflow(self.env):
            self._check_participant_post(kwargs)
        return super().message_post(**kwargs)

    def _check_participant_post(self, kwargs):
        """A participant posts a comment or a note, as it is: never a message
        that looks like the workflow's (a notification, a subtype of its own,
        tracking, another date, document or activity)."""
        given = sorted(POST_WORKFLOW_PARAMETERS & kwargs.keys())
        message_type = kwargs.get("message_type", "notification")
        activity_done = (
            self.env.context.get(ACTIVITY_DONE_KEY) is WORKFLOW_TOKEN
            and message_type == "notification"
        )
        if activity_done:
            given = [name for name in given if name != "mail_activity_type_id"]
        if given:
            raise UserError(
                _(
                    "A message of the minutes is posted as it is: %(fields)s "
                    "are written by the workflow only.",
                    fields=", ".join(given),
                )
            )
        if activity_done:
            return
        subtype = kwargs.get("subtype_xmlid")
        subtype_ok = (
            self.env.ref(subtype, raise_if_not_found=False)
            if subtype in POST_SUBTYPES
            else None
        )
        if kwargs.get("subtype_id"):
            subtype_ok = kwargs["subtype_id"] in [
                self.env.ref(xmlid).id for xmlid in POST_SUBTYPES
            ]
        if message_type != "comment" or (
            (subtype or kwargs.get("subtype_id")) and not subtype_ok
        ):
            raise UserError(
                _(
                    "A message on the minutes is a comment or a note: the "
                    "notifications of the chatter are the workflow's."
                )
            )

    def _message_create(self, values_list):
        if not is_written_by_workflow(self.env):
            partner = self.env.user.partner_id
            own_email = email_normalize(partner.email or "")
            for values in values_list:
                email = values.get("email_from")
                if values.get("author_id") != partner.id or (
                    email and email_normalize(email) != own_email
                ):
                    raise UserError(
                        _(
                            "A message of the minutes is written in its author's "
                            "own name: %(name)s cannot post for someone else.",
                            name=self.env.user.name,
                        )
                    )
        return super(
            MeetingMinutes, self.with_context(**{THREAD_KEY: WORKFLOW_TOKEN})
        )._message_create(values_list)

    def _check_can_update_message_content(self, messages):
        """Only comments are edited or deleted, and only while the content is
        open."""
        result = super()._check_can_update_message_content(messages)
        self._check_messages_editable(messages)
        return result

    def _check_messages_editable(self, messages):
        if self.env.su:
            return
        for message in messages:
            # sudo: the state of the minutes, whoever holds the message
            meeting = self.browse(message.res_id).sudo()
            if message.message_type != "comment" or meeting.state not in OPEN_STATES:
                raise UserError(
                    _(
                        "The messages of the minutes %(name)s are part of their "
                        "record: the notes of the workflow never change, comments "
                        "only while the content is open.",
                        name=meeting.display_name,
                    )
                )

    def _check_messages_created(self, messages):
        """Messages created on the minutes other than through their thread (a
        ``mail.message`` create, a ``message_ids`` command) are refused."""
        if self.env.context.get(THREAD_KEY) is WORKFLOW_TOKEN or (
            self.env.uid == SUPERUSER_ID
        ):
            return
        if messages:
            raise UserError(
                _(
                    "A message of the minutes is posted in their chatter, by its "
                    "author: it is not created directly."
                )
            )
