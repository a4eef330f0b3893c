"""pcve_base's own rules, as the users who must pass them and those who must
not: every employee may check a text against the language rules, only the
system administrator changes them, and communities stay closed to a user of no
suite role."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPcveBase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "pcve_base_employee", "base.group_user")
        cls.community = cls.env["pcve.community"].create(
            {"name": "Base test community"}
        )

    def test_every_employee_checks_a_text(self):
        Rule = self.env["pcve.language.rule"].with_user(self.employee)
        warnings = Rule.check_text("Muslim youth and terrorism in our town.", "en")
        self.assertTrue(warnings, "a stigmatising sentence is not flagged")
        self.assertIn("all forms of extremism", warnings[0]["suggestion"])
        self.assertFalse(
            Rule.check_text(
                "We work with all communities against all forms of extremism."
            )
        )

    def test_only_the_administrator_changes_a_language_rule(self):
        rule = self.env.ref("pcve_base.language_rule_en_communities")
        with self.assertRaises(AccessError):
            rule.with_user(self.employee).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["pcve.language.rule"].with_user(self.employee).create(
                {"name": "x", "community_terms": "x", "threat_terms": "y"}
            )
        self.assertTrue(rule.active)

    def test_communities_are_closed_to_a_user_of_no_suite_role(self):
        with self.assertRaises(AccessError):
            self.community.with_user(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            self.env["pcve.community"].with_user(self.employee).search([])

    def test_disclosure_threshold_in_the_suites_settings(self):
        """The threshold is every figure's (workbook, annual incident report):
        set in the suite's own settings block, whichever addons are there."""
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="pcve_disclosure_threshold"', arch)
        settings = self.env["res.config.settings"].create(
            {"pcve_disclosure_threshold": 6}
        )
        settings.execute()
        self.assertEqual(self.env.company.pcve_disclosure_threshold, 6)

    def test_is_majority_is_derived_from_the_kind_of_group(self):
        Community = self.env["pcve.community"]
        self.assertEqual(self.community.group_kind, "other")
        self.assertFalse(self.community.is_majority)
        # the old name still works, both ways
        old = Community.create({"name": "Old town", "is_majority": True})
        self.assertEqual(old.group_kind, "majority")
        old.is_majority = False
        self.assertEqual(old.group_kind, "other")
        self.community.group_kind = "majority"
        self.assertTrue(self.community.is_majority)
        self.assertIn(self.community, Community.search([("is_majority", "=", True)]))
        self.community.group_kind = "newly_arrived"
        self.assertFalse(self.community.is_majority)
        # unsetting the flag leaves a kind other than the majority alone
        self.community.is_majority = False
        self.assertEqual(self.community.group_kind, "newly_arrived")
