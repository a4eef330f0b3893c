"""Plain helpers the addons of the suite share."""

import hashlib
import secrets

from odoo.exceptions import UserError

# Counts of people from 1 up to a company's threshold are never shown.
DEFAULT_DISCLOSURE_THRESHOLD = 4
# A link's token: 32 random bytes (256 bits), as secrets recommends.
TOKEN_BYTES = 32


def model_label(records):
    """The model's name in the user's language (for an error message)."""
    return (
        records.env["ir.model"].sudo()._get(records._name).name or records._description
    )


def ensure_one(records):
    """``records`` if it holds one record, else a UserError naming the rule:
    an action on one record, called over RPC with none or several, answers
    clearly instead of with the traceback of Odoo's ValueError."""
    if len(records._ids) != 1:
        raise UserError(
            records.env._(
                "%(model)s: this works on one record at a time, not on %(count)s.",
                model=model_label(records),
                count=len(records._ids),
            )
        )
    return records


def new_token():
    """A new token for a public link (sent by mail or printed), and the hash
    to store: only the hash is kept, so whoever reads the stored record
    cannot use the link."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token):
    """What is stored of a link's token: its SHA-256 (the token itself is in
    the mail or on the sheet only)."""
    return hashlib.sha256((token or "").encode()).hexdigest()


def is_token_shaped(token):
    """Whether ``token`` may be a link's token at all (checked before any
    query: bounded work for whatever a visitor puts in the address)."""
    return isinstance(token, str) and 20 <= len(token) <= 200


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


class Disclosure:
    """Statistical disclosure control of one count that describes people (a
    company's ``pcve_disclosure_threshold``): a count between 1 and the
    threshold is written as ``<threshold+1``; zero stays 0."""

    def __init__(self, threshold):
        self.threshold = threshold
        self.label = f"<{threshold + 1}"

    def is_small(self, value):
        return bool(value) and 0 < value <= self.threshold

    def cell(self, value):
        return self.label if self.is_small(value) else value or 0
