import {registry} from "@web/core/registry";

const RESPONSE = "The street light was repaired on Monday.";

registry.category("web_tour.tours").add("pcve_safespaces_concern_reply_tour", {
    steps: () => [
        // You said: a concern the safe-space user is responsible for.
        {
            content: "The concern is open on its form",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(New)",
        },
        {
            content: "Start working on it",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "It is in progress",
            trigger:
                ".o_statusbar_status .o_arrow_button_current:contains(In progress)",
        },
        // We did: record the response.
        {
            content: "Open the response",
            trigger: ".o_notebook .nav-link:contains(Response)",
            run: "click",
        },
        {
            content: "Write what the municipality did",
            trigger: ".o_field_widget[name=response] .odoo-editor-editable",
            run: `editor ${RESPONSE}`,
        },
        {
            trigger: `.o_field_widget[name=response] .odoo-editor-editable:contains(${RESPONSE})`,
        },
        {
            content: "Mark it as responded (saves the response first)",
            trigger: ".o_form_view button[name=action_respond]",
            run: "click",
        },
        {
            content: "It is responded",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Responded)",
        },
        {
            content: "The server recorded the response: it is logged in the chatter",
            trigger: `.o-mail-Message:contains(Response recorded):contains(${RESPONSE})`,
        },
        {
            content: "Close and Reopen are not offered together",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_reopen]))",
        },
        // You said, we did: reply to who raised it.
        {
            content: "Reply to the neighbourhood association",
            trigger: ".o_form_view button[name=action_send_reply]",
            run: "click",
        },
        {
            content: "The reply is written from the template, with the response",
            trigger: `.modal .o_field_widget[name=body] .odoo-editor-editable:contains(We did:):contains(${RESPONSE})`,
        },
        {
            trigger:
                ".modal .o_field_widget[name=partner_ids] .o_tag:contains(Buurtvereniging De Kade)",
        },
        {
            content: "Send it",
            trigger: ".modal button[name=action_send_mail]",
            run: "click",
        },
        {
            content: "The reply is in the chatter",
            trigger: `.o-mail-Message:contains(We did:):contains(${RESPONSE})`,
        },
        {
            content: "The concern is marked as reported back",
            trigger: ".o_form_view .o_field_widget[name=reported_back] input:checked",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_send_reply]))",
        },
    ],
});
