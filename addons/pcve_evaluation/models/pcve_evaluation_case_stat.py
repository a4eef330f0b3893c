from odoo import fields, models, tools
from odoo.tools import SQL

from .evaluation_stat_tools import _selection


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

    company_id = fields.Many2one("res.company", readonly=True)
    period = fields.Date(
        string="Quarter",
        readonly=True,
        help="The first day of the quarter in which the signals came in.",
    )
    stage = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "stage"), readonly=True
    )
    concern_type = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "concern_type"),
        readonly=True,
    )
    signal_source = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "signal_source"),
        readonly=True,
    )
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

    def init(self):
        records = self.env["pcve.case"]._pcve_stat_rows_sql()
        keys = ["company_id", "period"]
        categories = ["stage", "concern_type", "signal_source"]
        cells = self._pcve_cells_sql(records, keys, categories, ["closed", "days"])
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                SELECT (row_number() OVER (ORDER BY %(columns)s))::integer AS id,
                       %(columns)s,
                       CASE WHEN n > t THEN n END AS case_count,
                       n <= t AS suppressed,
                       %(closed)s AS closed_count,
                       CASE WHEN %(closed)s > 0 THEN days END AS days_open_total,
                       CASE WHEN %(closed)s > 0 THEN days::float / closed END
                           AS days_open
                  FROM (%(cells)s) AS cells
                )
                """,
                view=SQL.identifier(self._table),
                columns=SQL(", ").join(map(SQL.identifier, keys + categories)),
                closed=self._pcve_disclosed_sql("closed", whole="n"),
                cells=cells,
            )
        )
