from odoo import api, fields, models
from odoo.exceptions import ValidationError

BRIEFING = "faith_volunteer_briefing"


class PcveCaseMember(models.Model):
    """With partner profiles installed, the initiative a faith volunteer acts
    on behalf of is chosen among the suite's partners, and only one the
    municipality trusts: a valid collaboration level, no open red flag. Where
    the company requires it, the volunteer himself holds a valid briefing
    (the training register of Partners)."""

    _inherit = "pcve.case.member"

    acting_on_behalf_of_id = fields.Many2one(domain=[("pcve_is_partner", "=", True)])

    @api.constrains("role", "acting_on_behalf_of_id")
    def _check_initiative_trust(self):
        initiatives = self.filtered(
            lambda m: m.role == "faith_volunteer"
        ).acting_on_behalf_of_id.filtered("pcve_is_partner")
        untrusted = initiatives - initiatives._pcve_trusted_initiatives()
        if untrusted:
            raise ValidationError(
                self.env._(
                    "Initiative gate: a faith volunteer acts only on behalf of a "
                    "partner with a valid collaboration level and no open red "
                    "flag; %(partner)s is not one now.",
                    partner=untrusted[0].display_name,
                )
            )

    @api.constrains("user_id", "role", "active", "date_start", "date_end")
    def _check_volunteer_briefing(self):
        """Whatever makes a membership give access (a new member, another
        user or role, new dates, a reactivation) passes the briefing rule."""
        unbriefed = self._pcve_unbriefed()
        if unbriefed:
            raise ValidationError(
                self.env._(
                    "Briefing rule: in %(company)s a faith volunteer joins a case "
                    "team only with a valid 'Faith volunteer briefing' training; "
                    "%(user)s holds none today.",
                    company=unbriefed[0].company_id.name,
                    user=unbriefed[0].user_id.name,
                )
            )

    def _pcve_unbriefed(self):
        """The faith volunteers' memberships among these that give access now
        or later, whose company requires a briefing that their user does not
        hold today."""
        today = fields.Date.context_today(self)
        return self.filtered(
            lambda m: (
                m.role == "faith_volunteer"
                and m.active
                and not (m.date_end and m.date_end < today)
                and m.company_id._pcve_setting("pcve_volunteer_briefing_required")
                and BRIEFING not in m.user_id.pcve_valid_training_kinds.split(",")
            )
        )
