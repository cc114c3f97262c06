"""The side doors of issue 20, tried through the client's own path: JSON-RPC
``call_kw`` and the token route, as users logged in with their password.

Each test is an attempt that got through before the guards checked the records
as they are after the create or write (the line's real meeting, whatever
default, context or command put it there)."""

import json
import re

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_rpc import MeetingRpcCase
from .common_workflow import SIGNATURE

LOCKED = "their content is locked"


@tagged("post_install", "-at_install")
class TestSideDoors(MeetingRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()

    def _counts(self, meeting):
        meeting.invalidate_recordset()
        return {
            name: len(meeting[name])
            for name in (
                "attendee_ids",
                "agenda_ids",
                "statement_ids",
                "resolution_ids",
                "action_ids",
            )
        }

    def _line_attempts(self, meeting):
        """Every line model created with its parent given only by the context."""
        item = meeting.agenda_ids[0]
        return [
            (
                "meeting.minutes.resolution",
                {"content": "Injected resolution"},
                {"default_meeting_id": meeting.id},
            ),
            (
                "meeting.minutes.statement",
                {
                    "content": "Injected statement",
                    "kind": "problem",
                    "department_id": self.dep_rd.id,
                },
                {"default_agenda_id": item.id},
            ),
            (
                "meeting.minutes.action",
                {
                    "name": "Injected action",
                    "owner_id": self.engineer.id,
                    "deadline": "2026-06-30",
                },
                {"default_meeting_id": meeting.id},
            ),
            (
                "meeting.minutes.agenda",
                {"name": "Injected item"},
                {"default_meeting_id": meeting.id},
            ),
            (
                "meeting.minutes.attendee",
                {"user_id": self.outsider.id},
                {"default_meeting_id": meeting.id},
            ),
        ]

    # ------------------------------------------------------------
    # 1. content added to locked minutes by a default_* key
    # ------------------------------------------------------------

    def test_01_default_parent_open_minutes(self):
        """The client's own way (a line created from the form, its parent a
        default of the context) works while the content is open."""
        model, vals, context = self._line_attempts(self.meeting)[0]
        new_id = self.rpc(self.recorder, model, "create", vals, context=context)
        self.assertEqual(self.env[model].browse(new_id).meeting_id, self.meeting)

    def test_02_default_parent_locked_minutes(self):
        meeting = self.meeting
        for state in ("submitted", "approved", "distributed"):
            self._to_state(meeting, state)
            before = self._counts(meeting)
            for user in (self.recorder, self.host, self.manager):
                for model, vals, context in self._line_attempts(meeting):
                    with self.subTest(state=state, user=user.login, model=model):
                        self.assertRpcRefused(
                            user, model, "create", vals, context=context, message=LOCKED
                        )
            self.assertEqual(self._counts(meeting), before)
        # the attendee was never injected: the outsider reads nothing
        self.assertRpcRefused(
            self.outsider, "meeting.minutes", "read", [meeting.id], ["name"]
        )

    # ------------------------------------------------------------
    # 4. forged workflow notes and tracking in the chatter
    # ------------------------------------------------------------

    def test_03_forged_messages(self):
        meeting = self._to_state(self.meeting, "approved")
        count = len(meeting.message_ids)
        status_field = self.env["ir.model.fields"]._get("meeting.minutes", "state")
        forged = {
            "model": "meeting.minutes",
            "res_id": meeting.id,
            "message_type": "notification",
            "author_id": self.host.partner_id.id,
            "body": "Approved PDF frozen (revision 2), SHA-256: 0000",
        }
        # a reader creates a note in the host's name, or forged tracking
        self.assertRpcRefused(self.engineer, "mail.message", "create", forged)
        self.assertRpcRefused(
            self.engineer,
            "mail.message",
            "create",
            dict(
                forged,
                author_id=self.engineer.partner_id.id,
                tracking_value_ids=[
                    Command.create(
                        {
                            "field_id": status_field.id,
                            "old_value_char": "Approved",
                            "new_value_char": "Cancelled",
                        }
                    )
                ],
            ),
        )
        # message_post: in someone else's name, by their email, with tracking
        self.assertRpcRefused(
            self.engineer,
            "meeting.minutes",
            "message_post",
            [meeting.id],
            body="Minutes approved.",
            author_id=self.host.partner_id.id,
            message_type="notification",
        )
        self.assertRpcRefused(
            self.engineer,
            "meeting.minutes",
            "message_post",
            [meeting.id],
            body="Minutes approved.",
            email_from=self.host.email,
        )
        self.assertRpcRefused(
            self.engineer,
            "meeting.minutes",
            "message_post",
            [meeting.id],
            body="Status",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": status_field.id,
                        "old_value_char": "Approved",
                        "new_value_char": "Cancelled",
                    }
                )
            ],
        )
        # the chatter's own route (which posts in sudo): a look-alike workflow note
        self.login(self.engineer)
        with mute_logger("odoo.http"):
            answer = self.url_open(
                "/mail/message/post",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "thread_model": "meeting.minutes",
                            "thread_id": meeting.id,
                            "post_data": {
                                "body": "Approved PDF frozen (revision 2)",
                                "message_type": "notification",
                                "subtype_xmlid": "mail.mt_note",
                            },
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            ).json()
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        # other parameters of the workflow's notes
        for extra in (
            {"record_name": "FORGED NAME"},
            {"message_id": "<forged@example.com>"},
            {"mail_activity_type_id": 1},
            {"message_type": "notification"},
            {"message_type": "comment", "subtype_xmlid": "mail.mt_activities"},
        ):
            with self.subTest(extra=extra):
                self.assertRpcRefused(
                    self.engineer,
                    "meeting.minutes",
                    "message_post",
                    [meeting.id],
                    body="x",
                    **{"message_type": "comment", **extra},
                )
        # the composer, in the host's address
        composer_id = self.rpc(
            self.engineer,
            "mail.compose.message",
            "create",
            {
                "model": "meeting.minutes",
                "res_ids": str([meeting.id]),
                "composition_mode": "comment",
                "body": "<p>Approved.</p>",
                "email_from": self.host.email,
            },
        )
        self.assertRpcRefused(
            self.engineer, "mail.compose.message", "action_send_mail", [composer_id]
        )
        # the organizer's variant: a command of the minutes' messages
        self.assertRpcRefused(
            self.host,
            "meeting.minutes",
            "write",
            [meeting.id],
            {"message_ids": [Command.create(dict(forged, author_id=False))]},
        )
        meeting.invalidate_recordset()
        self.assertEqual(len(meeting.message_ids), count)
        # a reader's comment in their own name is the chatter's purpose
        self.rpc(
            self.engineer,
            "meeting.minutes",
            "message_post",
            [meeting.id],
            body="Read, thank you.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        meeting.invalidate_recordset()
        self.assertEqual(len(meeting.message_ids), count + 1)
        self.assertEqual(meeting.message_ids[0].author_id, self.engineer.partner_id)

    # ------------------------------------------------------------
    # 5. an attendee's own objection erased
    # ------------------------------------------------------------

    def test_04_objection_not_erased(self):
        meeting = self._to_state(self.meeting, "in_progress")
        self._add_content(meeting)
        resolution = meeting.resolution_ids
        line = meeting.attendee_ids.filtered(lambda a: a.user_id == self.engineer)
        self.rpc(
            self.engineer,
            "meeting.minutes.attendee",
            "action_object",
            [line.id],
            text="The deadline is too short.",
            read_out_version=meeting.read_out_version,
        )
        version = meeting.read_out_version
        text = resolution.content
        # a change that leaves the read-out as it was asks nobody again
        self.rpc(
            self.recorder,
            "meeting.minutes.resolution",
            "write",
            [resolution.id],
            {"content": text + " "},
        )
        self.assertEqual(meeting.read_out_version, version)
        self.assertEqual(line.objection, "The deadline is too short.")
        # a real change and back: the attendees are asked again ...
        for content in (text + " (draft)", text):
            self.rpc(
                self.recorder,
                "meeting.minutes.resolution",
                "write",
                [resolution.id],
                {"content": content},
            )
        self.assertFalse(line.objection)
        self.assertTrue(line.decided_self)
        # ... and the organizer never records for the one who decided themself
        self.rpc(
            self.recorder,
            "meeting.minutes",
            "action_confirm_all_attendees",
            [meeting.id],
        )
        self.assertFalse(line.confirmed)
        self.assertRpcRefused(
            self.recorder,
            "meeting.minutes.attendee",
            "write",
            [line.id],
            {"confirmed": True},
            message="on their own device",
        )
        self.assertFalse(line.confirmed)

    # ------------------------------------------------------------
    # 6. stored computed fields given on create
    # ------------------------------------------------------------

    def test_05_computed_fields_never_taken(self):
        vals = {
            "name": "Hidden reader",
            "initiating_department_id": self.dep_marketing.id,
            "host_id": self.host.id,
            "recorder_id": self.recorder.id,
            "start": "2026-06-15 06:00:00",
            "stop": "2026-06-15 07:00:00",
            "member_user_ids": [Command.set(self.outsider.ids)],
        }
        new_id = self.rpc(self.recorder, "meeting.minutes", "create", vals)
        self.rpc(
            self.recorder,
            "meeting.minutes",
            "create",
            dict(vals, member_user_ids=None),
            context={"default_member_user_ids": [Command.set(self.outsider.ids)]},
        )
        meeting = self.Meeting.browse(new_id)
        self.assertNotIn(self.outsider, meeting.member_user_ids)
        self.assertEqual(
            self.rpc(
                self.outsider,
                "meeting.minutes",
                "search_count",
                [("name", "=", "Hidden reader")],
            ),
            0,
        )
        # a line's computed meeting follows its agenda item, never the caller
        statement_id = self.rpc(
            self.recorder,
            "meeting.minutes.statement",
            "create",
            {
                "agenda_id": self.meeting.agenda_ids[0].id,
                "meeting_id": new_id,
                "department_id": self.dep_rd.id,
                "kind": "problem",
                "content": "Where does this go?",
            },
        )
        statement = self.env["meeting.minutes.statement"].browse(statement_id)
        self.assertEqual(statement.meeting_id, self.meeting)
        self.assertRpcRefused(
            self.manager,
            "meeting.minutes",
            "write",
            [new_id],
            {"member_user_ids": [Command.link(self.outsider.id)]},
        )

    # ------------------------------------------------------------
    # 7. reading by department follows the department of today
    # ------------------------------------------------------------

    def test_06_department_change_takes_effect_at_once(self):
        meeting = self.meeting
        search = [("id", "=", meeting.id)]
        self.assertEqual(
            self.rpc(self.outsider, "meeting.minutes", "search_count", search), 0
        )
        self.outsider.employee_id.department_id = self.dep_rd
        self.assertEqual(
            self.rpc(self.outsider, "meeting.minutes", "search_count", search), 1
        )
        self.outsider.employee_id.department_id = self.dep_finance
        self.assertEqual(
            self.rpc(self.outsider, "meeting.minutes", "search_count", search), 0
        )

    def test_07_nobody_grants_themself_a_department(self):
        self.env["ir.config_parameter"].set_param("hr.hr_employee_self_edit", True)
        # what the profile lets the user change still changes
        self.rpc(
            self.outsider,
            "res.users",
            "write",
            [self.outsider.id],
            {"private_city": "Suzhou"},
        )
        self.assertRpcRefused(
            self.outsider,
            "res.users",
            "write",
            [self.outsider.id],
            {"department_id": self.dep_rd.id},
        )
        self.assertEqual(self.outsider.employee_id.department_id, self.dep_finance)
        self.assertEqual(
            self.rpc(
                self.outsider,
                "meeting.minutes",
                "search_count",
                [("id", "=", self.meeting.id)],
            ),
            0,
        )

    # ------------------------------------------------------------
    # 9. the dialogs are their creator's own
    # ------------------------------------------------------------

    def test_08_wizards_are_private(self):
        meeting = self._to_state(self.meeting, "in_progress")
        wizard_id = self.rpc(
            self.recorder,
            "meeting.minutes.sign.wizard",
            "create",
            {"role": "recorder", "signature": SIGNATURE.decode()},
            context={"default_meeting_id": meeting.id},
        )
        for user in (self.engineer, self.outsider, self.manager):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    "meeting.minutes.sign.wizard",
                    "read",
                    [wizard_id],
                    ["signature"],
                )
                self.assertRpcRefused(
                    user,
                    "meeting.minutes.sign.wizard",
                    "write",
                    [wizard_id],
                    {"signature": False},
                )
        reason_id = self.rpc(
            self.host,
            "meeting.minutes.reason.wizard",
            "create",
            {"mode": "cancel", "reason": "Budget frozen", "meeting_ids": [meeting.id]},
        )
        self.assertRpcRefused(
            self.engineer,
            "meeting.minutes.reason.wizard",
            "write",
            [reason_id],
            {"reason": "Overwritten"},
        )
        self.assertEqual(
            self.env["meeting.minutes.reason.wizard"].browse(reason_id).reason,
            "Budget frozen",
        )
        # a dialog on minutes one may not read names nothing of them
        for model, vals in (
            (
                "meeting.minutes.sign.wizard",
                {"role": "host", "meeting_id": meeting.id},
            ),
            (
                "meeting.minutes.reason.wizard",
                {"mode": "cancel", "reason": "x", "meeting_ids": [meeting.id]},
            ),
        ):
            with self.subTest(model=model):
                message = self.assertRpcRefused(self.outsider, model, "create", vals)
                self.assertNotIn(meeting.name, message)
                self.assertNotIn(meeting.reference, message)

    # ------------------------------------------------------------
    # 11. read receipts of minutes being revised
    # ------------------------------------------------------------

    def test_09_no_receipt_while_revising(self):
        meeting = self._to_state(self.meeting, "distributed")
        receipt = meeting.acknowledgement_ids.filtered(
            lambda r: r.partner_id == self.engineer.partner_id
        )
        self.assertTrue(receipt)
        url = f"/meeting_minutes/acknowledge/{receipt.sudo().access_token}"
        # the recipient opened the link of the distribution's email
        self.authenticate(None, None)
        page = self.url_open(url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self._reason(self.host, meeting, "revise", "The deadline was mistyped.")
        self.assertNotIn(meeting.state, ("distributed", "archived"))
        page = self.url_open(url)
        self.assertIn("being revised", page.text)
        self.assertNotIn('name="csrf_token"', page.text)
        page = self.url_open(url, data={"csrf_token": csrf})
        self.assertIn("being revised", page.text)
        receipt.invalidate_recordset()
        self.assertFalse(receipt.acknowledged_on)
        self.assertRpcRefused(
            self.engineer,
            "meeting.minutes",
            "action_acknowledge",
            [meeting.id],
            message="being revised",
        )
        self.assertFalse(receipt.acknowledged_on)
