"""A coordinator builds a local action plan in the web client: a community
seat, the situational picture, a reused youth centre and a new initiative with
its rationale, then moves the plan to implementation."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestActionPlanTour(HttpCase):
    def test_coordinator_builds_a_plan(self):
        coordinator = new_test_user(
            self.env,
            login="pcve_plan_tour",
            groups="pcve_evaluation.group_evaluation_manager,"
            "pcve_partners.group_pcve_user",
        )
        Partner = self.env["res.partner"]
        association = Partner.create(
            {"name": "Tour Residents' Association", "is_company": True}
        )
        centre = Partner.create({"name": "Tour Youth Centre", "is_company": True})
        self.start_tour(
            "/odoo/action-pcve_evaluation.pcve_action_plan_action/new",
            "pcve_evaluation_action_plan_tour",
            login=coordinator.login,
            timeout=900,
        )
        plan = self.env["pcve.action.plan"].search([("name", "=", "Tour action plan")])
        self.assertEqual(plan.stage, "implementation")
        self.assertEqual(plan.team_partner_ids, association)
        self.assertIn("feel watched", plan.situational_picture)
        self.assertEqual(plan.create_uid, coordinator)
        reused = plan.initiative_ids.filtered(lambda i: i.structure_mode == "reuse")
        new = plan.initiative_ids - reused
        self.assertEqual(reused.name, "Tour youth evenings")
        self.assertEqual(reused.structure_partner_id, centre)
        self.assertEqual(new.structure_mode, "new")
        self.assertEqual(
            new.new_structure_rationale, "No association mentors newcomers yet."
        )
        self.assertEqual(
            plan.message_ids.tracking_value_ids.filtered(
                lambda v: v.field_id.name == "stage"
            ).mapped("new_value_char")[:1],
            ["Implementation"],
        )
