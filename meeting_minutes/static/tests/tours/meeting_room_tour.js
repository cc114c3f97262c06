/** @odoo-module **/

import {
    aWeekFromToday,
    asShownEnUS,
    editDate,
} from "@meeting_minutes/../tests/tours/tour_steps";
import {registry} from "@web/core/registry";

// The recorder in the live meeting room (test_room.py prepares a meeting in
// progress with four participating departments and checks the records after).

const ROOM = ".o_meeting_room";
const RD = `.o_meeting_room_lane[data-department="R&D"]`;
const LANE_RD = `${ROOM} ${RD}`;

// a lost connection, for the statements saved (the XMLHttpRequest of the
// web client's rpc fails as it does when the network is gone)
const realSend = XMLHttpRequest.prototype.send;
const realOpen = XMLHttpRequest.prototype.open;
function cutStatementSaves(cut) {
    if (!cut) {
        XMLHttpRequest.prototype.open = realOpen;
        XMLHttpRequest.prototype.send = realSend;
        return;
    }
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
        this.mmUrl = String(url);
        return realOpen.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (...args) {
        if (this.mmUrl.includes("/meeting.minutes.statement/create")) {
            setTimeout(() => this.dispatchEvent(new ProgressEvent("error")));
            return;
        }
        return realSend.apply(this, args);
    };
}

// the deadline typed, read by the step that checks how it is shown
let deadline = "";

registry.category("web_tour.tours").add("meeting_minutes_room_tour", {
    steps: () => [
        {
            content: "Open the meeting room from the minutes",
            trigger: `.o_form_view .o_form_statusbar button[name="action_open_meeting_room"]`,
            run: "click",
        },
        {
            content: "The room shows the first agenda item",
            trigger: `${ROOM} .o_meeting_room_current:contains(Feature priority)`,
        },
        {
            content: "Four lanes, one per participating department",
            trigger: `${ROOM} .o_meeting_room_lanes:has(.o_meeting_room_lane:eq(3)):not(:has(.o_meeting_room_lane:eq(4)))`,
        },
        {
            content: "The absent R&D director, the reason and the written opinion",
            trigger: `${LANE_RD} .o_meeting_room_absentee:contains(Director Chen):contains(Visiting a supplier) .o_meeting_room_written_opinion:contains(Recommendation first)`,
        },
        {
            content: "R&D states a differing opinion",
            trigger: `${LANE_RD} select.o_meeting_room_kind`,
            run: "select opinion",
        },
        {
            content: "A colloquial expression is typed",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "edit I think it takes two months",
        },
        {
            content: "It is flagged as it is typed",
            trigger: `${LANE_RD} .o_meeting_room_colloquial:contains(I think)`,
        },
        {
            content: "Type the opinion of R&D",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "edit Smart recommendation takes two months.",
        },
        {
            content: "The flag is gone with the expression",
            trigger: `${LANE_RD}:not(:has(.o_meeting_room_colloquial))`,
        },
        {
            content: "Enter saves it",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "press Enter",
        },
        {
            content: "The statement is in the R&D lane, the textarea is empty again",
            trigger: `${LANE_RD}:has(.o_meeting_room_statement[data-kind=opinion]:contains(takes two months)) textarea.o_meeting_room_textarea:value(/^$/)`,
        },
        {
            content: "Saved",
            trigger: `${ROOM} .o_meeting_room_saved:contains(Saved)`,
        },
        // the connection drops: what is typed stays, and is saved once it is back
        {
            content: "The connection to the server is lost",
            trigger: `${ROOM} .o_meeting_room_saved:contains(Saved)`,
            run() {
                cutStatementSaves(true);
            },
        },
        {
            content: "R&D says more",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "edit Encryption slips to Q4.",
        },
        {
            content: "Enter tries to save it",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "press Enter",
        },
        {
            content: "The banner says the connection is lost",
            trigger: `${ROOM} .o_meeting_room_offline:contains(connection to the server is lost)`,
        },
        {
            content: "Not saved, and the text is still there",
            trigger: `${ROOM}:has(.o_meeting_room_saved:contains(Not saved)) ${RD} textarea.o_meeting_room_textarea:value(Encryption slips to Q4.)`,
        },
        {
            content: "The connection comes back",
            trigger: `${ROOM} .o_meeting_room_offline button`,
            run() {
                cutStatementSaves(false);
                this.anchor.click();
            },
        },
        {
            content: "Saved: the banner is gone, the statement is in the lane",
            trigger: `${ROOM}:not(:has(.o_meeting_room_offline)):has(.o_meeting_room_saved:contains(Saved)) ${RD}:has(.o_meeting_room_statement:contains(Encryption slips to Q4.)) textarea.o_meeting_room_textarea:value(/^$/)`,
        },
        {
            content: "The meeting's clock and its planned duration read alike",
            trigger: `${ROOM} .o_meeting_room_meeting_timer:contains(0:0):contains(/ 1:05:00)`,
        },
        {
            content: "The agreement, typed in the R&D lane",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "edit Smart recommendation first, UI polish next.",
        },
        {
            content: "Ctrl+Enter saves it as the consensus of the item",
            trigger: `${LANE_RD} textarea.o_meeting_room_textarea`,
            run: "press ctrl+Enter",
        },
        {
            content: "The consensus of the item",
            trigger: `${ROOM} .o_meeting_room_consensus .o_meeting_room_statement:contains(UI polish next)`,
        },
        {
            content: "The item counts as settled",
            trigger: `${ROOM} .o_meeting_room_progress:contains(1/2)`,
        },
        {
            content: "Type the resolution",
            trigger: `${ROOM} textarea.o_meeting_room_resolution_input`,
            run: "edit Q3: smart recommendation, then the UI polish.",
        },
        {
            content: "It binds every participating department unless told otherwise",
            trigger: `${ROOM} .o_meeting_room_resolution_departments:has(.o_meeting_room_new_bound_toggle[aria-pressed=true]:contains(Sales)):has(.o_meeting_room_new_bound_toggle[aria-pressed=true]:contains(Production))`,
        },
        {
            content: "Sales is not bound by it",
            trigger: `${ROOM} .o_meeting_room_new_bound_toggle:contains(Sales)`,
            run: "click",
        },
        {
            content: "Sales is left out",
            trigger: `${ROOM} .o_meeting_room_new_bound_toggle[aria-pressed=false]:contains(Sales)`,
        },
        {
            content: "Add the resolution",
            trigger: `${ROOM} .o_meeting_room_add_resolution`,
            run: "click",
        },
        {
            content: "The resolution is recorded with the departments it binds",
            trigger: `${ROOM} .o_meeting_room_resolution:contains(then the UI polish):has(.o_meeting_room_bound_toggle[aria-pressed=true]:contains(R&D)):has(.o_meeting_room_bound_toggle[aria-pressed=false]:contains(Sales))`,
        },
        {
            content: "Production is not bound either, after all",
            trigger: `${ROOM} .o_meeting_room_resolution .o_meeting_room_bound_toggle[aria-pressed=true]:contains(Production)`,
            run: "click",
        },
        {
            content: "Saved: Production is left out",
            trigger: `${ROOM} .o_meeting_room_resolution .o_meeting_room_bound_toggle[aria-pressed=false]:contains(Production)`,
        },
        {
            content: "The task of the action item",
            trigger: `${ROOM} input.o_meeting_room_action_name`,
            run: "edit Submit the recommendation plan",
        },
        {
            content: "Its owner",
            trigger: `${ROOM} .o_meeting_room_action_owner input`,
            run: "edit Engineer",
        },
        {
            content: "Pick Engineer Liu",
            trigger: `.o-autocomplete--dropdown-item a:contains(Engineer Liu)`,
            run: "click",
        },
        {
            content: "The owner is chosen",
            trigger: `${ROOM} .o_meeting_room_action_owner input:value(Engineer Liu)`,
        },
        {
            content: "Its deadline, in a week",
            trigger: `${ROOM} .o_meeting_room_action_deadline input`,
            async run(helpers) {
                deadline = aWeekFromToday();
                await editDate(helpers, deadline);
            },
        },
        {
            content: "A week is five working days on the company's calendar",
            trigger: `${ROOM} .o_meeting_room_working_days:contains(5 working days)`,
        },
        {
            content: "Attached to the resolution of the item",
            trigger: `${ROOM} select.o_meeting_room_action_resolution:has(option:selected:contains(then the UI polish))`,
        },
        {
            content: "Add the action item",
            trigger: `${ROOM} .o_meeting_room_add_action`,
            run: "click",
        },
        {
            content: "The action item, with the owner's department from the server",
            trigger: `${ROOM} .o_meeting_room_action:contains(Submit the recommendation plan):contains(Engineer Liu):contains(R&D)`,
        },
        {
            content: "Its deadline in the user's date format",
            trigger: `${ROOM} .o_meeting_room_action:contains(Submit the recommendation plan)`,
            run() {
                const shown = asShownEnUS(deadline);
                if (!this.anchor.textContent.includes(shown)) {
                    throw new Error(`The deadline ${shown} is not shown on the item`);
                }
            },
        },
        {
            content: "Read out the decisions",
            trigger: `${ROOM} .o_meeting_room_readout_toggle`,
            run: "click",
        },
        {
            content: "In large type: the resolution and the action item",
            trigger: `${ROOM} .o_meeting_room_readout:has(.o_meeting_room_readout_resolutions:contains(then the UI polish)) .o_meeting_room_readout_actions:contains(Submit the recommendation plan)`,
        },
        {
            content: "Close the read-out",
            trigger: `${ROOM} .o_meeting_room_readout_close`,
            run: "click",
        },
        {
            content: "Back to the room",
            trigger: `${ROOM}:not(:has(.o_meeting_room_readout)) .o_meeting_room_current:contains(Feature priority)`,
        },
        // from the room to the minutes and back, twice: the breadcrumbs do not
        // pile up (the minutes' list, then the minutes)
        ...[1, 2].flatMap((round) => [
            {
                content: `Back to the minutes (${round})`,
                trigger: `${ROOM} .o_meeting_room_open_minutes`,
                run: "click",
            },
            {
                content: `The minutes, under their list only (${round})`,
                trigger: `.o_form_view .o_breadcrumb:has(.breadcrumb-item):not(:has(.breadcrumb-item:eq(1)))`,
            },
            {
                content: `Open the room again (${round})`,
                trigger: `.o_form_view .o_form_statusbar button[name="action_open_meeting_room"]`,
                run: "click",
            },
            {
                content: `The room again (${round})`,
                trigger: `${ROOM} .o_meeting_room_current:contains(Feature priority)`,
            },
        ]),
    ],
});
