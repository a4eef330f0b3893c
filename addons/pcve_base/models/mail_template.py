from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _pcve_preview_action(self, record):
        """Odoo's template preview of ``record``: rendered as the current user
        (who must be able to read it), in the recipient's language unless a
        language is forced in the preview."""
        self.ensure_one()
        record.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview: %(template)s", template=self.name),
            "res_model": "mail.template.preview",
            "view_mode": "form",
            "views": [
                (self.env.ref("mail.mail_template_preview_view_form").id, "form")
            ],
            "target": "new",
            "context": {
                "default_mail_template_id": self.id,
                "default_resource_ref": f"{record._name},{record.id}",
            },
        }
