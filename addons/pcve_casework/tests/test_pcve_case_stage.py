from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkCommon


@tagged("post_install", "-at_install")
class TestCaseStages(CaseworkCommon):
    def test_stage_order(self):
        case = self.case.with_user(self.worker)
        today = fields.Date.context_today(case)
        case.action_start_assessment()
        case.action_start_intervention()
        case.action_start_monitoring()
        self.assertEqual(case.stage, "monitoring")
        self.assertEqual(
            (case.assessment_on, case.intervention_on, case.monitoring_on),
            (today, today, today),
        )

    def test_stages_cannot_be_skipped(self):
        case = self.case.with_user(self.worker)
        with self.assertRaisesRule(
            UserError, "cannot move from Signal to Intervention"
        ):
            case.action_start_intervention()
        with self.assertRaisesRule(UserError, "cannot move from Signal to Monitoring"):
            case.action_start_monitoring()
        case.action_start_assessment()
        with self.assertRaisesRule(
            UserError, "cannot move from Assessment to Assessment"
        ):
            case.action_start_assessment()
        with self.assertRaisesRule(UserError, "cannot move from Assessment to Signal"):
            self.case.sudo().write({"stage": "signal"})
        self.assertEqual(case.stage, "assessment")

    def test_closure_needs_a_reason(self):
        case = self.case.with_user(self.worker)
        with self.assertRaisesRule(UserError, "a closure needs a reason"):
            case.action_close()
        self.assertEqual(case.stage, "signal")
        case.write(
            {
                "closure_reason_code": "goals_met",
                "closure_reason": "Signal not substantiated after assessment.",
            }
        )
        case.action_close()
        self.assertEqual(case.stage, "closed")
        self.assertEqual(case.closed_on, fields.Date.context_today(case))
        self.assertEqual(case.retention_until.year, case.closed_on.year + 5)

    def test_retention_period_is_configurable(self):
        self.env.company.pcve_case_retention_years = 2
        self.case.write(
            {"closure_reason_code": "goals_met", "closure_reason": "Moved abroad."}
        )
        self.case.action_close()
        self.assertEqual(self.case.retention_until.year, self.case.closed_on.year + 2)

    def test_closed_case_only_reopens_to_assessment(self):
        self.case.write({"closure_reason_code": "goals_met", "closure_reason": "Done."})
        self.case.action_close()
        with self.assertRaisesRule(UserError, "cannot move from Closed to Monitoring"):
            self.case.sudo().write({"stage": "monitoring"})
        with self.assertRaisesRule(UserError, "cannot move from Closed to Closed"):
            self.case.action_close()
        with self.assertRaisesRule(UserError, "cannot move from Closed to Assessment"):
            self.case.action_start_assessment()
        self.assertEqual(self.case.stage, "closed")

    def test_cases_are_not_dragged_between_stages(self):
        """The kanban would write the stage directly: its cards stay put."""
        arch = self.Case.with_user(self.worker).get_views([(False, "kanban")])
        kanban = etree.fromstring(arch["views"]["kanban"]["arch"])
        self.assertEqual(kanban.get("records_draggable"), "0")

    def test_reopen_is_logged(self):
        self.case.write(
            {"closure_reason_code": "goals_met", "closure_reason": "Stable for a year."}
        )
        self.case.action_close()
        with self.assertRaises(AccessError):
            self.case.with_user(self.imam).action_reopen()
        # the closure ended the worker's membership: the case is a manager's now
        with self.assertRaises(AccessError):
            self.case.with_user(self.worker).action_reopen()
        with self.assertRaisesRule(AccessError, "moves only with its buttons"):
            self.case.with_user(self.manager).write({"stage": "assessment"})
        self.assertEqual(self.case.stage, "closed")
        self.assertTrue(self.case.with_user(self.manager).action_reopen())
        self.assertEqual(self.case.stage, "assessment")
        self.assertFalse(self.case.closed_on)
        self.assertFalse(self.case.retention_until)
        last = self.case.message_ids[0]
        self.assertIn("reopened by", last.body)
        self.assertIn("Stable for a year.", last.body)
        self.assertEqual(last.author_id, self.manager.partner_id)
        with self.assertRaisesRule(
            UserError, "cannot move from Assessment to Assessment"
        ):
            self.case.with_user(self.manager).action_reopen()

    def test_volunteer_cannot_move_stages(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.imam).action_start_assessment()

    def test_reference_from_sequence(self):
        self.assertTrue(self.case.name.startswith("CASE/"))
        self.assertNotEqual(self.case.name, self.other_case.name)
