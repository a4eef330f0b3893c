"""The local action plan and its initiatives: who may do what, the guards of
the stages (buttons and direct writes alike, through the ORM and over
XML-RPC) and the rules of an initiative's structure."""

import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.pcve_base.tests.common import RpcCase, suite_user

PLAN = "pcve.action.plan"
INITIATIVE = "pcve.action.plan.initiative"


class ActionPlanCommon(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Gemeente Planwijk"})
        company = cls.company
        cls.evaluator = suite_user(
            cls.env, "ap_evaluator", "pcve_evaluation.group_evaluation_manager", company
        )
        cls.partners_manager = suite_user(
            cls.env, "ap_pmanager", "pcve_partners.group_pcve_manager", company
        )
        cls.staff = suite_user(
            cls.env, "ap_staff", "pcve_partners.group_pcve_user", company
        )
        cls.owner = suite_user(
            cls.env, "ap_owner", "pcve_partners.group_pcve_user", company
        )
        cls.outsider = suite_user(
            cls.env, "ap_outsider", "pcve_casework.group_case_worker", company
        )
        cls.youth_centre = cls.env["res.partner"].create(
            {"name": "Youth centre De Brug", "is_company": True}
        )
        cls.association = cls.env["res.partner"].create(
            {"name": "Residents' association", "is_company": True}
        )
        cls.plan = (
            cls.env[PLAN]
            .with_user(cls.evaluator)
            .create({"name": "Plan Planwijk", "company_id": company.id})
        )
        cls.initiative = (
            cls.env[INITIATIVE]
            .with_user(cls.evaluator)
            .create(
                {
                    "plan_id": cls.plan.id,
                    "name": "Youth evenings",
                    "structure_mode": "reuse",
                    "structure_partner_id": cls.youth_centre.id,
                    "owner_user_id": cls.owner.id,
                }
            )
        )

    def move_to(self, plan, stage):
        """Fill the plan and move it (as the superuser) up to ``stage``."""
        plan.sudo().write(
            {
                "team_partner_ids": [(4, self.association.id)],
                "situational_picture": "<p>Polarisation after the summer.</p>",
            }
        )
        while plan.stage != stage:
            plan.sudo().action_next_stage()


@tagged("post_install", "-at_install")
class TestActionPlan(ActionPlanCommon):
    def test_managers_create_and_edit_staff_read(self):
        for user in (self.evaluator, self.partners_manager):
            plan = self.env[PLAN].with_user(user).create({"name": f"By {user.login}"})
            plan.write({"community_ids": [], "period_start": "2027-01-01"})
            self.assertEqual(plan.stage, "initiation")
        self.assertEqual(self.plan.with_user(self.staff).name, "Plan Planwijk")
        self.assertEqual(
            self.rpc(self.staff, PLAN, "read", self.plan.ids, ["name"])[0]["name"],
            "Plan Planwijk",
        )
        with self.assertRaises(AccessError):
            self.env[PLAN].with_user(self.staff).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.staff).write({"name": "Renamed"})
        with self.assertRpcRefused():
            self.rpc(self.staff, PLAN, "write", self.plan.ids, {"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.outsider).read(["name"])
        with self.assertRpcRefused():
            self.rpc(self.outsider, PLAN, "read", self.plan.ids, ["name"])

    def test_other_company_plans_stay_hidden(self):
        other = self.env["res.company"].create({"name": "Elsewhere"})
        stranger = suite_user(
            self.env, "ap_stranger", "pcve_evaluation.group_evaluation_manager", other
        )
        self.assertFalse(
            self.env[PLAN].with_user(stranger).search([("id", "=", self.plan.id)])
        )
        with self.assertRaises(AccessError):
            self.plan.with_user(stranger).read(["name"])

    def test_leaving_team_needs_a_seat(self):
        plan = self.plan.with_user(self.evaluator)
        plan.action_next_stage()
        self.assertEqual(plan.stage, "team")
        pattern = re.escape("at least one community or civil-society seat")
        self.assertRefusedEverywhere(
            self.evaluator,
            plan,
            {"stage": "situational_picture"},
            pattern,
            button="action_next_stage",
        )
        self.assertEqual(plan.stage, "team")
        plan.team_partner_ids = self.association
        self.assertIs(
            self.rpc(self.evaluator, PLAN, "action_next_stage", plan.ids), True
        )
        plan.invalidate_recordset()
        self.assertEqual(plan.stage, "situational_picture")

    def test_leaving_the_picture_needs_it_written(self):
        plan = self.plan.with_user(self.evaluator)
        plan.sudo().write({"team_partner_ids": [(4, self.association.id)]})
        plan.action_next_stage()
        plan.action_next_stage()
        plan.situational_picture = "<p><br></p>"
        self.assertRefusedEverywhere(
            self.evaluator,
            plan,
            {"stage": "plan"},
            re.escape("only once the picture is written"),
            button="action_next_stage",
        )
        plan.situational_picture = "<p>Tension between two neighbourhoods.</p>"
        plan.write({"stage": "plan"})
        self.assertEqual(plan.stage, "plan")

    def test_leaving_plan_needs_an_initiative(self):
        plan = self.env[PLAN].with_user(self.evaluator).create({"name": "Empty plan"})
        self.move_to(plan, "plan")
        self.assertRefusedEverywhere(
            self.evaluator,
            plan,
            {"stage": "implementation"},
            re.escape("at least one initiative"),
            button="action_next_stage",
        )
        self.move_to(self.plan, "implementation")
        self.assertEqual(self.plan.stage, "implementation")

    def test_one_stage_at_a_time(self):
        plan = self.plan.with_user(self.evaluator)
        self.assertRefusedEverywhere(
            self.evaluator, plan, {"stage": "closed"}, re.escape("one stage at a time")
        )
        with self.assertRaisesRule(UserError, "one stage at a time"):
            plan.action_previous_stage()
        plan.action_next_stage()
        self.assertIs(plan.action_previous_stage(), True)
        self.assertEqual(plan.stage, "initiation")
        with self.assertRaisesRule(UserError, "cannot start as"):
            self.env[PLAN].with_user(self.evaluator).create(
                {"name": "Skipping", "stage": "implementation"}
            )

    def test_staff_cannot_move_a_plan(self):
        self.move_to(self.plan, "team")
        with self.assertRaises(AccessError):
            self.plan.with_user(self.staff).action_previous_stage()
        with self.assertRpcRefused():
            self.rpc(self.staff, PLAN, "action_previous_stage", self.plan.ids)
        self.assertEqual(self.plan.stage, "team")


@tagged("post_install", "-at_install")
class TestActionPlanInitiative(ActionPlanCommon):
    def test_reuse_and_adapt_need_the_structure(self):
        Initiative = self.env[INITIATIVE].with_user(self.evaluator)
        for mode in ("reuse", "adapt"):
            with self.assertRaisesRule(ValidationError, "Existing structure"):
                Initiative.create(
                    {"plan_id": self.plan.id, "name": mode, "structure_mode": mode}
                )
        with self.assertRpcRefused("Existing structure"):
            self.rpc(
                self.evaluator,
                INITIATIVE,
                "create",
                [{"plan_id": self.plan.id, "name": "x", "structure_mode": "adapt"}],
            )
        with self.assertRaisesRule(ValidationError, "Existing structure"):
            self.initiative.with_user(self.evaluator).structure_partner_id = False

    def test_new_needs_a_rationale(self):
        Initiative = self.env[INITIATIVE].with_user(self.partners_manager)
        vals = {"plan_id": self.plan.id, "name": "Mentors", "structure_mode": "new"}
        with self.assertRaisesRule(ValidationError, "New structure rationale"):
            Initiative.create(dict(vals, new_structure_rationale="  "))
        with self.assertRpcRefused("New structure rationale"):
            self.rpc(self.partners_manager, INITIATIVE, "create", [vals])
        new = Initiative.create(dict(vals, new_structure_rationale="No mentoring yet."))
        self.assertEqual(new.company_id, self.company)

    def test_owner_moves_the_state_only(self):
        mine = self.initiative.with_user(self.owner)
        mine.write({"state": "running"})
        self.assertEqual(mine.state, "running")
        self.assertIs(
            self.rpc(self.owner, INITIATIVE, "write", mine.ids, {"state": "done"}), True
        )
        self.initiative.invalidate_recordset()
        self.assertEqual(self.initiative.state, "done")
        pattern = re.escape("its owner only moves its state")
        with self.assertRaisesRule(AccessError, pattern):
            mine.write({"name": "Renamed", "state": "running"})
        with self.assertRpcRefused(pattern):
            self.rpc(self.owner, INITIATIVE, "write", mine.ids, {"recurring": True})
        # a move the state machine does not know
        with self.assertRaisesRule(UserError, "cannot go from"):
            mine.write({"state": "planned"})

    def test_others_do_not_move_an_initiative(self):
        with self.assertRaises(AccessError):
            self.initiative.with_user(self.staff).write({"state": "running"})
        with self.assertRpcRefused():
            self.rpc(
                self.staff,
                INITIATIVE,
                "write",
                self.initiative.ids,
                {"state": "running"},
            )
        with self.assertRaises(AccessError):
            self.env[INITIATIVE].with_user(self.owner).create(
                {
                    "plan_id": self.plan.id,
                    "name": "Own",
                    "structure_partner_id": self.youth_centre.id,
                }
            )
        self.assertEqual(self.initiative.state, "planned")
        # the follow-up date of the job is the system's
        with self.assertRaises(AccessError):
            self.initiative.with_user(self.evaluator).write(
                {"follow_up_activity_date": "2027-01-01"}
            )

    def test_counts(self):
        self.assertEqual(self.plan.initiative_count, 1)
        self.assertEqual(self.plan.with_user(self.staff).initiative_count, 1)
        self.assertEqual(self.plan.sudo().session_count, 0)
        action = self.plan.with_user(self.evaluator).action_view_initiatives()
        self.assertEqual(action["domain"], [("plan_id", "=", self.plan.id)])
        # the smart buttons over XML-RPC (the move buttons: see above)
        action = self.rpc(self.staff, PLAN, "action_view_initiatives", self.plan.ids)
        self.assertEqual(action["res_model"], INITIATIVE)
        # safe-space users read the plans whose initiatives run their sessions
        organiser = suite_user(
            self.env,
            "ap_organiser",
            "pcve_safespaces.group_safespace_organiser",
            self.company,
        )
        self.assertEqual(self.plan.with_user(organiser).initiative_count, 1)
        with self.assertRaises(AccessError):
            self.initiative.with_user(organiser).write({"state": "running"})
        action = self.rpc(organiser, PLAN, "action_view_sessions", self.plan.ids)
        self.assertEqual(action["res_model"], "pcve.safespace.session")
        with self.assertRpcRefused():
            self.rpc(self.staff, PLAN, "action_view_sessions", self.plan.ids)
        for method in ("action_view_initiatives", "action_view_sessions"):
            with self.assertRpcRefused():
                self.rpc(self.outsider, PLAN, method, self.plan.ids)
