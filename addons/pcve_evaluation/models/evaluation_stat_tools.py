def _selection(record, model, fname):
    """The selection of a field of the model a statistics view reads from,
    and the value of a category given up to reach the disclosure threshold."""
    return [
        *record.env[model]._fields[fname]._description_selection(record.env),
        ("undisclosed", record.env._("Not disclosed (small count)")),
    ]
