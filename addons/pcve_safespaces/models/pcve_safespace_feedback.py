from odoo import api, fields, models

# The five questions of the feedback page, each answered 1 (not at all) to 5
# (fully). The public contract's names.
QUESTIONS = (
    "felt_safe",
    "could_speak_freely",
    "trusts_moderator",
    "would_come_again",
    "topic_relevant",
)
SCORES = range(1, 6)
# Longest comment accepted from the public page: a few paragraphs.
COMMENT_MAX = 2_000


class PcveSafespaceFeedback(models.Model):
    """One participant's anonymous answer about a held session.

    Nothing ties a row to a person: no partner, no user, no token, no
    address; its creation user is always the public user. Rows are written
    only by a participant's feedback link (``pcve.safespace.feedback.token``
    ``_answer``, in this model's workflow): every field is a workflow field
    the superuser may not set either (``_pcve_workflow_superuser``), so no
    user, not even the system, can add or change an answer by hand. Nobody
    reads single answers: only the system group has an access right; the
    session shows aggregates from the disclosure threshold on."""

    _name = "pcve.safespace.feedback"
    _description = "Anonymous session feedback"
    _inherit = ["pcve.input.mixin", "pcve.state.mixin"]
    _order = "id"
    _pcve_workflow_fields = ("session_id", *QUESTIONS, "comment")
    _pcve_workflow_superuser = False

    session_id = fields.Many2one(
        "pcve.safespace.session",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    felt_safe = fields.Integer(string="I felt safe", required=True, readonly=True)
    could_speak_freely = fields.Integer(
        string="I could speak freely", required=True, readonly=True
    )
    trusts_moderator = fields.Integer(
        string="I trust the moderator", required=True, readonly=True
    )
    would_come_again = fields.Integer(
        string="I would come again", required=True, readonly=True
    )
    topic_relevant = fields.Integer(
        string="The topic mattered to me", required=True, readonly=True
    )
    comment = fields.Text(readonly=True)
    company_id = fields.Many2one(
        related="session_id.company_id", store=True, index=True
    )

    _scores_range = models.Constraint(
        "CHECK (felt_safe BETWEEN 1 AND 5 AND could_speak_freely BETWEEN 1 AND 5 "
        "AND trusts_moderator BETWEEN 1 AND 5 AND would_come_again BETWEEN 1 AND 5 "
        "AND topic_relevant BETWEEN 1 AND 5)",
        "Feedback rule: each answer is a score from 1 to 5.",
    )

    @api.model
    def _answer_errors(self, values):
        """What is wrong with the answers ``values`` (the page's form), as
        messages naming the rule; empty when they can be recorded."""
        errors = []
        missing = [
            self._fields[name]._description_string(self.env)
            for name in QUESTIONS
            if values.get(name) not in SCORES
        ]
        if missing:
            errors.append(
                self.env._(
                    "Feedback rule: answer each question with a score from 1 to "
                    "5 (%(questions)s).",
                    questions=", ".join(missing),
                )
            )
        comment = values.get("comment")
        if comment and (not isinstance(comment, str) or len(comment) > COMMENT_MAX):
            errors.append(
                self.env._(
                    "Feedback rule: a comment has at most %(max)s characters.",
                    max=COMMENT_MAX,
                )
            )
        return errors
