"""Demo data of the minutes built in Python (demo/meeting_minutes_demo.xml calls
them): decisions dated as they happened and six months of filed meetings for
the compliance report."""

import random
import secrets
from datetime import datetime, time, timedelta

from odoo import api, fields, models


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _demo_date_decisions(self, meeting_ids, when):
        """Demo data: the confirmations and objections of a meeting of the past
        dated when they were given, not at the install."""
        self.browse(meeting_ids).attendee_ids.filtered(
            lambda a: a.confirmed or a.objection
        )._workflow().write({"confirmed_on": when})

    @api.model
    def _demo_compliance_history(self, department_ids, months=6):
        """Demo data: filed meetings of each department over the last ``months``
        months, some with a short notice, late minutes, a late distribution, items
        done late and receipts not read, so that the compliance report has
        something to show. Filed and closed: no scheduled action touches them."""
        rng = random.Random(18)
        departments = self.env["hr.department"].browse(department_ids)
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        for department in departments:
            users = department.member_ids.user_id
            if len(users) < 2:
                continue
            for month in range(months):
                for rank in range(rng.randint(1, 2)):
                    day = today - timedelta(days=30 * month + rng.randint(3, 25))
                    start = datetime.combine(day, time(2 + rank * 3, 0))
                    # its workflow (up to about eight days after the start)
                    # all in the past
                    if start >= now - timedelta(days=10):
                        continue
                    self._demo_filed_meeting(department, users, start, rng)

    def _demo_filed_meeting(self, department, users, start, rng):
        host, recorder = users[:2]
        stop = start + timedelta(hours=2)
        # named in the host's language (the demo's colleagues read Chinese)
        lang_env = self.with_context(lang=host.lang).env
        meeting = self.create(
            {
                "name": lang_env._(
                    "%(department)s weekly coordination", department=department.name
                ),
                "purpose": lang_env._("Coordinate the week's priorities"),
                "initiating_department_id": department.id,
                "host_id": host.id,
                "recorder_id": recorder.id,
                "start": start,
                "stop": stop,
                "location_type": "onsite",
                "location": "301",
                "attendee_ids": [(0, 0, {"user_id": user.id}) for user in users],
            }
        )
        company = meeting.company_id
        start_date = fields.Date.context_today(meeting, start)
        notice_days = company.meeting_notice_days + rng.choice((2, 1, 0, -1))
        notice_date = start - timedelta(days=max(notice_days, 0) + 2)
        completed_on = stop + timedelta(hours=rng.choice((3, 10, 20, 40)))
        approved_on = completed_on + timedelta(hours=rng.randint(2, 30))
        approved_date = fields.Date.context_today(meeting, approved_on)
        distributed_on = approved_on + timedelta(days=rng.choice((0, 1, 1, 2, 5)))
        actions = self.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": lang_env._("Follow-up task %s", rank + 1),
                    "owner_id": rng.choice(users).id,
                    "deadline": start_date + timedelta(days=7),
                }
                for rank in range(rng.randint(1, 3))
            ]
        )
        # nothing of the history is dated after today
        today = fields.Date.context_today(meeting)
        now = fields.Datetime.now()
        for action in actions:
            late = rng.random() < 0.3
            action._workflow().state = "done"
            action._workflow().done_date = min(
                action.deadline + timedelta(days=3 if late else -1), today
            )
        meeting._workflow().write(
            {
                "state": "archived",
                "notice_date": notice_date,
                "notice_given_days": meeting._get_notice_working_days(notice_date),
                "signed_by_id": recorder.id,
                "signed_on": stop,
                "submitted_on": completed_on,
                "completed_on": completed_on,
                "approved_by_id": host.id,
                "approved_on": approved_on,
                "distribution_deadline": company._meeting_add_working_days(
                    approved_date, company.meeting_distribution_days
                ),
                "distributed_on": distributed_on,
                "distribution_working_days": company._meeting_working_days_between(
                    approved_date, fields.Date.context_today(meeting, distributed_on)
                ),
                "archived_on": min(distributed_on + timedelta(days=30), now),
                "archive_code": meeting._get_archive_code(),
            }
        )
        self.env["meeting.minutes.acknowledgement"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": user.partner_id.id,
                    "user_id": user.id,
                    "access_token": secrets.token_urlsafe(32),
                    "acknowledged_on": (
                        min(distributed_on + timedelta(hours=rng.randint(1, 48)), now)
                        if rng.random() < 0.8
                        else False
                    ),
                    # reminded already: the follow-up cron leaves them
                    "remind_date": fields.Date.context_today(meeting, distributed_on),
                    "reminded_on": fields.Date.context_today(meeting, distributed_on),
                }
                for user in meeting.attendee_ids.user_id
            ]
        )
        return meeting
