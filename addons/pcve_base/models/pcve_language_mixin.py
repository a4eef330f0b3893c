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
    logged in the chatter (``mail.thread``)."""

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

    @api.depends(lambda self: self._pcve_language_fields)
    def _compute_language_warning(self):
        for record in self:
            record.language_warning = (
                "\n".join(
                    f"{finding['rule']}: {finding['message']} {finding['suggestion']}"
                    for finding in record._pcve_language_findings()
                )
                or False
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

    def _pcve_language_findings(self):
        """The language rules' findings on the text that goes out."""
        self.ensure_one()
        text = self._pcve_language_text()
        if not text:
            return []
        return self.env["pcve.language.rule"].check_text(
            text, lang=self._pcve_language_lang()
        )

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
            raise UserError(flagged._pcve_language_error())
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                self.env._(
                    "Language rules: sending a text with findings anyway needs a "
                    "reason (%(model)s).",
                    model=model_label(self),
                )
            )
        flagged._pcve_workflow_write(
            {
                "language_confirmed_reason": reason,
                "language_confirmed_by_id": self.env.user.id,
                "language_confirmed_on": fields.Datetime.now(),
            }
        )
        for record in flagged:
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

    def _pcve_language_error(self):
        """The refusal of a flagged text: the rules it breaks."""
        lines = [f"{record.display_name}: {record.language_warning}" for record in self]
        return self.env._(
            "Language rules: the text that goes out links a community with a "
            'threat.\n%(findings)s\nRephrase it, or use "Send anyway" with a '
            "reason.",
            findings="\n".join(lines),
        )
