from odoo.tests import new_test_user, tagged

from .common import CaseworkCommon


@tagged("post_install", "-at_install")
class TestHomeAction(CaseworkCommon):
    """Community Engagement opens on each role's work, not on Discuss."""

    def _home(self, user):
        action = self.env.ref("pcve_base.action_pcve_home")
        return action.with_user(user).run()

    def test_each_role_lands_on_its_cases(self):
        my_cases = self.env.ref("pcve_casework.pcve_case_action_my")
        all_cases = self.env.ref("pcve_casework.pcve_case_action")
        for user, expected in (
            (self.imam, my_cases),
            (self.worker, my_cases),
            (self.manager, all_cases),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(self._home(user)["id"], expected.id)
                self.assertEqual(user._pcve_home_action()["id"], expected.id)

    def test_other_roles_keep_their_home(self):
        other = new_test_user(
            self.env, login="pcve_t_home_other", groups="pcve_base.group_pcve_user"
        )
        self.assertNotIn(
            self._home(other)["id"],
            (
                self.env.ref("pcve_casework.pcve_case_action_my").id,
                self.env.ref("pcve_casework.pcve_case_action").id,
            ),
        )

    def test_demo_users_start_in_community_engagement(self):
        home = self.env.ref("pcve_base.action_pcve_home")
        for xmlid in (
            "user_volunteer_demo",
            "user_caseworker_demo",
            "user_casemanager_demo",
            "user_psychologist_demo",
            "user_youthworker_demo",
            "user_volunteer_pastor_demo",
        ):
            user = self.env.ref(f"pcve_casework.{xmlid}", raise_if_not_found=False)
            if not user:
                self.skipTest("demo data not loaded")
            with self.subTest(user=user.login):
                self.assertEqual(user.action_id.id, home.id)
                self.assertEqual(user.tz, "Europe/Brussels")
