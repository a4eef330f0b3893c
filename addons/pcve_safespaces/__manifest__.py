{
    "name": "P/CVE Community Engagement: Safe Spaces",
    "summary": "Safe-space dialogue calendar, community concerns register, crisis response",
    "version": "19.0.1.0.0",
    "category": "Community Engagement",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["pcve_partners", "calendar"],
    "data": [
        "security/pcve_safespaces_groups.xml",
        "security/ir.model.access.csv",
        "views/pcve_safespaces_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
