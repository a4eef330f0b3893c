from collections import defaultdict
from collections.abc import Collection

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain


class PcveTrainingParticipation(models.Model):
    """Who completed a training, a contact or a user, and until when it holds.
    Other addons' gates read the kinds held today
    (``pcve_valid_training_kinds`` of partners and users)."""

    _name = "pcve.training.participation"
    _description = "Training participation"
    _inherit = ["pcve.input.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "completed_on desc, id desc"
    _rec_name = "training_id"
    _check_company_auto = True

    training_id = fields.Many2one(
        "pcve.training", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(related="training_id.kind", store=True, index=True)
    company_id = fields.Many2one(
        related="training_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one("res.partner", index=True, check_company=True)
    user_id = fields.Many2one("res.users", index=True)
    completed_on = fields.Date(required=True, default=fields.Date.context_today)
    valid_until = fields.Date(help="Empty: the training does not expire.")

    @api.constrains("partner_id", "user_id", "completed_on", "valid_until")
    def _check_participant(self):
        today = fields.Date.context_today(self)
        for participation in self:
            if bool(participation.partner_id) == bool(participation.user_id):
                raise ValidationError(
                    self.env._(
                        "A participation names a contact or a user: one of them."
                    )
                )
            if participation.completed_on > today:
                raise ValidationError(
                    self.env._("A training counts once completed: not ahead.")
                )
            if (
                participation.valid_until
                and participation.valid_until < participation.completed_on
            ):
                raise ValidationError(
                    self.env._("A training cannot expire before it was completed.")
                )

    @api.model
    def _pcve_holders_domain(self, holders_model, operator, value):
        """The domain of a search of ``pcve_valid_training_kinds`` on partners
        or users: who holds such a kind today (a user by his own
        participation or his contact's). ``=``/``in`` name kind keys,
        ``ilike`` matches a key or its label; nothing else is answered."""
        labels = dict(self._fields["kind"]._description_selection(self.env))
        if operator == "ilike" and isinstance(value, str):
            kinds = [
                key
                for key, label in labels.items()
                if value.lower() in key or value.lower() in label.lower()
            ]
        elif operator in ("=", "in"):
            kinds = [value] if isinstance(value, str) else value
            if not isinstance(kinds, Collection) or not set(kinds) <= set(labels):
                raise self._pcve_kinds_search_error(labels)
        else:
            raise self._pcve_kinds_search_error(labels)
        today = fields.Date.context_today(self)
        held = self.sudo()._search(
            Domain("kind", "in", list(kinds))
            & (Domain("valid_until", "=", False) | Domain("valid_until", ">=", today))
        )
        by_partner = Domain("id", "in", held.subselect("partner_id"))
        if holders_model == "res.partner":
            return by_partner
        return Domain("id", "in", held.subselect("user_id")) | Domain(
            "partner_id", "any", by_partner
        )

    def _pcve_kinds_search_error(self, labels):
        return UserError(
            self.env._(
                "Valid trainings: search for kinds of training held today, "
                "e.g. = safe_space_moderation (one of: %(kinds)s).",
                kinds=", ".join(labels),
            )
        )

    def _pcve_kinds_held(self, holders):
        """``{holder id: "kind,kind"}`` of the kinds ``holders`` hold today:
        partners, or users (their own and their contact's); one grouped
        query for all of them."""
        of_users = holders._name == "res.users"
        users = holders if of_users else self.env["res.users"]
        partners = holders.partner_id if of_users else holders
        today = fields.Date.context_today(self)
        domain = (
            Domain("partner_id", "in", partners.ids)
            | Domain("user_id", "in", users.ids)
        ) & (Domain("valid_until", "=", False) | Domain("valid_until", ">=", today))
        by_partner, by_user = defaultdict(set), defaultdict(set)
        for partner, user, kind in self._read_group(
            domain, ["partner_id", "user_id", "kind"]
        ):
            # a participation names a contact or a user (_check_participant)
            (by_partner[partner.id] if partner else by_user[user.id]).add(kind)
        if of_users:
            return {
                user.id: ",".join(
                    sorted(by_user[user.id] | by_partner[user.partner_id.id])
                )
                for user in users
            }
        return {
            partner.id: ",".join(sorted(by_partner[partner.id])) for partner in holders
        }
