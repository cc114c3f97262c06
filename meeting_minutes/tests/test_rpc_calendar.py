"""The calendar event of minutes, through the client's path: who may start the
minutes of an event (one set per event), what the event shows those who may not
read the minutes, and what its refusals tell them."""

import json
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common_rpc import MeetingRpcCase

# what the calendar shows of a private event to those who do not attend it
MASKED = {
    "name": "Busy",
    "display_name": "Busy",
    "description": False,
    "location": False,
    "videocall_location": False,
    "partner_ids": [],
    "attendee_ids": [],
    "res_model": False,
    "res_id": False,
    "meeting_minutes_ids": [],
}
EVENT_FIELDS = list(MASKED)


@tagged("post_install", "-at_install")
class TestRpcCalendar(MeetingRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an employee outside the meeting groups, a meeting user of another company
        cls.employee = new_test_user(
            cls.env,
            login="mm_employee",
            name="Employee Ma",
            groups="base.group_user",
            email="mm_employee@example.com",
            tz="UTC",
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.foreigner = new_test_user(
            cls.env,
            login="mm_foreigner",
            name="Foreigner Ho",
            groups="base.group_user,meeting_minutes.group_meeting_user",
            email="mm_foreigner@example.com",
            tz="UTC",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    def setUp(self):
        super().setUp()
        # two weeks ahead: the minutes are scheduled without short notice
        self.start = fields.Datetime.now().replace(
            minute=0, second=0, microsecond=0
        ) + timedelta(days=14)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _create_event(self, partners=None, **values):
        """The host's event, his invitees (the recorder and the engineer)."""
        partners = partners or (self.host | self.recorder | self.engineer)
        return (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Budget freeze talks",
                    "description": "<p>Whether to freeze the 2027 budget</p>",
                    "start": self.start,
                    "stop": self.start + timedelta(hours=1),
                    "user_id": self.host.id,
                    "location": "Room 808",
                    "videocall_location": "https://meet.example.com/budget",
                    "partner_ids": [(6, 0, partners.partner_id.ids)],
                    **values,
                }
            )
        )

    def _minutes_of(self, event):
        return self.env["meeting.minutes"].search(
            [("calendar_event_id", "=", event.id)]
        )

    def _open(self, user, event):
        """The minutes ``user`` opens from ``event`` (the button, call_kw)."""
        action = self.rpc(
            user, "calendar.event", "action_open_meeting_minutes", [event.id]
        )
        minutes = self._minutes_of(event)
        self.assertEqual(len(minutes), 1)
        self.assertEqual(action["url"], f"/odoo/meeting-minutes/{minutes.id}")
        return minutes

    def _call_button(self, user, model, method, ids):
        """The decoded answer of a button as the web client calls it."""
        self.login(user)
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": [ids], "kwargs": {}},
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/dataset/call_button",
                data=json.dumps(payload).encode(),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return response.json()

    def _read_event(self, user, event):
        [values] = self.rpc(user, "calendar.event", "read", [event.id], EVENT_FIELDS)
        return values

    def _assertMasked(self, user, event):
        masked = dict(MASKED)
        if not user.has_group("meeting_minutes.group_meeting_user"):
            # not a field for him (the calendar form leaves it out too)
            del masked["meeting_minutes_ids"]
        [values] = self.rpc(user, "calendar.event", "read", [event.id], list(masked))
        self.assertEqual(
            {name: values[name] for name in masked}, masked, f"read by {user.login}"
        )
        [found] = self.rpc(
            user,
            "calendar.event",
            "search_read",
            [("id", "=", event.id)],
            ["name", "description", "location", "partner_ids"],
        )
        self.assertEqual(
            [found["name"], found["description"], found["location"]],
            ["Busy", False, False],
        )
        self.assertEqual(found["partner_ids"], [])

    def _assertShown(self, user, event, minutes):
        values = self._read_event(user, event)
        self.assertEqual(values["name"], event.name, f"read by {user.login}")
        self.assertEqual(values["location"], event.location)
        self.assertIn("freeze the 2027 budget", values["description"] or "")
        self.assertEqual(values["meeting_minutes_ids"], minutes.ids)

    # ------------------------------------------------------------
    # who starts the minutes of an event (issue 20, hole 2)
    # ------------------------------------------------------------

    def test_stranger_gets_no_second_minutes(self):
        """Closed hole: a meeting user with no part in the host's event opens its
        minutes (call_kw or call_button): he could not read the recorder's minutes,
        so a second set was created on the same event with him as recorder, from
        which he moved, archived the shared event and invited its attendees in the
        host's name. Now he is refused, without a word of the minutes."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        for user in (self.outsider, self.foreigner):
            message = self.assertRpcRefused(
                user,
                "calendar.event",
                "action_open_meeting_minutes",
                [event.id],
                message="ask its organizer Host Li",
            )
            self.assertNotIn(minutes.reference, message)
            answer = self._call_button(
                user, "calendar.event", "action_open_meeting_minutes", [event.id]
            )
            self.assertEqual(
                answer.get("error", {}).get("data", {}).get("name"),
                "odoo.exceptions.AccessError",
                f"call_button by {user.login}: {answer}",
            )
        self.assertEqual(self._minutes_of(event), minutes)
        self.assertRecordValues(
            event,
            [
                {
                    "res_model": "meeting.minutes",
                    "res_id": minutes.id,
                    "start": self.start,
                    "active": True,
                }
            ],
        )
        self.assertRecordValues(
            minutes, [{"recorder_id": self.recorder.id, "state": "draft"}]
        )
        # nor does he start the minutes of an event without any
        other = self._create_event()
        self.assertRpcRefused(
            self.outsider,
            "calendar.event",
            "action_open_meeting_minutes",
            [other.id],
            message="Only the organizer of the calendar event",
        )
        self.assertFalse(self._minutes_of(other))

    def test_stranger_cannot_hijack_scheduled_minutes(self):
        """The hijack of hole 2 played to its end: the minutes are scheduled and
        their invitations sent; the stranger's attempts change neither the event
        nor the minutes, and send nothing."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        minutes.with_user(self.recorder).agenda_ids = [(0, 0, {"name": "Freeze"})]
        self.assertIs(minutes.with_user(self.recorder).action_schedule(), True)
        sent = self.env["mail.message"].search_count([("model", "=", event._name)])
        invited = event.partner_ids
        later = self.start + timedelta(days=1)
        attempts = [
            ("action_open_meeting_minutes", [event.id]),
            (
                "write",
                [event.id],
                {"start": str(later), "stop": str(later + timedelta(hours=1))},
            ),
            ("action_archive", [event.id]),
        ]
        for method, *args in attempts:
            self.assertRpcRefused(self.outsider, "calendar.event", method, *args)
        self.assertEqual(self._minutes_of(event), minutes)
        self.assertRecordValues(event, [{"start": self.start, "active": True}])
        self.assertEqual(event.partner_ids, invited)
        self.assertRecordValues(
            minutes, [{"state": "scheduled", "calendar_event_id": event.id}]
        )
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", event._name)]),
            sent,
        )

    def test_who_starts_and_who_reopens_the_minutes(self):
        """The organizer, an attendee or a meeting manager start the minutes of an
        event; then whoever may read them opens the same minutes, the others are
        refused."""
        # the organizer
        by_host = self._create_event()
        minutes = self._open(self.host, by_host)
        self.assertRecordValues(
            minutes, [{"host_id": self.host.id, "recorder_id": self.host.id}]
        )
        # an attendee, then a meeting manager who does not attend
        for user in (self.engineer, self.manager):
            self.assertEqual(self._open(user, by_host), minutes)
        by_manager = self._create_event()
        managed = self._open(self.manager, by_manager)
        self.assertRecordValues(
            managed, [{"host_id": self.host.id, "recorder_id": self.manager.id}]
        )
        self.assertEqual(self._open(self.recorder, by_manager), managed)
        # a meeting user of another company, invited to neither
        self.assertRpcRefused(
            self.foreigner,
            "calendar.event",
            "action_open_meeting_minutes",
            [self._create_event().id],
            message="Only the organizer of the calendar event",
        )
        # nobody takes over a private event he does not attend, not even a meeting
        # manager
        private = self._create_event(privacy="private")
        self.assertRpcRefused(
            self.manager,
            "calendar.event",
            "action_open_meeting_minutes",
            [private.id],
            message="This calendar event is private",
        )
        self.assertFalse(self._minutes_of(private))
        self.assertEqual(self._open(self.engineer, private).recorder_id, self.engineer)

    def _assertSecondMinutesRefused(self, event, other):
        """``other`` cannot join the minutes of ``event``: not by the workflow's
        write, nor by a create, nor by SQL (the database checks the result)."""
        attempts = (
            lambda: other._workflow().write({"calendar_event_id": event.id}),
            lambda: (
                self.env["meeting.minutes"]
                .with_user(self.recorder)
                ._workflow()
                .create(
                    event.with_user(self.recorder)._prepare_meeting_minutes_values()
                )
            ),
            lambda: self.env.cr.execute(
                "UPDATE meeting_minutes SET calendar_event_id = %s WHERE id = %s",
                (event.id, other.id),
            ),
        )
        for attempt in attempts:
            with (
                self.assertRaises(psycopg2.errors.UniqueViolation),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                attempt()
                self.env.flush_all()
            self.env.invalidate_all()

    def test_one_set_of_minutes_per_event(self):
        """Whoever links minutes to an event (the workflow itself), an event holds
        one set of minutes; cancelled, they still hold it and are the ones its
        organizer opens again."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        other = self._create_meeting(start=self.start)
        self._assertSecondMinutesRefused(event, other)
        minutes.with_user(self.recorder)._do_cancel("Postponed")
        self.assertEqual(minutes.state, "cancelled")
        self._assertSecondMinutesRefused(event, other)
        self.assertEqual(self._minutes_of(event), minutes)
        event.with_user(self.host).action_unarchive()
        self.assertEqual(self._open(self.host, event), minutes)
        self.assertEqual(self._minutes_of(event), minutes)

    # ------------------------------------------------------------
    # what the event shows (issue 20, hole 10)
    # ------------------------------------------------------------

    def test_event_of_minutes_shows_outsiders_the_time_only(self):
        """Closed hole: the event of minutes showed their purpose, agenda,
        attendees and room to every employee, those outside the meeting groups and
        another company's included. It is private now: outsiders see its time
        ("Busy"), its attendees and those who read the minutes see it all."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        self.assertEqual(event.privacy, "private")
        for user in (self.outsider, self.employee, self.foreigner):
            self._assertMasked(user, event)
        # its attendees, and a meeting manager who reads the minutes
        for user in (self.host, self.engineer, self.manager):
            self._assertShown(user, event, minutes)

    def test_event_created_by_minutes_is_private(self):
        """The event the minutes create (scheduled, or opened from the minutes) is
        private too, created and moved by a meeting manager who does not attend
        it."""
        meeting = self._create_meeting(
            start=self.start,
            stop=self.start + timedelta(hours=1),
            purpose="Whether to freeze the 2027 budget",
        )
        action = self.rpc(
            self.manager, "meeting.minutes", "action_open_calendar_event", [meeting.id]
        )
        event = meeting.calendar_event_id
        self.assertEqual(action["res_id"], event.id)
        self.assertRecordValues(
            event, [{"privacy": "private", "user_id": self.host.id}]
        )
        self.assertNotIn(self.manager.partner_id, event.partner_ids)
        for user in (self.outsider, self.employee, self.foreigner):
            self._assertMasked(user, event)
        self._assertShown(self.engineer, event, meeting)
        self.assertEqual(self._read_event(self.manager, event)["name"], meeting.name)
        # the manager moves the minutes, and so their event
        later = self.start + timedelta(days=1)
        self.rpc(
            self.manager,
            "meeting.minutes",
            "write",
            [meeting.id],
            {"start": str(later), "stop": str(later + timedelta(hours=1))},
        )
        self.assertRecordValues(event, [{"start": later, "privacy": "private"}])

    def test_event_of_minutes_stays_private(self):
        """Not even its organizer makes the event of minutes public again."""
        event = self._create_event()
        self._open(self.recorder, event)
        for privacy in ("public", "confidential", False):
            self.assertRpcRefused(
                self.host,
                "calendar.event",
                "write",
                [event.id],
                {"privacy": privacy},
                message="it stays private",
            )
        self.assertEqual(event.privacy, "private")
        self._assertMasked(self.outsider, event)
        # the calendar's form says so before saving
        form = Form(event.with_user(self.host))
        with self.assertRaisesRegex(AssertionError, "readonly"):
            form.privacy = "public"

    # ------------------------------------------------------------
    # what the refusals tell (issue 20, hole 12)
    # ------------------------------------------------------------

    def test_refusal_names_minutes_only_to_their_readers(self):
        """Closed hole: the calendar's refusal named the minutes (reference and
        title) to an attendee of the event who may not read them. Their readers
        are still told which minutes stop them."""
        event = self._create_event(
            partners=self.host | self.recorder | self.engineer | self.employee
        )
        minutes = self._open(self.recorder, event)
        later = self.start + timedelta(days=1)
        move = {"start": str(later), "stop": str(later + timedelta(hours=1))}
        for method, *args in (
            ("write", [event.id], move),
            ("action_archive", [event.id]),
        ):
            message = self.assertRpcRefused(
                self.employee,
                "calendar.event",
                method,
                *args,
                message="This calendar event holds the minutes of a meeting",
            )
            self.assertNotIn(minutes.reference, message)
            self.assertNotIn(minutes.display_name, message)
        message = self.assertRpcRefused(
            self.engineer,
            "calendar.event",
            "write",
            [event.id],
            move,
            message=f"holds the minutes {minutes.display_name}",
        )
        self.assertRecordValues(event, [{"start": self.start, "active": True}])

    # ------------------------------------------------------------
    # who changes the event of minutes and its attendees
    # ------------------------------------------------------------

    def _attendee_of(self, event, user):
        return event.attendee_ids.filtered(lambda a: a.partner_id == user.partner_id)

    def test_outsider_cannot_join_event_of_minutes(self):
        """Closed hole: a meeting user who may not read the minutes created his
        own calendar.attendee line on their private event: he attended it, read
        its name, purpose and agenda, and was mailed the calendar's "Date
        updated" when it moved; so did a reader of the minutes who is not
        invited. The attendees of an event of minutes are now the minutes'
        business; the minutes still push theirs to the event."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        invited = event.partner_ids
        message = self.assertRpcRefused(
            self.outsider,
            "calendar.attendee",
            "create",
            [{"event_id": event.id, "partner_id": self.outsider.partner_id.id}],
            message="This calendar event holds the minutes of a meeting",
        )
        self.assertNotIn(minutes.reference, message)
        self.assertNotIn(event.name, message)
        # a reader of the minutes (R&D attends them), not invited to their event
        # (the calendar's own rule keeps him from writing the private event: its
        # partner_ids and attendee_ids are refused to him as they were)
        director = self.rd_director.partner_id
        self.assertRpcRefused(
            self.rd_director,
            "calendar.attendee",
            "create",
            [{"event_id": event.id, "partner_id": director.id}],
            message=f"holds the minutes {minutes.display_name}",
        )
        self.assertEqual(event.partner_ids, invited)
        self.assertEqual(event.attendee_ids.partner_id, invited)
        self._assertMasked(self.outsider, event)
        # the host moves the event: nothing reaches those refused
        later = self.start + timedelta(days=1)
        self.rpc(
            self.host,
            "calendar.event",
            "write",
            [event.id],
            {"start": str(later), "stop": str(later + timedelta(hours=1))},
        )
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", event._name),
                    ("res_id", "=", event.id),
                    (
                        "partner_ids",
                        "in",
                        (self.outsider | self.rd_director).partner_id.ids,
                    ),
                ]
            )
        )
        # the minutes invite their own attendees to the event (as the workflow)
        self.rpc(
            self.recorder,
            "meeting.minutes",
            "write",
            [minutes.id],
            {
                "attendee_ids": [(0, 0, {"user_id": self.sales_rep.id})],
                "agenda_ids": [(0, 0, {"name": "Freeze"})],
            },
        )
        self.assertIs(
            self.rpc(self.recorder, "meeting.minutes", "action_schedule", [minutes.id]),
            True,
        )
        self.assertEqual(event.partner_ids, minutes._get_invitation_partners())
        self.assertLessEqual(invited | self.sales_rep.partner_id, event.partner_ids)
        self.assertNotIn(self.outsider.partner_id, event.partner_ids)
        self.assertEqual(event.attendee_ids.partner_id, event.partner_ids)

    def test_attendee_only_answers_on_event_of_minutes(self):
        """Closed hole: an attendee of the event of minutes who does not organize
        them renamed it, rewrote its description, made himself its organizer,
        removed an invitee, deleted the host's attendee line and invited an
        outsider (who then read the purpose and agenda). He now answers his own
        invitation and changes nothing else; the organizers of the minutes still
        do."""
        event = self._create_event()
        minutes = self._open(self.recorder, event)
        values = {
            "name": event.name,
            "description": event.description,
            "user_id": self.host.id,
        }
        invited = event.partner_ids
        host_line = self._attendee_of(event, self.host)
        own_line = self._attendee_of(event, self.engineer)
        refused = f"holds the minutes {minutes.display_name}"
        for vals in (
            {"name": "Nothing to freeze", "description": "<p>Never mind</p>"},
            {"user_id": self.engineer.id},
            {"partner_ids": [(3, self.recorder.partner_id.id)]},
            {"partner_ids": [(4, self.outsider.partner_id.id)]},
            {"attendee_ids": [(2, host_line.id)]},
            {"attendee_ids": [(1, host_line.id, {"state": "declined"})]},
        ):
            self.assertRpcRefused(
                self.engineer,
                "calendar.event",
                "write",
                [event.id],
                vals,
                message=refused,
            )
        for method, *args in (
            ("unlink", host_line.ids),
            ("write", host_line.ids, {"state": "declined"}),
            ("do_decline", host_line.ids),
            ("write", own_line.ids, {"partner_id": self.outsider.partner_id.id}),
            ("write", own_line.ids, {"event_id": self._create_event().id}),
        ):
            self.assertRpcRefused(
                self.engineer, "calendar.attendee", method, *args, message=refused
            )
        self.assertRecordValues(event, [values])
        self.assertEqual(event.partner_ids, invited)
        self.assertEqual(event.attendee_ids.partner_id, invited)
        self.assertEqual(host_line.state, "accepted")
        # his own answer: the calendar's buttons, his line, the invitation's link
        self.rpc(
            self.engineer,
            "calendar.event",
            "change_attendee_status",
            [event.id],
            "declined",
            "self_only",
        )
        self.assertEqual(own_line.state, "declined")
        self.rpc(
            self.engineer,
            "calendar.attendee",
            "write",
            own_line.ids,
            {"state": "tentative"},
        )
        self.assertEqual(own_line.state, "tentative")
        self.rpc(
            self.engineer,
            "calendar.event",
            "write",
            [event.id],
            {"attendee_ids": [(1, own_line.id, {"state": "declined"})]},
        )
        self.assertEqual(own_line.state, "declined")
        self.url_open(
            f"/calendar/meeting/accept?token={own_line.access_token}&id={event.id}"
        )
        self.env.invalidate_all()
        self.assertEqual(own_line.state, "accepted")
        # the organizers of the minutes change the event and its attendees
        sales = self.sales_rep.partner_id
        self.rpc(
            self.recorder,
            "calendar.event",
            "write",
            [event.id],
            {"name": "Budget freeze", "partner_ids": [(4, sales.id)]},
        )
        self.assertEqual(event.attendee_ids.partner_id, invited | sales)
        self.rpc(
            self.host,
            "calendar.attendee",
            "write",
            self._attendee_of(event, self.sales_rep).ids,
            {"state": "tentative"},
        )
        self.rpc(
            self.host,
            "calendar.event",
            "write",
            [event.id],
            {"partner_ids": [(3, sales.id)]},
        )
        self.assertRecordValues(event, [{"name": "Budget freeze"}])
        self.assertEqual(event.partner_ids, invited)
        self.assertEqual(event.attendee_ids.partner_id, invited)

    def test_attendees_of_event_of_minutes_hidden_from_outsiders(self):
        """Closed hole: an outsider listed the calendar.attendee lines of the
        events of minutes: who was invited, and the real name of each event
        (Odoo names a many2one as superuser). The lines of an event of minutes
        are for those who see it, and the event is "Busy" to the others wherever
        it is named."""
        event = self._create_event(
            recurrency=True,
            rrule_type="daily",
            interval=1,
            end_type="count",
            count=2,
        )
        event = event.recurrence_id.base_event_id
        self._open(self.recorder, event)
        lines = event.attendee_ids
        domain = [("event_id", "in", event.ids)]
        for user in (self.outsider, self.employee, self.foreigner):
            self.assertEqual(
                self.rpc(
                    user,
                    "calendar.attendee",
                    "search_read",
                    domain,
                    ["event_id", "partner_id"],
                ),
                [],
                f"search_read by {user.login}",
            )
            self.assertRpcRefused(
                user, "calendar.attendee", "read", lines.ids, ["event_id"]
            )
            # a many2one to the event, which they may read: its name is masked
            [recurrence] = self.rpc(
                user,
                "calendar.recurrence",
                "read",
                event.recurrence_id.ids,
                ["base_event_id"],
            )
            self.assertEqual(
                recurrence["base_event_id"], [event.id, "Busy"], user.login
            )
            self.assertEqual(
                event.with_user(user).sudo().display_name, "Busy", user.login
            )
        # those who see the event: its attendees, the readers of the minutes
        for user in (self.engineer, self.manager, self.rd_director):
            found = self.rpc(
                user, "calendar.attendee", "search_read", domain, ["event_id"]
            )
            self.assertEqual(
                sorted(line["id"] for line in found), sorted(lines.ids), user.login
            )
            self.assertEqual(
                {tuple(line["event_id"]) for line in found},
                {(event.id, "Budget freeze talks")},
            )
        # in one transaction, one user after the other
        self.env.invalidate_all()
        self.assertEqual(
            event.with_user(self.engineer).display_name, "Budget freeze talks"
        )
        self.assertEqual(event.with_user(self.outsider).display_name, "Busy")
        self.assertEqual(event.with_user(self.outsider).sudo().display_name, "Busy")
        # the attendees of other events stay as the calendar shows them
        other = self._create_event()
        found = self.rpc(
            self.outsider,
            "calendar.attendee",
            "search_read",
            [("event_id", "=", other.id)],
            ["event_id"],
        )
        self.assertEqual(len(found), len(other.attendee_ids))
        self.assertEqual(found[0]["event_id"], [other.id, other.name])
