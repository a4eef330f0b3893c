import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("pcve_safespaces_short_notice_tour", {
    steps: () => [
        {
            content: "The session starts in a few days: the form says so",
            trigger: ".o_form_view .alert-info:contains(Short notice)",
        },
        {
            content: "Send the invitations",
            trigger: ".o_form_view button[name=action_send_invitations]",
            run: "click",
        },
        {
            content:
                "The dialog names the session that starts sooner than the advance notice",
            trigger:
                ".modal .o_field_widget[name=short_notice_ids] .o_data_row:contains(Tour kitchen table)",
        },
        {
            content: "There is nothing else to tick: the button is the confirmation",
            trigger: ".modal:not(:has(.o_field_widget[name=confirm_short_notice]))",
        },
        {
            content: "Send anyway",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The sending and the confirmation are recorded on the session",
            trigger:
                ".o-mail-Message:contains(Invitations sent to):contains(Sent at short notice):contains(confirmed by Tour Organiser Olga)",
        },
        {
            content: "Open the invitations",
            trigger: ".o_notebook .nav-link:contains(Invitations)",
            run: "click",
        },
        {
            content: "Both invitations went out",
            trigger:
                ".o_field_widget[name=invitation_ids] .o_data_row:contains(Tour invitee Anouk) td[name=sent_on]:contains(:)",
        },
        {
            trigger:
                ".o_field_widget[name=invitation_ids] .o_data_row:contains(Tour invitee Bram) td[name=sent_on]:contains(:)",
        },
    ],
});
