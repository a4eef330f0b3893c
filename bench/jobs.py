"""Issue #21: the suite's scheduled jobs with 0, 200 and 5 000 due records,
and the audit-log rows written per 1 000 case reads, on a benchmark database.

Each measurement makes exactly N records due with SQL in a transaction that
is rolled back afterwards (the database stays as generated), then runs the
job as its cron would, on a fresh cache; ``_commit_progress`` is replaced by
a no-op, so that the batches do not commit what is rolled back.
"""

import gc
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api

DUE_COUNTS = (0, 200, 5000)

# {key: (model, method, SQL that makes nothing due, SQL that makes %(n)s due)}
# The SQL runs with CURRENT_DATE as today (the jobs use the real date).
JOBS = {
    "cron_case_retention": (
        "pcve.case",
        "_cron_anonymise_expired",
        (
            "UPDATE pcve_case SET retention_until = CURRENT_DATE + 3650"
            " WHERE stage = 'closed' AND is_anonymised IS NOT TRUE"
            " AND retention_until <= CURRENT_DATE"
        ),
        (
            "UPDATE pcve_case SET stage = 'closed',"
            " closed_on = CURRENT_DATE - 6 * 365, retention_until = CURRENT_DATE - 1"
            " WHERE id IN (SELECT id FROM pcve_case WHERE stage != 'closed'"
            " AND is_anonymised IS NOT TRUE ORDER BY id LIMIT %(n)s)"
        ),
    ),
    "cron_case_member_end": (
        "pcve.case.member",
        "_cron_end_past_memberships",
        (
            "UPDATE pcve_case_member SET date_end = NULL"
            " WHERE active AND date_end < CURRENT_DATE"
        ),
        (
            "UPDATE pcve_case_member SET date_end = CURRENT_DATE - 1"
            " WHERE id IN (SELECT id FROM pcve_case_member WHERE active"
            " AND date_start < CURRENT_DATE - 1"
            # not the professional a faith volunteer is paired with
            " AND role NOT IN ('social_worker', 'psychologist')"
            " ORDER BY id LIMIT %(n)s)"
        ),
    ),
    "cron_case_member_start": (
        "pcve.case.member",
        "_cron_follow_started_memberships",
        (
            "UPDATE pcve_case_member SET date_start = CURRENT_DATE - 30"
            " WHERE active AND date_start > CURRENT_DATE - 7"
        ),
        (
            "UPDATE pcve_case_member SET date_start = CURRENT_DATE - 1 - (id %% 5)"
            " WHERE id IN (SELECT id FROM pcve_case_member WHERE active"
            " AND (date_end IS NULL OR date_end >= CURRENT_DATE)"
            " ORDER BY id LIMIT %(n)s)"
        ),
    ),
    "cron_plan_series_sessions": (
        "pcve.safespace.series",
        "_cron_plan_sessions",
        "UPDATE pcve_safespace_series SET sessions_planned_until = NULL",
        (
            "UPDATE pcve_safespace_series SET sessions_planned_until = now()"
            " WHERE id IN (SELECT id FROM pcve_safespace_series WHERE active"
            " ORDER BY id LIMIT %(n)s)"
        ),
    ),
    "cron_assessment_validity": (
        "pcve.partner.assessment",
        "_cron_validity",
        (
            "UPDATE pcve_partner_assessment SET valid_until = CURRENT_DATE + 3650"
            " WHERE state = 'decided' AND outcome = 'approved'"
            " AND valid_until < CURRENT_DATE + 3650;"
            " UPDATE res_partner SET pcve_level_valid_until = CURRENT_DATE + 3650"
            " WHERE pcve_level_valid_until IS NOT NULL"
        ),
        (
            "UPDATE pcve_partner_assessment SET valid_until = CURRENT_DATE + 10"
            " WHERE id IN (SELECT id FROM pcve_partner_assessment"
            " WHERE state = 'decided' AND outcome = 'approved' ORDER BY id"
            " LIMIT %(n)s)"
        ),
    ),
    # at most the initiatives of the data set (239 at national scale)
    "cron_initiative_follow_up": (
        "pcve.action.plan.initiative",
        "_cron_follow_up",
        (
            "UPDATE pcve_action_plan_initiative"
            " SET follow_up_activity_date = follow_up_date, follow_up_pending = FALSE"
            " WHERE follow_up_pending"
        ),
        (
            "UPDATE pcve_action_plan_initiative SET state = 'running',"
            " follow_up_date = CURRENT_DATE - 1, follow_up_activity_date = NULL,"
            " follow_up_pending = TRUE WHERE owner_user_id IS NOT NULL AND id IN"
            " (SELECT id FROM pcve_action_plan_initiative ORDER BY id LIMIT %(n)s)"
        ),
    ),
    # at most one review per company (20 at national scale)
    "cron_schedule_reviews": (
        "pcve.evaluation.review",
        "_cron_schedule_reviews",
        "UPDATE pcve_evaluation_review SET state = 'draft' WHERE state = 'done'",
        (
            "UPDATE pcve_evaluation_review SET state = 'done',"
            " date_from = CURRENT_DATE - 800, date_to = CURRENT_DATE - 400"
            " WHERE id IN (SELECT DISTINCT ON (company_id) id"
            " FROM pcve_evaluation_review ORDER BY company_id, id LIMIT %(n)s)"
        ),
    ),
    "cron_audit_retention": (
        "auditlog.log",
        "_cron_trim_pcve_logs",
        # the trail the jobs above would find: 50 000 recent case reads
        (
            "INSERT INTO auditlog_log (name, model_id, model_model, res_id, method,"
            " user_id, pcve_reader_group_id, pcve_company_id, create_date, log_type)"
            " SELECT 'Case', m.id, 'pcve.case', c.id, 'read', 1, g.res_id,"
            " c.company_id, now() - interval '1 day', 'fast'"
            " FROM pcve_case c, ir_model m, ir_model_data g"
            " WHERE m.model = 'pcve.case' AND g.module = 'pcve_casework'"
            " AND g.name = 'group_case_manager' AND c.id %% 2 = 0"
        ),
        (
            "UPDATE auditlog_log SET create_date = now() - interval '5 years'"
            " WHERE id IN (SELECT id FROM auditlog_log ORDER BY id LIMIT %(n)s)"
        ),
    ),
}


def _no_commit(self, processed=0, **kwargs):
    return float("inf")


def run_job(db, key, due):
    """{"queries", "ms", "due"}: one run of the job with ``due`` due records."""
    model, method, reset, make_due = JOBS[key]
    cr = db.cr
    cr.rollback()
    cr.execute(reset, {})
    made_due = 0
    if due:
        cr.execute(make_due, {"n": due})
        made_due = cr.rowcount
    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Europe/Brussels"})
    env.invalidate_all()
    env.transaction.reset()
    gc.collect()
    Cron = env.registry["ir.cron"]
    with patch.object(Cron, "_commit_progress", _no_commit):
        before = cr.sql_log_count
        begin = time.perf_counter()
        done = getattr(env[model], method)()
        env.flush_all()
        elapsed = time.perf_counter() - begin
        queries = cr.sql_log_count - before
    cr.rollback()
    return {
        "queries": queries,
        "ms": round(elapsed * 1000, 1),
        "done": done if type(done) is int else None,
        "made_due": made_due,
    }


def refresh_statistics(db):
    """{"queries", "ms"}: the hourly job that computes the evaluation
    statistics again. It has no due records: each run recomputes the four
    materialised views from their tables."""
    cr = db.cr
    cr.rollback()
    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Europe/Brussels"})
    env.invalidate_all()
    gc.collect()
    Cron = env.registry["ir.cron"]
    with patch.object(Cron, "_commit_progress", _no_commit):
        before = cr.sql_log_count
        begin = time.perf_counter()
        env["pcve.evaluation.stat.mixin"]._cron_pcve_refresh()
        elapsed = time.perf_counter() - begin
        queries = cr.sql_log_count - before
    cr.rollback()
    return {"queries": queries, "ms": round(elapsed * 1000, 1)}


def measure_jobs(db, counts=DUE_COUNTS, log=print):
    """{cron_<job>: {"0": {...}, "200": {...}, "5000": {...}}}, and
    ``cron_statistics_refresh``: {"every": {...}}"""
    results = {}
    for key in JOBS:
        results[key] = {}
        for due in counts:
            log(f"{key}: {due} due")
            run_job(db, key, 0)  # warm-up: the registry's caches
            results[key][str(due)] = run_job(db, key, due)
    log("cron_statistics_refresh: the four statistics computed again")
    results["cron_statistics_refresh"] = {"every": refresh_statistics(db)}
    return results


def log_rows_per_1000_case_reads(db, login="bench_manager", page=80):
    """Rows the audit trail gains while a user reads 1 000 cases: as an API
    client or a list reads them (search_read, ``page`` per call), and as
    single-case reads (read of one id per call, one call per request)."""
    cr = db.cr
    company = db.marker["companies"][0]
    env = db.env(login, company_id=company)
    cr.rollback()
    cr.execute(
        "SELECT id FROM pcve_case WHERE company_id = %s ORDER BY id LIMIT 1000",
        (company,),
    )
    ids = [row[0] for row in cr.fetchall()]
    result = {}

    def rows():
        cr.execute("SELECT count(*) FROM auditlog_log")
        return cr.fetchone()[0]

    start = rows()
    Case = env["pcve.case"]
    for offset in range(0, len(ids), page):
        Case.search_read([("id", "in", ids[offset : offset + page])], ["name"])
        env.flush_all()
    result["paged_reads"] = {
        "cases_read": len(ids),
        "calls": -(-len(ids) // page),
        "rows": rows() - start,
    }
    cr.rollback()
    start = rows()
    for case_id in ids:
        Case.browse(case_id).read(["name"])
    env.flush_all()
    result["single_case_reads"] = {
        "cases_read": len(ids),
        "calls": len(ids),
        "rows": rows() - start,
    }
    cr.rollback()
    result["rows_per_1000"] = round(
        result["paged_reads"]["rows"] * 1000 / result["paged_reads"]["cases_read"], 1
    )
    return result


def session_form_rows(db, login="bench_organiser"):
    """Rows one opening of a session form writes (its fields as the form
    view declares them, the invitations' list included)."""
    import measure

    cr = db.cr
    cr.rollback()
    if login not in db.users:
        return None
    env = db.env(login)
    Session = env["pcve.safespace.session"]
    spec = measure.view_spec(Session, "form")
    # the invitations' list of the form, as the web client asks for it
    spec["invitation_ids"] = {
        "fields": {"partner_id": {"fields": {"display_name": {}}}, "state": {}}
    }
    cr.execute(
        "SELECT s.id FROM pcve_safespace_session s"
        " JOIN pcve_safespace_invitation i ON i.session_id = s.id"
        " WHERE s.organiser_id = %s GROUP BY s.id ORDER BY count(*) DESC LIMIT 1",
        (db.users[login],),
    )
    found = cr.fetchone()
    if not found:
        return None
    session_id = found[0]
    cr.execute("SELECT count(*) FROM auditlog_log")
    start = cr.fetchone()[0]
    Session.browse(session_id).web_read(spec)
    env.flush_all()
    cr.execute("SELECT count(*) FROM auditlog_log")
    written = cr.fetchone()[0] - start
    cr.execute(
        "SELECT count(*) FROM pcve_safespace_invitation WHERE session_id = %s",
        (session_id,),
    )
    invitations = cr.fetchone()[0]
    cr.rollback()
    return {"rows": written, "invitations": invitations}
