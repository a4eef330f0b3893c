import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The default criteria of a full assessment (data/pcve_assessment_criterion_data.xml);
// the Python test checks that this is still their number.
const CRITERIA_COUNT = 9;
const LINES = ".o_field_widget[name=criterion_line_ids]";
const REFERENCES = ".o_field_widget[name=reference_ids]";
// The form's Approve button opens the approval step (a window action: no method name).
const APPROVE = ".o_form_view .o_statusbar_buttons button:contains(Approve)";
const LEVELS = ".modal .o_field_widget[name=granted_level]";

/** Steps choosing `item` (a selector of the option) in a selection field's menu. */
function chooseSelection(field, item, content) {
    return [
        { content, trigger: `${field} input`, run: "click" },
        { trigger: `.o_select_menu_menu .o_select_menu_item${item}`, run: "click" },
    ];
}

function openAssessments() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_partners.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "Open the Partners menu",
            trigger: '.o_main_navbar button:contains("Partners")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Assessments")',
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains('Partner assessments')",
        },
    ];
}

function fillCriterionLine(index) {
    const row = `${LINES} .o_data_row:eq(${index})`;
    // One finding is a (light) concern: a real assessment is rarely all clear.
    const rating =
        index === 1
            ? ":contains(Concern):not(:contains(No)):not(:contains(Serious))"
            : ":contains(No concern)";
    return [
        {
            content: `Criterion ${index + 1}: open the line`,
            trigger: `${row} td[name=source]`,
            run: "click",
        },
        {
            trigger: `${LINES} .o_selected_row .o_field_widget[name=source] input`,
            run: `edit Annual report and media review ${index + 1}`,
        },
        ...chooseSelection(`${LINES} .o_selected_row .o_field_widget[name=rating]`, rating),
    ];
}

function addReference(name, organisation) {
    return [
        {
            content: `Add the reference ${name}`,
            trigger: `${REFERENCES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `${REFERENCES} .o_selected_row .o_field_widget[name=name] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `${REFERENCES} .o_selected_row .o_field_widget[name=organisation] input`,
            run: `edit ${organisation}`,
        },
        {
            content: "The statement was checked against another source",
            trigger: `${REFERENCES} .o_selected_row .o_field_widget[name=cross_checked] input`,
            run: "check",
        },
    ];
}

registry.category("web_tour.tours").add("pcve_partners_assessor_tour", {
    url: "/odoo",
    steps: () => [
        ...openAssessments(),
        {
            content: "Start a new assessment",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the partner",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tourpartner",
        },
        {
            trigger:
                ".o_field_widget[name=partner_id] .o-autocomplete--dropdown-item:contains(Tourpartner Buurthuis)",
            run: "click",
        },
        ...chooseSelection(
            ".o_form_view .o_field_widget[name=requested_level]",
            ":contains(Partnership)",
            "A partnership is requested"
        ),
        {
            content: "A partnership needs a full assessment",
            trigger: ".o_field_widget[name=required_depth]:contains(Full)",
        },
        {
            trigger: ".o_field_widget[name=objective] textarea",
            run: "edit Run the homework club together with the community centre.",
        },
        {
            content: "Every active criterion is on the form",
            trigger: `${LINES} .o_data_row:eq(${CRITERIA_COUNT - 1})`,
        },
        {
            trigger: `${LINES}:not(:has(.o_data_row:eq(${CRITERIA_COUNT})))`,
        },
        {
            content: "Submitting an empty full assessment is refused",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The refusal names the rule and the missing criteria",
            trigger:
                ".modal:contains(A full assessment needs a rating and a source on every criterion):contains(Sources of funding)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Still a draft",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        ...Array.from({ length: CRITERIA_COUNT }, (_value, index) =>
            fillCriterionLine(index)
        ).flat(),
        {
            content: "Write the finding on the criterion of concern",
            trigger: `${LINES} .o_data_row:eq(1) td[name=finding]`,
            run: "click",
        },
        {
            trigger: `${LINES} .o_selected_row .o_field_widget[name=finding] textarea`,
            run: "edit One board member once shared a polarising post; he apologised publicly.",
        },
        {
            content: "Go to the references",
            trigger: ".o_notebook .nav-link:contains(References)",
            run: "click",
        },
        ...addReference("Youth services department", "Municipality"),
        ...addReference("Neighbourhood police officer", "Community policing team"),
        {
            content: "Submit for decision",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The assessment is in review",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In review)",
        },
        {
            content: "Four eyes: the assessor cannot decide it himself",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Approve))):not(:has(button[name=action_decline]))",
        },
        {
            content: "The partner can no longer be changed",
            trigger: ".o_field_widget[name=partner_id].o_readonly_modifier",
        },
    ],
});

registry.category("web_tour.tours").add("pcve_partners_approver_tour", {
    url: "/odoo",
    steps: () => [
        ...openAssessments(),
        {
            content: "Another assessment in review asks for consultation",
            trigger:
                ".o_data_row:contains(Tourpartner Sportclub):contains(In review) td[name=name]",
            run: "click",
        },
        {
            content: "Approve opens the approval step",
            trigger: APPROVE,
            run: "click",
        },
        {
            content: "The requested level is chosen by default",
            trigger: `${LEVELS} input[data-value=consultation]:checked`,
        },
        {
            content: "Only the requested level and lower ones are offered",
            trigger: `${LEVELS}:has(input[data-value=information_sharing]):not(:has(input[data-value=dialogue])):not(:has(input[data-value=partnership]))`,
        },
        {
            content: "Cancel: nothing is decided",
            trigger: ".modal .modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In review)",
        },
        ...openAssessments(),
        {
            content: "The assessment to decide is listed as in review",
            trigger:
                ".o_data_row:contains(Tourpartner Buurthuis):contains(In review) td[name=name]",
            run: "click",
        },
        {
            content: "The criterion of concern is shown to the approver",
            trigger: `${LINES} .o_data_row:contains(polarising post):contains(Concern)`,
        },
        {
            content: "Approve opens the approval step",
            trigger: APPROVE,
            run: "click",
        },
        {
            content: "The requested partnership is chosen by default",
            trigger: `${LEVELS} input[data-value=partnership]:checked`,
        },
        {
            content: "The approver grants a lower level: consultation",
            trigger: `${LEVELS} input[data-value=consultation]`,
            run: "click",
        },
        {
            content: "Approving without a rationale is refused",
            trigger: ".modal .modal-footer button[name=action_approve]",
            run: "click",
        },
        {
            content: "A lower level than requested needs a rationale",
            trigger: ".modal .o_field_widget[name=rationale].o_field_invalid",
        },
        {
            trigger: ".modal .o_field_widget[name=rationale] textarea",
            run: "edit Consultation on the homework club first; a partnership after a year together.",
        },
        {
            content: "Approve",
            trigger: ".modal .modal-footer button[name=action_approve]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The assessment is decided and approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Decided)",
        },
        {
            trigger: ".o_form_view .ribbon:contains(Approved)",
        },
        {
            content: "Consultation is the granted level",
            trigger: ".o_field_widget[name=granted_level]:contains(Consultation)",
        },
        {
            content: "The decision is in the approver's name",
            trigger: ".o_field_widget[name=decided_by_id]:contains(Tour Approver Anna)",
        },
        {
            content: "The level is valid for a limited time",
            trigger: ".o_field_widget[name=valid_until]:contains(20)",
        },
        {
            content: "No decision buttons are left",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Approve))):not(:has(button[name=action_decline]))",
        },
        {
            content: "The rationale is kept with the decision",
            trigger: ".o_notebook .nav-link:contains(Decision rationale)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=decision_rationale]:contains(a partnership after a year together)",
        },
    ],
});
