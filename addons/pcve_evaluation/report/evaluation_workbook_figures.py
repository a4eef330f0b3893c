from odoo import models

from .evaluation_workbook import _labels


class ReportEvaluationWorkbookFigures(models.AbstractModel):
    """The figures of the evaluation workbook, as each domain gives them.

    Every figure comes from the addon that owns the records (partners,
    casework, safe spaces), which checks that the user may read it (see
    ``pcve.figures.mixin``: evaluation managers are let in) and returns
    aggregates only. The report adds the labels of the fields and, in its
    sheets, disclosure control.
    """

    _inherit = "report.pcve_evaluation.evaluation_workbook"

    def _scope(self, review):
        return {
            "date_from": review.date_from,
            "date_to": review.date_to,
            "company": review.company_id,
            "communities": review.community_ids,
        }

    def _figures_partners(self, scope):
        Partner = self.env["res.partner"]
        Assessment = self.env["pcve.partner.assessment"]
        figures = Partner._pcve_partner_figures(
            scope["company"], scope["date_from"], scope["date_to"], scope["communities"]
        )
        figures["labels"] = {
            "type": _labels(Partner, "pcve_org_type"),
            "level": _labels(Partner, "pcve_collaboration_level"),
            "outcome": _labels(Assessment, "outcome"),
            "depth": _labels(Assessment, "required_depth"),
        }
        return figures

    def _figures_network(self, scope, partners, sessions):
        """Per community of the review (all of the company's if none was
        chosen): its active partners and the sessions held with it."""
        communities = scope["communities"] or self.env["pcve.community"].search_fetch(
            [("company_id", "in", [scope["company"].id, False])],
            ["name", "is_majority"],
        )
        return {
            "communities": [
                (
                    community.name,
                    community.is_majority,
                    partners["active_by_community"].get(community.id, 0),
                )
                + tuple(sessions["by_community"].get(community.id, (0, 0, 0, 0)))
                for community in communities
            ],
            "sessions": sessions["totals"][0],
            "with_women": sessions["with_women"],
            "with_youth": sessions["with_youth"],
        }

    def _figures_cases(self, scope):
        Case = self.env["pcve.case"]
        figures = Case._pcve_case_figures(
            [("company_id", "=", scope["company"].id)],
            scope["date_from"],
            scope["date_to"],
        )
        figures["labels"] = {
            "stage": _labels(Case, "stage"),
            "source": _labels(Case, "signal_source"),
            "type": _labels(Case, "concern_type"),
        }
        return figures

    def _figures_sessions(self, scope):
        Session = self.env["pcve.safespace.session"]
        figures = Session._pcve_session_figures(
            scope["company"], scope["date_from"], scope["date_to"], scope["communities"]
        )
        figures["labels"] = {
            "format": _labels(Session, "format"),
            "level": _labels(Session, "level"),
        }
        return figures

    def _figures_concerns(self, scope):
        Concern = self.env["pcve.concern"]
        figures = Concern._pcve_concern_figures(
            scope["company"], scope["date_from"], scope["date_to"], scope["communities"]
        )
        figures["labels"] = {
            "topic": _labels(Concern, "topic"),
            "state": _labels(Concern, "state"),
        }
        return figures

    def _figures_crises(self, scope):
        Crisis = self.env["pcve.crisis"]
        return {
            "rows": Crisis._pcve_crisis_figures(
                scope["company"], scope["date_from"], scope["date_to"]
            ),
            "labels": {"tension": _labels(Crisis, "tension_level")},
        }
