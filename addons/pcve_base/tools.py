"""Plain helpers the addons of the suite share."""


def compute_counts(records, fname, model, inverse):
    """Set ``fname`` of each of ``records`` to the number of ``model`` records
    whose ``inverse`` points to it: one grouped query for the whole recordset,
    counting what the user may read (the counter of a smart button)."""
    counts = dict(
        records.env[model]._read_group(
            [(inverse, "in", records.ids)], [inverse], ["__count"]
        )
    )
    for record in records:
        record[fname] = counts.get(record, 0)
