import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// What the browser received for each download, in order.
const downloads = [];

/**
 * Records every file the web client downloads.
 *
 * Reports and binary fields are fetched by Odoo's download helper with an
 * XMLHttpRequest for a blob (remote procedure calls use one for text); a URL action (the frozen workbook) navigates to the file.
 * The headless browser of the tests refuses to save files, so both are
 * recorded here: the XMLHttpRequest's real response, and for a navigation
 * the response of the same URL in the same session.
 */
function recordDownloads() {
    const BrowserXHR = browser.XMLHttpRequest;
    browser.XMLHttpRequest = class extends BrowserXHR {
        constructor() {
            super();
            this.addEventListener("load", () => {
                if (this.responseType !== "blob") {
                    return; // a remote procedure call, not a file
                }
                downloads.push({
                    url: this.responseURL,
                    status: this.status,
                    disposition: this.getResponseHeader("Content-Disposition") || "",
                    blob: this.response,
                });
            });
        }
    };
    const location = window.location;
    // An empty target: a Proxy of the Location object itself may not replace
    // its (non-configurable) methods.
    const recordingLocation = new Proxy(
        {},
        {
            get(_target, property) {
                if (property === "assign") {
                    return async (url) => {
                        const response = await fetch(url);
                        downloads.push({
                            url: response.url,
                            status: response.status,
                            disposition:
                                response.headers.get("Content-Disposition") || "",
                            blob: await response.blob(),
                        });
                    };
                }
                const value = location[property];
                return typeof value === "function" ? value.bind(location) : value;
            },
        }
    );
    Object.defineProperty(browser, "location", {
        configurable: true,
        get: () => recordingLocation,
        set: (value) => {
            window.location = value;
        },
    });
}

// Server work (rendering, freezing, downloading) may be slow on a loaded
// machine: the steps that wait for it wait up to the longest a step may.
const SERVER_TIMEOUT = 60000;

/** The SHA-1 of a blob, in hexadecimal (what ir.attachment.checksum holds). */
async function sha1(blob) {
    const digest = await crypto.subtle.digest("SHA-1", await blob.arrayBuffer());
    return Array.from(new Uint8Array(digest), (byte) =>
        byte.toString(16).padStart(2, "0")
    ).join("");
}

/**
 * Waits for download number `index`, checks it is the workbook `filename` and
 * logs its SHA-1 for the Python post-checks.
 */
function checkDownload(index, route, filename) {
    return {
        content: `The browser received ${filename}`,
        trigger: ".o_form_view",
        timeout: SERVER_TIMEOUT,
        async run(helpers) {
            await helpers.waitUntil(() => downloads.length > index, {
                timeout: SERVER_TIMEOUT - 1000,
            });
            const {url, status, disposition, blob} = downloads[index];
            const head = await blob.slice(0, 2).text();
            const errors = [];
            if (!new URL(url).pathname.startsWith(route)) {
                errors.push(`came from ${url}, not ${route}`);
            }
            if (status !== 200) {
                errors.push(`status ${status}`);
            }
            if (!decodeURIComponent(disposition).includes(filename)) {
                errors.push(`file name in "${disposition}"`);
            }
            if (blob.type !== XLSX_TYPE || head !== "PK" || blob.size < 4000) {
                errors.push(`not a workbook: ${blob.type}, ${blob.size} bytes`);
            }
            if (errors.length) {
                throw new Error(`Download ${index + 1}: ${errors.join("; ")}`);
            }
            console.log(
                `pcve_evaluation download ${index}: sha1=${await sha1(blob)} size=${blob.size}`
            );
        },
    };
}

registry.category("web_tour.tours").add("pcve_evaluation_manager_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_base.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "An evaluation manager lands on the evaluation reviews",
            trigger: '.o_breadcrumb .active:contains("Evaluation reviews")',
        },
        {
            content: "Open the review of the past year",
            trigger:
                ".o_list_view .o_data_row:contains(Tour review):contains(Draft) td[name=name]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Rate the credibility",
            trigger: ".o_form_view .o_field_widget[name=credible_rating] input",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(4 - Largely)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=credible_answer] textarea",
            run: "edit Partners who did not pass still take part in the dialogue.",
        },
        {
            content: "The rating is set before the answer is typed",
            trigger:
                ".o_form_view .o_field_widget[name=credible_rating] input:value('4 - Largely')",
        },
        {
            content: "Watch what the browser downloads",
            trigger: ".o_form_view",
            run: recordDownloads,
        },
        {
            content: "Preview the workbook before freezing it",
            trigger: ".o_form_view button[name=action_download_workbook]",
            run: "click",
        },
        checkDownload(0, "/report/download", "Evaluation workbook - Tour review.xlsx"),
        {
            content: "The answers were saved before the preview was made",
            trigger:
                ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Mark the review done: the workbook is frozen",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The review is done once the workbook is rendered and frozen",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The frozen workbook is on the review",
            trigger:
                ".o_form_view .o_field_widget[name=workbook_datas]:contains(Tour review.xlsx)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The chatter says so",
            trigger: ".o-mail-Message:contains(the evaluation workbook is frozen)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The answers can no longer change",
            trigger:
                ".o_form_view .o_field_widget[name=credible_rating].o_readonly_modifier:contains(4 - Largely)",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_done]))",
        },
        {
            content: "Download the frozen workbook",
            trigger: ".o_form_view button[name=action_download_workbook]",
            run: "click",
        },
        checkDownload(1, "/web/content/", "Tour review.xlsx"),
    ],
});
