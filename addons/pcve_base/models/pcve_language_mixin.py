import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools import model_label

# The fields the confirmation of a flagged text writes: workflow fields of
# ``pcve.state.mixin`` (add them to the model's ``_pcve_workflow_fields``),
# never written by the sender.
LANGUAGE_CONFIRMATION_FIELDS = (
    "language_confirmed_by_id",
    "language_confirmed_on",
    "language_confirmed_reason",
    "language_confirmed_digest",
)
# The records whose flagged text goes out right now, confirmed with a reason,
# as (model, id) pairs: a Python context variable, out of the reach of any
# client (unlike the ORM context, which a client fills as it likes).
_CONFIRMED = ContextVar("pcve_language_confirmed", default=frozenset())


class PcveLanguageMixin(models.AbstractModel):
    """The language check of every outgoing text (``pcve.language.rule``).

    A model declares the fields that go out (``_pcve_language_fields``);
    ``language_warning`` shows the findings on the form. Its send or
    activation calls :meth:`_pcve_language_gate` first: a text with findings
    is refused, whatever the path (button, XML-RPC), unless the sender went
    through "send anyway" with a reason (``pcve.language.wizard``, opened by
    the form's button with ``pcve_base.pcve_language_wizard_action``, which
    calls :meth:`_pcve_language_send_anyway`). The reason, who and when are recorded
    by the workflow (``pcve.state.mixin``, which the model inherits too) and
    logged in the chatter (``mail.thread``).

    A free text written at the moment of sending (a composer's reply, sent in
    a later request than the confirmation) passes
    :meth:`_pcve_language_check_text`: the confirmation covers one such text,
    for the record's text as confirmed."""

    _name = "pcve.language.mixin"
    _description = "Language check of an outgoing text"
    _pcve_language_fields = ()

    language_warning = fields.Text(
        compute="_compute_language_warning",
        help="Wording of the text that goes out that links a community with a "
        "threat (language rules of Community Engagement). Empty when clean.",
    )
    language_confirmed_reason = fields.Text(
        string="Sent anyway because",
        readonly=True,
        copy=False,
        help='Why the text went out despite the language warning ("Send '
        'anyway"): recorded by the system, never edited.',
    )
    language_confirmed_by_id = fields.Many2one(
        "res.users", string="Sent anyway by", readonly=True, copy=False
    )
    language_confirmed_on = fields.Datetime(
        string="Sent anyway on", readonly=True, copy=False
    )
    language_confirmed_digest = fields.Char(
        string="Confirmed text fingerprint",
        readonly=True,
        copy=False,
        help='Fingerprint of the text "Send anyway" was confirmed for; cleared '
        "once a reply written in the composer went out under it. Recorded by "
        "the system.",
    )

    @api.depends(lambda self: self._pcve_language_fields)
    def _compute_language_warning(self):
        for record in self:
            record.language_warning = (
                self._pcve_language_warning(record._pcve_language_findings()) or False
            )

    @api.model
    def _pcve_language_warning(self, findings):
        """The findings of the language rules, one line each."""
        return "\n".join(
            f"{finding['rule']}: {finding['message']} {finding['suggestion']}"
            for finding in findings
        )

    def _pcve_language_text(self):
        """The text that goes out: the declared fields, as plain text."""
        self.ensure_one()
        parts = []
        for fname in self._pcve_language_fields:
            value = self[fname]
            if self._fields[fname].type == "html":
                value = html2plaintext(value or "")
            parts.append(value or "")
        return "\n".join(part for part in parts if part.strip())

    def _pcve_language_lang(self):
        """The language of the text's readers (None: every rule applies)."""
        return

    def _pcve_language_findings(self, text=None):
        """The language rules' findings on ``text`` (default: the text that
        goes out), for the record's readers."""
        self.ensure_one()
        if text is None:
            text = self._pcve_language_text()
        if not text.strip():
            return []
        return self.env["pcve.language.rule"].check_text(
            text, lang=self._pcve_language_lang()
        )

    def _pcve_language_digest(self):
        """The fingerprint of the record's text that goes out."""
        self.ensure_one()
        return hashlib.sha256(self._pcve_language_text().encode()).hexdigest()

    def _pcve_language_gate(self, reason=None):
        """Before a text goes out. Without ``reason``: refuse the records with
        findings, unless confirmed right now. With one (the "send anyway"
        dialog): record and log it on those records; an empty reason is
        refused."""
        confirmed = _CONFIRMED.get()
        flagged = self.filtered(
            lambda r: (r._name, r.id) not in confirmed and r._pcve_language_findings()
        )
        if not flagged:
            return True
        if reason is None:
            raise UserError(
                self._pcve_language_error(
                    {record: record.language_warning for record in flagged}
                )
            )
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                self.env._(
                    "Language rules: sending a text with findings anyway needs a "
                    "reason (%(model)s).",
                    model=model_label(self),
                )
            )
        now = fields.Datetime.now()
        for record in flagged:
            record._pcve_workflow_write(
                {
                    "language_confirmed_reason": reason,
                    "language_confirmed_by_id": self.env.user.id,
                    "language_confirmed_on": now,
                    "language_confirmed_digest": record._pcve_language_digest(),
                }
            )
            record.message_post(
                body=self.env._(
                    "Sent despite the language warning (%(rules)s), confirmed by "
                    "%(user)s. Reason: %(reason)s",
                    rules=", ".join(
                        f["rule"] for f in record._pcve_language_findings()
                    ),
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _pcve_language_check_text(self, text):
        """Before a free text about these records goes out (e.g. a reply
        written in the composer): refuse it if the language rules flag it,
        unless "send anyway" was confirmed for the record's text as it still
        is, and the free text raises nothing that text did not (the wording
        confirmed, not any other). A confirmation covers one such text: it is
        used up by it, and a later text is checked again."""
        text = html2plaintext(text) if isinstance(text, str) and text else ""
        warnings = {}
        for record in self:
            findings = record._pcve_language_findings(text)
            if not findings:
                continue
            digest = record.language_confirmed_digest
            confirmed = (
                {finding["rule_id"] for finding in record._pcve_language_findings()}
                if digest and digest == record._pcve_language_digest()
                else set()
            )
            if {finding["rule_id"] for finding in findings} <= confirmed:
                record._pcve_workflow_write({"language_confirmed_digest": False})
            else:
                warnings[record] = self._pcve_language_warning(findings)
        if warnings:
            raise UserError(self._pcve_language_error(warnings))
        return True

    @contextmanager
    def _pcve_language_confirmed(self, reason):
        """Within: these records' texts go out as they are, the reason
        recorded first (:meth:`_pcve_language_gate`)."""
        self._pcve_language_gate(reason=reason if reason is not None else "")
        token = _CONFIRMED.set(
            _CONFIRMED.get() | {(self._name, id_) for id_ in self.ids}
        )
        try:
            yield self
        finally:
            _CONFIRMED.reset(token)

    def _pcve_language_send_anyway(self, reason):
        """Send (or activate) the flagged text with ``reason``: the only way
        past the gate, called by ``pcve.language.wizard``."""
        with self._pcve_language_confirmed(reason):
            return self._pcve_language_send()

    def _pcve_language_send(self):
        """The action that sends or activates the checked text (each model)."""
        raise UserError(
            self.env._(
                "%(model)s: no text is sent from this dialog.", model=model_label(self)
            )
        )

    @api.model
    def _pcve_language_error(self, warnings):
        """The refusal of a flagged text: the rules it breaks, ``warnings``
        per record."""
        lines = [
            f"{record.display_name}: {warning}" for record, warning in warnings.items()
        ]
        return self.env._(
            "Language rules: the text that goes out links a community with a "
            'threat.\n%(findings)s\nRephrase it, or use "Send anyway" with a '
            "reason.",
            findings="\n".join(lines),
        )
