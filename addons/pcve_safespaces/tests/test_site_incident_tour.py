import logging

from odoo.tests import HttpCase, new_test_user, tagged

# The whole tour's time limit: on a loaded machine a tour takes minutes; each
# step still fails on its own when what it waits for never comes.
TOUR_TIMEOUT = 900


class _Recorder(logging.Handler):
    """Keeps the browser's console messages of a tour."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestSiteIncidentTour(HttpCase):
    def test_organiser_records_incident_joint_cleaning_and_prints_report(self):
        organiser = new_test_user(
            self.env,
            login="pcve_inc_tour",
            groups="pcve_safespaces.group_safespace_organiser",
            tz="Europe/Brussels",
        )
        Partner = self.env["res.partner"]
        association = Partner.create(
            {"name": "Tour Mosque Association", "is_company": True}
        )
        parish = Partner.create({"name": "Tour Parish", "is_company": True})
        Site = self.env["pcve.site"]
        mosque = Site.create(
            {"name": "Tour Mosque", "faith": "muslim", "partner_id": association.id}
        )
        Site.create(
            {"name": "Tour Church", "faith": "christian", "partner_id": parish.id}
        )
        action = self.env.ref("pcve_safespaces.pcve_site_incident_action")
        recorder = _Recorder()
        logger = self._logger.getChild("browser")
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(recorder)
        try:
            self.start_tour(
                f"/odoo/action-{action.id}",
                "pcve_safespaces_incident_tour",
                login="pcve_inc_tour",
                timeout=TOUR_TIMEOUT,
            )
        finally:
            logger.removeHandler(recorder)
            logger.setLevel(level)

        incident = self.env["pcve.site.incident"].search([("site_id", "=", mosque.id)])
        self.assertEqual(len(incident), 1)
        self.assertEqual(incident.create_uid, organiser)
        self.assertEqual(
            (incident.kind, incident.reported_to_police, incident.state),
            ("graffiti", True, "responded"),
        )
        response = incident.response_ids
        self.assertEqual(response.kind, "joint_cleaning")
        self.assertEqual(response.partner_ids, association | parish)
        self.assertTrue(response.is_interfaith)
        self.assertTrue(
            any("pcve_safespaces incident report" in m for m in recorder.messages),
            "the browser received the report",
        )
