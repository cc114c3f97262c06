/** @odoo-module **/

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
