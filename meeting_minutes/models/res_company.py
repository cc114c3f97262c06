from bisect import bisect_right
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

from odoo.addons.base.models.res_partner import _lang_get

# The dates of a meeting and of its action items lie within this many years of
# today, both ways: ten years covers every plan and every record typed in late,
# and bounds what the working days cost to count (a start in 2600 is a typo).
MEETING_DATE_YEARS = 10
# The settings' maxima. Each is far above any practice (a year for a delay, a
# century of retention) and keeps every date computed from them in range.
MEETING_SETTING_MAXIMA = {
    "meeting_notice_days": 250,  # working days: about a year
    "meeting_completion_hours": 24 * 366,  # a year
    "meeting_distribution_days": 250,  # working days: about a year
    "meeting_reminder_days": 366,
    "meeting_archive_delay_days": 10 * 366,
    "meeting_retention_years": 100,
    "meeting_start_lead_minutes": 24 * 60,  # a day
}
# The working days are counted on the calendar, day by day, up to the last public
# holiday (or dated attendance) within this many days; after it, the calendar
# repeats itself every PATTERN_DAYS and whole periods are counted by arithmetic.
# Public holidays are published a year or so ahead: three years cover them.
WORKING_DAYS_EXACT_SPAN = 3 * 366
# a calendar repeats itself every week, or every two weeks (two-week calendars)
PATTERN_DAYS = 14

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
    meeting_report_lang = fields.Selection(
        selection=_lang_get,
        string="Language of the Official Minutes",
        help="The language the approved minutes are printed and frozen in. Empty: "
        "the language most of the meeting's members (attendees, host, recorder) "
        "use, the host's on a tie.",
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
            for name, maximum in MEETING_SETTING_MAXIMA.items():
                if company[name] > maximum:
                    raise ValidationError(
                        _(
                            "%(setting)s cannot exceed %(maximum)s.",
                            setting=self._fields[name]._description_string(self.env),
                            maximum=maximum,
                        )
                    )

    @api.model
    def _meeting_minutes_demo_company(self, company_ids, values):
        """Demo data: the company of the demo's Chinese colleagues prints its own
        name and address on the minutes, not Odoo's "YourCompany" in San
        Francisco nor its "Your logo" placeholder (a company already renamed is
        left alone)."""
        companies = self.browse(company_ids).filtered(lambda c: c.name == "YourCompany")
        if companies:
            companies.write(values)

    @api.model
    def _meeting_date_range(self):
        """(first, last): the dates a meeting or an action item may have, within
        MEETING_DATE_YEARS of today."""
        today = fields.Date.context_today(self)
        years = relativedelta(years=MEETING_DATE_YEARS)
        return today - years, today + years

    # ------------------------------------------------------------
    # TOOLS: the one place that counts working days
    # ------------------------------------------------------------

    def _meeting_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or self.env.ref(
            "resource.resource_calendar_std"
        )

    def _meeting_working_dates(self, date_from, date_to, leaves=True):
        """Set of dates in [date_from, date_to] that are working days on the company's
        calendar, its public holidays (global leaves) excluded unless ``leaves`` is
        False. Costs in proportion to the span: see _meeting_working_days_between
        for long ones."""
        self.ensure_one()
        calendar = self._meeting_calendar()
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = calendar._work_intervals_batch(start, stop, compute_leaves=leaves)[
            False
        ]
        return {interval[0].date() for interval in intervals}

    def _meeting_irregular_until(self, date_from, date_to):
        """The last day of [date_from, date_to] that the calendar's two-week
        pattern does not tell: the end of the last public holiday, the last bound
        of a dated attendance; None when the pattern tells them all."""
        self.ensure_one()
        calendar = self._meeting_calendar()
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        # the leaves that _work_intervals_batch subtracts for no resource
        leave = self.env["resource.calendar.leaves"].search(
            [
                ("time_type", "=", "leave"),
                ("calendar_id", "in", [False, calendar.id]),
                ("resource_id", "=", False),
                ("date_from", "<=", stop.astimezone(pytz.utc).replace(tzinfo=None)),
                ("date_to", ">=", start.astimezone(pytz.utc).replace(tzinfo=None)),
            ],
            order="date_to desc",
            limit=1,
        )
        bounds = [
            day
            for attendance in calendar.attendance_ids
            for day in (attendance.date_from, attendance.date_to)
            if day and date_from <= day <= date_to
        ]
        if leave:
            bounds.append(pytz.utc.localize(leave.date_to).astimezone(tz).date())
        return min(max(bounds), date_to) if bounds else None

    def _meeting_pattern_count(self, date_from, date_to):
        """Working days in [date_from, date_to] by whole periods of the calendar's
        pattern (PATTERN_DAYS): a handful of queries whatever the span."""
        self.ensure_one()
        days = (date_to - date_from).days + 1
        if days <= 0:
            return 0
        window = min(days, PATTERN_DAYS)
        pattern = [
            (day - date_from).days
            for day in self._meeting_working_dates(
                date_from, date_from + timedelta(days=window - 1), leaves=False
            )
        ]
        periods, rest = divmod(days, PATTERN_DAYS)
        return periods * len(pattern) + sum(1 for offset in pattern if offset < rest)

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
        notified on Monday for a Thursday meeting gives 3.

        The days up to the last public holiday (within WORKING_DAYS_EXACT_SPAN)
        are counted on the calendar, the days after it by whole periods of the
        calendar's pattern: a span of centuries costs what a month does (the
        public holidays entered more than WORKING_DAYS_EXACT_SPAN ahead are not
        subtracted)."""
        self.ensure_one()
        if date_to <= date_from:
            return 0
        first = date_from + timedelta(days=1)
        if (date_to - first).days < WORKING_DAYS_EXACT_SPAN:
            exact_last = date_to
        else:
            exact_last = first + timedelta(days=WORKING_DAYS_EXACT_SPAN - 1)
        irregular = self._meeting_irregular_until(first, exact_last)
        if irregular is None:
            return self._meeting_pattern_count(first, date_to)
        count = len(self._meeting_working_dates(first, irregular))
        if irregular < date_to:
            count += self._meeting_pattern_count(irregular + timedelta(days=1), date_to)
        return count

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
        computation for the dates within a year of each other, so that a date
        far from the others does not make the calendar count the years between."""
        self.ensure_one()
        dates = set(dates)
        if not dates:
            return {}
        if days <= 0:
            return {day: day for day in dates}
        horizon = timedelta(days=days * 3 + 15)
        # [first day, last day, dates]: the dates within a year of each other
        windows = []
        for day in sorted(dates):
            if windows and day - horizon <= windows[-1][1] + timedelta(days=366):
                windows[-1][1] = day
                windows[-1][2].append(day)
            else:
                windows.append([day - horizon, day, [day]])
        result = {}
        for window_from, window_to, window_dates in windows:
            working = sorted(self._meeting_working_dates(window_from, window_to))
            for day in window_dates:
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
