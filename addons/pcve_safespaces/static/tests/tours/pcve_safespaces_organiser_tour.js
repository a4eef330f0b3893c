import {formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";

const {DateTime} = luxon;
const SESSIONS = ".o_field_widget[name=session_ids]";

registry.category("web_tour.tours").add("pcve_safespaces_organiser_tour", {
    steps: () => [
        // 1. Plan a series: every second week, four sessions, the first one last week.
        {
            content: "The organiser plans a new series from the list",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the series",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour dialogue table",
        },
        {
            content: "The first session took place last week, at six in the evening",
            trigger: ".o_field_widget[name=first_start] input",
            run: `edit ${formatDateTime(
                DateTime.now().minus({weeks: 1}).set({hour: 18, minute: 0, second: 0})
            )} && press Escape`,
        },
        {
            content: "Every second week",
            trigger: ".o_field_widget[name=interval] input",
            run: "edit 2",
        },
        {
            content: "Four sessions",
            trigger: ".o_field_widget[name=count] input",
            run: "edit 4",
        },
        {
            content: "Choose the venue",
            trigger: ".o_field_widget[name=venue_id] input",
            run: "edit Tourvenue",
        },
        {
            trigger:
                ".o_field_widget[name=venue_id] .o-autocomplete--dropdown-item:contains(Tourvenue)",
            run: "click",
        },
        {
            content: "The venue is chosen",
            trigger:
                ".o_field_widget[name=venue_id] input:value(Tourvenue community centre)",
        },
        {
            content: "Choose the moderator",
            trigger: ".o_field_widget[name=moderator_partner_id] input",
            run: "edit Tourmoderator",
        },
        {
            trigger:
                ".o_field_widget[name=moderator_partner_id] .o-autocomplete--dropdown-item:contains(Tourmoderator)",
            run: "click",
        },
        {
            content: "The moderator is chosen",
            trigger:
                ".o_field_widget[name=moderator_partner_id] input:value(Tourmoderator Ilse)",
        },
        {
            content: "The rule reads as the organiser meant it",
            trigger:
                ".o_field_widget[name=rule_description]:contains(Every 2 Weeks on):contains(for 4 events)",
        },
        {
            content: "Save the series",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The series is saved",
            trigger:
                ".o_form_view:has(.o_form_renderer.o_form_saved) .o_breadcrumb .active:contains(Tour dialogue table)",
        },
        {
            content: "Its four sessions are planned",
            trigger: ".o_form_view button[name=action_view_sessions]:contains(4)",
        },
        {
            trigger: `${SESSIONS} .o_data_row:eq(3):contains(Tourvenue)`,
        },
        {
            trigger: `${SESSIONS}:not(:has(.o_data_row:eq(4)))`,
        },
        // 2. Confirm the first session, hold it and record the attendance.
        {
            content: "Open the sessions of the series",
            trigger: ".o_form_view button[name=action_view_sessions]",
            run: "click",
        },
        {
            content: "Show them as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the first session (the list shows the newest first)",
            trigger:
                ".o_list_view .o_data_row:eq(3) td[name=name]:contains(Tour dialogue table)",
            run: "click",
        },
        {
            content: "It belongs to the series",
            trigger:
                ".o_form_view .o_field_widget[name=series_id] input:value(Tour dialogue table)",
        },
        {
            content: "A community centre is neutral: no warning",
            trigger:
                ".o_form_view:not(:has(.text-warning:contains('associated with police')))",
        },
        {
            content: "Confirm the session (the safe-space rules are checked)",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Confirmed)",
        },
        {
            content: "After the session, mark it as held",
            trigger: ".o_form_view button[name=action_mark_held]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Held)",
        },
        {
            content: "A held session keeps what was planned: its name is read-only now",
            trigger: ".o_form_view .o_field_widget[name=name]:not(:has(input))",
        },
        {
            content: "Open the attendance",
            trigger: ".o_notebook .nav-link:contains(Attendance)",
            run: "click",
        },
        {
            content: "Record how many came",
            trigger: ".o_field_widget[name=attendance_count] input",
            run: "edit 12",
        },
        {
            trigger: ".o_field_widget[name=attendance_women] input",
            run: "edit 5",
        },
        {
            trigger: ".o_field_widget[name=attendance_youth] input",
            run: "edit 3",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The server recorded the attendance (tracked in the chatter)",
            trigger:
                ".o-mail-Message-tracking:has(.o-mail-Message-trackingNew:contains(12)):contains(Attendance)",
        },
        {
            content: "The attendance is kept",
            trigger:
                ".o_form_view .o_form_saved .o_field_widget[name=attendance_count] input:value(12)",
        },
        // 3. Record a concern raised in the session.
        {
            content: "Open the concerns raised in this session",
            trigger: ".o_form_view button[name=action_view_concerns]:contains(0)",
            run: "click",
        },
        {
            content: "Register a new concern",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit No safe crossing near the primary school",
        },
        {
            content: "The topic: traffic safety",
            trigger: ".o_form_view .o_field_widget[name=topic] input",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Traffic safety)",
            run: "click",
        },
        {
            content: "The concern is linked to the session it was raised in",
            trigger:
                ".o_form_view .o_field_widget[name=session_id] input:value(Tour dialogue table)",
        },
        {
            content: "The organiser is responsible for the follow-up",
            trigger:
                ".o_form_view .o_field_widget[name=responsible_user_id] input:value(Tour Organiser Ilias)",
        },
        {
            content: "Save the concern",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The concern is saved",
            trigger:
                ".o_form_view:has(.o_form_renderer.o_form_saved) .o_breadcrumb .active:contains(No safe crossing near the primary school)",
        },
        {
            content: "Back to the concerns of the session",
            trigger: ".o_control_panel .o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "The new concern waits in the New column",
            trigger:
                ".o_kanban_group:contains(New) .o_kanban_record:contains(No safe crossing near the primary school)",
        },
    ],
});
