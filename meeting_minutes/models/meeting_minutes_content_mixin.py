from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MeetingMinutesContentMixin(models.AbstractModel):
    """The lines of the minutes (attendance, discussion, resolutions, action items).

    Once the minutes are approved they are the official record: the lines are
    locked by one check here, on create, write and delete, instead of readonly
    attributes scattered over the views. A model lists in ``_meeting_free_fields``
    what stays editable (e.g. the progress of an action item).
    """

    _name = "meeting.minutes.content.mixin"
    _description = "Meeting Minutes Content"

    # fields that may change whatever the state of the minutes
    _meeting_free_fields = frozenset()

    meeting_id = fields.Many2one(
        "meeting.minutes",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)

    def _get_meetings(self):
        return self.mapped("meeting_id")

    @api.model_create_multi
    def create(self, vals_list):
        meeting_ids = {vals.get("meeting_id") for vals in vals_list} - {False, None}
        self.env["meeting.minutes"].browse(meeting_ids)._check_content_editable()
        return super().create(vals_list)

    def write(self, vals):
        changed = set(vals) - self._mail_technical_fields()
        if changed - self._meeting_free_fields:
            meetings = self._get_meetings()
            if vals.get("meeting_id"):
                meetings |= self.env["meeting.minutes"].browse(vals["meeting_id"])
            meetings._check_content_editable()
        elif changed:
            # archived minutes are read-only, progress included
            self._get_meetings().filtered(
                lambda m: m.state == "archived"
            )._check_content_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_minutes(self):
        self._get_meetings()._check_content_editable()

    def _mail_technical_fields(self):
        # chatter and activity bookkeeping written by mail.thread on the lines
        return {
            "message_main_attachment_id",
            "activity_ids",
            "message_follower_ids",
            "message_ids",
        }

    def _raise_locked(self, meeting):
        raise UserError(
            _(
                "The minutes %(name)s are %(state)s: their content is locked.",
                name=meeting.display_name,
                state=meeting._state_label(meeting.state),
            )
        )
