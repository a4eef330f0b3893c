{
    "name": "P/CVE Community Engagement: Casework",
    "summary": "Multidisciplinary case teams and the shared case view",
    "version": "19.0.1.0.0",
    "category": "Community Engagement",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["pcve_partners"],
    "data": [
        "security/pcve_casework_groups.xml",
        "security/ir.model.access.csv",
        "views/pcve_casework_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
