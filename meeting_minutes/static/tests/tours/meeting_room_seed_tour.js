/** @odoo-module **/

import {registry} from "@web/core/registry";
import {
    aWeekFromToday,
    editDate,
    signatureDialog,
} from "@meeting_minutes/../tests/tours/tour_steps";

// The example meeting of the company's standard, end to end in the meeting room
// (test_room.py, TestMeetingRoomSeed): the recorder records the discussion of the
// four departments, the resolution and both action items and reads them out;
// every attendee confirms (or objects) logged in as themself, on their own
// device; the recorder signs and confirms. The test has created the meeting from
// the calendar before (meeting_minutes_recorder_before_tour).

const ROOM = ".o_meeting_room";
const READ_OUT = `${ROOM} .o_meeting_room_readout`;

function lane(department) {
    return `${ROOM} .o_meeting_room_lane[data-department="${department}"]`;
}

function openRoom() {
    return [
        {
            content: "Open the meeting room from the minutes",
            trigger: `.o_form_view .o_form_statusbar button[name="action_open_meeting_room"]`,
            run: "click",
        },
        {
            content: "The room shows the agenda item",
            trigger: `${ROOM} .o_meeting_room_current:contains(Feature priority)`,
        },
    ];
}

function openReadOut() {
    return [
        {
            content: "Read out",
            trigger: `${ROOM} .o_meeting_room_readout_toggle`,
            run: "click",
        },
        {
            content: "The resolution and both action items, in large type",
            trigger: `${READ_OUT}:has(.o_meeting_room_readout_resolutions:contains(UI polish 1.0)) .o_meeting_room_readout_actions:contains(smart recommendation):contains(customer feedback)`,
        },
    ];
}

// a statement typed into a department's lane, of a kind, saved with Enter
function say(department, kind, text) {
    return [
        {
            content: `${department}: ${kind}`,
            trigger: `${lane(department)} select.o_meeting_room_kind`,
            run: `select ${kind}`,
        },
        {
            content: `What ${department} says`,
            trigger: `${lane(department)} textarea.o_meeting_room_textarea`,
            run: `edit ${text}`,
        },
        {
            content: "Enter saves it",
            trigger: `${lane(department)} textarea.o_meeting_room_textarea`,
            run: "press Enter",
        },
        {
            content: `${department}'s statement is in its lane`,
            trigger: `${lane(department)} .o_meeting_room_statement[data-kind=${kind}]:contains(${text.slice(0, 20)})`,
        },
    ];
}

function addAction(task, owner) {
    return [
        {
            content: `The task: ${task}`,
            trigger: `${ROOM} input.o_meeting_room_action_name`,
            run: `edit ${task}`,
        },
        {
            content: "Its owner",
            trigger: `${ROOM} .o_meeting_room_action_owner input`,
            run: `edit ${owner}`,
        },
        {
            content: `Pick ${owner}`,
            trigger: `.o-autocomplete--dropdown-item a:contains(${owner})`,
            run: "click",
        },
        {
            content: "The owner is chosen",
            trigger: `${ROOM} .o_meeting_room_action_owner input:value(${owner})`,
        },
        {
            content: "The deadline, in a week",
            trigger: `${ROOM} .o_meeting_room_action_deadline input`,
            run: (helpers) => editDate(helpers, aWeekFromToday()),
        },
        {
            content: "Its working days are counted",
            trigger: `${ROOM} .o_meeting_room_working_days:contains(working days)`,
        },
        {
            content: "Add the action item",
            trigger: `${ROOM} .o_meeting_room_add_action`,
            run: "click",
        },
        {
            content: "The action item is recorded",
            trigger: `${ROOM} .o_meeting_room_action:contains(${task.slice(0, 20)}):contains(${owner})`,
        },
    ];
}

// ---------------------------------------------------------------------------
// The recorder records the item, reads it out and confirms their own line.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_seed_room_tour", {
    steps: () => [
        ...openRoom(),
        {
            content: "Four lanes: Marketing, Production, R&D and Sales",
            trigger: `${ROOM} .o_meeting_room_lanes:has(.o_meeting_room_lane[data-department=Marketing]):has(.o_meeting_room_lane[data-department=Production]):has(.o_meeting_room_lane[data-department="R&D"]):has(.o_meeting_room_lane[data-department=Sales]):not(:has(.o_meeting_room_lane:eq(4)))`,
        },
        {
            content: "The absent R&D director and the reason, in the R&D lane",
            trigger: `${lane("R&D")} .o_meeting_room_absentee:contains(Director Chen):contains(Visiting a supplier)`,
        },
        ...say(
            "Marketing",
            "problem",
            "The survey: 40% of the customers want smart recommendation, 25% UI polish."
        ),
        ...say(
            "R&D",
            "opinion",
            "Smart recommendation needs two months of the algorithm team; the data encryption module slips."
        ),
        ...say("Sales", "opinion", "UI polish hits the customer experience: do both."),
        {
            content: "The consensus",
            trigger: `${lane("Marketing")} textarea.o_meeting_room_textarea`,
            run: "edit Smart recommendation first; UI polish split into 1.0 (with it) and 2.0.",
        },
        {
            content: "Ctrl+Enter saves it as the consensus of the item",
            trigger: `${lane("Marketing")} textarea.o_meeting_room_textarea`,
            run: "press ctrl+Enter",
        },
        {
            content: "The consensus of the item",
            trigger: `${ROOM} .o_meeting_room_consensus .o_meeting_room_statement:contains(split into 1.0)`,
        },
        {
            content: "The resolution",
            trigger: `${ROOM} textarea.o_meeting_room_resolution_input`,
            run: "edit Q3 priority: smart recommendation, then UI polish 1.0, then data encryption.",
        },
        {
            content: "Add it",
            trigger: `${ROOM} .o_meeting_room_add_resolution`,
            run: "click",
        },
        {
            content: "The resolution is recorded",
            trigger: `${ROOM} .o_meeting_room_resolution:contains(then UI polish 1.0)`,
        },
        ...addAction(
            "Submit the detailed plan for smart recommendation, for the director's approval",
            "Engineer Liu"
        ),
        ...addAction("Collect the customer feedback on UI polish 1.0", "Sales Sun"),
        // the second agenda item: a statement, as the submission asks later
        {
            content: "The second agenda item",
            trigger: `${ROOM} .o_meeting_room_agenda_item:contains(Resources)`,
            run: "click",
        },
        {
            content: "The room shows it",
            trigger: `${ROOM} .o_meeting_room_current:contains(Resources)`,
        },
        ...say("R&D", "problem", "The algorithm team is fully booked in July."),
        ...openReadOut(),
        {
            content: "Nobody has decided yet",
            trigger: `${READ_OUT} .o_meeting_room_undecided:contains(5 to confirm or object)`,
        },
        {
            content: "The recorder cannot sign while attendees are undecided",
            trigger: `${READ_OUT} .o_meeting_room_confirm_sign:disabled`,
        },
        {
            content: "The recorder confirms their own line",
            trigger: `${READ_OUT} .o_meeting_room_confirm_mine`,
            run: "click",
        },
        {
            content: "Confirmed, by themself",
            trigger: `${READ_OUT} .o_meeting_room_confirmation_line[data-name="Recorder Wang"] .badge:contains(Confirmed)`,
        },
        {
            content: "Four more to decide",
            trigger: `${READ_OUT} .o_meeting_room_undecided:contains(4 to confirm or object)`,
        },
    ],
});

// ---------------------------------------------------------------------------
// An attendee, logged in as themself: the read-out, then "I Confirm".
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_seed_confirm_tour", {
    steps: () => [
        ...openRoom(),
        ...openReadOut(),
        {
            content: "Only my own line offers to confirm",
            trigger: `${READ_OUT} .o_meeting_room_confirmations:not(:has(.o_meeting_room_confirm_mine:eq(1)))`,
        },
        {
            content: "I confirm what was read out",
            trigger: `${READ_OUT} .o_meeting_room_confirm_mine`,
            run: "click",
        },
        {
            content: "My line says confirmed",
            trigger: `${READ_OUT} .o_meeting_room_confirmation_line:has(.o_meeting_room_object_mine):not(:has(.o_meeting_room_confirm_mine)) .badge:contains(Confirmed)`,
        },
    ],
});

// ---------------------------------------------------------------------------
// Sales Sun objects, on his own device; the dialog asks for the objection.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_seed_object_tour", {
    steps: () => [
        ...openRoom(),
        ...openReadOut(),
        {
            content: "I object",
            trigger: `${READ_OUT} .o_meeting_room_confirmation_line[data-name="Sales Sun"] .o_meeting_room_object_mine`,
            run: "click",
        },
        {
            content: "The objection",
            trigger: ".modal .o_field_widget[name=objection] textarea",
            run: "edit UI polish 1.0 must reach the key accounts before July.",
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "My objection is on my line, in the room",
            trigger: `${READ_OUT} .o_meeting_room_confirmation_line[data-name="Sales Sun"]:has(.badge:contains(Objects)) .o_meeting_room_objection:contains(before July)`,
        },
    ],
});

// ---------------------------------------------------------------------------
// The recorder: everyone has decided; signs and confirms the draft.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_seed_sign_tour", {
    steps: () => [
        ...openRoom(),
        ...openReadOut(),
        {
            content: "Everyone present has decided: four confirmed, one objects",
            trigger: `${READ_OUT}:has(.o_meeting_room_undecided:contains(Everyone present has decided)):has(.o_meeting_room_confirmation_line[data-name="Sales Sun"] .badge:contains(Objects))`,
        },
        {
            content: "Confirm & Sign",
            trigger: `${READ_OUT} .o_meeting_room_confirm_sign:enabled`,
            run: "click",
        },
        ...signatureDialog(),
        {
            content: "The minutes are confirmed",
            trigger: `${ROOM}:not(:has(.modal)) .o_meeting_room_state:contains(Confirmed)`,
            // the server signs, confirms and keeps the draft in the chatter first
            timeout: 60000,
        },
        {
            content: "Signed by the recorder, with the time",
            trigger: `${READ_OUT} .o_meeting_room_signed:contains(Recorder Wang)`,
        },
        {
            content: "Nobody is asked to confirm any more",
            trigger: `${READ_OUT}:not(:has(.o_meeting_room_confirm_mine)):not(:has(.o_meeting_room_confirm_sign))`,
        },
    ],
});
