from odoo.tests import tagged

from .common import PcvePartnersRpcCommon

# The whole tour's limit: each step waits up to 10 s, or 30 s for the server.
TOUR_TIMEOUT = 600


@tagged("post_install", "-at_install")
class TestTrustTours(PcvePartnersRpcCommon):
    """In the web client: an approver's red flag lowers the level; an
    assessor records the partner's feedback and activates its memorandum."""

    browser_size = "1400x900"

    def _url(self, record):
        return f"/odoo/action-pcve_partners.res_partner_action_pcve/{record.id}"

    def test_red_flag_lowers_the_level(self):
        assessment = self._approved("partnership")
        self.start_tour(
            self._url(self.partner),
            "pcve_partners_red_flag_tour",
            login=self.approver.login,
            timeout=TOUR_TIMEOUT,
        )
        observation = self.env["pcve.partner.observation"].search(
            [("partner_id", "=", self.partner.id)]
        )
        self.assertEqual(len(observation), 1)
        self.assertEqual(
            (observation.severity, observation.state, observation.create_uid),
            ("red", "open", self.approver),
        )
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        self.assertEqual(assessment.activity_ids.user_id, self.assessor)

    def test_feedback_then_memorandum(self):
        assessment = self._approved("dialogue")
        agreement = self._agreement(assessment, name="Tour memorandum")
        self.start_tour(
            self._url(self.partner),
            "pcve_partners_reciprocity_tour",
            login=self.assessor.login,
            timeout=TOUR_TIMEOUT,
        )
        feedback = self.env["pcve.partner.feedback"].search(
            [("partner_id", "=", self.partner.id)]
        )
        self.assertEqual(
            (feedback.decision, feedback.create_uid), ("collaborate", self.assessor)
        )
        self.assertIn("topics of the dialogue circles", feedback.comment)
        self.assertEqual(agreement.state, "active")
