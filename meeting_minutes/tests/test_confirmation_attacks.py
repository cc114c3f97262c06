"""Attacks on the on-the-spot confirmation of the minutes, by users who hold the
write access of their role (recorder, host, attendee, meeting manager, outsider):
every path of the ORM an RPC client reaches (write, create, unlink, the one2many
commands of the minutes, copy, load, web_save, the wizards, the calendar event,
the follow-up review, the context of a call).

Each test states the rule and tries the path; those marked "Closed hole" were open
when first written (the docstring says which path, and "Fix:" where it is closed
now)."""

from datetime import date, datetime, timedelta
from functools import partial
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from . import test_concurrency as concurrency
from .common_workflow import (
    AFTER_MEETING,
    DURING_MEETING,
    SIGNATURE,
    MeetingWorkflowCase,
)

REFUSED = (AccessError, UserError, ValidationError)

# a second sitting of the meeting, two weeks later (Monday 29 June 2026), and the
# Tuesday before it (4 working days of notice, like common_workflow's meeting)
LATER_START = datetime(2026, 6, 29, 6, 0)
LATER_BEFORE_NOTICE = "2026-06-23 09:00:00"
LATER_DURING = "2026-06-29 07:00:00"
LATER_AFTER = "2026-06-29 10:00:00"


@tagged("post_install", "-at_install")
class TestConfirmationAttacks(MeetingWorkflowCase):
    def setUp(self):
        super().setUp()
        self.meeting = self._add_content(
            self._to_state(self._create_meeting(), "in_progress")
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _line(self, user, meeting=None):
        meeting = meeting or self.meeting
        return meeting.attendee_ids.filtered(lambda a: a.user_id == user)

    def _decide(self, meeting=None):
        """The engineer confirms, the sales rep objects, each as themself."""
        meeting = meeting or self.meeting
        with freeze_time(DURING_MEETING):
            self._line(self.engineer, meeting).with_user(
                self.engineer
            ).action_confirm_attendance()
            self._line(self.sales_rep, meeting).with_user(self.sales_rep).action_object(
                "Q3 is too early"
            )

    def _attempt(self, function):
        """Run an attack; a refusal is a fine outcome (the test then checks what
        the record holds)."""
        try:
            with self.env.cr.savepoint():
                function()
        except REFUSED:
            return False
        return True

    def _move_to_later(self, user):
        """The meeting (back in draft) moves two weeks later, its deadlines too."""
        self.meeting.with_user(user).write(
            {
                "action_ids": [
                    (1, action.id, {"deadline": LATER_START.date() + timedelta(days=7)})
                    for action in self.meeting.action_ids
                ]
            }
        )
        self.meeting.with_user(user).write(
            {"start": LATER_START, "stop": LATER_START + timedelta(hours=2)}
        )

    def _chatter_text(self, meeting=None):
        return " ".join(self._messages(meeting or self.meeting).mapped("body"))

    def _assert_objection_kept(self, line, text="Q3 is too early"):
        """The objection is still on the line, read out, or the chatter keeps it."""
        kept = (
            line.exists()
            and line.objection == text
            and line.attendance == "present"
            and line.user_id == self.sales_rep
        )
        self.assertTrue(
            kept or text in self._chatter_text(),
            "the objection vanished from the record without a trace",
        )

    def _assert_asked_again(self, meeting=None):
        meeting = meeting or self.meeting
        self.assertRecordValues(
            self._line(self.engineer, meeting) | self._line(self.sales_rep, meeting),
            [
                {"confirmed": False, "objection": False, "confirmed_on": False},
                {"confirmed": False, "objection": False, "confirmed_on": False},
            ],
        )
        self.assertIn("Engineer Liu had confirmed", self._chatter_text(meeting))

    # ------------------------------------------------------------
    # a decision for someone else, as if by themself
    # ------------------------------------------------------------

    def test_nobody_decides_for_another_attendee(self):
        """The buttons, the objection dialog with another attendee's line, a
        direct write by an attendee or an outsider: refused, nothing recorded."""
        line = self._line(self.engineer)
        for user in (self.sales_rep, self.host, self.recorder, self.manager):
            with self.subTest(user=user.name):
                with self.assertRaisesRegex(UserError, "Only Engineer Liu"):
                    line.with_user(user).action_confirm_attendance()
                with self.assertRaisesRegex(UserError, "Only Engineer Liu"):
                    line.with_user(user).action_object("Not me")
                wizard = (
                    self.env["meeting.minutes.reason.wizard"]
                    .with_user(user)
                    .create(
                        {
                            "meeting_ids": [(6, 0, self.meeting.ids)],
                            "mode": "objection",
                            "attendee_id": line.id,
                            "objection": "In his name",
                        }
                    )
                )
                with self.assertRaisesRegex(UserError, "Only Engineer Liu"):
                    wizard.action_confirm()
        with self.assertRaises(AccessError):
            line.with_user(self.outsider).action_confirm_attendance()
        for user in (self.sales_rep, self.outsider):
            with self.subTest(write_by=user.name), self.assertRaises(AccessError):
                line.with_user(user).write({"confirmed": True})
        self.assertRecordValues(
            line, [{"confirmed": False, "objection": False, "confirmed_by_id": False}]
        )

    def test_organizer_records_as_themself_never_as_the_attendee(self):
        """What an organizer records (write, one2many command, web_save, load,
        Confirm All) is stamped with the organizer: "recorded by"."""
        engineer = self._line(self.engineer)
        sales = self._line(self.sales_rep)
        host_line = self._line(self.host)
        recorder_line = self._line(self.recorder)
        with freeze_time(DURING_MEETING):
            engineer.with_user(self.host).write({"confirmed": True})
            self.meeting.with_user(self.recorder).write(
                {"attendee_ids": [(1, sales.id, {"objection": "Said aloud"})]}
            )
            host_line.with_user(self.manager).web_save(
                {"confirmed": True}, {"confirmed_by_id": {}}
            )
            result = (
                self.env["meeting.minutes.attendee"]
                .with_user(self.recorder)
                .load([".id", "confirmed"], [[str(recorder_line.id), "1"]])
            )
        self.assertFalse(
            [m for m in result["messages"] if m["type"] == "error"], result
        )
        self.assertRecordValues(
            engineer | sales | host_line | recorder_line,
            [
                {"confirmed_by_id": self.host.id, "is_recorded_by_other": True},
                {"confirmed_by_id": self.recorder.id, "is_recorded_by_other": True},
                {"confirmed_by_id": self.manager.id, "is_recorded_by_other": True},
                # the recorder's own line, recorded by the recorder: themself
                {"confirmed_by_id": self.recorder.id, "is_recorded_by_other": False},
            ],
        )

    def test_stamps_not_written_nor_imported(self):
        """The stamps: refused in a write, a one2many command, web_save, an import,
        a copy, a create with another value."""
        line = self._line(self.engineer)
        Attendee = self.env["meeting.minutes.attendee"]
        attempts = {
            "write": lambda u: line.with_user(u).write(
                {"confirmed_by_id": self.engineer.id}
            ),
            "one2many": lambda u: self.meeting.with_user(u).write(
                {"attendee_ids": [(1, line.id, {"confirmed_on": DURING_MEETING})]}
            ),
            "web_save": lambda u: line.with_user(u).web_save(
                {"confirmed": True, "confirmed_by_id": self.engineer.id}, {}
            ),
            "create": lambda u: Attendee.with_user(u).create(
                {
                    "meeting_id": self.meeting.id,
                    "user_id": self.leader.id,
                    "confirmed": True,
                    "confirmed_by_id": self.leader.id,
                }
            ),
            "copy": lambda u: (
                self._line(self.host)
                .with_user(u)
                .copy(
                    {
                        "user_id": self.leader.id,
                        "confirmed": True,
                        "confirmed_by_id": self.leader.id,
                    }
                )
            ),
        }
        for user in (self.recorder, self.host, self.manager):
            for label, attempt in attempts.items():
                with self.subTest(label, user=user.name), self.assertRaises(UserError):
                    with self.env.cr.savepoint():
                        attempt(user)
        result = Attendee.with_user(self.recorder).load(
            [".id", "confirmed", "confirmed_by_id/.id"],
            [[str(line.id), "1", str(self.engineer.id)]],
        )
        self.assertTrue(result["messages"], result)
        self.assertFalse(result["ids"])
        self.assertRecordValues(line, [{"confirmed": False, "confirmed_by_id": False}])
        self.assertNotIn(self.leader, self.meeting.attendee_ids.user_id)

    def test_stamps_not_forged_through_context_defaults(self):
        """Closed hole: ``_check_workflow_values`` (content mixin) accepts a stamp equal
        to ``default_get``, which reads the context of the call: with
        ``default_confirmed_by_id`` / ``default_confirmed_on`` in the context (an
        RPC client sends any context) an organizer creates a line that says the
        engineer decided, at a time of their choice, and the create applies the
        context defaults to the fields not given as well. The PDF prints that
        time ("Not confirmed 15/06 06:30 (recorded by ...)").
        Fix: in the mixin's create (and meeting.minutes.create), outside the
        workflow, drop ``default_<field>`` of the workflow fields from the context
        and compare with the field's own default, not ``default_get``."""
        Attendee = self.env["meeting.minutes.attendee"].with_user(self.recorder)
        forged = {
            "default_confirmed_by_id": self.leader.id,
            "default_confirmed_on": "2026-06-15 06:30:00",
        }
        self._attempt(
            lambda: Attendee.with_context(**forged).create(
                {"meeting_id": self.meeting.id, "user_id": self.leader.id}
            )
        )
        self._attempt(
            lambda: Attendee.with_context(**forged).create(
                {
                    "meeting_id": self.meeting.id,
                    "user_id": self.rd_director.id,
                    "confirmed_by_id": self.leader.id,
                }
            )
        )
        lines = self.meeting.attendee_ids.filtered(
            lambda a: a.user_id in (self.leader | self.rd_director)
        )
        self.assertFalse(lines.filtered("confirmed_by_id"), "stamp forged")
        self.assertFalse(lines.filtered("confirmed_on"), "stamp forged")

    def test_organizer_does_not_turn_an_objection_into_a_confirmation(self):
        """Closed hole: the sales rep objected on their own device; the host writes
        ``{"confirmed": True, "objection": False}`` on their line
        (meeting.minutes.attendee.write, also as a one2many command of the
        minutes or web_save): the objection is gone, the line says confirmed
        "recorded by Host Li", and no note keeps what the attendee said. The
        confirmation then goes through with no objection on record.
        Fix: in MeetingMinutesAttendee.write, outside the workflow, refuse to an
        organizer a change of a decision the attendee gave themself
        (``confirmed_by_id == user_id``), or at least post the replaced decision
        in the chatter as _reset_decisions does."""
        self._decide()
        sales = self._line(self.sales_rep)
        self._attempt(
            lambda: sales.with_user(self.host).write(
                {"confirmed": True, "objection": False}
            )
        )
        self._assert_objection_kept(sales)

    def test_organizer_does_not_erase_an_objection(self):
        """Closed hole: same path, ``{"objection": False}`` by the recorder through the
        minutes' one2many command: the objection is erased, the stamps cleared,
        the attendee shows as waiting; nothing in the chatter.
        Fix: as above (MeetingMinutesAttendee.write)."""
        self._decide()
        sales = self._line(self.sales_rep)
        self._attempt(
            lambda: self.meeting.with_user(self.recorder).write(
                {"attendee_ids": [(1, sales.id, {"objection": False})]}
            )
        )
        self._assert_objection_kept(sales)

    def test_objector_not_deleted_without_trace(self):
        """Closed hole: while in progress the attendance is open to the organizers; the
        recorder deletes the objector's line (unlink, or ``(2, id)`` through the
        minutes) and the objection disappears from the read-out, the record and
        the PDF without a word in the chatter.
        Fix: in MeetingMinutesAttendee._unlink_except_confirmed_attendance, refuse
        to delete a decided line while in progress (or post its decision in the
        chatter, like _reset_decisions)."""
        self._decide()
        sales = self._line(self.sales_rep)
        self._attempt(
            lambda: self.meeting.with_user(self.recorder).write(
                {"attendee_ids": [(2, sales.id)]}
            )
        )
        self._assert_objection_kept(sales)

    def test_objector_not_hidden_as_absent(self):
        """Closed hole: the recorder marks the objector absent (with a reason); the
        constraint ``_check_confirmed_present`` only forbids an absent
        *confirmed* line: the objection stays in the database but the read-out
        (``get_room_data``: present attendees only) and the PDF ("Absent") no
        longer show it, and nothing says an objection was made.
        Fix: extend _check_confirmed_present to ``objection`` (or clear it with a
        chatter note in MeetingMinutesAttendee.write when the attendance
        changes)."""
        self._decide()
        sales = self._line(self.sales_rep)
        self._attempt(
            lambda: sales.with_user(self.recorder).write(
                {"attendance": "absent", "absence_reason": "Left early"}
            )
        )
        self.assertIn(
            "Q3 is too early",
            [c["objection"] for c in self.meeting.get_room_data()["confirmations"]],
        )

    def test_a_decision_does_not_move_to_another_person(self):
        """Closed hole: the engineer confirmed; the host changes the person of that line
        (``user_id``, a content write, not a decision for
        MeetingMinutesAttendee.write): the R&D director now shows as having
        confirmed (recorded by the engineer), though they never did, and the
        confirmation goes through.
        Fix: in MeetingMinutesAttendee.write, refuse ``user_id`` on a decided line
        (or clear the decision, with a chatter note)."""
        self._decide()
        engineer = self._line(self.engineer)
        self._attempt(
            lambda: engineer.with_user(self.host).write(
                {"user_id": self.rd_director.id}
            )
        )
        director = self._line(self.rd_director)
        self.assertFalse(director.confirmed, "a confirmation never given")

    def test_confirm_all_leaves_the_decided_alone(self):
        self._decide()
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.host).action_confirm_all_attendees()
        self.assertRecordValues(
            self._line(self.engineer) | self._line(self.sales_rep),
            [
                {
                    "confirmed": True,
                    "objection": False,
                    "confirmed_by_id": self.engineer.id,
                },
                {
                    "confirmed": False,
                    "objection": "Q3 is too early",
                    "confirmed_by_id": self.sales_rep.id,
                },
            ],
        )
        for user in (self.engineer, self.outsider):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.meeting.with_user(user).action_confirm_all_attendees()

    def test_attendee_decides_only_present_and_in_progress(self):
        line = self._line(self.engineer)
        line.with_user(self.recorder).write(
            {"attendance": "absent", "absence_reason": "Visiting a customer"}
        )
        with self.assertRaisesRegex(UserError, "recorded absent"):
            line.with_user(self.engineer).action_confirm_attendance()
        with self.assertRaisesRegex(UserError, "recorded absent"):
            line.with_user(self.engineer).action_object("From afar")
        other = self._create_meeting(start=LATER_START)
        with self.assertRaisesRegex(UserError, "on the spot"):
            self._line(self.engineer, other).with_user(
                self.engineer
            ).action_confirm_attendance()

    def test_no_decision_outside_the_meeting_in_progress(self):
        """Decided lines given at the creation of minutes (a draft), in a copy, or
        on scheduled minutes: refused; an outsider neither reads the room nor
        decides."""
        Meeting = self.env["meeting.minutes"].with_user(self.host)
        vals = dict(
            self.meeting.copy_data()[0],
            start=LATER_START,
            stop=LATER_START + timedelta(hours=2),
        )
        for label, line in (
            ("confirmed", {"confirmed": True}),
            ("objection", {"objection": "Before the meeting"}),
        ):
            with self.subTest(label), self.assertRaisesRegex(UserError, "on the spot"):
                Meeting.create(
                    dict(vals, attendee_ids=[(0, 0, dict(line, user_id=self.host.id))])
                )
            with self.subTest(label), self.assertRaisesRegex(UserError, "on the spot"):
                self.meeting.with_user(self.host).copy(
                    {"attendee_ids": [(0, 0, dict(line, user_id=self.host.id))]}
                )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider).get_room_data()
        line = self._line(self.engineer)
        # as in a request: nothing in the cache the outsider could not fetch
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            line.with_user(self.outsider).action_object("Me")
        confirmations = self.meeting.with_user(self.engineer).get_room_data()[
            "confirmations"
        ]
        self.assertEqual(
            [c["name"] for c in confirmations if c["is_me"]], ["Engineer Liu"]
        )

    # ------------------------------------------------------------
    # the signature
    # ------------------------------------------------------------

    def test_only_the_recorder_signs(self):
        """The sign wizard created with another role, another meeting, or by
        someone else than the recorder: refused, nothing signed."""
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
        Wizard = self.env["meeting.minutes.sign.wizard"]
        for user in (self.host, self.manager, self.engineer):
            for role in ("recorder", "host"):
                with (
                    self.subTest(user=user.name, role=role),
                    freeze_time(AFTER_MEETING),
                    self.assertRaises(UserError),
                    self.env.cr.savepoint(),
                ):
                    Wizard.with_user(user).create(
                        {
                            "meeting_id": self.meeting.id,
                            "role": role,
                            "signature": SIGNATURE,
                        }
                    ).action_sign()
        # the recorder signs another meeting's wizard: that meeting's rule
        other = self._create_meeting(start=LATER_START, recorder_id=self.host.id)
        with freeze_time(AFTER_MEETING), self.assertRaises(UserError):
            Wizard.with_user(self.recorder).create(
                {"meeting_id": other.id, "role": "recorder", "signature": SIGNATURE}
            ).action_sign()
        # the recorder's wizard, signed by someone else
        wizard = Wizard.with_user(self.recorder).create(
            {"meeting_id": self.meeting.id, "role": "recorder"}
        )
        for user in (self.host, self.manager):
            with (
                self.subTest(wizard_of_recorder=user.name),
                freeze_time(AFTER_MEETING),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                wizard.with_user(user).write({"signature": SIGNATURE})
                wizard.with_user(user).action_sign()
        # the signature itself: the workflow's
        for user in (self.recorder, self.host, self.manager):
            with self.subTest(write=user.name), self.assertRaises(UserError):
                self.meeting.with_user(user).write(
                    {
                        "recorder_signature": SIGNATURE,
                        "recorder_signed_on": AFTER_MEETING,
                    }
                )
        # the host confirms: the recorder's signature is asked of the recorder
        with (
            freeze_time(AFTER_MEETING),
            self.assertRaisesRegex(UserError, "Only the recorder"),
        ):
            self.meeting.with_user(self.host).action_confirm()
        self.assertFalse(self.meeting.recorder_signature)
        self.assertEqual(self.meeting.state, "in_progress")

    def test_no_signature_nor_state_through_create_or_copy(self):
        Meeting = self.env["meeting.minutes"].with_user(self.host)
        for label, vals in (
            ("state", {"state": "confirmed"}),
            ("signature", {"recorder_signature": SIGNATURE}),
            ("signed on", {"recorder_signed_on": AFTER_MEETING}),
        ):
            with self.subTest(label), self.assertRaises(UserError):
                self.meeting.with_user(self.host).copy(vals)
            with self.subTest(label), self.assertRaises(UserError):
                Meeting.create(
                    dict(
                        self.meeting.copy_data()[0],
                        attendee_ids=[(0, 0, {"user_id": self.host.id})],
                        **vals,
                    )
                )

    def test_no_signature_nor_state_through_context_defaults(self):
        """Closed hole: meeting.minutes.create checks the workflow fields present in the
        values only; Odoo then fills the missing ones from the context
        (``default_state``, ``default_recorder_signature``, ...), which an RPC
        client sets at will. The host creates minutes already *in progress* and
        signed "by the recorder", records every attendee's confirmation and
        confirms them: the recorder never signed (``recorder_signed_on`` the
        host's choice). ``default_state='confirmed'`` directly gives confirmed
        minutes whose present attendees never decided. The calendar event's
        ``action_open_meeting_minutes`` (a ``_workflow().create`` carrying the
        caller's context) is a second door.
        Fix: in meeting.minutes.create (and the mixin's create, and
        calendar.event.action_open_meeting_minutes), strip ``default_<name>`` of
        WORKFLOW_FIELDS from the context before calling super()."""
        vals = dict(
            self.meeting.copy_data()[0],
            start=LATER_START,
            stop=LATER_START + timedelta(hours=2),
            attendee_ids=[
                (0, 0, {"user_id": user.id})
                for user in (self.host, self.recorder, self.engineer, self.sales_rep)
            ],
        )
        forged = {
            "default_state": "in_progress",
            "default_recorder_signature": SIGNATURE,
            "default_recorder_signed_on": "2026-06-29 06:05:00",
        }
        Meeting = self.env["meeting.minutes"].with_user(self.host)
        meeting = Meeting.browse()
        try:
            with self.env.cr.savepoint():
                meeting = Meeting.with_context(**forged).create(vals)
                with freeze_time(LATER_AFTER):
                    meeting.action_confirm_all_attendees()
                    meeting.action_confirm()
        except REFUSED:
            meeting = Meeting.browse()
        confirmed = Meeting.browse()
        try:
            with self.env.cr.savepoint():
                confirmed = Meeting.with_context(default_state="confirmed").create(
                    dict(vals, name="Confirmed at birth")
                )
        except REFUSED:
            confirmed = Meeting.browse()
        self.assertFalse(
            meeting.exists() and meeting.recorder_signature,
            "signed 'by the recorder' who never signed",
        )
        self.assertNotEqual(meeting.exists() and meeting.state, "confirmed")
        self.assertNotEqual(
            confirmed.exists() and confirmed.state,
            "confirmed",
            "confirmed minutes whose attendees never decided",
        )

    def test_no_minutes_born_confirmed_from_the_calendar(self):
        """Closed hole (same root as above, second door): the host opens the minutes of
        a calendar event (``calendar.event.action_open_meeting_minutes``) with
        ``default_state='confirmed'`` and ``default_recorder_signature`` in the
        context: ``_workflow().create`` keeps the caller's context and the
        minutes are born confirmed and "signed", nobody having confirmed.
        Fix: in action_open_meeting_minutes create with a context cleaned of
        ``default_*`` keys (and see meeting.minutes.create above)."""
        event = (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Opened from the calendar",
                    "start": LATER_START,
                    "stop": LATER_START + timedelta(hours=1),
                    "user_id": self.host.id,
                    "partner_ids": [(6, 0, (self.host | self.engineer).partner_id.ids)],
                }
            )
        )
        self._attempt(
            lambda: (
                event.with_user(self.host)
                .with_context(
                    default_state="confirmed", default_recorder_signature=SIGNATURE
                )
                .action_open_meeting_minutes()
            )
        )
        minutes = event.meeting_minutes_ids
        self.assertNotEqual(minutes.state, "confirmed")
        self.assertFalse(minutes.recorder_signature)

    def test_recorder_not_replaced_after_signing(self):
        """Closed hole: once the recorder signed and the minutes are confirmed, the host
        names another recorder (``recorder_id`` stays in CONTENT_FIELDS /
        EDITABLE_FIELDS for *confirmed*): the minutes now have a recorder who
        never signed, under whose name the first recorder's signature stands
        (the PDF prints the new recorder's job title beside ``signed_by_id``).
        Fix: in meeting.minutes._check_write, refuse ``recorder_id`` (and
        ``recorder_job_title``) once ``recorder_signature`` is set, or clear the
        signature and ask the new recorder to sign."""
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
        self._attempt(
            lambda: self.meeting.with_user(self.host).write(
                {"recorder_id": self.engineer.id}
            )
        )
        self.assertEqual(self.meeting.recorder_id, self.meeting.signed_by_id)

    # ------------------------------------------------------------
    # the read-out changed after the decisions
    # ------------------------------------------------------------

    def test_read_out_changes_by_every_path_ask_again(self):
        """The one2many commands of the minutes, copy, import, web_save, the
        resolution's departments, the owner: the attendees are asked again."""
        action = self.meeting.action_ids[:1]
        resolution = self.meeting.resolution_ids[:1]
        as_recorder = self.meeting.with_user(self.recorder)
        Action = self.env["meeting.minutes.action"].with_user(self.host)

        def load_action():
            result = Action.load(
                ["meeting_id/.id", "name", "owner_id/.id", "deadline"],
                [
                    [
                        str(self.meeting.id),
                        "Imported task",
                        str(self.sales_rep.id),
                        "2026-06-30",
                    ]
                ],
            )
            self.assertTrue(result["ids"], result)

        changes = {
            "(1) action through the minutes": lambda: as_recorder.write(
                {"action_ids": [(1, action.id, {"owner_id": self.sales_rep.id})]}
            ),
            "(0) action through the minutes": lambda: as_recorder.write(
                {
                    "action_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Added",
                                "owner_id": self.engineer.id,
                                "deadline": action.deadline,
                            },
                        )
                    ]
                }
            ),
            "(3) action through the minutes": lambda: as_recorder.write(
                {"action_ids": [(3, self.meeting.action_ids.sorted("id")[-1].id)]}
            ),
            "copy a resolution": lambda: resolution.with_user(self.host).copy(
                {"content": "Copied"}
            ),
            "(2) resolution through the minutes": lambda: as_recorder.write(
                {
                    "resolution_ids": [
                        (
                            2,
                            self.meeting.resolution_ids.filtered(
                                lambda r: r.content == "Copied"
                            ).id,
                        )
                    ]
                }
            ),
            "copy an action item": lambda: action.with_user(self.manager).copy(),
            "departments bound": lambda: resolution.with_user(self.host).write(
                {"department_ids": [(4, self.dep_sales.id)]}
            ),
            "web_save of a resolution": lambda: resolution.with_user(
                self.recorder
            ).web_save({"content": "Saved from the form"}, {}),
            "import an action item": load_action,
            "resolution of an action item": lambda: action.with_user(
                self.recorder
            ).write({"resolution_id": False}),
        }
        for label, change in changes.items():
            with self.subTest(label):
                self._decide()
                change()
                self._assert_asked_again()

    def test_carry_over_into_a_meeting_in_progress_asks_again(self):
        """Closed hole: the follow-up review carries an item of the previous meeting
        over into this one while it is in progress: ``action_carry_over`` creates
        the new action item with ``Action._workflow().create`` (followup model), and
        the mixin skips ``_reset_decisions`` for the workflow's writes. The item is
        in the read-out, the attendees who confirmed before are not asked again, and
        the minutes are confirmed with it.
        Fix: the mixin's create calls ``_read_out_changed`` for the workflow's
        creates too."""
        previous = self.meeting
        with freeze_time(AFTER_MEETING):
            previous.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(previous)
        meeting = self._create_meeting(
            start=LATER_START, previous_meeting_id=previous.id
        )
        with freeze_time(LATER_BEFORE_NOTICE):
            self.assertIs(meeting.with_user(self.recorder).action_schedule(), True)
        with freeze_time(LATER_DURING):
            meeting.with_user(self.recorder).action_start()
        self.assertTrue(meeting.followup_ids)
        self._decide(meeting)
        followup = meeting.followup_ids[:1].with_user(self.recorder)
        followup.reason_category = "resources"
        with freeze_time(LATER_DURING):
            followup.action_carry_over()
        self.assertTrue(meeting.action_ids)
        self._assert_asked_again(meeting)

    def test_cancelling_an_action_item_in_progress_asks_again(self):
        """Closed hole: the read-out shows each action item's status
        (get_room_data ``state``); ``action_cancel`` of meeting.minutes.action
        cancels an item the attendees just confirmed through a workflow write
        (``state`` is not a read-out field, and ``_workflow()`` skips the reset):
        the minutes are confirmed with a cancelled item nobody confirmed.
        Fix: in MeetingMinutesAction.action_cancel (and action_reopen), while the
        minutes are in progress, call ``self.meeting_id._reset_decisions()``."""
        self._decide()
        with freeze_time(DURING_MEETING):
            self.meeting.action_ids[:1].with_user(self.recorder).action_cancel()
        self._assert_asked_again()

    def test_decisions_do_not_survive_a_cancel_and_restart(self):
        """Closed hole: decided in progress, then cancelled (reason wizard), reset to
        draft, the action items changed in draft (no reset: not in progress),
        rescheduled and started again: the old confirmations and objections are
        still on the lines (stamped two weeks earlier), nobody is asked again on
        the new read-out, and the recorder confirms at once.
        Fix: clear the decisions with a chatter note (``_reset_decisions`` for
        any state) in ``_do_cancel`` or ``_do_reset``, or at ``action_start``."""
        self._decide()
        with freeze_time(DURING_MEETING):
            self._reason(self.host, self.meeting, "cancel", "Fire alarm")
            self._reason(self.host, self.meeting, "reset", "Again in two weeks")
        self._move_to_later(self.recorder)
        self.meeting.action_ids[:1].with_user(self.recorder).write(
            {"owner_id": self.sales_rep.id, "name": "Someone else's task"}
        )
        with freeze_time(LATER_BEFORE_NOTICE):
            self.meeting.with_user(self.recorder).action_schedule()
        with freeze_time(LATER_DURING):
            self.meeting.with_user(self.recorder).action_start()
        self.assertRecordValues(
            self._line(self.engineer) | self._line(self.sales_rep),
            [
                {"confirmed": False, "objection": False},
                {"confirmed": False, "objection": False},
            ],
        )

    def test_old_signature_does_not_confirm_again(self):
        """Closed hole: confirmed minutes may be cancelled (``_check_can_cancel`` allows
        *confirmed*) and reset to draft; ``recorder_signature`` and
        ``recorder_signed_on`` (and the attendees' decisions) stay. Another
        recorder is named, the meeting rescheduled and started: the host presses
        Confirm and the minutes are confirmed with the *former* recorder's
        signature, the new recorder never having signed.
        Fix: in ``_do_cancel`` / ``_do_reset`` clear ``recorder_signature``,
        ``recorder_signed_on``, ``signed_by_id``, ``signed_on`` (and the
        decisions, see above)."""
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
            self._sign(self.meeting)
            self._reason(self.host, self.meeting, "cancel", "Held without R&D")
            self._reason(self.host, self.meeting, "reset", "Again")
        self._move_to_later(self.host)
        self.meeting.with_user(self.host).write({"recorder_id": self.engineer.id})
        with freeze_time(LATER_BEFORE_NOTICE):
            self.meeting.with_user(self.host).action_schedule()
        with freeze_time(LATER_DURING):
            self.meeting.with_user(self.host).action_start()
        with freeze_time(LATER_AFTER):
            self._attempt(lambda: self.meeting.with_user(self.host).action_confirm())
        self.assertNotEqual(
            self.meeting.state,
            "confirmed",
            "confirmed on the former recorder's signature",
        )

    def test_confirmation_needs_every_present_decision(self):
        """Added present attendee, an absentee back as present, a decision
        erased: the confirmation waits for them."""
        with freeze_time(AFTER_MEETING):
            self.meeting.with_user(self.recorder).action_confirm_all_attendees()
        self.meeting.with_user(self.recorder).write(
            {"attendee_ids": [(0, 0, {"user_id": self.leader.id})]}
        )
        # (an RPC call is one transaction: the savepoint stands for its rollback)
        with (
            freeze_time(AFTER_MEETING),
            self.assertRaisesRegex(UserError, "Leader Qian"),
            self.env.cr.savepoint(),
        ):
            self._sign(self.meeting)
        self.assertFalse(self.meeting.recorder_signature)
        self.assertEqual(self.meeting.state, "in_progress")


@tagged("post_install", "-at_install")
class TestConfirmationRace(TransactionCase):
    """The read-out changed and an attendee confirming at the same moment, in two
    real transactions (the committed data and the cursors of test_concurrency)."""

    _commit_meeting = concurrency.TestMeetingConcurrency._commit_meeting
    _delete_meeting = concurrency.TestMeetingConcurrency._delete_meeting
    _new_env = concurrency.TestMeetingConcurrency._new_env
    _begin = concurrency.TestMeetingConcurrency._begin
    _request = concurrency.TestMeetingConcurrency._request

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.host = cls.env.ref("meeting_minutes.user_wumin")
        cls.recorder = cls.env.ref("meeting_minutes.user_wangfang")
        cls.engineer = cls.env.ref("meeting_minutes.user_chengang")
        cls.dep_marketing = cls.env.ref("meeting_minutes.dep_marketing")
        cls.dep_rd = cls.env.ref("meeting_minutes.dep_rd")

    def setUp(self):
        super().setUp()
        self.assertIsNone(self.registry.test_cr)
        self.startPatcher(patch("odoo.service.model.time"))

    def _cleanup_bus(self, meeting_id):
        """The committed minutes deleted (their lines notify the room as they go),
        then the room's notifications of them."""
        self._delete_meeting(meeting_id)
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM bus_bus WHERE message LIKE %s",
                [f'%"meeting_id":{meeting_id},%'],
            )

    def test_confirmation_racing_a_change_of_the_read_out(self):
        """Closed hole: the recorder renames an action item (transaction A: it locks the
        minutes' row, ``_reset_decisions`` finds nobody decided in its snapshot)
        while the engineer presses I Confirm (transaction B:
        ``action_confirm_attendance`` writes their line as sudo, i.e. as the
        workflow, without ``_lock_for_content``; nothing else ties it to the
        read-out). Neither waits for the other, both commit: the engineer stands
        confirmed on a read-out that changed under them, never asked again (the
        same happens when B runs first, unseen by A's reset; and even without a
        race the room shows the old read-out until its bus notification lands).
        Fix: in MeetingMinutesAttendee.action_confirm_attendance/action_object,
        lock the minutes as a save does (``meeting._lock_for_content()``, which
        makes the later of the two fail with a serialization failure and retry)
        and check a read-out version sent by the room (a hash of the read-out in
        ``get_room_data``) so that a confirmation of an outdated read-out is
        refused."""
        meeting_id, action_ids = self._commit_meeting(
            "race",
            "in_progress",
            datetime(2031, 2, 24, 6, 0),
            [("Submit the plan", self.engineer, date(2031, 3, 14))],
        )
        self.addCleanup(self._cleanup_bus, meeting_id)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, concurrency.QUIET)
            env["meeting.minutes"].browse(meeting_id).attendee_ids.write(
                {"confirmed": False}
            )
        env_a = self._new_env(self.recorder.id)
        env_b = self._new_env(self.engineer.id)
        env_a["meeting.minutes.action"].browse(action_ids).write(
            {"name": f"Another task {concurrency.MARK}"}
        )
        env_a.flush_all()

        def confirm(env):
            env["meeting.minutes"].browse(meeting_id).attendee_ids.filtered(
                lambda a: a.user_id == self.engineer
            ).action_confirm_attendance()
            env.flush_all()

        # the change holds the minutes: the confirmation is told at once
        with self.assertRaisesRegex(UserError, "Someone else is changing"):
            self._request(env_b, partial(confirm, env_b))
        env_a.cr.precommit.run()
        env_a.cr.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            meeting = env["meeting.minutes"].browse(meeting_id)
            line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.engineer)
            renamed = meeting.action_ids.name.startswith("Another task")
            self.assertFalse(
                line.confirmed and renamed,
                "confirmed on a read-out that changed, never asked again",
            )
