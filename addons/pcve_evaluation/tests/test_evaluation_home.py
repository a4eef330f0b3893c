from odoo.tests import tagged

from .common import EvaluationHttpCommon

HOME = "pcve_base.action_pcve_home"
REVIEWS = "pcve_evaluation.pcve_evaluation_review_action"


@tagged("post_install", "-at_install")
class TestEvaluationHome(EvaluationHttpCommon):
    """Evaluation managers land on the reviews; other roles keep their own home."""

    def _run_home(self, user):
        """The home action as the web client runs it for ``user``."""
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            "/web/action/run", {"action_id": self.env.ref(HOME).id}
        )

    def test_evaluation_managers_land_on_the_reviews(self):
        reviews = self.env.ref(REVIEWS)
        action = self.manager._pcve_home_action()
        self.assertEqual(
            (action["id"], action["res_model"]), (reviews.id, reviews.res_model)
        )
        web = self._run_home(self.manager)
        self.assertEqual((web["id"], web["res_model"]), (reviews.id, reviews.res_model))

    def test_other_roles_keep_their_home(self):
        for user in (self.staff, self.case_manager):
            with self.subTest(user=user.login):
                action = user._pcve_home_action()
                self.assertNotEqual(action["res_model"], "pcve.evaluation.review")
                web = self._run_home(user)
                self.assertEqual(web["res_model"], action["res_model"])

    def test_demo_evaluator_home_and_time_zone(self):
        evaluator = self.env.ref(
            "pcve_evaluation.user_evaluator_demo", raise_if_not_found=False
        )
        if not evaluator:
            self.skipTest("Demo data not loaded")
        self.assertEqual(evaluator.action_id.id, self.env.ref(HOME).id)
        self.assertEqual(evaluator.tz, "Europe/Brussels")
        self.assertEqual(
            evaluator._pcve_home_action()["res_model"], "pcve.evaluation.review"
        )
