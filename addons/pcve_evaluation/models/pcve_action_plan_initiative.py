from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

# The managers of plans and initiatives; everybody else reads them, and an
# initiative's owner moves its state.
MANAGER_GROUPS = (
    "pcve_evaluation.group_evaluation_manager",
    "pcve_partners.group_pcve_manager",
)
STATE_MOVES = {
    "planned": {"running": None, "dropped": None},
    "running": {"done": None, "dropped": None, "planned": None},
    "done": {"running": None},
    "dropped": {"planned": None},
}


class PcveActionPlanInitiative(models.Model):
    """An initiative of the action plan. "Not reinventing the wheel": each
    says whether it uses an existing structure as it is, adapts one, or needs
    a new one, and why."""

    _name = "pcve.action.plan.initiative"
    _description = "Action plan initiative"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "plan_id, follow_up_date, id"
    _check_company_auto = True
    _pcve_parent_fields = ("plan_id",)
    # the company follows the plan: nobody sets another one
    _pcve_company_manager_group = "pcve_evaluation.group_evaluation_manager"
    _pcve_moves = {"state": STATE_MOVES}
    _pcve_create_moves = False
    # written by the follow-up job only
    _pcve_workflow_fields = ("follow_up_activity_date",)

    plan_id = fields.Many2one(
        "pcve.action.plan",
        string="Action plan",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(required=True, tracking=True)
    objective = fields.Text()
    owner_user_id = fields.Many2one(
        "res.users", string="Owner", index=True, tracking=True
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Owning partner",
        tracking=True,
        help="The community or civil-society partner that carries it.",
    )
    structure_mode = fields.Selection(
        [
            ("reuse", "Reuse an existing structure"),
            ("adapt", "Adapt an existing structure"),
            ("new", "New structure"),
        ],
        required=True,
        default="reuse",
        tracking=True,
    )
    structure_partner_id = fields.Many2one(
        "res.partner",
        string="Existing structure",
        tracking=True,
        help="The school, youth centre or association reused or adapted.",
    )
    new_structure_rationale = fields.Text(
        help="Why no existing structure can be used or adapted."
    )
    recurring = fields.Boolean(
        tracking=True,
        help="A structural offer rather than a one-off project.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("running", "Running"),
            ("done", "Done"),
            ("dropped", "Dropped"),
        ],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
        group_expand=True,
    )
    follow_up_date = fields.Date(tracking=True)
    follow_up_activity_date = fields.Date(
        readonly=True,
        copy=False,
        help="The follow-up date for which the owner was given an activity.",
    )
    follow_up_pending = fields.Boolean(
        compute="_compute_follow_up_pending",
        store=True,
        help="The follow-up date has no activity yet.",
    )
    session_ids = fields.Many2many(
        "pcve.safespace.session",
        "pcve_action_plan_initiative_session_rel",
        "initiative_id",
        "session_id",
        string="Sessions",
        groups="pcve_safespaces.group_safespace_user",
    )
    series_ids = fields.Many2many(
        "pcve.safespace.series",
        "pcve_action_plan_initiative_series_rel",
        "initiative_id",
        "series_id",
        string="Session series",
        groups="pcve_safespaces.group_safespace_user",
    )
    session_count = fields.Integer(
        compute="_compute_session_count",
        groups="pcve_safespaces.group_safespace_user",
    )

    @api.depends("session_ids")
    def _compute_session_count(self):
        for initiative in self:
            initiative.session_count = len(initiative.session_ids)

    @api.depends("follow_up_date", "follow_up_activity_date")
    def _compute_follow_up_pending(self):
        for initiative in self:
            initiative.follow_up_pending = bool(initiative.follow_up_date) and (
                initiative.follow_up_date != initiative.follow_up_activity_date
            )

    @api.constrains("structure_mode", "structure_partner_id", "new_structure_rationale")
    def _check_structure(self):
        for initiative in self:
            mode = initiative.structure_mode
            if mode in ("reuse", "adapt") and not initiative.structure_partner_id:
                raise ValidationError(
                    self.env._(
                        "Initiative '%(name)s' reuses or adapts an existing "
                        "structure: name it in Existing structure.",
                        name=initiative.name,
                    )
                )
            if mode == "new" and not (initiative.new_structure_rationale or "").strip():
                raise ValidationError(
                    self.env._(
                        "Initiative '%(name)s' needs a new structure: write the "
                        "New structure rationale (why no existing structure can "
                        "be used or adapted).",
                        name=initiative.name,
                    )
                )

    def write(self, vals):
        self._pcve_check_owner_write(vals)
        return super().write(vals)

    @api.model
    def _cron_follow_up(self, batch_size=100):
        """Scheduled action: a follow-up activity for the owner of each open
        initiative whose follow-up date has passed, once per date."""
        Cron = self.env["ir.cron"]
        while True:
            batch = self.search(self._follow_up_due_domain(), limit=batch_size)
            if not batch:
                break
            for initiative in batch:
                initiative.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=initiative.follow_up_date,
                    user_id=initiative.owner_user_id.id,
                    summary=self.env._("Follow up this initiative"),
                )
                initiative._pcve_workflow_write(
                    {"follow_up_activity_date": initiative.follow_up_date}
                )
            remaining = self.search_count(self._follow_up_due_domain())
            if not Cron._commit_progress(len(batch), remaining=remaining):
                break

    def _follow_up_due_domain(self):
        return Domain(
            [
                ("follow_up_pending", "=", True),
                ("follow_up_date", "<=", fields.Date.context_today(self)),
                ("state", "in", ("planned", "running")),
                ("owner_user_id", "!=", False),
            ]
        )

    def _pcve_check_owner_write(self, vals):
        """The owner, who is no manager, changes the state only (and the
        chatter); the record rules keep him to his own initiatives."""
        if self.env.su or self._pcve_is_manager():
            return
        allowed = {"state"} | self._pcve_chatter_fields()
        if set(vals) - allowed:
            raise AccessError(
                self.env._(
                    "Only evaluation and partners managers change an initiative; "
                    "its owner only moves its state."
                )
            )

    def _pcve_is_manager(self):
        user = self.env.user
        return any(user.has_group(group) for group in MANAGER_GROUPS)

    def _pcve_chatter_fields(self):
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
