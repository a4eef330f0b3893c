import {registry} from "@web/core/registry";

const {DateTime} = luxon;
const FORM = ".o_form_view";

/** The steps choosing `label` in the selection field `name` (a SelectMenu). */
function choose(name, label) {
    return [
        {
            content: `Open the choices of ${name}`,
            trigger: `${FORM} .o_field_widget[name=${name}] .o_select_menu_toggler`,
            run: "click",
        },
        {
            content: `Choose ${label}`,
            trigger: `.o_select_menu_menu .o_select_menu_item:contains('${label}')`,
            run: "click",
        },
        {
            content: `Wait until ${name} shows ${label}`,
            trigger: `${FORM} .o_field_widget[name=${name}] input:value("${label}")`,
        },
    ];
}

// A case worker refers his case to a youth centre, with the person's
// consent; the test then answers as the youth centre through its link.
registry.category("web_tour.tours").add("pcve_casework_referral_tour", {
    steps: () => [
        {
            content: "Wait for the form of his case",
            trigger: `${FORM} .o_field_widget[name=subject_pseudonym] input:value("Tourcase-Referral")`,
        },
        {
            content: "Open the referrals of the case",
            trigger: `${FORM} .o-form-buttonbox button:contains('Referrals')`,
            run: "click",
        },
        {
            content: "Wait for the (empty) list of the case's referrals",
            trigger: ".o_list_view .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Wait for the new referral",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current:contains(Draft)`,
        },
        {
            content: "The youth centre",
            trigger: `${FORM} .o_field_widget[name=service_partner_id] input`,
            run: "edit Jeugdhuis Tour",
        },
        {
            content: "Pick it",
            trigger:
                ".o-autocomplete--dropdown-item .dropdown-item:contains('Jeugdhuis Tour')",
            run: "click",
        },
        ...choose("service_type", "Youth work"),
        ...choose("consent_given_by", "The person"),
        {
            content: "The day he gave his consent",
            trigger: `${FORM} .o_field_widget[name=consent_date] input`,
            run: `edit ${DateTime.now().toFormat("MM/dd/yyyy")}`,
        },
        {
            content: "Why",
            trigger: `${FORM} .o_field_widget[name=reason] textarea`,
            run: "edit Wants a place to go in the evenings.",
        },
        {
            content: "Request the referral (the form saves it first)",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_request]`,
            run: "click",
        },
        {
            content: "Wait for the reloaded form: requested",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current:contains(Requested)`,
        },
        {
            content: "The chatter tells the link went to the youth centre",
            trigger:
                ".o-mail-Message:contains('Referral requested by'):contains('Jeugdhuis Tour')",
        },
        {
            content: "The form is saved: nothing left to lose",
            trigger: `${FORM} .o_form_status_indicator_buttons.invisible:not(:visible)`,
        },
    ],
});
