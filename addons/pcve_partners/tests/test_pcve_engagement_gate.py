from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PcvePartnersRpcCommon

RULE = "without a valid collaboration level"


@tagged("post_install", "-at_install")
class TestEngagementGate(PcvePartnersRpcCommon):
    """'Dialogue and collaboration' needs a valid level other than none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # who edits partner profiles edits contacts
        cls.env.ref("base.group_partner_manager").write(
            {
                "user_ids": [
                    (4, user.id)
                    for user in (cls.staff, cls.assessor, cls.approver, cls.manager)
                ]
            }
        )

    def _stage(self, user, stage="collaboration"):
        return self.rpc(
            user,
            "res.partner",
            "write",
            self.partner.ids,
            {"pcve_engagement_stage": stage},
        )

    def test_no_level_no_collaboration_stage(self):
        for user in (self.staff, self.assessor, self.approver, self.manager):
            with self.assertRaisesRule(ValidationError, RULE):
                self.partner.with_user(user).pcve_engagement_stage = "collaboration"
            with self.assertRpcRefused(RULE):
                self._stage(user)
        with self.assertRaisesRule(ValidationError, RULE):
            self.env["res.partner"].with_user(self.staff).create(
                {
                    "name": "New",
                    "pcve_is_partner": True,
                    "pcve_engagement_stage": "collaboration",
                }
            )
        self.assertIs(self._stage(self.staff, "selected"), True)

    def test_declined_partner_stays_out(self):
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(rationale="No charter")
        with self.assertRpcRefused(RULE):
            self._stage(self.manager)

    def test_valid_level_opens_the_stage_red_flag_or_not(self):
        self._approved("partnership")
        self._observation()
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        self.assertIs(self._stage(self.staff), True)
        self.assertEqual(self.partner.pcve_engagement_stage, "collaboration")
