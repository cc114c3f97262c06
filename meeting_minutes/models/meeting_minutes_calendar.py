"""The minutes and their calendar event: the event created at the scheduling
and kept in step with the minutes, the invitations and the cancellation sent
to the participants in their language and time zone."""

from collections import defaultdict

import pytz
from markupsafe import Markup

from odoo import _, fields, models
from odoo.tools import format_date, html_escape

from .meeting_minutes_content_mixin import (
    SYNC_KEY,
    WORKFLOW_TOKEN,
)


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    # the minutes move, archive and invite through their event: one event, one
    # set of minutes, whoever links them (cancelled ones included: reset to
    # draft, they are its minutes again; deleted, they free it). Checked by the
    # database on the result: a concurrent link fails too (a ValidationError
    # with this message for the client)
    _sql_constraints = [
        (
            "calendar_event_uniq",
            "unique(calendar_event_id)",
            "A calendar event holds one set of meeting minutes at most.",
        ),
    ]

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

    def _get_invitation_partners(self):
        self.ensure_one()
        return (
            self.attendee_ids.user_id.partner_id
            | self.department_ids.manager_id.user_id.partner_id
            | self.host_id.partner_id
        )

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
