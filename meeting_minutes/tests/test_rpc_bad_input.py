"""Bad input through the client's own path: a table of JSON-RPC calls on
``/web/dataset/call_kw`` by logged-in users of each role, each refused with an
error the client shows (never a traceback) and leaving nothing written; the read
receipt's HTTP routes; the dates and settings that cost too much or overflow;
crons that one company's data does not stop for the others.

Each entry of ``RPC_BAD_INPUTS`` is ``(name, user, attempt, message)``:

- ``user``: the attribute of the test holding the user who calls;
- ``attempt``: ``Call(model, method, *args, **kwargs)`` (``Ref("name")`` in the
  arguments stands for the id of that attribute, ``Ids("a", "b")`` for a list of
  ids), or a function ``attempt(test, user)`` that prepares what the call needs
  (through RPC too) and returns the ``Call`` to refuse;
- ``message``: a regular expression the error's message must match (searched).

The ORM-level table of tests/test_bad_input.py holds the rules of the workflow;
this one the shapes a crafted request sends: wrong types, ids that are no ids,
huge numbers, out of range dates, invalid selections.
"""

import logging
import re
import time
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import add_public_holiday
from .common_rpc import MeetingRpcCase
from .common_workflow import MeetingWorkflowCase

CRON_LOGGER = "odoo.addons.meeting_minutes.models.meeting_minutes_cron_mixin"
# the models whose rows a refused call must leave as they were
SNAPSHOT_MODELS = (
    "meeting.minutes",
    "meeting.minutes.attendee",
    "meeting.minutes.agenda",
    "meeting.minutes.statement",
    "meeting.minutes.resolution",
    "meeting.minutes.action",
    "meeting.minutes.followup",
    "meeting.minutes.acknowledgement",
    "meeting.minutes.revision",
)
SETTINGS = (
    "meeting_notice_days",
    "meeting_completion_hours",
    "meeting_distribution_days",
    "meeting_reminder_days",
    "meeting_archive_delay_days",
    "meeting_retention_years",
    "meeting_start_lead_minutes",
)
HUGE = 100_000_000
NOT_A_DATE = r"is not a date\.$"
ONE_ROOM = r"^The meeting room works on one meeting at a time, given by its id\.$"
OUT_OF_RANGE = r"is out of range: give a date between \d{4}-\d\d-\d\d and "
MEETING_RANGE = r"^The meeting .* must take place between \d{4}-\d\d-\d\d and "
DEADLINE_RANGE = r"^The deadline of '.*' must fall between \d{4}-\d\d-\d\d and "
NO_START = r"^A meeting needs its start: when does it take place\?$"
NOT_A_DATETIME = r"is not a date and time: give Start as 2026-06-15 09:00:00\.$"
NOT_A_MONTH = r"is not a month to report on: give a day of a month between 1900 "
EXCEEDS = r"^%s cannot exceed %s\.$"
WRITE_OBJECTION = r"^Write the objection\.$"
ONE_LINE = r"^An objection is made on one attendance line\.$"
NOT_SUPPORTED = r"^Operation not supported$"
MISSING = r"^Record does not exist or has been deleted\."


class Ref:
    """The id of a record the test holds, in the arguments of a call."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Ref({self.name!r})"


class Ids:
    """The list of the ids of records the test holds (a call's first argument)."""

    __slots__ = ("names",)

    def __init__(self, *names):
        self.names = names

    def __repr__(self):
        return f"Ids{self.names!r}"


class Call:
    """``model.method(*args, **kwargs)`` as the client sends it."""

    __slots__ = ("args", "kwargs", "method", "model")

    def __init__(self, model, method, *args, **kwargs):
        self.model = model
        self.method = method
        self.args = args
        self.kwargs = kwargs


def _meeting_vals(**values):
    return {
        "name": "Crafted request coordination meeting",
        "purpose": "Refuse what is wrong",
        "initiating_department_id": Ref("dep_marketing"),
        "host_id": Ref("host"),
        "recorder_id": Ref("recorder"),
        "start": "2026-06-15 06:00:00",
        "stop": "2026-06-15 08:00:00",
        "location_type": "onsite",
        "location": "Room 302",
        **values,
    }


def _action_vals(**values):
    return {
        "meeting_id": Ref("draft"),
        "name": "Prepare the data report",
        "owner_id": Ref("engineer"),
        "deadline": "2026-06-20",
        **values,
    }


def _two_compliance_wizards(test, user):
    """Two monthly reports of the user's, printed at once."""
    ids = [
        test.rpc(user, "meeting.minutes.compliance.wizard", "create", {})
        for __ in range(2)
    ]
    return Call("meeting.minutes.compliance.wizard", "action_print", ids)


def _reason_wizard(**values):
    """The reason wizard created by the user, then confirmed."""

    def attempt(test, user):
        wizard_id = test.rpc(
            user,
            "meeting.minutes.reason.wizard",
            "create",
            test._resolve(
                {
                    "meeting_ids": [(6, 0, [Ref("draft")])],
                    "mode": "cancel",
                    "reason": "Room unavailable",
                    **values,
                }
            ),
        )
        return Call("meeting.minutes.reason.wizard", "action_confirm", [wizard_id])

    return attempt


# fmt: off
RPC_BAD_INPUTS = [
    # --- the working days of the room: dates and ids ---------------------------------
    ("working days until 9999-12-31", "recorder",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft"), "9999-12-31"),
     r"^9999-12-31 " + OUT_OF_RANGE),
    ("working days until 2600", "engineer",
     Call("meeting.minutes", "get_deadline_working_days", Ids("room"), "2600-01-01"),
     r"^2600-01-01 " + OUT_OF_RANGE),
    ("working days until year 1", "host",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft"), "0001-01-01"),
     r"^0001-01-01 " + OUT_OF_RANGE),
    ("working days until a number", "engineer",
     Call("meeting.minutes", "get_deadline_working_days", Ids("room"), 20260620),
     r"^20260620 " + NOT_A_DATE),
    ("working days until a list", "host",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft"),
          ["2026-06-20"]),
     NOT_A_DATE),
    ("working days until a dict", "manager",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft"),
          {"date": "2026-06-20"}),
     NOT_A_DATE),
    ("working days until 30 February", "recorder",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft"), "2026-02-30"),
     r"^2026-02-30 " + NOT_A_DATE),
    ("working days until no date", "sales_rep",
     Call("meeting.minutes", "get_deadline_working_days", Ids("room"), ""),
     NOT_A_DATE),
    ("working days of two meetings", "recorder",
     Call("meeting.minutes", "get_deadline_working_days", Ids("draft", "room"),
          "2026-06-20"),
     ONE_ROOM),
    ("working days of a string id", "engineer",
     Call("meeting.minutes", "get_deadline_working_days", ["abc"], "2026-06-20"),
     ONE_ROOM),
    # --- the room's data -------------------------------------------------------------
    ("room data of two meetings", "manager",
     Call("meeting.minutes", "get_room_data", Ids("draft", "room")), ONE_ROOM),
    ("room data of no meeting", "recorder",
     Call("meeting.minutes", "get_room_data", []), ONE_ROOM),
    ("room data of a string id", "engineer",
     Call("meeting.minutes", "get_room_data", ["1; DROP TABLE meeting_minutes"]),
     ONE_ROOM),
    ("room data of a negative id", "sales_rep",
     Call("meeting.minutes", "get_room_data", [-1]), ONE_ROOM),
    ("room data of a huge id", "host",
     Call("meeting.minutes", "get_room_data", [10**20]), ONE_ROOM),
    ("room data of an id as a float", "engineer",
     Call("meeting.minutes", "get_room_data", [1.5]), ONE_ROOM),
    ("room data of a meeting that does not exist", "recorder",
     Call("meeting.minutes", "get_room_data", [2**31 - 1]), MISSING),
    ("room data of a meeting of another department", "outsider",
     Call("meeting.minutes", "get_room_data", Ids("room")),
     r"Outsider Zhou \(id=\d+\) doesn't have 'read' access to:\n- Meeting "
     r"Minutes \(meeting.minutes\)"),
    # --- creating minutes: the start -------------------------------------------------
    ("quick create of minutes by their name", "recorder",
     Call("meeting.minutes", "name_create", "Weekly sync"), NO_START),
    ("minutes created without start", "host",
     Call("meeting.minutes", "create",
          _meeting_vals(start=False, stop="2026-06-15 08:00:00")),
     NO_START),
    ("minutes created with a word as start", "recorder",
     Call("meeting.minutes", "create", _meeting_vals(start="tomorrow")),
     r"^tomorrow " + NOT_A_DATETIME),
    ("minutes created with a list as start", "manager",
     Call("meeting.minutes", "create",
          _meeting_vals(start=["2026-06-15 06:00:00"])),
     NOT_A_DATETIME),
    ("minutes created with a number as start", "recorder",
     Call("meeting.minutes", "create", _meeting_vals(start=1781503200)),
     r"^1781503200 " + NOT_A_DATETIME),
    ("minutes created on 31 February", "host",
     Call("meeting.minutes", "create",
          _meeting_vals(start="2026-02-31 06:00:00")),
     NOT_A_DATETIME),
    # --- dates out of range ----------------------------------------------------------
    ("minutes created in 2600", "recorder",
     Call("meeting.minutes", "create",
          _meeting_vals(start="2600-01-04 06:00:00", stop="2600-01-04 08:00:00")),
     MEETING_RANGE),
    ("minutes created in 1990", "manager",
     Call("meeting.minutes", "create",
          _meeting_vals(start="1990-01-04 06:00:00", stop="1990-01-04 08:00:00")),
     MEETING_RANGE),
    ("minutes ending in 9999", "recorder",
     Call("meeting.minutes", "create",
          _meeting_vals(stop="9999-12-31 08:00:00")),
     MEETING_RANGE),
    ("draft moved to 2600", "recorder",
     Call("meeting.minutes", "write", Ids("plain"),
          {"start": "2600-01-04 06:00:00", "stop": "2600-01-04 08:00:00"}),
     MEETING_RANGE),
    ("action item due in 9999", "recorder",
     Call("meeting.minutes.action", "create", _action_vals(deadline="9999-12-31")),
     DEADLINE_RANGE),
    ("action deadline moved to 2045", "host",
     Call("meeting.minutes.action", "write", Ids("draft_action"),
          {"deadline": "2045-01-02"}),
     DEADLINE_RANGE),
    ("action item due in 2600 through the minutes", "recorder",
     Call("meeting.minutes", "write", Ids("draft"),
          {"action_ids": [(0, 0, {"name": "Far task", "owner_id": Ref("engineer"),
                                  "deadline": "2600-01-01"})]}),
     DEADLINE_RANGE),
    # --- the company's settings ------------------------------------------------------
    ("reminder days of 100,000,000", "admin",
     Call("res.company", "write", Ids("company"), {"meeting_reminder_days": HUGE}),
     EXCEEDS % (r"Action Reminder \(days before deadline\)", 366)),
    ("archive delay of 100,000,000 days", "admin",
     Call("res.company", "write", Ids("company"),
          {"meeting_archive_delay_days": HUGE}),
     EXCEEDS % (r"Archive After \(days\)", 3660)),
    ("notice of 2**40 working days", "admin",
     Call("res.company", "write", Ids("company"), {"meeting_notice_days": 2**40}),
     EXCEEDS % (r"Meeting Notice \(working days\)", 250)),
    ("completion of 100,000,000 hours", "admin",
     Call("res.company", "write", Ids("company"),
          {"meeting_completion_hours": HUGE}),
     EXCEEDS % (r"Minutes Completion \(hours\)", 8784)),
    ("distribution of 100,000 working days", "admin",
     Call("res.company", "write", Ids("company"),
          {"meeting_distribution_days": 100_000}),
     EXCEEDS % (r"Distribution \(working days\)", 250)),
    ("retention of 100,000,000 years in the settings", "admin",
     Call("res.config.settings", "create", {"meeting_retention_years": HUGE}),
     EXCEEDS % (r"Retention \(years\)", 100)),
    ("start a week before in the settings", "admin",
     Call("res.config.settings", "create", {"meeting_start_lead_minutes": 10080}),
     EXCEEDS % (r"Start Up To \(minutes before\)", 1440)),
    # --- the compliance report and its wizard ----------------------------------------
    ("my department searched with in", "host",
     Call("meeting.minutes.compliance.report", "search_read",
          [("is_my_department", "in", [True])], ["meeting_id"]),
     NOT_SUPPORTED),
    ("my department searched with a string", "manager",
     Call("meeting.minutes.compliance.report", "search_read",
          [("is_my_department", "=", "yes")], ["meeting_id"]),
     NOT_SUPPORTED),
    ("compliance report of month 13", "manager",
     Call("meeting.minutes.compliance.wizard", "create", {"month": "2026-13-01"}),
     r"^2026-13-01 " + NOT_A_MONTH),
    ("compliance report of a word", "host",
     Call("meeting.minutes.compliance.wizard", "create", {"month": "June"}),
     r"^June " + NOT_A_MONTH),
    ("compliance report of a number", "recorder",
     Call("meeting.minutes.compliance.wizard", "create", {"month": 202606}),
     r"^202606 " + NOT_A_MONTH),
    ("compliance report of a list", "manager",
     Call("meeting.minutes.compliance.wizard", "create", {"month": ["2026-06-01"]}),
     NOT_A_MONTH),
    ("compliance report of December 9999", "manager",
     Call("meeting.minutes.compliance.wizard", "create", {"month": "9999-12-01"}),
     r"^9999-12-01 " + NOT_A_MONTH),
    ("compliance report of year 1", "host",
     Call("meeting.minutes.compliance.wizard", "create", {"month": "0001-01-01"}),
     r"^0001-01-01 " + NOT_A_MONTH),
    ("compliance report without month", "manager",
     Call("meeting.minutes.compliance.wizard", "create", {"month": False}),
     r"^Choose the month to report on\.$"),
    ("compliance report of two wizards at once", "manager", _two_compliance_wizards,
     r"^Print the compliance report of one month at a time\.$"),
    ("compliance report of departments that do not exist", "host",
     Call("meeting.minutes.compliance.wizard", "create",
          {"department_ids": [(6, 0, [2**31 - 1])]}),
     r"^The operation cannot be completed: another model requires the record being "
     r"deleted\. If possible, archive it instead\.|does not exist"),
    # --- objections ------------------------------------------------------------------
    ("objection as a number", "sales_rep",
     Call("meeting.minutes.attendee", "action_object", Ids("sales_line"), text=123),
     WRITE_OBJECTION),
    ("objection as a dict", "engineer",
     Call("meeting.minutes.attendee", "action_object", Ids("engineer_line"),
          text={"en_US": "No"}),
     WRITE_OBJECTION),
    ("objection as a list", "sales_rep",
     Call("meeting.minutes.attendee", "action_object", Ids("sales_line"),
          text=["I", "object"]),
     WRITE_OBJECTION),
    ("objection as true", "engineer",
     Call("meeting.minutes.attendee", "action_object", Ids("engineer_line"),
          text=True),
     WRITE_OBJECTION),
    ("objection on two lines", "sales_rep",
     Call("meeting.minutes.attendee", "action_object",
          Ids("sales_line", "engineer_line"), text="No"),
     ONE_LINE),
    ("objection dialog of no line", "engineer",
     Call("meeting.minutes.attendee", "action_object", []), ONE_LINE),
    ("objection on a string id", "engineer",
     Call("meeting.minutes.attendee", "action_object", ["abc"], text="No"),
     ONE_LINE),
    ("objection on an outdated read-out given as text", "engineer",
     Call("meeting.minutes.attendee", "action_object", Ids("engineer_line"),
          text="No", read_out_version="latest"),
     r"changed since you read them: read them again, then confirm or object\.$"),
    # --- ids that exist nowhere ------------------------------------------------------
    ("schedule minutes that do not exist", "recorder",
     Call("meeting.minutes", "action_schedule", [2**31 - 1]), MISSING),
    ("rename minutes of a negative id", "manager",
     Call("meeting.minutes", "write", [-7], {"name": "Ghost"}),
     r"^\(-7,\) are not ids of Meeting Minutes\.$"),
    ("host of a huge id", "recorder",
     Call("meeting.minutes", "write", Ids("plain"), {"host_id": 10**20}),
     r"is not a valid value for Host\.$"),
    ("host that does not exist", "recorder",
     Call("meeting.minutes", "write", Ids("draft"), {"host_id": 2**31 - 1}),
     MISSING),
    ("cancelling minutes that do not exist", "recorder",
     Call("meeting.minutes.reason.wizard", "create",
          {"meeting_ids": [(6, 0, [2**31 - 1])], "mode": "cancel",
           "reason": "Room unavailable"}),
     r"^The operation cannot be completed:"),
    # --- fields that are not fields --------------------------------------------------
    ("main attachment of the minutes", "recorder",
     Call("meeting.minutes", "write", Ids("draft"), {"message_main_attachment_id": 1}),
     r"message_main_attachment_id of .* cannot be changed\.$"),
    # --- actions of one record called on none or several -----------------------------
    ("follow-up meetings of no minutes", "recorder",
     Call("meeting.minutes", "action_view_next_meetings", []),
     r"^This is done on one record of the minutes at a time\.$"),
    ("calendar event of two minutes", "recorder",
     Call("meeting.minutes", "action_open_calendar_event", Ids("draft", "plain")),
     r"^This is done on one record of the minutes at a time\.$"),
    ("verify the PDF of no minutes", "manager",
     Call("meeting.minutes", "action_verify_approved_report", []),
     r"^This is done on one record of the minutes at a time\.$"),
    ("an end of the meeting that is no date", "recorder",
     Call("meeting.minutes", "write", Ids("plain"), {"stop": "nope"}),
     r"^nope is not a date and time: give End as 2026-06-15 09:00:00\.$"),
    ("an action item's deadline on 32-13-2026", "recorder",
     Call("meeting.minutes.action", "write", Ids("draft_action"),
          {"deadline": "32-13-2026"}),
     r"^32-13-2026 is not a date: give Deadline as 2026-06-15\.$"),
    # --- wrong types: the reason and signature wizards (their create and write) --
    ("reason wizard of an unknown mode", "recorder",
     Call("meeting.minutes.reason.wizard", "create",
          {"meeting_ids": [(6, 0, [Ref("draft")])], "mode": "delete",
           "reason": "Room unavailable"}),
     r"delete"),
    ("cancellation whose reason is a dict", "recorder",
     Call("meeting.minutes.reason.wizard", "create",
          {"meeting_ids": [(6, 0, [Ref("draft")])], "mode": "cancel",
           "reason": {"en_US": "Room unavailable"}}),
     r"is not a valid value for Reason\.$"),
    ("cancellation whose reason is a list", "host",
     Call("meeting.minutes.reason.wizard", "create",
          {"meeting_ids": [(6, 0, [Ref("draft")])], "mode": "cancel",
           "reason": ["Room", "unavailable"]}),
     r"is not a valid value for Reason\.$"),
    ("signature of an unknown role", "recorder",
     Call("meeting.minutes.sign.wizard", "create",
          {"meeting_id": Ref("room"), "role": "witness"}),
     r"witness"),
    ("signature that is not an image", "recorder",
     Call("meeting.minutes.sign.wizard", "create",
          {"meeting_id": Ref("room"), "role": "recorder", "signature": "not base64!"}),
     r"(?i)signature"),
    ("signature as a list", "recorder",
     Call("meeting.minutes.sign.wizard", "create",
          {"meeting_id": Ref("room"), "role": "recorder", "signature": [1, 2]}),
     r"(?i)signature"),
    # --- wrong types in the values of the minutes and their lines --------------------
    ("start as a word", "recorder",
     Call("meeting.minutes", "write", Ids("plain"), {"start": "next Monday"}),
     r"next Monday"),
    ("start as a list", "host",
     Call("meeting.minutes", "write", Ids("plain"), {"start": ["2026-06-15"]}),
     r"2026-06-15"),
    ("location type that does not exist", "recorder",
     Call("meeting.minutes", "write", Ids("plain"), {"location_type": "moon"}),
     r"moon"),
    ("name as a dict", "recorder",
     Call("meeting.minutes", "write", Ids("plain"), {"name": {"en_US": "Renamed"}}),
     r"Meeting Name"),
    ("deadline as a list", "recorder",
     Call("meeting.minutes.action", "write", Ids("draft_action"),
          {"deadline": ["2026-07-01"]}),
     r"2026-07-01"),
    ("attendance that does not exist", "recorder",
     Call("meeting.minutes.attendee", "write", Ids("sales_line"),
          {"attendance": "maybe"}),
     r"maybe"),
    ("minutes of a string id renamed", "manager",
     Call("meeting.minutes", "write", ["abc"], {"name": "Renamed"}), r"abc"),
    ("departments of a huge id", "recorder",
     Call("meeting.minutes", "write", Ids("plain"),
          {"department_ids": [(6, 0, [10**20])]}),
     r"(?i)department"),
]
# fmt: on


# the read receipt's routes: (name, method, path, status)
HTTP_BAD_INPUTS = [
    ("a NUL byte", "GET", "/meeting_minutes/acknowledge/%00", 404),
    ("a NUL byte in a token", "GET", "/meeting_minutes/acknowledge/abc%00def", 404),
    (
        "5,000 characters of token",
        "GET",
        "/meeting_minutes/acknowledge/" + "a" * 5000,
        404,
    ),
    ("a LIKE pattern", "GET", "/meeting_minutes/acknowledge/%25", 404),
    (
        "Chinese characters",
        "GET",
        "/meeting_minutes/acknowledge/%E4%BB%A4%E7%89%8C",
        404,
    ),
    ("a NUL byte posted", "POST", "/meeting_minutes/acknowledge/%00", 404),
    ("a quote posted", "POST", "/meeting_minutes/acknowledge/x'%20OR%20'1'='1", 404),
]


@tagged("post_install", "-at_install")
class TestRpcBadInput(MeetingRpcCase):
    """The table of crafted calls (see the module): refused, clearly, nothing
    written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        walker = cls()
        cls.admin = new_test_user(
            cls.env,
            login="mm_admin",
            name="Admin Ma",
            groups="base.group_user,base.group_system,"
            "meeting_minutes.group_meeting_manager",
        )
        cls.draft = cls._create_meeting()
        cls.draft_action = cls.env["meeting.minutes.action"].with_user(cls.recorder)
        cls.draft_action = cls.draft_action.create(
            {
                "meeting_id": cls.draft.id,
                "name": "Collect the requirement list",
                "owner_id": cls.engineer.id,
                "deadline": date(2026, 6, 20),
            }
        )
        # minutes in progress: the attendees confirm or object in the room
        cls.room = walker._to_state(cls._create_meeting(), "in_progress")
        cls.sales_line = cls.room.attendee_ids.filtered(
            lambda a: a.user_id == cls.sales_rep
        )
        cls.engineer_line = cls.room.attendee_ids.filtered(
            lambda a: a.user_id == cls.engineer
        )
        # minutes without action items, to move
        cls.plain = cls._create_meeting(name="Plain coordination meeting")
        # a read receipt of distributed minutes not confirmed yet: its page holds
        # the form's CSRF token (the state the workflow leaves, as in test_cron)
        cls.distributed = cls._create_meeting(name="Distributed coordination")
        cls.distributed.sudo().write(
            {
                "state": "distributed",
                "approved_on": datetime(2026, 6, 16, 6, 0),
                "distributed_on": datetime(2026, 6, 17, 6, 0),
            }
        )
        cls.receipt = (
            cls.env["meeting.minutes.acknowledgement"]
            .sudo()
            .create(
                {
                    "meeting_id": cls.distributed.id,
                    "partner_id": cls.leader.partner_id.id,
                    "access_token": "a-valid-token-of-the-read-receipt",
                }
            )
        )
        cls.env.flush_all()

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _resolve(self, value):
        if isinstance(value, Ref):
            return getattr(self, value.name).id
        if isinstance(value, Ids):
            return [getattr(self, name).id for name in value.names]
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._resolve(item) for item in value)
        return value

    def _snapshot(self):
        """Everything a refused call could have left, read from the database."""
        self.env.flush_all()
        self.env.invalidate_all()
        env = self.env(su=True, context={"active_test": False})
        snapshot = {}
        for model in SNAPSHOT_MODELS:
            Model = env[model]
            fnames = [
                name
                for name, field in Model._fields.items()
                if field.store and field.type != "binary"
            ]
            snapshot[model] = Model.search([], order="id").read(fnames)
        snapshot["res.company"] = env["res.company"].search([]).read(list(SETTINGS))
        for model, field in (
            ("mail.message", "model"),
            ("mail.activity", "res_model"),
            ("ir.attachment", "res_model"),
        ):
            snapshot[model] = env[model].search_count([(field, "in", SNAPSHOT_MODELS)])
        snapshot["calendar.event"] = env["calendar.event"].search_count([])
        return snapshot

    def _assert_rpc_refused(self, name, user, attempt, message):
        user = getattr(self, user)
        before = self._snapshot()
        call = attempt(self, user) if callable(attempt) else attempt
        error = self.assertRpcRefused(
            user,
            call.model,
            call.method,
            *self._resolve(call.args),
            **self._resolve(call.kwargs),
        )
        self.assertRegex(error, message, name)
        self.assertEqual(self._snapshot(), before, f"{name}: something was written")

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_the_table(self):
        names = [row[0] for row in RPC_BAD_INPUTS]
        self.assertGreaterEqual(len(RPC_BAD_INPUTS), 40)
        self.assertEqual(len(names), len(set(names)), "every bad input is named once")
        users = {row[1] for row in RPC_BAD_INPUTS}
        for role in ("recorder", "host", "engineer", "sales_rep", "manager", "admin"):
            self.assertIn(role, users)

    def test_http_routes(self):
        """The read receipt's link, whatever the token: a page that says the link
        is not valid (404), never a server error, and nothing acknowledged."""
        before = self._snapshot()
        self.authenticate(None, None)
        for name, method, path, status in HTTP_BAD_INPUTS:
            with self.subTest(name):
                if method == "GET":
                    response = self.url_open(path)
                else:
                    response = self.url_open(
                        path, data={"csrf_token": self.csrf_token()}
                    )
                self.assertEqual(response.status_code, status, response.text[:300])
                self.assertIn("This link is not valid", response.text)
        self.assertEqual(self._snapshot(), before)
        self.assertFalse(self.receipt.acknowledged_on)

    def csrf_token(self):
        """The token of the anonymous session, as the receipt's form holds it."""
        page = self.url_open(
            "/meeting_minutes/acknowledge/a-valid-token-of-the-read-receipt"
        )
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_far_future_draft_reads_fast(self):
        """A draft meeting of 2600 (typed before the dates had bounds): its form
        counts the working days of its notice in a moment, not in 21 seconds."""
        # stored as it was, the bound being checked only on a change of the dates
        self.env.cr.execute(
            "UPDATE meeting_minutes SET start = %s, stop = %s WHERE id = %s",
            [datetime(2600, 1, 4, 6), datetime(2600, 1, 4, 8), self.draft.id],
        )
        self.env.registry.clear_cache()
        # the notice counts from today: a Wednesday morning, not a midnight the
        # call and the expectation would fall on either side of (ticking, for
        # the time the read takes)
        with freeze_time("2026-06-17 10:00:00", tick=True):
            started = time.monotonic()
            values = self.rpc(
                self.recorder,
                "meeting.minutes",
                "web_read",
                [self.draft.id],
                {"notice_working_days": {}, "is_short_notice": {}},
            )[0]
            self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(
            values["notice_working_days"],
            _weekdays(date(2026, 6, 17), date(2600, 1, 4)),
        )
        self.assertFalse(values["is_short_notice"])


def _weekdays(date_from, date_to):
    """Mondays to Fridays after ``date_from`` up to ``date_to``, by arithmetic."""
    days = (date_to - date_from).days
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(
        1
        for offset in range(1, rest + 1)
        if (date_from + timedelta(days=offset)).weekday() < 5
    )


def _rpc_bad_input_test(row):
    def test(self):
        self._assert_rpc_refused(*row)

    test.__doc__ = f"Refused through RPC, clearly, nothing written: {row[0]}."
    return test


# one test per entry: a failure names the entry, the others still run
for _index, _row in enumerate(RPC_BAD_INPUTS, start=1):
    _slug = re.sub(r"\W+", "_", _row[0].lower()).strip("_")
    setattr(TestRpcBadInput, f"test_{_index:02d}_{_slug}", _rpc_bad_input_test(_row))


@tagged("post_install", "-at_install")
class TestWorkingDaysBounded(MeetingWorkflowCase):
    """Counting working days costs the same for a month and for centuries, and
    says the same as the calendar counted day by day."""

    def _holiday(self, day):
        add_public_holiday(self.calendar, day)

    def test_far_dates_are_counted_by_arithmetic(self):
        company = self.company
        for day in (date(2027, 1, 1), date(2027, 10, 1), date(2029, 5, 1)):
            self._holiday(day)
        started = time.monotonic()
        # 141 seconds and 1.8 GB counted day by day
        self.assertEqual(
            company._meeting_working_days_between(
                date(2026, 12, 7), date(9999, 12, 31)
            ),
            _weekdays(date(2026, 12, 7), date(9999, 12, 31)) - 3,
        )
        # a batch of notice deadlines, one of them centuries away
        latest = company._meeting_latest_notice_dates(
            [date(2027, 1, 4), date(2600, 1, 5)], 3
        )
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(
            latest,
            {
                date(2027, 1, 4): date(2026, 12, 29),
                date(2600, 1, 5): date(2599, 12, 31),
            },
        )
        # the days up to the holidays and after them, as the calendar counts them
        for date_from, date_to in (
            (date(2026, 12, 7), date(2027, 1, 4)),
            (date(2026, 12, 31), date(2029, 5, 3)),
            (date(2027, 9, 1), date(2031, 2, 17)),
            (date(2029, 5, 1), date(2033, 7, 1)),
        ):
            with self.subTest(date_from=date_from, date_to=date_to):
                self.assertEqual(
                    company._meeting_working_days_between(date_from, date_to),
                    len(
                        company._meeting_working_dates(
                            date_from + timedelta(days=1), date_to
                        )
                    ),
                )


@tagged("post_install", "-at_install")
class TestCronsPerCompany(MeetingWorkflowCase):
    """One company's settings or records never stop the crons of the others: its
    records are skipped (and logged), the others' processed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(freeze_time("2026-06-15 10:00:00"))
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.company_b.resource_calendar_id = cls.calendar
        cls.dep_b = cls.env["hr.department"].create(
            {"name": "B Operations", "company_id": cls.company_b.id}
        )
        cls.user_b = new_test_user(
            cls.env,
            login="mm_b_recorder",
            name="Recorder Bai",
            groups="base.group_user,meeting_minutes.group_meeting_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
            email="mm_b_recorder@example.com",
        )
        cls.env["hr.employee"].create(
            {
                "name": "Recorder Bai",
                "user_id": cls.user_b.id,
                "department_id": cls.dep_b.id,
                "company_id": cls.company_b.id,
            }
        )
        # the first company's meeting is processed first: its failure must not
        # stop the second company's
        cls.meeting_a = cls._create_meeting()
        cls.action_a = cls._add_action(cls.meeting_a, cls.engineer, cls.dep_rd)
        cls.meeting_b = (
            cls.env["meeting.minutes"]
            .with_user(cls.user_b)
            .create(
                {
                    "name": "B weekly coordination",
                    "purpose": "Coordinate",
                    "company_id": cls.company_b.id,
                    "initiating_department_id": cls.dep_b.id,
                    "host_id": cls.user_b.id,
                    "recorder_id": cls.user_b.id,
                    "start": datetime(2026, 6, 15, 6, 0),
                    "stop": datetime(2026, 6, 15, 7, 0),
                    "location": "Room B",
                    "attendee_ids": [(0, 0, {"user_id": cls.user_b.id})],
                }
            )
        )
        cls.action_b = cls._add_action(cls.meeting_b, cls.user_b, cls.dep_b)
        for meeting in cls.meeting_a | cls.meeting_b:
            # the state the workflow leaves (test_workflow), as in test_cron
            meeting.sudo().write(
                {
                    "state": "distributed",
                    "approved_on": datetime(2026, 6, 16, 6, 0),
                    "distributed_on": datetime(2026, 6, 17, 6, 0),
                }
            )

    @classmethod
    def _add_action(cls, meeting, owner, department):
        return cls.env["meeting.minutes.action"].create(
            {
                "meeting_id": meeting.id,
                "name": f"Report to {meeting.name}",
                "owner_id": owner.id,
                "department_id": department.id,
                "deadline": date(2026, 6, 20),
            }
        )

    def _set_settings(self, company, **values):
        """Settings stored before they had a maximum (no constraint checks the
        rows already there)."""
        for name, value in values.items():
            self.env.cr.execute(
                f"UPDATE res_company SET {name} = %s WHERE id = %s",  # noqa: S608
                [value, company.id],
            )
        company.invalidate_recordset(list(values))

    def test_reminder_days_of_one_company(self):
        self._set_settings(self.company, meeting_reminder_days=HUGE)
        with (
            freeze_time("2026-06-18 01:00:00"),
            self.assertLogs(CRON_LOGGER, logging.ERROR) as logs,
        ):
            self.assertEqual(
                self.env["meeting.minutes.action"]._cron_send_reminders(), 1
            )
        self.assertEqual(self.action_b.reminder_sent_on, date(2026, 6, 18))
        self.assertFalse(self.action_a.reminder_sent_on)
        self.assertIn(f"company {self.company.name}", logs.output[0])

    def test_archive_of_one_company(self):
        self._set_settings(self.company_b, meeting_archive_delay_days=HUGE)
        self._set_settings(self.company, meeting_archive_delay_days=0)
        (self.action_a | self.action_b).sudo()._workflow().write({"state": "done"})
        with (
            freeze_time("2026-06-18 01:00:00"),
            self.assertLogs(CRON_LOGGER, logging.ERROR) as logs,
        ):
            # the demo minutes of the first company may be due too
            self.assertGreaterEqual(self.env["meeting.minutes"]._cron_archive(), 1)
        self.assertEqual(self.meeting_a.state, "archived")
        self.assertEqual(self.meeting_b.state, "distributed")
        self.assertIn("Company B", logs.output[0])

    def test_a_failing_batch_of_one_company(self):
        """The retention of the first company cannot be applied: its minutes
        stay distributed, the other company's are archived."""
        self._set_settings(self.company, meeting_retention_years=HUGE)
        for company in self.company | self.company_b:
            self._set_settings(company, meeting_archive_delay_days=0)
        (self.action_a | self.action_b).sudo()._workflow().write({"state": "done"})
        with (
            freeze_time("2026-06-18 01:00:00"),
            self.assertLogs(CRON_LOGGER, logging.ERROR) as logs,
        ):
            self.assertEqual(self.env["meeting.minutes"]._cron_archive(), 1)
        self.assertEqual(self.meeting_a.state, "distributed")
        self.assertFalse(self.meeting_a.archive_code)
        self.assertEqual(self.meeting_b.state, "archived")
        self.assertRegex(logs.output[0], rf"ids \[([0-9, ]*\b)?{self.meeting_a.id}\b")

    def test_settings_have_maxima(self):
        """What the settings refuse, at the ORM too (the RPC table holds the
        client's path)."""
        for name in SETTINGS:
            with self.subTest(name), self.assertRaises(ValidationError):
                self.company.write({name: HUGE})
        self.company.write(
            {
                "meeting_notice_days": 250,
                "meeting_reminder_days": 366,
                "meeting_archive_delay_days": 3660,
                "meeting_retention_years": 100,
            }
        )
