from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

# the guard's names, imported from here by the rest of the addon
from .meeting_minutes_guard_mixin import (  # noqa: F401
    MAIL_FIELDS,
    SYNC_KEY,
    WORKFLOW_KEY,
    WORKFLOW_TOKEN,
    is_sync,
    is_workflow,
    without_defaults,
)

# the states in which the content of the minutes is open
OPEN_STATES = ("draft", "scheduled", "in_progress", "confirmed")
# the states in which action owners report progress (the minutes are the record)
PROGRESS_STATES = OPEN_STATES + ("submitted", "approved", "distributed")

# the live meeting room (static/src/meeting_room): a notification on the meeting's
# subchannel tells the rooms open on it that lines changed; it carries no content,
# each room reads the changes again as its user may
ROOM_NOTIFICATION = "meeting_minutes.room_update"
ROOM_SUBCHANNEL = "meeting_minutes_room"


class MeetingMinutesContentMixin(models.AbstractModel):
    """The lines of the minutes (attendance, discussion, resolutions, action items,
    follow-up review).

    One rule, checked here on create, write and delete whoever calls the ORM: the
    lines belong to one meeting (``_meeting_parent_field`` never changes), those
    who may manage the meeting edit them while its content is open
    (``OPEN_STATES``), the fields in ``_meeting_workflow_fields`` change only
    through the workflow's methods, and the fields in ``_meeting_progress_fields``
    are what the person ``_can_report_progress`` allows changes, in
    ``PROGRESS_STATES``.
    """

    _name = "meeting.minutes.content.mixin"
    _inherit = ["meeting.minutes.guard.mixin"]
    _description = "Meeting Minutes Content"

    # the field that ties a line to its parent: set at creation, never moved
    _meeting_parent_field = "meeting_id"
    # the progress a line's owner reports (see _can_report_progress)
    _meeting_progress_fields = frozenset()
    # what the host reads out for the attendees to confirm (resolutions, action
    # items): a line created, deleted or changed in these fields while the meeting
    # is in progress asks the attendees who decided already again
    _meeting_read_out_fields = frozenset()

    meeting_id = fields.Many2one(
        "meeting.minutes",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    # the rule of _check_can_edit_content, for the views of the line
    meeting_can_edit = fields.Boolean(related="meeting_id.can_edit_content")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # the guard (meeting.minutes.guard.mixin) checks what was created
        records = super().create(vals_list)
        records._room_notify()
        # the workflow's creates too (an item carried over into the meeting)
        if self._meeting_read_out_fields:
            records._get_meetings()._read_out_changed()
        return records

    def write(self, vals):
        # the guard (meeting.minutes.guard.mixin) checks the write: _check_write
        before = {line: line._room_agenda() for line in self._room_lines()}
        read_out = self._read_out_values(vals)
        result = super().write(vals)
        if read_out:
            self.filtered(
                lambda line: read_out[line] != line._read_out_values(vals)[line]
            )._get_meetings()._read_out_changed()
        self._room_notify()
        # a line moved to another agenda item leaves the room of the first one
        self._room_lines().filtered(
            lambda line: before[line] != line._room_agenda()
        )._room_notify(lambda line: before[line])
        return result

    def unlink(self):
        self._room_notify()
        meetings = self.env["meeting.minutes"]
        if self._meeting_read_out_fields:
            meetings = self._get_meetings()
        result = super().unlink()
        meetings.exists()._read_out_changed()
        return result

    def _read_out_values(self, vals):
        """The read-out fields ``vals`` writes, as each line holds them (none for
        the workflow's own writes)."""
        names = sorted(self._meeting_read_out_fields & vals.keys())
        if not names or is_workflow(self.env):
            return {}
        return {line: [line[name] for name in names] for line in self}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_minutes(self):
        if not is_workflow(self.env):
            self._check_content_open(self._get_meetings())

    # ------------------------------------------------------------
    # THE MEETING ROOM
    # ------------------------------------------------------------

    def _room_agenda(self):
        """The agenda item under which the meeting room shows this line; lines
        that the room does not show return None."""
        return None

    def _room_lines(self):
        return self.filtered(lambda line: line._room_agenda() is not None)

    def _room_notify(self, agenda_of=None):
        """One notification per meeting and agenda item of these lines: the model,
        the ids, the agenda item. Only minutes whose content is open have a room."""
        agenda_of = agenda_of or (lambda line: line._room_agenda())
        groups = {}
        for line in self._room_lines():
            meeting = line.meeting_id
            if not meeting or meeting.state not in OPEN_STATES:
                continue
            key = (meeting, agenda_of(line).id or False)
            groups.setdefault(key, []).append(line.id)
        Bus = self.env["bus.bus"]
        for (meeting, agenda_id), ids in groups.items():
            Bus._sendone(
                (meeting, ROOM_SUBCHANNEL),
                ROOM_NOTIFICATION,
                {
                    "meeting_id": meeting.id,
                    "model": self._name,
                    "ids": ids,
                    "agenda_id": agenda_id,
                },
            )

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _get_meetings(self):
        return self.mapped("meeting_id")

    def _check_create_values(self, vals_list):
        meetings = self._get_meetings_from_values(vals_list)
        if meetings:
            meetings._check_can_edit_content()
        return super()._check_create_values(vals_list)

    def _get_meetings_from_values(self, vals_list):
        """The meetings the values name (an RPC client may leave the parent to
        the context: see _check_created)."""
        parent = self._fields[self._meeting_parent_field]
        ids = {vals.get(parent.name) for vals in vals_list}
        ids = {id_ for id_ in ids if isinstance(id_, int) and 0 < id_ < 2**31}
        parents = self.env[parent.comodel_name].browse(ids).exists()
        if parent.comodel_name == "meeting.minutes":
            return parents
        return parents.meeting_id

    def _check_created(self):
        """The lines as they are after the create: their meeting's content is
        open and the user may edit it, whatever put them in that meeting (a
        value, a ``default_*`` key of the context, a command of the parent)."""
        self._check_content_open(self._get_meetings())
        return super()._check_created()

    def _check_write(self, changed, vals):
        for parent in {self._meeting_parent_field, "meeting_id"} & changed:
            if any(line[parent].id != vals[parent] for line in self):
                raise UserError(
                    _(
                        "A line of the minutes stays where it was recorded: "
                        "%(field)s cannot change; delete the line and record it "
                        "again.",
                        field=self._fields[parent]._description_string(self.env),
                    )
                )
        changed = changed - {self._meeting_parent_field, "meeting_id"}
        super()._check_write(changed, vals)
        if not changed:
            return
        if changed <= self._meeting_progress_fields:
            self._check_can_report_progress()
        else:
            self._check_content_open(self._get_meetings())

    def _check_content_open(self, meetings):
        """A save of lines of ``meetings``: the rule of the content
        (``_check_can_edit_content``), then the minutes held until the save
        commits, so that no step of the workflow locks the content in between
        (``_lock_for_content``)."""
        meetings._check_can_edit_content()
        meetings._lock_for_content(update=self._meeting_counts_lines())

    @tools.ormcache()
    def _meeting_counts_lines(self):
        """Whether saving these lines updates the row of the minutes too: the
        minutes store a figure computed from them (their attendees and action
        items are counted), or they are read out (a change asks the attendees
        again, ``read_out_version``)."""
        return bool(self._meeting_read_out_fields) or any(
            dependent.model_name == "meeting.minutes"
            and dependent.store
            and dependent.column_type
            for field in self._fields.values()
            for dependent in self.pool.get_dependent_fields(field)
        )

    def _check_can_report_progress(self):
        for line in self:
            if line.meeting_id.state not in PROGRESS_STATES:
                self._raise_locked(line.meeting_id)
            if not line._can_report_progress():
                line.meeting_id._check_can_edit_content()

    def _can_report_progress(self):
        """Whether the current user reports the progress of this line."""
        self.ensure_one()
        return False

    def _raise_locked(self, meeting):
        raise UserError(
            _(
                "The minutes %(name)s are %(state)s: their content is locked.",
                name=meeting.display_name,
                state=meeting._state_label(meeting.state),
            )
        )
