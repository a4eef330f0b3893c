from odoo.tests import HttpCase, tagged

HOME = "pcve_base.action_pcve_home"
# demo login: (model the home opens, default filter)
HOMES = {
    "staff": ("res.partner", None),
    "assessor": ("pcve.partner.assessment", "search_default_to_prepare"),
    "liaison": ("pcve.partner.assessment", "search_default_to_prepare"),
    "approver": ("pcve.partner.assessment", "search_default_to_decide"),
    "pcvemanager": ("pcve.partner.assessment", "search_default_to_decide"),
}


@tagged("post_install", "-at_install")
class TestHome(HttpCase):
    """Each role of the demo lands on its own work, not in Discuss."""

    def _demo_user(self, login):
        return self.env["res.users"].search([("login", "=", login)])

    def _assert_home(self, login, action):
        model, search = HOMES[login]
        self.assertEqual(action["res_model"], model)
        self.assertEqual(action["type"], "ir.actions.act_window")
        if search:
            self.assertEqual(action["context"], {search: 1})

    def test_each_role_opens_its_home(self):
        home = self.env.ref(HOME)
        for login in HOMES:
            with self.subTest(login=login):
                user = self._demo_user(login)
                self.assertEqual(user.action_id.id, home.id, "lands there on login")
                self._assert_home(login, home.with_user(user).run())
                # as the web client opens it after login
                self.authenticate(login, login)
                loaded = self.make_jsonrpc_request(
                    "/web/action/load", {"action_id": HOME}
                )
                self.assertEqual(loaded["type"], "ir.actions.server")
                ran = self.make_jsonrpc_request(
                    "/web/action/run", {"action_id": home.id}
                )
                self._assert_home(login, ran)

    def test_the_filters_find_the_work(self):
        """The assessor's home shows his drafts, the approver's those to decide."""
        Assessment = self.env["pcve.partner.assessment"]
        assessor = self._demo_user("assessor")
        drafts = Assessment.with_user(assessor).search(
            [("assessor_id", "=", assessor.id), ("state", "=", "draft")]
        )
        self.assertTrue(drafts)
        self.assertTrue(Assessment.search([("state", "=", "in_review")]))
        view = self.env.ref("pcve_partners.pcve_partner_assessment_view_search")
        for name in ("to_prepare", "to_decide"):
            self.assertIn(f'name="{name}"', view.arch)

    def test_demo_users_have_a_time_zone_and_a_municipality(self):
        for login in HOMES:
            self.assertEqual(self._demo_user(login).tz, "Europe/Brussels")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Municipality of Lakeside")
        self.assertNotIn("YourCompany", company.partner_id.name)
