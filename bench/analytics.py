"""Issue #21: the pivots the suite's views declare, opened across every
municipality, and partner search, as calls to time at both scales.

A pivot opens with the read_group calls of the web client: the total, the
rows, the columns and the cells (``formatted_read_group`` with the view's
measures), as a user of the model's manager group with every company of the
data set allowed, with the domain of the action that opens the view and its
default period (the date filters its context selects: the current year).
"""

import datetime

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.safe_eval import safe_eval

# Who opens each model's pivot: the bench user of its manager role, else
# the administrator (uid 2, every group, every company).
OPENER = {
    "pcve.case": "bench_manager",
    "pcve.evaluation.case.stat": "bench_evaluator",
    "pcve.evaluation.concern.stat": "bench_evaluator",
    "pcve.evaluation.partner.stat": "bench_evaluator",
    "pcve.evaluation.session.stat": "bench_evaluator",
}
ADMIN_UID = 2


def opening_domain(env, model):
    """The domain a pivot of ``model`` opens with: its first action's domain
    and the date filters of the search view that the action's context selects
    by default (``default_period="year"``: the current year)."""
    action = env["ir.actions.act_window"].search(
        [("res_model", "=", model), ("view_mode", "like", "pivot")], limit=1, order="id"
    )
    if not action:
        return []
    domain = safe_eval(action.domain or "[]", {"uid": env.uid})
    context = safe_eval(action.context or "{}", {"uid": env.uid, "active_id": False})
    search = etree.fromstring(
        env[model].get_views([(False, "search")])["views"]["search"]["arch"]
    )
    today = datetime.date.today()
    for node in search.iter("filter"):
        name, field = node.get("name"), node.get("date")
        if (
            field
            and context.get(f"search_default_{name}")
            and node.get("default_period") == "year"
        ):
            domain += [
                (field, ">=", today.replace(month=1, day=1).isoformat()),
                (field, "<=", today.replace(month=12, day=31).isoformat()),
            ]
    return domain


def pivot_views(db):
    """{name: (model, rows, cols, measures, domain)} of the pivot views of the
    suite."""
    env = api.Environment(db.cr, SUPERUSER_ID, {})
    views = env["ir.ui.view"].search(
        [("type", "=", "pivot"), ("model", "=like", "%"), ("inherit_id", "=", False)]
    )
    found = {}
    for view in views:
        xmlid = view.get_external_id().get(view.id, "")
        if not xmlid.split(".")[0].startswith("pcve_"):
            continue
        arch = etree.fromstring(
            env[view.model].get_views([(view.id, "pivot")])["views"]["pivot"]["arch"]
        )
        rows, cols, measures = [], [], []
        for node in arch.iter("field"):
            name = node.get("name")
            if node.get("interval"):
                name = f"{name}:{node.get('interval')}"
            kind = node.get("type")
            if kind == "row":
                rows.append(name)
            elif kind == "col":
                cols.append(name)
            elif kind == "measure":
                measures.append(f"{node.get('name')}:sum")
        key = xmlid.split(".")[1].replace("_view_pivot", "").replace("_pivot", "")
        found[key] = (
            view.model,
            rows,
            cols,
            measures or ["__count"],
            opening_domain(env, view.model),
        )
    return found


def pivot_call(db, model, rows, cols, measures, domain):
    login = OPENER.get(model)
    uid = db.users.get(login, ADMIN_UID)
    env = api.Environment(db.cr, uid, {"lang": "en_US", "tz": "Europe/Brussels"})
    companies = env.user.company_ids.ids
    env = env(context=dict(env.context, allowed_company_ids=companies))
    Model = env[model]

    def call():
        results = []
        for groupby in ([], rows[:1], cols[:1], rows[:1] + cols[:1]):
            results.append(
                Model.formatted_read_group(domain, groupby, measures or ["__count"])
            )
        return results

    return call


def partner_search_call(db, term="an"):
    """Partner search as the many2one field and the search view do it."""
    env = api.Environment(db.cr, ADMIN_UID, {"lang": "en_US"})
    companies = env.user.company_ids.ids
    env = env(context=dict(env.context, allowed_company_ids=companies))

    def call():
        return env["res.partner"].name_search(term, limit=8)

    return call
