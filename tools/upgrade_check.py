"""Upgrade test helper (tools/upgrade_test.sh): seed, snapshot and compare.

Two steps run inside `bash tools/odoo.sh shell` (stdin is this file, the step
is in PCVE_UPGRADE_STEP, the snapshot goes to the file PCVE_UPGRADE_OUT): `seed`
adds what an upgrade could lose (audit entries, a Dutch translation, non-default
settings, a user in the suite's groups) and writes the snapshot; `snapshot` only
writes it. `compare` runs with plain Python:
    python tools/upgrade_check.py compare BEFORE.json AFTER.json
and prints every loss, exiting 1 if there is one.

The snapshot holds every row of the suite's tables (pcve.* models, their
many2many tables, the pcve_* columns of core tables, the audit trail and rules),
the groups with their xml ids and members, the suite's xml ids, the settings and
the orphans (metadata pointing at nothing). The comparison is made on the old
keys: what the new layout adds is allowed when it is module data (it has an xml
id) or explained below; whatever the old database held must still be there,
unchanged, unless explained below.
"""

import json
import os
import sys

# Settings moved from ir.config_parameter to a res.company field: key -> field.
# After the upgrade every company must hold the old value in that field.
# Example: "pcve_casework.retention_years": "pcve_case_retention_years".
SETTINGS_MOVED = {
    # #14: the settings that differ between municipalities are per company.
    "pcve_partners.assessment_validity_years": "pcve_assessment_validity_years",
    "pcve_partners.reassessment_notice_days": "pcve_reassessment_notice_days",
    "pcve_partners.active_charter_id": "pcve_active_charter_id",
    "pcve_casework.retention_years": "pcve_case_retention_years",
    "pcve_evaluation.disclosure_threshold": "pcve_disclosure_threshold",
    "pcve_safespaces.invitation_notice_days": "pcve_invitation_notice_days",
    "pcve_safespaces.show_confidential_busy": "pcve_show_confidential_busy",
}

# Tables whose model the new layout removes on purpose: table -> (why, SQL that
# counts after the upgrade the rows that took over; it must equal the old count).
# The migration drops the table once its rows have moved: a table left behind
# is an orphan.
TABLES_RETIRED = {
    # #14: one read log for the whole suite: case openings and reads are in
    # the audit trail (pcve_casework's migration 19.0.2.1.0).
    "pcve_case_access_log": (
        "case openings and reads moved into the audit trail",
        (
            "SELECT count(*) FROM auditlog_log WHERE model_model = 'pcve.case'"
            " AND method IN ('open', 'read', 'subject_export', 'erasure')"
        ),
    ),
}

# Rows of a retired table, value by value, where they arrived: table ->
# (its old columns, SQL that gives the same columns after the upgrade).
ROWS_MOVED = {
    "pcve_case_access_log": (
        ("case_id", "user_id", "at", "kind"),
        (
            "SELECT res_id, user_id, create_date, CASE method WHEN 'subject_export'"
            " THEN 'export' ELSE method END FROM auditlog_log"
            " WHERE model_model = 'pcve.case'"
            " AND method IN ('open', 'read', 'subject_export', 'erasure')"
        ),
    ),
}

# Tables where the upgrade may add rows without an xml id: table -> why.
ADDITIONS_EXPLAINED = {
    "auditlog_log": "the case access log's rows, moved into the audit trail",
}

# Columns the new layout drops or recomputes on purpose: "table.column" -> why.
COLUMNS_EXPLAINED = {}


def _capped_by_red_flag(rec_id, new_value, after):
    """The partner now has an open red observation, which caps its level."""
    rows = after["tables"].get("pcve_partner_observation", {}).get("rows", {})
    return new_value == "dialogue" and any(
        str(row.get("partner_id")) == rec_id
        and row.get("severity") == "red"
        and row.get("state") == "open"
        for row in rows.values()
    )


def _ended_by_closure(rec_id, _new_value, after):
    """The membership is on a closed case and ended (pcve_casework 19.0.2.3.0)."""
    tables = after["tables"]
    member = tables["pcve_case_member"]["rows"].get(rec_id, {})
    case = tables["pcve_case"]["rows"].get(str(member.get("case_id")), {})
    return case.get("stage") == "closed" and member.get("active") is False


# Values the new layout changes on purpose, one by one: "table.column" ->
# (why, test(rec_id, new value, after snapshot)); any other change is a loss.
VALUES_EXPLAINED = {
    "res_partner:pcve.pcve_collaboration_level": (
        "an open red observation caps the level at dialogue (#17)",
        _capped_by_red_flag,
    ),
    "pcve_case_member.active": (
        "the team of a case closed before 19.0.2.2.0 ends with it (#16)",
        _ended_by_closure,
    ),
    "pcve_case_member.date_end": (
        "the team of a case closed before 19.0.2.2.0 ends with it (#16)",
        _ended_by_closure,
    ),
}

SETTINGS = {
    "pcve_partners.assessment_validity_years": "3",
    "pcve_partners.reassessment_notice_days": "45",
    "pcve_casework.retention_years": "7",
    "pcve_evaluation.disclosure_threshold": "8",
    "pcve_safespaces.invitation_notice_days": "10",
    "pcve_safespaces.concern_response_days": "21",
    "pcve_safespaces.show_confidential_busy": "True",
}
CHARTER_PARAM = "pcve_partners.active_charter_id"
PUBLIC_GROUP_PREFIXES = (
    "pcve_partners.group_pcve_",
    "pcve_casework.group_case_",
    "pcve_safespaces.group_safespace_",
    "pcve_evaluation.group_evaluation_manager",
)
# Metadata the new layout may drop or recreate (views, menus, actions, rights):
# the layout owns it. Every other xml id names data that must survive.
LAYOUT_MODELS = {
    "ir.ui.view",
    "ir.ui.menu",
    "ir.actions.act_window",
    "ir.actions.server",
    "ir.actions.client",
    "ir.actions.report",
    "ir.actions.act_url",
    "ir.actions.act_window.view",
    "ir.model.access",
    "ir.rule",
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.relation",
    "ir.model.inherit",
    "ir.asset",
    "ir.cron",
    "res.groups.privilege",
    "ir.module.category",
    "mail.template",
    "mail.message.subtype",
    "mail.activity.type",
    "ir.filters",
    "ir.sequence",
    "report.paperformat",
    "ir.default",
}
CORE_TABLES = {
    "auditlog_rule": "auditlog.rule",
    "auditlog_log": "auditlog.log",
    "auditlog_log_line": "auditlog.log.line",
}
IGNORED_COLUMNS = {"write_date", "write_uid"}
MAX_ROWS = 5000
TRANSLATED_MARK = "UPGRADE-NL"


# --- inside odoo shell -------------------------------------------------------


def seed(env):
    """Data that an upgrade could lose, on top of the demo data."""
    env["res.lang"]._activate_lang("nl_NL")
    suite = env["ir.module.module"].search(
        [("name", "=like", "pcve\\_%"), ("state", "=", "installed")]
    )
    suite._update_translations(["nl_NL"])
    nl = env.context | {"lang": "nl_NL"}
    community = env["pcve.community"].create({"name": "Upgrade probe community"})
    community.with_context(nl).name = f"{TRANSLATED_MARK} gemeenschap"
    criterion = env["pcve.assessment.criterion"].search([], order="id", limit=1)
    criterion.with_context(nl).name = f"{TRANSLATED_MARK} criterium"
    param = env["ir.config_parameter"].sudo()
    for key, value in SETTINGS.items():
        param.set_param(key, value)
    charter = env["pcve.charter"].search([], order="id desc", limit=1)
    param.set_param(CHARTER_PARAM, str(charter.id))
    admin = env.ref("base.user_admin")
    roles = ("pcve_casework.group_case_worker", "pcve_partners.group_pcve_assessor")
    env["res.users"].create(
        {
            "name": "Upgrade probe",
            "login": "upgrade_probe",
            "group_ids": [(6, 0, [env.ref(role).id for role in roles])],
        }
    )
    # Audited models: a write and a read as the administrator add log entries.
    case = env["pcve.case"].with_user(admin).search([], order="id", limit=1)
    case.team_summary = "Upgrade probe: written before the upgrade"
    case.read(["name", "team_summary"])
    assessment = (
        env["pcve.partner.assessment"].with_user(admin).search([], order="id", limit=1)
    )
    assessment.read(["name"])
    # A case closed as before 19.0.2.2.0, its team kept: the upgrade ends it.
    env.flush_all()
    env.cr.execute(
        "UPDATE pcve_case SET stage = 'closed', closed_on = current_date - 10"
        " WHERE id = (SELECT min(case_id) FROM pcve_case_member m"
        " JOIN pcve_case c ON c.id = m.case_id WHERE m.active AND c.stage != 'closed')"
    )
    env.invalidate_all()
    if "pcve.case.access.log" in env:
        # The case access log that the upgrade retires (its rows move into the
        # audit trail): openings, reads and a subject-access export, by several
        # users, besides the administrator's read above.
        for login, kind in (
            ("caseworker", "open"),
            ("volunteer", "open"),
            ("casemanager", "read"),
        ):
            user = env["res.users"].search([("login", "=", login)])
            cases = env["pcve.case"].with_user(user).search([], order="id", limit=2)
            env["pcve.case.access.log"].with_user(user)._log(cases, kind)
        case.action_export_subject()
    env.flush_all()


def _rows(cr, table, model=None, key_columns=None):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s",
        [table],
    )
    columns = sorted(c for (c,) in cr.fetchall() if c not in IGNORED_COLUMNS)
    cr.execute(f'SELECT count(*) FROM "{table}"')
    count = cr.fetchone()[0]
    if "id" in columns:
        select = ", ".join(f'"{c}"' for c in columns)
        cr.execute(f'SELECT {select} FROM "{table}" ORDER BY id LIMIT %s', [MAX_ROWS])
        rows = {
            str(r[columns.index("id")]): dict(zip(columns, r, strict=True))
            for r in cr.fetchall()
        }
    else:
        select = ", ".join(f'"{c}"' for c in key_columns or columns)
        cr.execute(f'SELECT {select} FROM "{table}" ORDER BY 1, 2 LIMIT %s', [MAX_ROWS])
        rows = {"|".join(map(str, r)): {} for r in cr.fetchall()}
    return {
        "count": count,
        "columns": columns,
        "rows": rows,
        "complete": count <= MAX_ROWS,
        "model": model,
    }


def snapshot(env):
    cr = env.cr
    snap = {"tables": {}, "views": {}, "models": {}}
    cr.execute(
        "SELECT relname, relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND relkind IN ('r', 'v', 'm')"
    )
    relkind = dict(cr.fetchall())
    _snapshot_tables(env, relkind, snap)
    _snapshot_xmlids(cr, snap)
    snap["groups"] = _snapshot_groups(cr)
    _snapshot_settings(env, snap)
    cr.execute(
        "SELECT name, state FROM ir_module_module WHERE name LIKE 'pcve\\_%%' OR name = 'auditlog'"
    )
    snap["modules"] = dict(cr.fetchall())
    snap["orphans"] = orphans(env, relkind)
    snap["retired"] = {}
    for table, (_why, sql) in TABLES_RETIRED.items():
        cr.execute(sql)
        snap["retired"][table] = cr.fetchone()[0]
    snap["moved"] = {}
    for table, (_columns, sql) in ROWS_MOVED.items():
        cr.execute(sql)
        snap["moved"][table] = [list(row) for row in cr.fetchall()]
    return snap


def _snapshot_tables(env, relkind, snap):
    """Every row of the suite's tables and of the pcve_* columns of core tables."""
    cr = env.cr
    m2m = set()
    for name, model in env.registry.items():
        for field in model._fields.values():
            if (
                field.type == "many2many"
                and field.store
                and field.relation
                and not (model._transient or env[field.comodel_name]._transient)
                and (name.startswith("pcve.") or field.comodel_name.startswith("pcve."))
            ):
                m2m.add(field.relation)
        if not name.startswith("pcve.") or model._transient or model._abstract:
            continue
        snap["models"][name] = model._table
        kind = relkind.get(model._table)
        if kind == "r":
            snap["tables"][model._table] = _rows(cr, model._table, name)
        elif kind:
            cr.execute(f'SELECT count(*) FROM "{model._table}"')
            snap["views"][model._table] = cr.fetchone()[0]
    for table in sorted(m2m):
        if relkind.get(table) == "r":
            snap["tables"][table] = _rows(cr, table)
    for table, model in CORE_TABLES.items():
        snap["tables"][table] = _rows(cr, table, model)
    # pcve_* columns that the suite adds to core tables (res_partner, res_users, ...).
    cr.execute(
        "SELECT table_name, array_agg(column_name::text ORDER BY column_name)"
        " FROM information_schema.columns WHERE table_schema = 'public'"
        " AND column_name LIKE 'pcve\\_%%' AND table_name NOT LIKE 'pcve\\_%%'"
        " GROUP BY table_name"
    )
    models = {m._table: n for n, m in env.registry.items() if not m._abstract}
    transient = {m._table for m in env.registry.values() if m._transient}
    for table, columns in cr.fetchall():
        if relkind.get(table) != "r" or table in snap["tables"] or table in transient:
            continue
        select = ", ".join(f'"{c}"' for c in columns)
        cr.execute(f'SELECT id, {select} FROM "{table}" ORDER BY id')
        snap["tables"][f"{table}:pcve"] = {
            "count": cr.rowcount,
            "columns": ["id", *columns],
            "complete": True,
            "model": models.get(table),
            "rows": {
                str(r[0]): dict(zip(["id", *columns], r, strict=True))
                for r in cr.fetchall()
            },
        }


def _snapshot_xmlids(cr, snap):
    cr.execute(
        "SELECT module || '.' || name, model, res_id, COALESCE(noupdate, false)"
        " FROM ir_model_data WHERE module LIKE 'pcve\\_%%'"
    )
    snap["xmlids"] = {x: [m, r, n] for x, m, r, n in cr.fetchall()}
    # Records of the snapshot's tables (or of the suite) that have xml ids, and
    # those that are module data the upgrade rewrites (not noupdate).
    models = sorted({t["model"] for t in snap["tables"].values() if t["model"]})
    cr.execute(
        "SELECT model, res_id, module || '.' || name, COALESCE(noupdate, false)"
        " FROM ir_model_data WHERE model = ANY(%s) OR module LIKE 'pcve\\_%%'",
        [models],
    )
    by_record, module_data = {}, set()
    for model, res_id, xmlid, noupdate in cr.fetchall():
        by_record.setdefault(f"{model},{res_id}", []).append(xmlid)
        if not noupdate:
            module_data.add(f"{model},{res_id}")
    snap["records_with_xmlid"] = by_record
    snap["module_data"] = sorted(module_data)


def _snapshot_groups(cr):
    """The suite's groups: direct members and members through implied groups."""
    groups = {}
    cr.execute(
        "SELECT d.module || '.' || d.name, g.id, g.name->>'en_US' FROM ir_model_data d"
        " JOIN res_groups g ON g.id = d.res_id AND d.model = 'res.groups'"
        " WHERE d.module LIKE 'pcve\\_%%'"
    )
    for xmlid, gid, name in cr.fetchall():
        groups[xmlid] = {"id": gid, "name": name}
    for info in groups.values():
        cr.execute(
            "SELECT array_agg(u.login ORDER BY u.login) FROM res_groups_users_rel r"
            " JOIN res_users u ON u.id = r.uid WHERE r.gid = %s",
            [info["id"]],
        )
        info["direct"] = cr.fetchone()[0] or []
        cr.execute(
            """
            WITH RECURSIVE implying(gid) AS (
                SELECT %s UNION SELECT r.gid FROM res_groups_implied_rel r JOIN implying i ON r.hid = i.gid)
            SELECT array_agg(DISTINCT u.login) FROM res_groups_users_rel r
              JOIN implying i ON i.gid = r.gid JOIN res_users u ON u.id = r.uid""",
            [info["id"]],
        )
        info["effective"] = sorted(cr.fetchone()[0] or [])
    return groups


def _snapshot_settings(env, snap):
    cr = env.cr
    cr.execute(
        "SELECT id, key, value FROM ir_config_parameter WHERE key LIKE 'pcve\\_%%'"
    )
    rows = cr.fetchall()
    snap["settings"] = {key: value for _id, key, value in rows}
    snap["setting_ids"] = {str(param_id): key for param_id, key, _value in rows}
    company_fields = sorted(
        {f for f in SETTINGS_MOVED.values() if f in env["res.company"]._fields}
    )
    snap["company_settings"] = {
        str(c.id): {
            f: (c[f].id if hasattr(c[f], "_name") else c[f]) for f in company_fields
        }
        for c in env["res.company"].search([])
    }

    snap["translations"] = {}
    for model, field in (
        ("pcve.community", "name"),
        ("pcve.assessment.criterion", "name"),
    ):
        records = env[model].with_context(active_test=False).search([], order="id")
        snap["translations"][f"{model}.{field}"] = {
            str(r.id): r.with_context(lang="nl_NL")[field] for r in records
        }


def orphans(env, relkind):
    """Metadata of the suite that points at nothing."""
    cr, found = env.cr, []
    cr.execute(
        "SELECT module || '.' || name, model, res_id FROM ir_model_data WHERE module LIKE 'pcve\\_%%'"
    )
    by_model = {}
    for xmlid, model, res_id in cr.fetchall():
        by_model.setdefault(model, []).append((xmlid, res_id))
    for model, entries in sorted(by_model.items()):
        if model not in env.registry:
            found += [f"xml id {x} of unknown model {model}" for x, _r in entries]
            continue
        table = env[model]._table
        if env[model]._abstract or relkind.get(table) != "r":
            continue
        cr.execute(
            f'SELECT id FROM "{table}" WHERE id = ANY(%s)', [[r for _x, r in entries]]
        )
        existing = {r for (r,) in cr.fetchall()}
        found += [
            f"xml id {x} points at missing {model}({r})"
            for x, r in entries
            if r not in existing
        ]
    cr.execute(
        "SELECT DISTINCT module FROM ir_model_data d WHERE module LIKE 'pcve\\_%%' AND NOT EXISTS"
        " (SELECT 1 FROM ir_module_module m WHERE m.name = d.module AND m.state = 'installed')"
    )
    found += [
        f"xml ids of module {m}, which is not installed" for (m,) in cr.fetchall()
    ]
    cr.execute("SELECT model FROM ir_model WHERE model LIKE 'pcve.%%'")
    found += [
        f"ir.model {m} has no model in the registry"
        for (m,) in cr.fetchall()
        if m not in env.registry
    ]
    cr.execute(
        "SELECT model, name FROM ir_model_fields WHERE model LIKE 'pcve.%%' OR name LIKE 'pcve\\_%%'"
    )
    found += [
        f"ir.model.fields {m}.{f} has no field in the registry"
        for m, f in cr.fetchall()
        if m not in env.registry or f not in env[m]._fields
    ]
    tables = {env[m]._table for m in env.registry if not env[m]._abstract}
    tables |= {
        f.relation
        for m in env.registry.values()
        for f in m._fields.values()
        if f.type == "many2many" and f.store and f.relation
    }
    found += [
        f"table {t} belongs to no model"
        for t, k in relkind.items()
        if k == "r" and t.startswith("pcve_") and t not in tables
    ]
    cr.execute(
        "SELECT m.id, m.action FROM ir_ui_menu m JOIN ir_model_data d ON d.model = 'ir.ui.menu'"
        " AND d.res_id = m.id WHERE d.module LIKE 'pcve\\_%%' AND m.action IS NOT NULL"
    )
    for menu_id, action in cr.fetchall():
        model, res_id = action.split(",")
        if model not in env.registry or not env[model].browse(int(res_id)).exists():
            found.append(f"menu {menu_id} opens missing {action}")
    cr.execute(
        "SELECT name, state FROM ir_module_module WHERE name LIKE 'pcve\\_%%'"
        " AND state NOT IN ('installed', 'uninstalled', 'uninstallable')"
    )
    found += [f"module {n} left in state {s}" for n, s in cr.fetchall()]
    # A glue addon (auto_install) whose addons are all installed must be too.
    cr.execute(
        "SELECT m.name FROM ir_module_module m WHERE m.name LIKE 'pcve\\_%%'"
        " AND m.auto_install AND m.state = 'uninstalled' AND NOT EXISTS ("
        " SELECT 1 FROM ir_module_module_dependency d"
        " JOIN ir_module_module dm ON dm.name = d.name"
        " WHERE d.module_id = m.id AND d.auto_install_required AND dm.state <> 'installed')"
    )
    found += [f"glue module {n} is not installed" for (n,) in cr.fetchall()]
    return sorted(found)


def shell_main(env):
    step = os.environ["PCVE_UPGRADE_STEP"]
    if step == "seed":
        seed(env)
        env.cr.commit()
    snap = snapshot(env)
    with open(os.environ["PCVE_UPGRADE_OUT"], "w", encoding="utf-8") as out:
        json.dump(snap, out, default=str, sort_keys=True, indent=0)
    print(
        f"[upgrade] snapshot written: {len(snap['tables'])} tables, {len(snap['xmlids'])} xml ids"
    )


# --- comparison (plain Python) -----------------------------------------------


def compare(before, after):
    """Return (losses, notes): a loss fails the test, a note is printed."""
    losses, notes = [], []
    for part in (
        _compare_modules,
        _compare_tables,
        _compare_xmlids,
        _compare_groups,
        _compare_settings,
        _compare_translations,
    ):
        part(before, after, losses, notes)
    losses += [f"orphan: {o}" for o in after["orphans"] if o not in before["orphans"]]
    _compare_closed_teams(after, losses, notes)
    return losses, notes


def _compare_closed_teams(after, losses, notes):
    """No closed case keeps an active membership after the upgrade; each
    ended one ends on the closure date at the latest (19.0.2.3.0)."""
    cases = after["tables"]["pcve_case"]["rows"]
    closed = 0
    for rec_id, member in after["tables"]["pcve_case_member"]["rows"].items():
        case = cases.get(str(member["case_id"]), {})
        if case.get("stage") != "closed":
            continue
        closed += 1
        latest = max(str(member["date_start"]), str(case["closed_on"]))
        if (
            member["active"]
            or not member["date_end"]
            or str(member["date_end"]) > latest
        ):
            losses.append(
                f"pcve_case_member {rec_id}: still on closed case {case['id']}"
                f" (active {member['active']}, until {member['date_end']})"
            )
    notes.append(f"memberships of closed cases checked: {closed}")


def _compare_modules(before, after, losses, notes):
    for name, state in before["modules"].items():
        if state == "installed" and after["modules"].get(name) != "installed":
            losses.append(
                f"module {name}: installed before, {after['modules'].get(name)} after"
            )
    for name in sorted(set(after["modules"]) - set(before["modules"])):
        if after["modules"][name] == "installed":
            notes.append(f"module {name}: new, installed")
    for model, table in sorted(before["models"].items()):
        if model not in after["models"] and table not in TABLES_RETIRED:
            losses.append(
                f"model {model} is gone (its table {table} is no longer read)"
            )


def _compare_tables(before, after, losses, notes):
    module_data = set(before["module_data"])
    for table, old in sorted(before["tables"].items()):
        new = after["tables"].get(table)
        if table in TABLES_RETIRED:
            continue
        if new is None:
            losses.append(f"table {table}: gone ({old['count']} rows)")
            continue
        _compare_table(table, old, new, module_data, after, losses, notes)
    for table, (why, _sql) in sorted(TABLES_RETIRED.items()):
        if table in before["tables"]:
            old, taken = before["tables"][table]["count"], after["retired"].get(table)
            if taken != old:
                losses.append(
                    f"table {table} retired ({why}): {old} rows before, {taken} taken over"
                )
            else:
                notes.append(
                    f"table {table} retired ({why}): its {old} rows were taken over"
                )
    for table, (columns, _sql) in sorted(ROWS_MOVED.items()):
        if table in before["tables"]:
            _compare_moved(table, columns, before, after, losses, notes)
    for table in sorted(set(after["tables"]) - set(before["tables"])):
        notes.append(f"table {table}: new ({after['tables'][table]['count']} rows)")
    for view, count in sorted(before["views"].items()):
        if view not in after["views"]:
            losses.append(f"report view {view}: gone")
        elif after["views"][view] != count:
            notes.append(
                f"report view {view}: {count} rows before, {after['views'][view]} after"
            )


def _compare_moved(table, columns, before, after, losses, notes):
    """Every row of a retired table arrived with the same values."""

    def key(values):
        return "|".join(map(str, values))

    old = sorted(
        key(row[column] for column in columns)
        for row in before["tables"][table]["rows"].values()
    )
    new = sorted(key(row) for row in after["moved"].get(table, []))
    missing = sorted(set(old) - set(new))
    if old != new:
        losses.append(
            f"table {table}: {len(old)} row(s) before, {len(new)} where they moved;"
            f" not found: {', '.join(missing[:3]) or '-'}"
        )
    else:
        notes.append(
            f"table {table}: its {len(old)} row(s) arrived, value by value"
            f" ({', '.join(columns)})"
        )


def _compare_xmlids(before, after, losses, notes):
    after_records = after["records_with_xmlid"]
    for xmlid, (model, res_id, _noupdate) in sorted(before["xmlids"].items()):
        now = after["xmlids"].get(xmlid)
        if now and now[:2] == [model, res_id]:
            continue
        if now:
            losses.append(
                f"xml id {xmlid}: was {model}({res_id}), now {now[0]}({now[1]})"
            )
        elif xmlid.startswith(PUBLIC_GROUP_PREFIXES):
            losses.append(f"xml id {xmlid}: public group xml id gone")
        elif model in LAYOUT_MODELS:
            continue
        elif before["setting_ids"].get(str(res_id)) in SETTINGS_MOVED and (
            model == "ir.config_parameter"
        ):
            notes.append(f"xml id {xmlid}: its setting moved to res.company")
        elif f"{model},{res_id}" in after_records:
            notes.append(
                f"xml id {xmlid}: moved to {', '.join(after_records[f'{model},{res_id}'])}"
            )
        else:
            losses.append(f"xml id {xmlid}: {model}({res_id}) has no xml id any more")


def _compare_groups(before, after, losses, notes):
    for xmlid, old in sorted(before["groups"].items()):
        new = after["groups"].get(xmlid)
        if new is None:
            moved = [x for x, g in after["groups"].items() if g["id"] == old["id"]]
            if not moved or xmlid.startswith(PUBLIC_GROUP_PREFIXES):
                losses.append(f"group {xmlid}: gone")
                continue
            new = after["groups"][moved[0]]
        if new["id"] != old["id"]:
            losses.append(
                f"group {xmlid}: was res.groups({old['id']}), now ({new['id']})"
            )
        if new["name"] != old["name"]:
            notes.append(f"group {xmlid}: renamed {old['name']!r} -> {new['name']!r}")
        for kind in ("direct", "effective"):
            lost = sorted(set(old[kind]) - set(new[kind]))
            gained = sorted(set(new[kind]) - set(old[kind]))
            if lost:
                losses.append(f"group {xmlid}: {kind} members lost: {', '.join(lost)}")
            if gained:
                notes.append(
                    f"group {xmlid}: {kind} members gained: {', '.join(gained)}"
                )


def _compare_settings(before, after, losses, notes):
    for key, value in sorted(before["settings"].items()):
        field = SETTINGS_MOVED.get(key)
        if field:
            for company, values in sorted(after["company_settings"].items()):
                if field not in values:
                    losses.append(
                        f"setting {key}: res.company field {field} does not exist"
                    )
                    break
                if not _same_setting(value, values[field]):
                    losses.append(
                        f"setting {key}={value!r}: company {company} has {field}={values[field]!r}"
                    )
        elif after["settings"].get(key) != value:
            losses.append(
                f"setting {key}: {value!r} before, {after['settings'].get(key)!r} after"
            )


def _compare_translations(before, after, losses, notes):
    for name, old in sorted(before["translations"].items()):
        new = after["translations"].get(name, {})
        for rec_id, text in sorted(old.items()):
            if TRANSLATED_MARK in (text or "") and new.get(rec_id) != text:
                losses.append(
                    f"translation {name}[{rec_id}] nl_NL: {text!r} before, {new.get(rec_id)!r} after"
                )
            elif new.get(rec_id) != text:
                notes.append(
                    f"translation {name}[{rec_id}] nl_NL: {text!r} -> {new.get(rec_id)!r}"
                )


def _same_setting(param, value):
    if isinstance(value, bool) or value is None:
        return bool(value) == (param not in (None, "", "False", "0"))
    return str(value) == str(param)


def _compare_table(table, old, new, module_data, after, losses, notes):
    model = old.get("model")
    if not (old["complete"] and new["complete"]) and new["count"] < old["count"]:
        losses.append(
            f"table {table}: {old['count']} rows before, {new['count']} after"
        )
    lost_ids = sorted(set(old["rows"]) - set(new["rows"]), key=_key)
    if lost_ids and old["complete"]:
        losses.append(
            f"table {table}: {len(lost_ids)} row(s) lost: {', '.join(lost_ids[:10])}"
        )
    added = sorted(set(new["rows"]) - set(old["rows"]), key=_key)
    if added and new["complete"]:
        with_xmlid = [
            i for i in added if model and f"{model},{i}" in after["records_with_xmlid"]
        ]
        without = [i for i in added if i not in with_xmlid]
        if with_xmlid:
            notes.append(
                f"table {table}: {len(with_xmlid)} row(s) of module data added"
            )
        if without and (table in ADDITIONS_EXPLAINED or "id" not in old["columns"]):
            notes.append(
                f"table {table}: {len(without)} row(s) added ({ADDITIONS_EXPLAINED.get(table, 'relation')})"
            )
        elif without:
            losses.append(
                f"table {table}: {len(without)} unexplained row(s) added: {', '.join(without[:10])}"
            )
    for column in old["columns"]:
        if (
            column not in new["columns"]
            and f"{table}.{column}" not in COLUMNS_EXPLAINED
        ):
            losses.append(f"column {table}.{column}: gone")
    changed = {}
    for rec_id, row in old["rows"].items():
        new_row = new["rows"].get(rec_id)
        if new_row is None or (model and f"{model},{rec_id}" in module_data):
            continue
        for column, value in row.items():
            if (
                column not in new_row
                or new_row[column] == value
                or f"{table}.{column}" in COLUMNS_EXPLAINED
            ):
                continue
            change = f"{rec_id}: {value!r} -> {new_row[column]!r}"
            why, explained = VALUES_EXPLAINED.get(f"{table}.{column}", (None, None))
            if explained and explained(rec_id, new_row[column], after):
                notes.append(f"column {table}.{column}: {change}, {why}")
            else:
                changed.setdefault(column, []).append(change)
    for column, changes in sorted(changed.items()):
        losses.append(
            f"column {table}.{column}: {len(changes)} value(s) changed, e.g. {changes[0][:200]}"
        )


def _key(value):
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def main(argv):
    with open(argv[2], encoding="utf-8") as f:
        before = json.load(f)
    with open(argv[3], encoding="utf-8") as f:
        after = json.load(f)
    losses, notes = compare(before, after)
    for note in notes:
        print(f"[upgrade] note: {note}")
    for loss in losses:
        print(f"[upgrade] LOSS: {loss}")
    rows = sum(t["count"] for t in before["tables"].values())
    print(
        f"[upgrade] compared {len(before['tables'])} tables ({rows} rows), "
        f"{len(before['groups'])} groups, {len(before['xmlids'])} xml ids, "
        f"{len(before['settings'])} settings: {len(losses)} loss(es)"
    )
    return 1 if losses else 0


if "env" in globals() and "PCVE_UPGRADE_STEP" in os.environ:
    shell_main(env)  # noqa: F821 (the odoo shell's environment)
elif __name__ == "__main__":
    sys.exit(main(sys.argv))
