def _selection(record, model, fname):
    """The selection of a field of the model a statistics view reads from."""
    return record.env[model]._fields[fname]._description_selection(record.env)
