"""The workbook's sheets of issue #19: the action plan (initiatives by
structure, state and recurring), referrals on their own sheet, the networks
of key figures (coverage gaps, shares of women and youth under disclosure
control), participant feedback (or a sentence when the feature is missing) and
the evidence on the Summary sheet."""

import datetime

from odoo.tests import tagged

from ..report.workbook_tools import SUPPRESSED
from .common import EvaluationCommon


@tagged("post_install", "-at_install")
class TestWorkbookPlanSheets(EvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Community = cls.env["pcve.community"]
        cls.newcomers = Community.create(
            {
                "name": "Refugees at the centre",
                "group_kind": "newly_arrived",
                "company_id": cls.company.id,
            }
        )
        cls.old_town = Community.create(
            {"name": "Old town", "group_kind": "majority", "company_id": cls.company.id}
        )
        cls.plan = cls.env["pcve.action.plan"].create(
            {
                "name": "Plan Testdam 2031",
                "company_id": cls.company.id,
                "period_start": datetime.date(2031, 1, 1),
            }
        )
        centre = cls.env["res.partner"].create({"name": "Youth centre De Brug"})
        for name, mode, recurring in (
            ("Youth evenings", "reuse", True),
            ("School talks", "adapt", False),
            ("Mentors", "new", True),
        ):
            cls.env["pcve.action.plan.initiative"].create(
                {
                    "plan_id": cls.plan.id,
                    "name": name,
                    "structure_mode": mode,
                    "structure_partner_id": centre.id,
                    "new_structure_rationale": "None exists.",
                    "recurring": recurring,
                }
            )

    def test_action_plan_sheet(self):
        sheet = self.render()["Action plan"]
        self.assertEqual(self.find(sheet, "Plan Testdam 2031")[1], "Initiation")
        # structure, planned, running, done, dropped, recurring, total
        self.assertEqual(
            self.find(sheet, "Reuse an existing structure")[1:7], [1, 0, 0, 0, 1, 1]
        )
        self.assertEqual(self.find(sheet, "Adapt an existing structure")[5:7], [0, 1])
        self.assertEqual(self.find(sheet, "New structure")[5:7], [1, 1])

    def test_action_plan_sheet_without_plan(self):
        self.plan.period_start = datetime.date(2040, 1, 1)
        sheet = self.render()["Action plan"]
        self.find(sheet, "No action plan in this period.")
        self.assertEqual(self.find(sheet, "Reuse an existing structure")[6], 0)

    def test_summary_evidence(self):
        sheet = self.render()["Summary"]
        without = self.find(sheet, "Communities without engagement")
        self.assertEqual(without[1], 2)
        self.assertIn("Refugees at the centre", without[2])
        self.assertEqual(self.find(sheet, "Newly arrived groups reached")[1], "no")
        self.assertEqual(self.find(sheet, "Initiatives: New structure")[1], 1)
        self.assertAlmostEqual(self.find(sheet, "Recurring initiatives (%)")[1], 66.7)
        self.assertEqual(
            self.find(sheet, "Partners' view of us (median rating, 1-5)")[1],
            SUPPRESSED,
        )

    def test_networks_with_disclosure_control(self):
        network = self.env["pcve.network"].create(
            {"name": "Key figures Testdam", "company_id": self.company.id}
        )
        partners = self.env["res.partner"].create(
            [{"name": f"Key figure {n}"} for n in range(12)]
        )
        self.env["pcve.network.member"].create(
            [
                {
                    "network_id": network.id,
                    "partner_id": partner.id,
                    "gender": "female" if n < 6 else "male",
                    "age_band": "under_25" if n < 2 else "45_64",
                    "community_id": self.old_town.id,
                    "since": datetime.date(2020, 1, 1),
                }
                for n, partner in enumerate(partners)
            ]
        )
        row = self.find(self.render()["Network"], "Key figures Testdam")
        self.assertEqual(row[1], 12)
        self.assertEqual(row[2], 0.5)
        self.assertEqual(row[3], SUPPRESSED, "2 young people: too few to show")
        self.assertIn("Refugees at the centre", row[4])
        self.assertNotIn("Old town", row[4])

    def test_referrals_sheet_and_missing_feedback(self):
        workbook = self.render()
        self.find(workbook["Referrals"], "Referrals by type of service")
        feedback = workbook["Participant feedback"]
        if "pcve.safespace.feedback" in self.env:
            self.find(feedback, "Answers")
        else:
            self.find(
                feedback,
                "Participant feedback on sessions is not available in this "
                "database (the feature is missing).",
            )
