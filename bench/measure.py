"""In-process measurements on a benchmark database: SQL query counts (Odoo's
cursor counter, as ``assertQueryCount`` reads it) and wall times.

Every measured call runs like a fresh request: a new environment on an empty
record cache, rolled back afterwards, after one warm-up call that fills the
registry caches (rules, groups, views) as a running server would have them.
"""

import datetime
import gc
import io
import statistics
import time

import pytz
import xlsxwriter
from lxml import etree

from odoo import SUPERUSER_ID, api, fields
from odoo.http import _request_stack
from odoo.tools import SQL

from odoo.addons.web.controllers.export import ExcelExport

WORKBOOK = "pcve_evaluation.evaluation_workbook"
TZ = "Europe/Brussels"
LIST_LIMIT = 80
COUNT_LIMIT = 10001  # the web client's DEFAULT_COUNT_LIMIT + 1
# Fields the activity widgets of the mail addon add to a view's specification.
ACTIVITY_FIELDS = {
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}
WIDGET_DEPENDENCIES = {
    "kanban_activity": ACTIVITY_FIELDS,
    "list_activity": ACTIVITY_FIELDS,
}
CONCERN_COLUMNS = [
    "name",
    "topic",
    "community_id",
    "raised_on",
    "responded_on",
    "state",
    "reported_back",
    "response",
]


class Database:
    """One benchmark database: its registry, a cursor and the bench users."""

    def __init__(self, registry, marker):
        self.registry = registry
        self.marker = marker
        self.cr = registry.cursor()
        self.users = marker["bench_users"]
        self.anchor = datetime.date.fromisoformat(marker["anchor"])

    def env(self, login=None, company_id=None):
        uid = self.users[login] if login else SUPERUSER_ID
        context = {"lang": "en_US", "tz": TZ}
        if company_id:
            context["allowed_company_ids"] = [company_id]
        return api.Environment(self.cr, uid, context)

    def close(self):
        self.cr.rollback()
        self.cr.close()


def run_once(db, call):
    """Queries and seconds of one call on a fresh cache, rolled back."""
    db.cr.rollback()
    env = db.env()
    env.invalidate_all()
    env.transaction.reset()
    gc.collect()  # the garbage of the previous call is not this one's cost
    before = db.cr.sql_log_count
    begin = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - begin
    queries = db.cr.sql_log_count - before
    db.cr.rollback()
    return queries, elapsed, result


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 2)


def view_spec(model, view_type):
    """The web client's specification for a view: its fields as the arch
    (filtered by the user's groups) lists them, many2one as display names,
    the fields widgets depend on, and the grouping field of a kanban."""
    views = model.get_views([(False, view_type)])["views"]
    root = etree.fromstring(views[view_type]["arch"])
    spec = {}
    for node in root.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        field = model._fields[name]
        spec.setdefault(
            name,
            {"fields": {"display_name": {}}} if field.type == "many2one" else {},
        )
        for dependency, sub_spec in WIDGET_DEPENDENCIES.get(
            node.get("widget"), {}
        ).items():
            spec.setdefault(dependency, sub_spec)
    for attribute in ("default_group_by", "highlight_color"):
        if root.get(attribute):
            spec.setdefault(root.get(attribute), {})
    return spec


def case_list_call(db, login, domain):
    """A case list as the web client loads it: web_search_read of the first
    80 records with the kanban and list views' fields."""
    env = db.env(login, company_id=db.marker["companies"][0])
    Case = env["pcve.case"]
    spec = view_spec(Case, "kanban")
    for name, sub_spec in view_spec(Case, "list").items():
        spec.setdefault(name, sub_spec)

    def call():
        records = env(context=dict(env.context))["pcve.case"]
        return records.web_search_read(
            domain, spec, offset=0, limit=LIST_LIMIT, order="", count_limit=COUNT_LIMIT
        )

    return call, spec


def grouped_kanban_call(db, login, domain):
    """The "My cases" kanban as it opens: grouped by stage, groups unfolded
    (web_read_group with the kanban's fields)."""
    env = db.env(login, company_id=db.marker["companies"][0])
    Case = env["pcve.case"]
    spec = view_spec(Case, "kanban")

    def call():
        records = env(context=dict(env.context))["pcve.case"]
        return records.web_read_group(
            domain, ["stage"], auto_unfold=True, unfold_read_specification=spec
        )

    return call


def my_cases_domain(db):
    uid = db.users["bench_worker"]
    return ["|", ("lead_user_id", "=", uid), ("member_ids.user_id", "=", uid)]


def month_range(anchor):
    """The calendar's month: six weeks from the Monday before the 1st, in
    the user's time zone, as UTC datetimes (calendar_model.js computeRange)."""
    first = anchor.replace(day=1)
    start = first - datetime.timedelta(days=first.weekday())
    end = start + datetime.timedelta(weeks=6)
    zone = pytz.timezone(TZ)

    def utc(day):
        local = zone.localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return utc(start), utc(end) - datetime.timedelta(seconds=1)


def calendar_call(db):
    """An organiser's month in the session calendar: the search_read of the
    calendar view (its fields and date mapping) for the six weeks shown."""
    env = db.env("bench_organiser", company_id=db.marker["companies"][0])
    Session = env["pcve.safespace.session"]
    arch = etree.fromstring(
        Session.get_views([(False, "calendar")])["views"]["calendar"]["arch"]
    )
    names = ["display_name"]
    for attribute in ("date_start", "date_stop", "color"):
        if arch.get(attribute):
            names.append(arch.get(attribute))
    names += [node.get("name") for node in arch.iter("field")]
    names = list(dict.fromkeys(names))
    start, end = month_range(db.anchor)
    domain = [
        ("start", "<=", fields.Datetime.to_string(end)),
        ("stop", ">=", fields.Datetime.to_string(start)),
    ]

    def call():
        return env(context=dict(env.context))["pcve.safespace.session"].search_read(
            domain, names
        )

    return call, names


def workbook_call(db, which="own"):
    review_id = db.marker["reviews"][which]
    review = db.env()["pcve.evaluation.review"].browse(review_id)
    company_id = review.company_id.id
    env = db.env("bench_evaluator", company_id=company_id)

    def call():
        report = env(context=dict(env.context))["ir.actions.report"]
        content, _type = report._render(WORKBOOK, [review_id])
        return content

    return call


def workbook_national_call(db):
    """A national coordinator's workbooks: the review of every municipality,
    one after the other, by the evaluator of all companies. A review belongs
    to one company, so this is the national scope the workbook has."""
    env = db.env("bench_evaluator", company_id=None)
    companies = db.marker["companies"]
    env = env(context=dict(env.context, allowed_company_ids=companies))
    Review = db.env()["pcve.evaluation.review"]
    first = {}
    for review in Review.search([("company_id", "in", companies)], order="id desc"):
        first[review.company_id.id] = review.id
    review_ids = [first[company] for company in companies if company in first]

    def call():
        report = env["ir.actions.report"]
        return [report._render(WORKBOOK, [review_id])[0] for review_id in review_ids]

    return call, len(review_ids)


def concern_scope(db, which):
    env = db.env()
    review = env["pcve.evaluation.review"].browse(db.marker["reviews"][which])
    return review.company_id.id, review.date_from, review.date_to


class _FakeRequest:
    """What Odoo's xlsx export writer reads from the request: its env."""

    def __init__(self, env):
        self.env = env


def native_export_call(db, which="own"):
    """The web client's Export button (xlsx) for the concern rows of the
    review's period and the workbook's columns: search, export_data and the
    web addon's xlsx writer (ExcelExport.from_data)."""
    company_id, date_from, date_to = concern_scope(db, which)
    env = db.env("bench_evaluator", company_id=company_id)
    Concern = env["pcve.concern"]
    export_fields = [
        {
            "name": name,
            "label": Concern._fields[name].string,
            "type": Concern._fields[name].type,
        }
        for name in CONCERN_COLUMNS
    ]
    domain = [
        ("raised_on", ">=", date_from),
        ("raised_on", "<=", date_to),
        ("company_id", "in", [company_id, False]),
    ]

    def call():
        call_env = env(context=dict(env.context, import_compat=False))
        _request_stack.push(_FakeRequest(call_env))
        try:
            records = call_env["pcve.concern"].search(domain)
            rows = records.export_data(CONCERN_COLUMNS).get("datas", [])
            content = ExcelExport().from_data(
                export_fields, [f["label"] for f in export_fields], rows
            )
        finally:
            _request_stack.pop()
        return len(rows), content

    return call


def concern_sheet_call(db, which="own"):
    """The workbook's concerns sheet alone: its figures and rows, written by
    the report's own code with its writer options."""
    # the addons path is known once a registry is loaded
    from odoo.addons.pcve_evaluation.report.workbook_figures import (
        WorkbookFigures,
    )
    from odoo.addons.pcve_evaluation.report.workbook_sheets import (
        SHEET_WIDTHS,
        WorkbookSheets,
    )
    from odoo.addons.pcve_evaluation.report.workbook_tools import (
        SheetWriter,
    )

    company_id, _date_from, _date_to = concern_scope(db, which)
    env = db.env("bench_evaluator", company_id=company_id)
    review_id = db.marker["reviews"][which]

    def call():
        call_env = env(context=dict(env.context))
        report = call_env["report.pcve_evaluation.evaluation_workbook"]
        review = call_env["pcve.evaluation.review"].browse(review_id)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, report.get_workbook_options())
        sheets = WorkbookSheets(call_env, workbook, WorkbookFigures(call_env, review))
        sheet = SheetWriter(
            workbook, sheets.formats, "Concerns", SHEET_WIDTHS["Concerns"]
        )
        sheets.write_concerns(sheet)
        workbook.close()
        return output.getvalue()

    return call


def concern_floor_call(db, which="own"):
    """The bare floor: one SQL query for the same rows and columns and
    xlsxwriter with the workbook's options, row by row."""
    company_id, date_from, date_to = concern_scope(db, which)
    options = db.env()[
        "report.pcve_evaluation.evaluation_workbook"
    ].get_workbook_options()
    cr = db.cr
    query = SQL(
        """
        SELECT concern.name, concern.topic, community.name->>'en_US',
               concern.raised_on, concern.responded_on, concern.state,
               concern.reported_back, concern.response
          FROM pcve_concern concern
          LEFT JOIN pcve_community community ON community.id = concern.community_id
         WHERE concern.raised_on BETWEEN %s AND %s
           AND (concern.company_id = %s OR concern.company_id IS NULL)
         ORDER BY concern.raised_on, concern.id
        """,
        date_from,
        date_to,
        company_id,
    )

    def call():
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, options)
        sheet = workbook.add_worksheet("Concerns")
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, CONCERN_COLUMNS)
        cr.execute(query)
        for row_index, row in enumerate(cr.fetchall(), start=1):
            sheet.write_row(row_index, 0, row[:3])
            sheet.write_datetime(row_index, 3, row[3], date_format)
            if row[4]:
                sheet.write_datetime(row_index, 4, row[4], date_format)
            sheet.write_row(
                row_index, 5, (row[5], "yes" if row[6] else "no", row[7] or "")
            )
        workbook.close()
        return output.getvalue()

    return call


def explain_case_rule(db):
    """EXPLAIN ANALYZE of the case-visibility rule's query as a case worker:
    the first page of the cases he may see."""
    env = db.env("bench_worker", company_id=db.marker["companies"][0])
    Case = env["pcve.case"]
    query = Case._search([], limit=LIST_LIMIT, order=Case._order)
    sql = query.select()
    db.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s", sql))
    plan = [row[0] for row in db.cr.fetchall()]
    db.cr.rollback()
    return {"query": sql.code % tuple(repr(p) for p in sql.params), "plan": plan}
