from odoo import http
from odoo.http import request


class ReferralController(http.Controller):
    """The page of the service a case is referred to: public, reached with
    the link's token only. A used, expired or unknown token gets the same
    plain page; a valid one shows what the referral's shared scope allows.
    Every opening is logged in the audit trail."""

    @http.route(
        "/pcve/referral/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=False,
    )
    def referral_page(self, token, **kwargs):
        referral = request.env["pcve.case.referral"]._find_by_token(token)
        if not referral:
            return self._invalid()
        referral._log_link_opening()
        return self._render(referral, token)

    @http.route(
        "/pcve/referral/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def referral_answer(self, token, answer=None, reason=None, **kwargs):
        referral = request.env["pcve.case.referral"]._find_by_token(token)
        if not referral or answer not in ("accept", "decline"):
            return self._invalid()
        referral._log_link_opening()
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if answer == "decline" and not reason:
            return self._render(referral, token, missing_reason=True)
        referral._answer_by_link(answer, reason)
        return request.render(
            "pcve_casework.referral_page_answered",
            {"accepted": answer == "accept", "municipality": referral.company_id.name},
        )

    def _render(self, referral, token, missing_reason=False):
        return request.render(
            "pcve_casework.referral_page",
            {
                "shared": referral._shared_values(),
                "token": token,
                "missing_reason": missing_reason,
            },
        )

    def _invalid(self):
        return request.render("pcve_casework.referral_page_invalid", status=404)
