from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

RATINGS = [
    ("1", "1 - Not at all"),
    ("2", "2 - Hardly"),
    ("3", "3 - Partly"),
    ("4", "4 - Largely"),
    ("5", "5 - Fully"),
]
# The four evaluation questions of the seed paper, in the order of the workbook.
QUESTIONS = {
    "actors": _lt("Are all relevant actors included?"),
    "working": _lt("Is it working?"),
    "credible": _lt("Is it credible?"),
    "scale": _lt("Does it reach scale and duration?"),
}
WORKBOOK_REPORT = "pcve_evaluation.evaluation_workbook"
# What the frozen workbook was generated from: fixed once the review is done.
FROZEN_FIELDS = {
    "date_from",
    "date_to",
    "company_id",
    "community_ids",
    "findings",
    "workbook_attachment_id",
    *(f"{key}_answer" for key in QUESTIONS),
    *(f"{key}_rating" for key in QUESTIONS),
}


class PcveEvaluationReview(models.Model):
    """A periodic evaluation of the programme.

    "Evaluate all steps of the programme regularly. Are all relevant actors
    included? Is it working? Is it credible?" and, for the long term, scale and
    duration. Marking the review done freezes the evaluation workbook.
    """

    _name = "pcve.evaluation.review"
    _description = "Evaluation review"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # Done only through action_done, which freezes the workbook; never undone.
    _pcve_transitions = {"state": {"draft": {"done"}}}

    name = fields.Char(required=True, tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    community_ids = fields.Many2many(
        "pcve.community",
        string="Communities",
        help="Leave empty to evaluate all communities.",
    )
    actors_answer = fields.Text(string="Actors included: answer")
    actors_rating = fields.Selection(
        RATINGS, string="Actors included: rating", tracking=True
    )
    working_answer = fields.Text(string="Working: answer")
    working_rating = fields.Selection(RATINGS, string="Working: rating", tracking=True)
    credible_answer = fields.Text(string="Credible: answer")
    credible_rating = fields.Selection(
        RATINGS, string="Credible: rating", tracking=True
    )
    scale_answer = fields.Text(string="Scale and duration: answer")
    scale_rating = fields.Selection(
        RATINGS, string="Scale and duration: rating", tracking=True
    )
    findings = fields.Html()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    workbook_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Workbook",
        readonly=True,
        copy=False,
        help="The evaluation workbook frozen when the review was marked done.",
    )
    workbook_datas = fields.Binary(
        related="workbook_attachment_id.datas", string="Frozen workbook"
    )
    workbook_name = fields.Char(
        related="workbook_attachment_id.name", string="Workbook file name"
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for review in self:
            if review.date_to < review.date_from:
                raise ValidationError(
                    self.env._(
                        "Review '%(name)s' must end on or after its start date.",
                        name=review.name,
                    )
                )

    def write(self, vals):
        self._pcve_check_vals(vals)
        frozen = FROZEN_FIELDS.intersection(vals)
        done = self.filtered(lambda review: review.state == "done")
        # The workbook itself is set once, right after the review is done.
        if (
            frozen
            and done
            and (frozen != {"workbook_attachment_id"} or done.workbook_attachment_id)
        ):
            raise UserError(
                self.env._(
                    "A done review is frozen with its workbook: "
                    "its period, scope, answers and findings cannot change."
                )
            )
        return super().write(vals)

    def action_done(self):
        """Render the workbook and freeze it as an attachment of the review."""
        for review in self:
            if review.state == "done":
                raise UserError(
                    self.env._("Review '%(name)s' is already done.", name=review.name)
                )
            # Done first, so that the frozen workbook says so.
            review.write({"state": "done"})
            content, _report_type = self.env["ir.actions.report"]._render(
                WORKBOOK_REPORT, review.ids
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{review.name}.xlsx",
                    "raw": content,
                    "res_model": review._name,
                    "res_id": review.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                }
            )
            review.write({"workbook_attachment_id": attachment.id})
            review.message_post(
                body=self.env._("Review done: the evaluation workbook is frozen."),
                attachment_ids=attachment.ids,
            )
        return True

    def action_download_workbook(self):
        """The frozen workbook of a done review, else a freshly generated one."""
        self.ensure_one()
        if self.workbook_attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.workbook_attachment_id.id}?download=true",
                "target": "self",
            }
        return self.env.ref(WORKBOOK_REPORT).report_action(self)
