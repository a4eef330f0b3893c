from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTrustDemo(TransactionCase):
    """The demo tells the story: a partner under a red flag, feedback with
    every decision, a network with gaps, trained moderators."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("pcve_partners.network_riverside_demo", False):
            self.skipTest("no demo data")

    def test_story(self):
        bridges = self.env.ref("pcve_partners.partner_bridges_ngo_demo")
        self.assertEqual(bridges.pcve_collaboration_level, "dialogue")
        agreement = self.env.ref("pcve_partners.agreement_bridges_demo")
        self.assertIn("shape the topics", agreement.partner_objectives)
        self.assertEqual(
            set(self.env["pcve.partner.feedback"].search([]).mapped("decision")),
            {"collaborate", "not_now", "no"},
        )
        network = self.env.ref("pcve_partners.network_riverside_demo")
        self.assertIn(
            self.env.ref("pcve_partners.community_majority_demo"),
            network.coverage_gap_community_ids,
        )
        fatima = self.env.ref("pcve_partners.partner_key_figure_fatima_demo")
        jan = self.env.ref("pcve_partners.partner_key_figure_jan_demo")
        self.assertIn("safe_space_moderation", fatima.pcve_valid_training_kinds)
        self.assertNotIn("safe_space_moderation", jan.pcve_valid_training_kinds)
