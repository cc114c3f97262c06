/** @odoo-module **/

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

function clickButton(name, content) {
    return {
        content,
        trigger: `.o_form_view .o_form_statusbar button[name="${name}"]`,
        run: "click",
    };
}

function checkState(value, label, timeout = 0) {
    const step = {
        content: `The minutes are ${label}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value="${value}"]`,
    };
    if (timeout) {
        step.timeout = timeout;
    }
    return step;
}

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
        clickButton(
            "action_confirm_all_attendees",
            "The attendees confirm what was read out"
        ),
        clickButton("action_confirm", "The recorder signs the draft"),
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
