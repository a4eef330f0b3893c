import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";

// Server work (saving, rendering the report) may be slow on a loaded machine.
const SERVER_TIMEOUT = 60000;
// What the browser received for each report download, as text.
const downloads = [];

/**
 * Records the reports the web client downloads: Odoo's download helper
 * fetches them with an XMLHttpRequest for a blob, which the headless browser
 * of the tests would not save.
 */
function recordDownloads() {
    const BrowserXHR = browser.XMLHttpRequest;
    browser.XMLHttpRequest = class extends BrowserXHR {
        constructor() {
            super();
            this.addEventListener("load", async () => {
                if (this.responseType === "blob") {
                    downloads.push({
                        url: this.responseURL,
                        status: this.status,
                        text: await this.response.text(),
                    });
                }
            });
        }
    };
}

const RESPONSES = ".o_field_widget[name=response_ids]";

/** Adds ``name`` to the organisations of the response being edited. */
function addOrganisation(name) {
    return [
        {
            content: `${name} takes part`,
            trigger: `${RESPONSES} .o_selected_row .o_field_widget[name=partner_ids] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            trigger: `${RESPONSES} .o_selected_row .o_field_widget[name=partner_ids] .o_tag:contains(${name})`,
        },
    ];
}

registry.category("web_tour.tours").add("pcve_safespaces_incident_tour", {
    steps: () => [
        {
            content: "Watch what the browser downloads",
            trigger: ".o_list_view",
            run: recordDownloads,
        },
        {
            content: "Record a new incident",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "At the mosque",
            trigger: ".o_field_widget[name=site_id] input",
            run: "edit Tour Mosque",
        },
        {
            trigger:
                ".o_field_widget[name=site_id] .o-autocomplete--dropdown-item:contains(Tour Mosque)",
            run: "click",
        },
        {
            content: "Graffiti",
            trigger: ".o_form_view .o_field_widget[name=kind] input",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Graffiti)",
            run: "click",
        },
        {
            content: "Reported to the police",
            trigger: ".o_field_widget[name=reported_to_police] input",
            run: "check",
        },
        {
            content: "A joint cleaning",
            trigger: `${RESPONSES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "A joint cleaning is the first kind offered",
            trigger: `${RESPONSES} .o_selected_row .o_field_widget[name=kind] input:value(Joint cleaning)`,
        },
        ...addOrganisation("Tour Parish"),
        ...addOrganisation("Tour Mosque Association"),
        {
            content: "Save the incident",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved and reloaded: the response made it responded",
            trigger:
                ".o_form_view:has(.o_form_renderer.o_form_saved) .o_statusbar_status .o_arrow_button_current:contains(Responded)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The saved response is interfaith",
            trigger: `${RESPONSES} .o_data_row:contains(Tour Parish) td[name=is_interfaith] input:checked`,
        },
        {
            content: "Open the annual report",
            trigger: ".o_menu_sections .dropdown-toggle:contains(Safe Spaces)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Annual incident report)",
            run: "click",
        },
        {
            content: "The year asked is this year",
            trigger: ".modal .o_field_widget[name=year] input",
        },
        {
            content: "Print",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "The browser received the report with the mosque's incident",
            trigger: "body:not(:has(.modal))",
            timeout: SERVER_TIMEOUT,
            async run(helpers) {
                await helpers.waitUntil(() => downloads.length > 0, {
                    timeout: SERVER_TIMEOUT - 1000,
                });
                const {url, status, text} = downloads[0];
                if (
                    !new URL(url).pathname.startsWith("/report/download") ||
                    status !== 200 ||
                    !text.includes("Incidents against sites")
                ) {
                    throw new Error(`Not the annual report: ${url} ${status}`);
                }
                console.log(
                    `pcve_safespaces incident report: ${text.length} characters`
                );
            },
        },
    ],
});
