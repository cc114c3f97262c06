from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import MeetingWorkflowCase

LINE_MODELS = (
    "meeting.minutes.attendee",
    "meeting.minutes.agenda",
    "meeting.minutes.statement",
    "meeting.minutes.resolution",
    "meeting.minutes.action",
    "meeting.minutes.followup",
)


@tagged("post_install", "-at_install")
class TestMeetingAccessRights(MeetingWorkflowCase):
    """Who reads and who edits the minutes and their lines: members, their
    departments, leaders in copy and action owners read; organizers edit; managers
    see all; other departments and other companies see nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the previous meeting, whose open action item the meeting reviews
        cls.previous = cls._create_meeting(start=datetime(2026, 3, 16, 6, 0))
        cls.previous_action = (
            cls.env["meeting.minutes.action"]
            .with_user(cls.recorder)
            .create(
                {
                    "meeting_id": cls.previous.id,
                    "name": "Draft the Q2 plan",
                    "owner_id": cls.engineer.id,
                    "deadline": date(2026, 3, 31),
                }
            )
        )
        cls.meeting = cls._create_meeting(
            previous_meeting_id=cls.previous.id,
            cc_user_ids=[(6, 0, cls.leader.ids)],
        )
        Recorder = cls.env(user=cls.recorder)
        cls.statement = Recorder["meeting.minutes.statement"].create(
            {
                "agenda_id": cls.meeting.agenda_ids[0].id,
                "department_id": cls.dep_sales.id,
                "kind": "opinion",
                "content": "Do both at once",
            }
        )
        cls.resolution = Recorder["meeting.minutes.resolution"].create(
            {"meeting_id": cls.meeting.id, "content": "Smart recommendation first"}
        )
        # the owner is neither attendee nor of a participating department
        cls.action = Recorder["meeting.minutes.action"].create(
            {
                "meeting_id": cls.meeting.id,
                "resolution_id": cls.resolution.id,
                "name": "Adjust the production schedule",
                "owner_id": cls.owner.id,
                "deadline": date(2026, 6, 30),
            }
        )
        cls.lines = {
            "meeting.minutes.attendee": cls.meeting.attendee_ids[0],
            "meeting.minutes.agenda": cls.meeting.agenda_ids[0],
            "meeting.minutes.statement": cls.statement,
            "meeting.minutes.resolution": cls.resolution,
            "meeting.minutes.action": cls.action,
            "meeting.minutes.followup": cls.meeting.followup_ids,
        }
        cls.env.invalidate_all()

    def _can(self, user, operation, records):
        """True if ``user`` may do ``operation`` on ``records``, False on an
        AccessError."""
        records = records.with_user(user)
        try:
            with self.env.cr.savepoint():
                self.env.invalidate_all()
                if operation == "read":
                    records.read(["display_name"])
                elif operation == "search":
                    return records.search([("id", "in", records.ids)]) == records
                elif operation == "write":
                    field = {
                        "meeting.minutes": "location",
                        "meeting.minutes.attendee": "material_to_prepare",
                        "meeting.minutes.agenda": "name",
                        "meeting.minutes.statement": "content",
                        "meeting.minutes.resolution": "content",
                        "meeting.minutes.action": "remarks",
                        "meeting.minutes.followup": "reason",
                    }[records._name]
                    records.write({field: "Changed"})
                    records.flush_recordset()
                else:
                    raise ValueError(operation)
        except AccessError:
            return False
        return True

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_meeting_access_table(self):
        self.assertEqual(len(self.meeting.followup_ids), 1)
        table = [
            # user, read, write
            (self.host, True, True),
            (self.recorder, True, True),
            (self.engineer, True, False),  # attendee
            (self.rd_director, True, False),  # participating department
            (self.sales_rep, True, False),  # attendee
            (self.leader, True, False),  # leader in copy
            (self.owner, True, False),  # action owner: his item only, see below
            (self.outsider, False, False),  # unrelated department
            (self.manager, True, True),
        ]
        for user, can_read, can_write in table:
            with self.subTest(user=user.login):
                msg = user.login
                self.assertEqual(self._can(user, "read", self.meeting), can_read, msg)
                self.assertEqual(self._can(user, "search", self.meeting), can_read, msg)
                self.assertEqual(self._can(user, "write", self.meeting), can_write, msg)
        # the department reads without being a member
        self.assertNotIn(self.rd_director, self.meeting.member_user_ids)
        self.assertIn(self.owner, self.meeting.member_user_ids)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_line_access_table(self):
        table = [
            # user, read, write (lines other than the owner's action item)
            (self.recorder, True, True),
            (self.host, True, True),
            (self.engineer, True, False),
            (self.rd_director, True, False),
            (self.leader, True, False),
            (self.outsider, False, False),
            (self.manager, True, True),
        ]
        for model in LINE_MODELS:
            line = self.lines[model]
            for user, can_read, can_write in table:
                with self.subTest(model=model, user=user.login):
                    msg = f"{user.login} on {model}"
                    self.assertEqual(self._can(user, "read", line), can_read, msg)
                    self.assertEqual(self._can(user, "search", line), can_read, msg)
                    self.assertEqual(self._can(user, "write", line), can_write, msg)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_outsider_sees_nothing(self):
        Env = self.env(user=self.outsider)
        self.assertFalse(
            Env["meeting.minutes"].search(
                [("id", "in", (self.meeting | self.previous).ids)]
            )
        )
        for model in LINE_MODELS:
            with self.subTest(model=model):
                self.assertFalse(
                    Env[model].search([("meeting_id", "in", self.meeting.ids)])
                )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider).name  # noqa: B018
        with self.assertRaises(AccessError):
            self.action.with_user(self.outsider).read(["name", "deadline"])
        with self.assertRaises(AccessError):
            self.env["meeting.minutes.statement"].with_user(self.outsider).create(
                {
                    "agenda_id": self.meeting.agenda_ids[0].id,
                    "kind": "consensus",
                    "content": "X",
                }
            )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider).unlink()

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_attendee_reads_but_does_not_edit(self):
        meeting = self.meeting.with_user(self.engineer)
        self.assertEqual(meeting.name, self.meeting.name)
        self.assertEqual(len(meeting.attendee_ids), 4)
        with self.assertRaises(AccessError):
            meeting.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["meeting.minutes.resolution"].with_user(self.engineer).create(
                {"meeting_id": self.meeting.id, "content": "My own resolution"}
            )
        with self.assertRaises(AccessError):
            meeting.attendee_ids.filtered(lambda a: a.user_id == self.engineer).write(
                {"confirmed": True}
            )
        with self.assertRaises(AccessError):
            meeting.unlink()

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_action_owner(self):
        """The owner reads the minutes, updates the progress of his item, not its
        task, deadline or owner, and not the other items."""
        meeting = self.meeting.with_user(self.owner)
        self.assertEqual(meeting.action_ids, self.action)
        self.assertEqual(meeting.resolution_ids.content, "Smart recommendation first")
        action = self.action.with_user(self.owner)
        self.assertTrue(action.can_update_progress)
        action.action_start_progress()
        action.write({"remarks": "Schedule draft ready"})
        action.action_done()
        self.assertRecordValues(
            self.action, [{"state": "done", "remarks": "Schedule draft ready"}]
        )
        for vals in (
            {"name": "Another task"},
            {"deadline": date(2026, 7, 31)},
            {"owner_id": self.engineer.id},
            {"state": "todo"},
            {"done_date": date(2026, 6, 1)},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                action.write(vals)
        with self.assertRaises(AccessError):
            meeting.write({"location": "Room 1"})
        # an item he does not own
        other = (
            self.env["meeting.minutes.action"]
            .with_user(self.recorder)
            .create(
                {
                    "meeting_id": self.meeting.id,
                    "name": "Submit the plan",
                    "owner_id": self.engineer.id,
                    "deadline": date(2026, 6, 30),
                }
            )
        )
        self.assertFalse(other.with_user(self.owner).can_update_progress)
        with self.assertRaises(AccessError):
            other.with_user(self.owner).write({"remarks": "Not mine"})
        with self.assertRaises(UserError):
            other.with_user(self.sales_rep).action_done()

    def test_readers_open_the_follow_up_tab(self):
        """Whoever reads a meeting reads the previous meeting's action items it
        reviews, as the form shows them, without reading the previous meeting."""
        spec = {
            "name": {},
            "previous_action_ids": {
                "fields": {
                    "name": {},
                    "owner_id": {"fields": {"display_name": {}}},
                    "state": {},
                }
            },
            "followup_ids": {
                "fields": {
                    "previous_action_id": {"fields": {"display_name": {}}},
                    "previous_state": {},
                    "reason": {},
                }
            },
        }
        for user in (self.leader, self.owner, self.rd_director, self.engineer):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                [values] = self.meeting.with_user(user).web_read(spec)
                self.assertEqual(
                    values["previous_action_ids"][0]["name"], "Draft the Q2 plan"
                )
                self.assertEqual(
                    values["followup_ids"][0]["previous_action_id"]["display_name"],
                    "Draft the Q2 plan",
                )
        self.assertFalse(self._can(self.leader, "read", self.previous))
        self.assertTrue(self._can(self.leader, "read", self.previous_action))
        self.assertFalse(self._can(self.outsider, "read", self.previous_action))

    def test_organizers_and_manager_edit(self):
        for user in (self.host, self.recorder, self.manager):
            with self.subTest(user=user.login):
                meeting = self.meeting.with_user(user)
                self.assertTrue(meeting.can_manage)
                meeting.write({"location": f"Room of {user.login}"})
                self.env["meeting.minutes.resolution"].with_user(user).create(
                    {
                        "meeting_id": self.meeting.id,
                        "content": f"Resolution by {user.login}",
                    }
                )
                self.action.with_user(user).write({"deadline": date(2026, 7, 1)})
        self.assertRecordValues(
            self.meeting.with_user(self.engineer),
            [{"can_manage": False, "can_approve": False}],
        )
        self.assertTrue(self.meeting.with_user(self.host).can_approve)
        self.assertFalse(self.meeting.with_user(self.recorder).can_approve)
        self.assertTrue(self.meeting.with_user(self.manager).can_approve)

    def test_new_member_gains_access(self):
        """Adding a person as attendee or leader in copy lets them read."""
        newcomer = self._make_user(
            "mm_newcomer",
            "Newcomer Xu",
            self.dep_finance,
            "Analyst",
            "base.group_user,meeting_minutes.group_meeting_user",
        )
        self.assertFalse(self._can(newcomer, "read", self.meeting))
        self.meeting.with_user(self.recorder).cc_user_ids = [(4, newcomer.id)]
        self.assertTrue(self._can(newcomer, "read", self.meeting))
        self.assertTrue(self._can(newcomer, "read", self.action))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_multi_company(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        dep_b = self.env["hr.department"].create(
            {"name": "Marketing B", "company_id": company_b.id}
        )
        user_b = new_test_user(
            self.env,
            login="mm_user_b",
            groups="base.group_user,meeting_minutes.group_meeting_user",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        self.env["hr.employee"].with_company(company_b).create(
            {
                "name": "User B",
                "user_id": user_b.id,
                "department_id": dep_b.id,
                "company_id": company_b.id,
            }
        )
        # a user of company A cannot even be named host of company B's meeting
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["meeting.minutes"].with_company(company_b).create(
                {
                    "name": "Company B coordination",
                    "purpose": "Company B business",
                    "company_id": company_b.id,
                    "initiating_department_id": dep_b.id,
                    "host_id": self.host.id,
                    "recorder_id": user_b.id,
                    "start": datetime(2026, 6, 15, 6, 0),
                    "stop": datetime(2026, 6, 15, 7, 0),
                    "location": "Room B",
                }
            )
        meeting_b = (
            self.env["meeting.minutes"]
            .with_company(company_b)
            .create(
                {
                    "name": "Company B coordination",
                    "purpose": "Company B business",
                    "company_id": company_b.id,
                    "initiating_department_id": dep_b.id,
                    "host_id": user_b.id,
                    "recorder_id": user_b.id,
                    "start": datetime(2026, 6, 15, 6, 0),
                    "stop": datetime(2026, 6, 15, 7, 0),
                    "location": "Room B",
                    "attendee_ids": [(0, 0, {"user_id": user_b.id})],
                    "agenda_ids": [(0, 0, {"name": "B"})],
                }
            )
        )
        self.assertEqual(meeting_b.attendee_ids.company_id, company_b)
        for user in (self.host, self.outsider, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.env["meeting.minutes"]
                    .with_user(user)
                    .search([("id", "=", meeting_b.id)])
                )
                self.assertFalse(self._can(user, "read", meeting_b))
                self.assertFalse(self._can(user, "read", meeting_b.attendee_ids))
        self.assertTrue(self._can(user_b, "read", meeting_b))
        self.assertTrue(self._can(user_b, "write", meeting_b))
        self.assertFalse(self._can(user_b, "read", self.meeting))
        # a department of company B cannot take part in a meeting of company A
        with self.assertRaises(UserError):
            self.meeting.with_user(self.manager).department_ids = [(4, dep_b.id)]
