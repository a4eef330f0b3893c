from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# The number of criteria lines the assessor tour fills in.
TOUR_CRITERIA_COUNT = 9


@tagged("post_install", "-at_install")
class TestPartnerAssessmentTour(HttpCase):
    def test_assessor_submits_and_approver_decides(self):
        """Four eyes in the browser: one user prepares, another decides."""
        assessor = new_test_user(
            self.env,
            login="pcve_tour_assessor",
            name="Tour Assessor Bram",
            groups="pcve_partners.group_pcve_assessor",
        )
        approver = new_test_user(
            self.env,
            login="pcve_tour_approver",
            name="Tour Approver Anna",
            groups="pcve_partners.group_pcve_approver",
        )
        partner = self.env["res.partner"].create(
            {
                "name": "Tourpartner Buurthuis De Brug",
                "is_company": True,
                "pcve_is_partner": True,
                "pcve_org_type": "ngo",
            }
        )
        self.assertEqual(
            self.env["pcve.assessment.criterion"].search_count([]),
            TOUR_CRITERIA_COUNT,
            "the assessor tour fills one line per default criterion",
        )

        self.start_tour("/odoo", "pcve_partners_assessor_tour", login=assessor.login)
        assessment = self.env["pcve.partner.assessment"].search(
            [("partner_id", "=", partner.id)]
        )
        self.assertEqual(len(assessment), 1, "the refused submit left one draft only")
        self.assertEqual(assessment.state, "in_review")
        self.assertEqual(assessment.assessor_id, assessor)
        self.assertEqual(assessment.create_uid, assessor)
        self.assertEqual(assessment.required_depth, "full")
        self.assertEqual(assessment.submitted_on, fields.Date.today())
        lines = assessment.criterion_line_ids
        self.assertEqual(len(lines), TOUR_CRITERIA_COUNT)
        self.assertTrue(all(line.rating and line.source for line in lines))
        self.assertEqual(
            lines.filtered(lambda line: line.rating == "concern").finding,
            "One board member once shared a polarising post; he apologised publicly.",
        )
        self.assertFalse(assessment.serious_concern)
        self.assertEqual(
            sorted(assessment.reference_ids.filtered("cross_checked").mapped("name")),
            ["Neighbourhood police officer", "Youth services department"],
        )
        self.assertFalse(assessment.decided_by_id)

        # The approval step offers a consultation request no higher level.
        club = partner.copy({"name": "Tourpartner Sportclub"})
        consultation = (
            self.env["pcve.partner.assessment"]
            .with_user(assessor)
            .create({"partner_id": club.id, "requested_level": "consultation"})
        )
        consultation.action_submit()
        self.start_tour("/odoo", "pcve_partners_approver_tour", login=approver.login)
        # cancelled: undecided, and no approval step was saved
        self.assertEqual(consultation.state, "in_review")
        self.assertFalse(consultation.outcome)
        self.assertFalse(
            self.env["pcve.assessment.approve.wizard"].search_count(
                [("assessment_id", "=", consultation.id)]
            )
        )
        self.assertEqual(assessment.state, "decided")
        self.assertEqual(assessment.outcome, "approved")
        # a lower level than the requested partnership, with the rationale
        self.assertEqual(assessment.requested_level, "partnership")
        self.assertEqual(assessment.granted_level, "consultation")
        self.assertEqual(
            assessment.decision_rationale,
            "Consultation on the homework club first; a partnership after a year "
            "together.",
        )
        self.assertEqual(assessment.decided_by_id, approver)
        self.assertEqual(assessment.decision_date, fields.Date.today())
        # the validity period is a setting: the level holds until then
        self.assertGreater(assessment.valid_until, fields.Date.today())
        self.assertEqual(partner.pcve_level_valid_until, assessment.valid_until)
        self.assertEqual(partner.pcve_collaboration_level, "consultation")
