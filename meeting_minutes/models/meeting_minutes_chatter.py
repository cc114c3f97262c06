from odoo import _, models
from odoo.exceptions import UserError

from .meeting_minutes_content_mixin import OPEN_STATES, is_workflow
from .meeting_minutes_guard_mixin import WORKFLOW_TOKEN

# the messages of the minutes are created through their thread (message_post,
# the tracking, the activities): _message_create marks its creates with this key
THREAD_KEY = "meeting_minutes_thread"
# what a message_post by a participant never gives: the workflow's tracking,
# another date
POST_WORKFLOW_PARAMETERS = frozenset({"tracking_value_ids", "date", "create_date"})


class MeetingMinutes(models.Model):
    """The chatter of the minutes is part of their record: every message in it
    is in its author's own name, the workflow's notes and tracking are written by
    the workflow, comments change only while the content is open."""

    _inherit = "meeting.minutes"

    def message_post(self, **kwargs):
        if not is_workflow(self.env):
            given = sorted(POST_WORKFLOW_PARAMETERS & kwargs.keys())
            if given:
                raise UserError(
                    _(
                        "A message of the minutes is posted as it is: %(fields)s "
                        "are written by the workflow only.",
                        fields=", ".join(given),
                    )
                )
        return super().message_post(**kwargs)

    def _message_create(self, values_list):
        if not is_workflow(self.env):
            author = self.env.user.partner_id
            for values in values_list:
                if values.get("author_id") and values["author_id"] != author.id:
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
        if self.env.su or self.env.context.get(THREAD_KEY) is WORKFLOW_TOKEN:
            return
        if messages:
            raise UserError(
                _(
                    "A message of the minutes is posted in their chatter, by its "
                    "author: it is not created directly."
                )
            )
