from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import add_public_holiday


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    """The one place that counts working days: the company's calendar and its
    public holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Mon-Fri Shanghai", "tz": "Asia/Shanghai"}
        )
        cls.company.resource_calendar_id = cls.calendar

    def _holiday(self, day):
        add_public_holiday(self.calendar, day)

    def test_between(self):
        between = self.company._meeting_working_days_between
        # notified Monday 8 June 2026 for Thursday 11 June: Tue, Wed, Thu
        self.assertEqual(between(date(2026, 6, 8), date(2026, 6, 11)), 3)
        # notified Friday for Wednesday: Mon, Tue, Wed (the weekend does not count)
        self.assertEqual(between(date(2026, 6, 5), date(2026, 6, 10)), 3)
        self.assertEqual(between(date(2026, 6, 5), date(2026, 6, 8)), 1)
        self.assertEqual(between(date(2026, 6, 10), date(2026, 6, 10)), 0)
        self.assertEqual(between(date(2026, 6, 12), date(2026, 6, 10)), 0)

    def test_public_holiday(self):
        # Dragon Boat Festival, Friday 19 June 2026
        self._holiday(date(2026, 6, 19))
        between = self.company._meeting_working_days_between
        self.assertEqual(between(date(2026, 6, 17), date(2026, 6, 22)), 2)
        add = self.company._meeting_add_working_days
        self.assertEqual(add(date(2026, 6, 18), 1), date(2026, 6, 22))
        self.assertEqual(add(date(2026, 6, 18), 2), date(2026, 6, 23))

    def test_add(self):
        add = self.company._meeting_add_working_days
        self.assertEqual(
            add(date(2026, 6, 5), 2), date(2026, 6, 9), "Friday + 2 = Tuesday"
        )
        self.assertEqual(add(date(2026, 6, 8), 2), date(2026, 6, 10))
        self.assertEqual(
            add(date(2026, 6, 6), 1), date(2026, 6, 8), "Saturday + 1 = Monday"
        )
        self.assertEqual(add(date(2026, 6, 8), 0), date(2026, 6, 8))
        # far ahead: the horizon grows
        self.assertEqual(add(date(2026, 6, 5), 60), date(2026, 8, 28))

    def test_settings_constraints(self):
        with self.assertRaises(ValidationError):
            self.company.meeting_retention_years = 0
        with self.assertRaises(ValidationError):
            self.company.meeting_notice_days = -1
        settings = self.env["res.config.settings"].create({"meeting_notice_days": 5})
        settings.execute()
        self.assertEqual(self.company.meeting_notice_days, 5)

    def test_colloquialism_list(self):
        self.company.meeting_colloquialisms = "我觉得\n\n  大概  \nI think\n"
        self.assertEqual(
            self.company._meeting_colloquialism_list(), ["我觉得", "大概", "I think"]
        )
