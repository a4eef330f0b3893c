from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSafespacesGroups(TransactionCase):
    def test_user_reaches_the_app_menu(self):
        """Through the base group it implies, without editing the root menu;
        its managers open the audit trail."""
        root = self.env.ref("pcve_base.menu_pcve_root")
        lowest = self.env.ref("pcve_safespaces.group_safespace_user")
        self.assertTrue(root.group_ids)
        self.assertLessEqual(root.group_ids, lowest.all_implied_ids)
        audit = self.env.ref("pcve_audit.auditlog_log_menu_pcve")
        self.assertLessEqual(
            audit.group_ids,
            self.env.ref("pcve_safespaces.group_safespace_manager").all_implied_ids,
        )
        manager = self.env.ref("pcve_safespaces.group_safespace_manager")
        self.assertIn(
            self.env.ref("pcve_safespaces.group_safespace_organiser"),
            manager.all_implied_ids,
        )


@tagged("post_install", "-at_install")
class TestSafespacesDemo(TransactionCase):
    def test_demo_tells_the_story(self):
        organiser = self.env.ref(
            "pcve_safespaces.user_organiser_demo", raise_if_not_found=False
        )
        if not organiser:
            self.skipTest("demo data not loaded")
        user = self.env.ref("pcve_safespaces.user_safespaceuser_demo")
        self.assertEqual((organiser.login, user.login), ("organiser", "safespaceuser"))
        self.assertTrue(
            organiser.has_group("pcve_safespaces.group_safespace_organiser")
        )
        self.assertFalse(user.has_group("pcve_safespaces.group_safespace_organiser"))
        # each demo user has a time zone and opens on the home of his role
        home = self.env.ref("pcve_base.action_pcve_home")
        for demo_user in (organiser, user):
            self.assertEqual(demo_user.tz, "Europe/Brussels")
            self.assertEqual(demo_user.action_id.id, home.id)
        Session = self.env["pcve.safespace.session"]
        demo = Session.search([("organiser_id", "=", organiser.id)])
        self.assertGreaterEqual(len(self.env["pcve.safespace.series"].search([])), 3)
        self.assertGreaterEqual(len(demo.filtered(lambda s: not s.series_id)), 10)
        self.assertTrue(demo.filtered("includes_majority"))
        self.assertEqual(
            set(Session.search([]).mapped("format")),
            {key for key, __ in Session._fields["format"].selection},
        )
        concerns = self.env["pcve.concern"].search([])
        self.assertGreaterEqual(len(concerns), 20)
        self.assertEqual(
            set(concerns.mapped("state")), {"new", "in_progress", "responded", "closed"}
        )
        crisis = self.env.ref("pcve_safespaces.crisis_arson_demo")
        self.assertEqual(len(crisis.session_ids), 3)
        self.assertGreater(crisis.hours_to_first_dialogue, 0)
        # the safe-space user sees no confidential demo session
        visible = Session.with_user(user).search([])
        self.assertFalse(visible.filtered("confidential"))
        self.assertTrue(visible)
