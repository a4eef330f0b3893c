from odoo import api, models
from odoo.exceptions import ValidationError

from odoo.addons.pcve_safespaces.models.pcve_safespace_session import (
    PcveSafespaceSession as SafespaceSession,
)

MODERATION = "safe_space_moderation"
_MOVES = SafespaceSession._pcve_moves["state"]


class PcveSafespaceSession(models.Model):
    """With the training register of Partners, a company may require that
    its confidential sessions are confirmed only with a trained moderator."""

    _inherit = "pcve.safespace.session"
    # The move to confirmed gets its guard: the button, the form's status bar
    # and a direct write over RPC all pass it.
    _pcve_moves = {
        "state": {
            **_MOVES,
            "draft": {**_MOVES["draft"], "confirmed": "_check_trained_moderator"},
        }
    }

    @api.constrains("moderator_partner_id", "confidential", "company_id")
    def _check_confirmed_moderator_training(self):
        """A confirmed session keeps a trained moderator: another moderator,
        or a session made confidential, passes the same rule."""
        for session in self.filtered(lambda s: s.state == "confirmed"):
            session._check_trained_moderator({})

    def _check_trained_moderator(self, vals):
        """Guard of the move to confirmed, with the values written with it."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        confidential = vals.get("confidential", self.confidential)
        moderator = (
            Partner.browse(vals["moderator_partner_id"])
            if "moderator_partner_id" in vals
            else self.moderator_partner_id
        )
        company = (
            self.env["res.company"].browse(vals["company_id"])
            if "company_id" in vals
            else self.company_id
        )
        # Without a moderator the safe-space rules already refuse the session.
        if (
            not confidential
            or not moderator
            or not company._pcve_setting("pcve_trained_moderator_required")
            or MODERATION in (moderator.pcve_valid_training_kinds or "").split(",")
        ):
            return
        raise ValidationError(
            self.env._(
                "Trained moderator rule: in %(company)s a confidential session is "
                "confirmed only with a moderator who holds a valid 'Safe-space "
                "moderation' training; %(moderator)s, the moderator of "
                "'%(session)s', holds none today.",
                company=(company or self.env.company).name,
                moderator=moderator.name,
                session=self.name,
            )
        )
