"""The live meeting room: its data (get_room_data) in a constant number of
queries, read as the user may; the bus notifications of its lines and who may
listen to them; the room in the browser (static/tests/tours/meeting_room_tour.js)."""

import json
import logging
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from ..models.meeting_minutes_content_mixin import ROOM_NOTIFICATION, ROOM_SUBCHANNEL
from .common import TourCase
from .common_workflow import MeetingWorkflowCase

_logger = logging.getLogger(__name__)


class MeetingRoomCase(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a fourth participating department, with an absentee and his opinion
        cls.meeting = cls._create_meeting(
            department_ids=[
                (
                    6,
                    0,
                    (
                        cls.dep_marketing
                        | cls.dep_rd
                        | cls.dep_sales
                        | cls.dep_production
                    ).ids,
                )
            ],
            attendee_ids=[
                (0, 0, {"user_id": cls.host.id}),
                (0, 0, {"user_id": cls.recorder.id}),
                (0, 0, {"user_id": cls.engineer.id}),
                (0, 0, {"user_id": cls.sales_rep.id}),
                (0, 0, {"user_id": cls.owner.id}),
                (
                    0,
                    0,
                    {
                        "user_id": cls.rd_director.id,
                        "attendance": "absent",
                        "absence_reason": "Visiting a supplier",
                        "written_opinion": "Recommendation first, then the UI.",
                    },
                ),
            ],
            agenda_ids=[
                (
                    0,
                    0,
                    {"name": "Feature priority", "sequence": 1, "planned_minutes": 20},
                ),
                (0, 0, {"name": "Resources", "sequence": 2, "planned_minutes": 15}),
            ],
        )

    def _bus_messages(self, meeting):
        """The room notifications of ``meeting`` created in this transaction."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        channel = json_dump(
            channel_with_db(self.env.cr.dbname, (meeting, ROOM_SUBCHANNEL))
        )
        messages = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        return [
            json.loads(message.message)
            for message in messages
            if json.loads(message.message)["type"] == ROOM_NOTIFICATION
        ]


@tagged("post_install", "-at_install")
class TestMeetingRoom(MeetingRoomCase):
    def test_open_room_action(self):
        action = self.meeting.with_user(self.recorder).action_open_meeting_room()
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "meeting_minutes.meeting_room")
        self.assertEqual(action["params"], {"meeting_id": self.meeting.id})
        self.assertEqual(
            self.env.ref("meeting_minutes.action_meeting_room").tag,
            "meeting_minutes.meeting_room",
        )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider).action_open_meeting_room()

    def test_room_data(self):
        """The lanes of the four departments, the absentee, the consensus, the
        resolutions and action items of each item."""
        self._to_state(self.meeting, "in_progress")
        self._add_content(self.meeting, deadline=date(2026, 6, 20))
        data = self.meeting.with_user(self.recorder).get_room_data()
        self.assertTrue(data["can_edit"])
        self.assertEqual(data["state"], "in_progress")
        self.assertEqual(data["progress"], {"done": 1, "total": 2})
        first = data["agenda"][0]
        self.assertEqual(first["name"], "Feature priority")
        self.assertEqual(first["planned_minutes"], 20)
        self.assertTrue(first["has_consensus"])
        self.assertEqual(
            [lane["department"] for lane in first["lanes"]],
            ["Marketing", "Production", "R&D", "Sales"],
        )
        rd = first["lanes"][2]
        self.assertEqual([p["name"] for p in rd["attendees"]], ["Engineer Liu"])
        self.assertEqual(
            rd["absentees"],
            [
                {
                    "id": rd["absentees"][0]["id"],
                    "name": "Director Chen",
                    "job_title": "R&D Director",
                    "reason": "Visiting a supplier",
                    "written_opinion": "Recommendation first, then the UI.",
                }
            ],
        )
        self.assertEqual(
            [(s["kind"], s["content"]) for s in rd["statements"]],
            [("opinion", "Smart recommendation takes two months.")],
        )
        self.assertEqual(
            [s["content"] for s in first["consensus"]], ["Smart recommendation first."]
        )
        self.assertEqual(len(first["resolutions"]), 1)
        self.assertEqual(first["resolutions"][0]["departments"], [])
        # the departments a resolution binds, in the lanes' order, then any other
        self.meeting.resolution_ids.with_user(self.recorder).department_ids = (
            self.dep_finance | self.dep_sales | self.dep_rd
        )
        bound = self.meeting.with_user(self.recorder).get_room_data()["agenda"][0][
            "resolutions"
        ][0]
        self.assertEqual(bound["departments"], ["R&D", "Sales", "Finance"])
        self.assertEqual(
            bound["department_ids"],
            (self.dep_rd | self.dep_sales | self.dep_finance).ids,
        )
        self.assertEqual(
            [(a["name"], a["owner"][1], a["department"][1]) for a in first["actions"]],
            [("Submit the smart recommendation plan", "Engineer Liu", "R&D")],
        )
        # the item without a resolution: its action items are the meeting's
        self.assertEqual(
            [a["name"] for a in data["actions"]], ["Adjust the production schedule"]
        )
        self.assertIn(["consensus", "Consensus Direction"], data["kinds"])
        # an attendee reads the room, and may not write in it
        as_attendee = self.meeting.with_user(self.sales_rep)
        self.assertFalse(as_attendee.get_room_data()["can_edit"])
        with self.assertRaises(AccessError):
            self.env["meeting.minutes.statement"].with_user(self.sales_rep).create(
                {
                    "agenda_id": self.meeting.agenda_ids[0].id,
                    "department_id": self.dep_sales.id,
                    "content": "Not the recorder",
                }
            )

    def test_room_data_outsider(self):
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider).get_room_data()

    def test_planned_minutes_locked(self):
        """planned_minutes is a field of the lines: locked with the content."""
        item = self.meeting.agenda_ids[0].with_user(self.recorder)
        item.planned_minutes = 25
        self.assertEqual(item.planned_minutes, 25)
        self._to_state(self.meeting, "submitted")
        with self.assertRaises(UserError):
            item.planned_minutes = 30
        with self.assertRaises(AccessError):
            self.meeting.agenda_ids[1].with_user(self.sales_rep).planned_minutes = 5

    def test_deadline_working_days(self):
        """Counted on the company's calendar, a public holiday excluded; a date
        the room sends wrong gets a clear error; the meeting must be readable."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Dragon Boat Festival",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 6, 19, 0, 0),
                "date_to": datetime(2026, 6, 19, 23, 59),
            }
        )
        as_recorder = self.meeting.with_user(self.recorder)
        with freeze_time("2026-06-15 09:00:00"):
            # Tue 16 .. Mon 22: Tue, Wed, Thu, (Fri holiday), Mon
            self.assertEqual(as_recorder.get_deadline_working_days("2026-06-22"), 4)
            with self.assertRaisesRegex(UserError, "is not a date"):
                as_recorder.get_deadline_working_days("22/06")
            with self.assertRaises(AccessError):
                self.meeting.with_user(self.outsider).get_deadline_working_days(
                    "2026-06-22"
                )


@tagged("post_install", "-at_install")
class TestMeetingRoomQueries(MeetingWorkflowCase):
    """get_room_data reads in the same number of queries whatever the size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.departments = (
            cls.dep_marketing | cls.dep_rd | cls.dep_sales | cls.dep_production
        )
        cls.small = cls._make_room(agenda=2, statements_per_item=2, actions=2)
        cls.large = cls._make_room(agenda=50, statements_per_item=4, actions=60)
        cls.warm = cls._make_room(agenda=1, statements_per_item=1, actions=1)

    @classmethod
    def _make_room(cls, agenda, statements_per_item, actions):
        departments = cls.departments
        meeting = cls._create_meeting(
            department_ids=[(6, 0, departments.ids)],
            attendee_ids=[
                (0, 0, {"user_id": user.id})
                for user in (cls.host, cls.recorder, cls.engineer, cls.sales_rep)
            ]
            + [
                (
                    0,
                    0,
                    {
                        "user_id": cls.owner.id,
                        "attendance": "absent",
                        "absence_reason": "Night shift",
                        "written_opinion": "Keep line 2 running.",
                    },
                )
            ],
            agenda_ids=[
                (
                    0,
                    0,
                    {
                        "name": f"Item {index}",
                        "sequence": index,
                        "planned_minutes": 10,
                        "statement_ids": [
                            (
                                0,
                                0,
                                {
                                    "department_id": departments[rank % 4].id,
                                    "kind": ("problem", "opinion")[rank % 2],
                                    "content": f"Point {index}.{rank}",
                                },
                            )
                            for rank in range(statements_per_item - 1)
                        ]
                        + [(0, 0, {"kind": "consensus", "content": f"Agreed {index}"})],
                    },
                )
                for index in range(agenda)
            ],
        )
        Recorder = cls.env(user=cls.recorder)
        resolutions = Recorder["meeting.minutes.resolution"].create(
            [
                {"meeting_id": meeting.id, "agenda_id": item.id, "content": item.name}
                for item in meeting.agenda_ids
            ]
        )
        owners = [cls.engineer, cls.sales_rep, cls.recorder, cls.owner]
        Recorder["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "resolution_id": resolutions[rank % len(resolutions)].id,
                    "name": f"Task {rank}",
                    "owner_id": owners[rank % 4].id,
                    "deadline": date(2026, 7, 1) + timedelta(days=rank),
                }
                for rank in range(actions)
            ]
        )
        return meeting

    def _count(self, meeting, user):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        data = meeting.with_user(user).get_room_data()
        return self.cr.sql_log_count - before, data

    def test_query_count_constant(self):
        for user in (self.recorder, self.engineer, self.manager):
            with self.subTest(user=user.login):
                self._count(self.warm, user)  # the caches of the registry
                small, small_data = self._count(self.small, user)
                _logger.info("get_room_data as %s: %s queries", user.login, small)
                self.env.invalidate_all()
                with self.assertQueryCount(small):
                    large_data = self.large.with_user(user).get_room_data()
                self.assertEqual(len(small_data["agenda"]), 2)
                self.assertEqual(len(large_data["agenda"]), 50)
                self.assertEqual(
                    sum(
                        len(lane["statements"])
                        for item in large_data["agenda"]
                        for lane in item["lanes"]
                    )
                    + sum(len(item["consensus"]) for item in large_data["agenda"]),
                    200,
                )
                self.assertEqual(
                    sum(len(item["actions"]) for item in large_data["agenda"]), 60
                )


@tagged("post_install", "-at_install")
class TestMeetingRoomBus(MeetingRoomCase):
    def test_notifications(self):
        """Each change of a statement, resolution or action item notifies the
        meeting's room channel with the model, the ids and the agenda item."""
        self._to_state(self.meeting, "in_progress")
        item = self.meeting.agenda_ids[0]
        Recorder = self.env(user=self.recorder)
        self._bus_messages(self.meeting)  # what the workflow sent before
        self.env["bus.bus"].sudo().search([]).unlink()
        statement = Recorder["meeting.minutes.statement"].create(
            {
                "agenda_id": item.id,
                "department_id": self.dep_rd.id,
                "kind": "problem",
                "content": "Two months of work",
            }
        )
        resolution = Recorder["meeting.minutes.resolution"].create(
            {"meeting_id": self.meeting.id, "agenda_id": item.id, "content": "Go"}
        )
        action = Recorder["meeting.minutes.action"].create(
            {
                "meeting_id": self.meeting.id,
                "resolution_id": resolution.id,
                "name": "Plan",
                "owner_id": self.engineer.id,
                "deadline": date(2026, 6, 30),
            }
        )
        statement.content = "Three months of work"
        action.unlink()
        payloads = [message["payload"] for message in self._bus_messages(self.meeting)]
        self.assertEqual(
            payloads,
            [
                {
                    "meeting_id": self.meeting.id,
                    "model": model,
                    "ids": [record_id],
                    "agenda_id": item.id,
                }
                for model, record_id in [
                    ("meeting.minutes.statement", statement.id),
                    ("meeting.minutes.resolution", resolution.id),
                    ("meeting.minutes.action", action.id),
                    ("meeting.minutes.statement", statement.id),
                    ("meeting.minutes.action", action.id),
                ]
            ],
        )
        # no content travels on the bus
        self.assertNotIn("months", json.dumps(payloads))

    def test_decision_notifications(self):
        """An attendee confirming or objecting on their device is heard by every
        room open on the meeting (no agenda item), and shown in the read-out's
        confirmation with who recorded it."""
        self._to_state(self.meeting, "in_progress")
        self._bus_messages(self.meeting)
        self.env["bus.bus"].sudo().search([]).unlink()
        line = self.meeting.attendee_ids.filtered(lambda a: a.user_id == self.engineer)
        line.with_user(self.engineer).action_confirm_attendance()
        sales = self.meeting.attendee_ids.filtered(
            lambda a: a.user_id == self.sales_rep
        )
        sales.with_user(self.recorder).write({"confirmed": True})
        payloads = [message["payload"] for message in self._bus_messages(self.meeting)]
        self.assertEqual(
            {(p["model"], tuple(p["ids"]), p["agenda_id"]) for p in payloads},
            {
                ("meeting.minutes.attendee", tuple(line.ids), False),
                ("meeting.minutes.attendee", tuple(sales.ids), False),
            },
        )
        data = self.meeting.with_user(self.engineer).get_room_data()
        decided = {c["name"]: c for c in data["confirmations"]}
        # present attendees only, by lane (department) then name
        self.assertEqual(
            [c["name"] for c in data["confirmations"]],
            ["Host Li", "Recorder Wang", "Owner Wu", "Engineer Liu", "Sales Sun"],
        )
        self.assertTrue(decided["Engineer Liu"]["is_me"])
        self.assertTrue(decided["Engineer Liu"]["confirmed"])
        self.assertEqual(decided["Engineer Liu"]["recorded_by"], "")
        self.assertEqual(decided["Sales Sun"]["recorded_by"], "Recorder Wang")
        self.assertFalse(decided["Host Li"]["decided_on"])
        self.assertFalse(data["meeting"]["is_recorder"])
        self.assertTrue(
            self.meeting.with_user(self.recorder).get_room_data()["meeting"][
                "is_recorder"
            ]
        )

    def test_no_notification_refused(self):
        """A change the rules refuse notifies nobody; neither do locked minutes."""
        self._to_state(self.meeting, "in_progress")
        # the rooms heard of each step of the workflow (the minutes' state)
        self.assertIn(
            {
                "meeting_id": self.meeting.id,
                "model": "meeting.minutes",
                "ids": self.meeting.ids,
                "agenda_id": False,
            },
            [message["payload"] for message in self._bus_messages(self.meeting)],
        )
        self.env["bus.bus"].sudo().search([]).unlink()
        with self.assertRaises(AccessError):
            self.env["meeting.minutes.statement"].with_user(self.engineer).create(
                {
                    "agenda_id": self.meeting.agenda_ids[0].id,
                    "department_id": self.dep_rd.id,
                    "content": "An engineer is not the recorder",
                }
            )
        self.assertEqual(self._bus_messages(self.meeting), [])

    def test_subscription(self):
        """Who receives the notifications: those who subscribe to the room's
        channel, which needs reading the meeting."""
        name = f"meeting_minutes.room_{self.meeting.id}"
        expected = [(self.meeting, ROOM_SUBCHANNEL)]
        Websocket = self.env["ir.websocket"]
        readers = (
            self.recorder,  # organizer
            self.sales_rep,  # attendee
            self.rd_director,  # absent, of a participating department
            self.manager,  # meeting manager
        )
        for user in readers + (self.outsider,):
            # the websocket's request, as far as the bus and mail read it
            request = SimpleNamespace(
                session=SimpleNamespace(uid=user.id),
                cookies={},
                env=self.env(user=user),
            )
            with (
                self.subTest(user=user.login),
                patch("odoo.addons.bus.models.ir_websocket.request", request),
                patch("odoo.addons.mail.models.discuss.mail_guest.request", request),
            ):
                channels = Websocket.with_user(user)._build_bus_channel_list([name])
                room_channels = [
                    c
                    for c in channels
                    if isinstance(c, tuple) and c[-1:] == (ROOM_SUBCHANNEL,)
                ]
                self.assertEqual(
                    room_channels, [] if user == self.outsider else expected
                )
                # the raw name never reaches the bus
                self.assertNotIn(name, channels)
        # a made-up meeting id, or a meeting of another company: nothing
        self.assertEqual(
            Websocket.with_user(self.recorder)._meeting_room_channels(
                ["meeting_minutes.room_999999999"]
            ),
            [],
        )


@tagged("post_install", "-at_install")
class TestMeetingRoomTour(TourCase, MeetingRoomCase):
    def test_room_tour(self):
        """The recorder opens the room from the minutes, records a statement, the
        consensus, a resolution and an action item, and reads them out."""
        self._to_state(self.meeting, "in_progress")
        # the planned start has come (the browser keeps its real clock)
        now = fields.Datetime.now().replace(microsecond=0)
        self.meeting.sudo().write(
            {"start": now - timedelta(minutes=5), "stop": now + timedelta(hours=1)}
        )
        self.start_tour(
            f"/odoo/action-meeting_minutes.meeting_minutes_action/{self.meeting.id}",
            "meeting_minutes_room_tour",
            login=self.recorder.login,
        )
        first = self.meeting.agenda_ids[0]
        self.assertEqual(
            [
                (s.department_id.name or False, s.kind, s.content)
                for s in first.statement_ids
            ],
            [
                ("R&D", "opinion", "Smart recommendation takes two months."),
                # typed while the connection was lost, saved when it came back
                ("R&D", "opinion", "Encryption slips to Q4."),
                (False, "consensus", "Smart recommendation first, UI polish next."),
            ],
        )
        self.assertRecordValues(
            self.meeting.resolution_ids,
            [
                {
                    "agenda_id": first.id,
                    "content": "Q3: smart recommendation, then the UI polish.",
                    # Sales left out before adding it, Production after
                    "department_ids": (self.dep_marketing | self.dep_rd).ids,
                }
            ],
        )
        self.assertRecordValues(
            self.meeting.action_ids,
            [
                {
                    "name": "Submit the recommendation plan",
                    "owner_id": self.engineer.id,
                    # filled by the server from the owner
                    "department_id": self.dep_rd.id,
                    "resolution_id": self.meeting.resolution_ids.id,
                }
            ],
        )
        self.assertAWeekFromTourDay(self.meeting.action_ids.deadline)
        self.assertFalse(self.meeting.agenda_ids[1].statement_ids)
        self.assertEqual(self.meeting.state, "in_progress")
