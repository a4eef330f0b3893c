import base64

from odoo import api, models
from odoo.tools.image import image_data_uri


class PcveSafespaceFeedbackSheet(models.AbstractModel):
    """The printed sheet of ``action_request_feedback``: the session link for
    attendees without e-mail, as a QR code drawn into the page (an image
    fetched from ``/report/barcode`` would put the token in the server's
    request log). The link comes in the report's data, from the action: it
    is not stored, only its hash is."""

    _name = "report.pcve_safespaces.report_feedback_sheet"
    _description = "Session feedback sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        sessions = self.env["pcve.safespace.session"].browse(docids)
        sessions.check_access("read")
        url = (data or {}).get("url")
        url = url if isinstance(url, str) and len(url) <= 500 else False
        qr = False
        if url:
            png = self.env["ir.actions.report"].barcode(
                "QR", url, width=300, height=300, quiet=False
            )
            qr = image_data_uri(base64.b64encode(png))
        return {
            "doc_ids": sessions.ids,
            "doc_model": sessions._name,
            "docs": sessions,
            "url": url,
            "qr": qr,
        }
