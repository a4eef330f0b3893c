{
    "name": "P/CVE Community Engagement: Casework with Partners",
    "summary": "Glue: faith volunteers act on behalf of the suite's partners",
    "version": "19.0.1.0.0",
    "category": "Community Engagement",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["pcve_casework", "pcve_partners"],
    "demo": ["demo/res_partner_demo.xml"],
    "auto_install": True,
    "installable": True,
}
