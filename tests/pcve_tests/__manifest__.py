{
    "name": "P/CVE Community Engagement: cross-addon tests",
    "summary": "Security, browser and cross-addon journeys of the pcve suite (tests only)",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://example.org/pcve",
    "author": "pcve contributors",
    "license": "AGPL-3",
    "depends": ["pcve_partners", "pcve_casework", "pcve_safespaces", "pcve_evaluation"],
    "data": [],
    "assets": {
        "web.assets_tests": ["pcve_tests/static/tests/tours/*.js"],
    },
    "installable": True,
}
