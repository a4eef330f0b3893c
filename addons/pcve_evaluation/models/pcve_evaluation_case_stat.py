from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import category


class PcveEvaluationCaseStat(models.Model):
    """Cases as counts per quarter, stage, type of concern and signal source.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records, and never
    one case or a count below the disclosure threshold (see the mixin). A
    small cell first gives up its signal source, then its type of concern,
    then its stage.
    """

    _name = "pcve.evaluation.case.stat"
    _description = "Case statistics"
    _inherit = ["pcve.evaluation.stat.mixin"]
    _auto = False
    _order = "period desc, id"
    _pcve_stat_model = "pcve.case"
    _pcve_stat_categories = ("stage", "concern_type", "signal_source")
    _pcve_count_field = "case_count"
    _depends = {
        "pcve.case": [
            "company_id",
            "signal_date",
            "stage",
            "concern_type",
            "signal_source",
            "closed_on",
        ],
        "res.company": ["pcve_disclosure_threshold"],
    }
    _pcve_weighted_averages = {"days_open": ("days_open_total", "closed_count")}

    period = fields.Date(
        string="Quarter",
        readonly=True,
        help="The first day of the quarter in which the signals came in.",
    )
    stage = category("pcve.case", "stage")
    concern_type = category("pcve.case", "concern_type")
    signal_source = category("pcve.case", "signal_source")
    case_count = fields.Integer(string="Cases", readonly=True)
    suppressed = fields.Boolean(
        string="Small count (suppressed)",
        readonly=True,
        help="Cases of the quarter that no category could bring above the "
        "disclosure threshold: their number is not shown.",
    )
    days_open = fields.Float(
        string="Days from signal to closure",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
    )

    def _pcve_measures(self):
        """Cases closed, and the days they were open (their average)."""
        closed = self._pcve_disclosed_sql("closed", whole="n")
        return ["closed", "days"], [
            SQL("%s AS closed_count", closed),
            SQL("CASE WHEN %s > 0 THEN days END AS days_open_total", closed),
            SQL("CASE WHEN %s > 0 THEN days::float / closed END AS days_open", closed),
        ]
