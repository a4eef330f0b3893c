from odoo import fields


def _selection(record, model, fname):
    """The selection of a field of the model a statistics view reads from,
    and the value of a category given up to reach the disclosure threshold."""
    return [
        *record.env[model]._fields[fname]._description_selection(record.env),
        ("undisclosed", record.env._("Not disclosed (small count)")),
    ]


def category(model, fname, **kwargs):
    """A category of a statistics view: the values of ``fname`` of ``model``,
    and "not disclosed"."""
    return fields.Selection(
        selection=lambda self: _selection(self, model, fname), readonly=True, **kwargs
    )
