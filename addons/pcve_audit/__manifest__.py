{
    "name": "P/CVE Community Engagement: Audit trail",
    "summary": "The suite's audit trail on OCA auditlog: system-written, never "
    "editable, each model's logs for its managers",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "category": "Community Engagement",
    "website": "https://github.com/pcve-suite/pcve",
    "author": "pcve contributors",
    "maintainers": ["pcve-maintainers"],
    "license": "AGPL-3",
    "depends": ["pcve_base", "auditlog"],
    "data": [
        "security/pcve_audit_groups.xml",
        "security/ir.model.access.csv",
        "security/auditlog_log_rules.xml",
        "data/ir_cron_data.xml",
        "views/auditlog_log_views.xml",
        "views/pcve_audit_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
