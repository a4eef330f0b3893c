import contextlib
import contextvars
import datetime
import math
from collections.abc import Collection, Mapping

from odoo import SUPERUSER_ID, api, fields, models
from odoo.api import NewId
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools import ensure_one
from ..tools import model_label as _model_label

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# Longest text accepted: a Char is a name or a short line, a Text or Html a
# document. Beyond that an input is a mistake or an attack, not a note.
CHAR_MAX = 1_000
TEXT_MAX = 500_000
ID_OPERATORS = ("=", "!=", "in", "not in")
SUBDOMAIN_OPERATORS = ("any", "not any", "any!", "not any!")
# Most records one call may name by id: the web client's own maximum for a
# selection (Odoo's default "web.active_ids_limit", e.g. "select all" then
# delete, archive or mass edit). Exports of a selected domain pass no ids.
MAX_IDS = 20_000
COMMAND_ARITY = {0: 3, 1: 3, 2: 2, 3: 2, 4: 2, 5: 1, 6: 3}
# Whether the current thread is inside a public entry point of a suite model:
# the entry point checked what its caller sent, the calls it makes are Odoo's.
_IN_PUBLIC_CALL = contextvars.ContextVar("pcve_in_public_call", default=False)


def _is_collection(value):
    return isinstance(value, Collection) and not isinstance(
        value, (str, bytes, Mapping)
    )


def _is_id(value):
    return isinstance(value, NewId) or (type(value) is int and 0 < value <= INT_MAX)


@contextlib.contextmanager
def _public_call(model, parse=True):
    """One public entry point: yields whether it is the first of the call,
    which then checks what its caller sent; the entry points it calls in turn
    check nothing again. For a request (``parse``), what Odoo cannot parse, a
    ValueError or TypeError, becomes a UserError naming the problem."""
    if _IN_PUBLIC_CALL.get():
        yield False
        return
    token = _IN_PUBLIC_CALL.set(True)
    try:
        yield True
    except (ValueError, TypeError) as error:
        if not parse:
            raise
        raise _request_error(model, error) from error
    finally:
        _IN_PUBLIC_CALL.reset(token)


class PcveInputMixin(models.AbstractModel):
    """Clear errors for malformed input, over the external API above all.

    Odoo answers a value of the wrong type, an unknown field or a malformed
    domain with a ValueError, TypeError or database error: a server error with
    a traceback. Every model of the suite inherits this mixin. Create and
    write check the values against the field types, selections and lengths
    (nested x2many values too) and the company rule; the public entry points
    (reads, searches, groupings, exports and imports) check their ids,
    windows, domains, field names and specifications and turn what Odoo
    cannot parse into a UserError naming the field or the problem. Record ids
    must be ids, at most ``MAX_IDS`` per call, refused before any query. Only
    the incoming values are looked at, once per call (``_public_call``): the
    entry points Odoo calls from another one (``web_search_read`` reads
    through ``search_fetch`` and ``web_read``) check nothing again.

    Models that read ``vals`` in their own create or write before calling
    ``super()`` call :meth:`_pcve_check_vals_list` or :meth:`_pcve_check_vals`
    first (their code runs before this mixin's).
    """

    _name = "pcve.input.mixin"
    _description = "Input checks of the P/CVE suite"
    # The company rule: the group whose members file a record outside their
    # own companies or move it to another one; None: the model has no company
    # rule (or its own).
    _pcve_company_manager_group = None
    # The fields naming the record this one belongs to (its case, its
    # session), whose record rules decide who may change it.
    _pcve_parent_fields = ()
    # The portal rule: what a portal user (any user outside the employees)
    # may read, give on a new record and change, as field names per
    # operation: {"read": (...), "create": (...), "write": (...)}. Checked on
    # every public entry point (fields read, searched or ordered, values and
    # ``default_*`` keys given), the portal pages' own searches included; a
    # portal user does not group, export, import or copy at all. The record
    # rules and access rights still decide which records. A model without
    # it: a portal user reads only ids.
    _pcve_portal_fields = {}

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        with _public_call(self, parse=False) as first:
            self._pcve_check_vals_list(vals_list)
            if first:
                self._pcve_check_portal_create(vals_list)
            for vals in vals_list:
                self._pcve_check_company(vals)
            return super().create(vals_list)

    def write(self, vals):
        with _public_call(self, parse=False) as first:
            if first:
                self._pcve_check_ids()
            self._pcve_check_vals(vals)
            if first and self and not self._pcve_by_workflow():
                self._pcve_check_portal("write", vals)
            self._pcve_check_company(vals)
            result = super().write(vals)
            self._pcve_check_moved(vals)
            return result

    def unlink(self):
        with _public_call(self, parse=False) as first:
            if first:
                self._pcve_check_ids()
            return super().unlink()

    def copy(self, default=None):
        with _public_call(self, parse=False) as first:
            if first:
                self._pcve_check_ids()
                self._pcve_refuse_portal()
            if default is not None and not isinstance(default, Mapping):
                raise UserError(_values_error(self))
            return super().copy(default=default)

    @api.private
    def ensure_one(self):
        """A UserError naming the rule, not Odoo's ValueError (a traceback
        over RPC), for an action on one record called on none or several."""
        return ensure_one(self)

    # --------------------------------------------------------------- parents
    def _pcve_check_moved(self, vals):
        """Odoo checks the record rules before a write only: a record moved
        to another parent passes the rules there too, or one could move a
        record of one's own case or session onto anybody's."""
        moved = [fname for fname in self._pcve_parent_fields if fname in vals]
        if moved and not self.env.su and self._filtered_access("write") != self:
            raise AccessError(
                self.env._(
                    "%(model)s: a record can only be moved to a %(parent)s you "
                    "may change.",
                    model=_model_label(self),
                    parent=self._fields[moved[0]]._description_string(self.env),
                )
            )

    # ------------------------------------------------------------ companies
    def _pcve_check_company(self, vals):
        """The company rule of the suite, for every model that names its
        ``_pcve_company_manager_group``: a user files a record in one of his
        companies and only the members of that group move it to another one.
        A related company follows its parent record: nobody sets another one
        (it would move the parent). The system (superuser) is not bound."""
        group = self._pcve_company_manager_group
        if self.env.su or not group or "company_id" not in vals:
            return
        company = vals["company_id"]
        if isinstance(company, models.BaseModel):
            company = company.id
        related = self._fields["company_id"].related
        if not related and self.env.user.has_group(group):
            return
        if self:
            refused = any(record.company_id.id != company for record in self)
        else:
            refused = related or company not in self.env.user.company_ids.ids
        if refused:
            raise AccessError(self._pcve_company_error())

    def _pcve_company_error(self):
        """The message of the company rule (a hook for a model's own words)."""
        if self._fields["company_id"].related:
            return self.env._(
                "Company rule: a record of %(model)s is in the company of the "
                "record it belongs to; nobody sets it.",
                model=self._description,
            )
        return self.env._(
            "Company rule: a record of %(model)s is filed in one of your "
            "companies and only its managers move it to another one.",
            model=self._description,
        )

    # ------------------------------------------------------------------ reads
    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """A portal user is told of the fields he may read only (a search_read
        without fields reads those)."""
        result = super().fields_get(allfields=allfields, attributes=attributes)
        if self._pcve_is_portal():
            readable = self._pcve_portal_allowed("read")
            result = {name: desc for name, desc in result.items() if name in readable}
        return result

    def read(self, fields=None, load="_classic_read"):
        with _public_call(self) as first:
            records = self
            if first:
                self._pcve_check_ids()
                if fields is not None:
                    self._pcve_check_names(fields, known=True)
                    self._pcve_check_portal("read", fields)
                elif self._pcve_is_portal():
                    fields = self._pcve_portal_readable()
                records = self._pcve_existing()
            return super(PcveInputMixin, records).read(fields=fields, load=load)

    def web_read(self, specification):
        with _public_call(self) as first:
            records = self
            if first:
                self._pcve_check_ids()
                _check_specification(self, specification)
                records = self._pcve_existing()
            return super(PcveInputMixin, records).web_read(specification)

    @api.model
    @api.readonly
    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        with _public_call(self) as first:
            if first:
                self._pcve_check_window(offset, limit, order)
                self._pcve_check_domain(domain)
                if field_names is not None:
                    self._pcve_check_names(field_names)
                elif self._pcve_is_portal():
                    field_names = self._pcve_portal_readable()
                self._pcve_check_portal_search(domain, field_names or (), order)
            return super().search_fetch(
                domain, field_names, offset=offset, limit=limit, order=order
            )

    @api.model
    @api.readonly
    def search_count(self, domain, limit=None):
        with _public_call(self) as first:
            if first:
                self._pcve_check_window(0, limit, None)
                self._pcve_check_domain(domain)
                self._pcve_check_portal_search(domain)
            return super().search_count(domain, limit=limit)

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        with _public_call(self) as first:
            if first:
                self._pcve_check_window(offset, limit, order)
                self._pcve_check_domain(domain)
                _check_specification(self, specification)
                self._pcve_check_portal_search(domain, (), order)
            return super().web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            )

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        with _public_call(self) as first:
            if first:
                if not isinstance(name, str) or not isinstance(operator, str):
                    raise TypeError("name and operator are text")
                self._pcve_check_window(0, limit, None)
                self._pcve_check_domain(domain or [])
                self._pcve_check_portal_search(domain or [], ["display_name"])
            return super().name_search(
                name=name, domain=domain, operator=operator, limit=limit
            )

    @api.model
    def formatted_read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
                self._pcve_check_grouping(domain, groupby, aggregates)
                self._pcve_check_window(offset, limit, order)
            return super().formatted_read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )

    @api.model
    @api.readonly
    def web_read_group(
        self, domain, groupby, aggregates=(), limit=None, offset=0, order=None, **kwargs
    ):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
                self._pcve_check_grouping(domain, groupby, aggregates)
                self._pcve_check_window(offset, limit, order)
                if kwargs.get("unfold_read_specification") is not None:
                    _check_specification(self, kwargs["unfold_read_specification"])
            return super().web_read_group(
                domain,
                groupby,
                aggregates=aggregates,
                limit=limit,
                offset=offset,
                order=order,
                **kwargs,
            )

    @api.model
    @api.readonly
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
                groups = [groupby] if isinstance(groupby, str) else groupby
                self._pcve_check_grouping(domain, groups, fields)
                self._pcve_check_window(offset, limit, orderby)
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )

    def export_data(self, fields_to_export):
        with _public_call(self) as first:
            if first:
                self._pcve_check_ids(capped=False)
                self._pcve_refuse_portal()
                self._pcve_check_names(fields_to_export)
                for path in fields_to_export:
                    _check_path(self, path)
            return super().export_data(fields_to_export)

    @api.model
    def load(self, fields, data):
        """Import: row errors come back as messages; malformed calls as a UserError."""
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
                self._pcve_check_names(fields)
                if not _is_collection(data) or not all(map(_is_collection, data)):
                    raise TypeError("data is a list of rows")
            try:
                return super().load(fields, data)
            except KeyError as error:
                raise _request_error(self, error) from error

    @api.model
    @api.readonly
    def formatted_read_grouping_sets(
        self, domain, grouping_sets, aggregates=(), *, order=None
    ):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
            return super().formatted_read_grouping_sets(
                domain, grouping_sets, aggregates, order=order
            )

    @api.model
    @api.readonly
    def read_progress_bar(self, domain, group_by, progress_bar):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
            return super().read_progress_bar(domain, group_by, progress_bar)

    @api.model
    def search_panel_select_range(self, field_name, **kwargs):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
            return super().search_panel_select_range(field_name, **kwargs)

    @api.model
    def search_panel_select_multi_range(self, field_name, **kwargs):
        with _public_call(self) as first:
            if first:
                self._pcve_refuse_portal()
            return super().search_panel_select_multi_range(field_name, **kwargs)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """The one private method overridden, for the only path with no
        public hook: a public method of the suite or of Odoo (an action, a
        chatter post) called over RPC runs on ``browse(ids)`` as the client
        sent them, and its first read or access check queries those ids here
        (``[("id", "in", ids)]``). Malformed ids get a UserError instead of a
        database error. The public entry points above checked their own ids
        and domains: within them nothing is checked again."""
        if not _IN_PUBLIC_CALL.get():
            self._pcve_check_domain(domain)
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    # ---------------------------------------------------------------- portal
    @api.model
    def _pcve_is_portal(self):
        """Whether the portal rule binds this call's user: any user outside
        the employees (a group check: cached, no query)."""
        return not self.env.su and not self.env.user._is_internal()

    @api.model
    def _pcve_refuse_portal(self):
        """The portal rule for what the portal pages never do: group, export,
        import or copy records. Each names fields in its own syntax (paths,
        aliases, progress bars, specifications of the groups), so a portal
        user is refused the call itself rather than each field."""
        if self._pcve_is_portal():
            raise AccessError(
                self.env._(
                    "Portal rule: a portal user does not group, export, import "
                    "or copy %(model)s; the portal shows what he may read.",
                    model=_model_label(self),
                )
            )

    def _pcve_by_workflow(self):
        """Whether the workflow of ``pcve.state.mixin`` writes these records
        (what a button records is the system's, not the portal user's)."""
        in_workflow = getattr(self, "_pcve_in_workflow", None)
        return bool(in_workflow and in_workflow())

    @api.model
    def _pcve_portal_allowed(self, operation):
        allowed = set(self._pcve_portal_fields.get(operation, ()))
        return allowed | {"id"} if operation == "read" else allowed

    @api.model
    def _pcve_portal_readable(self):
        """The fields a portal user reads when he names none."""
        readable = self._pcve_portal_allowed("read")
        return [name for name in self._fields if name in readable]

    @api.model
    def _pcve_check_portal(self, operation, fnames):
        """The portal rule: a portal user reads, gives or changes only the
        fields ``_pcve_portal_fields`` declares for ``operation``."""
        if not self._pcve_is_portal():
            return
        refused = sorted(set(fnames) - self._pcve_portal_allowed(operation))
        if refused:
            raise AccessError(self._pcve_portal_error(operation, refused))

    @api.model
    def _pcve_check_portal_create(self, vals_list):
        """The values of new records, and the client's ``default_*`` context
        keys of this model's fields (Odoo applies them after these checks)."""
        if not self._pcve_is_portal():
            return
        defaults = [
            key[8:]
            for key in self.env.context
            if key.startswith("default_") and key[8:] in self._fields
        ]
        for vals in [vals_list] if isinstance(vals_list, Mapping) else vals_list:
            self._pcve_check_portal("create", [*vals, *defaults])

    @api.model
    def _pcve_check_portal_search(self, domain, fnames=(), order=None):
        """The fields a search reads, compares (along every path of its
        domain, on each suite model it crosses) and sorts by: a hidden field
        is not probed through a domain or an order either."""
        if not self._pcve_is_portal():
            return
        if order:
            fnames = [
                *fnames,
                *(
                    term.split()[0].split(".")[0]
                    for term in order.split(",")
                    if term.strip()
                ),
            ]
        self._pcve_check_portal("read", fnames)
        for condition in Domain(domain).iter_conditions():
            model = self
            for step in condition.field_expr.split("."):
                if not isinstance(model, PcveInputMixin):
                    break  # beyond the suite: Odoo's access rights
                model._pcve_check_portal("read", [step])
                field = model._fields.get(step)
                model = (
                    model.env[field.comodel_name]
                    if field and field.relational
                    else None
                )
            if (
                isinstance(model, PcveInputMixin)
                and condition.operator in SUBDOMAIN_OPERATORS
                and isinstance(condition.value, (list, tuple, Domain))
            ):
                model._pcve_check_portal_search(condition.value)

    @api.model
    def _pcve_portal_error(self, operation, fnames):
        label, refused = _model_label(self), ", ".join(fnames)
        if operation == "read":
            return self.env._(
                "Portal rule: a portal user reads of %(model)s only what the "
                "portal shows, not %(fields)s.",
                model=label,
                fields=refused,
            )
        allowed = ", ".join(sorted(self._pcve_portal_allowed(operation)))
        allowed = allowed or self.env._("nothing")
        if operation == "create":
            return self.env._(
                "Portal rule: a portal user gives a new %(model)s only %(allowed)s, "
                "not %(fields)s.",
                model=label,
                allowed=allowed,
                fields=refused,
            )
        return self.env._(
            "Portal rule: a portal user changes of %(model)s only %(allowed)s, "
            "not %(fields)s.",
            model=label,
            allowed=allowed,
            fields=refused,
        )

    # ------------------------------------------------------------------ checks
    @api.model
    def _pcve_check_vals_list(self, vals_list):
        """``create``'s argument: a dictionary or a list of dictionaries."""
        if isinstance(vals_list, Mapping):
            vals_list = [vals_list]
        if not isinstance(vals_list, (list, tuple)):
            raise UserError(_values_error(self))
        for vals in vals_list:
            self._pcve_check_vals(vals)

    @api.model
    def _pcve_check_vals(self, vals):
        """Field names, and each value against its field type."""
        _check_vals(self, vals)

    def _pcve_check_ids(self, capped=True):
        """The records a call names: each an id, at most MAX_IDS if
        ``capped`` (an export of a whole search result is not)."""
        if capped:
            self._pcve_check_id_count()
        if not all(_is_id(id_) for id_ in self._ids):
            raise UserError(
                self.env._(
                    "%(model)s: record ids are whole positive numbers, not %(ids)s.",
                    model=_model_label(self),
                    ids=repr(self._ids)[:100],
                )
            )

    def _pcve_check_id_count(self):
        """A request names at most MAX_IDS records (the system's own jobs, run
        as the superuser, are not requests). Refused without a query: the
        message names the model by its description, not its translated name."""
        if len(self._ids) > MAX_IDS and self.env.uid != SUPERUSER_ID:
            raise UserError(
                self.env._(
                    "%(model)s: at most %(max)s records at a time, not %(count)s. "
                    "Select fewer records.",
                    model=self._description,
                    max=MAX_IDS,
                    count=len(self._ids),
                )
            )

    def _pcve_existing(self):
        """The records of a read that exist, with one query: Odoo would look
        for each missing one again (two queries per id)."""
        return self.exists() if len(self) > 1 else self

    @api.model
    def _pcve_check_domain(self, domain):
        """The ids a domain compares ``id`` with (in sub-domains too) are ids;
        what else is malformed, Odoo's Domain raises."""
        for condition in Domain(domain).iter_conditions():
            value = condition.value
            if condition.operator in SUBDOMAIN_OPERATORS and isinstance(
                value, (list, tuple, Domain)
            ):
                self._pcve_check_domain(value)
            elif condition.field_expr == "id" and condition.operator in ID_OPERATORS:
                self._pcve_check_id_values(value)

    @api.model
    def _pcve_check_id_values(self, value):
        for item in value if _is_collection(value) else [value]:
            if (
                item is not False
                and item is not None
                and not _is_id(item)
                and not isinstance(item, (models.BaseModel, Domain))
                and type(item).__name__ not in ("Query", "SQL")
            ):
                raise _request_error(
                    self, ValueError(f"record ids are whole numbers, not {item!r:.100}")
                )

    @api.model
    def _pcve_check_grouping(self, domain, groupby, aggregates):
        self._pcve_check_names(groupby)
        self._pcve_check_names(aggregates)
        self._pcve_check_domain(domain)

    @api.model
    def _pcve_check_window(self, offset, limit, order):
        # type() rather than isinstance(): True is no limit
        if not (
            (not offset or (type(offset) is int and offset > 0))
            and (not limit or (type(limit) is int and limit > 0))
            and (not order or isinstance(order, str))
        ):
            raise _request_error(
                self,
                ValueError(
                    f"offset and limit are whole numbers and order is text, not "
                    f"{offset!r:.30}, {limit!r:.30}, {order!r:.30}"
                ),
            )

    @api.model
    def _pcve_check_names(self, names, known=False):
        """A list of field names (of this model if ``known``)."""
        if isinstance(names, (str, bytes)) or not isinstance(names, Collection):
            raise _request_error(
                self,
                TypeError(f"a list of field names is expected, not {names!r:.100}"),
            )
        if not all(isinstance(name, str) for name in names):
            raise _request_error(
                self, TypeError(f"field names are text, not {names!r:.100}")
            )
        unknown = [name for name in names if name not in self._fields] if known else []
        if unknown:
            raise _request_error(self, ValueError(f"Invalid field {unknown[0]!r:.100}"))


def _request_error(model, error):
    return UserError(
        model.env._(
            "Invalid request on %(model)s: %(error)s",
            model=_model_label(model),
            error=str(error)[:300],
        )
    )


def _values_error(model):
    return model.env._(
        "%(model)s expects the values of a record as a dictionary of field "
        "names and values.",
        model=_model_label(model),
    )


def _check_specification(model, specification):
    """``web_read``'s specification: ``{field: {"fields": {...}, ...}}``."""
    if not isinstance(specification, Mapping):
        raise _request_error(
            model,
            TypeError(f"a specification is a dictionary, not {specification!r:.100}"),
        )
    for name, spec in specification.items():
        if not isinstance(name, str) or not isinstance(spec, Mapping):
            raise _request_error(
                model, TypeError(f"invalid specification of {name!r:.100}")
            )
    if isinstance(model, PcveInputMixin):
        model._pcve_check_portal("read", specification)
    for name, spec in specification.items():
        field = model._fields.get(name)
        nested = spec.get("fields")
        if nested is not None and field and field.relational:
            _check_specification(model.env[field.comodel_name], nested)


def _check_path(model, path):
    """An export path such as ``partner_id/name`` or ``member_ids/id``: every
    step a field of the model reached so far (Odoo skips empty relations)."""
    current = model
    for step in path.split("/"):
        if current is not None and step in ("id", ".id"):
            current = None
            continue
        field = current._fields.get(step) if current is not None else None
        if field is None:
            raise _request_error(model, ValueError(f"Invalid field path {path!r:.100}"))
        current = model.env[field.comodel_name] if field.relational else None


def _check_vals(model, vals):
    """Check ``vals`` for ``model`` (any model: nested x2many values too)."""
    env = model.env
    if not isinstance(vals, Mapping):
        raise UserError(_values_error(model))
    for name, value in vals.items():
        field = model._fields.get(name) if isinstance(name, str) else None
        if field is None:
            raise UserError(
                env._(
                    "%(model)s has no field %(field)s.",
                    model=_model_label(model),
                    field=repr(name)[:100],
                )
            )
        reason = _value_error(model, field, value)
        if reason:
            raise UserError(
                env._(
                    "Invalid value for %(field)s (%(name)s) of %(model)s: %(reason)s",
                    field=field._description_string(env),
                    name=name,
                    model=_model_label(model),
                    reason=reason,
                )
            )


def _value_error(model, field, value):  # noqa: C901 (one branch per field type)
    """Why ``value`` cannot be stored in ``field``, or None."""
    env = model.env
    if value is None or (value is False and field.type != "boolean"):
        return None
    kind = field.type
    if kind in ("char", "text", "html"):
        limit = (field.size or CHAR_MAX) if kind == "char" else TEXT_MAX
        if not isinstance(value, str):
            return env._("text expected.")
        if len(value) > limit:
            return env._("at most %(limit)s characters.", limit=limit)
        if "\x00" in value:
            return env._("text cannot contain NUL characters.")
    elif kind == "selection":
        allowed = field.get_values(env)
        if not isinstance(value, (str, int)) or value not in allowed:
            return env._(
                "one of %(values)s expected.", values=", ".join(map(str, allowed))
            )
    elif kind == "boolean":
        if not isinstance(value, bool) and value not in (0, 1):
            return env._("true or false expected.")
    elif kind == "integer":
        if not isinstance(value, int) or not INT_MIN <= value <= INT_MAX:
            return env._(
                "a whole number between %(min)s and %(max)s expected.",
                min=INT_MIN,
                max=INT_MAX,
            )
    elif kind in ("float", "monetary"):
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return env._("a number expected.")
    elif kind in ("date", "datetime"):
        convert = fields.Date.to_date if kind == "date" else fields.Datetime.to_datetime
        try:
            if not isinstance(value, (str, datetime.date)) or not convert(value):
                raise ValueError(value)
        except (ValueError, TypeError, OverflowError):
            return env._("a date (YYYY-MM-DD, with HH:MM:SS for a date and time).")
    elif kind == "many2one":
        if isinstance(value, models.BaseModel):
            if value._name != field.comodel_name or len(value) > 1:
                return env._("the id of a record expected.")
        elif not _is_id(value):
            return env._("the id of a record expected.")
    elif kind in ("one2many", "many2many"):
        return _commands_error(model, field, value)
    elif kind == "binary" and not isinstance(value, (str, bytes)):
        return env._("base64-encoded data expected.")
    return None


def _commands_error(model, field, value):
    env = model.env
    reason = env._("a list of commands, e.g. [(4, id)] or [(6, 0, ids)], expected.")
    if isinstance(value, models.BaseModel):
        return None if value._name == field.comodel_name else reason
    if not isinstance(value, (list, tuple)):
        return reason
    comodel = env[field.comodel_name]
    for command in value:
        if _is_id(command):
            continue
        if (
            not isinstance(command, (list, tuple))
            or not command
            or not isinstance(command[0], int)
            or len(command) < COMMAND_ARITY.get(command[0], 99)
        ):
            return reason
        code = int(command[0])
        if code in (1, 2, 3, 4) and not _is_id(command[1]):
            return reason
        if code == 6 and not (
            _is_collection(command[2]) and all(map(_is_id, command[2]))
        ):
            return reason
        if code in (0, 1):
            _check_vals(comodel, command[2])
    return None
