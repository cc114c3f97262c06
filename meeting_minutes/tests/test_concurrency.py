"""Concurrent workflow steps and scheduled actions, in two real transactions.

Rule 9: every workflow step first locks the minutes (``FOR NO KEY UPDATE
NOWAIT``): of two concurrent steps one wins, the other is told clearly. Every save
of their content locks them too (``FOR SHARE``, see ``_lock_for_content``): a save
and a step never overlap, so nothing written after a step's check lands in
submitted or approved minutes; two saves of different statements do not wait for
each other (of counted lines, attendees and action items, they take turns). The
loser is told in words, never shown a PostgreSQL error: a step at once
(``NOWAIT``), a save once Odoo's request retried it (``odoo.service.model.retrying``,
run here as the request runs it). The batched crons lock their rows ``FOR UPDATE
SKIP LOCKED``: two runs at once do each thing once.

A TransactionCase does not put the registry in test mode (HttpCase does, and then
``registry.cursor()`` returns a TestCursor on the test's own transaction): here
``self.registry.cursor()`` opens a real PostgreSQL connection, as in the
concurrency tests of Odoo itself (account's TestSequenceMixinConcurrency). The
data is committed first in its own cursor, made of the demo users; the cleanup
deletes it again, as the superuser, in a fresh cursor. The test's own cursor
writes nothing, so it holds no lock the two cursors could wait for. A request that
has to wait for the other cursor runs in a thread of its own, the test commits the
other cursor once PostgreSQL shows it waiting.
"""

import json
import threading
from datetime import date, datetime, timedelta
from functools import partial
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
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
# what the recorder saves while the minutes move on: a statement under the agenda
# item in the form (web_save), a statement typed in the meeting room (create), the
# action item's deadline moved, the statement deleted
SAVES = ("form", "room", "deadline", "delete")
# the content of the statement saved, to find it again
SAVED = "Said while the minutes moved on"
# the deadline the recorder moves the action item to
MOVED_DEADLINE = date(2031, 3, 21)


@tagged("post_install", "-at_install")
class TestMeetingConcurrency(TransactionCase):
    """Two approvals at once approve once; a save and a step at once: either the
    save lands before the step, or the step wins and the save is refused in words;
    two saves at once both land; two reminder runs at once remind once."""

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
        # a request retried on a serialization failure does not pause first
        self.startPatcher(patch("odoo.service.model.time"))

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

    def _commit_confirmed_meeting(self, name):
        """Minutes of a meeting on 24 February 2031, confirmed (the content still
        open): submitted from the meeting's start on (AFTER_SUBMITTED_MEETING)."""
        return self._commit_meeting(
            name,
            "confirmed",
            datetime(2031, 2, 24, 6, 0),
            [("Submit the plan", self.engineer, date(2031, 3, 14))],
            {
                "signed_by_id": self.recorder.id,
                "signed_on": datetime(2031, 2, 24, 8, 0),
            },
        )[0]

    def _save(self, save, env, meeting_id):
        """The save ``save`` (one of SAVES) of the minutes, as the web client sends
        it, flushed as the request flushes it before its commit."""
        meeting = env["meeting.minutes"].browse(meeting_id)
        item = meeting.agenda_ids
        statement = {
            "department_id": self.dep_rd.id,
            "kind": "opinion",
            "content": SAVED,
        }
        if save == "form":
            meeting.web_save(
                {
                    "agenda_ids": [
                        Command.update(
                            item.id, {"statement_ids": [Command.create(statement)]}
                        )
                    ]
                },
                {
                    "agenda_ids": {
                        "fields": {"statement_ids": {"fields": {"content": {}}}}
                    }
                },
            )
        elif save == "room":
            env["meeting.minutes.statement"].create({**statement, "agenda_id": item.id})
        elif save == "deadline":
            meeting.action_ids.write({"deadline": MOVED_DEADLINE})
        else:
            meeting.statement_ids.unlink()
        env.flush_all()

    def _request(self, env, func):
        """``func`` run as Odoo runs a request of the web client: retried on a
        serialization failure or a lock not available (``retrying``), committed if
        it succeeds; what it raises at last is what the user sees."""
        return retrying(func, env)

    def _in_thread(self, func):
        """Start ``func`` in a thread of its own, as a request of another worker;
        the function returned waits for it and returns its result or raises its
        error. The thread ``func`` runs in is its attribute ``thread``."""
        outcome = {}

        def run():
            try:
                outcome["result"] = func()
            except Exception as error:  # noqa: BLE001 (raised again by join)
                outcome["error"] = error

        thread = threading.Thread(target=run, name="concurrent request")
        thread.start()

        def join():
            thread.join(60)
            self.assertFalse(thread.is_alive(), "the concurrent request hangs")
            if "error" in outcome:
                raise outcome["error"]
            return outcome.get("result")

        join.thread = thread
        return join

    def _waits_for_lock(self, pid, thread):
        """Whether the transaction of the PostgreSQL backend ``pid``, run by
        ``thread``, waits for a lock another transaction holds (False: the thread
        ended without waiting, or it did not wait within 10 s)."""
        with self.registry.cursor() as cr:
            for _attempt in range(200):
                if not thread.is_alive():
                    return False
                cr.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
                if cr.fetchone()[0]:
                    return True
                thread.join(0.05)
        return False

    def _assert_minutes(self, meeting_id, state, save, saved):
        """The minutes are in ``state``, with the save ``save`` in them or not."""
        meeting = self._new_env()["meeting.minutes"].browse(meeting_id)
        self.assertEqual(meeting.state, state)
        contents = meeting.statement_ids.mapped("content")
        there = {
            "form": SAVED in contents,
            "room": SAVED in contents,
            "deadline": meeting.action_ids.deadline == MOVED_DEADLINE,
            "delete": not contents,
        }[save]
        self.assertEqual(
            there,
            saved,
            f"the {save} save is {'in' if there else 'not in'} the {state} minutes",
        )

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
        with self.assertRaisesRegex(UserError, "Someone else is changing the minutes"):
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

        with self.assertRaisesRegex(UserError, "Someone else is changing the minutes"):
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

    def _check_save_then_submit(self, save):
        """The recorder's save has not committed yet when the recorder's other tab
        submits: the submission does not wait, it is told someone else is changing
        the minutes; the save lands in the confirmed minutes; submitted again
        (reloaded), the minutes go with it."""
        meeting_id = self._commit_confirmed_meeting(f"{save} then submit")
        saver_env = self._new_env(self.recorder.id)
        submit_env = self._new_env(self.recorder.id)

        self._save(save, saver_env, meeting_id)
        # the save's transaction is open
        with self.assertRaisesRegex(UserError, "Someone else is changing the minutes"):
            submit_env["meeting.minutes"].browse(meeting_id).action_submit()
        submit_env.cr.rollback()
        saver_env.cr.commit()
        self._assert_minutes(meeting_id, "confirmed", save, saved=True)

        # reloaded, in a fresh transaction
        self._begin(submit_env)
        if save == "delete":
            with self.assertRaisesRegex(UserError, "cannot be submitted without"):
                submit_env["meeting.minutes"].browse(meeting_id).action_submit()
            submit_env.cr.rollback()
            return
        submit_env["meeting.minutes"].browse(meeting_id).action_submit()
        submit_env.cr.commit()
        self._assert_minutes(meeting_id, "submitted", save, saved=True)

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_form_save_then_submit(self):
        self._check_save_then_submit("form")

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_room_save_then_submit(self):
        self._check_save_then_submit("room")

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_deadline_save_then_submit(self):
        self._check_save_then_submit("deadline")

    @mute_logger("odoo.sql_db")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_delete_then_submit(self):
        self._check_save_then_submit("delete")

    def _check_submit_then_save(self, save):
        """The submission has not committed yet when the recorder saves from
        another tab: the save waits for it; once the minutes are submitted, the
        request is retried on them and the recorder is told their content is
        locked (in words, not PostgreSQL's); nothing lands in the submitted
        minutes."""
        meeting_id = self._commit_confirmed_meeting(f"submit then {save}")
        submit_env = self._new_env(self.recorder.id)
        saver_env = self._new_env(self.recorder.id)
        saver_pid = saver_env.cr._cnx.info.backend_pid

        submit_env["meeting.minutes"].browse(meeting_id).action_submit()
        submit_env.flush_all()
        # the submission's transaction is open: the save starts meanwhile
        join = self._in_thread(
            lambda: self._request(
                saver_env, lambda: self._save(save, saver_env, meeting_id)
            )
        )
        waited = self._waits_for_lock(saver_pid, join.thread)
        submit_env.cr.commit()
        error = None
        try:
            join()
        except Exception as exc:  # noqa: BLE001 (checked below)
            error = exc
        saver_env.cr.rollback()

        self._assert_minutes(meeting_id, "submitted", save, saved=False)
        self.assertIsInstance(error, UserError, f"the recorder sees {error!r}")
        self.assertRegex(
            str(error), "are Submitted: their content is locked", "the message"
        )
        self.assertTrue(waited, "the save did not wait for the submission")

    @mute_logger("odoo.sql_db", "odoo.service.model")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_submit_then_form_save(self):
        self._check_submit_then_save("form")

    @mute_logger("odoo.sql_db", "odoo.service.model")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_submit_then_room_save(self):
        self._check_submit_then_save("room")

    @mute_logger("odoo.sql_db", "odoo.service.model")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_submit_then_deadline_save(self):
        self._check_submit_then_save("deadline")

    @mute_logger("odoo.sql_db", "odoo.service.model")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_submit_then_delete(self):
        self._check_submit_then_save("delete")

    @mute_logger("odoo.sql_db", "odoo.service.model")
    @freeze_time(AFTER_SUBMITTED_MEETING)
    def test_save_while_approving(self):
        """The recorder's request read the minutes while they were confirmed
        (REPEATABLE READ: its snapshot); before it saves, the other tab submits and
        the host approves (both committed). The save, retried as the request
        does, is told the minutes are approved and locked; the approved minutes
        stay as approved."""
        for save in SAVES:
            with self.subTest(save=save):
                meeting_id = self._commit_confirmed_meeting(f"{save} while approving")
                saver_env = self._new_env(self.recorder.id)
                submit_env = self._new_env(self.recorder.id)
                host_env = self._new_env(self.host.id)

                stale = saver_env["meeting.minutes"].browse(meeting_id)
                self.assertTrue(stale.can_edit_content)
                submit_env["meeting.minutes"].browse(meeting_id).action_submit()
                submit_env.cr.commit()
                host_env["meeting.minutes"].browse(meeting_id).action_approve()
                host_env.cr.commit()

                with self.assertRaisesRegex(
                    UserError, "are Approved: their content is locked"
                ):
                    self._request(
                        saver_env, partial(self._save, save, saver_env, meeting_id)
                    )
                saver_env.cr.rollback()
                self._assert_minutes(meeting_id, "approved", save, saved=False)

    def test_statements_at_once(self):
        """The recorder and the host type statements of the same minutes in the
        meeting room at the same moment, each creates one and then edits it:
        neither waits for the other (the lock timeout would say so), both are
        saved."""
        meeting_id = self._commit_confirmed_meeting("statements at once")
        envs = [self._new_env(self.recorder.id), self._new_env(self.host.id)]
        statements = []
        for env in envs:
            env.cr.execute("SET LOCAL lock_timeout = '2s'")
            item = env["meeting.minutes"].browse(meeting_id).agenda_ids
            statements.append(
                env["meeting.minutes.statement"].create(
                    {
                        "agenda_id": item.id,
                        "department_id": self.dep_rd.id,
                        "kind": "opinion",
                        "content": f"Typed by {env.user.name}",
                    }
                )
            )
            env.flush_all()
        for env, statement in zip(envs, statements, strict=True):
            statement.content += ", then edited"
            env.flush_all()
        for env in envs:
            env.cr.commit()

        meeting = self._new_env()["meeting.minutes"].browse(meeting_id)
        self.assertEqual(
            sorted(meeting.statement_ids.mapped("content")),
            sorted(
                [
                    "The plan comes first.",
                    f"Typed by {self.recorder.name}, then edited",
                    f"Typed by {self.host.name}, then edited",
                ]
            ),
        )

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_action_items_at_once(self):
        """The recorder and the host add action items to the same minutes at the
        same moment. The minutes count their items (a row both update): the
        second waits for the first, no deadlock, and, retried as the request does,
        is saved too; nobody sees an error."""
        meeting_id = self._commit_confirmed_meeting("action items at once")
        recorder_env = self._new_env(self.recorder.id)
        host_env = self._new_env(self.host.id)
        host_pid = host_env.cr._cnx.info.backend_pid

        def add(env, task):
            return env["meeting.minutes.action"].create(
                {
                    "meeting_id": meeting_id,
                    "name": f"{task} {MARK}",
                    "owner_id": self.developer.id,
                    "deadline": date(2031, 3, 20),
                }
            )

        # not flushed yet: the count of the minutes is written at the commit
        add(recorder_env, "Write the test plan")
        join = self._in_thread(
            lambda: self._request(host_env, lambda: add(host_env, "Book the room"))
        )
        waited = self._waits_for_lock(host_pid, join.thread)
        recorder_env.flush_all()
        recorder_env.cr.commit()
        join()

        meeting = self._new_env()["meeting.minutes"].browse(meeting_id)
        self.assertEqual(
            sorted(meeting.action_ids.mapped("name")),
            [
                f"{task} {MARK}"
                for task in ("Book the room", "Submit the plan", "Write the test plan")
            ],
        )
        self.assertEqual(meeting.action_count, 3)
        self.assertTrue(waited, "the host's item did not wait for the recorder's")

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
