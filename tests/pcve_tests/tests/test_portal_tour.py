"""Browser tours on the community portal as the demo portal user of the Bridges
Foundation (partnerportal): sign the charter, answer an invitation, raise a
concern and, once the municipality replied, read the reply."""

from markupsafe import Markup

from odoo.tests import HttpCase, new_test_user, tagged

# The whole tour's time limit (Odoo's default is 60 s): on a loaded machine a
# tour takes minutes; each step still fails on its own.
TOUR_TIMEOUT = 900


@tagged("post_install", "-at_install")
class TestPortalTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.env.ref("pcve_partners.user_partnerportal_demo")
        cls.organisation = cls.env.ref("pcve_partners.partner_bridges_ngo_demo")

    def _tour(self, name):
        self.start_tour("/my/pcve", name, login="partnerportal", timeout=TOUR_TIMEOUT)

    def test_sign_the_charter(self):
        Signature = self.env["pcve.charter.signature"]
        Signature.search([("partner_id", "=", self.organisation.id)]).unlink()
        self._tour("pcve_portal_charter_tour")
        signature = Signature.search([("partner_id", "=", self.organisation.id)])
        self.assertEqual(len(signature), 1)
        self.assertEqual(
            (signature.signatory, signature.channel, signature.create_uid),
            ("Karin Bos, chair", "portal", self.user),
        )

    def test_answer_an_invitation(self):
        invitation = self.env.ref(
            "pcve_safespaces_partners.invitation_parents_circle_bridges_demo"
        )
        self.assertEqual(invitation.state, "invited")
        self._tour("pcve_portal_invitation_tour")
        self.assertEqual(invitation.state, "accepted")

    def test_raise_a_concern_and_read_the_reply(self):
        self._tour("pcve_portal_concern_tour")
        concern = self.env["pcve.concern"].search(
            [("name", "=", "Tour concern: the swings are broken")]
        )
        self.assertEqual(concern.raised_by_partner_id, self.user.partner_id)
        self.assertEqual(concern.state, "new")
        # the municipality answers, "you said, we did"
        manager = new_test_user(
            self.env,
            login="pcve_portal_tour_manager",
            groups="pcve_safespaces.group_safespace_manager",
        )
        concern = concern.with_user(manager)
        concern.write({"response": Markup("<p>The swings were repaired.</p>")})
        concern.action_respond()
        concern.action_report_back()
        self._tour("pcve_portal_concern_reply_tour")
