import pathlib
import re

from odoo.tests import tagged

from .common import EvaluationHttpCommon

# The context keys that switch tracking off: no test here runs with them.
SWITCHES = ("tracking" + "_disable", "mail" + "_notrack", "mail" + "_create_nolog")


@tagged("post_install", "-at_install")
class TestEvaluationFieldConditions(EvaluationHttpCommon):
    """The tests run as the field runs: tracking on, calls over XML-RPC."""

    def test_no_test_switches_tracking_off(self):
        for path in pathlib.Path(__file__).parent.glob("*.py"):
            text = path.read_text()
            for key in SWITCHES:
                self.assertNotIn(key, text, path.name)

    def test_every_field_writes_with_tracking_on(self):
        # as if the review had been created in an earlier transaction: the
        # changes of a record created in the same one are not tracked
        self.env.cr.flush()
        review = self.review.with_user(self.manager)
        self.assertFalse(
            {key for key in SWITCHES if self.env.context.get(key)}, self.env.context
        )
        values = {
            "name": "Review 2031 (2)",
            "date_from": "2031-02-01",
            "date_to": "2031-11-30",
            "actors_rating": "2",
            "working_rating": "4",
            "credible_rating": "3",
            "scale_rating": "1",
            "actors_answer": "Schools joined.",
            "findings": "<p>More youth reached.</p>",
        }
        # the form's own call, then the external API's
        review.web_save(values, specification={"name": {}})
        self.rpc(
            self.manager, review._name, "write", review.ids, {"findings": "<p>x</p>"}
        )
        self.env.cr.flush()  # tracking is written before the commit
        self.env.invalidate_all()
        # sudo: tracking values are the administrator's to read
        tracked = review.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for name, field in review._fields.items():
            if getattr(field, "tracking", None) and name in values:
                self.assertIn(name, tracked)
        self.assertEqual(review.findings, "<p>x</p>")

    def test_public_methods_answer_over_xmlrpc(self):
        """Every public method of this addon returns what XML-RPC can carry."""
        found = set()
        for name in self.env.registry:
            classes = type(self.env[name]).mro()
            ours = [c for c in classes if c.__module__.startswith(__package__[:-6])]
            others = [c for c in classes if c not in ours]
            for cls in ours:
                for attr, value in vars(cls).items():
                    if (
                        callable(value)
                        and not attr.startswith("_")
                        and not getattr(value, "_api_private", False)
                        and not re.fullmatch(r"init", attr)
                        and not any(attr in vars(other) for other in others)
                    ):
                        found.add((name, attr))
        review = "pcve.evaluation.review"
        plan = "pcve.action.plan"
        self.assertEqual(
            found,
            {
                (review, "action_done"),
                (review, "action_download_workbook"),
                (plan, "action_next_stage"),
                (plan, "action_previous_stage"),
                (plan, "action_view_initiatives"),
                (plan, "action_view_sessions"),
            },
        )
        draft = self.review.ids
        answers = [
            self.rpc(self.manager, review, "action_download_workbook", draft),
            self.rpc(self.manager, review, "action_done", draft),
            self.rpc(self.manager, review, "action_download_workbook", draft),
        ]
        self.assertEqual(
            [answer["type"] for answer in answers[::2]],
            [
                "ir.actions.report",
                "ir.actions.act_url",
            ],
        )
        self.assertIs(answers[1], True)
