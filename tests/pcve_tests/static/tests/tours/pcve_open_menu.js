import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("pcve_open_menu", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Community Engagement app",
            trigger: '.o_app[data-menu-xmlid="pcve_base.menu_pcve_root"]',
            run: "click",
        },
        {
            content: "The app opens on the partners",
            trigger: '.o_main_navbar .o_menu_brand:contains("Community Engagement")',
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains('Partners')",
        },
        {
            content: "Demo partners are listed",
            trigger: ".o_kanban_record:contains('Riverside Youth Centre')",
        },
        {
            content: "Open the Partners menu",
            trigger: '.o_main_navbar button:contains("Partners")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Communities")',
            run: "click",
        },
        {
            trigger:
                ".o_kanban_record:contains('Long-established residents of the old town')",
        },
    ],
});
