import unicodedata

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .meeting_minutes_chatter import is_written_by_workflow
from .meeting_minutes_content_mixin import OPEN_STATES, WORKFLOW_TOKEN

# the link that opens a file without login (/web/content/<id>?access_token=):
# Odoo writes one when it shares or shows a file (generate_access_token: the
# portal's chatter, a file too large for an email); on an approved PDF, the
# workflow alone (the system's outgoing email of the distribution)
TOKEN_FIELDS = frozenset({"access_token"})
# where a file is and under which name
PLACE = ("res_model", "res_id", "res_field", "name")
# the files of a message posted in the chatter of the minutes (see
# meeting.minutes.message_post below)
POST_KEY = "meeting_minutes_post"


def _file_key(name):
    """A file name as a reader tells it apart: without case, width or spaces
    around."""
    return unicodedata.normalize("NFKC", name or "").strip().casefold()


class IrAttachment(models.Model):
    """The files of the minutes, checked on the files as they are (whatever gave
    their document and name): added to locked minutes only by the workflow or
    with a message of their chatter, never under the name of an approved PDF of
    the minutes; the approved PDFs themselves never change."""

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        # refused before the insert too: a caller that catches the refusal (the
        # chatter's upload) keeps nothing
        context = self.env.context
        for vals in vals_list:
            self._check_minutes_file(
                *(vals.get(name, context.get(f"default_{name}")) for name in PLACE),
                added=True,
            )
        attachments = super().create(vals_list)
        # the files as they are, whatever default placed them
        attachments._check_minutes_files(added=attachments)
        return attachments

    def write(self, vals):
        self._check_not_approved_minutes(vals)
        if not vals.keys() & set(PLACE) or is_written_by_workflow(self.env):
            return super().write(vals)
        before = self._minutes_places()
        for attachment in self:
            place = tuple(
                vals.get(name, value)
                for name, value in zip(PLACE, before[attachment.id], strict=True)
            )
            attachment._check_minutes_file(
                *place,
                added=place[:3] != before[attachment.id][:3],
                attachment=attachment,
            )
        result = super().write(vals)
        after = self._minutes_places()
        # a file moved onto the minutes (a comment's pending file) is added there
        self._check_minutes_files(
            added=self.filtered(lambda a: after[a.id][:3] != before[a.id][:3])
        )
        return result

    def unlink(self):
        self._check_not_approved_minutes()
        return super().unlink()

    def _minutes_places(self):
        """{attachment id: (document model, document id, field, name)}"""
        # sudo: where the files are, as they are
        return {
            attachment.id: tuple(attachment[name] for name in PLACE)
            for attachment in self.sudo()
        }

    def _check_minutes_files(self, added):
        """See _check_minutes_file: these files as they are, ``added`` ones new on
        their document."""
        places = self._minutes_places()
        for attachment in self:
            attachment._check_minutes_file(
                *places[attachment.id],
                added=attachment in added,
                attachment=attachment,
            )

    @api.model
    def _check_minutes_file(
        self, res_model, res_id, res_field, name, added, attachment=None
    ):
        """A file of minutes (not a field's storage): ``added`` (new on the
        minutes) only while their content is open, or posted with a message of
        their chatter (a comment with a file, allowed like the comment); under the
        name of an approved PDF of the minutes, only that PDF itself. Not for the
        workflow (the approved PDF, the distribution) nor the system (a cron, the
        mail gateway's unknown senders)."""
        if (
            res_model != "meeting.minutes"
            or not isinstance(res_id, int)
            or not res_id
            or res_field
            or is_written_by_workflow(self.env)
        ):
            return
        # sudo: the minutes the file is for, whoever adds it (the chatter's upload
        # creates it in sudo)
        meeting_sudo = self.env["meeting.minutes"].sudo().browse(res_id).exists()
        if not meeting_sudo:
            return
        posted = self.env.context.get(POST_KEY) is WORKFLOW_TOKEN
        if added and not posted and meeting_sudo.state not in OPEN_STATES:
            raise AccessError(
                _(
                    "The minutes %(name)s are %(state)s: their content is locked, "
                    "a file is added to them only with a comment in their chatter.",
                    name=meeting_sudo.display_name,
                    state=meeting_sudo._state_label(meeting_sudo.state),
                )
            )
        approved = (
            meeting_sudo.revision_ids.attachment_id | meeting_sudo.approved_report_id
        )
        if attachment and attachment.id in approved.ids:
            return
        if _file_key(name) in {_file_key(pdf) for pdf in approved.mapped("name")}:
            # a reader would take it for the official record
            raise AccessError(
                _(
                    "%(file)s is the name of an approved PDF of the minutes "
                    "%(name)s: no other file takes it.",
                    file=name,
                    name=meeting_sudo.display_name,
                )
            )

    def _check_not_approved_minutes(self, vals=None):
        """The PDFs frozen at the approvals of minutes are the official record:
        only the superuser (e.g. deleting minutes past their retention) changes
        them, and only the workflow or the system gives one a link that opens it
        without login (``access_token``), never a user's request that Odoo runs
        in sudo (``generate_access_token`` of the portal's chatter)."""
        if not self.ids:
            return
        token = vals is not None and bool(TOKEN_FIELDS & vals.keys())
        if is_written_by_workflow(self.env) if token else self.env.su:
            return
        # sudo: find whether these are frozen PDFs, whoever may see them
        frozen = (
            self.env["meeting.minutes.revision"]
            .sudo()
            .search([("attachment_id", "in", self.ids)], limit=1)
        )
        if frozen and token and vals.keys() <= TOKEN_FIELDS:
            raise UserError(
                _(
                    "%(file)s is the approved PDF of the minutes %(name)s: it opens "
                    "for those who may read the minutes, never by a link without "
                    "login.",
                    file=frozen.attachment_id.name,
                    name=frozen.meeting_id.display_name,
                )
            )
        if frozen:
            raise UserError(
                _(
                    "%(file)s is the approved PDF of the minutes %(name)s: it cannot "
                    "be changed or deleted.",
                    file=frozen.attachment_id.name,
                    name=frozen.meeting_id.display_name,
                )
            )


class MeetingMinutes(models.Model):
    """The files of the minutes' chatter and of their workflow (see
    ir.attachment._check_minutes_files)."""

    # one concern of the minutes in its own file (as core splits account.journal)
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    def message_post(self, **kwargs):
        """The files of a message belong to it: added like the message, on locked
        minutes too; the files it links from elsewhere (``attachment_ids`` of
        another document) are named like no approved PDF either."""
        message = super(
            MeetingMinutes, self.with_context(**{POST_KEY: WORKFLOW_TOKEN})
        ).message_post(**kwargs)
        if message and not is_written_by_workflow(self.env):
            # sudo: the files of the message just posted, wherever they are
            for attachment in message.sudo().attachment_ids:
                attachment._check_minutes_file(
                    self._name,
                    self.id,
                    False,
                    attachment.name,
                    added=False,
                    attachment=attachment,
                )
        return message.with_env(self.env) if message else message

    def _freeze_approved_report(self):
        """The approved PDF is the workflow's file of the locked minutes."""
        attachment = super(MeetingMinutes, self._workflow())._freeze_approved_report()
        return attachment.with_env(self.env)
