"""The live meeting room (static/src/meeting_room): its data in one call, and the
bus notifications that tell the rooms open on a meeting that its lines changed.

The room writes through the ORM (create / write / unlink of the lines), so the
rules of the content mixin apply to it as to any other caller; the notifications
carry no content: each room reads the changes again, as its user may."""

import re

from odoo import api, fields, models

from .meeting_minutes_content_mixin import OPEN_STATES

ROOM_NOTIFICATION = "meeting_minutes.room_update"
# the subchannel of a meeting that its rooms listen to
ROOM_SUBCHANNEL = "meeting_minutes_room"
# what a room asks to listen to: "meeting_minutes.room_<meeting id>"
ROOM_CHANNEL_RE = re.compile(r"^meeting_minutes\.room_(\d+)$")


def _room_notify(lines, agenda_of):
    """One notification per meeting and agenda item of ``lines``: the model, the
    ids, the agenda item. Only minutes whose content is open have a room."""
    groups = {}
    for line in lines:
        meeting = line.meeting_id
        if not meeting or meeting.state not in OPEN_STATES:
            continue
        key = (meeting, agenda_of(line).id or False)
        groups.setdefault(key, []).append(line.id)
    Bus = lines.env["bus.bus"]
    for (meeting, agenda_id), ids in groups.items():
        Bus._sendone(
            (meeting, ROOM_SUBCHANNEL),
            ROOM_NOTIFICATION,
            {
                "meeting_id": meeting.id,
                "model": lines._name,
                "ids": ids,
                "agenda_id": agenda_id,
            },
        )


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"

    def action_open_meeting_room(self):
        """The live meeting room of these minutes (a client action)."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "meeting_minutes.action_meeting_room"
        )
        action["params"] = {"meeting_id": self.id}
        action["name"] = self.display_name
        return action

    def get_room_data(self):
        """Everything the room shows, read as the current user (record rules
        apply), in a number of queries that does not grow with the minutes."""
        self.ensure_one()
        self.check_access("read")
        meeting = self
        departments = meeting.initiating_department_id | meeting.department_ids
        Agenda = self.env["meeting.minutes.agenda"]
        domain = [("meeting_id", "=", meeting.id)]
        items = Agenda.search_fetch(
            domain, ["sequence", "name", "planned_minutes"], order="sequence, id"
        )
        attendees = self.env["meeting.minutes.attendee"].search_fetch(
            domain,
            [
                "user_id",
                "department_id",
                "job_title",
                "attendance",
                "absence_reason",
                "written_opinion",
            ],
        )
        statements = self.env["meeting.minutes.statement"].search_fetch(
            domain,
            ["agenda_id", "sequence", "department_id", "kind", "content"],
            order="sequence, id",
        )
        resolutions = self.env["meeting.minutes.resolution"].search_fetch(
            domain, ["agenda_id", "sequence", "content"], order="sequence, id"
        )
        actions = self.env["meeting.minutes.action"].search_fetch(
            domain,
            [
                "name",
                "resolution_id",
                "owner_id",
                "department_id",
                "deadline",
                "state",
                "sequence",
            ],
            order="sequence, id",
        )
        # the names, once for all: users and departments in one batch each
        users = attendees.user_id | actions.owner_id | meeting.host_id
        users |= meeting.recorder_id
        users.mapped("display_name")
        (departments | attendees.department_id | statements.department_id).mapped(
            "display_name"
        )
        (actions.department_id).mapped("display_name")
        # the lanes: the initiating department, the participating ones by name,
        # then any other department that spoke (removed from the meeting after)
        initiating = meeting.initiating_department_id
        lane_departments = (
            initiating
            | (departments - initiating).sorted("display_name")
            | (statements.department_id - departments).sorted("display_name")
        )
        people = {department: [] for department in lane_departments}
        absentees = {department: [] for department in lane_departments}
        for attendee in attendees:
            if attendee.department_id not in people:
                continue
            if attendee.attendance == "absent":
                absentees[attendee.department_id].append(
                    {
                        "id": attendee.id,
                        "name": attendee.user_id.display_name,
                        "job_title": attendee.job_title or "",
                        "reason": attendee.absence_reason or "",
                        "written_opinion": attendee.written_opinion or "",
                    }
                )
            else:
                people[attendee.department_id].append(
                    {
                        "id": attendee.id,
                        "name": attendee.user_id.display_name,
                        "job_title": attendee.job_title or "",
                    }
                )
        by_item = {item.id: [] for item in items}
        for statement in statements:
            by_item.setdefault(statement.agenda_id.id, []).append(statement)
        resolutions_by_item = {}
        for resolution in resolutions:
            resolutions_by_item.setdefault(resolution.agenda_id.id, []).append(
                resolution
            )
        actions_by_item = {}
        for action in actions:
            actions_by_item.setdefault(
                action.resolution_id.agenda_id.id or False, []
            ).append(action)

        def statement_data(statement):
            return {
                "id": statement.id,
                "kind": statement.kind,
                "content": statement.content,
                "department_id": statement.department_id.id or False,
            }

        def resolution_data(resolution):
            return {
                "id": resolution.id,
                "content": resolution.content,
                "agenda_id": resolution.agenda_id.id or False,
            }

        def action_data(action):
            return {
                "id": action.id,
                "name": action.name,
                "resolution_id": action.resolution_id.id or False,
                "owner": [action.owner_id.id, action.owner_id.display_name],
                "department": [
                    action.department_id.id,
                    action.department_id.display_name,
                ],
                "deadline": fields.Date.to_string(action.deadline),
                "state": action.state,
            }

        agenda = []
        for item in items:
            item_statements = by_item[item.id]
            lanes = []
            for department in lane_departments:
                spoke = [s for s in item_statements if s.department_id == department]
                if department not in departments and not spoke:
                    continue
                lanes.append(
                    {
                        "department_id": department.id,
                        "department": department.display_name,
                        "participating": department in departments,
                        "attendees": people[department],
                        "absentees": absentees[department],
                        "statements": [statement_data(s) for s in spoke],
                    }
                )
            consensus = [
                statement_data(s) for s in item_statements if not s.department_id
            ]
            item_resolutions = resolutions_by_item.get(item.id, [])
            agenda.append(
                {
                    "id": item.id,
                    "sequence": item.sequence,
                    "name": item.name,
                    "planned_minutes": item.planned_minutes,
                    "has_consensus": any(
                        s.kind == "consensus" for s in item_statements
                    ),
                    "has_resolution": bool(item_resolutions),
                    "lanes": lanes,
                    "consensus": consensus,
                    "resolutions": [resolution_data(r) for r in item_resolutions],
                    "actions": [
                        action_data(a) for a in actions_by_item.get(item.id, [])
                    ],
                }
            )
        Statement = self.env["meeting.minutes.statement"]
        Action = self.env["meeting.minutes.action"]
        return {
            "meeting": {
                "id": meeting.id,
                "name": meeting.name,
                "reference": meeting.reference or "",
                "display_name": meeting.display_name,
                "state": meeting.state,
                "state_label": meeting._state_label(meeting.state),
                "start": fields.Datetime.to_string(meeting.start),
                "stop": fields.Datetime.to_string(meeting.stop),
                "location": meeting.location or "",
                "host": meeting.host_id.display_name,
                "recorder": meeting.recorder_id.display_name,
            },
            "state": meeting.state,
            "can_edit": meeting.can_edit_content,
            "progress": {
                "done": sum(1 for item in agenda if item["has_consensus"]),
                "total": len(agenda),
            },
            "agenda": agenda,
            # the resolutions and action items of no agenda item
            "resolutions": [
                resolution_data(r) for r in resolutions_by_item.get(False, [])
            ],
            "actions": [action_data(a) for a in actions_by_item.get(False, [])],
            "kinds": [
                list(kind)
                for kind in Statement._fields["kind"]._description_selection(self.env)
            ],
            "action_states": [
                list(state)
                for state in Action._fields["state"]._description_selection(self.env)
            ],
        }


class MeetingMinutesAgenda(models.Model):
    _inherit = "meeting.minutes.agenda"

    # a line field: the content mixin locks it with the rest of the minutes
    planned_minutes = fields.Integer(
        help="The time planned for the item: the meeting room shows when it runs over.",
    )


class MeetingMinutesStatement(models.Model):
    _inherit = "meeting.minutes.statement"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        _room_notify(records, lambda line: line.agenda_id)
        return records

    def write(self, vals):
        result = super().write(vals)
        _room_notify(self, lambda line: line.agenda_id)
        return result

    def unlink(self):
        _room_notify(self, lambda line: line.agenda_id)
        return super().unlink()


class MeetingMinutesResolution(models.Model):
    _inherit = "meeting.minutes.resolution"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        _room_notify(records, lambda line: line.agenda_id)
        return records

    def write(self, vals):
        before = {line: line.agenda_id for line in self}
        result = super().write(vals)
        _room_notify(self, lambda line: line.agenda_id)
        moved = self.filtered(lambda line: before[line] != line.agenda_id)
        _room_notify(moved, lambda line: before[line])
        return result

    def unlink(self):
        _room_notify(self, lambda line: line.agenda_id)
        return super().unlink()


class MeetingMinutesAction(models.Model):
    _inherit = "meeting.minutes.action"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        _room_notify(records, lambda line: line.resolution_id.agenda_id)
        return records

    def write(self, vals):
        before = {line: line.resolution_id.agenda_id for line in self}
        result = super().write(vals)
        _room_notify(self, lambda line: line.resolution_id.agenda_id)
        moved = self.filtered(lambda line: before[line] != line.resolution_id.agenda_id)
        _room_notify(moved, lambda line: before[line])
        return result

    def unlink(self):
        _room_notify(self, lambda line: line.resolution_id.agenda_id)
        return super().unlink()


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        channels = list(channels)  # do not alter the client's list
        asked = [c for c in channels if isinstance(c, str) and ROOM_CHANNEL_RE.match(c)]
        for channel in asked:
            channels.remove(channel)
        channels.extend(self._meeting_room_channels(asked))
        return super()._build_bus_channel_list(channels)

    @api.model
    def _meeting_room_channels(self, names):
        """The channels of the rooms asked for, of the meetings the user may read
        (the record rules decide): the others are left out, silently."""
        ids = {int(ROOM_CHANNEL_RE.match(name)[1]) for name in names}
        if not ids or not self.env.user._is_internal():
            return []
        Meeting = self.env["meeting.minutes"]
        if not Meeting.has_access("read"):
            return []
        meetings = Meeting.search([("id", "in", list(ids))])
        return [(meeting, ROOM_SUBCHANNEL) for meeting in meetings]
