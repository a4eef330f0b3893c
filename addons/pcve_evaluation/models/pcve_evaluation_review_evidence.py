import json

from odoo import api, fields, models

from odoo.addons.pcve_base.tools import Disclosure

STRUCTURE_MODES = ("reuse", "adapt", "new")


class PcveEvaluationReview(models.Model):
    """The evidence beside each question of a review, for its period and
    company, from the figures each domain owns (aggregates only: see
    ``pcve.figures.mixin``). The ratings stay the evaluator's; the form warns,
    without blocking, when "are all relevant actors included?" is rated 4 or
    5 while communities are without engagement."""

    _inherit = "pcve.evaluation.review"

    communities_without_engagement_ids = fields.Many2many(
        "pcve.community",
        compute="_compute_evidence",
        string="Communities without engagement",
        help="Active communities with no active partner, no session held and "
        "no concern in the period.",
    )
    newly_arrived_reached = fields.Boolean(
        compute="_compute_evidence",
        help="A community of newly arrived people (refugees, asylum seekers, "
        "those refused included) had a session held or a concern in the period.",
    )
    initiative_mode_counts = fields.Text(
        compute="_compute_evidence",
        string="Initiatives by structure",
        help="Initiatives of the action plans of the period that reuse, adapt "
        "or create a structure (JSON).",
    )
    recurring_share = fields.Float(
        compute="_compute_evidence",
        string="Recurring initiatives (%)",
        help="The share of the period's initiatives that are structural offers "
        "rather than one-off projects.",
    )
    partner_view_credible = fields.Float(
        compute="_compute_evidence",
        string="Partners' view of us (median)",
        help="The median of the partners' five ratings of the municipality "
        "(their feedback in the period); 0 when too few partners gave feedback "
        "to show it (disclosure control).",
    )
    stigma_balance_warning = fields.Boolean(
        compute="_compute_evidence",
        help="At least two-thirds of the period's extremism-topic sessions "
        "concern one non-majority community while the majority community has "
        "none: work with all communities, to avoid stigmatisation.",
    )
    stigma_community_id = fields.Many2one(
        "pcve.community",
        compute="_compute_evidence",
        string="Community carrying the extremism-labelled work",
    )
    actors_evidence_warning = fields.Boolean(compute="_compute_evidence")

    @api.depends("date_from", "date_to", "company_id", "community_ids", "actors_rating")
    def _compute_evidence(self):
        cache = {}
        for review in self:
            if not (review.date_from and review.date_to and review.company_id):
                review._pcve_set_evidence({})
                continue
            key = (
                review.company_id.id,
                review.date_from,
                review.date_to,
                tuple(review.community_ids.ids),
            )
            if key not in cache:
                cache[key] = review._pcve_evidence()
            review._pcve_set_evidence(cache[key])

    def _pcve_set_evidence(self, evidence):
        Community = self.env["pcve.community"]
        self.communities_without_engagement_ids = evidence.get(
            "without_engagement", Community
        )
        self.newly_arrived_reached = evidence.get("newly_arrived_reached", False)
        self.initiative_mode_counts = json.dumps(evidence.get("modes", {}))
        self.recurring_share = evidence.get("recurring_share", 0.0)
        self.partner_view_credible = evidence.get("partner_view") or 0.0
        self.stigma_community_id = evidence.get("stigma_community", Community)
        self.stigma_balance_warning = bool(self.stigma_community_id)
        self.actors_evidence_warning = self.actors_rating in ("4", "5") and bool(
            self.communities_without_engagement_ids
        )

    def _pcve_evidence(self):
        """The evidence of this review's scope: a fixed number of aggregate
        queries, whatever the number of records."""
        self.ensure_one()
        company, date_from, date_to = self.company_id, self.date_from, self.date_to
        communities = self.community_ids or self.env["pcve.community"].search(
            [("company_id", "in", [company.id, False])]
        )
        sessions = self.env["pcve.safespace.session"]._pcve_engagement_figures(
            company, date_from, date_to
        )
        concerns = self.env["pcve.concern"]._pcve_concerns_by_community(
            company, date_from, date_to
        )
        partners = self.env["res.partner"]._pcve_engagement_partners(company)
        engaged = set(sessions["held_by_community"]) | set(concerns) | set(partners)
        reached = set(sessions["held_by_community"]) | set(concerns)
        feedback = self.env["res.partner"]._pcve_feedback_figures(
            company, date_from, date_to
        )
        disclosure = Disclosure(company._pcve_setting("pcve_disclosure_threshold"))
        shown = feedback["partners"] and not disclosure.is_small(feedback["partners"])
        return {
            "without_engagement": communities.filtered(lambda c: c.id not in engaged),
            "newly_arrived_reached": any(
                c.group_kind == "newly_arrived" and c.id in reached for c in communities
            ),
            **self._pcve_initiative_evidence(),
            "partner_view": feedback["median"] if shown else False,
            "stigma_community": self._pcve_stigma_community(sessions),
        }

    def _pcve_initiative_evidence(self):
        """Initiatives of the company's action plans that overlap the period:
        by structure mode, and the share that is recurring (one query)."""
        Initiative = self.env["pcve.action.plan.initiative"]
        domain = [("plan_id", "any", self._pcve_plan_domain())]
        modes = dict.fromkeys(STRUCTURE_MODES, 0)
        total = recurring = 0
        for mode, is_recurring, count in Initiative._read_group(
            domain, ["structure_mode", "recurring"], ["__count"]
        ):
            modes[mode] += count
            total += count
            recurring += count if is_recurring else 0
        return {
            "modes": modes,
            "recurring_share": round(100.0 * recurring / total, 1) if total else 0.0,
        }

    def _pcve_plan_domain(self):
        """The company's action plans whose period overlaps the review's."""
        return [
            ("company_id", "=", self.company_id.id),
            "|",
            ("period_start", "=", False),
            ("period_start", "<=", self.date_to),
            "|",
            ("period_end", "=", False),
            ("period_end", ">=", self.date_from),
        ]

    def _pcve_stigma_community(self, sessions):
        """The non-majority community of at least two-thirds of the period's
        extremism-topic sessions while the majority community has none."""
        by_community = sessions["extremism_by_community"]
        total = sessions["extremism"]
        if not total:
            return self.env["pcve.community"]
        concerned = self.env["pcve.community"].browse(by_community)
        if any(concerned.mapped("is_majority")):
            return self.env["pcve.community"]
        for community in concerned:
            if 3 * by_community[community.id] >= 2 * total:
                return community
        return self.env["pcve.community"]
