import functools
from collections import defaultdict

from odoo import api, models, tools
from odoo.exceptions import UserError


class PcveThreadMixin(models.AbstractModel):
    """The chatter of a suite record reaches only who may read the record.

    In Odoo a follower receives the record's messages in his inbox and may
    then read them, and the assignee of an activity reads its summary, note
    and the record's name, whatever the record rules say. So on the suite's
    records nobody who may not read the record is made a follower (explicitly,
    or by being given an activity; automatic subscriptions leave him out), and
    no user who may not read it is addressed or notified. Partners without a
    user are outside contacts: they may be written to (e.g. the outcome
    letter to a partner), but never follow.

    A model narrows this further with ``_pcve_allowed_partner_ids`` (a case:
    its current team and the case managers).
    """

    _name = "pcve.thread.mixin"
    _inherit = ["mail.thread"]
    _description = "Chatter of a P/CVE record, for its readers only"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        partner_ids = self._pcve_without_outsiders(
            partner_ids,
            followers=True,
            message=self._pcve_follow_error(),
        )
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        outsiders = self._pcve_outsiders(partner_ids, followers=True)
        partner_ids = [pid for pid in partner_ids or [] if pid not in outsiders.ids]
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def message_post(self, **kwargs):
        if kwargs.get("partner_ids"):
            kwargs["partner_ids"] = self._pcve_without_outsiders(
                kwargs["partner_ids"], message=self._pcve_addressed_error()
            )
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        """System notices (e.g. of an activity given to someone) skip
        outsiders; giving him the activity is refused when he is subscribed."""
        outsiders = self._pcve_outsiders(kwargs.get("partner_ids")).ids
        kwargs["partner_ids"] = [
            pid for pid in kwargs.get("partner_ids") or [] if pid not in outsiders
        ]
        if not kwargs["partner_ids"]:
            return self.env["mail.message"]
        return super().message_notify(**kwargs)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_get_recipients(
            message, msg_vals=msg_vals, **kwargs
        )
        outsiders = self._pcve_outsiders([r["id"] for r in recipients]).ids
        return [r for r in recipients if r["id"] not in outsiders]

    def _pcve_allowed_partner_ids(self):
        """The only partners who may follow, or be addressed on, these
        records (readers among them); ``False``: every reader may."""
        return False

    def _pcve_follow_error(self):
        return self.env._(
            "%(names)s may not read %(record)s: they cannot follow it or be "
            "given its activities."
        )

    def _pcve_addressed_error(self):
        return self.env._(
            "%(names)s may not read %(record)s and cannot be addressed on it."
        )

    def _pcve_without_outsiders(self, partner_ids, message, followers=False):
        """``partner_ids`` without outsiders: a user is told who they are (a
        UserError with ``message``); the system (superuser, e.g. a cron giving
        an activity) leaves them out."""
        outsiders = self._pcve_outsiders(partner_ids, followers=followers)
        if outsiders and not self.env.su:
            raise UserError(
                message
                % {
                    "names": ", ".join(outsiders.mapped("name")),
                    "record": self[:1].display_name,
                }
            )
        return [pid for pid in partner_ids or [] if pid not in outsiders.ids]

    def _pcve_outsiders(self, partner_ids, followers=False):
        """The partners among ``partner_ids`` who may not read all of ``self``:
        those with a user (internal or portal) who may not, as followers also
        outside contacts (partners without user), and anyone the model's
        ``_pcve_allowed_partner_ids`` leaves out."""
        partners = self.env["res.partner"].sudo().browse(partner_ids or []).exists()
        outsiders = partners.browse()
        if not self:
            return outsiders
        allowed = self._pcve_allowed_partner_ids()
        if allowed is not False:
            allowed = set(allowed)
            outsiders = partners.filtered(lambda p: p.id not in allowed)
            partners -= outsiders
        for partner in partners:
            # OdooBot's user is archived: with_context, he is not an outside contact
            users = partner.with_context(active_test=False).user_ids
            if followers and not users:
                outsiders |= partner
                continue
            for user in users:
                if user._is_superuser():  # OdooBot: the system itself, no person
                    continue
                # the user's own companies, not those of the current request
                env = self.env(user=user, context={})
                if self.with_env(env)._filtered_access("read") != self:
                    outsiders |= partner
                    break
        return outsiders

    @api.model
    def _pcve_check_reader_access(self, records, model_field, id_field):
        """``_check_access("read")`` of what belongs to a suite record (its
        followers, its messages: ``records``, whose ``model_field`` and
        ``id_field`` name the record): only who may read the record reads
        them. Returns what ``_check_access`` returns."""
        hidden = self._pcve_hidden(records, model_field, id_field)
        if hidden:
            Rule = self.env["ir.rule"]
            return hidden, functools.partial(Rule._make_access_error, "read", hidden)
        return None

    @api.model
    def _pcve_hidden(self, records, model_field, id_field):
        """Those of ``records`` that belong to a suite record the user may
        not read: one query per suite model among them."""
        thread_models = self._pcve_thread_models()
        by_model = defaultdict(dict)
        for record in records.sudo():
            if record[model_field] in thread_models and record[id_field]:
                by_model[record[model_field]][record.id] = record[id_field]
        hidden = records.browse()
        for model, res_ids in by_model.items():
            targets = self.env[model].browse(set(res_ids.values())).exists()
            readable = set(targets._filtered_access("read").ids)
            hidden |= records.browse(
                rid for rid, res_id in res_ids.items() if res_id not in readable
            )
        return hidden

    @tools.ormcache()
    def _pcve_thread_models(self):
        """The models of the suite whose chatter is kept to their readers."""
        mixin = self.env.registry[self._name]
        return tuple(
            sorted(
                name
                for name, model in self.env.registry.items()
                if name != self._name
                and not model._abstract
                and issubclass(model, mixin)
            )
        )
