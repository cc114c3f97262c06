"""The compliance report: each rule kept, broken (done late, or not done and
already late) or still to come, on meetings built to keep or break it, with
working days that skip a weekend and a public holiday; its access follows the
minutes'; the monthly PDF."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_workflow import (
    AFTER_MEETING,
    APPROVAL_FRIDAY,
    MEETING_START,
    MeetingWorkflowCase,
)


@tagged("post_install", "-at_install")
class TestComplianceReport(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["meeting.minutes.compliance.report"]

    def _row(self, meeting, user=None):
        self.env.flush_all()
        # the rows depend on the time: read them again
        self.Report.invalidate_model()
        report = self.Report.with_user(user) if user else self.Report
        return report.search([("meeting_id", "=", meeting.id)])

    def _html(self, wizard):
        """The monthly report of ``wizard`` as the PDF's HTML."""
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "meeting_minutes.action_report_meeting_compliance", wizard.ids
            )[0]
            .decode()
        )

    def _status(self, meeting):
        row = self._row(meeting)
        return (row.notice_status, row.completion_status, row.distribution_status)

    def _holiday(self, day):
        """A public holiday (a global leave of the company's calendar)."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime.combine(day, datetime.min.time()),
                "date_to": datetime.combine(day, datetime.max.time()),
            }
        )

    def test_all_rules_kept(self):
        meeting = self._to_state(self._create_meeting(), "distributed")
        row = self._row(meeting)
        self.assertEqual(self._status(meeting), ("kept", "kept", "kept"))
        self.assertEqual(
            (row.notice_ok, row.completion_ok, row.distribution_ok), (100, 100, 100)
        )
        self.assertFalse(row.rule_broken)
        # Tuesday 9 June for Monday 15 June: Wed, Thu, Fri, Mon
        self.assertEqual(row.notice_working_days, 4)
        # ended 08:30 on the 15th, submitted 02:00 on the 16th
        self.assertAlmostEqual(row.completion_hours, 17.5)
        # approved Friday 19, distributed Monday 22: one working day
        self.assertEqual(row.distribution_days, 1)
        self.assertEqual(row.department_id, self.dep_marketing)
        self.assertEqual(row.action_count, 2)

    def test_steps_to_come_are_empty_not_broken(self):
        meeting = self._create_meeting()
        with freeze_time("2026-06-01 09:00:00"):
            self.assertEqual(self._status(meeting), ("pending",) * 3)
            self.assertFalse(self._row(meeting).rule_broken)
        self._to_state(meeting, "in_progress")
        with freeze_time(AFTER_MEETING):
            self.assertEqual(self._status(meeting), ("kept", "pending", "pending"))

    def test_notice_with_a_public_holiday(self):
        """Notified Wednesday 10 June for Monday 15: Thu, Fri, Mon are 3 working
        days, kept; with Friday a public holiday, 2: broken, as the workflow said
        when it asked for a reason."""
        kept, broken = self._create_meeting(), self._create_meeting()
        with freeze_time("2026-06-10 09:00:00"):
            kept.with_user(self.recorder).action_schedule()
        self._holiday(date(2026, 6, 12))
        with freeze_time("2026-06-10 09:00:00"):
            self.assertTrue(broken._is_short_notice())
            self._reason(self.recorder, broken, "short_notice", "Urgent customer case")
        self.assertEqual(broken.notice_given_days, 2)
        self.assertEqual(self._status(kept)[0], "kept")
        self.assertEqual(self._status(broken)[0], "broken")
        self.assertTrue(self._row(broken).rule_broken)

    def test_notice_not_sent_and_already_late(self):
        """Not scheduled by Wednesday 10 June (Thu, Fri, Mon: three working days
        before Monday 15): broken from Thursday on; a holiday on Friday moves the
        last day to Tuesday."""
        meeting = self._create_meeting()
        self.assertEqual(meeting.notice_deadline, date(2026, 6, 10))
        with freeze_time("2026-06-10 20:00:00"):
            self.assertEqual(self._status(meeting)[0], "pending")
            self.assertFalse(meeting._is_short_notice())
        with freeze_time("2026-06-11 09:00:00"):
            self.assertEqual(self._status(meeting)[0], "broken")
            self.assertTrue(meeting._is_short_notice())
        self._holiday(date(2026, 6, 12))
        # the deadline is the rule when the start was set: moving the start counts
        meeting.with_user(self.recorder).start = MEETING_START + timedelta(minutes=30)
        self.assertEqual(meeting.notice_deadline, date(2026, 6, 9))

    def test_completion_late_or_not_done(self):
        late, missing = self._create_meeting(), self._create_meeting()
        for meeting in late | missing:
            self._to_state(meeting, "confirmed")
        self._add_content(late)
        with freeze_time("2026-06-17 09:00:00"):
            late.with_user(self.recorder).action_submit()
        row = self._row(late)
        self.assertEqual(row.completion_status, "broken")
        self.assertAlmostEqual(row.completion_hours, 48.5)
        with freeze_time("2026-06-16 08:00:00"):
            self.assertEqual(self._status(missing)[1], "pending")
        with freeze_time("2026-06-16 09:00:00"):
            # 24 hours after the end (08:30): late, as the follow-up cron says
            self.assertEqual(self._status(missing)[1], "broken")
            self.assertIn(missing, self.Meeting.search(self.Meeting._get_late_domain()))

    def test_a_rejection_keeps_the_completion(self):
        meeting = self._to_state(self._create_meeting(), "submitted")
        completed = meeting.completed_on
        with freeze_time(APPROVAL_FRIDAY):
            self._reason(self.host, meeting, "reject", "Name the owners")
        with freeze_time("2026-06-20 09:00:00"):
            meeting.with_user(self.recorder).action_submit()
        self.assertEqual(meeting.completed_on, completed)
        self.assertEqual(self._status(meeting)[1], "kept")

    def test_distribution_working_days_and_holiday(self):
        """Approved Friday 19 June: two working days are Mon 22 and Tue 23; with
        Monday a public holiday, the deadline is Wednesday 24."""
        self._holiday(date(2026, 6, 22))
        kept, late, pending = (self._create_meeting() for __ in range(3))
        for meeting in kept | late | pending:
            self._to_state(meeting, "approved")
        self.assertEqual(kept.distribution_deadline, date(2026, 6, 24))
        with freeze_time("2026-06-24 09:00:00"):
            kept.with_user(self.recorder).action_distribute()
            self.assertEqual(self._status(pending)[2], "pending")
        with freeze_time("2026-06-25 09:00:00"):
            late.with_user(self.recorder).action_distribute()
            self.assertEqual(self._status(pending)[2], "broken")
        self.assertEqual(self._row(kept).distribution_days, 2)
        self.assertEqual(self._status(kept)[2], "kept")
        self.assertEqual(self._row(late).distribution_days, 3)
        self.assertEqual(self._status(late)[2], "broken")

    def test_action_items(self):
        meeting = self._to_state(self._create_meeting(), "distributed")
        on_time, late = meeting.action_ids.sorted("id")
        with freeze_time("2026-06-19 09:00:00"):
            on_time.with_user(self.engineer).action_done()
        with freeze_time("2026-06-22 09:00:00"):
            row = self._row(meeting)
            self.assertEqual(
                (row.action_done_on_time_count, row.action_late_count), (1, 1)
            )
            self.env["meeting.minutes.action"]._cron_mark_overdue()
            self.assertEqual(self._row(meeting).action_delayed_count, 1)
            late.with_user(self.owner).write({"remarks": "Machine broke down"})
            late.with_user(self.owner).action_done()
            row = self._row(meeting)
            self.assertEqual(
                (
                    row.action_done_on_time_count,
                    row.action_late_count,
                    row.action_delayed_count,
                ),
                (1, 1, 0),
            )

    def test_rates_by_department_and_constant_queries(self):
        """Grouped, the rows give each rule's rate in percent; a cancelled meeting
        is not counted; the grouping costs the same queries for 2 or 6 meetings."""
        kept = self._to_state(self._create_meeting(), "distributed")
        short = self._create_meeting()
        with freeze_time("2026-06-12 09:00:00"):
            self._reason(self.recorder, short, "short_notice", "Customer visit")
        cancelled = self._create_meeting()
        with freeze_time("2026-06-01 09:00:00"):
            self._reason(self.recorder, cancelled, "cancel", "Not needed")
        domain = [("meeting_id", "in", (kept | short | cancelled).ids)]
        fields_ = ["notice_ok:avg", "completion_ok:avg", "__count"]

        def group():
            self.env.invalidate_all()
            return self.Report._read_group(domain, ["department_id"], fields_)

        with freeze_time("2026-06-15 07:00:00"):
            [(department, notice, completion, count)] = group()
            self.assertEqual(department, self.dep_marketing)
            self.assertEqual(count, 2)
            self.assertEqual(notice, 50)
            # the short-notice meeting is not due to be complete yet: not counted
            self.assertEqual(completion, 100)
            with self.assertQueryCount(3):
                group()
            more = self.Meeting.browse()
            for __ in range(4):
                more |= self._create_meeting()
            domain[0] = ("meeting_id", "in", (kept | short | more).ids)
            with self.assertQueryCount(3):
                group()

    def test_access_follows_the_minutes(self):
        meeting = self._to_state(self._create_meeting(), "scheduled")
        # a meeting of Finance alone, made by the outsider
        other = self.Meeting.with_user(self.outsider).create(
            {
                "name": "Finance closing",
                "initiating_department_id": self.dep_finance.id,
                "host_id": self.outsider.id,
                "recorder_id": self.outsider.id,
                "start": MEETING_START,
                "stop": MEETING_START + timedelta(hours=1),
                "location_type": "onsite",
                "location": "Room 101",
            }
        )
        both = [("meeting_id", "in", (meeting | other).ids)]
        self.env.flush_all()
        for user, expected in (
            (self.recorder, meeting),
            (self.engineer, meeting),
            (self.outsider, other),
            (self.manager, meeting | other),
        ):
            rows = self.Report.with_user(user).search(both)
            self.assertEqual(rows.meeting_id, expected, user.name)
            groups = self.Report.with_user(user)._read_group(both, [], ["__count"])
            self.assertEqual(groups[0][0], len(expected), user.name)
        # by id too: the row of a meeting one may not read is refused
        row = self.Report.search([("meeting_id", "=", other.id)])
        with self.assertRaises(AccessError):
            row.with_user(self.engineer).read(["notice_status"])
        with self.assertRaises(AccessError):
            row.with_user(self.manager).write({"notice_ok": 100})

    def test_monthly_report(self):
        kept = self._to_state(self._create_meeting(), "distributed")
        late = self._to_state(self._create_meeting(), "approved")
        with freeze_time("2026-06-30 09:00:00"):
            late.with_user(self.recorder).action_distribute()
        wizard = (
            self.env["meeting.minutes.compliance.wizard"]
            .with_user(self.manager)
            .create(
                {"month": date(2026, 6, 1), "department_ids": self.dep_marketing.ids}
            )
        )
        [section] = wizard._get_report_sections()
        self.assertEqual(section["department"], self.dep_marketing)
        self.assertEqual(section["meeting_count"], 2)
        # the items of 20 June are still open today: late
        self.assertEqual((section["actions"], section["late"]), (4, 4))
        self.assertIsInstance(section["actions"], int)
        # each rate with its numerator, its denominator and the rule it measures
        rates = {rate["label"]: rate for rate in section["rates"]}
        distribution = rates["Minutes Distributed in Time (%)"]
        self.assertEqual(
            (distribution["kept"], distribution["due"], distribution["rate"]),
            (1, 2, 50),
        )
        self.assertEqual(
            distribution["rule"],
            "approved minutes distributed within 2 working days",
        )
        notice = rates["Notice in Time (%)"]
        self.assertEqual((notice["kept"], notice["due"], notice["rate"]), (2, 2, 100))
        # both distributed to 3 recipients, none has read them yet
        self.assertEqual((section["read"], section["recipients"]), (0, 6))
        self.assertEqual(section["read_rate"], 0)
        self.assertEqual(
            [(m, rules) for m, rules in section["broken"]],
            [(late, ["approved minutes distributed within 2 working days"])],
        )
        self.assertNotIn(kept, [m for m, __ in section["broken"]])
        html = self._html(wizard)
        self.assertIn("Monthly Compliance Report", html)
        self.assertIn("2026-06", html)
        self.assertIn("Initiated by Marketing", html)
        self.assertIn("1 of 2 meetings", html)
        self.assertIn(late.reference, html)
        # a department reported on that initiated nothing is named, not dropped
        wizard.department_ids |= self.dep_rd
        self.assertEqual(wizard._get_departments_without_meetings(), self.dep_rd)
        html = self._html(wizard)
        self.assertIn("Departments that initiated no meeting", html)
        self.assertIn("R&amp;D", html)
        # another month: nothing to print, said clearly
        empty = wizard.create({"month": date(2026, 3, 1)})
        with self.assertRaises(UserError):
            empty.action_print()
        self.assertEqual(
            wizard.action_print()["report_name"],
            "meeting_minutes.report_meeting_compliance",
        )

    def test_reasons_of_items_not_done(self):
        previous = self._to_state(self._create_meeting(), "distributed")
        follow_up = self._create_meeting(
            start=datetime(2026, 6, 29, 6, 0), previous_meeting_id=previous.id
        )
        lines = follow_up.followup_ids
        self.assertEqual(len(lines), 2)
        lines.with_user(self.recorder).write(
            {"reason_category": "resources", "reason": "No engineer free"}
        )
        wizard = self.env["meeting.minutes.compliance.wizard"].create(
            {"month": date(2026, 6, 1), "department_ids": self.dep_marketing.ids}
        )
        sections = wizard._get_report_sections()
        self.assertEqual(sections[0]["reasons"], [("Lack of Resources", 2)])

    def test_short_notice_reason_in_the_violations(self):
        """The meeting that broke the notice rule is listed with the reason its
        organizer gave for the short notice."""
        short = self._create_meeting()
        with freeze_time("2026-06-12 09:00:00"):
            self._reason(self.recorder, short, "short_notice", "Customer visit")
        wizard = self.env["meeting.minutes.compliance.wizard"].create(
            {"month": date(2026, 6, 1), "department_ids": self.dep_marketing.ids}
        )
        with freeze_time("2026-06-15 07:00:00"):
            [section] = wizard._get_report_sections()
            self.assertEqual(
                section["broken"],
                [(short, ["notice given 3 working days before the start"])],
            )
            html = self._html(wizard)
        self.assertIn("Short-notice reason", html)
        self.assertIn("Customer visit", html)
        self.assertIn("0 of 1 meeting<", html)

    def test_action_items_not_due_yet_are_not_counted(self):
        """An open action item before its deadline is neither kept nor broken:
        the rate reads the items done or past their deadline only."""
        meeting = self._to_state(self._create_meeting(), "distributed")
        wizard = self.env["meeting.minutes.compliance.wizard"].create(
            {"month": date(2026, 6, 1), "department_ids": self.dep_marketing.ids}
        )
        # the items are due on 20 June
        with freeze_time("2026-06-16 09:00:00"):
            self.Report.invalidate_model()
            [section] = wizard._get_report_sections()
            items = section["rows"][-1]
            self.assertIsNone(items["rate"])
            self.assertEqual(
                items["count_text"], "0 of 0 due (0 late, 0 delayed; 2 not due yet)"
            )
            item = meeting.action_ids[:1]
            item.with_user(item.owner_id).action_done()
            self.env.flush_all()
            self.Report.invalidate_model()
            [section] = wizard._get_report_sections()
            items = section["rows"][-1]
            self.assertEqual(items["rate"], 100)
            self.assertEqual(
                items["count_text"], "1 of 1 due (0 late, 0 delayed; 1 not due yet)"
            )
