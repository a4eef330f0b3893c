import {registry} from "@web/core/registry";

// Steps that wait for the server get more time: the tours must pass on a busy machine.
const SERVER = 30000;
const LEVEL = ".o_field_widget[name=pcve_collaboration_level]";

/** Steps choosing ``label`` in the selection field ``name`` of the form. */
function choose(name, label, content) {
    return [
        {
            content,
            trigger: `.o_form_view .o_field_widget[name=${name}] input`,
            run: "click",
            timeout: SERVER,
        },
        {
            trigger: `.o_select_menu_menu .o_select_menu_item:contains(${label})`,
            run: "click",
        },
        {
            trigger: `.o_form_view .o_field_widget[name=${name}] input:value(${label})`,
        },
    ];
}

/** Steps opening the P/CVE tab of the partner form and waiting for ``level``. */
function levelShown(level) {
    return [
        {
            content: "Open the P/CVE tab of the partner",
            trigger: '.o_form_view .o_notebook a.nav-link:contains("P/CVE")',
            run: "click",
            timeout: SERVER,
        },
        {
            content: `The collaboration level reads ${level}`,
            trigger: `${LEVEL}:contains(${level})`,
            timeout: SERVER,
        },
    ];
}

// The approver records a red flag on a partner and sees its level fall to dialogue.
registry.category("web_tour.tours").add("pcve_partners_red_flag_tour", {
    steps: () => [
        ...levelShown("Partnership"),
        {
            content: "Open the partner's observations",
            trigger: '.oe_stat_button:contains("Observations")',
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains('Observations')",
            timeout: SERVER,
        },
        {
            content: "Record a new observation",
            trigger: ".o_control_panel .o-kanban-button-new, .o_list_button_add",
            run: "click",
        },
        ...choose("severity", "Red flag", "A red flag"),
        ...choose("category", "Conduct", "About conduct"),
        {
            content: "What was observed",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit Threatened a journalist after a public meeting",
        },
        {
            trigger: ".o_field_widget[name=source] input",
            run: "edit Police liaison",
        },
        {
            content: "The form warns what a red flag does",
            trigger: ".o_form_view .alert-danger:contains(at most dialogue)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: it can now be dismissed",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_dismiss]",
            timeout: SERVER,
        },
        {
            content: "Back to the partner",
            trigger:
                '.o_control_panel .o_breadcrumb .breadcrumb-item a:contains("Test Youth Club")',
            run: "click",
        },
        ...levelShown("Dialogue"),
    ],
});

// The assessor records the partner's feedback and activates its memorandum.
registry.category("web_tour.tours").add("pcve_partners_reciprocity_tour", {
    steps: () => [
        {
            content: "Open the partner's feedback",
            trigger: '.oe_stat_button:contains("Feedback")',
            run: "click",
            timeout: SERVER,
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains('Partner feedback')",
            timeout: SERVER,
        },
        {
            content: "Record the partner's feedback",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...choose("decision", "Collaborate", "The partner wants to collaborate"),
        ...choose("channel", "Interview", "In an interview"),
        {
            content: "What the partner said",
            trigger: ".o_notebook a.nav-link:contains(Comment)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=comment] textarea",
            run: "edit We want a say in the topics of the dialogue circles",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger:
                '.o_control_panel .o_last_breadcrumb_item:contains("Test Youth Club")',
            timeout: SERVER,
        },
        {
            content: "Back to the partner",
            trigger:
                '.o_control_panel .o_breadcrumb .breadcrumb-item a:contains("Test Youth Club")',
            run: "click",
        },
        {
            content: "Open the partner's memoranda",
            trigger: '.oe_stat_button:contains("Memoranda")',
            run: "click",
            timeout: SERVER,
        },
        {
            content: "Open the draft memorandum",
            trigger: ".o_list_view .o_data_row td:contains(Tour memorandum)",
            run: "click",
            timeout: SERVER,
        },
        {
            content: "Sign and activate it",
            trigger: ".o_statusbar_buttons button[name=action_activate]",
            run: "click",
            timeout: SERVER,
        },
        {
            content: "The memorandum is active",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
            timeout: SERVER,
        },
    ],
});
