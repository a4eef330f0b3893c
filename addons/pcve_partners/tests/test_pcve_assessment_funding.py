from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ASSESSMENT, PcvePartnersRpcCommon


@tagged("post_install", "-at_install")
class TestAssessmentFunding(PcvePartnersRpcCommon):
    """Unticking "Funding involved" clears the amount it hides, in the form
    and on the server: Save never fails about a field the user cannot see."""

    def test_unticking_in_the_form_clears_the_amount(self):
        form = Form(self.Assessment.with_user(self.assessor))
        form.partner_id = self.partner
        form.funding_involved = True
        form.funding_amount = 5000
        form.funding_involved = False
        self.assertEqual(form.funding_amount, 0)
        assessment = form.save()
        self.assertFalse(assessment.funding_amount)
        self.assertEqual(assessment.required_depth, "light")
        # and on a saved assessment
        form = Form(assessment.with_user(self.assessor))
        form.funding_involved = True
        form.funding_amount = 1500
        form.save()
        form.funding_involved = False
        form.save()
        self.assertFalse(assessment.funding_amount)

    def test_unticking_over_rpc_clears_the_amount(self):
        assessment = self._assessment(funding_involved=True, funding_amount=2500)
        # what the web client saves without the onchange: only the box
        assessment.with_user(self.assessor).write({"funding_involved": False})
        self.assertEqual(assessment.funding_amount, 0)
        assessment.write({"funding_involved": True, "funding_amount": 800})
        self.assertTrue(
            self.rpc(
                self.assessor,
                ASSESSMENT,
                "write",
                assessment.ids,
                {"funding_involved": False},
            )
        )
        self.assertEqual(assessment.funding_amount, 0)
        self.assertFalse(assessment.funding_involved)

    def test_an_amount_without_funding_names_the_box(self):
        """A client that sends both, contradicting each other, is told which
        visible field to tick."""
        with self.assertRaisesRule(
            ValidationError, "when 'Funding Involved' is ticked"
        ):
            self._assessment(funding_involved=False, funding_amount=100)
        with self.assertRpcRefused("when 'Funding Involved' is ticked"):
            self.rpc(
                self.assessor,
                ASSESSMENT,
                "create",
                {"partner_id": self.partner.id, "funding_amount": 100},
            )
        assessment = self._assessment(funding_involved=True, funding_amount=300)
        with self.assertRpcRefused("when 'Funding Involved' is ticked"):
            self.rpc(
                self.assessor,
                ASSESSMENT,
                "write",
                assessment.ids,
                {"funding_involved": False, "funding_amount": 300},
            )
        self.assertEqual(assessment.funding_amount, 300)
        with self.assertRaisesRule(ValidationError, "cannot be negative"):
            assessment.write({"funding_amount": -5})
