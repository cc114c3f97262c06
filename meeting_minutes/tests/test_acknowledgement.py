"""Read receipts of the distributed minutes: created for every recipient,
confirmed by the recipient alone (button or emailed link, once), written by
nobody else, reminded once after the distribution delay."""

import re
from collections import Counter
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common_workflow import MeetingWorkflowCase

DISTRIBUTED = "2026-06-22 02:00:00"  # Monday: the reminder is due Wednesday 24


class AcknowledgementCase(MeetingWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Receipt = cls.env["meeting.minutes.acknowledgement"]

    def _distributed_meeting(self):
        meeting = self._create_meeting(cc_user_ids=[(6, 0, self.leader.ids)])
        # the R&D director, manager of a participating department, is absent
        meeting.with_user(self.recorder).write(
            {
                "attendee_ids": [
                    (
                        0,
                        0,
                        {
                            "user_id": self.rd_director.id,
                            "attendance": "absent",
                            "absence_reason": "Trade fair",
                        },
                    )
                ]
            }
        )
        return self._to_state(meeting, "distributed")

    def _receipt(self, meeting, user):
        return meeting.acknowledgement_ids.filtered(
            lambda r: r.partner_id == user.partner_id
        )


@tagged("post_install", "-at_install")
class TestAcknowledgement(AcknowledgementCase):
    def test_one_receipt_per_recipient(self):
        """A receipt per reader: not the host nor the recorder, who approved and
        wrote the minutes (their reading would pull the read rate down)."""
        meeting = self._distributed_meeting()
        expected = self.engineer | self.sales_rep | self.rd_director | self.leader
        receipts = meeting.acknowledgement_ids
        self.assertEqual(receipts.partner_id, expected.partner_id)
        self.assertEqual(receipts.user_id, expected)
        self.assertFalse(any(receipts.mapped("acknowledged_on")))
        self.assertEqual(set(receipts.mapped("remind_date")), {date(2026, 6, 24)})
        self.assertEqual(len(set(receipts.sudo().mapped("access_token"))), 4)
        meeting.invalidate_recordset()
        self.assertEqual(
            (meeting.acknowledged_count, meeting.acknowledgement_count), (0, 4)
        )
        self.assertNotIn(self.host.partner_id, meeting.unread_partner_ids)

    def test_each_email_carries_its_own_link(self):
        meeting = self._create_meeting(cc_user_ids=[(6, 0, self.leader.ids)])
        self._to_state(meeting, "approved")
        self.env.flush_all()
        last = self.env["mail.mail"].search([], order="id desc", limit=1).id or 0
        self._to_state(meeting, "distributed")
        self.env.flush_all()
        mails = self.env["mail.mail"].search([("id", ">", last)])
        per_partner = Counter(p for mail in mails for p in mail.recipient_ids)
        # an owner outside the distribution hears of the item by its activity
        self.assertEqual(per_partner[self.owner.partner_id], 1)
        self.assertNotIn(self.owner.partner_id, meeting.acknowledgement_ids.partner_id)
        for receipt in meeting.acknowledgement_ids.sudo():
            if receipt.partner_id == self.recorder.partner_id:
                continue  # the author of the distribution is not mailed
            mail = mails.filtered(lambda m, r=receipt: r.partner_id in m.recipient_ids)
            self.assertEqual(
                per_partner[receipt.partner_id], 1, receipt.partner_id.name
            )
            links = re.findall(r"/meeting_minutes/acknowledge/([\w-]+)", mail.body_html)
            self.assertEqual(
                set(links), {receipt.access_token}, receipt.partner_id.name
            )

    def test_acknowledge_by_button(self):
        meeting = self._distributed_meeting()
        as_engineer = meeting.with_user(self.engineer)
        self.assertTrue(as_engineer.can_acknowledge)
        self.assertFalse(meeting.with_user(self.manager).can_acknowledge)
        with freeze_time("2026-06-23 08:00:00"):
            self.assertIs(as_engineer.action_acknowledge(), True)
        receipt = self._receipt(meeting, self.engineer)
        self.assertEqual(str(receipt.acknowledged_on), "2026-06-23 08:00:00")
        meeting.invalidate_recordset()
        self.assertFalse(as_engineer.can_acknowledge)
        self.assertEqual(meeting.acknowledged_count, 1)
        self.assertNotIn(self.engineer.partner_id, meeting.unread_partner_ids)
        # a second press changes nothing: the first reading counts
        with freeze_time("2026-06-25 08:00:00"):
            as_engineer.action_acknowledge()
        self.assertEqual(str(receipt.acknowledged_on), "2026-06-23 08:00:00")
        note = self._messages(meeting).filtered(
            lambda m: "confirmed reading" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.engineer.partner_id)

    def test_not_a_recipient(self):
        meeting = self._distributed_meeting()
        with self.assertRaisesRegex(UserError, "not among the recipients"):
            meeting.with_user(self.manager).action_acknowledge()

    def test_nobody_writes_a_receipt(self):
        """Not the recipient, not the organizers, not a manager: through the ORM a
        receipt is neither created, changed nor deleted, and its token is not
        readable."""
        meeting = self._distributed_meeting()
        receipt = self._receipt(meeting, self.engineer)
        for user in (self.engineer, self.recorder, self.host, self.manager):
            Receipt = self.Receipt.with_user(user)
            with self.assertRaises(AccessError):
                receipt.with_user(user).write({"acknowledged_on": "2026-06-23 08:00"})
            with self.assertRaises(AccessError):
                Receipt.create(
                    {
                        "meeting_id": meeting.id,
                        "partner_id": self.outsider.partner_id.id,
                    }
                )
            with self.assertRaises(AccessError):
                receipt.with_user(user).unlink()
            with self.assertRaises(AccessError):
                receipt.with_user(user).read(["access_token"])
        # nor through the minutes: the receipts are the workflow's
        with self.assertRaises(UserError):
            meeting.with_user(self.recorder).write(
                {"acknowledgement_ids": [(1, receipt.id, {"acknowledged_on": False})]}
            )
        with self.assertRaises(UserError):
            meeting.with_user(self.manager).write({"acknowledgement_ids": [(5, 0, 0)]})
        self.assertFalse(receipt.acknowledged_on)
        self.assertEqual(len(meeting.acknowledgement_ids), 4)

    def test_receipts_readable_where_the_minutes_are(self):
        meeting = self._distributed_meeting()
        Receipt = self.Receipt.with_user(self.outsider)
        self.assertFalse(Receipt.search([("meeting_id", "=", meeting.id)]))
        with self.assertRaises(AccessError):
            meeting.acknowledgement_ids.with_user(self.outsider).read(["partner_id"])
        self.assertEqual(
            len(
                self.Receipt.with_user(self.sales_rep).search(
                    [("meeting_id", "=", meeting.id)]
                )
            ),
            4,
        )

    def test_reminded_once_after_the_delay(self):
        meeting = self._distributed_meeting()
        with freeze_time("2026-06-23 08:00:00"):
            meeting.with_user(self.engineer).action_acknowledge()
            self.env.flush_all()
            last = self.env["mail.mail"].search([], order="id desc", limit=1).id
            self.Meeting._cron_followup()
            self.env.flush_all()
            self.assertFalse(self.env["mail.mail"].search([("id", ">", last)]))
        with freeze_time("2026-06-24 08:00:00"):
            self.Meeting._cron_followup()
            self.env.flush_all()
            mails = self.env["mail.mail"].search([("id", ">", last)])
            per_partner = Counter(p for mail in mails for p in mail.recipient_ids)
            # the host and the recorder are not asked to read their own minutes
            unread = (self.sales_rep | self.rd_director | self.leader).partner_id
            self.assertEqual(set(per_partner), set(unread))
            self.assertEqual(set(per_partner.values()), {1})
            mail = mails.filtered(lambda m: self.leader.partner_id in m.recipient_ids)
            token = self._receipt(meeting, self.leader).sudo().access_token
            self.assertIn(f"/meeting_minutes/acknowledge/{token}", mail.body_html)
            self.assertIn(meeting.name, mail.body_html)
            last = max(mails.ids)
        with freeze_time("2026-06-30 08:00:00"):
            self.Meeting._cron_followup()
            self.env.flush_all()
            self.assertFalse(self.env["mail.mail"].search([("id", ">", last)]))

    def test_redistribution_asks_again(self):
        meeting = self._distributed_meeting()
        receipt = self._receipt(meeting, self.engineer)
        with freeze_time("2026-06-23 08:00:00"):
            meeting.with_user(self.engineer).action_acknowledge()
        token = receipt.sudo().access_token
        with freeze_time("2026-06-24 08:00:00"):
            self._reason(self.host, meeting, "revise", "Wrong deadline")
            self.assertFalse(meeting.with_user(self.engineer).can_acknowledge)
            meeting.with_user(self.recorder).action_submit()
            meeting.with_user(self.host).action_approve()
            meeting.with_user(self.recorder).action_distribute()
        self.assertEqual(len(meeting.acknowledgement_ids), 4)
        self.assertFalse(receipt.acknowledged_on)
        self.assertNotEqual(receipt.sudo().access_token, token)
        self.assertEqual(receipt.remind_date, date(2026, 6, 26))


@tagged("post_install", "-at_install")
class TestAcknowledgementLink(HttpCase, AcknowledgementCase):
    def test_link_without_login(self):
        meeting = self._distributed_meeting()
        receipt = self._receipt(meeting, self.leader).sudo()
        url = f"/meeting_minutes/acknowledge/{receipt.access_token}"
        # opening the link (a mail scanner does) records nothing
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(meeting.name, page.text)
        self.assertIn("I have read the minutes", page.text)
        self.assertFalse(receipt.acknowledged_on)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.url_open(url, data={"csrf_token": csrf})
        self.assertEqual(done.status_code, 200)
        self.assertIn("your reading is recorded", done.text)
        self.assertIn(self.leader.name, done.text)
        receipt.invalidate_recordset()
        first = receipt.acknowledged_on
        self.assertTrue(first)
        # the same link again: says so, changes nothing
        again = self.url_open(url, data={"csrf_token": csrf})
        self.assertIn("already recorded", again.text)
        receipt.invalidate_recordset()
        self.assertEqual(receipt.acknowledged_on, first)
        # a wrong token: nothing recorded anywhere
        wrong = self.url_open("/meeting_minutes/acknowledge/not-a-token")
        self.assertEqual(wrong.status_code, 404)
        self.assertIn("This link is not valid", wrong.text)
        others = meeting.acknowledgement_ids - receipt
        self.assertFalse(any(others.mapped("acknowledged_on")))

    def test_link_in_the_recipient_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["meeting_minutes"], ["zh_CN"], overwrite=True
        )
        self.env.registry.clear_cache()
        self.leader.partner_id.lang = "zh_CN"
        meeting = self._distributed_meeting()
        receipt = self._receipt(meeting, self.leader).sudo()
        page = self.url_open(f"/meeting_minutes/acknowledge/{receipt.access_token}")
        self.assertIn("我已阅读会议记录", page.text)
        self.assertIn("收件人：", page.text)
