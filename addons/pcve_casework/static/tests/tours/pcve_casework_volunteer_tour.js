import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("pcve_casework_volunteer_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_base.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "The volunteer lands on his cases",
            trigger: ".o_control_panel .o_breadcrumb:contains('My cases')",
        },
        {
            content: "Nothing else of the suite: no partner or manager menus",
            trigger:
                ".o_main_navbar:not(:has(.o_menu_sections :contains('Partners'))):not(:has(.o_menu_sections :contains('All cases')))",
        },
        {
            content: "His case is there",
            trigger: ".o_kanban_record:contains('Tourcase-Mine')",
        },
        {
            content: "Only his case: exactly one card, not the other team's case",
            trigger:
                ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Tourcase-Other')))",
        },
        {
            trigger:
                ".o_kanban_renderer:not(:has(.o_kanban_record:not(.o_kanban_ghost):eq(1)))",
        },
        {
            content: "Open his case",
            trigger: ".o_kanban_record:contains('Tourcase-Mine')",
            run: "click",
        },
        {
            content: "Wait for the form of his case",
            trigger:
                ".o_form_view .o_field_widget[name=subject_pseudonym]:contains('Tourcase-Mine')",
        },
        {
            content: "The team is shown with roles",
            trigger:
                ".o_form_view .o_field_widget[name=member_ids] .o_data_row:contains('Faith volunteer')",
        },
        {
            content:
                "Professional-only parts are not shown: no subject identity, no signal",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name=subject_partner_id])):not(:has(.o_notebook .nav-link:contains(Signal)))",
        },
        {
            content: "Check what he is to do in the plan",
            trigger: ".o_notebook .nav-link:contains(Plan)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=plan_item_ids] .o_data_row:contains(Accompany him to the boxing club):contains(Tour Volunteer Yusuf)",
        },
        {
            content: "And when the team meets",
            trigger: ".o_notebook .nav-link:contains(Case conferences)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=meeting_ids] .o_data_row:contains(Monthly case conference)",
        },
        {
            content: "Go to the notes",
            trigger: ".o_notebook .nav-link:contains('Notes')",
            run: "click",
        },
        {
            content: "The team note is visible",
            trigger:
                ".o_field_widget[name=note_ids] .o_data_row:contains('Team note visible')",
        },
        {
            content: "The professionals-only note is not",
            trigger:
                ".o_field_widget[name=note_ids]:not(:has(.o_data_row:contains('Professionals only secret')))",
        },
        {
            content: "Add a team note",
            trigger: ".o_form_view button[name=action_add_note]",
            run: "click",
        },
        {
            content: "Volunteers cannot choose the professionals-only visibility",
            trigger: ".modal .o_form_view:not(:has(.o_field_widget[name=visibility]))",
        },
        {
            content: "Write the note",
            trigger: ".modal .o_field_widget[name=body] textarea",
            run: "edit Brought him to the youth centre",
        },
        {
            content: "Save it",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Wait until the note is saved and the dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The new note is on the case",
            trigger:
                ".o_field_widget[name=note_ids] .o_data_row:contains('Brought him to the youth centre')",
        },
    ],
});
