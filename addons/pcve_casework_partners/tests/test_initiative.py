from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInitiative(TransactionCase):
    def test_initiative_is_one_of_the_suites_partners(self):
        """With partners installed, the initiative is chosen among them."""
        Member = self.env["pcve.case.member"]
        field = Member._fields["acting_on_behalf_of_id"]
        self.assertEqual(field.domain, [("pcve_is_partner", "=", True)])
        initiative = self.env.ref(
            "pcve_casework.partner_initiative_el_fath_demo", raise_if_not_found=False
        )
        if initiative:
            self.assertTrue(initiative.pcve_is_partner)
            self.assertIn(initiative, self.env["res.partner"].search(field.domain))
