"""One read log for the whole suite: the rows of the case access log
(``pcve.case.access.log``) move into the audit trail, as the entries a case
now writes there itself (same user, time, case and kind); then its table and
its record rules go (Odoo removes the model's other metadata at the end of the
upgrade, but leaves the table of a model it no longer knows and noupdate data)."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import table_exists

# kind of the access log -> method of the audit trail (pcve.case.privacy.mixin)
METHODS = {
    "open": "open",
    "read": "read",
    "export": "subject_export",
    "erasure": "erasure",
}


def migrate(cr, version):
    if not table_exists(cr, "pcve_case_access_log"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Case = env["pcve.case"]
    model = env["ir.model"]._get("pcve.case")
    rule = env["auditlog.rule"].search([("model_id", "=", model.id)], limit=1)
    cr.execute(
        SQL(
            """
            INSERT INTO auditlog_log (name, model_id, model_name, model_model,
                                      res_id, user_id, method, log_type,
                                      pcve_reader_group_id, pcve_company_id,
                                      create_uid, create_date, write_uid, write_date)
            SELECT %(name)s, %(model_id)s, %(model_name)s, %(model)s,
                   log.case_id, log.user_id, methods.method, %(log_type)s,
                   %(group_id)s, log.company_id,
                   log.user_id, log.at, log.user_id, log.at
              FROM pcve_case_access_log log
              JOIN (VALUES %(methods)s) AS methods(kind, method) ON methods.kind = log.kind
             ORDER BY log.at, log.id
            """,
            name=Case._description,
            model_id=model.id,
            model_name=model.name,
            model="pcve.case",
            log_type=rule.log_type or "full",
            group_id=(
                rule.pcve_reader_group_id or env.ref("pcve_casework.group_case_manager")
            ).id,
            methods=SQL(", ").join(SQL("(%s, %s)", k, m) for k, m in METHODS.items()),
        )
    )
    cr.execute(SQL("DROP TABLE pcve_case_access_log CASCADE"))
    # Its record rules are noupdate data, which the end of the upgrade leaves:
    # removed here with their xml ids, so that none points at nothing.
    env["ir.rule"].search([("model_id.model", "=", "pcve.case.access.log")]).unlink()
