from collections import Counter
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.i18n import format_list

RATES = ("notice_ok", "completion_ok", "distribution_ok")


class MeetingMinutesComplianceWizard(models.TransientModel):
    """The monthly compliance report: which month, which departments."""

    _name = "meeting.minutes.compliance.wizard"
    _description = "Meeting Minutes: Monthly Compliance Report"

    @api.model
    def _default_month(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    month = fields.Date(
        required=True,
        default=lambda self: self._default_month(),
        help="Any day of the month to report on.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="The initiating departments to report on; all of them when empty.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_month_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_month_value(vals)
        return super().write(vals)

    @api.model
    def _check_month_value(self, vals):
        """The month as the client sends it (a date string), checked before the
        database sees it: any month from 1900 until the last month a meeting may
        take place in."""
        if "month" not in vals:
            return
        value = vals["month"]
        if not value:
            raise ValidationError(_("Choose the month to report on."))
        try:
            # a string as JSON sends it, or a date (to_date slices any sequence)
            month = (
                fields.Date.to_date(value) if isinstance(value, str | date) else None
            )
        except ValueError:
            month = None
        last = self.env["res.company"]._meeting_date_range()[1]
        if not (month and date(1900, 1, 1) <= month <= last):
            raise ValidationError(
                _(
                    "%(value)s is not a month to report on: give a day of a month "
                    "between 1900 and %(last)s, e.g. 2026-06-01.",
                    value=value,
                    last=last.strftime("%Y-%m"),
                )
            )

    def action_print(self):
        if len(self) != 1:
            raise UserError(_("Print the compliance report of one month at a time."))
        if not self._get_rows():
            raise UserError(
                _(
                    "No meeting of %(month)s to report on for these departments.",
                    month=self._get_month_label(),
                )
            )
        return self.env.ref(
            "meeting_minutes.action_report_meeting_compliance"
        ).report_action(self)

    def _get_month_label(self):
        self.ensure_one()
        return f"{self.month:%Y-%m}"

    def _format_list(self, names):
        """Names joined as the language joins them (、 in Chinese)."""
        return format_list(self.env, list(names))

    def _get_period(self):
        """The month's first and last instants in UTC, in the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "UTC")
        first = self.month.replace(day=1)
        start = tz.localize(datetime.combine(first, time.min))
        stop = tz.localize(datetime.combine(first + relativedelta(months=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            stop.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _get_domain(self):
        start, stop = self._get_period()
        domain = [
            ("date", ">=", start),
            ("date", "<", stop),
            ("company_id", "=", self.company_id.id),
        ]
        if self.department_ids:
            domain.append(("department_id", "in", self.department_ids.ids))
        return domain

    def _get_rows(self):
        return self.env["meeting.minutes.compliance.report"].search(self._get_domain())

    def _get_report_sections(self):
        """One section per initiating department: the three rates, the meetings
        that broke a rule and which, the action items, the reasons why items were
        not done (the follow-up reviews of the month's meetings)."""
        self.ensure_one()
        Report = self.env["meeting.minutes.compliance.report"]
        groups = Report._read_group(
            self._get_domain(),
            ["department_id"],
            [
                "__count",
                *(f"{name}:avg" for name in RATES),
                "read_rate:avg",
                "action_count:sum",
                "action_done_on_time_count:sum",
                "action_late_count:sum",
                "action_delayed_count:sum",
            ],
        )
        broken = Report.search([*self._get_domain(), ("rule_broken", "=", True)])
        labels = {
            name: Report._fields[name]._description_string(self.env) for name in RATES
        }
        reasons = self._get_reasons()
        sections = []
        for department, count, *values in groups:
            rates = dict(zip(RATES, values[:3], strict=True))
            read_rate = values[3]
            # SQL sums of counts come back as decimals
            actions, on_time, late, delayed = (int(v or 0) for v in values[4:])
            sections.append(
                {
                    "department": department,
                    "meeting_count": count,
                    "rates": [(labels[name], rates[name]) for name in RATES],
                    "read_rate": read_rate,
                    "actions": actions,
                    "on_time": on_time,
                    "late": late,
                    "delayed": delayed,
                    "broken": [
                        (
                            row.meeting_id,
                            [
                                labels[name]
                                for name in RATES
                                # the rates read 0.0 when empty: the status tells
                                if row[name.replace("_ok", "_status")] == "broken"
                            ],
                        )
                        for row in broken
                        if row.department_id == department
                    ],
                    "reasons": reasons.get(department, []),
                }
            )
        return sorted(sections, key=lambda s: s["department"].display_name or "")

    def _get_reasons(self):
        """{initiating department: [(reason, count)]}: the reason categories of
        the items reviewed as not done in the month's meetings, most frequent
        first."""
        rows = self._get_rows()
        followups = self.env["meeting.minutes.followup"].search(
            [
                ("meeting_id", "in", rows.meeting_id.ids),
                ("reason_category", "!=", False),
            ]
        )
        selection = dict(
            followups._fields["reason_category"]._description_selection(self.env)
        )
        counters = {}
        for followup in followups:
            department = followup.meeting_id.initiating_department_id
            counters.setdefault(department, Counter())[
                selection[followup.reason_category]
            ] += 1
        return {
            department: counter.most_common()
            for department, counter in counters.items()
        }
