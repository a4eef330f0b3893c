"""Upgrade in place from the layout where pcve_partners held the suite's base.

pcve_base (and pcve_audit) took over models and records that pcve_partners
created. On an existing database pcve_base is installed as a new dependency
during the upgrade; before its data load, the external ids of what moved are
handed over, so the records are updated in place: otherwise Odoo would create
them anew and delete pcve_partners' copies (and with them the groups, menus,
rules and data that point to them).
"""

import logging

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


def pre_init_hook(env):
    cr = env.cr
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
