import ast

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# The record ids of a log written for several records at once ("[1, 2, 3]",
# auditlog's own notation), as an array the index below can answer for.
RES_IDS_ARRAY = "string_to_array(btrim(res_ids, '[]'), ', ')::int4[]"
RES_IDS_WELL_FORMED = r"res_ids ~ '^\[[0-9]+(, [0-9]+)*\]$'"

# The operations of the suite's trail: auditlog's own, and the reads a model
# of the suite logs itself (a case opened in its form, a subject-access
# export, an erasure, a printed case report).
OPERATIONS = [
    ("create", "Created"),
    ("open", "Opened"),
    ("read", "Read"),
    ("write", "Changed"),
    ("unlink", "Deleted"),
    ("export_data", "Exported"),
    ("subject_export", "Subject-access export"),
    ("erasure", "Erasure"),
    ("print", "Printed"),
]


class AuditlogLog(models.Model):
    """Logs of the suite's models: written by the system only, never changed,
    deleted only by the system (retention), read by the model's managers."""

    _inherit = "auditlog.log"

    pcve_reader_group_id = fields.Many2one(
        "res.groups", string="Log readers", readonly=True, index=True
    )
    pcve_company_id = fields.Many2one(
        "res.company", string="Company", readonly=True, index=True
    )
    pcve_operation = fields.Selection(
        OPERATIONS, string="Operation", compute="_compute_pcve_operation"
    )
    pcve_record_ref = fields.Reference(
        selection="_selection_pcve_record_ref",
        string="Record",
        compute="_compute_pcve_record_ref",
    )
    pcve_covered_id = fields.Integer(
        string="Logged record id",
        compute="_compute_pcve_covered_id",
        search="_search_pcve_covered_id",
        help="Search the logs of a record: those written for it alone (res_id) "
        "and the reads logged for several records at once (res_ids).",
    )

    # the logs of one record: its trail, and whether it was ever read
    _pcve_record_idx = models.Index("(model_id, res_id)")
    # the same for reads logged in one row per request and model
    _pcve_res_ids_idx = models.Index(
        f"USING gin (({RES_IDS_ARRAY})) WHERE {RES_IDS_WELL_FORMED}"
    )
    # the retention job: a company's suite logs past its period
    _pcve_retention_idx = models.Index(
        "(pcve_company_id, create_date) WHERE pcve_reader_group_id IS NOT NULL"
    )

    @api.depends("method")
    def _compute_pcve_operation(self):
        known = dict(OPERATIONS)
        for log in self:
            log.pcve_operation = log.method if log.method in known else False

    def _compute_pcve_covered_id(self):
        for log in self:
            log.pcve_covered_id = log.res_id

    def _search_pcve_covered_id(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        ids = [value] if isinstance(value, int) else [int(v) for v in value if v]
        if not ids:
            return Domain.FALSE

        def to_sql(model, alias, query):
            return SQL(
                "(%(res_id)s = ANY(%(ids)s) OR (%(well_formed)s AND %(array)s && %(ids)s))",
                res_id=SQL.identifier(alias, "res_id"),
                ids=ids,
                well_formed=SQL(
                    RES_IDS_WELL_FORMED.replace("res_ids", f'"{alias}".res_ids')
                ),
                array=SQL(RES_IDS_ARRAY.replace("res_ids", f'"{alias}".res_ids')),
            )

        return Domain.custom(to_sql=to_sql)

    @api.model
    def _selection_pcve_record_ref(self):
        models_ = self.env["auditlog.rule"]._pcve_audited()
        return [(model, self.env[model]._description) for model in sorted(models_)]

    @api.depends("model_model", "res_id")
    def _compute_pcve_record_ref(self):
        """The logged record as it is now (nothing once it is deleted)."""
        audited = self.env["auditlog.rule"]._pcve_audited()
        existing = set()
        for model in set(self.mapped("model_model")) & set(audited):
            logs = self.filtered(lambda log, model=model: log.model_model == model)
            found = self.env[model].browse(logs.mapped("res_id")).exists()
            existing |= {(model, res_id) for res_id in found.ids}
        for log in self:
            key = (log.model_model, log.res_id)
            log.pcve_record_ref = f"{key[0]},{key[1]}" if key in existing else False

    @api.model_create_multi
    def create(self, vals_list):
        audited = {
            model_id: (name, group)
            for name, (model_id, group) in self.env["auditlog.rule"]
            ._pcve_audited()
            .items()
        }
        suite_vals = [vals for vals in vals_list if vals.get("model_id") in audited]
        if any(vals.get("pcve_reader_group_id") for vals in vals_list) or (
            suite_vals and not self.env.su
        ):
            raise UserError(
                self.env._(
                    "The audit trail of the P/CVE suite is written by the system only."
                )
            )
        logged = {}  # vals index -> records of the log
        for index, vals in enumerate(suite_vals):
            ids = (
                [vals["res_id"]]
                if vals.get("res_id")
                else ast.literal_eval(vals.get("res_ids") or "[]")
            )
            logged[index] = self.env[audited[vals["model_id"]][0]].sudo().browse(ids)
        for model in {records._name for records in logged.values()}:
            # the companies of every logged record of a model in one query
            records = (
                self.env[model]
                .sudo()
                .browse(
                    [rid for r in logged.values() if r._name == model for rid in r.ids]
                )
            )
            if "company_id" in records._fields:
                records.fetch(["company_id"])
        for index, vals in enumerate(suite_vals):
            records = logged[index]
            company = (
                records.company_id
                if "company_id" in records._fields
                else self.env["res.company"]
            )
            vals.update(
                pcve_reader_group_id=audited[vals["model_id"]][1],
                pcve_company_id=company.id if len(company) == 1 else False,
                # never the record's name: for some models it names a person
                name=records._description,
            )
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        if (
            self.sudo().filtered("pcve_reader_group_id")
            or {"pcve_reader_group_id", "pcve_company_id"} & set(vals)
            or (vals.get("model_id") in self._pcve_model_ids())
        ):
            raise UserError(
                self.env._("The audit trail of the P/CVE suite cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_pcve(self):
        if not self.env.su and self.sudo().filtered("pcve_reader_group_id"):
            raise UserError(
                self.env._(
                    "The audit trail of the P/CVE suite cannot be deleted; only its "
                    "retention (auditlog's auto-vacuum) removes old logs."
                )
            )

    @api.model
    def _cron_trim_pcve_logs(self, batch_size=1000):
        """Daily: delete the suite's logs older than the retention period of
        their company (the DPO's setting; logs of records without a company
        follow the main company's), a batch at a time with a commit after
        each. Due logs are found through the retention index, so the job costs
        what is due, not what the trail holds."""
        Cron = self.env["ir.cron"]
        now = fields.Datetime.now()
        # archived municipalities' logs age too
        companies = (
            self.env["res.company"].sudo().search([("active", "in", (True, False))])
        )
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        due = Domain.OR(
            Domain(
                "pcve_company_id",
                "in",
                company.ids + ([False] if company == main else []),
            )
            & Domain(
                "create_date",
                "<",
                now - relativedelta(months=company.pcve_audit_retention_months),
            )
            for company in companies
        ) & Domain("pcve_reader_group_id", "!=", False)
        trimmed = 0
        while batch := self.sudo().search(due, limit=batch_size, order="id"):
            batch.unlink()
            trimmed += len(batch)
            remaining = self.sudo().search_count(due, limit=batch_size * 10)
            if not Cron._commit_progress(len(batch), remaining=remaining):
                break
        return trimmed

    @api.model
    def _pcve_model_ids(self):
        return {
            model_id
            for model_id, _group in self.env["auditlog.rule"]._pcve_audited().values()
        }
