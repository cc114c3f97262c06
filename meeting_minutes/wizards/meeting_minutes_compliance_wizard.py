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
        string="Initiating Departments",
        help="The departments whose meetings (those they initiated) are reported "
        "on; all of them when empty.",
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

    def _get_rules(self):
        """[(rate field, its label, the rule it measures)], in the standard's
        order, the rule written with the company's settings."""
        self.ensure_one()
        company = self.company_id
        Report = self.env["meeting.minutes.compliance.report"]
        rules = {
            "notice_ok": _(
                "notice given %(days)s working days before the start",
                days=company.meeting_notice_days,
            ),
            "completion_ok": _(
                "minutes completed within %(hours)s hours of the end",
                hours=company.meeting_completion_hours,
            ),
            "distribution_ok": _(
                "approved minutes distributed within %(days)s working days",
                days=company.meeting_distribution_days,
            ),
        }
        return [
            (name, Report._fields[name]._description_string(self.env), rules[name])
            for name in RATES
        ]

    @staticmethod
    def _rate(kept, due):
        """kept of due in percent, None when the rule applied to nothing."""
        return 100.0 * kept / due if due else None

    def _get_report_sections(self):
        """One section per initiating department that initiated a meeting in the
        month: each rate with its numerator and denominator and the rule it
        measures, the meetings that broke a rule and which (with the reason
        given for a short notice), the action items, the reasons why items were
        not done (the follow-up reviews of the month's meetings)."""
        self.ensure_one()
        Report = self.env["meeting.minutes.compliance.report"]
        counts = [
            f"{name.replace('_ok', '')}_{kind}_count"
            for name in RATES
            for kind in ("kept", "due")
        ]
        groups = Report._read_group(
            self._get_domain(),
            ["department_id"],
            [
                "__count",
                *(f"{name}:sum" for name in counts),
                "read_count:sum",
                "receipt_count:sum",
                "action_count:sum",
                "action_done_on_time_count:sum",
                "action_late_count:sum",
                "action_delayed_count:sum",
            ],
        )
        broken = Report.search([*self._get_domain(), ("rule_broken", "=", True)])
        rules = self._get_rules()
        reasons = self._get_reasons()
        sections = []
        for department, count, *values in groups:
            # SQL sums of counts come back as decimals
            values = [int(value or 0) for value in values]
            pairs = [values[i : i + 2] for i in range(0, len(counts), 2)]
            read, recipients = values[len(counts) : len(counts) + 2]
            actions, on_time, late, delayed = values[len(counts) + 2 :]
            rates = [
                {
                    "label": label,
                    "rule": rule,
                    "kept": kept,
                    "due": due,
                    "rate": self._rate(kept, due),
                    "count_text": (
                        _("%(kept)s of %(due)s meetings", kept=kept, due=due)
                        if due > 1
                        else _("%(kept)s of 1 meeting", kept=kept)
                        if due
                        else _("no meeting due yet")
                    ),
                }
                for (__, label, rule), (kept, due) in zip(rules, pairs, strict=True)
            ]
            # the lines of the report: the three rules, the reading, the items
            rows = [
                *rates,
                {
                    "label": _("Minutes read"),
                    "rule": _(
                        "recipients of the distributed minutes who confirmed "
                        "reading them"
                    ),
                    "rate": self._rate(read, recipients),
                    "count_text": (
                        _(
                            "%(read)s of %(recipients)s recipients",
                            read=read,
                            recipients=recipients,
                        )
                        if recipients > 1
                        else _("%(read)s of 1 recipient", read=read)
                        if recipients
                        else _("no minutes distributed yet")
                    ),
                },
                {
                    "label": _("Action items done by the deadline"),
                    "rule": _(
                        "the action items of these meetings that are done or past "
                        "their deadline; cancelled ones left out"
                    ),
                    # due: done (on time or late) or open past the deadline
                    "rate": self._rate(on_time, on_time + late),
                    "count_text": _(
                        "%(on_time)s of %(due)s due (%(late)s late, %(delayed)s "
                        "delayed; %(to_come)s not due yet)",
                        on_time=on_time,
                        due=on_time + late,
                        late=late,
                        delayed=delayed,
                        to_come=actions - on_time - late,
                    ),
                },
            ]
            sections.append(
                {
                    "department": department,
                    "title": (
                        _("Initiated by %(department)s", department=department.name)
                        if department
                        else _("No initiating department")
                    ),
                    "meeting_count": count,
                    "count_text": (
                        _("%s meetings", count) if count > 1 else _("1 meeting")
                    ),
                    "rates": rates,
                    "rows": rows,
                    "read": read,
                    "recipients": recipients,
                    "read_rate": self._rate(read, recipients),
                    "actions": actions,
                    "on_time": on_time,
                    "late": late,
                    "delayed": delayed,
                    "broken": [
                        (
                            row.meeting_id,
                            [
                                rule
                                for name, __, rule in rules
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

    def _get_departments_without_meetings(self):
        """The departments reported on (those chosen, or all of the company's)
        that initiated no meeting in the month: an auditor sees them, rather
        than their absence from the report."""
        self.ensure_one()
        departments = self.department_ids or self.env["hr.department"].search(
            [("company_id", "in", (False, self.company_id.id))]
        )
        initiated = self._get_rows().department_id
        return (departments - initiated).sorted("complete_name")

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
