from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import sql

from odoo.addons.pcve_base.tools import compute_counts, ensure_one

from .pcve_partner_assessment import COLLABORATION_LEVELS, LEVEL_RANK

# The highest level a partner keeps while a red flag on it is open.
RED_FLAG_CAP = "dialogue"


class ResPartner(models.Model):
    _inherit = "res.partner"

    pcve_is_partner = fields.Boolean(
        string="P/CVE partner",
        index=True,
        help="A civil-society partner the municipality maps or works with.",
    )
    pcve_org_type = fields.Selection(
        [
            ("ngo", "NGO"),
            ("faith_community", "Faith community"),
            ("youth_organisation", "Youth organisation"),
            ("sports_club", "Sports club"),
            ("migrant_association", "Migrant association"),
            ("school", "School"),
            ("key_figure", "Key community figure"),
            ("other", "Other"),
        ],
        string="Type of partner",
        index=True,
    )
    pcve_community_ids = fields.Many2many(
        "pcve.community",
        "pcve_community_partner_rel",
        "partner_id",
        "community_id",
        string="Communities",
    )
    pcve_engagement_stage = fields.Selection(
        [
            ("mapping", "Mapping"),
            ("contact", "Establishing contact"),
            ("selected", "Selected"),
            ("collaboration", "Dialogue and collaboration"),
            ("dormant", "Dormant"),
        ],
        string="Engagement stage",
        tracking=True,
        groups="pcve_partners.group_pcve_user",
        help="The steps of the RAN model of step-by-step community engagement.",
    )
    pcve_assessment_ids = fields.One2many(
        "pcve.partner.assessment",
        "partner_id",
        string="Assessments",
        groups="pcve_partners.group_pcve_assessor",
    )
    pcve_assessment_count = fields.Integer(
        compute="_compute_pcve_assessment_count",
        groups="pcve_partners.group_pcve_assessor",
    )
    pcve_collaboration_level = fields.Selection(
        [("none", "None"), *COLLABORATION_LEVELS],
        string="Collaboration level",
        compute="_compute_pcve_collaboration_level",
        store=True,
        index=True,
        groups="pcve_partners.group_pcve_user",
        help="The level granted by the newest approved assessment still valid, "
        "at most dialogue while a red flag on the partner is open.",
    )
    pcve_level_valid_until = fields.Date(
        string="Level valid until",
        compute="_compute_pcve_collaboration_level",
        store=True,
        index="btree_not_null",
        groups="pcve_partners.group_pcve_user",
    )
    pcve_observation_ids = fields.One2many(
        "pcve.partner.observation",
        "partner_id",
        string="Observations",
        groups="pcve_partners.group_pcve_assessor",
    )
    pcve_observation_count = fields.Integer(
        compute="_compute_pcve_observation_count",
        groups="pcve_partners.group_pcve_assessor",
    )
    pcve_feedback_count = fields.Integer(
        compute="_compute_pcve_feedback_count",
        groups="pcve_partners.group_pcve_assessor",
    )
    pcve_training_ids = fields.One2many(
        "pcve.training.participation",
        "partner_id",
        string="Trainings",
        groups="pcve_partners.group_pcve_user",
    )
    pcve_valid_training_kinds = fields.Char(
        string="Valid trainings",
        compute="_compute_pcve_valid_training_kinds",
        search="_search_pcve_valid_training_kinds",
        compute_sudo=True,
        help="The kinds of training the contact holds today, comma-separated: "
        "other addons' gates read them.",
    )
    pcve_signature_ids = fields.One2many(
        "pcve.charter.signature",
        "partner_id",
        string="Charter signatures",
        groups="pcve_partners.group_pcve_user",
    )
    pcve_agreement_ids = fields.One2many(
        "pcve.agreement",
        "partner_id",
        string="Memoranda",
        groups="pcve_partners.group_pcve_user",
    )
    pcve_agreement_count = fields.Integer(
        compute="_compute_pcve_agreement_count",
        groups="pcve_partners.group_pcve_user",
    )

    def _compute_pcve_assessment_count(self):
        compute_counts(
            self, "pcve_assessment_count", "pcve.partner.assessment", "partner_id"
        )

    def _compute_pcve_agreement_count(self):
        compute_counts(self, "pcve_agreement_count", "pcve.agreement", "partner_id")

    def _compute_pcve_feedback_count(self):
        compute_counts(
            self, "pcve_feedback_count", "pcve.partner.feedback", "partner_id"
        )

    def _compute_pcve_observation_count(self):
        compute_counts(
            self, "pcve_observation_count", "pcve.partner.observation", "partner_id"
        )

    def init(self):
        """Partner search (name_search, the search view's name filter) looks
        for the text anywhere in the name: a trigram index answers that at
        national scale, where base's btree index on the name does not
        (``index="trigram"`` cannot replace an index base already made).

        The partner pivot reads the partners of the user's companies through
        the company rule (company, no company, or not shared): two partial
        indexes on the partners, their predicates spelled as the ORM writes
        them (``IS TRUE``), let PostgreSQL answer it with a bitmap scan
        instead of reading every contact (6.3 ms to 0.35 ms at national
        scale, 300 of 22 883 rows)."""
        result = super().init()
        partners = "pcve_is_partner IS TRUE AND active IS TRUE"
        sql.create_index(
            self.env.cr,
            "res_partner_pcve_partner_company_idx",
            self._table,
            ["company_id"],
            where=partners,
        )
        sql.create_index(
            self.env.cr,
            "res_partner_pcve_partner_unshared_idx",
            self._table,
            ["partner_share"],
            where=f"{partners} AND partner_share IS NOT TRUE",
        )
        if self.pool.has_trigram:
            sql.create_index(
                self.env.cr,
                "res_partner_pcve_complete_name_trgm_idx",
                self._table,
                ["complete_name gin_trgm_ops"],
                method="gin",
            )
        return result

    @api.depends("pcve_training_ids.kind", "pcve_training_ids.valid_until")
    @api.depends_context("date")
    def _compute_pcve_valid_training_kinds(self):
        held = self.env["pcve.training.participation"]._pcve_kinds_held(self)
        for partner in self:
            partner.pcve_valid_training_kinds = held[partner.id]

    def _search_pcve_valid_training_kinds(self, operator, value):
        return self.env["pcve.training.participation"]._pcve_holders_domain(
            "res.partner", operator, value
        )

    @api.depends(
        "pcve_assessment_ids.state",
        "pcve_assessment_ids.outcome",
        "pcve_assessment_ids.granted_level",
        "pcve_assessment_ids.valid_until",
        "pcve_assessment_ids.decision_date",
        "pcve_observation_ids.state",
        "pcve_observation_ids.severity",
    )
    def _compute_pcve_collaboration_level(self):
        today = fields.Date.context_today(self)
        # Stored computes run as superuser: the level is public, its basis is not.
        valid = self.env["pcve.partner.assessment"].search(
            [
                ("partner_id", "in", self.ids),
                ("state", "=", "decided"),
                ("outcome", "=", "approved"),
                ("valid_until", ">=", today),
            ],
            order="decision_date desc, id desc",
        )
        newest = {}
        for assessment in valid:
            newest.setdefault(assessment.partner_id.id, assessment)
        red_flagged = {
            partner.id
            for (partner,) in self.env["pcve.partner.observation"]._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("severity", "=", "red"),
                    ("state", "=", "open"),
                ],
                ["partner_id"],
            )
        }
        for partner in self:
            assessment = newest.get(partner.id)
            level = assessment.granted_level if assessment else "none"
            if (
                partner.id in red_flagged
                and LEVEL_RANK.get(level, -1) > LEVEL_RANK[RED_FLAG_CAP]
            ):
                level = RED_FLAG_CAP
            partner.pcve_collaboration_level = level
            partner.pcve_level_valid_until = (
                assessment.valid_until if assessment else False
            )

    @api.constrains("pcve_engagement_stage")
    def _check_pcve_engagement_stage(self):
        for partner in self:
            if partner.pcve_engagement_stage == "collaboration" and (
                partner.pcve_collaboration_level in (False, "none")
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be at the stage 'Dialogue and "
                        "collaboration' without a valid collaboration level: "
                        "assess it first.",
                        partner=partner.display_name,
                    )
                )

    @api.model
    def _pcve_recompute_lapsed_levels(self):
        """Levels depend on today's date: recompute those whose validity passed."""
        lapsed = self.search(
            [
                ("pcve_collaboration_level", "not in", [False, "none"]),
                ("pcve_level_valid_until", "<", fields.Date.context_today(self)),
            ]
        )
        self.env.add_to_compute(self._fields["pcve_collaboration_level"], lapsed)
        self.env.add_to_compute(self._fields["pcve_level_valid_until"], lapsed)
        lapsed.flush_recordset(["pcve_collaboration_level", "pcve_level_valid_until"])
        return lapsed

    def _pcve_trusted_initiatives(self):
        """Those of these partners a faith volunteer may act for: a valid
        collaboration level and no open red flag. Other addons' users (case
        managers) read neither the level nor the observations: they get this
        answer, not its reasons."""
        partners = self.sudo()
        red_flagged = {
            partner.id
            for (partner,) in self.env["pcve.partner.observation"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("severity", "=", "red"),
                    ("state", "=", "open"),
                ],
                ["partner_id"],
            )
        }
        return self.filtered(
            lambda p: (
                p.id not in red_flagged
                and p.sudo().pcve_collaboration_level not in (False, "none")
            )
        )

    def action_pcve_assessments(self):
        ensure_one(self).check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_partners.pcve_partner_assessment_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_pcve_observations(self):
        ensure_one(self).check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_partners.pcve_partner_observation_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_pcve_feedback(self):
        ensure_one(self).check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_partners.pcve_partner_feedback_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_pcve_agreements(self):
        ensure_one(self).check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_partners.pcve_agreement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
