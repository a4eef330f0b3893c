import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("pcve_safespaces_organiser_tour", {
    steps: () => [
        {
            content: "The organiser starts a new session from the list",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the session",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour dialogue table",
        },
        {
            content: "Choose the venue",
            trigger: ".o_field_widget[name=venue_id] input",
            run: "edit Tourvenue",
        },
        {
            trigger: ".o_field_widget[name=venue_id] .o-autocomplete--dropdown-item:contains(Tourvenue)",
            run: "click",
        },
        {
            content: "A community centre is neutral: no warning",
            trigger: ".o_form_view:not(:has(.text-warning:contains('associated with police')))",
        },
        {
            content: "Choose the moderator",
            trigger: ".o_field_widget[name=moderator_partner_id] input",
            run: "edit Tourmoderator",
        },
        {
            trigger:
                ".o_field_widget[name=moderator_partner_id] .o-autocomplete--dropdown-item:contains(Tourmoderator)",
            run: "click",
        },
        {
            content: "Confirm the session (the safe-space rules are checked)",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Confirmed)",
        },
        {
            content: "After the session, mark it as held",
            trigger: ".o_form_view button[name=action_mark_held]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Held)",
        },
        {
            content: "Open the attendance",
            trigger: ".o_notebook .nav-link:contains(Attendance)",
            run: "click",
        },
        {
            content: "Record how many came",
            trigger: ".o_field_widget[name=attendance_count] input",
            run: "edit 12",
        },
        {
            trigger: ".o_field_widget[name=attendance_women] input",
            run: "edit 5",
        },
        {
            trigger: ".o_field_widget[name=attendance_youth] input",
            run: "edit 3",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
