"""Upgrade in place from the layout where pcve_partners held the suite's base.

pcve_base (and pcve_audit) took over models and records that pcve_partners
created. On an existing database pcve_base is installed as a new dependency
during the upgrade; before its data load, the external ids of what moved are
handed over, so the records are updated in place: otherwise Odoo would create
them anew and delete pcve_partners' copies (and with them the groups, menus,
rules and data that point to them).
"""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

_logger = logging.getLogger(__name__)

# the models whose reflection (model, fields, selections) moved, per module
MOVED_MODELS = {
    "pcve_base": [
        "pcve.input.mixin",
        "pcve.thread.mixin",
        "pcve.language.rule",
        "pcve.community",
    ],
}
# the fields an addon adds to another module's model
MOVED_FIELD_PREFIXES = {
    "pcve_audit": [
        "field_auditlog_log__pcve_",
        "field_auditlog_log_line__pcve_",
        "field_auditlog_log_line_view__pcve_",
        "field_auditlog_rule__pcve_",
    ],
}
MOVED_RECORDS = {
    "pcve_base": [
        "module_category_community_engagement",
        "menu_pcve_root",
        "action_pcve_home",
        "res_config_settings_action",
        "pcve_community_view_list",
        "pcve_community_view_kanban",
        "pcve_community_view_form",
        "pcve_community_view_search",
        "pcve_community_action",
        "pcve_community_rule_company",
        "pcve_language_rule_view_list",
        "pcve_language_rule_view_form",
        "pcve_language_rule_action",
        "language_rule_en_communities",
        "language_rule_nl_communities",
        "language_rule_de_communities",
        "access_pcve_language_rule_employee",
    ],
    "pcve_audit": [
        "auditlog_log_view_list_pcve",
        "auditlog_log_view_form_pcve",
        "auditlog_log_view_search_pcve",
        "auditlog_log_action_pcve",
        "auditlog_log_menu_pcve",
        "auditlog_log_rule_pcve_readers",
        "auditlog_log_line_rule_pcve_readers",
        "auditlog_log_line_view_rule_pcve_readers",
        "auditlog_log_rule_pcve_manager",
        "auditlog_log_line_rule_pcve_manager",
        "auditlog_log_rule_auditlog_user",
        "auditlog_log_line_rule_auditlog_user",
        "access_auditlog_log_pcve_manager",
        "access_auditlog_log_line_pcve_manager",
    ],
}
OLD_MODULE = "pcve_partners"
# models of moved noupdate records, whose rows survive the new module's install
KEPT_MODELS = ("pcve.language.rule", "ir.rule")


def _model_xmlid(model):
    return "model_" + model.replace(".", "_")


def _names(cr, module):
    """The external ids of OLD_MODULE that move to ``module``."""
    names = set(MOVED_RECORDS.get(module, []))
    patterns = list(MOVED_FIELD_PREFIXES.get(module, []))
    for model in MOVED_MODELS.get(module, []):
        table = model.replace(".", "_")
        names.add(_model_xmlid(model))
        patterns += [f"field_{table}__", f"selection__{table}__"]
    for pattern in patterns:
        cr.execute(
            "SELECT name FROM ir_model_data WHERE module = %s AND name LIKE %s",
            (OLD_MODULE, pattern.replace("_", r"\_") + "%"),
        )
        names.update(name for (name,) in cr.fetchall())
    return names


def _keep_table(table):
    return f"pcve_upgrade_keep_{table}"


def _keep_noupdate(cr, modules):
    """Copy the rows of the noupdate records of ``modules`` (data an administrator
    may have changed): the new module installs in init mode, which rewrites
    them; its post_init_hook puts the rows back (``restore_noupdate``)."""
    cr.execute(
        """SELECT model, array_agg(res_id) FROM ir_model_data
            WHERE module IN %s AND noupdate AND model IN %s GROUP BY model""",
        (modules, KEPT_MODELS),
    )
    for model, res_ids in cr.fetchall():
        table = model.replace(".", "_")
        cr.execute(
            SQL(
                "CREATE TABLE %s AS SELECT * FROM %s WHERE id = ANY(%s)",
                SQL.identifier(_keep_table(table)),
                SQL.identifier(table),
                res_ids,
            )
        )


def restore_noupdate(env, module):
    """Put back the rows ``_keep_noupdate`` copied for ``module``."""
    cr = env.cr
    for model in KEPT_MODELS:
        table = model.replace(".", "_")
        keep = _keep_table(table)
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            (keep,),
        )
        columns = [name for (name,) in cr.fetchall() if name != "id"]
        if not columns:
            continue
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE module = %s AND model = %s",
            (module, model),
        )
        ids = [res_id for (res_id,) in cr.fetchall()]
        cr.execute(
            SQL(
                "UPDATE %s t SET %s FROM %s k WHERE t.id = k.id AND t.id = ANY(%s)",
                SQL.identifier(table),
                SQL(", ").join(
                    SQL("%s = k.%s", SQL.identifier(c), SQL.identifier(c))
                    for c in columns
                ),
                SQL.identifier(keep),
                ids,
            )
        )
        cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s)", SQL.identifier(keep), ids))
        cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(keep)))
        if not cr.fetchone()[0]:
            cr.execute(SQL("DROP TABLE %s", SQL.identifier(keep)))
    env.invalidate_all()


def group_kind_from_is_majority(cr):
    """Communities get a kind of group: the majority ones 'majority', the
    others 'other'. Written before the ORM adds the column, so that the
    derived is_majority is not taken from an empty kind (an upgrade of
    pcve_base, or its install over pcve_partners' communities)."""
    if not column_exists(cr, "pcve_community", "is_majority") or column_exists(
        cr, "pcve_community", "group_kind"
    ):
        return
    create_column(cr, "pcve_community", "group_kind", "varchar")
    cr.execute(
        "UPDATE pcve_community"
        " SET group_kind = CASE WHEN is_majority THEN 'majority' ELSE 'other' END"
    )
    _logger.info("%s communities given their kind of group", cr.rowcount)


def pre_init_hook(env):
    cr = env.cr
    group_kind_from_is_majority(cr)
    for module in ("pcve_base", "pcve_audit"):
        names = _names(cr, module)
        if not names:
            continue
        cr.execute(
            """UPDATE ir_model_data old SET module = %s
                WHERE old.module = %s AND old.name IN %s
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data new
                                   WHERE new.module = %s AND new.name = old.name)""",
            (module, OLD_MODULE, tuple(names), module),
        )
        _logger.info(
            "%s external ids moved from %s to %s", cr.rowcount, OLD_MODULE, module
        )
    _keep_noupdate(cr, ("pcve_base", "pcve_audit"))
    # the menus' groups are set anew by their XML (a menuitem only adds groups):
    # the groups other addons added to them are replaced by the implied groups
    cr.execute(
        """DELETE FROM ir_ui_menu_group_rel WHERE menu_id IN (
               SELECT res_id FROM ir_model_data WHERE model = 'ir.ui.menu'
                  AND (module, name) IN (('pcve_base', 'menu_pcve_root'),
                                         ('pcve_audit', 'auditlog_log_menu_pcve')))"""
    )


def post_init_hook(env):
    restore_noupdate(env, "pcve_base")
