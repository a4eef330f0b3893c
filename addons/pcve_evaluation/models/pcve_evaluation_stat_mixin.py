from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.pcve_base.tools import DEFAULT_DISCLOSURE_THRESHOLD

# The value of a category that was given up to reach the threshold.
UNDISCLOSED = "undisclosed"


class PcveEvaluationStatMixin(models.AbstractModel):
    """Statistics views that never give a record or a small count.

    Each row is a cell: a company, a period and categories, with its counts.
    A cell holding from 1 to the disclosure threshold of its company (the
    setting, read by the view at every query) gives up its last category and
    is merged with its neighbours, then the one before, and so on; what stays
    small at the end is one row per company and period with no count at all,
    flagged as suppressed. Every record is in exactly one row, so no sum,
    difference or filter of rows can bring back a small count. Measures of
    people (attendance) and sub-counts within a cell are suppressed in the
    same way; zero stays zero. ``__count`` (the "Count" of the pivot and the
    graph) is the number of records, not of rows.

    A statistics model declares its view: the model whose
    ``_pcve_stat_rows_sql()`` gives one row per record, the keys and
    categories of a cell and the count field; :meth:`init` builds the view.
    A model without a count field shows the rows as they are given, or
    summed per distinct value of its other columns when it names the column
    that counts them (``_pcve_rollup_count``).

    The view is materialised: a pivot across every municipality reads the
    few cells, through an index on company and period, instead of grouping
    every record at each query (at national scale, 100 000 cases, that was
    57 times the cost of a small data set). The disclosure control is the
    same query, run at refresh time: by a job (``_cron_pcve_refresh``), and
    at once when a company's threshold changes, so a lower threshold never
    shows with stale cells. Figures are as recent as the last refresh; the
    workbook and the dashboards read the records themselves.
    """

    _name = "pcve.evaluation.stat.mixin"
    _description = "Statistics with disclosure control"
    _inherit = ["pcve.input.mixin"]
    # The model whose _pcve_stat_rows_sql() gives the rows of the view.
    _pcve_stat_model = None
    # The keys of a cell, and its categories in the order they are given up
    # from the last.
    _pcve_stat_keys = ("company_id", "period")
    _pcve_stat_categories = ()
    # The field that counts the records of a row (None: the rows as given).
    _pcve_count_field = None
    # {field: (total column, count column)}: averages weighted by records.
    _pcve_weighted_averages = {}
    # Without a count field: the column counting the given rows, summed per
    # distinct value of the other columns (None: the rows as given).
    _pcve_rollup_count = None
    # The date the pivots filter on (their default period), indexed with the
    # company.
    _pcve_period_field = "period"

    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        if not self._pcve_stat_model:
            return
        rows = self.env[self._pcve_stat_model]._pcve_stat_rows_sql()
        if self._pcve_count_field:
            rows = self._pcve_cells_view_sql(rows)
        elif self._pcve_rollup_count:
            rows = self._pcve_rollup_sql(rows)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE MATERIALIZED VIEW %s AS (%s)",
                SQL.identifier(self._table),
                rows,
            )
        )
        # the unique index lets a refresh run concurrently with the readers
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON %s (id)",
                SQL.identifier(f"{self._table}_id_uniq"),
                SQL.identifier(self._table),
            )
        )
        period = (
            self._pcve_period_field if self._pcve_period_field in self._fields else None
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX %s ON %s (%s)",
                SQL.identifier(f"{self._table}_company_period_idx"),
                SQL.identifier(self._table),
                SQL(", ").join(
                    SQL.identifier(column)
                    for column in ("company_id", period)
                    if column
                ),
            )
        )

    @api.model
    def _pcve_refresh(self):
        """Compute the materialised cells of this model again from the
        records (flushed first); readers keep the previous cells meanwhile."""
        if not self._pcve_stat_model:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "REFRESH MATERIALIZED VIEW CONCURRENTLY %s",
                SQL.identifier(self._table),
            )
        )
        self.env.invalidate_all()

    @api.model
    def _pcve_stat_models(self):
        """The statistics models of the registry (whichever model asks)."""
        return [
            self.env[model]
            for model in self.env.registry.descendants(
                ["pcve.evaluation.stat.mixin"], "_inherit", "_inherits"
            )
            if self.env[model]._pcve_stat_model
        ]

    @api.model
    def _cron_pcve_refresh(self):
        """The job: every statistics model, one commit each."""
        stat_models = self._pcve_stat_models()
        for index, Stat in enumerate(stat_models):
            Stat._pcve_refresh()
            self.env["ir.cron"]._commit_progress(
                1, remaining=len(stat_models) - index - 1
            )

    def _pcve_rollup_sql(self, rows):
        """The given rows summed per distinct value of the other stored
        columns, numbered."""
        columns = [
            SQL.identifier(name)
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and name not in ("id", self._pcve_rollup_count)
        ]
        listed = SQL(", ").join(columns)
        return SQL(
            "SELECT (row_number() OVER (ORDER BY %s))::integer AS id, %s,"
            " SUM(%s)::integer AS %s FROM (%s) AS given GROUP BY %s",
            listed,
            listed,
            SQL.identifier(self._pcve_rollup_count),
            SQL.identifier(self._pcve_rollup_count),
            rows,
            listed,
        )

    def _read_group_select(self, aggregate_spec, query):
        counted = self._pcve_count_field or self._pcve_rollup_count
        if counted and aggregate_spec == "__count":
            return SQL(
                "COALESCE(SUM(%s), 0)",
                self._field_to_sql(self._table, counted, query),
            )
        if not self._pcve_count_field:
            return super()._read_group_select(aggregate_spec, query)
        fname, _property, func = aggregate_spec.partition(":")
        if func in ("count", "count_distinct"):
            raise UserError(
                self.env._(
                    "Statistics add up the counts they show: %(spec)s is not "
                    "available; the Count measure gives the number of cases or "
                    "sessions.",
                    spec=aggregate_spec,
                )
            )
        if func == "avg" and fname in self._pcve_weighted_averages:
            total, count = self._pcve_weighted_averages[fname]
            return SQL(
                "SUM(%s)::float / NULLIF(SUM(%s), 0)",
                SQL.identifier(self._table, total),
                SQL.identifier(self._table, count),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _pcve_measures(self):
        """The sums of a cell's records, and the view's columns made of them
        (SQL expressions named ``AS`` their field): none by default."""
        return [], []

    def _pcve_cells_view_sql(self, rows):
        """The view of cells: an id, the keys and categories, the count (NULL
        when small), whether it is suppressed, and the model's measures."""
        keys, categories = list(self._pcve_stat_keys), list(self._pcve_stat_categories)
        sums, measures = self._pcve_measures()
        columns = SQL(", ").join(map(SQL.identifier, keys + categories))
        select = [
            SQL("(row_number() OVER (ORDER BY %s))::integer AS id", columns),
            columns,
            SQL(
                "CASE WHEN n > t THEN n END AS %s",
                SQL.identifier(self._pcve_count_field),
            ),
            SQL("n <= t AS suppressed"),
            *measures,
        ]
        return SQL(
            "SELECT %s FROM (%s) AS cells",
            SQL(", ").join(select),
            self._pcve_cells_sql(rows, keys, categories, sums),
        )

    def _pcve_threshold_sql(self, company):
        """The disclosure threshold of the company ``company`` (an SQL
        expression), as the workbook reads it: at least 1, the default for a
        record without company."""
        return SQL(
            """
            GREATEST(COALESCE((
                SELECT threshold_company.pcve_disclosure_threshold
                  FROM res_company threshold_company
                 WHERE threshold_company.id = %s
            ), %s), 1)
            """,
            company,
            DEFAULT_DISCLOSURE_THRESHOLD,
        )

    def _pcve_cells_sql(self, records, keys, categories, sums):
        """The cells of ``records`` (one row per record with a column ``n`` = 1
        and the columns of ``keys``, ``categories`` and ``sums``): grouped by
        keys and categories, the small cells giving up their categories from
        the last to the first. Returns the threshold ``t``, keys, categories,
        ``n`` and sums."""
        columns = ["t", *keys, *categories]
        totals = ["n", *sums]

        def grouped(source, replaced=None):
            return SQL(
                "SELECT %s, %s FROM (%s) AS cells GROUP BY %s",
                SQL(", ").join(
                    SQL(
                        "CASE WHEN n > t THEN %s ELSE %s END AS %s",
                        SQL.identifier(column),
                        UNDISCLOSED,
                        SQL.identifier(column),
                    )
                    if column == replaced
                    else SQL.identifier(column)
                    for column in columns
                ),
                SQL(", ").join(
                    SQL(
                        "SUM(%s)::integer AS %s",
                        SQL.identifier(total),
                        SQL.identifier(total),
                    )
                    for total in totals
                ),
                source,
                SQL(", ").join(SQL(str(index + 1)) for index in range(len(columns))),
            )

        cells = grouped(
            SQL(
                "SELECT records.*, %s AS t FROM (%s) AS records",
                self._pcve_threshold_sql(SQL("records.company_id")),
                records,
            )
        )
        for category in reversed(categories):
            cells = grouped(cells, replaced=category)
        return cells

    @staticmethod
    def _pcve_disclosed_sql(column, whole=None):
        """``column`` of a cell if neither the cell, nor the column, nor what
        the column leaves of its ``whole`` is a small count (zero stays zero),
        else NULL."""
        part = SQL.identifier(column)
        rest = SQL("%s - %s", SQL.identifier(whole), part) if whole else SQL("0")
        return SQL(
            "CASE WHEN n > t AND (%s = 0 OR %s > t) AND (%s = 0 OR %s > t) THEN %s END",
            part,
            part,
            rest,
            rest,
            part,
        )
