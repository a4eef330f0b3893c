{
    "name": "P/CVE Community Engagement: Casework",
    "summary": "Multidisciplinary case teams and the shared case view",
    "version": "19.0.2.1.0",
    "category": "Community Engagement",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["mail", "pcve_base", "pcve_audit"],
    "data": [
        "security/pcve_casework_groups.xml",
        "security/ir.model.access.csv",
        "security/pcve_casework_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/auditlog_rule_data.xml",
        "views/pcve_case_views.xml",
        "views/pcve_case_meeting_views.xml",
        "views/pcve_case_note_views.xml",
        "views/res_config_settings_views.xml",
        "views/pcve_casework_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/pcve_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pcve_casework/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
