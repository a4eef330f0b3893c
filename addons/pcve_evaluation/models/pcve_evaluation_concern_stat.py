from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import category


class PcveEvaluationConcernStat(models.Model):
    """Community concerns as counts per quarter, state, topic and kind of
    community, without names, texts or single concerns.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records, and never
    one concern or a count below the disclosure threshold (see the mixin). A
    small cell first gives up its kind of community, then its topic, then its
    state. Single communities are not a dimension: the concern register's own
    pivot shows them to those who may read the concerns.
    """

    _name = "pcve.evaluation.concern.stat"
    _description = "Concern statistics"
    _inherit = ["pcve.evaluation.stat.mixin"]
    _auto = False
    _order = "period desc, id"
    _pcve_stat_model = "pcve.concern"
    _pcve_stat_categories = ("state", "topic", "community_kind")
    _pcve_count_field = "concern_count"
    _depends = {
        "pcve.concern": [
            "company_id",
            "raised_on",
            "responded_on",
            "state",
            "topic",
            "community_id",
            "reported_back",
        ],
        "pcve.community": ["group_kind"],
        "res.company": ["pcve_disclosure_threshold"],
    }
    _pcve_weighted_averages = {
        "days_to_response": ("days_to_response_total", "responded_count")
    }

    period = fields.Date(
        string="Quarter",
        readonly=True,
        help="The first day of the quarter in which the concerns were raised.",
    )
    state = category("pcve.concern", "state")
    topic = category("pcve.concern", "topic")
    community_kind = category(
        "pcve.community", "group_kind", string="Kind of community"
    )
    concern_count = fields.Integer(string="Concerns", readonly=True)
    suppressed = fields.Boolean(
        string="Small count (suppressed)",
        readonly=True,
        help="Concerns of the quarter that no category could bring above the "
        "disclosure threshold: their number is not shown.",
    )
    reported_back_count = fields.Integer(string="Reported back", readonly=True)
    days_to_response = fields.Float(
        string="Days to response",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
    )

    def _pcve_measures(self):
        """Concerns reported back; concerns responded to, and their days to
        the response (their average)."""
        reported = self._pcve_disclosed_sql("reported", whole="n")
        responded = self._pcve_disclosed_sql("responded", whole="n")
        return ["reported", "responded", "days"], [
            SQL("%s AS reported_back_count", reported),
            SQL("%s AS responded_count", responded),
            SQL("CASE WHEN %s > 0 THEN days END AS days_to_response_total", responded),
            SQL(
                "CASE WHEN %s > 0 THEN days::float / responded END AS days_to_response",
                responded,
            ),
        ]
