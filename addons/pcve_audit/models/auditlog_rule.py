import functools

from odoo import api, fields, models
from odoo.exceptions import UserError

# Values of these field types are kept in the suite's audit trail; anything
# else (text, links to people, attachments) is recorded as changed, without
# its value, so that the trail never becomes a second copy of the personal
# data that erasure and retention remove from the records.
KEPT_TYPES = {
    "boolean",
    "selection",
    "date",
    "datetime",
    "integer",
    "float",
    "monetary",
}
# Links kept with their name; other links are kept as ids, links to people
# (contacts) not at all.
NAMED_RELATIONS = {"res.users", "res.company"}
# Read routes of the web client that would run on a read-only cursor.
WEB_READS = ("web_read", "web_search_read")


def _read_write(method):
    """The same method, marked to run on a read/write cursor."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        return method(self, *args, **kwargs)

    wrapper._readonly = False
    wrapper.pcve_audit_patch = True
    return wrapper


class AuditlogRule(models.Model):
    """The suite's audit rules: who may read their logs, values that never
    reach a log, reads logged whatever the client sends, rules nobody can
    switch off through the interface or the API."""

    _inherit = "auditlog.rule"

    pcve_reader_group_id = fields.Many2one(
        "res.groups",
        string="Log readers",
        readonly=True,
        ondelete="restrict",
        help="Set by the P/CVE suite: only this group reads the logs of the "
        "model, and the rule cannot be changed or deleted.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(v.get("pcve_reader_group_id") for v in vals_list):
            raise UserError(
                self.env._("Audit rules of the P/CVE suite come with its addons only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_pcve_locked()
        return super().write(vals)

    def unlink(self):
        self._check_pcve_locked()
        return super().unlink()

    def set_to_draft(self):
        # checked before auditlog unpatches the models, not after
        self._check_pcve_locked()
        return super().set_to_draft()

    def set_to_confirmed(self):
        """The "View logs" action of a suite model is offered to its readers only."""
        result = super().set_to_confirmed()
        for rule in self.filtered("pcve_reader_group_id"):
            rule.action_id.group_ids = rule.pcve_reader_group_id
        return result

    def _check_pcve_locked(self):
        if not self.env.su and self.sudo().filtered("pcve_reader_group_id"):
            raise UserError(
                self.env._(
                    "The audit rules of the P/CVE suite cannot be changed, switched "
                    "off or deleted: they record who read and changed personal data."
                )
            )

    # ------------------------------------------------------------ patching
    def _register_hook(self):
        if not self:  # loading the registry: every confirmed rule comes next
            self.pool._pcve_audit_models = {}
        return super()._register_hook()

    def _patch_methods(self):
        updated = super()._patch_methods()
        if not hasattr(self.pool, "_pcve_audit_models"):
            self.pool._pcve_audit_models = {}
        audited = self.pool._pcve_audit_models
        for rule in self:
            model = rule.model_id.model or rule.model_model
            if (
                rule.state != "confirmed"
                or not rule.pcve_reader_group_id
                or model not in self.pool
            ):
                continue
            audited[model] = (rule.model_id.id, rule.pcve_reader_group_id.id)
            if rule.log_read:
                updated |= rule._pcve_patch_reads(model)
        return updated

    def _pcve_patch_reads(self, model):
        """Log search_read too (the ORM's read does not see it), and run the
        web client's reads of the model, and of the models showing it in a
        list, on a read/write cursor: their reads write the log."""
        self.ensure_one()
        model_class = self.env.registry[model]
        if getattr(model_class, "auditlog_ruled_search_read", False):
            return False
        search_read = self._pcve_make_search_read()
        search_read.origin = model_class.search_read
        model_class.search_read = search_read
        model_class.auditlog_ruled_search_read = True
        holders = {model} | {
            field.model_name
            for other in self.env.registry.values()
            for field in other._fields.values()
            if field.type in ("one2many", "many2many") and field.comodel_name == model
        }
        for holder in holders:
            holder_class = self.env.registry[holder]
            for name in WEB_READS:
                method = getattr(holder_class, name)
                if not getattr(method, "pcve_audit_patch", False):
                    setattr(holder_class, name, _read_write(method))
        return True

    def _revert_methods(self):
        for rule in self.filtered("pcve_reader_group_id"):
            model_class = self.env.registry[rule.model_id.model or rule.model_model]
            if getattr(model_class, "auditlog_ruled_search_read", False):
                del model_class.search_read
                del model_class.auditlog_ruled_search_read
            self._pcve_audited().pop(rule.model_id.model, None)
        return super()._revert_methods()

    def _patch_method(self, model, method_name, check_attr):
        """A client can put any JSON value in the context, never a set: a
        client-sent ``auditlog_guard`` is dropped before auditlog reads it.
        A deletion is checked before auditlog logs it record by record."""
        result = super()._patch_method(model, method_name, check_attr)
        if result and method_name == "unlink" and self.pcve_reader_group_id:
            model_class = model.env.registry[model._name]
            unlink = model_class.unlink

            @functools.wraps(unlink)
            def unlink_checked(self, **kwargs):
                self._pcve_check_id_count()
                self.check_access("unlink")
                return unlink(self, **kwargs)

            model_class.unlink = unlink_checked
        if result and method_name == "write" and self.pcve_reader_group_id:
            model_class = model.env.registry[model._name]
            write = model_class.write

            @functools.wraps(write)
            def write_guarded(self, vals, **kwargs):
                if not isinstance(self.env.context.get("auditlog_guard", set()), set):
                    self = self.with_context(auditlog_guard=set())
                return write(self, vals, **kwargs)

            model_class.write = write_guarded
        return result

    def _make_read(self):
        """Reads of a suite model are logged whatever the context says; only
        the system's own reads (sudo, e.g. auditlog reading old values) are
        not. auditlog's ``auditlog_disabled_read`` key is ignored: a client
        could send it."""
        if not self.pcve_reader_group_id:
            return super()._make_read()

        def read(self, fields=None, load="_classic_read", **kwargs):
            result = read.origin(self, fields, load, **kwargs)
            if self and not self.env.su:
                self.env["auditlog.rule"].sudo()._pcve_log_read(self)
            return result

        read._readonly = False
        return read

    @api.model
    def _pcve_make_search_read(self):
        def search_read(
            self, domain=None, fields=None, offset=0, limit=None, order=None, **kw
        ):
            result = search_read.origin(
                self,
                domain=domain,
                fields=fields,
                offset=offset,
                limit=limit,
                order=order,
                **kw,
            )
            if result and not self.env.su:
                records = self.browse([values["id"] for values in result])
                self.env["auditlog.rule"].sudo()._pcve_log_read(records)
            return result

        search_read._api_model = True
        search_read._readonly = False
        return search_read

    # ------------------------------------------------------------ logging
    @api.model
    def get_auditlog_fields(self, model):
        """Not the chatter's fields: messages, followers and activities have
        their own history and rules."""
        names = super().get_auditlog_fields(model)
        if model._name not in self._pcve_audited():
            return names
        chatter = set()
        for mixin in ("mail.thread", "mail.activity.mixin"):
            if mixin in self.env:
                chatter |= set(self.env[mixin]._fields)
        return [name for name in names if name not in chatter]

    @api.model
    def _pcve_audited(self):
        """{model name: (ir.model id, reader group id)} of the suite's rules."""
        return getattr(self.pool, "_pcve_audit_models", {})

    @api.model
    def _pcve_log_read(self, records, method="read"):
        """One log per call, model and company, without values: who read
        what, when. A read of one record (a form) names it in ``res_id``, a
        read of several (a list, the lines of a form, an API batch) in
        ``res_ids``: a read costs one insert, not one per record.
        ``method`` names the kind of read in the trail: ``read``, or what a
        model logs itself (a case's ``open``, ``subject_export``, ``erasure``)."""
        model_id = self._pcve_audited()[records._name][0]
        rule = self.search([("model_id", "=", model_id)], limit=1)
        if self.env.user in rule.users_to_exclude_ids:
            return
        vals = {
            "model_id": model_id,
            "method": method,
            "user_id": self.env.uid,
            "http_request_id": self.env["auditlog.http.request"].current_http_request(),
            "http_session_id": self.env["auditlog.http.session"].current_http_session(),
            "log_type": rule.log_type,
        }
        records = records.sudo()
        groups = (
            records.grouped("company_id")
            if "company_id" in records._fields
            else {False: records}
        )
        vals_list = []
        for group in groups.values():
            ids = sorted(set(group.ids))
            if len(ids) == 1:
                vals_list.append(dict(vals, res_id=ids[0]))
            else:
                vals_list.append(dict(vals, res_id=False, res_ids=str(ids)))
        self.env["auditlog.log"].create(vals_list)

    def _pcve_line_policy(self, log_vals, field_name):
        """(keep the value?, group that may read the line) for a line of a
        suite model; None for other models."""
        model = {mid: name for name, (mid, _g) in self._pcve_audited().items()}.get(
            log_vals["model_id"]
        )
        if not model:
            return None
        field = self.env[model]._fields[field_name]
        group = False
        if field.groups:
            xmlids = field.groups.split(",")
            single = len(xmlids) == 1 and not xmlids[0].startswith("!")
            group = self.env.ref(xmlids[0] if single else "base.group_system").id
        if field.type == "many2one":
            return field.comodel_name != "res.partner", group
        return field.type in KEPT_TYPES, group

    def _pcve_line(self, log_vals, field, values, super_method, *args):
        policy = self._pcve_line_policy(log_vals, field["name"])
        if policy is None:
            return super_method(log_vals, field, *args)
        keep, group = policy
        if not keep:
            withheld = self.env._("(not kept in the audit trail)")
            vals = {"field_id": field["id"], "pcve_field_group_id": group}
            for key, value in values.items():
                shown = withheld if value else False
                vals[key] = vals[f"{key}_text"] = shown
            return vals
        vals = dict(super_method(log_vals, field, *args), pcve_field_group_id=group)
        if field["ttype"] == "many2one" and field["relation"] not in NAMED_RELATIONS:
            # a link to a record of the suite is kept as its id
            for key in ("old_value", "new_value"):
                if isinstance(vals[key], tuple | list):
                    vals[key] = vals[f"{key}_text"] = vals[key][0]
        return vals

    def _prepare_log_line_vals_on_create(self, log_vals, field, new_values):
        new = new_values[log_vals["res_id"]][field["name"]]
        return self._pcve_line(
            log_vals,
            field,
            {"old_value": False, "new_value": new},
            super()._prepare_log_line_vals_on_create,
            new_values,
        )

    def _prepare_log_line_vals_on_write(self, log_vals, field, old_values, new_values):
        res_id, name = log_vals["res_id"], field["name"]
        return self._pcve_line(
            log_vals,
            field,
            {
                "old_value": old_values[res_id][name],
                "new_value": new_values[res_id][name],
            },
            super()._prepare_log_line_vals_on_write,
            old_values,
            new_values,
        )

    def _prepare_log_line_vals_on_read(self, log_vals, field, read_values):
        old = read_values[log_vals["res_id"]][field["name"]]
        return self._pcve_line(
            log_vals,
            field,
            {"old_value": old, "new_value": False},
            super()._prepare_log_line_vals_on_read,
            read_values,
        )
