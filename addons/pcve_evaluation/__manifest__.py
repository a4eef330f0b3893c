{
    "name": "P/CVE Community Engagement: Evaluation",
    "summary": "Evaluation reviews and the evaluation workbook (xlsx) with disclosure control",
    "version": "19.0.2.0.0",
    "development_status": "Beta",
    "category": "Community Engagement",
    "website": "https://github.com/pcve-suite/pcve",
    "author": "pcve contributors",
    "maintainers": ["pcve-maintainers"],
    "license": "AGPL-3",
    "depends": ["pcve_partners", "pcve_casework", "pcve_safespaces", "report_xlsx"],
    "data": [
        "security/pcve_evaluation_groups.xml",
        "security/ir.model.access.csv",
        "security/pcve_evaluation_rules.xml",
        "report/evaluation_workbook.xml",
        "views/pcve_evaluation_review_views.xml",
        "views/pcve_evaluation_partner_stat_views.xml",
        "views/pcve_evaluation_case_stat_views.xml",
        "views/pcve_evaluation_session_stat_views.xml",
        "views/pcve_evaluation_concern_stat_views.xml",
        "views/pcve_evaluation_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/pcve_evaluation_review_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pcve_evaluation/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
