from dateutil.relativedelta import relativedelta

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
# Set by action_done only: the frozen workbook and the fields that show it.
WORKBOOK_FIELDS = ("workbook_attachment_id", "workbook_datas", "workbook_name")


class PcveEvaluationReview(models.Model):
    """A periodic evaluation of the programme.

    "Evaluate all steps of the programme regularly. Are all relevant actors
    included? Is it working? Is it credible?" and, for the long term, scale and
    duration. Marking the review done freezes the evaluation workbook.
    """

    _name = "pcve.evaluation.review"
    _description = "Evaluation review"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # Done only through action_done, which freezes the workbook; never undone.
    # Its workflow (action_done) is the only write of the state and workbook,
    # the system's included, and the only render of a done review.
    _pcve_moves = {"state": {"draft": {"done": None}}}
    _pcve_workflow_fields = ("state", *WORKBOOK_FIELDS)
    _pcve_workflow_superuser = False

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
        index="btree_not_null",
        ondelete="restrict",
        help="The evaluation workbook frozen when the review was marked done.",
    )
    workbook_datas = fields.Binary(
        related="workbook_attachment_id.datas", string="Frozen workbook", readonly=True
    )
    workbook_name = fields.Char(
        related="workbook_attachment_id.name",
        string="Workbook file name",
        readonly=True,
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

    @api.ondelete(at_uninstall=True)
    def _unlink_except_done(self):
        """A done review is the record of what was reported: it stays, for
        everyone (the administrator included), unless its module is removed."""
        done = self.filtered(lambda review: review.state == "done")
        if done and not self._pcve_uninstalling():
            raise UserError(
                self.env._(
                    "Review '%(name)s' is done: a done review and its frozen "
                    "workbook cannot be deleted.",
                    name=done[0].name,
                )
            )

    def write(self, vals):
        self._pcve_check_vals(vals)
        if self._pcve_in_workflow():
            return super().write(vals)
        done = self.filtered(lambda review: review.state == "done")
        # the state and workbook are the state machine's to refuse
        workflow = set(self._pcve_workflow_fields)
        if done and set(vals) - self._pcve_chatter_fields() - workflow:
            raise UserError(
                self.env._(
                    "Review '%(name)s' is done and frozen with its workbook: its "
                    "name, period, scope, answers, ratings, findings and state "
                    "cannot change. Start a new review instead.",
                    name=done[0].name,
                )
            )
        return super().write(vals)

    def action_done(self):
        """Render the workbook and freeze it as an attachment of the review."""
        for review in self:
            with review._pcve_workflow():
                # Done first, so that the frozen workbook says so.
                review._pcve_move("state", "done")
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
        """The frozen workbook of a done review, a fresh one of a draft."""
        self.ensure_one()
        if self.state == "done":
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self._pcve_frozen_workbook().id}?download=true",
                "target": "self",
            }
        # No document layout to configure for a workbook; no None for XML-RPC.
        action = self.env.ref(WORKBOOK_REPORT).report_action(self, config=False)
        return {key: value for key, value in action.items() if value is not None}

    @api.model
    def _cron_schedule_reviews(self):
        """Scheduled action: "evaluate all steps of the programme regularly".
        Each company whose last done review's period ended at least its
        review interval ago gets the next review as a draft, and its
        evaluation managers an activity; never twice for the same period."""
        today = fields.Date.context_today(self)
        last_done = dict(
            self._read_group([("state", "=", "done")], ["company_id"], ["date_to:max"])
        )
        last_any = dict(self._read_group([], ["company_id"], ["date_to:max"]))
        managers = self.env.ref("pcve_evaluation.group_evaluation_manager").all_user_ids
        for company, done_to in last_done.items():
            months = company._pcve_setting("pcve_review_interval_months")
            date_from = done_to + relativedelta(days=1)
            date_to = done_to + relativedelta(months=months)
            if date_to > today or last_any[company] > done_to:
                continue  # not due yet, or already drafted
            review = self.create(
                {
                    "name": self.env._(
                        "Review %(start)s - %(end)s", start=date_from, end=date_to
                    ),
                    "date_from": date_from,
                    "date_to": date_to,
                    "company_id": company.id,
                }
            )
            for user in managers.filtered(
                lambda u, c=company: c in u.company_ids and u.active
            ):
                review.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Evaluate the programme: review due"),
                )
        return True

    def _pcve_chatter_fields(self):
        """The fields of the chatter and activities: they stay open on a done
        review (messages, followers, activities); all others are frozen."""
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _pcve_frozen_workbook(self):
        """The attachment frozen by action_done; never a workbook built again
        from today's data, which would not be the one that was reported."""
        self.ensure_one()
        if not self.workbook_attachment_id:
            raise UserError(
                self.env._(
                    "Review '%(name)s' is done but its frozen workbook is missing. "
                    "A workbook built from today's data would not be the one that "
                    "was frozen: ask an administrator to restore the attachment.",
                    name=self.name,
                )
            )
        return self.workbook_attachment_id

    def _pcve_move_error(self, fname, to):
        return UserError(
            self.env._("Review '%(name)s' is already done.", name=self[:1].name)
        )

    def _pcve_workflow_error(self, fnames):
        if not self:
            return UserError(
                self.env._(
                    "A review starts as a draft: only 'Mark done and freeze "
                    "workbook' makes it done and attaches its workbook."
                )
            )
        return UserError(
            self.env._(
                "Only 'Mark done and freeze workbook' makes a review done and "
                "attaches its workbook; a done review is never reopened."
            )
        )

    def _pcve_uninstalling(self):
        """Whether this module is being uninstalled (its records then go)."""
        # sudo: the state of a module, which only administrators may read
        return bool(
            self.env["ir.module.module"]
            .sudo()
            .search_count(
                [("name", "=", "pcve_evaluation"), ("state", "=", "to remove")],
                limit=1,
            )
        )
