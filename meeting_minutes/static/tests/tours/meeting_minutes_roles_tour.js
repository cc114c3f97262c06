/** @odoo-module **/

import {registry} from "@web/core/registry";
import {
    aWeekFromToday,
    asShownEnUS,
    signatureDialog,
} from "@meeting_minutes/../tests/tours/tour_steps";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// One tour per role, through the menus, tabs, lines and buttons a person uses;
// test_tour_roles.py prepares each one and checks its result on the server.

const FORM = ".o_form_view";

// a button of the form once the form is idle: Odoo disables its buttons while
// one of them runs, a reload that follows included (a click before it is lost)
function clickButton(name, content) {
    return {
        content,
        trigger: `${FORM} .o_form_statusbar button[name="${name}"]:enabled`,
        run: "click",
        timeout: SERVER_TIMEOUT,
    };
}

// Confirm & Sign opens the signature dialog (tour_steps.js)
function signAndConfirm(content) {
    return [clickButton("action_confirm", content), ...signatureDialog()];
}

// the state the server answered: on a busy machine a step of the workflow (a
// signature, a PDF frozen) takes longer than a tour step's default 10 s
const SERVER_TIMEOUT = 60000;

function checkState(value, label, timeout = SERVER_TIMEOUT) {
    return {
        content: `The minutes are ${label}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value="${value}"]`,
        timeout,
    };
}

function openTab(name, label) {
    return {
        content: `Open the tab ${label}`,
        trigger: `${FORM} .o_notebook .nav-link[name="${name}"]`,
        run: "click",
    };
}

function addLine(field, content) {
    return {
        content,
        trigger: `${FORM} .o_field_widget[name="${field}"] .o_field_x2many_list_row_add a`,
        run: "click",
    };
}

// the cell of the line being edited in the list of `field`
function cell(field, name, tail = "input") {
    return `.o_field_widget[name="${field}"] .o_selected_row .o_field_widget[name="${name}"] ${tail}`;
}

// the cell of the line just added to `field`: the line being edited whose `key`
// cell is still empty. "Add a line" saves the line being edited and asks the
// server for the new line's defaults; until it answers, the previous line is
// the selected one, and a step on .o_selected_row alone would type into it.
function newCell(field, key, name, tail = "input", keyTail = "input") {
    return `.o_field_widget[name="${field}"] .o_selected_row:has(.o_field_widget[name="${key}"] ${keyTail}:value(/^$/)) .o_field_widget[name="${name}"] ${tail}`;
}

// type in a many2one (or many2many tags) input, then pick the exact name offered
function pick(input, name, content) {
    return [
        {content, trigger: input, run: `edit ${name}`},
        {
            content: `${content}: ${name} is offered`,
            trigger: `.o-autocomplete--dropdown-item a:contains(/^${name}$/)`,
            run: "click",
        },
    ];
}

// "Everyone present confirms" reloads the form after its notification (the
// notification's next action): a button clicked before the reload is lost with
// the old form. The form is marked before, and the next steps wait for the new
// one, unmarked.
function markFormBeforeReload() {
    return {
        content: "The form before the reload",
        trigger: `${FORM}`,
        run() {
            document.querySelector(FORM).dataset.mmBeforeReload = "1";
        },
    };
}

function formReloaded() {
    return {
        content: "The form is reloaded",
        trigger: `${FORM}:not([data-mm-before-reload])`,
        timeout: SERVER_TIMEOUT,
    };
}

function notification(text, content) {
    return {
        content,
        trigger: `.o_notification:contains(${text})`,
        timeout: SERVER_TIMEOUT,
    };
}

// the app, from the apps menu: the user's landing page
function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Meeting Minutes app",
            trigger: `.o_app[data-menu-xmlid="meeting_minutes.meeting_minutes_menu_root"]`,
            run: "click",
        },
    ];
}

// ---------------------------------------------------------------------------
// The recorder, before the meeting: from the calendar event to the started
// meeting (the test opens the event in the Calendar's form).
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_recorder_before_tour", {
    steps: () => [
        {
            content: "The calendar event of the meeting",
            trigger: `${FORM} .o_field_widget[name=name] input:value(Q3 product iteration)`,
        },
        stepUtils.autoExpandMoreButtons(),
        {
            content: "Open the minutes of the event (a page of the app)",
            trigger: `${FORM} .o-form-buttonbox button[name=action_open_meeting_minutes]`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The draft minutes: the core purpose is required, and empty",
            trigger: `${FORM} .o_field_widget[name=purpose].o_required_modifier textarea:value(/^$/)`,
        },
        {
            content: "The minutes belong to the event's meeting",
            trigger: `${FORM} .o_field_widget[name=name] input:value(Q3 product iteration)`,
        },
        {
            content: "State the core purpose",
            trigger: `${FORM} .o_field_widget[name=purpose] textarea`,
            run: "edit Decide the Q3 product iteration priorities",
        },
        ...pick(
            `${FORM} .o_field_widget[name=department_ids] input`,
            "Sales",
            "Sales participates too"
        ),
        {
            content: "Sales is among the participating departments",
            trigger: `${FORM} .o_field_widget[name=department_ids] .o_tag:contains(/^Sales$/)`,
        },
        // the attendance: Sales sends someone, the R&D director is away
        addLine("attendee_ids", "Add an attendee"),
        ...pick(
            newCell("attendee_ids", "user_id", "user_id"),
            "Sales Sun",
            "Sales Sun attends"
        ),
        {
            content: "Select the R&D director's line",
            trigger: `${FORM} .o_field_widget[name=attendee_ids] .o_data_row:contains(Director Chen) .o_data_cell[name=attendance]`,
            run: "click",
        },
        {
            content: "The R&D director is absent",
            // his line, once it is the one being edited (the list may have
            // re-sorted when Sales Sun's line was saved)
            trigger: `${FORM} .o_field_widget[name=attendee_ids] .o_selected_row:has(.o_field_widget[name=user_id] input:value(Director Chen)) .o_field_widget[name=attendance] select`,
            run: "selectByLabel Absent",
        },
        {
            content: "The reason of the absence",
            trigger: `${FORM} .o_field_widget[name=attendee_ids] .o_selected_row:has(.o_field_widget[name=user_id] input:value(Director Chen)) .o_field_widget[name=absence_reason] input`,
            run: "edit Visiting a supplier",
        },
        // the agenda
        openTab("discussion", "Agenda & Discussion"),
        addLine("agenda_ids", "Add an agenda item"),
        {
            content: "First agenda item",
            trigger: newCell("agenda_ids", "name", "name"),
            run: "edit Feature priority",
        },
        addLine("agenda_ids", "Add a second agenda item"),
        {
            content: "Second agenda item",
            trigger: newCell("agenda_ids", "name", "name"),
            run: "edit Resources",
        },
        {
            content: "Open the discussion of the line just typed, before saving",
            trigger: `${FORM} .o_field_widget[name=agenda_ids] .o_selected_row button[name=action_open_statements]`,
            run: "click",
        },
        notification(
            "Please save your changes first",
            "The web client asks to save first"
        ),
        ...stepUtils.saveForm(),
        {
            content: "Saved: the new item opens its discussion",
            trigger: `${FORM} .o_form_saved .o_field_widget[name=agenda_ids] .o_data_row:contains(Resources) button[name=action_open_statements]`,
            run: "click",
        },
        {
            content: "The dialog of the agenda item",
            trigger: `.modal .o_form_view .o_field_widget[name=name] input:value(Resources)`,
        },
        {
            content: "Close the dialog: the discussion comes during the meeting",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        // the invitation: short notice (the meeting is in 20 minutes), a reason
        clickButton("action_schedule", "Send the invitations"),
        {
            content: "The notice is short: the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The customer moved the launch date",
        },
        {
            content: "Confirm the reason",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        checkState("scheduled", "scheduled"),
        clickButton("action_start", "The meeting begins"),
        checkState("in_progress", "in progress"),
    ],
});

// ---------------------------------------------------------------------------
// The recorder, during the meeting (the test has moved its start into the past):
// statements of each kind per department and the consensus, a resolution, action
// items, the read-out confirmed, the signature, the submission.
// ---------------------------------------------------------------------------
function statement(department, kind, text) {
    // the columns of the dialog: the kind, then the department (none for the
    // consensus, which is the meeting's), then what was said
    const steps = [
        {
            content: `A new statement (${kind})`,
            trigger:
                ".modal .o_field_widget[name=statement_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: `The kind: ${kind}`,
            trigger: `.modal ${newCell("statement_ids", "content", "kind", "select", "textarea")}`,
            run: `selectByLabel ${kind}`,
        },
    ];
    if (department) {
        steps.push(
            ...pick(
                `.modal ${cell("statement_ids", "department_id")}`,
                department,
                `${department} speaks`
            )
        );
    }
    steps.push({
        content: `What ${department || "the meeting"} says`,
        trigger: `.modal ${cell("statement_ids", "content", "textarea")}`,
        run: `edit ${text}`,
    });
    return steps;
}

registry.category("web_tour.tours").add("meeting_minutes_recorder_during_tour", {
    steps: () => [
        checkState("in_progress", "in progress"),
        openTab("discussion", "Agenda & Discussion"),
        {
            content: "The discussion of the first agenda item",
            trigger: `${FORM} .o_field_widget[name=agenda_ids] .o_data_row:contains(Feature priority) button[name=action_open_statements]`,
            run: "click",
        },
        ...statement(
            "Marketing",
            "Problem Statement",
            "40% of the surveyed customers want smart recommendation, 25% UI polish"
        ),
        ...statement(
            "R&D",
            "Differing Opinion",
            "Smart recommendation needs two months of the algorithm team"
        ),
        ...statement(
            "Sales",
            "Differing Opinion",
            "UI polish hits customer experience: do both"
        ),
        ...statement(
            "",
            "Consensus Direction",
            "Smart recommendation first; UI polish split into 1.0 and 2.0"
        ),
        {
            content: "Save the discussion of the item",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "Four statements on the first item",
            trigger: `${FORM}:not(:has(.modal)) .o_field_widget[name=agenda_ids] .o_data_row:contains(Feature priority) .o_data_cell[name=statement_count]:contains(4)`,
        },
        {
            content: "The discussion of the second agenda item",
            trigger: `${FORM} .o_field_widget[name=agenda_ids] .o_data_row:contains(Resources) button[name=action_open_statements]`,
            run: "click",
        },
        ...statement(
            "R&D",
            "Problem Statement",
            "The algorithm team is fully booked in July"
        ),
        {
            content: "Save the discussion of the second item",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "One statement on the second item",
            trigger: `${FORM}:not(:has(.modal)) .o_field_widget[name=agenda_ids] .o_data_row:contains(Resources) .o_data_cell[name=statement_count]:contains(1)`,
        },
        // the resolution
        openTab("resolutions", "Resolutions"),
        addLine("resolution_ids", "Add a resolution"),
        {
            content: "The resolution everyone abides by",
            trigger: newCell(
                "resolution_ids",
                "content",
                "content",
                "textarea",
                "textarea"
            ),
            run: "edit Q3 priority: smart recommendation, UI polish 1.0, data encryption",
        },
        // the action items: the department comes from the owner
        openTab("actions", "Action Items"),
        addLine("action_ids", "Add an action item"),
        {
            content: "The task",
            trigger: newCell("action_ids", "name", "name"),
            run: "edit Submit the detailed plan for smart recommendation",
        },
        ...pick(cell("action_ids", "owner_id"), "Engineer Liu", "The owner"),
        {
            content: "The owner's department is filled in",
            trigger: `${cell("action_ids", "department_id")}:value(R&D)`,
        },
        {
            content: "The deadline",
            trigger: cell("action_ids", "deadline"),
            run: (helpers) => helpers.edit(asShownEnUS(aWeekFromToday())),
        },
        ...stepUtils.saveForm(),
        // the read-out: every present attendee confirms, the recorder signs
        markFormBeforeReload(),
        clickButton("action_confirm_all_attendees", "Everyone present confirms"),
        {
            content: "Recorded on their behalf: confirm it",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        notification("confirmed", "The confirmations are recorded"),
        formReloaded(),
        ...signAndConfirm("The recorder signs the draft"),
        checkState("confirmed", "confirmed"),
        clickButton("action_submit", "Submit to the host"),
        checkState("submitted", "submitted"),
    ],
});

// ---------------------------------------------------------------------------
// The host: the minutes waiting for approval, approved, distributed.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_host_tour", {
    steps: () => [
        ...openApp(),
        {
            content: "The meetings menu",
            trigger: `.o_main_navbar button[data-menu-xmlid="meeting_minutes.meeting_minutes_menu_meetings"]`,
            run: "click",
        },
        {
            content: "The minutes to approve",
            trigger: `.dropdown-item[data-menu-xmlid="meeting_minutes.meeting_minutes_menu_to_approve"]`,
            run: "click",
        },
        {
            content: "Open the submitted minutes",
            trigger:
                ".o_data_row:contains(Q3 product iteration) .o_data_cell[name=name]",
            run: "click",
        },
        checkState("submitted", "submitted"),
        {
            content: "The host reads the resolutions",
            trigger: `${FORM} .o_notebook .nav-link[name=resolutions]`,
            run: "click",
        },
        {
            content: "Submitted minutes are read-only: no line to add",
            trigger: `${FORM} .o_field_widget[name=resolution_ids]:not(:has(.o_field_x2many_list_row_add))`,
        },
        clickButton("action_approve", "Approve"),
        {
            content: "The approval says what happens",
            trigger: ".modal-body:contains(official PDF)",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        // the approval renders the official PDF (wkhtmltopdf) before it answers
        checkState("approved", "approved", 60000),
        {
            content: "The official record banner",
            trigger: `${FORM} .alert-info:contains(official record)`,
        },
        clickButton("action_distribute", "Distribute the approved minutes"),
        checkState("distributed", "distributed"),
    ],
});

// ---------------------------------------------------------------------------
// The owner of an action item: from "Action Items" (their open items) to done.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_owner_tour", {
    steps: () => [
        ...openApp(),
        {
            content: "My action items",
            trigger: `.o_main_navbar [data-menu-xmlid="meeting_minutes.meeting_minutes_action_menu"]`,
            run: "click",
        },
        {
            content: "Only my open items are listed",
            trigger: ".o_list_view .o_searchview_facet:contains(My Action Items)",
        },
        {
            content: "Open my item",
            trigger:
                ".o_data_row:contains(Adjust the production schedule) .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The task is the meeting's: read-only for its owner",
            trigger: `${FORM} .o_field_widget[name=name].o_readonly_modifier`,
        },
        {
            content: "The owner cannot cancel what the meeting decided",
            trigger: `${FORM} .o_form_statusbar:not(:has(button[name=action_cancel]))`,
        },
        {
            content: "The remarks: what was done",
            trigger: `${FORM} .o_field_widget[name=remarks] textarea`,
            run: "edit Schedule adjusted: line 2 switched to the new model from 1 July",
        },
        {
            content: "Mark it completed",
            trigger: `${FORM} .o_form_statusbar button[name=action_done]`,
            run: "click",
        },
        {
            content: "The item is completed",
            trigger: `.o_statusbar_status button.o_arrow_button_current[data-value="done"]`,
        },
    ],
});

// ---------------------------------------------------------------------------
// An attendee who is not an organizer: reads the minutes, cannot change them,
// comments in the chatter.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_attendee_tour", {
    steps: () => [
        ...openApp(),
        {
            content: "Open the meeting I attend",
            trigger:
                ".o_kanban_record:contains(Q3 product iteration), .o_data_row:contains(Q3 product iteration) .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The name is read-only for an attendee",
            trigger: `${FORM} .o_field_widget[name=name].o_readonly_modifier`,
        },
        {
            content: "No line can be added to the attendance",
            trigger: `${FORM} .o_field_widget[name=attendee_ids]:not(:has(.o_field_x2many_list_row_add))`,
        },
        {
            content: "Only my own line offers to confirm or object",
            trigger: `${FORM} .o_field_widget[name=attendee_ids]:not(:has(.o_data_row:not(:contains(Sales Sun)) button[name=action_object]))`,
        },
        {
            content: "I object to what was read out, on my own device",
            trigger: `${FORM} .o_data_row:contains(Sales Sun) button[name=action_object]`,
            run: "click",
        },
        {
            content: "The objection",
            trigger: ".modal .o_field_widget[name=objection] textarea",
            run: "edit Sales cannot brief the key accounts before July",
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "My objection is on my line",
            trigger: `${FORM} .o_data_row:contains(Sales Sun) .o_data_cell[name=objection]:contains(before July)`,
        },
        {
            content: "Write a message",
            trigger: ".o-mail-Chatter-topbar button:contains(Send message)",
            run: "click",
        },
        {
            content: "The comment",
            trigger: ".o-mail-Composer-input",
            run: "edit Sales will brief the key accounts on the new priorities.",
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The comment is in the chatter",
            trigger: ".o-mail-Message-body:contains(Sales will brief the key accounts)",
        },
    ],
});

// ---------------------------------------------------------------------------
// The meeting manager: the filing waits for the last open item, which the
// manager cancels; then the minutes are filed.
// ---------------------------------------------------------------------------
registry.category("web_tour.tours").add("meeting_minutes_manager_tour", {
    steps: () => [
        checkState("distributed", "distributed"),
        {
            content: "The form says why the minutes cannot be filed yet",
            trigger: `${FORM} .alert:contains(Adjust the production schedule)`,
        },
        {
            content: "No filing while an item is open",
            trigger: `${FORM} .o_form_statusbar:not(:has(button[name=action_archive_minutes]))`,
        },
        openTab("actions", "Action Items"),
        {
            content: "Open the open item (its View button)",
            trigger: `${FORM} .o_field_widget[name=action_ids] .o_data_row:contains(Adjust the production schedule) .o_list_record_open_form_view button`,
            run: "click",
        },
        {
            content: "The manager cancels it",
            trigger: `${FORM} .o_form_statusbar button[name=action_cancel]`,
            run: "click",
        },
        {
            content: "Confirm the cancellation",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The item is cancelled",
            trigger: `.o_statusbar_status button.o_arrow_button_current[data-value="cancelled"]`,
        },
        {
            content: "Back to the minutes",
            trigger:
                ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item:first a",
            run: "click",
        },
        clickButton("action_archive_minutes", "File the minutes"),
        {
            content: "The minutes are filed",
            trigger: `${FORM} .ribbon:contains(Filed)`,
        },
    ],
});

// ---------------------------------------------------------------------------
// The host drives a meeting from the invitation to the distribution of the approved
// minutes, through the buttons of the form (the test opens the meeting): first the
// invitation and the start, a few minutes before the meeting.
registry.category("web_tour.tours").add("meeting_minutes_tour", {
    steps: () => [
        {
            content: "The meeting opens in draft",
            trigger: ".o_form_view .o_field_widget[name=name]",
        },
        {
            content: "Sharpen the core purpose",
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit Decide the Q3 product iteration priorities, in one order",
        },
        ...stepUtils.saveForm(),
        clickButton("action_schedule", "Send the invitations"),
        {
            content: "The notice is short: give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Customer escalation: the launch date moved",
        },
        {
            content: "Confirm the reason",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        checkState("scheduled", "scheduled"),
        clickButton("action_start", "The meeting begins (it starts in a few minutes)"),
        checkState("in_progress", "in progress"),
    ],
});

// The same host once the meeting has started (the test moves its start into the
// past, as time would): the read-out, the signature, the approval, the distribution.
registry.category("web_tour.tours").add("meeting_minutes_tour_after", {
    steps: () => [
        checkState("in_progress", "in progress"),
        markFormBeforeReload(),
        clickButton(
            "action_confirm_all_attendees",
            "The attendees confirm what was read out"
        ),
        {
            content: "Recorded on their behalf: confirm it",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        notification("confirmed", "The confirmations are recorded"),
        formReloaded(),
        // the recorder has signed on their own device: the host confirms
        clickButton("action_confirm", "The host confirms the signed draft"),
        checkState("confirmed", "confirmed"),
        clickButton("action_submit", "Submit to the host"),
        checkState("submitted", "submitted"),
        clickButton("action_approve", "The host approves"),
        {
            content: "The approval says what happens: confirm it",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        // the approval renders the official PDF (wkhtmltopdf) before it answers
        checkState("approved", "approved", 60000),
        clickButton("action_distribute", "Distribute the approved minutes"),
        checkState("distributed", "distributed"),
    ],
});
