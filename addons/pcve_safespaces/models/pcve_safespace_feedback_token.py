import hmac
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pcve_base.tools import is_token_shaped, new_token, token_hash

from .pcve_safespace_feedback import QUESTIONS

# A feedback link works for 30 days.
TOKEN_DAYS = 30


class PcveSafespaceFeedbackToken(models.Model):
    """A link to give feedback on a held session: ``/pcve/feedback/<token>``.

    Only the token's hash is stored (``pcve_base.tools.token_hash``, as the
    referral links of casework). A token names its session and nothing else:
    not the attendee it was mailed to, and no answer names its token, so an
    answer cannot be joined to an attendee. An attendee's link works once;
    the session link of the printed sheet works as many times as the
    session had attendees without a mailed link, once per browser. Used-up
    tokens are deleted at once and expired ones by the daily vacuum; the
    model keeps no creation or write dates (``_log_access``), so the time of
    an answer is not written next to the link that gave it.

    Tokens are created only by ``pcve.safespace.session.action_request_feedback``
    (organiser or manager of a held session) and spent only by the public
    page: no group but the system has an access right, since a user who
    could create a token could post answers to his own session."""

    _name = "pcve.safespace.feedback.token"
    _description = "Session feedback link"
    _inherit = ["pcve.input.mixin"]
    _log_access = False

    session_id = fields.Many2one(
        "pcve.safespace.session", required=True, ondelete="cascade", index=True
    )
    token_hash = fields.Char(required=True, index=True)
    expires_on = fields.Datetime(required=True)
    uses_left = fields.Integer(required=True, default=1)
    is_session_link = fields.Boolean(
        help="The link of the printed sheet, for attendees without e-mail."
    )

    _token_hash_unique = models.Constraint(
        "unique(token_hash)", "A feedback link is unique."
    )
    _uses_left_positive = models.Constraint(
        "CHECK (uses_left > 0)", "A feedback link has uses left, or is deleted."
    )

    @api.model
    def _issue(self, session, uses=1, is_session_link=False):
        """A new link for ``session`` (called by the session's action, which
        checked who asks): the token itself, to mail or print."""
        token, hashed = new_token()
        self.sudo().create(
            {
                "session_id": session.id,
                "token_hash": hashed,
                "expires_on": fields.Datetime.now() + timedelta(days=TOKEN_DAYS),
                "uses_left": uses,
                "is_session_link": is_session_link,
            }
        )
        return token

    @api.model
    def _find_by_token(self, token):
        """The link ``token`` answers for, as superuser, and whether it is
        ``"valid"``, ``"expired"`` or ``"unknown"`` (forged, used up or
        vacuumed alike). The stored hash is compared in constant time."""
        if not is_token_shaped(token):
            return self.browse(), "unknown"
        wanted = token_hash(token)
        link = self.sudo().search([("token_hash", "=", wanted)], limit=1)
        if not link or not hmac.compare_digest(link.token_hash, wanted):
            return self.browse(), "unknown"
        if link.expires_on <= fields.Datetime.now():
            return link, "expired"
        return link, "valid"

    def _answer(self, values):
        """Record the answers ``values`` (checked again here) through this
        link, as the public user, and spend one use. The link's row is
        locked first: two answers sent at once through a one-time link give
        one row. Returns whether the answer was recorded."""
        self.ensure_one()
        Feedback = self.env["pcve.safespace.feedback"]
        errors = Feedback._answer_errors(values)
        if errors:
            raise ValidationError("\n".join(errors))
        link = self.sudo().try_lock_for_update()
        if not link or link.expires_on <= fields.Datetime.now():
            return False
        public = self.env.ref("base.public_user")
        feedback = Feedback.with_user(public).sudo()
        answers = {name: values.get(name) or False for name in (*QUESTIONS, "comment")}
        with feedback._pcve_workflow():
            feedback.create(dict(answers, session_id=link.session_id.id))
        if link.uses_left > 1:
            link.uses_left -= 1
        else:
            link.unlink()
        return True

    @api.model
    def _pcve_demo_answers(self, session_id, answers):
        """Demo data: ``answers`` given through a session link of held
        session ``session_id``, as the page records them."""
        session = self.env["pcve.safespace.session"].browse(session_id)
        session._pcve_workflow_write({"feedback_requested_on": fields.Datetime.now()})
        token = self._issue(session, uses=len(answers), is_session_link=True)
        for values in answers:
            link, _status = self._find_by_token(token)
            link._answer(values)
        return True

    @api.autovacuum
    def _gc_expired(self):
        """Expired links go: their page would only say so."""
        self.sudo().search([("expires_on", "<=", fields.Datetime.now())]).unlink()
