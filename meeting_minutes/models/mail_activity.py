from odoo import _, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking the 'action item' activity as done completes the action item: the
        owner updates the progress from the activity itself."""
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
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
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
