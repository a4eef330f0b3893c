from odoo.tests import tagged

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestHomeAction(SafespacesCommon):
    """Community Engagement opens on each role's own work, not on Discuss."""

    def _home(self, user):
        return user._pcve_home_action()

    def test_organisers_land_on_the_calendar(self):
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                action = self._home(user)
                self.assertEqual(action["res_model"], "pcve.safespace.session")
                self.assertTrue(action["view_mode"].startswith("calendar"))
                self.assertEqual(
                    action["id"],
                    self.env.ref("pcve_safespaces.pcve_safespace_session_action").id,
                )

    def test_safespace_users_land_on_the_concerns_register(self):
        action = self._home(self.user)
        self.assertEqual(action["res_model"], "pcve.concern")
        self.assertEqual(
            action["id"], self.env.ref("pcve_safespaces.pcve_concern_action").id
        )

    def test_others_keep_the_home_of_their_role(self):
        action = self._home(self.outsider)
        self.assertNotIn(
            action["res_model"], ("pcve.safespace.session", "pcve.concern")
        )

    def test_the_home_action_runs_as_each_user(self):
        home = self.env.ref("pcve_base.action_pcve_home")
        for user, model in (
            (self.user, "pcve.concern"),
            (self.organiser, "pcve.safespace.session"),
            (self.manager, "pcve.safespace.session"),
        ):
            with self.subTest(user=user.login):
                action = home.with_user(user).run()
                self.assertEqual(action["res_model"], model)
