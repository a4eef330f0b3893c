{
    "name": "P/CVE Community Engagement: Evaluation",
    "summary": "Evaluation reviews and the evaluation workbook (xlsx) with disclosure control",
    "version": "19.0.1.0.0",
    "category": "Community Engagement",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["pcve_partners", "pcve_casework", "pcve_safespaces", "report_xlsx"],
    "data": [
        "security/pcve_evaluation_groups.xml",
        "security/ir.model.access.csv",
        "views/pcve_evaluation_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
