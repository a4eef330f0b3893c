{
    "name": "P/CVE Community Engagement: cross-addon tests",
    "summary": "Security, browser and cross-addon journeys of the pcve suite (tests only)",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "category": "Hidden/Tests",
    "website": "https://github.com/pcve-suite/pcve",
    "author": "pcve contributors",
    "maintainers": ["pcve-maintainers"],
    "license": "AGPL-3",
    "depends": [
        "pcve_partners",
        "pcve_casework",
        "pcve_safespaces",
        "pcve_evaluation",
        # the bridges install themselves with the domains; named so that the
        # cross-addon tests run with them
        "pcve_casework_partners",
        "pcve_safespaces_partners",
    ],
    "data": [],
    # read by the tests (test_access_matrix.py, test_write_matrix.py) and by
    # tools/privacy_doc.py, never loaded as data
    "oca_data_manual": [
        "data/access_matrix.csv",
        "data/restricted_fields.csv",
        "data/write_matrix.csv",
        "data/write_policy.csv",
    ],
    "assets": {
        "web.assets_tests": ["pcve_tests/static/tests/tours/*.js"],
    },
    "installable": True,
}
