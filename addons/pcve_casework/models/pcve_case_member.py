from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

PROFESSIONAL_ROLES = (
    "case_manager",
    "social_worker",
    "psychologist",
    "youth_worker",
    "police_liaison",
    "teacher",
)


class PcveCaseMember(models.Model):
    _name = "pcve.case.member"
    _description = "Case team member"
    _inherit = ["pcve.input.mixin"]
    _order = "case_id, is_professional desc, id"
    _rec_name = "user_id"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Member", required=True, index=True)
    role = fields.Selection(
        [
            ("case_manager", "Case manager"),
            ("social_worker", "Social worker"),
            ("psychologist", "Psychologist"),
            ("youth_worker", "Youth worker"),
            ("police_liaison", "Police liaison"),
            ("faith_volunteer", "Faith volunteer"),
            ("mentor", "Mentor"),
            ("teacher", "Teacher"),
            ("other", "Other"),
        ],
        required=True,
        default="social_worker",
    )
    is_professional = fields.Boolean(
        string="Professional",
        compute="_compute_is_professional",
        store=True,
        precompute=True,
    )
    acting_on_behalf_of_id = fields.Many2one(
        "res.partner",
        string="Acting on behalf of",
        help="The local initiative the volunteer represents (Vilvoorde practice).",
    )
    date_start = fields.Date(
        string="Since", default=fields.Date.context_today, required=True
    )
    date_end = fields.Date(string="Until", readonly=True)
    active = fields.Boolean(default=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    _case_user_uniq = models.Constraint(
        "unique(case_id, user_id, role, date_start)",
        "This person already has this role on the case.",
    )

    @api.depends("role")
    def _compute_is_professional(self):
        for member in self:
            member.is_professional = member.role in PROFESSIONAL_ROLES

    @api.constrains("role", "acting_on_behalf_of_id", "user_id")
    def _check_role(self):
        for member in self:
            if member.role == "faith_volunteer" and not member.acting_on_behalf_of_id:
                raise ValidationError(
                    self.env._(
                        "A faith volunteer acts on behalf of a local initiative: "
                        "set 'Acting on behalf of' for %(user)s.",
                        user=member.user_id.name,
                    )
                )
            if member.is_professional and not member.user_id.has_group(
                "pcve_casework.group_case_worker"
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a case worker and cannot take a "
                        "professional role.",
                        user=member.user_id.name,
                    )
                )

    @api.constrains("role", "active", "case_id")
    def _check_case_pairing(self):
        self._serialize_team_change()
        self.case_id._check_pairing()

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.filtered("active")._follow_case()
        return members

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals or "user_id" in vals:
            self.filtered("active")._follow_case()
            self.filtered(lambda m: not m.active)._unfollow_case()
        return res

    def unlink(self):
        cases = self.case_id
        self._serialize_team_change()
        self._unfollow_case()
        res = super().unlink()
        cases.exists()._check_pairing()
        return res

    def action_end(self):
        """End the membership: the member loses access to the case."""
        self.write({"active": False, "date_end": fields.Date.context_today(self)})

    def _serialize_team_change(self):
        """Make concurrent changes to one case team conflict.

        Two transactions could each pass the pairing rule on their own snapshot
        (one adds a volunteer while the other ends the last professional).
        Updating the case row makes the second one wait, then fail with a
        serialization error, which Odoo retries on fresh data.
        """
        case_ids = tuple(self.case_id.ids)
        if case_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE pcve_case SET write_date = write_date WHERE id IN %s",
                    case_ids,
                )
            )

    def _follow_case(self):
        for member in self:
            member.case_id.sudo().message_subscribe(
                partner_ids=member.user_id.partner_id.ids
            )

    def _unfollow_case(self):
        """Former members receive no more notifications of the case."""
        for member in self:
            still_member = member.case_id.member_ids.filtered(
                lambda m, member=member: m.user_id == member.user_id and m != member
            )
            if not still_member:
                member.case_id.sudo().message_unsubscribe(
                    partner_ids=member.user_id.partner_id.ids
                )
