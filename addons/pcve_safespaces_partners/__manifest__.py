{
    "name": "P/CVE Community Engagement: Safe Spaces with Partners",
    "summary": "Glue: confidential sessions with a trained moderator, per company; a "
    "crisis calls the network members who consented",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "category": "Community Engagement",
    "website": "https://github.com/pcve-suite/pcve",
    "author": "pcve contributors",
    "maintainers": ["pcve-maintainers"],
    "license": "AGPL-3",
    "depends": ["pcve_safespaces", "pcve_partners"],
    "data": [
        "security/ir.model.access.csv",
        "security/pcve_safespaces_partners_rules.xml",
        "wizards/pcve_crisis_network_wizard_views.xml",
        "views/pcve_crisis_contact_views.xml",
        "views/pcve_crisis_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/pcve_portal_demo.xml", "demo/pcve_crisis_contact_demo.xml"],
    "auto_install": True,
    "installable": True,
}
