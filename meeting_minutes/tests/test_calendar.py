from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_workflow import BEFORE_NOTICE, MEETING_START, MeetingWorkflowCase


@tagged("post_install", "-at_install")
class TestMeetingCalendar(MeetingWorkflowCase):
    """Minutes created from the calendar, kept in step with their event."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Customer Contact"})

    def _create_event(self, **values):
        return (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Q3 priorities coordination",
                    "description": "<p>Decide the Q3 product iteration priorities</p>",
                    "start": MEETING_START,
                    "stop": MEETING_START + timedelta(hours=2),
                    "user_id": self.host.id,
                    "location": "Room 301",
                    "videocall_location": "https://meet.example.com/q3",
                    "partner_ids": [
                        (
                            6,
                            0,
                            (
                                self.host
                                | self.recorder
                                | self.engineer
                                | self.sales_rep
                            ).partner_id.ids
                            + self.customer.ids,
                        )
                    ],
                    **values,
                }
            )
        )

    def _open_minutes(self, event, user=None):
        action = event.with_user(user or self.recorder).action_open_meeting_minutes()
        # the minutes open as a page of the app, not under the calendar's menu
        minutes = event.meeting_minutes_ids
        self.assertEqual(
            action["url"],
            f"/odoo/meeting-minutes/{minutes.id}",
        )
        return minutes

    def test_minutes_from_event(self):
        event = self._create_event()
        minutes = self._open_minutes(event)
        self.assertRecordValues(
            minutes,
            [
                {
                    "name": "Q3 priorities coordination",
                    "purpose": "Decide the Q3 product iteration priorities",
                    "state": "draft",
                    "start": MEETING_START,
                    "stop": MEETING_START + timedelta(hours=2),
                    "location_type": "onsite",
                    "location": "Room 301",
                    "meeting_url": "https://meet.example.com/q3",
                    "host_id": self.host.id,
                    "host_job_title": "Marketing Manager",
                    "recorder_id": self.recorder.id,
                    "initiating_department_id": self.dep_marketing.id,
                    "department_ids": (
                        self.dep_marketing | self.dep_rd | self.dep_sales
                    ).ids,
                    "calendar_event_id": event.id,
                    "previous_meeting_id": False,
                }
            ],
        )
        # the people invited, by department (not the external contact)
        self.assertRecordValues(
            minutes.attendee_ids.sorted(lambda a: a.user_id.id),
            [
                {"user_id": user.id, "department_id": department.id}
                for user, department in sorted(
                    [
                        (self.host, self.dep_marketing),
                        (self.recorder, self.dep_marketing),
                        (self.engineer, self.dep_rd),
                        (self.sales_rep, self.dep_sales),
                    ],
                    key=lambda pair: pair[0].id,
                )
            ],
        )
        self.assertRecordValues(
            event, [{"res_model": "meeting.minutes", "res_id": minutes.id}]
        )
        self.assertEqual(event.meeting_minutes_count, 1)
        # the second time, the same minutes
        self.assertEqual(self._open_minutes(event, self.host), minutes)
        self.assertEqual(event.meeting_minutes_ids, minutes)
        # the event's meeting is ready to be scheduled as it is
        with freeze_time(BEFORE_NOTICE):
            minutes.agenda_ids = [(0, 0, {"name": "Feature priority"})]
            self.assertIs(minutes.with_user(self.recorder).action_schedule(), True)
        self.assertEqual(minutes.calendar_event_id, event)

    def test_online_event(self):
        event = self._create_event(location=False)
        minutes = self._open_minutes(event)
        self.assertRecordValues(
            minutes,
            [
                {
                    "location_type": "online",
                    "location": False,
                    "meeting_url": "https://meet.example.com/q3",
                }
            ],
        )

    def test_organizer_without_department(self):
        nobody = self.env["res.users"].create(
            {
                "name": "No Employee",
                "login": "mm_noemployee",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        event = self._create_event(user_id=nobody.id)
        # the recorder's department initiates
        minutes = self._open_minutes(event)
        self.assertEqual(minutes.initiating_department_id, self.dep_marketing)
        self.assertEqual(minutes.host_id, nobody)
        other = self._create_event(user_id=nobody.id)
        with self.assertRaises(UserError):
            other.with_user(nobody).action_open_meeting_minutes()

    def test_moving_event_moves_minutes(self):
        event = self._create_event()
        minutes = self._open_minutes(event)
        new_start = datetime(2026, 6, 17, 2, 0)
        event.with_user(self.host).write(
            {
                "start": new_start,
                "stop": new_start + timedelta(hours=1),
                "location": "Room 502",
            }
        )
        self.assertRecordValues(
            minutes,
            [
                {
                    "start": new_start,
                    "stop": new_start + timedelta(hours=1),
                    "location": "Room 502",
                }
            ],
        )
        note = self._messages(minutes).filtered(
            lambda m: "The calendar event was moved." in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        # as the fields show a date and time (en_US: 06/17/2026), to the minute
        self.assertIn("06/17/2026 02:00 → 03:00", note.body)
        # an invitee who may not manage the minutes cannot move them through the
        # event (the calendar is no back door); the host can
        later = datetime(2026, 6, 18, 2, 0)
        with self.assertRaisesRegex(UserError, "holds the minutes"):
            event.with_user(self.engineer).write(
                {"start": later, "stop": later + timedelta(hours=1)}
            )
        self.assertEqual(minutes.start, new_start)
        event.with_user(self.host).write(
            {"start": later, "stop": later + timedelta(hours=1)}
        )
        self.assertEqual(minutes.start, later)

    def test_moving_event_moves_scheduled_minutes_only(self):
        event = self._create_event()
        minutes = self._open_minutes(event)
        minutes.agenda_ids = [(0, 0, {"name": "Feature priority"})]
        with freeze_time(BEFORE_NOTICE):
            minutes.with_user(self.recorder).action_schedule()
            new_start = datetime(2026, 6, 16, 2, 0)
            event.with_user(self.host).write(
                {"start": new_start, "stop": new_start + timedelta(hours=1)}
            )
            self.assertEqual(minutes.start, new_start)
        with freeze_time("2026-06-16 02:30:00"):
            minutes.with_user(self.recorder).action_start()
            event.with_user(self.host).write(
                {
                    "start": datetime(2026, 6, 23, 2, 0),
                    "stop": datetime(2026, 6, 23, 3, 0),
                }
            )
        # the meeting took place: the minutes keep its real time
        self.assertRecordValues(minutes, [{"state": "in_progress", "start": new_start}])

    def test_archiving_event_cancels_minutes(self):
        event = self._create_event()
        minutes = self._open_minutes(event)
        # not by an invitee, who may not manage the minutes
        with self.assertRaisesRegex(UserError, "holds the minutes"):
            event.with_user(self.engineer).action_archive()
        self.assertEqual(minutes.state, "draft")
        self.assertTrue(event.active)
        event.with_user(self.host).action_archive()
        self.assertEqual(minutes.state, "cancelled")
        self.assertTrue(
            self._messages(minutes).filtered(
                lambda m: "The calendar event was archived." in (m.body or "")
            )
        )

    def test_deleting_event_cancels_minutes(self):
        event = self._create_event()
        minutes = self._open_minutes(event)
        event.with_user(self.host).unlink()
        self.assertRecordValues(
            minutes, [{"state": "cancelled", "calendar_event_id": False}]
        )
        self.assertTrue(
            self._messages(minutes).filtered(
                lambda m: "The calendar event was deleted." in (m.body or "")
            )
        )

    def test_recurring_event_follows_up(self):
        event = self._create_event(
            recurrency=True,
            rrule_type="weekly",
            interval=1,
            end_type="count",
            count=3,
            mon=True,
        )
        occurrences = event.recurrence_id.calendar_event_ids.sorted("start")
        self.assertEqual(len(occurrences), 3)
        first = self._open_minutes(occurrences[0])
        self.env["meeting.minutes.action"].with_user(self.recorder).create(
            {
                "meeting_id": first.id,
                "name": "Submit the plan",
                "owner_id": self.engineer.id,
                "deadline": date(2026, 6, 20),
            }
        )
        second = self._open_minutes(occurrences[1])
        self.assertRecordValues(
            second,
            [
                {
                    "previous_meeting_id": first.id,
                    "start": occurrences[1].start,
                    "calendar_event_id": occurrences[1].id,
                }
            ],
        )
        self.assertEqual(second.followup_ids.previous_action_id, first.action_ids)
        self.assertEqual(first.next_meeting_count, 1)
        third = self._open_minutes(occurrences[2])
        self.assertEqual(third.previous_meeting_id, second)

    def test_open_calendar_event_from_minutes(self):
        minutes = self._create_meeting()
        with self.assertRaises(UserError):
            minutes.with_user(self.engineer).action_open_calendar_event()
        self.assertFalse(minutes.calendar_event_id)
        action = minutes.with_user(self.recorder).action_open_calendar_event()
        event = minutes.calendar_event_id
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertEqual(action["res_id"], event.id)
        self.assertRecordValues(
            event,
            [
                {
                    "name": minutes.name,
                    "start": minutes.start,
                    "stop": minutes.stop,
                    "user_id": self.host.id,
                    "location": "Room 301",
                    "res_model": "meeting.minutes",
                    "res_id": minutes.id,
                }
            ],
        )
        self.assertIn(
            "Decide the Q3 product iteration priorities", str(event.description)
        )
        self.assertIn("1. Feature priority", str(event.description))
        # once there, the same event, for anyone who reads the minutes
        again = minutes.with_user(self.engineer).action_open_calendar_event()
        self.assertEqual(again["res_id"], event.id)
        self.assertEqual(event.meeting_minutes_ids, minutes)
