from odoo import api, models


class MailMessage(models.Model):
    """A message on a suite record is as confidential as the record. Odoo
    lets its author and its addressees read it whatever the record rules say:
    a case worker whose membership ended with the case would still find what
    he wrote on it. On a suite record (see ``pcve.thread.mixin``) only who
    may read the record reads its messages, as its followers
    (``mail.followers``, the same domain)."""

    _inherit = "mail.message"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """Odoo's search of messages already checks, in Python, the page it
        found (author, addressees, document): the reader rule checks that
        page too, rather than adding every suite table to each query."""
        query = super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )
        if self.env.su or kwargs.get("bypass_access"):
            return query
        messages = self.browse(query)
        hidden = self.env["pcve.thread.mixin"]._pcve_hidden(messages, "model", "res_id")
        return (messages - hidden)._as_query(order) if hidden else query

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or not self or self.env.su:
            return result
        return self.env["pcve.thread.mixin"]._pcve_check_reader_access(
            self, "model", "res_id"
        )
