from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

RATINGS = [
    ("1", "1 - Not at all"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 - Fully"),
]
# The partner gives its ratings on the portal and reads its own there (the
# portal rules keep it to its own organisation's feedback).
RATING_GROUPS = "pcve_partners.group_pcve_approver,base.group_portal"
# What the partner said, and when: fixed once recorded (a memorandum may rest
# on it). A partner who changes its mind gives a new feedback.
RECORDED_FIELDS = ("partner_id", "decision", "recorded_on", "company_id")
# What the partner says on the portal besides its decision.
PORTAL_GIVEN_FIELDS = (
    "rating_objectives_clear",
    "rating_acts_on_concerns",
    "rating_not_instrumentalising",
    "rating_transparent_assessment",
    "rating_respects_agenda",
    "partner_objectives",
    "comment",
)


class PcvePartnerFeedback(models.Model):
    """Reciprocity: the partner's own assessment of the municipality.

    Partners assess us as we assess them: a memorandum is signed only once
    the partner said it wants to collaborate, after our assessment of it, and
    its own objectives go into the memorandum. The ratings are read by
    approvers and managers only (the evaluation uses them as aggregates).
    """

    _name = "pcve.partner.feedback"
    _description = "Partner feedback"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "recorded_on desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True
    # Given on the portal for the organisation, and read there again; never
    # dated by the partner (feedback given there is dated the day it was given).
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "partner_id",
            "recorded_on",
            "channel",
            "decision",
            *PORTAL_GIVEN_FIELDS,
        ),
        "create": ("partner_id", "channel", "decision", *PORTAL_GIVEN_FIELDS),
    }

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("pcve_is_partner", "=", True)],
    )
    recorded_on = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    channel = fields.Selection(
        [("interview", "Interview"), ("portal", "Portal"), ("letter", "Letter")],
        required=True,
        default="interview",
    )
    decision = fields.Selection(
        [
            ("collaborate", "Collaborate"),
            ("not_now", "Not now"),
            ("no", "No"),
        ],
        string="Partner's decision",
        required=True,
        tracking=True,
        help="Whether the partner wants to collaborate with the municipality.",
    )
    rating_objectives_clear = fields.Selection(
        RATINGS,
        string="Our objectives are clear",
        groups=RATING_GROUPS,
    )
    rating_acts_on_concerns = fields.Selection(
        RATINGS,
        string="We act on the partner's concerns",
        groups=RATING_GROUPS,
    )
    rating_not_instrumentalising = fields.Selection(
        RATINGS,
        string="We do not instrumentalise the partner",
        groups=RATING_GROUPS,
    )
    rating_transparent_assessment = fields.Selection(
        RATINGS,
        string="Our assessment was transparent",
        groups=RATING_GROUPS,
    )
    rating_respects_agenda = fields.Selection(
        RATINGS,
        string="We respect the partner's own agenda",
        groups=RATING_GROUPS,
    )
    partner_objectives = fields.Html(
        string="Partner's objectives",
        help="The partner's own goals for the collaboration: copied into the "
        "memorandum it signs.",
    )
    comment = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("recorded_on")
    def _check_recorded_on(self):
        today = fields.Date.context_today(self)
        if any(feedback.recorded_on > today for feedback in self):
            raise ValidationError(
                self.env._("A partner's feedback is recorded once given: not ahead.")
            )

    def write(self, vals):
        recorded = [name for name in RECORDED_FIELDS if name in vals]
        if recorded and not self.env.su:
            raise UserError(
                self.env._(
                    "%(fields)s of a partner's feedback are kept as recorded: when "
                    "the partner changes its mind, record a new feedback.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in recorded
                    ),
                )
            )
        return super().write(vals)
