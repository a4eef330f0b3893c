from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..tools import model_label

# The records whose workflow step runs right now, as (model, id) pairs, and
# (model, None) for a creation by the workflow: the only writes of the fields
# only the workflow sets. A Python context variable, out of the reach of any
# client (unlike the ORM context, which a client fills as it likes).
_WORKFLOW = ContextVar("pcve_state_workflow", default=frozenset())


class PcveStateMixin(models.AbstractModel):
    """One state machine for every state field of the suite.

    A model declares, per state field, the moves it may make and, per move,
    an optional guard: ``_pcve_moves = {field: {from: {to: guard}}}``, where
    ``guard`` is the name of a method called on the record with the values
    written (``None``: no guard). The buttons move through
    :meth:`_pcve_move`; a direct write of the field (the form, the kanban,
    XML-RPC) goes through the same moves and guards, the superuser's too.

    ``_pcve_workflow_fields`` are the fields only the workflow writes (a
    state moved by its buttons only, the dates and decisions they record):
    a user never creates or writes them (the superuser does, for data files
    and scheduled jobs, unless ``_pcve_workflow_superuser`` is False). The
    workflow writes them through :meth:`_pcve_workflow_write`.

    A user's new record starts in the initial state (the field's default) of
    each state field or, where ``_pcve_create_moves`` allows it, one declared
    move further, under that move's guard (e.g. an invitation recorded as
    attended).
    """

    _name = "pcve.state.mixin"
    _description = "State machine of the P/CVE suite"
    _pcve_moves = {}
    _pcve_workflow_fields = ()
    _pcve_workflow_superuser = True
    _pcve_create_moves = True

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if self._pcve_in_workflow():
            return super().create(vals_list)
        given = [self._pcve_given(vals) for vals in vals_list]
        for vals in given:
            self._pcve_check_start(vals)
        records = super().create(vals_list)
        if not self.env.su:
            for record, vals in zip(records, given, strict=True):
                record._pcve_check_start_guards(vals)
        return records

    def write(self, vals):
        if not self._pcve_in_workflow():
            locked = set(self._pcve_workflow_fields).intersection(vals)
            if locked and not (self.env.su and self._pcve_workflow_superuser):
                raise self._pcve_workflow_error(sorted(locked))
            for fname in self._pcve_moves:
                if fname in vals:
                    moving = self.filtered(lambda r, f=fname: r[f] != vals[f])
                    moving._pcve_check_move(fname, vals[fname], vals)
        return super().write(vals)

    # -------------------------------------------------------------- workflow
    def _pcve_move(self, fname, to, values=None, sources=None):
        """The buttons' move of ``fname`` to ``to``, with the ``values`` the
        move records; ``sources`` narrows the states a button moves from."""
        vals = dict(values or {}, **{fname: to})
        refused = self.filtered(
            lambda r: sources is not None and r[fname] not in sources
        )
        if refused:
            raise refused._pcve_move_error(fname, to)
        self._pcve_check_move(fname, to, vals)
        return self._pcve_workflow_write(vals)

    def _pcve_workflow_write(self, vals):
        """The one way the workflow writes its fields."""
        with self._pcve_workflow():
            return self.write(vals)

    @contextmanager
    def _pcve_workflow(self):
        """Within: the workflow writes these records (or creates records of
        this model, on an empty recordset)."""
        marks = {(self._name, id_) for id_ in self.ids} or {(self._name, None)}
        token = _WORKFLOW.set(_WORKFLOW.get() | marks)
        try:
            yield self
        finally:
            _WORKFLOW.reset(token)

    def _pcve_in_workflow(self):
        """Whether the workflow is writing these records right now."""
        marks = {(self._name, id_) for id_ in self.ids} or {(self._name, None)}
        return marks <= _WORKFLOW.get()

    def _pcve_check_move(self, fname, to, vals):
        """Refuse a move that is not declared, then run its guard."""
        moves = self._pcve_moves[fname]
        refused = self.filtered(
            lambda r: not isinstance(to, str) or to not in moves.get(r[fname], {})
        )
        if refused:
            raise refused._pcve_move_error(fname, to)
        for record in self:
            guard = moves[record[fname]][to]
            if guard:
                getattr(record, guard)(vals)

    def _pcve_given(self, vals, fnames=None):
        """The values of a new record's ``fnames`` (default: its state and
        workflow fields): those given, else the client's ``default_*``
        context keys, which Odoo applies after the checks of ``create`` and
        which must pass them too."""
        context = self.env.context
        given = dict(vals)
        if fnames is None:
            fnames = (*self._pcve_moves, *self._pcve_workflow_fields)
        for fname in fnames:
            key = f"default_{fname}"
            if fname not in given and key in context:
                given[fname] = context[key]
        return given

    def _pcve_check_start(self, vals):
        """A new record: the state fields in their initial state (or one move
        further), the workflow fields empty. The superuser's (data files) may
        start anywhere, unless the model keeps its workflow fields from him."""
        if self.env.su:
            if self._pcve_workflow_superuser:
                return
            names = self._pcve_workflow_fields
        else:
            names = (*self._pcve_moves, *self._pcve_workflow_fields)
        for fname in names:
            value = vals.get(fname)
            initial = self._pcve_initial(fname)
            if not value or value == initial:
                continue
            if fname in self._pcve_workflow_fields:
                raise self._pcve_workflow_error([fname])
            if not (
                self._pcve_create_moves
                and isinstance(value, str)
                and value in self._pcve_moves[fname].get(initial, {})
            ):
                raise self._pcve_start_error(fname, value)

    def _pcve_check_start_guards(self, vals):
        """The guards of the moves a user's new record was created with."""
        for fname, moves in self._pcve_moves.items():
            value = vals.get(fname)
            if isinstance(value, str):
                guard = moves.get(self._pcve_initial(fname), {}).get(value)
                if guard:
                    getattr(self, guard)(vals)

    def _pcve_initial(self, fname):
        """The initial value of ``fname``: its default, not the context's."""
        field = self._fields[fname]
        return field.default(self) if field.default else False

    # ------------------------------------------------------------- messages
    def _pcve_label(self, fname, value):
        """The label of state ``value`` of ``fname`` in the user's language."""
        labels = dict(self._fields[fname]._description_selection(self.env))
        return labels.get(value, value) if isinstance(value, str) else repr(value)

    def _pcve_model_label(self):
        """The model's name in the user's language."""
        return model_label(self)

    def _pcve_move_error(self, fname, to):
        """The error of a move these records may not make."""
        record = self[:1]
        return UserError(
            self.env._(
                "%(record)s cannot go from %(old)s to %(new)s.",
                record=record.display_name,
                old=self._pcve_label(fname, record[fname]),
                new=self._pcve_label(fname, to),
            )
        )

    def _pcve_start_error(self, fname, value):
        """The error of a user's new record created as ``value`` of ``fname``."""
        return UserError(
            self.env._(
                "A new record of %(model)s cannot start as %(state)s: it starts "
                "as %(initial)s and moves on with its buttons.",
                model=self._pcve_model_label(),
                state=self._pcve_label(fname, value),
                initial=self._pcve_label(fname, self._pcve_initial(fname)),
            )
        )

    def _pcve_workflow_error(self, fnames):
        """The error of a create or write of the workflow fields ``fnames``."""
        return AccessError(
            self.env._(
                "%(field)s of %(model)s is recorded by the system; it cannot be "
                "set by hand.",
                field=", ".join(
                    self._fields[name]._description_string(self.env) for name in fnames
                ),
                model=self._pcve_model_label(),
            )
        )
