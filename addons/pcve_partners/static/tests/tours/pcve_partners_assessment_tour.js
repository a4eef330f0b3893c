import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// The default criteria of a full assessment (data/pcve_assessment_criterion_data.xml);
// the Python test checks that this is still their number.
const CRITERIA_COUNT = 9;
const LINES = ".o_field_widget[name=criterion_line_ids]";
const REFERENCES = ".o_field_widget[name=reference_ids]";
// The form's Approve button opens the decision step (a window action: no method name).
const APPROVE = ".o_form_view .o_statusbar_buttons button:contains(Approve)";
const LEVELS = ".modal .o_field_widget[name=granted_level]";
// Steps that wait for the server get more time: the tours must pass on a busy machine.
const SERVER = 30000;
// A finding as long as real ones are: it must not crowd out the criterion or its rating.
const FINDING =
    "One board member once shared a polarising post; he apologised publicly. The board has " +
    "since adopted a social media code and trained its members, and the youth workers we " +
    "spoke to confirm the club's inclusive approach.";

/** The row of the ``index``th line (0-based) of a one2many list. */
function row(list, index) {
    return `${list} .o_data_row:nth-child(${index + 1})`;
}

function source(index) {
    return `Annual report and media review ${index + 1}`;
}

/** One finding is a (light) concern: a real assessment is rarely all clear. */
function rating(index) {
    return index === 1 ? "Concern" : "No concern";
}

/** Steps choosing `item` (a selector of the option) in a selection field's menu. */
function chooseSelection(field, item, content) {
    return [
        {content, trigger: `${field} input`, run: "click"},
        {trigger: `.o_select_menu_menu .o_select_menu_item${item}`, run: "click"},
    ];
}

function openAssessments() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_base.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "Open the Partners menu",
            trigger: '.o_main_navbar button:contains("Partners")',
            run: "click",
            timeout: SERVER,
        },
        {
            trigger: '.dropdown-item:contains("Assessments")',
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains('Partner assessments')",
            timeout: SERVER,
        },
    ];
}

/**
 * Steps filling the source and rating of the ``index``th criterion. Every
 * selector names the row: on a slow machine the previous row may still be the
 * one in edition when the next step runs (typing into any ".o_selected_row"
 * then overwrites the previous row, and lines stay empty).
 * ``waitForRow`` also waits until the previous row shows what was typed, out of
 * edition; without it, only as long as a fast typist does.
 */
function fillCriterionLine(index, waitForRow = true) {
    const line = row(LINES, index);
    const ratingItem =
        index === 1
            ? ":contains(Concern):not(:contains(No)):not(:contains(Serious))"
            : ":contains(No concern)";
    const steps = [
        {
            content: `Criterion ${index + 1}: open the line`,
            trigger: `${line} td[name=source]`,
            run: "click",
        },
        {
            trigger: `${line}.o_selected_row .o_field_widget[name=source] input`,
            run: `edit ${source(index)}`,
        },
        ...chooseSelection(
            `${line}.o_selected_row .o_field_widget[name=rating]`,
            ratingItem
        ),
    ];
    if (!waitForRow) {
        // as fast as a person can: the next click comes once the menu has closed
        // (clicking a row through a menu still open is faster than anyone can,
        // and then the choice may be dropped)
        steps.push({trigger: "body:not(:has(.o_select_menu_menu))"});
    }
    if (waitForRow) {
        steps.push({
            content: `Criterion ${index + 1}: the rating is chosen`,
            trigger: `${line}.o_selected_row .o_field_widget[name=rating] input:value(${rating(index)})`,
        });
        if (index > 0) {
            steps.splice(1, 0, rowShown(index - 1));
        }
    }
    return steps;
}

/** The ``index``th criterion shows its source and rating, out of edition. */
function rowShown(index) {
    const line = row(LINES, index);
    return {
        content: `Criterion ${index + 1} is kept in the list`,
        trigger: `${line}:not(.o_selected_row):contains(${source(index)}) td[name=rating]:contains(${rating(index)})`,
        timeout: SERVER,
    };
}

function addReference(index, name, organisation) {
    const reference = row(REFERENCES, index);
    return [
        {
            content: `Add the reference ${name}`,
            trigger: `${REFERENCES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `${reference}.o_selected_row .o_field_widget[name=name] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `${reference}.o_selected_row .o_field_widget[name=organisation] input`,
            run: `edit ${organisation}`,
        },
        {
            content: "The statement was checked against another source",
            trigger: `${reference}.o_selected_row .o_field_widget[name=cross_checked] input`,
            run: "check",
        },
        {
            trigger: `${reference}.o_selected_row .o_field_widget[name=cross_checked] input:checked`,
        },
    ];
}

/** A new full assessment of ``partner``: the partner and a partnership. */
function newPartnership(partner) {
    return [
        ...openAssessments(),
        {
            content: "Start a new assessment",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the partner",
            trigger: ".o_field_widget[name=partner_id] input",
            run: `edit ${partner}`,
        },
        {
            trigger: `.o_field_widget[name=partner_id] .o-autocomplete--dropdown-item:contains(${partner})`,
            run: "click",
            timeout: SERVER,
        },
        {
            trigger: `.o_field_widget[name=partner_id] input:value(${partner})`,
        },
        ...chooseSelection(
            ".o_form_view .o_field_widget[name=requested_level]",
            ":contains(Partnership)",
            "A partnership is requested"
        ),
        {
            content: "A partnership needs a full assessment",
            trigger: ".o_field_widget[name=required_depth]:contains(Full)",
            timeout: SERVER,
        },
        {
            content: "Every active criterion is on the form",
            trigger: `${LINES} .o_data_row:eq(${CRITERIA_COUNT - 1})`,
        },
        {
            trigger: `${LINES}:not(:has(.o_data_row:eq(${CRITERIA_COUNT})))`,
        },
    ];
}

registry.category("web_tour.tours").add("pcve_partners_assessor_tour", {
    url: "/odoo",
    steps: () => [
        ...newPartnership("Tourpartner Buurthuis"),
        {
            trigger: ".o_field_widget[name=objective] textarea",
            run: "edit Run the homework club together with the community centre.",
        },
        {
            content: "Funding is considered, with an amount",
            trigger: ".o_field_widget[name=funding_involved] input",
            run: "check",
        },
        {
            trigger: ".o_field_widget[name=funding_amount] input",
            run: "edit 5000",
        },
        {
            content: "No funding after all: the box is unticked",
            trigger: ".o_field_widget[name=funding_involved] input:checked",
            run: "uncheck",
        },
        {
            content: "The amount is hidden (and cleared)",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=funding_amount]))",
            timeout: SERVER,
        },
        {
            content:
                "Submitting an empty full assessment is refused (it is saved first)",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The refusal names the rule and the missing criteria",
            trigger:
                ".modal:contains(A full assessment needs a rating and a source on every criterion):contains(Sources of funding)",
            timeout: SERVER,
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Still a draft, saved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        {
            trigger: ".o_field_widget[name=name]:contains(PA/)",
            timeout: SERVER,
        },
        ...Array.from({length: CRITERIA_COUNT}, (_value, index) =>
            fillCriterionLine(index)
        ).flat(),
        {
            content: "Write the finding on the criterion of concern",
            trigger: `${row(LINES, 1)} td[name=finding]`,
            run: "click",
        },
        rowShown(CRITERIA_COUNT - 1),
        {
            trigger: `${row(LINES, 1)}.o_selected_row .o_field_widget[name=finding] textarea`,
            run: `edit ${FINDING}`,
        },
        {
            content: "Leave the line",
            trigger: ".o_form_view .oe_title",
            run: "click",
        },
        {
            content: "The finding is kept in the list",
            trigger: `${row(LINES, 1)}:not(.o_selected_row) td[name=finding]:contains(polarising post)`,
            timeout: SERVER,
        },
        {
            content: "Go to the references",
            trigger: ".o_notebook .nav-link:contains(References)",
            run: "click",
        },
        ...addReference(0, "Youth services department", "Municipality"),
        ...addReference(1, "Neighbourhood police officer", "Community policing team"),
        {
            content: "Leave the reference",
            trigger: ".o_form_view .oe_title",
            run: "click",
        },
        {
            trigger: `${row(REFERENCES, 1)}:not(.o_selected_row):contains(Neighbourhood police officer)`,
            timeout: SERVER,
        },
        {
            content: "Submit for decision (saves the form first)",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The assessment is in review",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In review)",
            timeout: SERVER,
        },
        {
            content: "The form is saved and reloaded",
            trigger:
                ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Four eyes: the assessor cannot decide it himself",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Approve))):not(:has(button:contains(Decline)))",
        },
        {
            content: "The partner can no longer be changed",
            trigger: ".o_field_widget[name=partner_id].o_readonly_modifier",
        },
        {
            content: "The assessor submitted it",
            trigger:
                ".o_field_widget[name=submitted_by_id]:contains(Tour Assessor Bram)",
        },
        {
            content: "The references were saved",
            trigger: `${row(REFERENCES, 1)}:contains(Neighbourhood police officer)`,
        },
        {
            content: "Back to the criteria",
            trigger: ".o_notebook .nav-link:contains(Criteria)",
            run: "click",
        },
        {
            content: "Every criterion was saved",
            trigger: `${row(LINES, CRITERIA_COUNT - 1)}:contains(${source(CRITERIA_COUNT - 1)})`,
        },
    ],
});

// A user who types fast and clicks "Submit" at once, without looking whether
// the lines are shown: the Submit button saves the form with every edited
// row first (the Python test checks the nine lines).
registry.category("web_tour.tours").add("pcve_partners_fast_submit_tour", {
    url: "/odoo",
    steps: () => [
        ...newPartnership("Tourpartner Jongerenwerk"),
        ...Array.from({length: CRITERIA_COUNT}, (_value, index) =>
            fillCriterionLine(index, false)
        ).flat(),
        {
            content: "Go to the references",
            trigger: ".o_notebook .nav-link:contains(References)",
            run: "click",
        },
        ...addReference(0, "Youth services department", "Municipality"),
        ...addReference(1, "Neighbourhood police officer", "Community policing team"),
        {
            content: "Submit at once",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content:
                "Submitted: all lines were saved, or the rule would have refused it",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In review)",
            timeout: SERVER,
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
            content: "Approve opens the decision step",
            trigger: APPROVE,
            run: "click",
            timeout: SERVER,
        },
        {
            content: "The requested level is chosen by default",
            trigger: `${LEVELS} input[data-value=consultation]:checked`,
            timeout: SERVER,
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
            trigger: `${LINES} .o_data_row:contains(polarising post) td[name=rating]:contains(Concern)`,
            timeout: SERVER,
        },
        {
            content:
                "Every criterion is readable, its rating beside it, its finding on screen",
            trigger: `${row(LINES, CRITERIA_COUNT - 1)} td[name=rating]:contains(No concern)`,
            run() {
                const list = document.querySelector(`${LINES} .o_list_renderer`);
                const box = list.getBoundingClientRect();
                const right = Math.min(box.right, window.innerWidth);
                const rows = document.querySelectorAll(`${LINES} .o_data_row`);
                if (rows.length !== CRITERIA_COUNT) {
                    throw new Error(`${rows.length} criteria shown`);
                }
                for (const line of rows) {
                    const cell = (name) => line.querySelector(`td[name=${name}]`);
                    const criterion = cell("criterion_id");
                    for (const name of ["rating", "finding"]) {
                        const rect = cell(name).getBoundingClientRect();
                        if (
                            rect.width < 80 ||
                            rect.left < box.left ||
                            rect.right > right + 1
                        ) {
                            throw new Error(
                                `${name} is off screen: ${rect.left}-${rect.right} in ${box.left}-${right}`
                            );
                        }
                    }
                    if (cell("rating").cellIndex !== criterion.cellIndex + 1) {
                        throw new Error("the rating is not beside its criterion");
                    }
                    for (const el of [criterion, ...criterion.querySelectorAll("*")]) {
                        if (el.scrollWidth > el.clientWidth + 1) {
                            throw new Error(
                                `criterion cut off: ${criterion.textContent}`
                            );
                        }
                    }
                }
            },
        },
        {
            content: "Approve opens the decision step",
            trigger: APPROVE,
            run: "click",
        },
        {
            content: "The requested partnership is chosen by default",
            trigger: `${LEVELS} input[data-value=partnership]:checked`,
            timeout: SERVER,
        },
        {
            content: "The approver grants a lower level: consultation",
            trigger: `${LEVELS} input[data-value=consultation]`,
            run: "click",
        },
        {
            trigger: `${LEVELS} input[data-value=consultation]:checked`,
        },
        {
            content: "Approving without a rationale is refused",
            trigger:
                ".modal .modal-footer button[name=action_decide]:contains(Approve)",
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
            trigger:
                ".modal .modal-footer button[name=action_decide]:contains(Approve)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
            timeout: SERVER,
        },
        {
            content: "The assessment is decided and approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Decided)",
            timeout: SERVER,
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
            content: "The level is valid for the period of the settings",
            trigger: ".o_field_widget[name=valid_until]:contains(20)",
        },
        {
            content: "No decision buttons are left",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Approve))):not(:has(button:contains(Decline)))",
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
