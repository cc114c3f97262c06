"""The live meeting room of the minutes: everything the room shows in one read
(record rules apply), the working days of a deadline typed there, and the
minutes' state pushed to the rooms open on them (the lines push their own
changes: meeting_minutes_content_mixin._room_notify)."""

from odoo import _, fields, models
from odoo.exceptions import UserError

from .meeting_minutes_content_mixin import (
    ROOM_NOTIFICATION,
    ROOM_SUBCHANNEL,
)


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    def _room_notify_state(self):
        """The rooms open on these minutes hear that their state changed (started,
        confirmed, ...): they read them again."""
        for meeting in self:
            self.env["bus.bus"]._sendone(
                (meeting, ROOM_SUBCHANNEL),
                ROOM_NOTIFICATION,
                {
                    "meeting_id": meeting.id,
                    "model": self._name,
                    "ids": meeting.ids,
                    "agenda_id": False,
                },
            )

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
        self._check_one_meeting()
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
                "confirmed",
                "objection",
                "confirmed_on",
                "confirmed_by_id",
            ],
        )
        statements = self.env["meeting.minutes.statement"].search_fetch(
            domain,
            ["agenda_id", "sequence", "department_id", "kind", "content"],
            order="sequence, id",
        )
        resolutions = self.env["meeting.minutes.resolution"].search_fetch(
            domain,
            ["agenda_id", "sequence", "content", "is_proposal", "department_ids"],
            order="sequence, id",
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
        users |= meeting.recorder_id | attendees.confirmed_by_id
        users.mapped("display_name")
        (
            departments
            | attendees.department_id
            | statements.department_id
            | resolutions.department_ids
        ).mapped("display_name")
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
        # the read-out's confirmation: every present attendee, by department
        lane_order = {department: index for index, department in enumerate(people)}
        confirmations = [
            {
                "id": attendee.id,
                "name": attendee.user_id.display_name,
                "department": attendee.department_id.display_name or "",
                "is_me": attendee.user_id == self.env.user,
                "confirmed": attendee.confirmed,
                "objection": attendee.objection or "",
                "decided_on": fields.Datetime.to_string(attendee.confirmed_on),
                "recorded_by": (
                    attendee.confirmed_by_id.display_name
                    if attendee.confirmed_by_id
                    and attendee.confirmed_by_id != attendee.user_id
                    else ""
                ),
            }
            for attendee in sorted(
                attendees.filtered(lambda a: a.attendance == "present"),
                key=lambda a: (
                    lane_order.get(a.department_id, len(lane_order)),
                    a.user_id.display_name,
                ),
            )
        ]
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
            # the departments bound, in the lanes' order
            bound = lane_departments & resolution.department_ids
            bound |= resolution.department_ids
            return {
                "id": resolution.id,
                "content": resolution.content,
                "agenda_id": resolution.agenda_id.id or False,
                "is_proposal": resolution.is_proposal,
                "department_ids": bound.ids,
                "departments": bound.mapped("display_name"),
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
                    # the meeting's consensus (the box under the lanes), not a
                    # department's statement of the kind
                    "has_consensus": any(
                        s.kind == "consensus" and not s.department_id
                        for s in item_statements
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
                "is_recorder": meeting.recorder_id == self.env.user,
                "recorder_signed_on": fields.Datetime.to_string(
                    meeting.recorder_signed_on
                ),
            },
            "confirmations": confirmations,
            # the version of the read-out shown, sent back with a confirmation
            "read_out_version": meeting.read_out_version,
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
            # flagged as they are typed (the submission refuses them)
            "colloquialisms": meeting.company_id._meeting_colloquialism_list(),
            "action_states": [
                list(state)
                for state in Action._fields["state"]._description_selection(self.env)
            ],
        }

    def get_deadline_working_days(self, deadline):
        """Working days from today to ``deadline`` on the company's calendar (its
        public holidays excluded): what the meeting room shows by a deadline. A
        deadline is a date of the range of the action items' deadlines."""
        self._check_one_meeting()
        self.check_access("read")
        try:
            # a date as JSON sends it: a string (to_date slices any sequence)
            day = fields.Date.to_date(deadline) if isinstance(deadline, str) else None
        except ValueError:
            day = None
        if not day:
            raise UserError(_("%(value)s is not a date.", value=deadline))
        first, last = self.env["res.company"]._meeting_date_range()
        if not first <= day <= last:
            raise UserError(
                _(
                    "%(value)s is out of range: give a date between %(first)s and "
                    "%(last)s.",
                    value=day,
                    first=first,
                    last=last,
                )
            )
        return self.company_id._meeting_working_days_between(
            fields.Date.context_today(self), day
        )

    def _check_one_meeting(self):
        """The room's calls are made on one meeting, by its id (an RPC client may
        send several, or ids that are no ids)."""
        if len(self) != 1 or not all(
            type(record_id) is int and 0 < record_id < 2**31 for record_id in self._ids
        ):
            raise UserError(
                _("The meeting room works on one meeting at a time, given by its id.")
            )
