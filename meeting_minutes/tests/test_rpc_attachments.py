"""The activities and files of the minutes, tried through the client's own path
(JSON-RPC ``call_kw``, the chatter's routes, ``/web/content``) as the users who
found each way in: the activities of the minutes are changed, marked as done or
deleted by the person they are assigned to and the organizers, and the steps of
the workflow by the workflow alone; no file is added to locked minutes but the
workflow's and a comment's, none under the name of an approved PDF; no link
opens an approved PDF without login."""

import base64
import json

from odoo import SUPERUSER_ID, Command, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_rpc import MeetingRpcCase

APPROVE = "meeting_minutes.mail_activity_type_approve_minutes"
DISTRIBUTE = "meeting_minutes.mail_activity_type_distribute_minutes"
STEP = "is a step of the workflow"
ORGANIZERS = "Only the person it is assigned to, the host, the recorder"
LOCKED = "a file is added to them only with a comment"
TAKEN = "is the name of an approved PDF"
FORGED_PDF = b"%PDF-1.4 forged minutes"


@tagged("post_install", "-at_install")
class TestRpcActivities(MeetingRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")

    def _done_notes(self, meeting, text):
        return self._messages(meeting).filtered(lambda m: text in str(m.body))

    def _todo(self, user, assignee, summary="Check the budget figures", **context):
        """A to-do of ``user`` on the minutes for ``assignee``, as the client's
        "Schedule activity" creates it."""
        return self.rpc(
            user,
            "mail.activity",
            "create",
            {
                "res_model_id": self.env["ir.model"]._get_id("meeting.minutes"),
                "res_id": self.meeting.id,
                "activity_type_id": self.todo_type.id,
                "summary": summary,
                "user_id": assignee.id,
            },
            context=context,
        )

    def test_01_attendee_hijacks_the_approval(self):
        meeting = self._to_state(self.meeting, "submitted")
        approve = self._activities(meeting, APPROVE)
        self.assertEqual(approve.user_id, self.host)
        # the attendee takes the host's activity, then marks it as done
        self.assertRpcRefused(
            self.engineer,
            "mail.activity",
            "write",
            approve.ids,
            {
                "user_id": self.engineer.id,
                "summary": "hijacked",
                "date_deadline": "2030-01-01",
            },
            message=ORGANIZERS,
        )
        for method, kwargs in (
            ("action_feedback", {"feedback": "Approved by Engineer Liu"}),
            ("action_done", {}),
            ("action_feedback_schedule_next", {"feedback": "Approved by Engineer Liu"}),
            ("action_done_schedule_next", {}),
            ("action_snooze", {}),
        ):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    self.engineer, "mail.activity", method, approve.ids, **kwargs
                )
        # nor the host by hand, without approving: the approval does it
        self.assertRpcRefused(
            self.host,
            "mail.activity",
            "action_feedback",
            approve.ids,
            feedback="Approved by Host Li",
            message=STEP,
        )
        self.assertRpcRefused(
            self.host,
            "meeting.minutes",
            "activity_feedback",
            meeting.ids,
            [APPROVE],
            feedback="Approved",
        )
        self.assertRecordValues(
            approve,
            [{"user_id": self.host.id, "summary": "Review and approve the minutes"}],
        )
        self.assertEqual(meeting.state, "submitted")
        self.assertFalse(self._done_notes(meeting, "Approved by"))
        # the approval marks it as done, and schedules the distribution
        self._to_state(meeting, "approved")
        self.assertFalse(approve.exists())
        self.assertTrue(self._done_notes(meeting, "Approved"))
        self.assertEqual(self._activities(meeting, DISTRIBUTE).user_id, self.recorder)

    def test_02_attendee_deletes_the_distribution_todo(self):
        meeting = self._to_state(self.meeting, "approved")
        distribute = self._activities(meeting, DISTRIBUTE)
        for method in ("unlink", "action_cancel"):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    self.sales_rep,
                    "mail.activity",
                    method,
                    distribute.ids,
                    message=ORGANIZERS,
                )
        # the organizers' view of the minutes: no command of theirs either
        self.assertRpcRefused(
            self.recorder,
            "mail.activity",
            "action_feedback",
            distribute.ids,
            feedback="Distributed by hand",
            message=STEP,
        )
        self.assertTrue(distribute.exists())
        self.assertFalse(self._done_notes(meeting, "Distributed by hand"))
        # the distribution marks it as done
        self._to_state(meeting, "distributed")
        self.assertFalse(distribute.exists())

    def test_03_plain_activities_of_the_minutes(self):
        """A to-do on the minutes: scheduled by an organizer, done by the person
        it is assigned to; never a step of the workflow by hand."""
        todo_id = self._todo(self.recorder, self.engineer)
        todo = self.env["mail.activity"].browse(todo_id)
        # another attendee touches nothing of it
        self.assertRpcRefused(
            self.sales_rep,
            "mail.activity",
            "write",
            [todo_id],
            {"user_id": self.sales_rep.id},
            message=ORGANIZERS,
        )
        self.assertRpcRefused(
            self.sales_rep,
            "mail.activity",
            "action_feedback",
            [todo_id],
            feedback="Done",
            message=ORGANIZERS,
        )
        self.assertRpcRefused(
            self.sales_rep, "mail.activity", "unlink", [todo_id], message=ORGANIZERS
        )
        # an attendee schedules nothing on the minutes, however the client
        # places the activity
        with self.subTest(way="values"):
            self.assertRpcRefused(
                self.sales_rep,
                "mail.activity",
                "create",
                {
                    "res_model_id": self.env["ir.model"]._get_id("meeting.minutes"),
                    "res_id": self.meeting.id,
                    "activity_type_id": self.todo_type.id,
                    "user_id": self.sales_rep.id,
                },
            )
        with self.subTest(way="context"):
            self.assertRpcRefused(
                self.sales_rep,
                "mail.activity",
                "create",
                {"activity_type_id": self.todo_type.id, "user_id": self.host.id},
                context={
                    "default_res_model_id": self.env["ir.model"]._get_id(
                        "meeting.minutes"
                    ),
                    "default_res_id": self.meeting.id,
                },
            )
        with self.subTest(way="moved"):
            event_id = self.rpc(
                self.sales_rep,
                "calendar.event",
                "create",
                {
                    "name": "Customer visit",
                    "start": "2026-06-16 06:00:00",
                    "stop": "2026-06-16 07:00:00",
                },
            )
            own_id = self.rpc(
                self.sales_rep,
                "mail.activity",
                "create",
                {
                    "res_model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "res_id": event_id,
                    "activity_type_id": self.todo_type.id,
                    "user_id": self.sales_rep.id,
                },
            )
            self.assertRpcRefused(
                self.sales_rep,
                "mail.activity",
                "write",
                [own_id],
                {"res_id": self.meeting.id, "res_model_id": todo.res_model_id.id},
            )
        # the organizers schedule no step of the workflow, nor make one
        self.assertRpcRefused(
            self.recorder,
            "mail.activity",
            "write",
            [todo_id],
            {"activity_type_id": self.env.ref(APPROVE).id},
            message=STEP,
        )
        self.assertRpcRefused(
            self.recorder,
            "meeting.minutes",
            "activity_schedule",
            self.meeting.ids,
            APPROVE,
            user_id=self.host.id,
        )
        self.assertEqual(self.meeting.activity_ids, todo, "nothing else on the minutes")
        # the person it is assigned to does it
        self.rpc(
            self.engineer,
            "mail.activity",
            "action_feedback",
            [todo_id],
            feedback="Figures checked",
        )
        self.assertFalse(todo.exists())
        note = self._done_notes(self.meeting, "Figures checked")
        self.assertEqual(note.author_id, self.engineer.partner_id)
        # and an organizer changes or deletes a to-do of someone else
        other_id = self._todo(self.host, self.engineer, "Book the room")
        self.rpc(
            self.recorder,
            "mail.activity",
            "write",
            [other_id],
            {"date_deadline": "2026-06-30"},
        )
        self.rpc(self.recorder, "mail.activity", "unlink", [other_id])
        self.assertFalse(self.meeting.activity_ids)

    def test_04_a_step_is_not_retyped(self):
        """An organizer does not turn a step into a to-do to mark it as done."""
        meeting = self._to_state(self.meeting, "submitted")
        approve = self._activities(meeting, APPROVE)
        self.assertRpcRefused(
            self.recorder,
            "mail.activity",
            "write",
            approve.ids,
            {"activity_type_id": self.todo_type.id},
            message=STEP,
        )
        self.assertRpcRefused(
            self.recorder,
            "meeting.minutes",
            "write",
            meeting.ids,
            {
                "activity_ids": [
                    Command.create(
                        {
                            "activity_type_id": self.env.ref(APPROVE).id,
                            "user_id": self.recorder.id,
                        }
                    )
                ]
            },
        )
        self.assertEqual(approve.activity_type_id, self.env.ref(APPROVE))
        self.assertEqual(meeting.activity_ids, approve)


@tagged("post_install", "-at_install")
class TestRpcAttachments(MeetingRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_meeting()

    def _files(self, meeting):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", meeting._name), ("res_id", "=", meeting.id)])
        )

    def _upload(self, user, meeting, name, pending=False):
        """The chatter's upload of a file (the paperclip): its JSON answer."""
        self.login(user)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "thread_id": meeting.id,
                    "thread_model": meeting._name,
                    "is_pending": "true" if pending else "false",
                },
                files={"ufile": (name, FORGED_PDF, "application/pdf")},
            )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _post(self, user, meeting, body, attachment_ids):
        """The chatter's post of a comment: its JSON-RPC answer."""
        self.login(user)
        with mute_logger("odoo.http"):
            return self.url_open(
                "/mail/message/post",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "thread_model": meeting._name,
                            "thread_id": meeting.id,
                            "post_data": {
                                "body": body,
                                "message_type": "comment",
                                "subtype_xmlid": "mail.mt_comment",
                                "attachment_ids": attachment_ids,
                            },
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            ).json()

    def test_05_no_file_on_locked_minutes(self):
        meeting = self._to_state(self.meeting, "approved")
        pdf = meeting.approved_report_id
        files = self._files(meeting)
        # the attendee's upload (Odoo creates it in sudo once the minutes are read)
        for name in (pdf.name, "MM-2026 figures.pdf"):
            with self.subTest(name=name):
                answer = self._upload(self.engineer, meeting, name)
                self.assertIn("error", answer)
        # the recorder's create, the minutes given by the values or the context
        datas = base64.b64encode(FORGED_PDF).decode()
        for vals, context in (
            ({"res_model": meeting._name, "res_id": meeting.id}, {}),
            ({}, {"default_res_model": meeting._name, "default_res_id": meeting.id}),
        ):
            with self.subTest(vals=vals, context=context):
                self.assertRpcRefused(
                    self.recorder,
                    "ir.attachment",
                    "create",
                    {"name": pdf.name, "datas": datas, **vals},
                    context=context,
                )
        # a file of their own moved onto the minutes
        own_id = self.rpc(
            self.recorder,
            "ir.attachment",
            "create",
            {"name": "Budget.pdf", "datas": datas},
        )
        self.assertRpcRefused(
            self.recorder,
            "ir.attachment",
            "write",
            [own_id],
            {"res_model": meeting._name, "res_id": meeting.id},
            message=LOCKED,
        )
        self.assertEqual(self._files(meeting), files)
        # while the content is open, the participants add files
        draft = self._create_meeting()
        answer = self._upload(self.engineer, draft, "Slides.pdf")
        self.assertNotIn("error", answer)
        self.assertEqual(self._files(draft).mapped("name"), ["Slides.pdf"])

    def test_06_a_comment_with_a_file(self):
        """A comment on approved minutes may carry a file (the comment is allowed,
        its file belongs to it and shows who posted it when), never one named like
        the approved PDF."""
        meeting = self._to_state(self.meeting, "approved")
        pdf = meeting.approved_report_id
        # the composer's pending file, posted with the comment
        upload = self._upload(self.engineer, meeting, "Errata.pdf", pending=True)
        file_id = upload["data"]["ir.attachment"][0]["id"]
        answer = self._post(
            self.engineer, meeting, "An errata, see the file.", [file_id]
        )
        self.assertNotIn("error", answer)
        comment = self._messages(meeting)[0]
        self.assertEqual(comment.author_id, self.engineer.partner_id)
        self.assertEqual(comment.attachment_ids.name, "Errata.pdf")
        self.assertIn(comment.attachment_ids, self._files(meeting))
        # the same with a look-alike of the approved PDF
        files = self._files(meeting)
        count = len(meeting.message_ids)
        for name in (pdf.name, f"  {pdf.name.upper()} "):
            with self.subTest(name=name):
                upload = self._upload(self.engineer, meeting, name, pending=True)
                file_id = upload["data"]["ir.attachment"][0]["id"]
                answer = self._post(self.engineer, meeting, "The minutes", [file_id])
                self.assertIn(TAKEN, answer["error"]["data"]["message"])
        # given as content, or a file of their own linked
        datas = base64.b64encode(FORGED_PDF).decode()
        own_id = self.rpc(
            self.engineer,
            "ir.attachment",
            "create",
            {"name": pdf.name, "datas": datas},
        )
        for kwargs in (
            {"attachments": [[pdf.name, "forged"]]},
            {"attachment_ids": [own_id]},
        ):
            with self.subTest(kwargs=list(kwargs)):
                self.assertRpcRefused(
                    self.engineer,
                    "meeting.minutes",
                    "message_post",
                    meeting.ids,
                    body="The minutes",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    message=TAKEN,
                    **kwargs,
                )
        meeting.invalidate_recordset()
        self.assertEqual(len(meeting.message_ids), count)
        self.assertEqual(self._files(meeting), files)
        # the approved PDF itself may be quoted in a comment
        self.rpc(
            self.engineer,
            "meeting.minutes",
            "message_post",
            meeting.ids,
            body="The approved minutes",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=pdf.ids,
        )
        # nor renamed like it, on open minutes under revision either
        errata = comment.attachment_ids
        self.assertRpcRefused(
            self.recorder,
            "ir.attachment",
            "write",
            errata.ids,
            {"name": pdf.name},
            message=TAKEN,
        )
        self._reason(self.host, meeting, "revise", "A figure was mistyped.")
        self.assertEqual(meeting.state, "confirmed")
        answer = self._upload(self.engineer, meeting, pdf.name)
        self.assertIn("error", answer)
        self.assertEqual(errata.name, "Errata.pdf")

    def test_07_no_link_to_the_approved_pdf(self):
        meeting = self._to_state(self.meeting, "approved")
        pdf = meeting.approved_report_id
        self.assertRpcRefused(
            self.recorder,
            "ir.attachment",
            "write",
            pdf.ids,
            {"access_token": "tok123"},
            message="never by a link without login",
        )
        self.assertRpcRefused(
            self.recorder, "ir.attachment", "generate_access_token", pdf.ids
        )
        # the portal's chatter gives the files of the messages a link, in sudo
        note = self._messages(meeting).filtered(lambda m: pdf in m.attachment_ids)
        self.assertTrue(note)
        self.assertRpcRefused(
            self.engineer, "mail.message", "portal_message_format", note.ids
        )
        self.assertFalse(pdf.sudo().access_token)
        self.authenticate(None, None)
        self._rpc_login = None
        response = self.url_open(f"/web/content/{pdf.id}?access_token=tok123")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"%PDF", response.content[:10])
        # other files keep their links
        draft = self._create_meeting()
        upload = self._upload(self.recorder, draft, "Agenda.pdf")
        file_id = upload["data"]["ir.attachment"][0]["id"]
        [token] = self.rpc(
            self.recorder, "ir.attachment", "generate_access_token", [file_id]
        )
        self.authenticate(None, None)
        self._rpc_login = None
        response = self.url_open(f"/web/content/{file_id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, FORGED_PDF)
        # the system's own (a PDF too large for the distribution's email)
        self.assertTrue(pdf.with_user(SUPERUSER_ID).generate_access_token())
