from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# The number of criteria lines the assessor tour fills in.
TOUR_CRITERIA_COUNT = 9
# The whole tour's limit (Odoo's default is 60 s): on a loaded machine the
# hundred steps of the assessor take longer; each step waits up to 10 s, or 30 s
# for the server, and fails there if what it waits for never comes.
TOUR_TIMEOUT = 900
FINDING = (
    "One board member once shared a polarising post; he apologised publicly. The "
    "board has since adopted a social media code and trained its members, and the "
    "youth workers we spoke to confirm the club's inclusive approach."
)


@tagged("post_install", "-at_install")
class TestPartnerAssessmentTour(HttpCase):
    # the approver's screen of the issue: the ratings must be on it
    browser_size = "1400x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessor = new_test_user(
            cls.env,
            login="pcve_tour_assessor",
            name="Tour Assessor Bram",
            groups="pcve_partners.group_pcve_assessor",
        )
        cls.approver = new_test_user(
            cls.env,
            login="pcve_tour_approver",
            name="Tour Approver Anna",
            groups="pcve_partners.group_pcve_approver",
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Tourpartner Buurthuis De Brug",
                "is_company": True,
                "pcve_is_partner": True,
                "pcve_org_type": "ngo",
            }
        )

    def _assert_prepared(self, assessment):
        """Submitted with every line and both references, as typed."""
        self.assertEqual(assessment.state, "in_review")
        self.assertEqual(assessment.assessor_id, self.assessor)
        self.assertEqual(assessment.create_uid, self.assessor)
        self.assertEqual(assessment.submitted_by_id, self.assessor)
        self.assertEqual(assessment.contributor_ids, self.assessor)
        self.assertEqual(assessment.required_depth, "full")
        self.assertEqual(assessment.submitted_on, fields.Date.today())
        lines = assessment.criterion_line_ids
        self.assertEqual(len(lines), TOUR_CRITERIA_COUNT)
        self.assertEqual(
            sorted(lines.mapped("source")),
            sorted(
                f"Annual report and media review {index + 1}"
                for index in range(TOUR_CRITERIA_COUNT)
            ),
        )
        self.assertEqual(
            lines.mapped("rating").count("no_concern"), TOUR_CRITERIA_COUNT - 1
        )
        self.assertEqual(
            sorted(assessment.reference_ids.filtered("cross_checked").mapped("name")),
            ["Neighbourhood police officer", "Youth services department"],
        )
        self.assertFalse(assessment.decided_by_id)

    def test_assessor_submits_and_approver_decides(self):
        """Four eyes in the browser: one user prepares, another decides, at a
        lower level than requested."""
        self.assertEqual(
            self.env["pcve.assessment.criterion"].search_count([]),
            TOUR_CRITERIA_COUNT,
            "the assessor tour fills one line per default criterion",
        )

        self.start_tour(
            "/odoo",
            "pcve_partners_assessor_tour",
            login=self.assessor.login,
            timeout=TOUR_TIMEOUT,
        )
        assessment = self.env["pcve.partner.assessment"].search(
            [("partner_id", "=", self.partner.id)]
        )
        self.assertEqual(len(assessment), 1, "the refused submit left one draft only")
        self._assert_prepared(assessment)
        self.assertEqual(
            assessment.criterion_line_ids.filtered(
                lambda line: line.rating == "concern"
            ).finding,
            FINDING,
        )
        self.assertFalse(assessment.serious_concern)
        # funding ticked, an amount typed, unticked: nothing of it is kept
        self.assertFalse(assessment.funding_involved)
        self.assertFalse(assessment.funding_amount)

        # The approval step offers a consultation request no higher level.
        club = self.partner.copy({"name": "Tourpartner Sportclub"})
        consultation = (
            self.env["pcve.partner.assessment"]
            .with_user(self.assessor)
            .create({"partner_id": club.id, "requested_level": "consultation"})
        )
        consultation.action_submit()
        self.start_tour(
            "/odoo",
            "pcve_partners_approver_tour",
            login=self.approver.login,
            timeout=TOUR_TIMEOUT,
        )
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
        self.assertEqual(assessment.decided_by_id, self.approver)
        self.assertEqual(assessment.decision_date, fields.Date.today())
        # the validity period is a setting: the level holds until then
        self.assertEqual(
            assessment.valid_until.year,
            fields.Date.today().year
            + assessment.company_id.pcve_assessment_validity_years,
        )
        self.assertEqual(self.partner.pcve_level_valid_until, assessment.valid_until)
        self.assertEqual(self.partner.pcve_collaboration_level, "consultation")

    def test_fast_typist_loses_no_line(self):
        """Typing fast and clicking Submit at once: the button saves the form
        with every edited row before it submits."""
        partner = self.partner.copy({"name": "Tourpartner Jongerenwerk"})
        self.start_tour(
            "/odoo",
            "pcve_partners_fast_submit_tour",
            login=self.assessor.login,
            timeout=TOUR_TIMEOUT,
        )
        assessment = self.env["pcve.partner.assessment"].search(
            [("partner_id", "=", partner.id)]
        )
        self.assertEqual(len(assessment), 1)
        self._assert_prepared(assessment)
