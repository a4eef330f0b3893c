from odoo import http
from odoo.http import request

from odoo.addons.pcve_base.tools import token_hash

from ..models.pcve_safespace_feedback import COMMENT_MAX, QUESTIONS
from ..models.pcve_safespace_feedback_token import TOKEN_DAYS

# The page's own limit of what a visitor may post: the answers and a comment
# (the comment is checked at COMMENT_MAX; this bounds the work before).
FORM_MAX = COMMENT_MAX * 4 + 1_000


class FeedbackController(http.Controller):
    """The anonymous feedback page of a held session: public, reached with a
    link's token only, with no website. An unknown, forged or used-up token
    gets a plain page (404), an expired one its own (410); nothing is stored
    then. The answer is recorded by the link (``_answer``) as the public
    user; nothing about the visitor (address, browser) is kept. The session
    link of the printed sheet answers once per browser (a cookie that names
    the link, not the visitor)."""

    @http.route(
        "/pcve/feedback/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
        sitemap=False,
    )
    def feedback_page(self, token, **kwargs):
        link, refusal = self._link(token)
        if refusal:
            return refusal
        return self._render_form(link, token, {}, [])

    @http.route(
        "/pcve/feedback/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def feedback_answer(self, token, **post):
        link, refusal = self._link(token)
        if refusal:
            return refusal
        values = self._answers(post)
        Feedback = request.env["pcve.safespace.feedback"]
        errors = Feedback._answer_errors(values)
        if errors:
            return self._render_form(link, token, post, errors)
        if not link._answer(values):
            return self._refused("unknown")
        response = request.render("pcve_safespaces.feedback_page_thanks", {})
        if link.exists() and link.is_session_link:
            response.set_cookie(
                self._cookie(token),
                "1",
                max_age=TOKEN_DAYS * 24 * 3600,
                httponly=True,
                samesite="Strict",
                path="/pcve/feedback",
            )
        return response

    def _link(self, token):
        """The valid link of ``token`` and no refusal, or the refusal page."""
        link, status = request.env["pcve.safespace.feedback.token"]._find_by_token(
            token
        )
        if status != "valid":
            return link, self._refused(status)
        if link.is_session_link and request.httprequest.cookies.get(
            self._cookie(token)
        ):
            return link, self._refused("answered")
        if request.httprequest.content_length and (
            request.httprequest.content_length > FORM_MAX
        ):
            return link, self._refused("too_long")
        return link, None

    def _answers(self, post):
        values = {
            name: int(post[name])
            for name in QUESTIONS
            if post.get(name) in ("1", "2", "3", "4", "5")
        }
        comment = post.get("comment")
        values["comment"] = (
            comment.strip() or False if isinstance(comment, str) else False
        )
        return values

    def _render_form(self, link, token, post, errors):
        session = link.session_id
        return request.render(
            "pcve_safespaces.feedback_page",
            {
                "token": token,
                "session_name": not session.confidential and session.name,
                "session_date": session.start,
                "municipality": session.company_id.name,
                "questions": [
                    (
                        name,
                        request.env["pcve.safespace.feedback"]
                        ._fields[name]
                        ._description_string(request.env),
                    )
                    for name in QUESTIONS
                ],
                "post": post,
                "errors": errors,
                "comment_max": COMMENT_MAX,
            },
            status=400 if errors else 200,
        )

    def _refused(self, reason):
        status = {"unknown": 404, "too_long": 413}.get(reason, 410)
        return request.render(
            "pcve_safespaces.feedback_page_refused", {"reason": reason}, status=status
        )

    def _cookie(self, token):
        return f"pcve_feedback_{token_hash(token)[:16]}"
