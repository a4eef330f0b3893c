import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

const CASE = "Tourcase-Close";
const FORM = ".o_form_view";
const BUTTONS = `${FORM} .o_statusbar_buttons`;

/** A step waiting until the case's status bar shows `stage`. */
function stageShown(stage, content) {
    return {
        content,
        trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current:contains(${stage})`,
    };
}

// A case worker of the team closes the case.
registry.category("web_tour.tours").add("pcve_casework_close_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_base.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "The case worker lands on his cases",
            trigger: ".o_control_panel .o_breadcrumb:contains('My cases')",
        },
        {
            content: "Open the case",
            trigger: `.o_kanban_record:contains('${CASE}')`,
            run: "click",
        },
        stageShown("Monitoring", "Wait for the form: the case is in monitoring"),
        {
            content: "Go to the closure",
            trigger: ".o_notebook .nav-link:contains('Closure and retention')",
            run: "click",
        },
        {
            content: "How long the case is kept is not his to decide",
            trigger:
                ".o_notebook:has(.o_field_widget[name=closure_reason] textarea):not(:has(.o_field_widget[name=retention_until] input))",
        },
        {
            content: "Open the reasons for closure",
            trigger: ".o_field_widget[name=closure_reason_code] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Choose: goals met",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Goals met')",
            run: "click",
        },
        {
            content: "Give the details",
            trigger: ".o_field_widget[name=closure_reason] textarea",
            run: "edit Stable for a year: school and a job.",
        },
        {
            content: "Close the case (the form saves the reason first)",
            trigger: `${BUTTONS} button[name=action_close]`,
            run: "click",
        },
        {
            content:
                "The closure ended his membership: he is back on his cases, without this one",
            trigger:
                ".o_control_panel .o_breadcrumb:contains('My cases'):not(:contains('CASE/'))",
        },
        {
            content: "The case is gone from his cases",
            trigger: `.o_kanban_view:not(:has(.o_kanban_record:contains('${CASE}')))`,
        },
    ],
});

// The case manager reopens it, from the link to the case (no start URL of
// its own: the test opens the case).
registry.category("web_tour.tours").add("pcve_casework_reopen_tour", {
    steps: () => [
        stageShown("Closed", "The case opens, closed"),
        {
            content: "Reopen it",
            trigger: `${BUTTONS} button[name=action_reopen]`,
            run: "click",
        },
        {
            content: "Confirm: the reopening is logged",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        stageShown(
            "Assessment",
            "Wait for the reloaded form: the case is in assessment"
        ),
        {
            content: "It can be closed again",
            trigger: `${BUTTONS} button[name=action_close]`,
        },
        {
            content:
                "The chatter tells who reopened it, why it was closed and who is back",
            trigger:
                ".o-mail-Message:contains('Case reopened by'):contains('Stable for a year'):contains('Back on the team')",
        },
    ],
});
