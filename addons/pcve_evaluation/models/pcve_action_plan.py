from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from odoo.addons.pcve_base.tools import compute_counts

STAGES = [
    ("initiation", "Initiation"),
    ("team", "Team"),
    ("situational_picture", "Situational picture"),
    ("plan", "Action plan"),
    ("implementation", "Implementation"),
    ("follow_up", "Follow-up"),
    ("closed", "Closed"),
]
STAGE_ORDER = [stage for stage, _label in STAGES]
# Leaving these stages needs what the stage is for (see the guards below).
GUARDS = {
    "team": "_check_team_seat",
    "situational_picture": "_check_situational_picture",
    "plan": "_check_has_initiative",
}


def _stage_moves():
    """One step forward (under the guard of the stage left) or one back."""
    moves = {}
    for index, stage in enumerate(STAGE_ORDER):
        moves[stage] = {}
        if index + 1 < len(STAGE_ORDER):
            moves[stage][STAGE_ORDER[index + 1]] = GUARDS.get(stage)
        if index:
            moves[stage][STAGE_ORDER[index - 1]] = None
    return moves


class PcveActionPlan(models.Model):
    """The local action plan, in the steps of Sweden's *Crack the Code*:
    initiation, a team with the communities and civil society, a situational
    picture, the plan, its initiatives, and follow-up. The reviews evaluate
    against it."""

    _name = "pcve.action.plan"
    _description = "Local action plan"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "period_start desc, id desc"
    _check_company_auto = True
    _pcve_company_manager_group = "pcve_evaluation.group_evaluation_manager"
    _pcve_moves = {"stage": _stage_moves()}
    _pcve_create_moves = False

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    period_start = fields.Date(tracking=True)
    period_end = fields.Date(tracking=True)
    stage = fields.Selection(
        STAGES,
        required=True,
        default="initiation",
        tracking=True,
        copy=False,
        group_expand=True,
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "pcve_action_plan_team_user_rel",
        "plan_id",
        "user_id",
        string="Municipal team",
    )
    team_partner_ids = fields.Many2many(
        "res.partner",
        "pcve_action_plan_team_partner_rel",
        "plan_id",
        "partner_id",
        string="Community and civil-society seats",
        help="A plan is co-created, not pre-determined: the team leaves its "
        "stage only with at least one seat for a community or civil society.",
    )
    situational_picture = fields.Html()
    community_ids = fields.Many2many(
        "pcve.community",
        "pcve_action_plan_community_rel",
        "plan_id",
        "community_id",
        string="Communities",
    )
    concern_ids = fields.Many2many(
        "pcve.concern",
        "pcve_action_plan_concern_rel",
        "plan_id",
        "concern_id",
        string="Concerns",
        groups="pcve_safespaces.group_safespace_user",
        help="The community concerns that shaped the situational picture.",
    )
    initiative_ids = fields.One2many(
        "pcve.action.plan.initiative", "plan_id", string="Initiatives"
    )
    initiative_count = fields.Integer(compute="_compute_initiative_count")
    session_count = fields.Integer(
        compute="_compute_session_count",
        groups="pcve_safespaces.group_safespace_user",
    )

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for plan in self:
            if (
                plan.period_start
                and plan.period_end
                and plan.period_end < plan.period_start
            ):
                raise UserError(
                    self.env._(
                        "Action plan '%(name)s' must end on or after its start.",
                        name=plan.name,
                    )
                )

    def _compute_initiative_count(self):
        compute_counts(
            self, "initiative_count", "pcve.action.plan.initiative", "plan_id"
        )

    @api.depends("initiative_ids.session_count")
    def _compute_session_count(self):
        for plan in self:
            plan.session_count = sum(plan.initiative_ids.mapped("session_count"))

    def action_next_stage(self):
        """One step forward, under the guard of the stage it leaves."""
        for plan in self:
            index = STAGE_ORDER.index(plan.stage)
            if index + 1 == len(STAGE_ORDER):
                raise plan._pcve_move_error("stage", plan.stage)
            plan._pcve_move("stage", STAGE_ORDER[index + 1])
        return True

    def action_previous_stage(self):
        """One step back, to complete what an earlier stage left open."""
        for plan in self:
            index = STAGE_ORDER.index(plan.stage)
            if not index:
                raise plan._pcve_move_error("stage", plan.stage)
            plan._pcve_move("stage", STAGE_ORDER[index - 1])
        return True

    def action_view_initiatives(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_evaluation.pcve_action_plan_initiative_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_sessions(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_safespaces.pcve_safespace_session_action"
        )
        action["domain"] = [("id", "in", self.initiative_ids.session_ids.ids)]
        action["context"] = {"create": False}
        return action

    def _check_team_seat(self, vals):
        if not self.team_partner_ids:
            raise UserError(
                self.env._(
                    "Action plan '%(name)s' leaves the team stage only with at "
                    "least one community or civil-society seat: a plan is "
                    "co-created, not pre-determined.",
                    name=self.name,
                )
            )

    def _check_situational_picture(self, vals):
        if is_html_empty(self.situational_picture):
            raise UserError(
                self.env._(
                    "Action plan '%(name)s' leaves the situational picture "
                    "only once the picture is written.",
                    name=self.name,
                )
            )

    def _check_has_initiative(self, vals):
        if not self.initiative_ids:
            raise UserError(
                self.env._(
                    "Action plan '%(name)s' leaves the plan stage only with at "
                    "least one initiative.",
                    name=self.name,
                )
            )

    def _pcve_move_error(self, fname, to):
        record = self[:1]
        return UserError(
            self.env._(
                "Action plan '%(name)s' cannot go from %(old)s to %(new)s: it "
                "moves one stage at a time.",
                name=record.name,
                old=self._pcve_label(fname, record[fname]),
                new=self._pcve_label(fname, to),
            )
        )
