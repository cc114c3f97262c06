"""Bad input, one table: every entry is refused with a message that says what is
wrong, and nothing of it is saved.

Each entry of ``BAD_INPUTS`` is ``(name, user, attempt, exception, message)``:

- ``user``: the attribute of the test holding the user who tries
  (``"superuser"`` for the superuser path, e.g. a server action or a shell);
- ``attempt``: ``(target, method, *args)`` where ``target`` is a model name or an
  attribute of the test holding records, or a callable ``attempt(test, env)``;
  ``Ref("name")`` in the arguments stands for the id of that attribute;
- ``exception``: the class of the refusal;
- ``message``: a regular expression the message must match (searched).

Every entry runs as its own test: a snapshot of the minutes, their lines, their
revisions, PDFs, calendar events, messages and activities is taken, the attempt
runs inside a savepoint (as a refused request is rolled back), the refusal and its
message are asserted, and the snapshot taken again must be identical.
"""

import re
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import AFTER_MEETING, MEETING_START, MeetingWorkflowCase

# what the snapshot compares before and after each refused attempt
SNAPSHOT_MODELS = (
    "meeting.minutes",
    "meeting.minutes.attendee",
    "meeting.minutes.agenda",
    "meeting.minutes.statement",
    "meeting.minutes.resolution",
    "meeting.minutes.action",
    "meeting.minutes.followup",
    "meeting.minutes.revision",
)
LOCKED = r"The minutes \[MM/2026/\d{4}\] .* are %s: their content is locked\."
WORKFLOW = r"^%s of %s changes only through the buttons of the workflow\.$"
STAYS = r"^A line of the minutes stays where it was recorded: %s cannot change"
FOREIGN = (
    r"^Incompatible companies on records:\n- .* and ..*. \(%s: 'Foreign Fang'\) "
    r"belongs to another company\.$"
)
# the participating departments take the initiating one in: both are named
FOREIGN_DEPARTMENT = (
    r"^Incompatible companies on records:\n- .* and ..*. \(%s: .*'Foreign "
    r"Marketing'\) belongs to another company\.(\n- .*'Foreign Marketing'.*)?$"
)
NOT_ORGANIZER = r"^Only the host, the recorder or a meeting manager can do this on "
FROZEN_PDF = (
    r"^MM-2026-\d{4}\.pdf is the approved PDF of the minutes \[MM/2026/\d{4}\] "
    r".*: it cannot be changed or deleted\.$"
)
EVENT_HOLDS = (
    r"^The calendar event .* holds the minutes \[MM/2026/\d{4}\] .*: only their "
    r"host, their recorder or a meeting manager can move, archive or delete it\.$"
)
NOT_DRAFT = r"^Only draft or cancelled minutes can be deleted; cancel .* first\.$"
ACTION_DEADLINE = r"^The deadline of '.*' cannot be before the meeting \(%s\)\.$"
SHA = "0" * 64


class Ref:
    """The id of a record the test holds, in the arguments of an attempt."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Ref({self.name!r})"


def _action_vals(**values):
    return {
        "meeting_id": Ref("draft"),
        "name": "Prepare the data report",
        "owner_id": Ref("engineer"),
        "deadline": "2026-06-20",
        **values,
    }


def _wizard(user_meeting, mode, reason):
    """Open the reason wizard of ``mode`` on the meeting the test holds as
    ``user_meeting`` and confirm it with ``reason``."""

    def attempt(test, env):
        meeting = getattr(test, user_meeting)
        wizard = test.Wizard.with_env(env).create(
            {"meeting_ids": [(6, 0, meeting.ids)], "mode": mode, "reason": reason}
        )
        return wizard.action_confirm()

    return attempt


def _schedule_after_the_meeting(test, env):
    with freeze_time(AFTER_MEETING):
        test.draft.with_env(env).action_schedule()


def _new_meeting(**values):
    def attempt(test, env):
        return test._new_meeting(env, **values)

    return attempt


def _new_meeting_with(**refs):
    """A new meeting with the ids of records the test holds, e.g.
    ``calendar_event_id="approved_event"``."""

    def attempt(test, env):
        return test._new_meeting(
            env, **{field: getattr(test, name).id for field, name in refs.items()}
        )

    return attempt


def _json_context_key(test, env):
    """A client sends the workflow's context key, but JSON holds no Python object."""
    test.draft.with_env(env).with_context(meeting_minutes_workflow=True).write(
        {"state": "scheduled"}
    )


# fmt: off
BAD_INPUTS = [
    # --- workflow fields of the minutes, written directly ----------------------
    ("manager writes the state", "manager",
     ("draft", "write", {"state": "approved"}),
     UserError, WORKFLOW % ("Status", "the minutes")),
    ("manager sends approved minutes back to draft", "manager",
     ("approved", "write", {"state": "draft"}),
     UserError, WORKFLOW % ("Status", "the minutes")),
    ("content and state in one write", "recorder",
     ("draft", "write", {"name": "Renamed", "state": "scheduled"}),
     UserError, WORKFLOW % ("Status", "the minutes")),
    ("workflow context key sent as JSON", "recorder", _json_context_key,
     UserError, WORKFLOW % ("Status", "the minutes")),
    ("host writes the approver", "host",
     ("bare", "write", {"approved_by_id": Ref("host"),
                        "approved_on": "2026-06-19 09:00:00"}),
     UserError, WORKFLOW % ("Approved By", "the minutes")),
    ("recorder writes the on-the-spot signature", "recorder",
     ("bare", "write", {"signed_by_id": Ref("engineer")}),
     UserError, WORKFLOW % ("Signed By", "the minutes")),
    ("recorder back-dates the notice", "recorder",
     ("draft", "write", {"notice_date": "2026-06-01 09:00:00"}),
     UserError, WORKFLOW % ("Notice Date", "the minutes")),
    ("recorder rewrites the approved PDF fingerprint", "recorder",
     ("approved", "write", {"approved_report_sha256": SHA}),
     UserError, WORKFLOW % ("Approved PDF SHA-256", "the minutes")),
    ("manager resets the revision number", "manager",
     ("approved", "write", {"revision_number": 0}),
     UserError, WORKFLOW % ("Revision", "the minutes")),
    ("manager renumbers the reference", "manager",
     ("draft", "write", {"reference": "MM/2026/9999"}),
     UserError, WORKFLOW % ("Reference", "the minutes")),
    ("manager links another calendar event", "manager",
     ("draft", "write", {"calendar_event_id": Ref("approved_event")}),
     UserError, WORKFLOW % ("Calendar Event", "the minutes")),
    ("state in create", "recorder", _new_meeting(state="approved"),
     UserError, WORKFLOW % ("Status", "the minutes")),
    ("reference in create", "recorder", _new_meeting(reference="MM/2026/9999"),
     UserError, WORKFLOW % ("Reference", "the minutes")),
    ("calendar event in create", "recorder",
     _new_meeting_with(calendar_event_id="approved_event"),
     UserError, WORKFLOW % ("Calendar Event", "the minutes")),
    ("approved PDF in create", "recorder",
     _new_meeting_with(approved_report_id="approved_report"),
     UserError, WORKFLOW % ("Approved PDF", "the minutes")),
    # --- revisions ---------------------------------------------------------------
    ("manager rewrites a revision through the minutes", "manager",
     ("approved", "write",
      {"revision_ids": [(1, Ref("approved_revision"), {"sha256": SHA})]}),
     UserError, WORKFLOW % ("Revisions", "the minutes")),
    ("manager drops a revision through the minutes", "manager",
     ("approved", "write", {"revision_ids": [(2, Ref("approved_revision"))]}),
     UserError, WORKFLOW % ("Revisions", "the minutes")),
    ("manager writes a revision", "manager",
     ("approved_revision", "write", {"sha256": SHA}),
     AccessError, r"^You are not allowed to modify 'Approved Revision of Meeting "
                  r"Minutes' \(meeting.minutes.revision\) records\."),
    ("manager deletes a revision", "manager",
     ("approved_revision", "unlink"),
     AccessError, r"^You are not allowed to delete 'Approved Revision of Meeting "
                  r"Minutes' \(meeting.minutes.revision\) records\."),
    ("manager creates a revision", "manager",
     ("meeting.minutes.revision", "create",
      {"meeting_id": Ref("approved"), "version": 2,
       "attachment_id": Ref("approved_report"), "sha256": SHA}),
     AccessError, r"^You are not allowed to create 'Approved Revision of Meeting "
                  r"Minutes' \(meeting.minutes.revision\) records\."),
    ("same revision version twice (superuser)", "superuser",
     ("meeting.minutes.revision", "create",
      {"meeting_id": Ref("approved"), "version": 1,
       "attachment_id": Ref("approved_report"), "sha256": SHA}),
     IntegrityError, r"meeting_minutes_revision_meeting_version_uniq"),
    # --- action items: workflow fields and what the owner may not do -------------
    ("owner writes the state of the own item", "owner",
     ("owner_action", "write", {"state": "done"}),
     UserError, WORKFLOW % ("Status", "Meeting Action Item")),
    ("recorder writes the done date", "recorder",
     ("owner_action", "write", {"done_date": "2026-06-30"}),
     UserError, WORKFLOW % ("Done Date", "Meeting Action Item")),
    ("manager writes carried over from", "manager",
     ("owner_action", "write", {"carried_from_id": Ref("draft_action")}),
     UserError, WORKFLOW % ("Carried Over From", "Meeting Action Item")),
    ("action item created done", "recorder",
     ("meeting.minutes.action", "create", _action_vals(state="done")),
     UserError, WORKFLOW % ("Status", "Meeting Action Item")),
    ("action item created as carried over", "recorder",
     ("meeting.minutes.action", "create",
      _action_vals(carried_from_id=Ref("owner_action"))),
     UserError, WORKFLOW % ("Carried Over From", "Meeting Action Item")),
    ("action state through the lines of the minutes", "recorder",
     ("draft", "write",
      {"action_ids": [(1, Ref("draft_action"), {"state": "done"})]}),
     UserError, WORKFLOW % ("Status", "Meeting Action Item")),
    ("owner moves the deadline of the own item", "owner",
     ("owner_action", "write", {"deadline": "2026-07-31"}),
     AccessError, NOT_ORGANIZER),
    ("owner deletes the own item", "owner", ("owner_action", "unlink"),
     AccessError, NOT_ORGANIZER),
    # --- follow-up review ----------------------------------------------------------
    ("recorder writes the decision", "recorder",
     ("followup_line", "write", {"decision": "close"}),
     UserError, WORKFLOW % ("Decision", "Follow-up of a Previous Action Item")),
    ("recorder writes the new action item", "recorder",
     ("followup_line", "write", {"new_action_id": Ref("draft_action")}),
     UserError, WORKFLOW % ("New Action Item", "Follow-up of a Previous Action Item")),
    ("recorder adds a review line by hand", "recorder",
     ("meeting.minutes.followup", "create",
      {"meeting_id": Ref("followup"), "previous_action_id": Ref("draft_action")}),
     UserError,
     WORKFLOW % ("Previous Action Item", "Follow-up of a Previous Action Item")),
    ("review of an item of a meeting not followed up (superuser)", "superuser",
     ("meeting.minutes.followup", "create",
      {"meeting_id": Ref("followup"), "previous_action_id": Ref("draft_action")}),
     ValidationError, r"^The follow-up review of \[MM/2026/\d{4}\] .* lists the "
                      r"action items of the meeting it follows up only\.$"),
    ("same item reviewed twice (superuser)", "superuser",
     ("meeting.minutes.followup", "create",
      {"meeting_id": Ref("followup"), "previous_action_id": Ref("owner_action")}),
     IntegrityError, r"meeting_minutes_followup_meeting_action_uniq"),
    ("closing an item of a meeting one may not manage", "owner",
     ("owned_line", "action_close"),
     UserError, r"^Only the host, the recorder or a meeting manager of "
                r"\[MM/2026/\d{4}\] .* can carry over or close its action item "
                r"'Adjust the production schedule'\.$"),
    ("carrying over to a deadline before the meeting", "recorder",
     ("followup_line", "action_carry_over"),
     ValidationError, ACTION_DEADLINE % "2026-07-06"),
    # --- lines stay where they were recorded --------------------------------------
    ("attendee moved to another meeting", "recorder",
     ("sales_attendee", "write", {"meeting_id": Ref("chained")}),
     UserError, STAYS % "Meeting"),
    ("statement moved to another agenda item", "recorder",
     ("partial_statement", "write", {"agenda_id": Ref("draft_item")}),
     UserError, STAYS % "Agenda Item"),
    ("action item moved to another meeting", "manager",
     ("draft_action", "write", {"meeting_id": Ref("chained")}),
     UserError, STAYS % "Meeting"),
    ("review line moved to another meeting", "recorder",
     ("followup_line", "write", {"meeting_id": Ref("chained")}),
     UserError, STAYS % "Meeting"),
    # --- locked minutes --------------------------------------------------------------
    ("statement added to approved minutes", "recorder",
     ("meeting.minutes.statement", "create",
      {"agenda_id": Ref("approved_item"), "kind": "consensus",
       "content": "Afterthought"}),
     UserError, LOCKED % "Approved"),
    ("manager adds an attendee to approved minutes", "manager",
     ("meeting.minutes.attendee", "create",
      {"meeting_id": Ref("approved"), "user_id": Ref("rd_director")}),
     UserError, LOCKED % "Approved"),
    ("resolution added to submitted minutes", "recorder",
     ("meeting.minutes.resolution", "create",
      {"meeting_id": Ref("self_recorded"), "content": "Afterthought"}),
     UserError, LOCKED % "Submitted"),
    ("manager renames approved minutes", "manager",
     ("approved", "write", {"name": "Renamed"}),
     UserError, LOCKED % "Approved"),
    ("agenda item deleted from approved minutes", "recorder",
     ("approved_item", "unlink"),
     UserError, LOCKED % "Approved"),
    ("manager deletes a resolution of approved minutes", "manager",
     ("approved_resolution", "unlink"),
     UserError, LOCKED % "Approved"),
    # --- dates and deadlines ---------------------------------------------------------
    ("stop before start", "recorder",
     ("draft", "write", {"stop": "2026-06-15 05:00:00"}),
     ValidationError, r"^The meeting .* must end after it starts\.$"),
    ("meeting created ending when it starts", "recorder",
     _new_meeting(stop=MEETING_START),
     ValidationError, r"^The meeting .* must end after it starts\.$"),
    ("action deadline before the meeting", "recorder",
     ("meeting.minutes.action", "create", _action_vals(deadline="2026-06-01")),
     ValidationError, ACTION_DEADLINE % "2026-06-15"),
    ("meeting moved after its action deadlines", "recorder",
     ("draft", "write",
      {"start": "2026-06-29 06:00:00", "stop": "2026-06-29 08:00:00"}),
     ValidationError, ACTION_DEADLINE % "2026-06-29"),
    ("scheduling a meeting in the past", "recorder", _schedule_after_the_meeting,
     UserError, r"starts in the past: move it before sending the invitations\.$"),
    # --- another company -------------------------------------------------------------
    ("host of another company", "recorder",
     ("draft", "write", {"host_id": Ref("user_b")}),
     UserError, FOREIGN % "host_id"),
    ("recorder of another company", "recorder",
     ("draft", "write", {"recorder_id": Ref("user_b")}),
     UserError, FOREIGN % "recorder_id"),
    ("leader in copy of another company", "recorder",
     ("draft", "write", {"cc_user_ids": [(4, Ref("user_b"))]}),
     UserError, FOREIGN % "cc_user_ids"),
    ("attendee of another company", "recorder",
     ("meeting.minutes.attendee", "create",
      {"meeting_id": Ref("draft"), "user_id": Ref("user_b"),
       "department_id": Ref("dep_rd")}),
     UserError, FOREIGN % "user_id"),
    ("action owner of another company", "recorder",
     ("meeting.minutes.action", "create",
      _action_vals(owner_id=Ref("user_b"), department_id=Ref("dep_rd"))),
     UserError, FOREIGN % "owner_id"),
    ("participating department of another company", "recorder",
     ("draft", "write", {"department_ids": [(4, Ref("dep_b"))]}),
     UserError, FOREIGN_DEPARTMENT % "department_ids"),
    ("initiating department of another company", "recorder",
     ("draft", "write", {"initiating_department_id": Ref("dep_b")}),
     UserError, FOREIGN_DEPARTMENT % "initiating_department_id"),
    # --- empty texts -----------------------------------------------------------------
    ("cancelling with a blank reason", "recorder",
     _wizard("draft", "cancel", "   "), UserError, r"^Give a reason\.$"),
    ("revising with a blank reason", "host",
     _wizard("approved", "revise", "\n\t "), UserError, r"^Give a reason\.$"),
    ("absence without reason", "recorder",
     ("sales_attendee", "write", {"attendance": "absent", "absence_reason": "  "}),
     ValidationError, r"^Sales Sun is absent: record the reason of the absence\.$"),
    ("online meeting without URL or platform", "recorder",
     ("draft", "write", {"location_type": "online", "location": False}),
     ValidationError,
     r"^The online meeting .* needs a platform name or a meeting URL\.$"),
    ("online meeting with a blank platform", "recorder",
     ("draft", "write", {"location_type": "online", "location": "   "}),
     ValidationError,
     r"^The online meeting .* needs a platform name or a meeting URL\.$"),
    ("absentee confirming before the meeting", "recorder",
     ("absent_attendee", "write", {"confirmed": True}),
     UserError, r"^The attendees confirm or object on the spot, while the meeting "),
    # --- duplicates ------------------------------------------------------------------
    ("same attendee twice", "recorder",
     ("meeting.minutes.attendee", "create",
      {"meeting_id": Ref("draft"), "user_id": Ref("engineer")}),
     IntegrityError, r"meeting_minutes_attendee_meeting_user_uniq"),
    ("same attendee twice in a new meeting", "recorder",
     _new_meeting(attendee_users=("engineer", "engineer")),
     IntegrityError, r"meeting_minutes_attendee_meeting_user_uniq"),
    # --- the previous meeting --------------------------------------------------------
    ("following up a meeting one may not read", "recorder",
     ("draft", "write", {"previous_meeting_id": Ref("foreign")}),
     UserError, r"cannot follow up a meeting you may not read\.$"),
    ("created following up a meeting one may not read", "recorder",
     _new_meeting_with(previous_meeting_id="foreign"),
     UserError, r"cannot follow up a meeting you may not read\.$"),
    ("meeting following up itself", "recorder",
     ("draft", "write", {"previous_meeting_id": Ref("draft")}),
     ValidationError, r"^A meeting cannot follow up itself, directly or not\.$"),
    ("cycle of previous meetings", "recorder",
     ("draft", "write", {"previous_meeting_id": Ref("chained")}),
     ValidationError, r"^A meeting cannot follow up itself, directly or not\.$"),
    # --- submission, approval, revision ----------------------------------------------
    ("submitting without statements", "recorder", ("bare", "action_submit"),
     UserError, r"cannot be submitted without a statement on 'Feature priority'; "
                r"a statement on 'Resources'; a resolution or an action item\.$"),
    ("submitting without resolution or action item", "recorder",
     ("partial", "action_submit"),
     UserError, r"\] .* cannot be submitted without a resolution or an action "
                r"item\.$"),
    ("self-approval of the host who recorded", "recorder",
     ("self_recorded", "action_approve"),
     UserError, r"nobody approves the minutes they recorded\.$"),
    ("self-rejection of the host who recorded", "recorder",
     ("self_recorded", "action_reject"),
     UserError, r"nobody approves the minutes they recorded\.$"),
    ("approving twice", "host", ("approved", "action_approve"),
     UserError, r"cannot be approved or rejected: they are Approved\.$"),
    ("revising a draft", "host", ("draft", "action_revise"),
     UserError, r"cannot be revised: they are Draft\.$"),
    ("recorder revising approved minutes", "recorder",
     ("approved", "action_revise"),
     UserError, r"^Only the host Host Li or a meeting manager can revise the "
                r"minutes \[MM/2026/\d{4}\] "),
    ("verifying minutes without approved PDF", "recorder",
     ("draft", "action_verify_approved_report"),
     UserError, r"have no approved PDF yet\.$"),
    ("deleting approved minutes", "manager", ("approved", "unlink"),
     UserError, NOT_DRAFT),
    ("deleting confirmed minutes", "recorder", ("bare", "unlink"),
     UserError, NOT_DRAFT),
    # --- the frozen PDF -----------------------------------------------------------
    ("host rewrites the approved PDF", "host",
     ("approved_report", "write", {"raw": b"%PDF-1.4 forged"}),
     UserError, FROZEN_PDF),
    ("manager renames the approved PDF", "manager",
     ("approved_report", "write", {"name": "forged.pdf"}),
     UserError, FROZEN_PDF),
    ("manager detaches the approved PDF", "manager",
     ("approved_report", "write", {"res_id": Ref("draft")}),
     UserError, FROZEN_PDF),
    ("host deletes the approved PDF", "host", ("approved_report", "unlink"),
     UserError, FROZEN_PDF),
    ("manager deletes the approved PDF", "manager", ("approved_report", "unlink"),
     UserError, FROZEN_PDF),
    # --- the calendar is no back door ------------------------------------------------
    ("attendee moves the event of the minutes", "engineer",
     ("approved_event", "write",
      {"start": "2026-06-16 06:00:00", "stop": "2026-06-16 08:30:00"}),
     UserError, EVENT_HOLDS),
    ("attendee archives the event of the minutes", "engineer",
     ("approved_event", "write", {"active": False}),
     UserError, EVENT_HOLDS),
    ("attendee deletes the event of the minutes", "engineer",
     ("approved_event", "unlink"),
     UserError, EVENT_HOLDS),
]
# fmt: on


@tagged("post_install", "-at_install")
class TestBadInput(MeetingWorkflowCase):
    """The table of bad inputs (see the module): refused, clearly, and nothing of
    them saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the workflow helpers of MeetingWorkflowCase are instance methods
        walker = cls()
        Recorder = cls.env(user=cls.recorder)
        # another company, its department and its user
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.dep_b = cls.env["hr.department"].create(
            {"name": "Foreign Marketing", "company_id": cls.company_b.id}
        )
        cls.user_b = new_test_user(
            cls.env,
            login="mm_foreign",
            name="Foreign Fang",
            groups="base.group_user,meeting_minutes.group_meeting_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        # draft minutes, an absentee, an action item, a meeting following them up
        cls.draft = cls._create_meeting()
        cls.draft_item = cls.draft.agenda_ids[0]
        cls.sales_attendee = cls.draft.attendee_ids.filtered(
            lambda a: a.user_id == cls.sales_rep
        )
        cls.absent_attendee = Recorder["meeting.minutes.attendee"].create(
            {
                "meeting_id": cls.draft.id,
                "user_id": cls.rd_director.id,
                "attendance": "absent",
                "absence_reason": "Sick leave",
            }
        )
        cls.draft_action = Recorder["meeting.minutes.action"].create(
            {
                "meeting_id": cls.draft.id,
                "name": "Collect the requirement list",
                "owner_id": cls.engineer.id,
                "deadline": date(2026, 6, 20),
            }
        )
        cls.chained = cls._create_meeting(previous_meeting_id=cls.draft.id)
        # minutes of Finance the recorder may not read
        cls.foreign = (
            cls.env["meeting.minutes"]
            .with_user(cls.outsider)
            .create(
                {
                    "name": "Finance budget review",
                    "purpose": "Close the budget",
                    "initiating_department_id": cls.dep_finance.id,
                    "host_id": cls.outsider.id,
                    "recorder_id": cls.outsider.id,
                    "start": MEETING_START,
                    "stop": MEETING_START + timedelta(hours=1),
                    "location": "Room 101",
                    "attendee_ids": [(0, 0, {"user_id": cls.outsider.id})],
                }
            )
        )
        # confirmed minutes with nothing recorded, and with statements only
        cls.bare = walker._to_state(cls._create_meeting(), "confirmed")
        cls.partial = cls._create_meeting()
        cls.partial_statement = Recorder["meeting.minutes.statement"].create(
            [
                {
                    "agenda_id": item.id,
                    "department_id": cls.dep_sales.id,
                    "kind": "problem",
                    "content": f"Sales needs {item.name}.",
                }
                for item in cls.partial.agenda_ids
            ]
        )[0]
        walker._to_state(cls.partial, "confirmed")
        # submitted minutes whose host is also the recorder
        cls.self_recorded = walker._to_state(
            cls._create_meeting(host_id=cls.recorder.id), "submitted"
        )
        # approved minutes: the frozen PDF, its revision, the calendar event
        cls.approved = walker._to_state(cls._create_meeting(), "approved")
        cls.approved_item = cls.approved.agenda_ids[0]
        cls.approved_resolution = cls.approved.resolution_ids[0]
        cls.approved_report = cls.approved.approved_report_id
        cls.approved_revision = cls.approved.revision_ids
        cls.approved_event = cls.approved.calendar_event_id
        cls.owner_action = cls.approved.action_ids.filtered(
            lambda a: a.owner_id == cls.owner
        )
        # the next meeting reviews the approved minutes' items; the reason is
        # given and the new deadline falls before the next meeting
        cls.followup = cls._create_meeting(
            start=datetime(2026, 7, 6, 6, 0), previous_meeting_id=cls.approved.id
        )
        cls.followup_line = cls.followup.followup_ids.filtered(
            lambda f: f.previous_action_id == cls.owner_action
        )
        cls.followup_line.with_user(cls.recorder).write(
            {"reason_category": "resources", "new_deadline": date(2026, 6, 30)}
        )
        # a meeting of the owner reviewing the same items: the owner may not
        # manage the approved minutes
        cls.owned = (
            cls.env["meeting.minutes"]
            .with_user(cls.owner)
            .create(
                {
                    "name": "Production follow-up",
                    "purpose": "Review the production items",
                    "initiating_department_id": cls.dep_production.id,
                    "host_id": cls.owner.id,
                    "recorder_id": cls.owner.id,
                    "start": datetime(2026, 7, 6, 6, 0),
                    "stop": datetime(2026, 7, 6, 7, 0),
                    "location": "Workshop",
                    "attendee_ids": [(0, 0, {"user_id": cls.owner.id})],
                    "previous_meeting_id": cls.approved.id,
                }
            )
        )
        cls.owned_line = cls.owned.followup_ids.filtered(
            lambda f: f.previous_action_id == cls.owner_action
        )
        cls.owned_line.with_user(cls.owner).reason_category = "dependency"
        cls.env.flush_all()

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _new_meeting(self, env, attendee_users=(), **values):
        """Create minutes as ``env``'s user; ``attendee_users`` names the users the
        test holds who attend."""
        values.setdefault(
            "attendee_ids",
            [(0, 0, {"user_id": getattr(self, user).id}) for user in attendee_users],
        )
        return env["meeting.minutes"].create(
            {
                "name": "Bad input coordination meeting",
                "purpose": "Refuse what is wrong",
                "initiating_department_id": self.dep_marketing.id,
                "department_ids": [(6, 0, (self.dep_marketing | self.dep_rd).ids)],
                "host_id": self.host.id,
                "recorder_id": self.recorder.id,
                "start": MEETING_START,
                "stop": MEETING_START + timedelta(hours=2),
                "location_type": "onsite",
                "location": "Room 302",
                **values,
            }
        )

    def _resolve(self, value):
        if isinstance(value, Ref):
            return getattr(self, value.name).id
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._resolve(item) for item in value)
        return value

    def _env_of(self, user):
        if user == "superuser":
            return self.env(su=True)
        return self.env(user=getattr(self, user))

    def _attempt(self, attempt, env):
        if callable(attempt):
            return attempt(self, env)
        target, method, *args = attempt
        if target in self.env.registry:
            records = env[target]
        else:
            records = getattr(self, target).with_env(env)
        return getattr(records, method)(*self._resolve(args))

    def _snapshot(self):
        """Everything a refused attempt could have left behind, read from the
        database."""
        self.env.flush_all()
        self.env.invalidate_all()
        env = self.env(su=True, context={"active_test": False})
        snapshot = {}
        for model in SNAPSHOT_MODELS:
            Model = env[model]
            fnames = [
                name
                for name, field in Model._fields.items()
                if field.store and field.type != "binary"
            ]
            snapshot[model] = Model.search([], order="id").read(fnames)
        snapshot["ir.attachment"] = (
            env["ir.attachment"]
            .search([("res_model", "in", SNAPSHOT_MODELS)], order="id")
            .read(["name", "checksum", "res_model", "res_id", "mimetype"])
        )
        snapshot["calendar.event"] = (
            env["calendar.event"]
            .search([], order="id")
            .read(["name", "start", "stop", "location", "videocall_location", "active"])
        )
        for model, field in (
            ("mail.message", "model"),
            ("mail.activity", "res_model"),
            ("mail.followers", "res_model"),
        ):
            snapshot[model] = env[model].search_count([(field, "in", SNAPSHOT_MODELS)])
        return snapshot

    def _assert_refused(self, name, user, attempt, exception, message):
        env = self._env_of(user)
        before = self._snapshot()
        with (
            mute_logger(
                "odoo.sql_db",
                "odoo.addons.base.models.ir_model",
                "odoo.addons.base.models.ir_rule",
            ),
            self.assertRaisesRegex(exception, message, msg=name),
            # what a refused request leaves: its transaction rolled back
            self.env.cr.savepoint(),
        ):
            self._attempt(attempt, env)
            # the constraints and unique indexes answer at the latest here
            self.env.flush_all()
        self.assertEqual(self._snapshot(), before, f"{name}: something was saved")

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_the_table(self):
        names = [row[0] for row in BAD_INPUTS]
        self.assertGreaterEqual(len(names), 30)
        self.assertEqual(len(names), len(set(names)), "every bad input is named once")
        for row in BAD_INPUTS:
            self.assertEqual(len(row), 5, row[0])
            self.assertTrue(issubclass(row[3], Exception), row[0])


def _bad_input_test(row):
    def test(self):
        self._assert_refused(*row)

    test.__doc__ = f"Refused, clearly, nothing saved: {row[0]}."
    return test


# one test per entry: a failure names the entry, the others still run
for _index, _row in enumerate(BAD_INPUTS, start=1):
    _slug = re.sub(r"\W+", "_", _row[0].lower()).strip("_")
    setattr(TestBadInput, f"test_{_index:02d}_{_slug}", _bad_input_test(_row))
