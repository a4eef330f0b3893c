from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from odoo.addons.pcve_base.models.pcve_language_mixin import (
    LANGUAGE_CONFIRMATION_FIELDS,
)


class PcveCrisis(models.Model):
    """An incident that raises tension between communities, and the response.

    After the Manchester attack of 2017: fast dialogue events, one message
    from communities and authorities, and separate practical, media and civic
    teams.
    """

    _name = "pcve.crisis"
    _description = "Crisis"
    _inherit = [
        "pcve.safespace.mixin",
        "pcve.language.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "incident_date desc, id desc"
    _check_company_auto = True
    _pcve_workflow_fields = LANGUAGE_CONFIRMATION_FIELDS
    # The one message that goes out, checked by the language rules.
    _pcve_language_fields = ("joint_message",)
    # Response, then recovery; a closed crisis stays closed (a new incident
    # is a new crisis).
    _pcve_moves = {
        "state": {
            "response": {"recovery": None, "closed": None},
            "recovery": {"closed": None},
        }
    }

    name = fields.Char(required=True, tracking=True)
    incident_date = fields.Datetime(
        required=True, tracking=True, default=fields.Datetime.now
    )
    description = fields.Html()
    affected_community_ids = fields.Many2many(
        "pcve.community", string="Affected communities"
    )
    tension_level = fields.Selection(
        [("low", "Low"), ("elevated", "Elevated"), ("high", "High")],
        required=True,
        default="elevated",
        tracking=True,
    )
    state = fields.Selection(
        [("response", "Response"), ("recovery", "Recovery"), ("closed", "Closed")],
        required=True,
        default="response",
        tracking=True,
        group_expand=True,
    )
    coordinator_id = fields.Many2one(
        "res.users", tracking=True, default=lambda self: self.env.user
    )
    joint_message = fields.Html(
        help="The one message agreed between communities and authorities."
    )
    team_line_ids = fields.One2many("pcve.crisis.team.line", "crisis_id", copy=True)
    task_ids = fields.One2many("pcve.crisis.task", "crisis_id")
    task_progress = fields.Float(compute="_compute_task_progress")
    session_ids = fields.One2many(
        "pcve.safespace.session", "crisis_id", string="Dialogue events"
    )
    # The response time counts confidential dialogue events too: kept to the
    # managers, who see every session; everybody else sees the figures of the
    # events they may all see (not confidential).
    first_session_on = fields.Datetime(
        string="First dialogue event",
        compute="_compute_first_session_on",
        store=True,
        groups="pcve_safespaces.group_safespace_manager",
        help="Start of the first dialogue event held in response, confidential "
        "ones included.",
    )
    hours_to_first_dialogue = fields.Float(
        compute="_compute_first_session_on",
        store=True,
        aggregator="avg",
        groups="pcve_safespaces.group_safespace_manager",
        help="Hours from the incident to the first dialogue event, confidential "
        "ones included.",
    )
    first_open_session_on = fields.Datetime(
        string="First open dialogue event",
        compute="_compute_first_session_on",
        store=True,
        help="Start of the first dialogue event held in response that is not "
        "confidential.",
    )
    hours_to_first_open_dialogue = fields.Float(
        string="Hours to first open dialogue",
        compute="_compute_first_session_on",
        store=True,
        aggregator="avg",
        help="Hours from the incident to the first dialogue event that is not "
        "confidential.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    color = fields.Integer()

    @api.depends("task_ids.done")
    def _compute_task_progress(self):
        for crisis in self:
            tasks = crisis.task_ids
            crisis.task_progress = (
                100.0 * len(tasks.filtered("done")) / len(tasks) if tasks else 0.0
            )

    @api.depends(
        "incident_date",
        "session_ids.start",
        "session_ids.state",
        "session_ids.confidential",
    )
    def _compute_first_session_on(self):
        for crisis in self:
            sessions = crisis.session_ids.filtered(lambda s: s.state != "cancelled")
            first = min(sessions.mapped("start"), default=False)
            first_open = min(
                sessions.filtered(lambda s: not s.confidential).mapped("start"),
                default=False,
            )
            crisis.first_session_on = first
            crisis.hours_to_first_dialogue = crisis._hours_since_incident(first)
            crisis.first_open_session_on = first_open
            crisis.hours_to_first_open_dialogue = crisis._hours_since_incident(
                first_open
            )

    @api.model_create_multi
    def create(self, vals_list):
        crises = super().create(vals_list)
        crises.action_generate_tasks()
        return crises

    def action_generate_tasks(self):
        """Add a task for each playbook step the crisis has no task for yet."""
        steps = self.env["pcve.crisis.playbook.step"].search([("active", "=", True)])
        values = []
        for crisis in self:
            done_steps = crisis.task_ids.step_id
            values += [
                {
                    "crisis_id": crisis.id,
                    "step_id": step.id,
                    "name": step.name,
                    "description": step.description,
                    "team": step.team,
                    "sequence": step.sequence,
                }
                for step in steps - done_steps
            ]
        self.env["pcve.crisis.task"].create(values)
        return True

    def action_plan_dialogue(self):
        """Open a new dialogue event for this crisis."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dialogue event"),
            "res_model": "pcve.safespace.session",
            "view_mode": "form",
            "context": {
                "default_crisis_id": self.id,
                "default_name": self.env._("Dialogue after %s", self.name),
                "default_format": "dialogue_circle",
                "default_level": "city",
                "default_community_ids": self.affected_community_ids.ids,
            },
        }

    def action_send_joint_message(self):
        """Send the joint message to the crisis's followers (its team, the
        partners following it), once checked by the language rules."""
        self.ensure_one()
        self.check_access("write")
        if self.state == "closed" or is_html_empty(self.joint_message):
            raise UserError(
                self.env._(
                    "Crisis '%(name)s': write the joint message first; a closed "
                    "crisis sends none.",
                    name=self.name,
                )
            )
        self._pcve_language_gate()
        self.message_post(
            body=self.joint_message,
            subject=self.env._("Joint message: %(name)s", name=self.name),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_recovery(self):
        return self._pcve_move("state", "recovery")

    def action_close(self):
        return self._pcve_move("state", "closed")

    def _hours_since_incident(self, moment):
        self.ensure_one()
        if not (moment and self.incident_date):
            return 0.0
        return (moment - self.incident_date).total_seconds() / 3600

    def _pcve_language_send(self):
        return self.action_send_joint_message()
