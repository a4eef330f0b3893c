from markupsafe import Markup, escape

from odoo.exceptions import UserError, ValidationError
from odoo.http import request, route

from odoo.addons.pcve_base.controllers.portal import PcvePortal

from ..models.pcve_partner_feedback import RATINGS

RATING_FIELDS = (
    "rating_objectives_clear",
    "rating_acts_on_concerns",
    "rating_not_instrumentalising",
    "rating_transparent_assessment",
    "rating_respects_agenda",
)


class PcvePartnersPortal(PcvePortal):
    """The partner's pages: its assessments (never the findings), the charter
    to sign, its own feedback on the municipality and its active memoranda.
    Everything is read and written as the portal user (the portal rules of
    ``security/pcve_partners_rules.xml``)."""

    def _pcve_portal_sections(self):
        sections = super()._pcve_portal_sections()
        env = request.env
        if not self._pcve_organisation().pcve_is_partner:
            # a portal user of another kind (a customer): no partner's pages
            return sections
        organisation = [("partner_id", "=", self._pcve_organisation().id)]
        charter = env["pcve.charter"]._get_current()
        sections += [
            {
                "sequence": 10,
                "title": env._("Assessments"),
                "text": env._("How the municipality assessed your organisation"),
                "url": "/my/pcve/assessments",
                "count": env["pcve.partner.assessment"].search_count(organisation),
            },
            {
                "sequence": 20,
                "title": env._("Charter"),
                "text": env._("The charter of democratic values, to sign"),
                "url": "/my/pcve/charter",
                "count": len(charter),
            },
            {
                "sequence": 30,
                "title": env._("Your feedback"),
                "text": env._("Your own assessment of the municipality"),
                "url": "/my/pcve/feedback",
                "count": env["pcve.partner.feedback"].search_count(organisation),
            },
            {
                "sequence": 70,
                "title": env._("Agreements"),
                "text": env._("Your active memoranda of understanding"),
                "url": "/my/pcve/agreements",
                "count": env["pcve.agreement"].search_count(organisation),
            },
        ]
        return sections

    # ----------------------------------------------------------- assessments
    @route(
        ["/my/pcve/assessments", "/my/pcve/assessments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def pcve_assessments(self, page=1, **kw):
        assessments, pager = self._pcve_page(
            "pcve.partner.assessment",
            [("partner_id", "=", self._pcve_organisation().id)],
            "/my/pcve/assessments",
            page,
        )
        values = self._pcve_values(
            [(request.env._("Assessments"), "/my/pcve/assessments")],
            assessments=assessments,
            pager=pager,
        )
        return request.render("pcve_partners.portal_my_assessments", values)

    @route(
        "/my/pcve/assessments/<int:assessment_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def pcve_assessment(self, assessment_id, **kw):
        assessment = self._pcve_record("pcve.partner.assessment", assessment_id)
        values = self._pcve_values(
            [
                (request.env._("Assessments"), "/my/pcve/assessments"),
                (assessment.name, ""),
            ],
            assessment=assessment,
        )
        return request.render("pcve_partners.portal_my_assessment", values)

    @route(
        "/my/pcve/assessments/<int:assessment_id>/letter",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def pcve_assessment_letter(self, assessment_id, **kw):
        """The outcome letter the partner was sent: rendered by the report as
        the superuser (its template names the decider), once the portal user
        may read the decided assessment and the municipality has informed the
        partner (informing passes the language check)."""
        assessment = self._pcve_record("pcve.partner.assessment", assessment_id)
        if assessment.state != "decided" or not assessment.partner_informed_date:
            raise request.not_found()
        return self._pcve_pdf(
            assessment, "pcve_partners.outcome_letter_report", assessment.name
        )

    # --------------------------------------------------------------- charter
    @route("/my/pcve/charter", type="http", auth="user", website=True, methods=["GET"])
    def pcve_charter(self, **kw):
        return self._pcve_render_charter()

    @route("/my/pcve/charter", type="http", auth="user", website=True, methods=["POST"])
    def pcve_charter_sign(self, signatory="", **kw):
        """Sign the current charter on behalf of the organisation, once."""
        charter = request.env["pcve.charter"]._get_current()
        if not charter:
            raise request.not_found()
        signature = self._pcve_signature(charter)
        if signature:
            return self._pcve_render_charter(
                error=request.env._(
                    "Your organisation signed this charter on %(date)s: it signs "
                    "it once.",
                    date=signature.signed_on,
                )
            )
        if not signatory.strip():
            return self._pcve_render_charter(
                error=request.env._("Give your name and role to sign.")
            )
        try:
            with request.env.cr.savepoint():
                request.env["pcve.charter.signature"].create(
                    {
                        "charter_id": charter.id,
                        "partner_id": self._pcve_organisation().id,
                        "signatory": signatory.strip(),
                        "channel": "portal",
                    }
                )
        except (UserError, ValidationError) as error:
            return self._pcve_render_charter(error=error.args[0])
        return request.redirect("/my/pcve/charter?signed=1")

    def _pcve_signature(self, charter):
        return request.env["pcve.charter.signature"].search(
            [
                ("charter_id", "=", charter.id),
                ("partner_id", "=", self._pcve_organisation().id),
            ],
            limit=1,
        )

    def _pcve_render_charter(self, error=None):
        charter = request.env["pcve.charter"]._get_current()
        values = self._pcve_values(
            [(request.env._("Charter"), "/my/pcve/charter")],
            charter=charter,
            signature=charter and self._pcve_signature(charter),
            signatures=request.env["pcve.charter.signature"].search(
                [("partner_id", "=", self._pcve_organisation().id)], limit=20
            ),
            error=error,
            signed=request.params.get("signed"),
        )
        return request.render("pcve_partners.portal_my_charter", values)

    # -------------------------------------------------------------- feedback
    @route(
        ["/my/pcve/feedback", "/my/pcve/feedback/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def pcve_feedback(self, page=1, **kw):
        return self._pcve_render_feedback(page)

    @route(
        "/my/pcve/feedback", type="http", auth="user", website=True, methods=["POST"]
    )
    def pcve_feedback_give(self, **post):
        """Record the organisation's own feedback, as given on the portal."""
        Feedback = request.env["pcve.partner.feedback"]
        decisions = dict(Feedback._fields["decision"].selection)
        ratings = dict(RATINGS)
        if post.get("decision") not in decisions or any(
            post.get(name) and post[name] not in ratings for name in RATING_FIELDS
        ):
            return self._pcve_render_feedback(
                1,
                error=request.env._("Choose your decision and ratings from the list."),
            )
        vals = {
            "partner_id": self._pcve_organisation().id,
            "channel": "portal",
            "decision": post["decision"],
            "comment": post.get("comment") or False,
            **{name: post[name] for name in RATING_FIELDS if post.get(name)},
        }
        objectives = (post.get("partner_objectives") or "").strip()
        if objectives:
            vals["partner_objectives"] = Markup("<p>%s</p>") % escape(objectives)
        try:
            with request.env.cr.savepoint():
                Feedback.create(vals)
        except (UserError, ValidationError) as error:
            return self._pcve_render_feedback(1, error=error.args[0])
        return request.redirect("/my/pcve/feedback?given=1")

    def _pcve_render_feedback(self, page, error=None):
        Feedback = request.env["pcve.partner.feedback"]
        feedbacks, pager = self._pcve_page(
            "pcve.partner.feedback",
            [("partner_id", "=", self._pcve_organisation().id)],
            "/my/pcve/feedback",
            page,
        )
        values = self._pcve_values(
            [(request.env._("Your feedback"), "/my/pcve/feedback")],
            feedbacks=feedbacks,
            pager=pager,
            decisions=Feedback._fields["decision"]._description_selection(request.env),
            ratings=RATINGS,
            rating_fields=[
                (name, Feedback._fields[name]._description_string(request.env))
                for name in RATING_FIELDS
            ],
            error=error,
            given=request.params.get("given"),
        )
        return request.render("pcve_partners.portal_my_feedback", values)

    # ------------------------------------------------------------ agreements
    @route(
        ["/my/pcve/agreements", "/my/pcve/agreements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def pcve_agreements(self, page=1, **kw):
        agreements, pager = self._pcve_page(
            "pcve.agreement",
            [("partner_id", "=", self._pcve_organisation().id)],
            "/my/pcve/agreements",
            page,
        )
        values = self._pcve_values(
            [(request.env._("Agreements"), "/my/pcve/agreements")],
            agreements=agreements,
            pager=pager,
        )
        return request.render("pcve_partners.portal_my_agreements", values)

    @route(
        "/my/pcve/agreements/<int:agreement_id>/pdf",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def pcve_agreement_pdf(self, agreement_id, **kw):
        """The memorandum as PDF: rendered by the report as the superuser (the
        report prints the memorandum's own fields only), once the portal user
        may read the active memorandum."""
        agreement = self._pcve_record("pcve.agreement", agreement_id)
        return self._pcve_pdf(
            agreement, "pcve_partners.agreement_report", agreement.name
        )
