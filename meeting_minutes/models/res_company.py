from bisect import bisect_right
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

DEFAULT_COLLOQUIALISMS = "\n".join(
    [
        "我觉得",
        "大概",
        "可能吧",
        "好像",
        "差不多",
        "I think",
        "maybe",
        "kind of",
        "sort of",
        "probably",
    ]
)


class ResCompany(models.Model):
    _inherit = "res.company"

    meeting_notice_days = fields.Integer(
        string="Meeting Notice (working days)",
        default=3,
        help="Participants must be notified at least this many working days before "
        "the meeting; a shorter notice needs a recorded reason.",
    )
    meeting_completion_hours = fields.Integer(
        string="Minutes Completion (hours)",
        default=24,
        help="The recorder completes the minutes within this many hours after the "
        "meeting ends.",
    )
    meeting_distribution_days = fields.Integer(
        string="Distribution (working days)",
        default=2,
        help="Approved minutes are distributed within this many working days.",
    )
    meeting_reminder_days = fields.Integer(
        string="Action Reminder (days before deadline)",
        default=2,
        help="Owners of open action items are reminded this many days before the "
        "deadline.",
    )
    meeting_archive_delay_days = fields.Integer(
        string="Archive After (days)",
        default=30,
        help="Distributed minutes whose action items are all closed are archived "
        "this many days after distribution.",
    )
    meeting_retention_years = fields.Integer(
        string="Retention (years)",
        default=1,
        help="Archived minutes are kept at least this many years after the meeting "
        "(never less than one).",
    )
    meeting_start_lead_minutes = fields.Integer(
        string="Start Up To (minutes before)",
        default=30,
        help="A meeting can be started this many minutes before its planned start; "
        "it is confirmed, submitted and approved only once it has started.",
    )
    meeting_approval_signature = fields.Boolean(
        string="Approval Needs a Signature",
        help="The host (or the meeting manager) who approves the minutes signs them; "
        "the signature is printed in the approval block.",
    )
    meeting_colloquialisms = fields.Text(
        string="Colloquialisms",
        default=DEFAULT_COLLOQUIALISMS,
        help="One expression per line. Minutes holding one of them cannot be "
        "submitted for approval.",
    )

    @api.constrains(
        "meeting_notice_days",
        "meeting_completion_hours",
        "meeting_distribution_days",
        "meeting_reminder_days",
        "meeting_archive_delay_days",
        "meeting_retention_years",
        "meeting_start_lead_minutes",
    )
    def _check_meeting_delays(self):
        for company in self:
            if (
                min(
                    company.meeting_notice_days,
                    company.meeting_completion_hours,
                    company.meeting_distribution_days,
                    company.meeting_reminder_days,
                    company.meeting_archive_delay_days,
                    company.meeting_start_lead_minutes,
                )
                < 0
            ):
                raise ValidationError(_("Meeting delays cannot be negative."))
            if company.meeting_retention_years < 1:
                raise ValidationError(
                    _("Minutes must be retained for at least one year.")
                )

    # ------------------------------------------------------------
    # TOOLS: the one place that counts working days
    # ------------------------------------------------------------

    def _meeting_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or self.env.ref(
            "resource.resource_calendar_std"
        )

    def _meeting_working_dates(self, date_from, date_to):
        """Set of dates in [date_from, date_to] that are working days on the company's
        calendar, its public holidays (global leaves) excluded."""
        self.ensure_one()
        calendar = self._meeting_calendar()
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = calendar._work_intervals_batch(start, stop, compute_leaves=True)[
            False
        ]
        return {interval[0].date() for interval in intervals}

    # Kept per calendar and reader (the public holidays are read under the
    # user's rules): every open of the minutes counts their notice. A change of
    # a calendar, of its attendances or of a public holiday clears it
    # (resource_calendar.py).
    @ormcache(
        "self._meeting_calendar().id",
        "date_from",
        "date_to",
        "self.env.uid",
        "self.env.su or tuple(self.env.companies.ids)",
        "self.env.context.get('employee_timezone')",
    )
    def _meeting_working_days_between(self, date_from, date_to):
        """Working days after ``date_from`` up to and including ``date_to``:
        notified on Monday for a Thursday meeting gives 3."""
        self.ensure_one()
        if date_to <= date_from:
            return 0
        dates = self._meeting_working_dates(date_from + timedelta(days=1), date_to)
        return len(dates)

    def _meeting_add_working_days(self, date_from, days):
        """The date ``days`` working days after ``date_from``."""
        self.ensure_one()
        if days <= 0:
            return date_from
        horizon = days * 3 + 15
        while True:
            dates = sorted(
                self._meeting_working_dates(
                    date_from + timedelta(days=1), date_from + timedelta(days=horizon)
                )
            )
            if len(dates) >= days:
                return dates[days - 1]
            if horizon > 366:
                # a calendar without working days: fall back on calendar days
                return date_from + timedelta(days=days)
            horizon *= 2

    def _meeting_latest_notice_dates(self, dates, days):
        """For each of ``dates``, the latest date from which it is still ``days``
        working days away (_meeting_working_days_between(result, date) >= days):
        the last day to notify a meeting held on that date. One calendar
        computation for all the dates."""
        self.ensure_one()
        dates = set(dates)
        if not dates:
            return {}
        if days <= 0:
            return {day: day for day in dates}
        horizon = days * 3 + 15
        working = sorted(
            self._meeting_working_dates(
                min(dates) - timedelta(days=horizon), max(dates)
            )
        )
        result = {}
        for day in dates:
            count = bisect_right(working, day)
            if count >= days:
                result[day] = working[count - days] - timedelta(days=1)
            else:
                # a calendar with too few working days: calendar days
                result[day] = day - timedelta(days=days)
        return result

    def _meeting_colloquialism_list(self):
        self.ensure_one()
        text = self.meeting_colloquialisms or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
