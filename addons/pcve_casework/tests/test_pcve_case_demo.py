from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaseworkDemo(TransactionCase):
    def setUp(self):
        super().setUp()
        self.volunteer = self.env.ref("pcve_casework.user_volunteer_demo", False)
        if not self.volunteer:
            self.skipTest("demo data not loaded")

    def test_demo_tells_the_story(self):
        cases = self.env["pcve.case"].search([])
        self.assertGreaterEqual(len(cases), 8)
        self.assertEqual(
            set(cases.mapped("stage")),
            {"signal", "assessment", "intervention", "monitoring", "closed"},
        )
        # no further action after the assessment: kept the shorter period
        nfa = cases.filtered(lambda c: c.closure_reason_code == "no_further_action")
        self.assertTrue(nfa)
        for case in nfa:
            self.assertFalse(case.intervention_on)
            self.assertEqual(
                case.retention_until, case.closed_on + case._retention_period()
            )
        imams = self.env["pcve.case.member"].search([("role", "=", "faith_volunteer")])
        for imam in imams:
            self.assertTrue(imam.acting_on_behalf_of_id.is_company)
            roles = imam.case_id.member_ids.mapped("role")
            self.assertTrue({"social_worker", "psychologist"} & set(roles))

    def test_demo_logins(self):
        self.assertEqual(
            set(self.env["res.users"].search([]).mapped("login"))
            & {"volunteer", "caseworker", "casemanager"},
            {"volunteer", "caseworker", "casemanager"},
        )
        mine = self.env["pcve.case"].with_user(self.volunteer).search([])
        self.assertEqual(len(mine), 2)
        self.assertEqual(set(mine.mapped("subject_pseudonym")), {"Sparrow", "Heron"})
