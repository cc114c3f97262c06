"""The standard's deadlines and the crons that keep them: the notice counted in
working days of the company's calendar, the completion and distribution
deadlines, what is late, the reminders to the recorder and the filing of
distributed minutes."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    # not on the company's setting: changing it leaves existing deadlines alone
    @api.depends("stop")
    def _compute_completion_deadline(self):
        for meeting in self:
            meeting.completion_deadline = meeting.stop and meeting.stop + timedelta(
                hours=meeting.company_id.meeting_completion_hours
            )

    @api.depends("start", "notice_date")
    @api.depends_context("uid")
    def _compute_notice_working_days(self):
        now = fields.Datetime.now()
        for meeting in self:
            if not meeting.start:
                meeting.notice_working_days = 0
                meeting.is_short_notice = False
                continue
            meeting.notice_working_days = meeting._get_notice_working_days(
                meeting.notice_date or now
            )
            meeting.is_short_notice = (
                meeting.notice_working_days < meeting.company_id.meeting_notice_days
            )

    # like the completion deadline: on the rule when the start is set
    @api.depends("start")
    def _compute_notice_deadline(self):
        for company, meetings in self.grouped("company_id").items():
            starts = {
                meeting: fields.Date.context_today(meeting, meeting.start)
                for meeting in meetings
                if meeting.start
            }
            latest = (
                company._meeting_latest_notice_dates(
                    starts.values(), company.meeting_notice_days
                )
                if company
                else {}
            )
            for meeting in meetings:
                meeting.notice_deadline = latest.get(starts.get(meeting))

    def _compute_is_late(self):
        late = self.filtered_domain(self._get_late_domain())
        for meeting in self:
            meeting.is_late = meeting in late

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = self._get_late_domain()
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    @api.model
    def _cron_followup(self, batch_size=200):
        """Minutes not submitted after the completion delay, approved minutes not
        distributed after the distribution delay: one activity per meeting for its
        recorder, and one email per recorder listing them (_notify_late); then the
        recipients who have not confirmed reading distributed minutes, reminded
        once.

        :return: the number of late minutes and unread receipts processed"""
        late = self._run_per_company(
            lambda company: self._get_late_notice_domains()[0],
            "_notify_late",
            batch_size,
        )
        unread = self.env["meeting.minutes.acknowledgement"]._cron_remind_unread(
            batch_size
        )
        return late + unread

    @api.model
    def _get_late_notice_domains(self):
        """(all, completion, distribution): the late minutes not told yet."""
        completion = expression.AND(
            [
                self._get_completion_late_domain(),
                [("completion_late_notified", "=", False)],
            ]
        )
        distribution = expression.AND(
            [
                self._get_distribution_late_domain(),
                [("distribution_late_notified", "=", False)],
            ]
        )
        return expression.OR([completion, distribution]), completion, distribution

    @api.model
    def _get_archive_domain(self, now, company):
        """The distributed minutes of ``company`` past its archive delay, all
        their action items closed."""
        return [
            ("state", "=", "distributed"),
            ("open_action_count", "=", 0),
            (
                "distributed_on",
                "<=",
                now - timedelta(days=company.meeting_archive_delay_days),
            ),
        ]

    @api.model
    def _cron_archive(self, batch_size=50):
        """Distributed minutes past the archive delay, all action items closed:
        company by company, each with its delay."""
        now = fields.Datetime.now()
        return self._run_per_company(
            lambda company: self._get_archive_domain(now, company),
            "_do_archive",
            batch_size,
        )

    def _notify_late(self):
        """Late minutes: an activity each for the recorder's to-do list (without
        the assignment email), one digest email per recorder, marked so that a
        rerun tells nobody twice."""
        __, completion_domain, distribution_domain = self._get_late_notice_domains()
        completion = self.filtered_domain(completion_domain)
        distribution = (self - completion).filtered_domain(distribution_domain)
        completion._schedule_recorder_activity(
            _("The minutes are late: complete and submit them.")
        )
        distribution._schedule_recorder_activity(
            _("The approved minutes are late: distribute them.")
        )
        late = completion | distribution
        self._queue_digests(
            self._group_by_partner(
                late, lambda meeting: meeting.recorder_id.partner_id
            ),
            "meeting_minutes.mail_body_minutes_late",
            lambda env, company, count: env._(
                "%(company)s: %(count)s late meeting minutes",
                company=company.name,
                count=count,
            ),
        )
        completion._workflow().write({"completion_late_notified": True})
        distribution._workflow().write({"distribution_late_notified": True})

    def _schedule_recorder_activity(self, summary):
        activity_type = self.env.ref("meeting_minutes.mail_activity_type_minutes_late")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        # the digest of _notify_late tells the recorder: no assignment email
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": meeting.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "date_deadline": today,
                    "user_id": meeting.recorder_id.id,
                    "automated": True,
                }
                for meeting in self
            ]
        )

    def _get_notice_working_days(self, notice_dt):
        self.ensure_one()
        return self.company_id._meeting_working_days_between(
            fields.Date.context_today(self, notice_dt),
            fields.Date.context_today(self, self.start),
        )

    def _is_short_notice(self, notice_dt=None):
        """The one rule 'participants are notified N working days ahead'."""
        self.ensure_one()
        notice_dt = notice_dt or self.notice_date or fields.Datetime.now()
        return (
            self._get_notice_working_days(notice_dt)
            < self.company_id.meeting_notice_days
        )

    def _get_late_domain(self):
        """Minutes not submitted after the completion delay, or approved minutes not
        distributed after the distribution delay."""
        return expression.OR(
            [self._get_completion_late_domain(), self._get_distribution_late_domain()]
        )

    @api.model
    def _get_completion_late_domain(self):
        return [
            ("state", "in", ("in_progress", "confirmed")),
            ("completion_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _get_distribution_late_domain(self):
        return [
            ("state", "=", "approved"),
            ("distribution_deadline", "<", fields.Date.context_today(self)),
        ]
