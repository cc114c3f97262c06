"""Who may do what with the minutes, as one table, and the bypasses it closes.

``MATRIX`` and ``BUTTONS`` below are the integrity rules of the addon written out
cell by cell: a role (column) may do an operation on minutes in a state (row), or
not (an AccessError, a UserError or a ValidationError).
Every cell is attempted as that role, in a savepoint rolled back afterwards, so
that no cell sees what another one did.
"""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import partial

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.meeting_minutes.models.meeting_minutes import WORKFLOW_FIELDS

from .common_workflow import (
    AFTER_MEETING,
    APPROVAL_FRIDAY,
    BEFORE_NOTICE,
    DURING_MEETING,
    MEETING_START,
    SIGNATURE,
    MeetingWorkflowCase,
)

Y = ALLOWED = "allowed"
N = REFUSED = "refused"

# the columns of the tables: who tries
ROLES = (
    "employee",  # base.group_user only, an employee of Marketing
    "outsider",  # meeting user, Finance: unrelated to the meeting
    "attendee",  # engineer: attends, owns an action item
    "owner",  # owns an action item, neither attends nor is of a department
    "recorder",  # recorder, also the creator of the minutes
    "host",
    "manager",  # meeting manager
    "company_b",  # meeting user of company B only
    "portal",
)
ROLE_USERS = {
    "employee": "employee",
    "outsider": "outsider",
    "attendee": "engineer",
    "owner": "owner",
    "recorder": "recorder",
    "host": "host",
    "manager": "manager",
    "company_b": "user_b",
    "portal": "portal",
}

# the columns: em employee, ou outsider, at attendee, ow owner, re recorder,
# ho host, ma manager, cb company_b, po portal (see ROLES)
# operation × state (None: no meeting yet); "workflow field" is tried with each
# field of WORKFLOW_FIELDS, "other state's button" with each button that does not
# apply in the state (BUTTON_STATES)
# fmt: off
MATRIX = (
    # operation                    state        em ou at ow re ho ma cb po
    ("read",                       "draft",     N, N, Y, Y, Y, Y, Y, N, N),
    ("read",                       "scheduled", N, N, Y, Y, Y, Y, Y, N, N),
    ("read",                       "approved",  N, N, Y, Y, Y, Y, Y, N, N),
    ("read",                       "archived",  N, N, Y, Y, Y, Y, Y, N, N),
    ("create",                     None,        N, Y, Y, Y, Y, Y, Y, N, N),
    ("create with workflow field", None,        N, N, N, N, N, N, N, N, N),
    ("write content (location)",   "draft",     N, N, N, N, Y, Y, Y, N, N),
    ("write content (location)",   "scheduled", N, N, N, N, Y, Y, Y, N, N),
    ("write content (location)",   "approved",  N, N, N, N, N, N, N, N, N),
    ("write content (location)",   "archived",  N, N, N, N, N, N, N, N, N),
    ("write workflow field",       "draft",     N, N, N, N, N, N, N, N, N),
    ("write workflow field",       "scheduled", N, N, N, N, N, N, N, N, N),
    ("write workflow field",       "approved",  N, N, N, N, N, N, N, N, N),
    ("write workflow field",       "archived",  N, N, N, N, N, N, N, N, N),
    ("press other state's button", "draft",     N, N, N, N, N, N, N, N, N),
    ("press other state's button", "scheduled", N, N, N, N, N, N, N, N, N),
    ("press other state's button", "approved",  N, N, N, N, N, N, N, N, N),
    ("press other state's button", "archived",  N, N, N, N, N, N, N, N, N),
    ("delete",                     "draft",     N, N, N, N, Y, Y, Y, N, N),
    ("delete",                     "scheduled", N, N, N, N, N, N, N, N, N),
    ("delete",                     "approved",  N, N, N, N, N, N, N, N, N),
    ("delete",                     "archived",  N, N, N, N, N, N, N, N, N),
)

# each button of the workflow in a state where it applies; a button that opens
# the reason wizard is confirmed in it, and is refused only when the wizard
# confirmed without the button is refused too
BUTTONS = (
    # button                   in state       em ou at ow re ho ma cb po
    ("action_schedule",        "draft",       N, N, N, N, Y, Y, Y, N, N),
    ("action_start",           "scheduled",   N, N, N, N, Y, Y, Y, N, N),
    # the recorder signs the draft, then confirms: others wait for the signature
    ("action_confirm",         "in_progress", N, N, N, N, Y, N, N, N, N),
    ("action_submit",          "confirmed",   N, N, N, N, Y, Y, Y, N, N),
    ("action_approve",         "submitted",   N, N, N, N, N, Y, Y, N, N),
    ("action_reject",          "submitted",   N, N, N, N, N, Y, Y, N, N),
    ("action_distribute",      "approved",    N, N, N, N, Y, Y, Y, N, N),
    ("action_archive_minutes", "distributed", N, N, N, N, Y, Y, Y, N, N),
    ("action_cancel",          "scheduled",   N, N, N, N, Y, Y, Y, N, N),
    ("action_revise",          "approved",    N, N, N, N, N, Y, Y, N, N),
    ("action_reset_to_draft",  "scheduled",   N, N, N, N, Y, Y, Y, N, N),
)
# fmt: on

# the states each button applies in, and the state it leads to
BUTTON_STATES = {
    "action_schedule": (("draft",), "scheduled"),
    "action_start": (("scheduled",), "in_progress"),
    "action_confirm": (("in_progress",), "confirmed"),
    "action_submit": (("confirmed",), "submitted"),
    "action_approve": (("submitted",), "approved"),
    "action_reject": (("submitted",), "confirmed"),
    "action_distribute": (("approved",), "distributed"),
    "action_archive_minutes": (("distributed",), "archived"),
    "action_cancel": (
        ("draft", "scheduled", "in_progress", "confirmed", "submitted"),
        "cancelled",
    ),
    "action_revise": (("approved", "distributed"), "confirmed"),
    "action_reset_to_draft": (("cancelled", "scheduled"), "draft"),
}
# the mode of the reason wizard a button opens (or may open)
WIZARD_MODES = {
    "action_schedule": "short_notice",
    "action_reject": "reject",
    "action_cancel": "cancel",
    "action_revise": "revise",
    "action_reset_to_draft": "reset",
}
# when each button is pressed (the times of MeetingWorkflowCase._to_state)
BUTTON_TIMES = {
    "action_schedule": BEFORE_NOTICE,
    "action_start": DURING_MEETING,
    "action_submit": "2026-06-16 02:00:00",
    "action_approve": APPROVAL_FRIDAY,
    "action_reject": APPROVAL_FRIDAY,
    "action_distribute": "2026-06-22 02:00:00",
    "action_archive_minutes": "2026-07-01 02:00:00",
}
MATRIX_STATES = (
    "draft",
    "scheduled",
    "in_progress",
    "confirmed",
    "submitted",
    "approved",
    "distributed",
    "archived",
)
MUTED = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestMeetingAccessMatrix(MeetingWorkflowCase):
    """The access matrix (roles × operations × states) and the bypasses of the
    integrity rules, each attempted and refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._make_user(
            "mm_employee",
            "Employee Ma",
            cls.dep_marketing,
            "Designer",
            "base.group_user",
        )
        cls.portal = new_test_user(
            cls.env, login="mm_portal", name="Portal Pan", groups="base.group_portal"
        )
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.dep_b = cls.env["hr.department"].create(
            {"name": "Marketing B", "company_id": cls.company_b.id}
        )
        cls.user_b = new_test_user(
            cls.env,
            login="mm_user_b",
            name="User B",
            groups="base.group_user,meeting_minutes.group_meeting_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.env["hr.employee"].with_company(cls.company_b).create(
            {
                "name": "User B",
                "user_id": cls.user_b.id,
                "department_id": cls.dep_b.id,
                "company_id": cls.company_b.id,
            }
        )
        # what forged workflow values point to
        cls.spare_event = cls.env["calendar.event"].create(
            {
                "name": "Unrelated event",
                "start": MEETING_START,
                "stop": MEETING_START + timedelta(hours=1),
            }
        )
        cls.spare_attachment = cls.env["ir.attachment"].create(
            {
                "name": "forged.pdf",
                "raw": b"%PDF-1.4 forged",
                "mimetype": "application/pdf",
            }
        )
        # one meeting per state, with content (an action item of cls.owner and one
        # of the engineer), walked through the buttons by _to_state, which asserts
        # and so needs a test case
        walker = cls("test_access_matrix")
        cls.meetings = {}
        for state in MATRIX_STATES:
            meeting = walker._add_content(
                cls._create_meeting(name=f"Coordination meeting ({state})")
            )
            if state == "archived":
                # shortcut: archived minutes kept for ten years
                meeting.sudo().write(
                    {
                        "state": "archived",
                        "archived_on": datetime(2026, 7, 1, 9, 0),
                        "archive_code": meeting._get_archive_code(),
                        "retention_date": date(2036, 6, 15),
                    }
                )
            elif state != "draft":
                walker._to_state(meeting, state)
            cls.meetings[state] = meeting
        in_progress = cls.meetings["in_progress"].with_user(cls.recorder)
        in_progress.action_confirm_all_attendees()
        # archiving needs every action item closed
        cls.meetings["distributed"].action_ids.with_user(cls.recorder).action_done()

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    @contextmanager
    def _refused(self, exception, regex):
        """assertRaisesRegex, rolled back like assertRaises (a savepoint)."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    def _user(self, role):
        return getattr(self, ROLE_USERS[role])

    def _attempt(self, operation):
        """ALLOWED if ``operation()`` runs through (flushed), REFUSED on an
        AccessError, UserError or ValidationError; rolled back either way."""
        savepoint = self.env.cr.savepoint()
        try:
            self.env.invalidate_all()
            operation()
            self.env.flush_all()
        except (AccessError, UserError, ValidationError):
            return REFUSED
        finally:
            savepoint.close(rollback=True)
        return ALLOWED

    def _forged_value(self, name):
        """A value of the workflow field ``name`` that the workflow did not set."""
        field = self.Meeting._fields[name]
        if name == "state":
            return "distributed"
        if field.type == "many2one":
            return {
                "res.users": self.outsider.id,
                "calendar.event": self.spare_event.id,
                "ir.attachment": self.spare_attachment.id,
            }[field.comodel_name]
        if field.type == "one2many":
            return [
                (
                    0,
                    0,
                    {
                        "meeting.minutes.revision": {
                            "version": 9,
                            "attachment_id": self.spare_attachment.id,
                            "sha256": "0" * 64,
                        },
                        "meeting.minutes.acknowledgement": {
                            "partner_id": self.outsider.partner_id.id,
                            "acknowledged_on": datetime(2030, 1, 1, 9, 0),
                            "access_token": "forged",
                        },
                    }[field.comodel_name],
                )
            ]
        return {
            "char": "Forged",
            "text": "Forged",
            "boolean": True,
            "integer": 9,
            "date": date(2030, 1, 1),
            "datetime": datetime(2030, 1, 1, 9, 0),
            "binary": SIGNATURE,
        }[field.type]

    def _read(self, user, meeting):
        meeting.with_user(user).read(["name", "state", "location", "action_ids"])

    def _values(self, extra=None, recorder=None):
        return {
            "name": "Another meeting",
            "purpose": "Decide something",
            "company_id": self.company.id,
            "initiating_department_id": self.dep_marketing.id,
            "host_id": self.host.id,
            "recorder_id": (recorder or self.recorder).id,
            "start": MEETING_START,
            "stop": MEETING_START + timedelta(hours=1),
            "location": "Room 101",
            **(extra or {}),
        }

    def _create(self, user, extra=None):
        self.Meeting.with_user(user).create(self._values(extra, recorder=user))

    def _write(self, user, meeting, vals):
        meeting.with_user(user).write(vals)

    def _unlink(self, user, meeting):
        meeting.with_user(user).unlink()

    def _press_button(self, user, meeting, button, result_state=None):
        """Press ``button`` as ``user``; confirm the reason wizard it opens."""
        result = getattr(meeting.with_user(user), button)()
        if isinstance(result, dict) and result.get("res_model") == self.Wizard._name:
            self._reason(user, meeting, result["context"]["default_mode"], "Matrix")
        elif isinstance(result, dict) and result.get("res_model") == (
            "meeting.minutes.sign.wizard"
        ):
            self._sign(meeting, user)
        if result_state:
            self.assertEqual(meeting.state, result_state, f"{button} by {user.login}")

    def _confirm_wizard(self, user, meeting, mode):
        """The reason wizard confirmed without pressing the button."""
        self.Wizard.with_user(user).create(
            {"meeting_ids": [(6, 0, meeting.ids)], "mode": mode, "reason": "Direct"}
        ).action_confirm()

    def _press(self, user, meeting, button, result_state=None):
        with freeze_time(BUTTON_TIMES.get(button, AFTER_MEETING)):
            outcome = self._attempt(
                partial(self._press_button, user, meeting, button, result_state)
            )
            mode = WIZARD_MODES.get(button)
            if outcome == REFUSED and mode:
                outcome = self._attempt(
                    partial(self._confirm_wizard, user, meeting, mode)
                )
        return outcome

    def _cell_attempts(self, operation, user, meeting):
        """(label, operation) for each attempt of one cell of MATRIX."""
        if operation == "read":
            return [("read", partial(self._read, user, meeting))]
        if operation == "create":
            return [("create", partial(self._create, user))]
        if operation == "create with workflow field":
            return [
                (name, partial(self._create, user, {name: self._forged_value(name)}))
                for name in sorted(WORKFLOW_FIELDS)
            ]
        if operation == "write content (location)":
            vals = {"location": "Room 999"}
            return [("location", partial(self._write, user, meeting, vals))]
        if operation == "write workflow field":
            return [
                (
                    name,
                    partial(
                        self._write, user, meeting, {name: self._forged_value(name)}
                    ),
                )
                for name in sorted(WORKFLOW_FIELDS)
            ]
        if operation == "press other state's button":
            return [
                (button, partial(self._press_button, user, meeting, button))
                for button, (states, __) in BUTTON_STATES.items()
                if meeting.state not in states
            ]
        if operation == "delete":
            return [("delete", partial(self._unlink, user, meeting))]
        raise ValueError(operation)

    def _cell_outcome(self, run):
        """The outcome of one attempt; a button is pressed at its time, and the
        reason wizard it opens is also tried without it."""
        if run.func != self._press_button:
            return self._attempt(run)
        return self._press(*run.args)

    # ------------------------------------------------------------
    # the matrix
    # ------------------------------------------------------------

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        """Every cell of MATRIX and BUTTONS, one subTest each; the cells that do
        not match are listed together at the end (pytest stops a test at its
        first failing subTest)."""
        self.assertEqual(self.meetings["archived"].state, "archived")
        self.assertEqual(set(BUTTON_STATES), {row[0] for row in BUTTONS})
        # the forged values are valid ones: the superuser writes them (rule 1), so
        # that a refusal below is the rule's
        for name in sorted(WORKFLOW_FIELDS):
            forged = {name: self._forged_value(name)}
            with self.subTest(superuser=name):
                self.assertEqual(
                    self._attempt(
                        partial(self.Meeting.sudo().create, self._values(forged))
                    ),
                    ALLOWED,
                )
                self.assertEqual(
                    self._attempt(partial(self.meetings["draft"].sudo().write, forged)),
                    ALLOWED,
                )
        mismatches = []
        cells = 0
        for operation, state, *expected in MATRIX:
            meeting = self.meetings[state] if state else None
            for role, verdict in zip(ROLES, expected, strict=True):
                user = self._user(role)
                for label, run in self._cell_attempts(operation, user, meeting):
                    with self.subTest(
                        operation=operation, state=state, role=role, attempt=label
                    ):
                        cells += 1
                        try:
                            outcome = self._cell_outcome(run)
                        except Exception as error:  # reported with the cell
                            outcome = f"error {error!r}"
                        if outcome != verdict:
                            mismatches.append(
                                f"{role} ({user.login}): {operation} [{label}] on "
                                f"{state or 'no'} minutes: {outcome}, expected "
                                f"{verdict}"
                            )
        for button, state, *expected in BUTTONS:
            meeting = self.meetings[state]
            self.assertIn(state, BUTTON_STATES[button][0])
            result_state = BUTTON_STATES[button][1]
            for role, verdict in zip(ROLES, expected, strict=True):
                user = self._user(role)
                with self.subTest(button=button, state=state, role=role):
                    cells += 1
                    try:
                        outcome = self._press(user, meeting, button, result_state)
                    except Exception as error:  # reported with the cell
                        outcome = f"error {error!r}"
                    if outcome != verdict:
                        mismatches.append(
                            f"{role} ({user.login}): {button} on {state} minutes: "
                            f"{outcome}, expected {verdict}"
                        )
        # every cell was rolled back
        self.assertEqual(
            [self.meetings[state].state for state in MATRIX_STATES],
            list(MATRIX_STATES),
        )
        if mismatches:
            self.fail(
                f"{len(mismatches)} of {cells} cells differ:\n" + "\n".join(mismatches)
            )

    # ------------------------------------------------------------
    # the bypasses, each refused
    # ------------------------------------------------------------

    def test_bypass_organizers_write_state(self):
        """Recorder, host, creator (and manager) cannot approve by writing the
        state of scheduled minutes."""
        creators = self.Meeting.with_user(self.rd_director).create(
            {
                "name": "Created by the R&D director",
                "purpose": "Decide",
                "initiating_department_id": self.dep_rd.id,
                "host_id": self.host.id,
                "recorder_id": self.recorder.id,
                "start": MEETING_START,
                "stop": MEETING_START + timedelta(hours=1),
                "location": "Room 2",
            }
        )
        creators.sudo().write({"state": "scheduled"})
        self.assertTrue(creators.with_user(self.rd_director).can_manage)
        scheduled = self.meetings["scheduled"]
        for user, meeting in (
            (self.recorder, scheduled),
            (self.host, scheduled),
            (self.manager, scheduled),
            (self.rd_director, creators),
        ):
            for vals in ({"state": "approved"}, {"state": "approved", "location": "X"}):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self._refused(UserError, "changes only through the butt"),
                ):
                    meeting.with_user(user).write(vals)
            self.assertEqual(meeting.state, "scheduled")

    def test_bypass_rewrite_approval_fields(self):
        """approved_by_id, approved_on, reference and notice_date are the
        workflow's, on approved and on scheduled minutes alike."""
        approved = self.meetings["approved"]
        scheduled = self.meetings["scheduled"]
        for meeting in (approved, scheduled):
            for user in (self.recorder, self.host, self.manager):
                for vals in (
                    {"approved_by_id": self.manager.id},
                    {"approved_by_id": False},
                    {"approved_on": datetime(2026, 6, 16, 9, 0)},
                    {"reference": "MM/2026/9999"},
                    {"notice_date": datetime(2026, 5, 1, 9, 0)},
                    {"notice_date": False},
                ):
                    with (
                        self.subTest(state=meeting.state, user=user.login, vals=vals),
                        self._refused(UserError, "changes only through the buttons"),
                    ):
                        meeting.with_user(user).write(vals)
        self.assertRecordValues(
            approved, [{"approved_by_id": self.host.id, "state": "approved"}]
        )
        self.assertTrue(approved._verify_approved_report())

    @mute_logger(*MUTED)
    def test_bypass_attendee_owner_of_action_item(self):
        """The engineer attends and owns an action item: progress and remarks
        only; no delete, no new item, no new deadline."""
        meeting = self.meetings["draft"]
        item = meeting.action_ids.filtered(lambda a: a.owner_id == self.engineer)
        self.assertEqual(len(item), 1)
        as_engineer = item.with_user(self.engineer)
        with self.assertRaises(AccessError):
            as_engineer.unlink()
        for owner in (self.engineer, self.owner):
            with self.subTest(owner=owner.login), self.assertRaises(AccessError):
                self.Action.with_user(self.engineer).create(
                    {
                        "meeting_id": meeting.id,
                        "name": "My own task",
                        "owner_id": owner.id,
                        "deadline": date(2026, 6, 30),
                    }
                )
        for vals in (
            {"deadline": date(2026, 12, 31)},
            {"deadline": date(2026, 12, 31), "remarks": "Later"},
            {"name": "Something easier"},
            {"owner_id": self.sales_rep.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_engineer.write(vals)
        # what the owner does report
        as_engineer.write({"remarks": "Plan drafted"})
        as_engineer.action_start_progress()
        self.assertRecordValues(
            item,
            [
                {
                    "deadline": date(2026, 6, 20),
                    "state": "in_progress",
                    "remarks": "Plan drafted",
                }
            ],
        )
        self.assertIn(item, meeting.action_ids)
        # on approved minutes: remarks still, the deadline never
        approved = self.meetings["approved"].action_ids.filtered(
            lambda a: a.owner_id == self.engineer
        )
        approved.with_user(self.engineer).write({"remarks": "Started"})
        with self.assertRaises(UserError):
            approved.with_user(self.engineer).write({"deadline": date(2026, 12, 31)})
        with self.assertRaises(UserError):
            approved.with_user(self.engineer).unlink()
        # on archived minutes: nothing
        archived = self.meetings["archived"].action_ids.filtered(
            lambda a: a.owner_id == self.engineer
        )
        with self._refused(UserError, "their content is locked"):
            archived.with_user(self.engineer).write({"remarks": "Late remark"})
        with self._refused(UserError, "their content is locked"):
            archived.with_user(self.engineer).action_done()

    @mute_logger(*MUTED)
    def test_bypass_move_lines_between_meetings(self):
        """A line stays in the meeting it was recorded in, even for those who
        manage both meetings, and for an owner who organizes the other one."""
        source = self.meetings["draft"]
        target = self._create_meeting(name="Another meeting")
        lines = (
            source.action_ids[0],
            source.agenda_ids[0],
            source.resolution_ids[0],
            source.attendee_ids[0],
        )
        for user in (self.recorder, self.manager):
            for line in lines:
                with (
                    self.subTest(user=user.login, model=line._name),
                    self._refused(UserError, "stays where it was recorded"),
                ):
                    line.with_user(user).write({"meeting_id": target.id})
            with (
                self.subTest(user=user.login, model="meeting.minutes.statement"),
                self._refused(UserError, "stays where it was recorded"),
            ):
                source.statement_ids[0].with_user(user).write(
                    {"agenda_id": target.agenda_ids[0].id}
                )
            # the meeting of a statement is its agenda item's: writing it would
            # move the agenda item
            with (
                self.subTest(user=user.login, model="statement.meeting_id"),
                self._refused(UserError, "stays where it was recorded"),
            ):
                source.statement_ids[0].with_user(user).write({"meeting_id": target.id})
        # the engineer's own item into a meeting he records
        own = self.Meeting.with_user(self.engineer).create(
            {
                "name": "R&D meeting",
                "purpose": "Decide",
                "initiating_department_id": self.dep_rd.id,
                "host_id": self.rd_director.id,
                "recorder_id": self.engineer.id,
                "start": MEETING_START,
                "stop": MEETING_START + timedelta(hours=1),
                "location": "Lab",
            }
        )
        item = source.action_ids.filtered(lambda a: a.owner_id == self.engineer)
        with self._refused(UserError, "stays where it was recorded"):
            item.with_user(self.engineer).write({"meeting_id": own.id})
        self.assertEqual(item.meeting_id, source)
        for line in lines + (source.statement_ids[0],):
            self.assertEqual(line.meeting_id, source)

    @mute_logger(*MUTED)
    def test_bypass_calendar_event_employee(self):
        """An employee outside the meeting groups (or a meeting user unrelated
        to the minutes) moves, archives or deletes the event of the minutes."""
        event = (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Q3 priorities coordination",
                    "description": "<p>Decide the Q3 priorities</p>",
                    "start": MEETING_START,
                    "stop": MEETING_START + timedelta(hours=2),
                    "user_id": self.host.id,
                    "location": "Room 301",
                    "partner_ids": [
                        (
                            6,
                            0,
                            (self.host | self.recorder | self.engineer).partner_id.ids,
                        )
                    ],
                }
            )
        )
        event.with_user(self.recorder).action_open_meeting_minutes()
        minutes = event.meeting_minutes_ids
        self.assertEqual(event.meeting_minutes_ids, minutes)
        self.assertRecordValues(
            minutes,
            [
                {
                    "calendar_event_id": event.id,
                    "recorder_id": self.recorder.id,
                    "state": "draft",
                }
            ],
        )
        moved = MEETING_START + timedelta(days=1)
        for state in ("draft", "approved"):
            if state == "approved":
                minutes.sudo().write({"state": "approved"})
            for user in (self.employee, self.outsider):
                for vals in (
                    {"start": moved, "stop": moved + timedelta(hours=2)},
                    {"location": "Elsewhere"},
                    {"videocall_location": "https://meet.example.com/x"},
                    {"active": False},
                ):
                    with (
                        self.subTest(state=state, user=user.login, vals=vals),
                        self._refused(UserError, "holds the minutes"),
                    ):
                        event.with_user(user).write(vals)
                with (
                    self.subTest(state=state, user=user.login, vals="unlink"),
                    # a private event: the calendar's own rule refuses the uninvited
                    self._refused(UserError, "holds the minutes|'unlink' access"),
                ):
                    event.with_user(user).unlink()
        self.assertTrue(event.exists() and event.active)
        self.assertRecordValues(
            minutes,
            [{"start": MEETING_START, "location": "Room 301", "state": "approved"}],
        )
        # the recorder may: draft minutes follow their event
        minutes.sudo().write({"state": "draft"})
        event.with_user(self.recorder).write({"location": "Room 302"})
        self.assertEqual(minutes.location, "Room 302")

    @mute_logger(*MUTED)
    def test_bypass_followup_of_a_meeting_one_attends(self):
        """An attendee of meeting A who organizes meeting B makes B follow A up:
        he may (he reads A), but neither closes nor carries over A's items."""
        meeting_a = self.meetings["approved"]
        open_items = meeting_a.action_ids
        self.assertEqual(set(open_items.mapped("state")), {"todo"})
        values = {
            "name": "R&D follow-up",
            "purpose": "Review the Q3 items",
            "initiating_department_id": self.dep_rd.id,
            "host_id": self.rd_director.id,
            "start": datetime(2026, 6, 29, 6, 0),
            "stop": datetime(2026, 6, 29, 7, 0),
            "location": "Lab",
        }
        meeting_b = self.Meeting.with_user(self.engineer).create(
            dict(values, recorder_id=self.engineer.id)
        )
        meeting_b.with_user(self.engineer).previous_meeting_id = meeting_a
        followups = meeting_b.followup_ids
        self.assertEqual(followups.previous_action_id, open_items)
        followups.with_user(self.engineer).write(
            {"reason_category": "other", "reason": "Not needed"}
        )
        for followup in followups:
            for decide in ("action_close", "action_carry_over"):
                with (
                    self.subTest(item=followup.previous_action_id.name, button=decide),
                    self._refused(UserError, "can carry over or close"),
                ):
                    getattr(followup.with_user(self.engineer), decide)()
        # the host of A does not manage B
        with self.assertRaises(AccessError):
            followups[0].with_user(self.host).action_close()
        self.assertEqual(set(open_items.mapped("state")), {"todo"})
        self.assertFalse(meeting_b.action_ids)
        # one who may not read A cannot make his meeting follow it up
        with self._refused(UserError, "may not read"):
            self.Meeting.with_user(self.outsider).create(
                dict(
                    values,
                    recorder_id=self.outsider.id,
                    previous_meeting_id=meeting_a.id,
                )
            )
        own = self.Meeting.with_user(self.outsider).create(
            dict(values, recorder_id=self.outsider.id)
        )
        with self._refused(UserError, "may not read"):
            own.with_user(self.outsider).previous_meeting_id = meeting_a
        # a meeting manager decides
        followups[0].with_user(self.manager).action_close()
        self.assertEqual(followups[0].previous_action_id.state, "cancelled")

    def test_bypass_submit_agenda_titles_only(self):
        """Minutes with agenda titles only, or without a decision, cannot be
        submitted."""
        meeting = self._to_state(self._create_meeting(), "confirmed")
        as_recorder = meeting.with_user(self.recorder)
        Recorder = self.env(user=self.recorder)
        with self._refused(UserError, "cannot be submitted without"):
            as_recorder.action_submit()
        Recorder["meeting.minutes.resolution"].create(
            {"meeting_id": meeting.id, "content": "Smart recommendation first."}
        )
        # agenda titles only
        with self._refused(UserError, "a statement on 'Feature priority'"):
            as_recorder.action_submit()
        first, second = meeting.agenda_ids
        Recorder["meeting.minutes.statement"].create(
            {
                "agenda_id": first.id,
                "kind": "consensus",
                "content": "Smart recommendation first.",
            }
        )
        with self._refused(UserError, "a statement on 'Resources'"):
            as_recorder.action_submit()
        Recorder["meeting.minutes.statement"].create(
            {
                "agenda_id": second.id,
                "department_id": self.dep_rd.id,
                "kind": "problem",
                "content": "Two engineers are missing.",
            }
        )
        # statements, but neither resolution nor action item
        meeting.resolution_ids.with_user(self.recorder).unlink()
        with self._refused(UserError, "a resolution or an action item"):
            as_recorder.action_submit()
        self.assertEqual(meeting.state, "confirmed")

    @mute_logger(*MUTED)
    def test_bypass_delete_approved_pdf(self):
        """The organizers and managers neither delete nor change the PDF frozen
        at the approval, nor its revision."""
        meeting = self.meetings["approved"]
        attachment = meeting.approved_report_id
        revision = meeting.revision_ids
        self.assertEqual(revision.attachment_id, attachment)
        for user in (self.recorder, self.host, self.manager):
            as_user = attachment.with_user(user)
            with (
                self.subTest(user=user.login, op="unlink"),
                self._refused(UserError, "approved PDF"),
            ):
                as_user.unlink()
            for vals in (
                {"raw": b"%PDF-1.4 forged"},
                {"name": "renamed.pdf"},
                {"res_id": self.meetings["draft"].id},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self._refused(UserError, "approved PDF"),
                ):
                    as_user.write(vals)
            with self.subTest(user=user.login, op="revision"):
                with self.assertRaises(AccessError):
                    revision.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    revision.with_user(user).write({"sha256": "0" * 64})
        # nor gives it a link that opens it without login
        with self._refused(UserError, "never by a link without login"):
            attachment.with_user(self.recorder).generate_access_token()
        self.assertFalse(attachment.sudo().access_token)
        self.assertTrue(attachment.exists())
        self.assertEqual(meeting.approved_report_id, attachment)
        self.assertTrue(meeting._verify_approved_report())

    @mute_logger(*MUTED)
    def test_bypass_other_company_user(self):
        """A user of company B is no host, recorder, leader in copy, attendee or
        action owner of company A's minutes."""
        meeting = self.meetings["draft"].with_user(self.recorder)
        for vals in (
            {"host_id": self.user_b.id},
            {"recorder_id": self.user_b.id},
            {"cc_user_ids": [(4, self.user_b.id)]},
            {"attendee_ids": [(0, 0, {"user_id": self.user_b.id})]},
            {
                "action_ids": [
                    (1, meeting.action_ids[0].id, {"owner_id": self.user_b.id})
                ]
            },
        ):
            with (
                self.subTest(vals=vals),
                self._refused(UserError, "Incompatible companies"),
            ):
                meeting.write(vals)
                meeting.flush_recordset()
        with self._refused(UserError, "Incompatible companies"):
            self.Action.with_user(self.recorder).create(
                {
                    "meeting_id": meeting.id,
                    "name": "Task for company B",
                    "owner_id": self.user_b.id,
                    "department_id": self.dep_rd.id,
                    "deadline": date(2026, 6, 30),
                }
            )
        with self._refused(UserError, "Incompatible companies"):
            meeting.attendee_ids[0].write({"user_id": self.user_b.id})
        with self._refused(UserError, "Incompatible companies"):
            self._create(self.recorder, {"host_id": self.user_b.id})
        self.assertNotIn(self.user_b, meeting.member_user_ids)
