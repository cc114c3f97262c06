/** @odoo-module **/

import {deserializeDate, formatDate} from "@web/core/l10n/dates";

// Steps shared by the tours of meeting_minutes.

// The signature dialog of Confirm & Sign (meeting.minutes.sign.wizard): the
// recorder's name written as the signature (Odoo's "Auto" mode), adopted, then
// signed and confirmed.
export function signatureDialog() {
    return [
        {
            content: "Open the signature pad",
            trigger: ".modal .o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "The name is written as the signature",
            trigger: ".modal .o_web_sign_auto_button.active",
        },
        {
            content: "Adopt the signature",
            trigger:
                ".modal .modal-footer button.btn-primary:not([disabled]):contains(Adopt)",
            run: "click",
        },
        {
            content: "The signature is on the dialog",
            trigger: ".modal .o_field_widget[name=signature] img.o_signature",
        },
        {
            content: "Sign and confirm",
            trigger: ".modal button[name=action_sign]:contains(Confirm)",
            run: "click",
        },
    ];
}

// A date a week from today on the server's clock: UTC, as fields.Date.today()
// and the tests' users (tz UTC) count it, whatever the browser's time zone.
// Call it when the step runs (run(), not a trigger string built when the tour
// starts): a tour that crosses midnight then types the date the server expects,
// and the test accepts a week from the day it started or ended.
export function aWeekFromToday() {
    const day = new Date();
    day.setUTCDate(day.getUTCDate() + 7);
    return day.toISOString().slice(0, 10);
}

// an ISO date (YYYY-MM-DD) as the en_US user's format shows it
export function asShownEnUS(isoDate) {
    const [year, month, day] = isoDate.split("-");
    return `${month}/${day}/${year}`;
}

// type an ISO date (YYYY-MM-DD) into Odoo's date input as the user would: in
// the user's date format (12/15/2026 in English, 2026年12月15日 in Chinese),
// then Enter: the date is taken and the picker closes
export async function editDate(helpers, isoDate) {
    await helpers.edit(formatDate(deserializeDate(isoDate)));
    await helpers.press("Enter");
}
