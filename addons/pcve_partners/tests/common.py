from odoo.tests import HttpCase, new_test_user

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.pcve_base.tests.common import RpcCase, RuleCase

ASSESSMENT = "pcve.partner.assessment"


class PcvePartnersSetup:
    """The users, partner and charter of the partners tests (ORM and RPC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduled jobs commit their progress: a test keeps its transaction
        cls.classPatch(
            cls.registry["ir.cron"], "_commit_progress", lambda *a, **kw: 60.0
        )
        groups = "base.group_allow_export,pcve_partners.group_pcve_"
        cls.staff = new_test_user(cls.env, login="t_staff", groups=groups + "user")
        cls.assessor = new_test_user(
            cls.env, login="t_assessor", groups=groups + "assessor"
        )
        cls.assessor2 = new_test_user(
            cls.env, login="t_assessor2", groups=groups + "assessor"
        )
        cls.approver = new_test_user(
            cls.env, login="t_approver", groups=groups + "approver"
        )
        cls.approver2 = new_test_user(
            cls.env, login="t_approver2", groups=groups + "approver"
        )
        cls.liaison = new_test_user(
            cls.env, login="t_liaison", groups=groups + "security_liaison"
        )
        cls.manager = new_test_user(
            cls.env, login="t_manager", groups=groups + "manager"
        )
        cls.employee = new_test_user(
            cls.env, login="t_employee", groups="base.group_user"
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Test Youth Club",
                "email": "club@example.org",
                "pcve_is_partner": True,
                "pcve_org_type": "youth_organisation",
            }
        )
        cls.env["pcve.charter"].search([]).write({"active": False})
        cls.charter = cls.env["pcve.charter"].create(
            {"name": "Charter for Democratic Values", "version": "9"}
        )
        cls.Assessment = cls.env[ASSESSMENT]

    @classmethod
    def _assessment(cls, user=None, **vals):
        values = {"partner_id": cls.partner.id, "requested_level": "dialogue"}
        values.update(vals)
        return cls.Assessment.with_user(user or cls.assessor).create(values)

    @classmethod
    def _complete(cls, assessment, rating="no_concern"):
        """Fill every criterion and add two cross-checked references."""
        assessment.criterion_line_ids.write(
            {"rating": rating, "source": "Annual report"}
        )
        assessment.write(
            {
                "reference_ids": [
                    (0, 0, {"name": "Youth department", "cross_checked": True}),
                    (0, 0, {"name": "Police officer", "cross_checked": True}),
                ]
            }
        )

    @classmethod
    def _approved(cls, level="partnership", partner=None):
        """An assessment of ``partner`` approved at ``level`` (a partnership
        is a full assessment: complete)."""
        assessment = cls._assessment(
            partner_id=(partner or cls.partner).id, requested_level=level
        )
        if level == "partnership":
            cls._complete(assessment)
        assessment.action_submit()
        assessment.with_user(cls.approver).action_approve()
        return assessment

    @classmethod
    def _feedback(cls, user=None, **vals):
        """The partner's feedback, by default "collaborate", recorded today."""
        values = {
            "partner_id": cls.partner.id,
            "decision": "collaborate",
            "channel": "interview",
            "partner_objectives": "<p>Our own youth work, on our own terms</p>",
        }
        values.update(vals)
        return (
            cls.env["pcve.partner.feedback"]
            .with_user(user or cls.assessor)
            .create(values)
        )

    @classmethod
    def _agreement(cls, assessment=None, **vals):
        """A draft memorandum with the partner, prepared by the assessor."""
        values = {
            "name": "MoU",
            "partner_id": cls.partner.id,
            "assessment_id": assessment.id if assessment else False,
            "objectives": "<p>Dialogue circles</p>",
        }
        values.update(vals)
        return cls.env["pcve.agreement"].with_user(cls.assessor).create(values)

    @classmethod
    def _observation(cls, user=None, **vals):
        values = {
            "partner_id": cls.partner.id,
            "severity": "red",
            "category": "statement",
            "description": "Called for violence at a rally",
            "source": "Local newspaper",
        }
        values.update(vals)
        return (
            cls.env["pcve.partner.observation"]
            .with_user(user or cls.approver)
            .create(values)
        )

    def _sign_charter(self):
        self.env["pcve.charter.signature"].create(
            {
                "partner_id": self.partner.id,
                "charter_id": self.charter.id,
                "signatory": "Chair",
            }
        )


class PcvePartnersCommon(PcvePartnersSetup, RuleCase, BaseCommon):
    pass


class PcvePartnersRpcCommon(PcvePartnersSetup, RpcCase, HttpCase):
    """The same, with calls over XML-RPC as a real client makes them."""
