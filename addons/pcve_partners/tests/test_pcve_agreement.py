from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestAgreement(PcvePartnersCommon):
    def test_memorandum_after_approved_assessment(self):
        assessment = self._assessment()
        agreement = self._agreement(assessment)
        with self.assertRaisesRule(ValidationError, "approved assessment"):
            agreement.action_activate()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        self._feedback()
        agreement.action_activate()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(self.partner.with_user(self.staff).pcve_agreement_count, 1)
        # Staff read memoranda but not the assessment behind them.
        staff_agreement = agreement.with_user(self.staff)
        self.assertEqual(staff_agreement.name, "MoU")
        with self.assertRaises(AccessError):
            staff_agreement.read(["assessment_id"])
        with self.assertRaises(AccessError):
            staff_agreement.write({"name": "Changed"})

    def test_dates_and_partner_consistency(self):
        other = self.env["res.partner"].create(
            {"name": "Other", "pcve_is_partner": True}
        )
        assessment = self._assessment()
        with self.assertRaises(ValidationError):
            self.env["pcve.agreement"].create(
                {
                    "name": "MoU",
                    "partner_id": other.id,
                    "assessment_id": assessment.id,
                    "objectives": "x",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["pcve.agreement"].create(
                {
                    "name": "MoU",
                    "partner_id": self.partner.id,
                    "objectives": "x",
                    "date_start": "2026-05-01",
                    "date_end": "2026-04-01",
                }
            )
