from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form

from .common import MeetingMinutesCase

# the meeting of common.py: Monday 15 June 2026, 06:00-08:30 UTC
MEETING_START = datetime(2026, 6, 15, 6, 0)
# Tuesday of the week before: 4 working days of notice (Wed, Thu, Fri, Mon)
BEFORE_NOTICE = "2026-06-09 09:00:00"
DURING_MEETING = "2026-06-15 07:00:00"
AFTER_MEETING = "2026-06-15 10:00:00"
# Friday after the meeting: 2 working days later is Tuesday 23 June
APPROVAL_FRIDAY = "2026-06-19 09:00:00"
# a signature as Odoo's signature widget sends it: a PNG, base64 (1x1 pixel)
SIGNATURE = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    b"AAAABJRU5ErkJggg=="
)


class MeetingWorkflowCase(MeetingMinutesCase):
    """MeetingMinutesCase plus a leader in copy, an action owner outside the
    participating departments, and helpers that walk a meeting through the workflow
    as the right user at the right time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_board = cls.env["hr.department"].create({"name": "Board"})
        cls.dep_production = cls.env["hr.department"].create({"name": "Production"})
        user_groups = "base.group_user,meeting_minutes.group_meeting_user"
        cls.leader = cls._make_user(
            "mm_leader", "Leader Qian", cls.dep_board, "Vice President", user_groups
        )
        cls.owner = cls._make_user(
            "mm_owner", "Owner Wu", cls.dep_production, "Production Lead", user_groups
        )
        cls.Meeting = cls.env["meeting.minutes"]
        cls.Action = cls.env["meeting.minutes.action"]
        cls.Wizard = cls.env["meeting.minutes.reason.wizard"]

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _activities(self, record, xmlid):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(xmlid)
        )

    def _messages(self, meeting):
        self.env.flush_all()
        self.env.cr.precommit.run()
        return self.env["mail.message"].search(
            [("model", "=", meeting._name), ("res_id", "=", meeting.id)],
            order="id desc",
        )

    def _reason(self, user, meetings, mode, reason):
        """Open the reason wizard the way a button does, fill it, confirm it."""
        wizard = Form(
            self.Wizard.with_user(user).with_context(
                default_meeting_ids=meetings.ids, default_mode=mode
            )
        )
        # the objection dialog names its text as it is: an objection
        if mode == "objection":
            wizard.objection = reason
        else:
            wizard.reason = reason
        return wizard.save().action_confirm()

    def _prepare_from_calendar(self, attendees):
        """The host's calendar event of the example meeting, in 20 minutes, then
        the recorder opens its minutes in the browser, prepares, invites and
        starts them (meeting_minutes_recorder_before_tour): the event."""
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(minutes=20)
        event = (
            self.env["calendar.event"]
            .with_user(self.host)
            .create(
                {
                    "name": "Q3 product iteration priority coordination meeting",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "location": "Room 301",
                    "user_id": self.host.id,
                    "partner_ids": [(6, 0, attendees.partner_id.ids)],
                }
            )
        )
        self.start_tour(
            f"/odoo/calendar/{event.id}",
            "meeting_minutes_recorder_before_tour",
            login=self.recorder.login,
        )
        return event

    def _sign(self, meeting, user=None):
        """The recorder signs the draft (what the signature dialog does)."""
        wizard = self.env["meeting.minutes.sign.wizard"].with_user(
            user or meeting.recorder_id
        )
        return wizard.create(
            {"meeting_id": meeting.id, "role": "recorder", "signature": SIGNATURE}
        ).action_sign()

    def _add_content(self, meeting, deadline=date(2026, 6, 20)):
        """A statement per department, a consensus, a resolution, two action
        items (one for an owner outside the meeting)."""
        Recorder = self.env(user=self.recorder)
        item = meeting.agenda_ids[:1].with_env(Recorder)
        Recorder["meeting.minutes.statement"].create(
            [
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_marketing.id,
                    "kind": "problem",
                    "content": "40% of the customers ask for smart recommendation.",
                },
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_rd.id,
                    "kind": "opinion",
                    "content": "Smart recommendation takes two months.",
                },
                {
                    "agenda_id": item.id,
                    "kind": "consensus",
                    "content": "Smart recommendation first.",
                },
            ]
            + [
                # every agenda item needs a statement before the submission
                {
                    "agenda_id": other.id,
                    "department_id": self.dep_sales.id,
                    "kind": "problem",
                    "content": f"Sales has no objection on {other.name}.",
                }
                for other in meeting.agenda_ids[1:]
            ]
        )
        resolution = Recorder["meeting.minutes.resolution"].create(
            {
                "meeting_id": meeting.id,
                "agenda_id": item.id,
                "content": "Q3: smart recommendation, UI polish 1.0, encryption.",
            }
        )
        Recorder["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "resolution_id": resolution.id,
                    "name": "Submit the smart recommendation plan",
                    "owner_id": self.engineer.id,
                    "deadline": deadline,
                },
                {
                    "meeting_id": meeting.id,
                    "name": "Adjust the production schedule",
                    "owner_id": self.owner.id,
                    "deadline": deadline,
                },
            ]
        )
        return meeting

    def _to_state(self, meeting, state):
        """Walk ``meeting`` up to ``state`` through the buttons, as the recorder
        (and the host for the approval), time frozen at each step."""
        steps = [
            "scheduled",
            "in_progress",
            "confirmed",
            "submitted",
            "approved",
            "distributed",
        ]
        as_recorder = meeting.with_user(self.recorder)
        done = steps.index(meeting.state) + 1 if meeting.state in steps else 0
        for step in steps[done : steps.index(state) + 1]:
            if step == "scheduled":
                with freeze_time(BEFORE_NOTICE):
                    self.assertIs(as_recorder.action_schedule(), True)
            elif step == "in_progress":
                with freeze_time(DURING_MEETING):
                    as_recorder.action_start()
            elif step == "confirmed":
                with freeze_time(AFTER_MEETING):
                    as_recorder.action_confirm_all_attendees()
                    self._sign(meeting)
            elif step == "submitted":
                if not meeting.statement_ids:
                    # the submission needs the discussion and a decision
                    self._add_content(meeting)
                with freeze_time("2026-06-16 02:00:00"):
                    as_recorder.action_submit()
            elif step == "approved":
                with freeze_time(APPROVAL_FRIDAY):
                    meeting.with_user(self.host).action_approve()
            elif step == "distributed":
                with freeze_time("2026-06-22 02:00:00"):
                    as_recorder.action_distribute()
        self.assertEqual(meeting.state, state)
        return meeting
