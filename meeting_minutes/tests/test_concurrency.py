"""Concurrent workflow steps and scheduled actions, in two real transactions.

Rule 9: every workflow step first locks the minutes (``FOR NO KEY UPDATE
NOWAIT``): of two concurrent steps one wins, the other is told clearly. The
batched crons lock their rows ``FOR UPDATE SKIP LOCKED``: two runs at once do
each thing once.

A TransactionCase does not put the registry in test mode (HttpCase does, and then
``registry.cursor()`` returns a TestCursor on the test's own transaction): here
``self.registry.cursor()`` opens a real PostgreSQL connection, as in the
concurrency tests of Odoo itself (account's TestSequenceMixinConcurrency). The
data is committed first in its own cursor, made of the demo users; the cleanup
deletes it again, as the superuser, in a fresh cursor. The test's own cursor
writes nothing, so it holds no lock the two cursors could wait for.
"""

import json
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

# the context of the committed setup and cleanup: no chatter of their own
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# a port where nothing listens: wkhtmltopdf renders the PDF without the report
# CSS, and fetches nothing from a server that would write in the database
NO_SERVER_URL = "http://127.0.0.1:9"
# the day after the submitted meeting of _commit_submitted_meeting
AFTER_SUBMITTED_MEETING = "2031-02-25 09:00:00"
# a marker in the names of the committed records, to find them again
MARK = "[concurrency test]"
# a Monday; the reminder window of the company is 2 days (the default)
REMINDER_DAY = "2031-03-03 09:00:00"


@tagged("post_install", "-at_install")
class TestMeetingConcurrency(TransactionCase):
    """Two approvals at once approve once; two reminder runs at once remind once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # demo users (committed): the data of the other cursors needs users that
        # exist outside the test's transaction
        cls.host = cls.env.ref("meeting_minutes.user_wumin")
        cls.recorder = cls.env.ref("meeting_minutes.user_wangfang")
        cls.manager = cls.env.ref("meeting_minutes.user_lina")
        cls.engineer = cls.env.ref("meeting_minutes.user_chengang")
        cls.developer = cls.env.ref("meeting_minutes.user_liuyang")
        cls.dep_marketing = cls.env.ref("meeting_minutes.dep_marketing")
        cls.dep_rd = cls.env.ref("meeting_minutes.dep_rd")

    def setUp(self):
        super().setUp()
        self.assertIsNone(
            self.registry.test_cr,
            "the registry is in test mode: its cursors are not real transactions",
        )
        self.assertTrue(self.manager.has_group("meeting_minutes.group_meeting_manager"))
        self.assertFalse(self.host.has_group("meeting_minutes.group_meeting_manager"))
        self.startPatcher(
            patch.object(
                self.registry["ir.actions.report"],
                "_get_report_url",
                lambda report, layout=None: NO_SERVER_URL,
            )
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _new_env(self, user_id=SUPERUSER_ID):
        """An environment on a new real cursor, rolled back and closed at the end
        of the test (before the committed data is deleted)."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        env = api.Environment(cr, user_id, {"lang": "en_US"})
        self._begin(env)
        return env

    def _begin(self, env):
        """Start a transaction: a step that waits for the other cursor (held by
        this same thread) fails instead of hanging the test."""
        env.cr.execute("SET LOCAL statement_timeout = '30s'")

    def _commit_meeting(self, name, state, start, actions, values=None):
        """Commit minutes with their content (an agenda item and its statement, a
        resolution, ``actions``), put in ``state`` by the superuser (who alone
        writes the workflow's fields besides the workflow), and delete them at the
        end of the test."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            meeting = env["meeting.minutes"].create(
                {
                    "name": f"{name} {MARK}",
                    # given: no number drawn from the sequence of the minutes
                    "reference": f"CONCURRENCY/{name}",
                    "purpose": "Decide who does what",
                    "initiating_department_id": self.dep_marketing.id,
                    "department_ids": [(6, 0, (self.dep_marketing | self.dep_rd).ids)],
                    "host_id": self.host.id,
                    "recorder_id": self.recorder.id,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "location_type": "onsite",
                    "location": "Room 301",
                    "attendee_ids": [
                        (0, 0, {"user_id": user.id, "confirmed": True})
                        for user in (self.host, self.recorder, self.engineer)
                    ],
                    "agenda_ids": [(0, 0, {"name": "Priorities", "sequence": 1})],
                }
            )
            # cleaned up as soon as it exists, even if the rest fails
            self.addCleanup(self._delete_meeting, meeting.id)
            item = meeting.agenda_ids
            env["meeting.minutes.statement"].create(
                {
                    "agenda_id": item.id,
                    "department_id": self.dep_rd.id,
                    "kind": "consensus",
                    "content": "The plan comes first.",
                }
            )
            resolution = env["meeting.minutes.resolution"].create(
                {
                    "meeting_id": meeting.id,
                    "agenda_id": item.id,
                    "content": "Plan first, then the interface.",
                }
            )
            env["meeting.minutes.action"].create(
                [
                    {
                        "meeting_id": meeting.id,
                        "resolution_id": resolution.id,
                        "name": f"{task} {MARK}",
                        "owner_id": owner.id,
                        "deadline": deadline,
                    }
                    for task, owner, deadline in actions
                ]
            )
            meeting.write({"state": state, **(values or {})})
            meeting_id, action_ids = meeting.id, meeting.action_ids.ids
        return meeting_id, action_ids

    def _delete_meeting(self, meeting_id):
        """Remove committed minutes and everything the tests made of them, as the
        superuser, in a fresh cursor."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            meeting = env["meeting.minutes"].browse(meeting_id).exists()
            if not meeting:
                return
            actions = meeting.action_ids
            # the reminders: queued emails of no record
            reminders = env["mail.mail"].search(
                [
                    ("model", "=", False),
                    ("recipient_ids", "in", actions.owner_id.partner_id.ids),
                    ("body_html", "like", MARK),
                ]
            )
            message_ids = set(reminders.mail_message_id.ids) | set(
                env["mail.message"]
                .search(
                    [
                        "|",
                        "&",
                        ("model", "=", meeting._name),
                        ("res_id", "=", meeting.id),
                        "&",
                        ("model", "=", actions._name),
                        ("res_id", "in", actions.ids),
                    ]
                )
                .ids
            )
            reminders.unlink()
            # action items are mail threads: unlinked, their chatter goes too
            actions.unlink()
            # only draft or cancelled minutes may go; their frozen PDFs, chatter
            # and activities go with them (the revisions by cascade)
            meeting.write({"state": "cancelled"})
            meeting.unlink()
            # the deleted messages are announced on the bus (written before the
            # commit): nobody listens for them, leave no notification behind
            cr.precommit.run()
            env["bus.bus"].search(
                [("message", "like", '"type":"mail.message/delete"')]
            ).filtered(
                lambda bus: (
                    set(json.loads(bus.message)["payload"]["message_ids"])
                    <= message_ids
                )
            ).unlink()

    def _commit_submitted_meeting(self, name):
        """Minutes of a meeting on 24 February 2031, submitted: approved from the
        meeting's start on (AFTER_SUBMITTED_MEETING)."""
        return self._commit_meeting(
            name,
            "submitted",
            datetime(2031, 2, 24, 6, 0),
            [("Submit the plan", self.engineer, date(2031, 3, 14))],
            {
                "signed_by_id": self.recorder.id,
                "signed_on": datetime(2031, 2, 24, 8, 0),
                "submitted_on": datetime(2031, 2, 25, 2, 0),
            },
        )[0]

    def _assert_approved_once(self, meeting_id):
        env = self._new_env()
        meeting = env["meeting.minutes"].browse(meeting_id)
        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "approved",
                    "approved_by_id": self.host.id,
                    "revision_number": 1,
                }
            ],
        )
        self.assertEqual(len(meeting.revision_ids), 1)
        self.assertRecordValues(
            meeting.revision_ids,
            [
                {
                    "version": 1,
                    "approved_by_id": self.host.id,
                    "attachment_id": meeting.approved_report_id.id,
                    "sha256": meeting.approved_report_sha256,
                }
            ],
        )
        pdfs = env["ir.attachment"].search(
            [("res_model", "=", "meeting.minutes"), ("res_id", "=", meeting_id)]
        )
        self.assertEqual(pdfs, meeting.approved_report_id)
        self.assertTrue(meeting._verify_approved_report())
        frozen = env["mail.message"].search_count(
            [
                ("model", "=", "meeting.minutes"),
                ("res_id", "=", meeting_id),
                ("body", "like", "Approved PDF frozen"),
            ]
        )
        self.assertEqual(frozen, 1)
        distribute = meeting.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == env.ref("meeting_minutes.mail_activity_type_distribute_minutes")
            )
        )
        self.assertEqual(distribute.user_id, self.recorder)

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_approvals_at_once(self):
        """The host approves and has not committed yet; a meeting manager approving
        meanwhile is told someone else is moving the minutes (no wait, no second
        revision); the host's approval stands alone."""
        meeting_id = self._commit_submitted_meeting("approvals at once")
        host_env = self._new_env(self.host.id)
        manager_env = self._new_env(self.manager.id)

        host_env["meeting.minutes"].browse(meeting_id).action_approve()
        # the host's transaction is open: it holds the lock of the workflow
        with self.assertRaisesRegex(UserError, "Someone else is moving the minutes"):
            manager_env["meeting.minutes"].browse(meeting_id).action_approve()
        host_env.cr.commit()
        manager_env.cr.rollback()

        self._assert_approved_once(meeting_id)

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_approval_after_concurrent_commit(self):
        """A meeting manager opened the minutes before the host's approval was
        committed and approves after it: a clear error (not a raw serialization
        failure of PostgreSQL); approving again once reloaded says they are
        approved already."""
        meeting_id = self._commit_submitted_meeting("approval after commit")
        host_env = self._new_env(self.host.id)
        manager_env = self._new_env(self.manager.id)

        # the manager's transaction takes its snapshot: the minutes are submitted
        stale = manager_env["meeting.minutes"].browse(meeting_id)
        self.assertTrue(stale.can_approve)
        self.assertEqual(stale.state, "submitted")

        host_env["meeting.minutes"].browse(meeting_id).action_approve()
        host_env.cr.commit()

        with self.assertRaisesRegex(UserError, "Someone else is moving the minutes"):
            stale.action_approve()
        manager_env.cr.rollback()

        # reloaded, in a fresh transaction
        self._begin(manager_env)
        with self.assertRaisesRegex(
            UserError, "cannot be approved or rejected: they are Approved"
        ):
            manager_env["meeting.minutes"].browse(meeting_id).action_approve()
        manager_env.cr.rollback()

        self._assert_approved_once(meeting_id)

    def test_reminder_runs_at_once(self):
        """The first run of the reminder cron has not committed when a second one
        starts: the second skips the rows the first has locked; once both have
        committed, every owner got one reminder, no item was reminded twice."""
        meeting_id, action_ids = self._commit_meeting(
            "reminder runs at once",
            "distributed",
            datetime(2031, 2, 24, 6, 0),
            [
                ("Submit the plan", self.engineer, date(2031, 3, 4)),
                ("Book the test bench", self.engineer, date(2031, 3, 5)),
                ("Estimate the algorithm", self.developer, date(2031, 3, 5)),
            ],
            {
                "approved_by_id": self.host.id,
                "approved_on": datetime(2031, 2, 25, 6, 0),
                "distribution_deadline": date(2031, 2, 27),
                "distributed_on": datetime(2031, 2, 26, 6, 0),
            },
        )
        first_env = self._new_env()
        second_env = self._new_env()
        with freeze_time(REMINDER_DAY):
            First = first_env["meeting.minutes.action"]
            # nothing else in the database is due: the runs only see these items
            self.assertEqual(
                First.search(First._get_reminder_domain(date(2031, 3, 3))).ids,
                action_ids,
            )
            self.assertEqual(First._cron_send_reminders(), 3)
            # the first run's rows are locked until it commits: skipped
            Second = second_env["meeting.minutes.action"]
            self.assertEqual(Second._cron_send_reminders(), 0)
        first_env.cr.commit()
        second_env.cr.commit()

        check_env = self._new_env()
        actions = check_env["meeting.minutes.action"].browse(action_ids)
        self.assertEqual(
            actions.mapped("reminder_sent_on"), [date(2031, 3, 3)] * len(actions)
        )
        mails = check_env["mail.mail"].search(
            [("model", "=", False), ("body_html", "like", MARK)]
        )
        self.assertEqual(len(mails), 2)
        for owner, tasks in (
            (self.engineer, ("Submit the plan", "Book the test bench")),
            (self.developer, ("Estimate the algorithm",)),
        ):
            with self.subTest(owner=owner.login):
                mail = mails.filtered(
                    lambda m, o=owner: m.recipient_ids == o.partner_id
                )
                self.assertEqual(len(mail), 1)
                for task in tasks:
                    self.assertIn(task, mail.body_html)
        logs = check_env["mail.message"].search_count(
            [
                ("model", "=", "meeting.minutes"),
                ("res_id", "=", meeting_id),
                ("body", "like", "Deadline reminder sent"),
            ]
        )
        self.assertEqual(logs, 1)

        # a later run of the same day finds nothing left to remind
        self._begin(second_env)
        with freeze_time(REMINDER_DAY):
            self.assertEqual(
                second_env["meeting.minutes.action"]._cron_send_reminders(), 0
            )
        second_env.cr.rollback()
