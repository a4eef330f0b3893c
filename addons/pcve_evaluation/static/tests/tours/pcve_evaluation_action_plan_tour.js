import {registry} from "@web/core/registry";

// Server work (saving, moving the stage) may be slow on a loaded machine.
const SERVER_TIMEOUT = 60000;
const INITIATIVES = ".o_field_widget[name=initiative_ids]";

/** Press "Next stage" and wait until the plan reached ``stage``. */
function nextStage(stage) {
    return [
        {
            content: `Move on to ${stage}`,
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_next_stage]",
            run: "click",
        },
        {
            content: `The plan is saved and reached ${stage}`,
            trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${stage})`,
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/** Pick ``name`` in the many2one ``field`` of the initiative being edited. */
function pickStructure(name) {
    return [
        {
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=structure_partner_id] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=structure_partner_id] input:value(${name})`,
        },
    ];
}

registry.category("web_tour.tours").add("pcve_evaluation_action_plan_tour", {
    steps: () => [
        {
            content: "Name the new action plan",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour action plan",
        },
        {
            content: "A seat for the residents' association",
            trigger: ".o_form_view .o_field_widget[name=team_partner_ids] input",
            run: "edit Tour Residents",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Residents)",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name=team_partner_ids] .o_tag:contains(Tour Residents)",
        },
        ...nextStage("Team"),
        ...nextStage("Situational picture"),
        {
            content: "Write the situational picture",
            trigger: ".o_notebook .nav-link:contains(Situational picture)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=situational_picture] .odoo-editor-editable",
            run: "editor Young people in Riverside feel watched.",
        },
        {
            trigger:
                ".o_field_widget[name=situational_picture] .odoo-editor-editable:contains(feel watched)",
        },
        ...nextStage("Action plan"),
        {
            content: "Add the initiatives",
            trigger: ".o_notebook .nav-link:contains(Initiatives)",
            run: "click",
        },
        {
            trigger: `${INITIATIVES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Youth evenings at the existing youth centre",
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=name] input`,
            run: "edit Tour youth evenings",
        },
        ...pickStructure("Tour Youth Centre"),
        {
            content: "A second initiative",
            trigger: `${INITIATIVES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `${INITIATIVES} .o_data_row:not(.o_selected_row):contains(Tour youth evenings)`,
        },
        {
            content: "Mentoring needs a new structure",
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=name] input`,
            run: "edit Tour mentoring",
        },
        {
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=structure_mode] input`,
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(New structure)",
            run: "click",
        },
        {
            content: "Say why no existing structure will do",
            trigger: `${INITIATIVES} .o_selected_row .o_field_widget[name=new_structure_rationale] textarea`,
            run: "edit No association mentors newcomers yet.",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved and reloaded: both initiatives are lines of the plan",
            trigger: `.o_form_view .o_form_saved ${INITIATIVES} .o_data_row:contains(Tour mentoring):contains(New structure)`,
            timeout: SERVER_TIMEOUT,
        },
        {
            trigger: `${INITIATIVES} .o_data_row:contains(Tour youth evenings):contains(Tour Youth Centre)`,
        },
        ...nextStage("Implementation"),
    ],
});
