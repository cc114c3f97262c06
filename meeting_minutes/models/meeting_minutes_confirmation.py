"""The on-the-spot confirmation and the signatures: the read-out's digest (what
the attendees confirmed), asking again when it changes, an organizer
confirming for everyone present, and the recorder's and host's signatures
(meeting.minutes.sign.wizard)."""

import hashlib
from datetime import date

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    read_out_changed = fields.Boolean(
        string="Changed Since the Confirmation",
        compute="_compute_read_out_changed",
        help="The resolutions or action items differ from those read out and "
        "confirmed on the spot (completed after the meeting, or revised): the "
        "attendees' confirmations were given to the version read out.",
    )

    @api.depends(
        "state",
        "read_out_digest",
        "resolution_ids.content",
        "resolution_ids.department_ids",
        "action_ids.name",
        "action_ids.owner_id",
        "action_ids.department_id",
        "action_ids.deadline",
        "action_ids.resolution_id",
        "action_ids.state",
    )
    def _compute_read_out_changed(self):
        for meeting in self:
            # the read-out is the meeting's until it is confirmed on the spot
            meeting.read_out_changed = bool(
                meeting.state not in ("draft", "scheduled", "in_progress", "cancelled")
                and meeting.read_out_digest
                and meeting._get_read_out_digest() != meeting.read_out_digest
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

    def _get_read_out_digest(self, read_value=None):
        """The fingerprint of what the host reads out for the attendees to
        confirm: the resolutions and the action items, in the fields each line
        model reads out (``_meeting_read_out_fields``), each value as
        ``read_value`` reads it (``_read_out_value`` unless given: the
        18.0.1.8.0 migration gives the former way)."""
        self.ensure_one()
        read_value = read_value or self._read_out_value
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
                    value = read_value(line[name])
                    digest.update(repr((line._name, line.id, name, value)).encode())
        return digest.hexdigest()

    @api.model
    def _read_out_value(self, value):
        """A value of the read-out as the digest counts it: records by their ids,
        blanks evened out (a space added and taken away again is the same
        read-out), a date by its value (not the class holding it: a date read
        under a frozen clock in the tests is another class)."""
        if isinstance(value, models.BaseModel):
            return sorted(value.ids)
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, date):
            return value.isoformat()
        return value

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
