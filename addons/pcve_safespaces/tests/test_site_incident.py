from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SafespacesCommon

INCIDENT = "pcve.site.incident"
RESPONSE = "pcve.site.incident.response"
FAITHS = ("christian", "muslim", "jewish", "buddhist", "hindu", "sikh")
FAITHS += ("humanist", "none", "other")


class SiteIncidentFixtures:
    """A mosque run by its association, a church run by its parish, a
    humanist association that runs no site."""

    @classmethod
    def _setup_sites(cls):
        Partner = cls.env["res.partner"]
        cls.mosque_association = Partner.create(
            {"name": "Al-Fath Mosque Association", "is_company": True}
        )
        cls.parish = Partner.create({"name": "St. Martin's Parish", "is_company": True})
        cls.humanists = Partner.create(
            {"name": "Humanists", "is_company": True, "pcve_faith": "humanist"}
        )
        Site = cls.env["pcve.site"]
        cls.mosque = Site.create(
            {
                "name": "Al-Fath Mosque",
                "faith": "muslim",
                "partner_id": cls.mosque_association.id,
                "community_id": cls.community.id,
            }
        )
        cls.church = Site.create(
            {
                "name": "St. Martin's Church",
                "faith": "christian",
                "partner_id": cls.parish.id,
            }
        )

    def _incident(self, user=None, **values):
        Incident = self.env[INCIDENT]
        if user:
            Incident = Incident.with_user(user)
        return Incident.create(
            {
                "site_id": self.mosque.id,
                "kind": "graffiti",
                "occurred_on": date(2025, 3, 1),
                **values,
            }
        )

    def _response(self, incident, partners, user=None, **values):
        Response = self.env[RESPONSE]
        if user:
            Response = Response.with_user(user)
        return Response.create(
            {
                "incident_id": incident.id,
                "partner_ids": [(6, 0, partners.ids)],
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestSiteIncident(SiteIncidentFixtures, SafespacesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sites()
        cls.witness = cls.env["res.partner"].create({"name": "Anonymous witness"})

    # ------------------------------------------------------------ reporter
    def test_reporter_for_organisers_and_managers_only(self):
        incident = self._incident(self.organiser, reporter_partner_id=self.witness.id)
        for user in (self.organiser, self.manager):
            record = incident.with_user(user)
            self.assertEqual(record.reporter_partner_id, self.witness)
            self.assertEqual(
                record.search([("reporter_partner_id", "=", self.witness.id)]), record
            )
        Incident = self.env[INCIDENT].with_user(self.user)
        record = incident.with_user(self.user)
        self.assertEqual(record.site_id, self.mosque)
        self.assertNotIn("reporter_partner_id", Incident.fields_get())
        refused = {
            "read": lambda: record.read(["reporter_partner_id"]),
            "search": lambda: Incident.search(
                [("reporter_partner_id", "=", self.witness.id)]
            ),
            "order": lambda: Incident.search([], order="reporter_partner_id"),
            "group by": lambda: Incident.formatted_read_group(
                [], ["reporter_partner_id"], ["__count"]
            ),
            "aggregate": lambda: Incident.formatted_read_group(
                [], [], ["reporter_partner_id:count_distinct"]
            ),
            "export": lambda: record.export_data(["reporter_partner_id/name"]),
            "write": lambda: record.write({"reporter_partner_id": False}),
        }
        for name, call in refused.items():
            with self.subTest(call=name), self.assertRaises(AccessError):
                call()

    def test_reporter_never_tracked(self):
        """No chatter line tells who reported an incident: not at creation,
        not when it changes."""
        incident = self._incident(self.organiser, reporter_partner_id=self.witness.id)
        # as if created in an earlier transaction: a new record's changes in
        # the same one are not tracked
        self.env.cr.flush()
        incident.with_user(self.organiser).write(
            {"reporter_partner_id": self.parish.id, "severity": "high"}
        )
        self.env.cr.flush()  # tracking values are written before the commit
        self.env.invalidate_all()
        messages = incident.sudo().message_ids
        tracked = messages.tracking_value_ids.field_id.mapped("name")
        self.assertIn("severity", tracked)
        self.assertNotIn("reporter_partner_id", tracked)
        bodies = " ".join(messages.mapped("body"))
        self.assertNotIn(self.witness.name, bodies)

    # ------------------------------------------------------- state machine
    def test_new_responded_closed(self):
        incident = self._incident(self.organiser).with_user(self.organiser)
        self.assertEqual(incident.state, "new")
        with self.assertRaisesRule(UserError, "Response rule"):
            incident.write({"state": "responded"})
        with self.assertRaisesRule(UserError, "cannot go from New to Closed"):
            incident.action_close()
        with self.assertRaisesRule(UserError, "cannot go from New to Closed"):
            incident.write({"state": "closed"})
        self._response(incident, self.parish, self.organiser)
        self.assertEqual(incident.state, "responded")
        self.assertIs(incident.action_close(), True)
        self.assertEqual(incident.state, "closed")
        with self.assertRaisesRule(UserError, "cannot go from Closed to New"):
            incident.write({"state": "new"})
        with self.assertRaisesRule(UserError, "cannot start as Closed"):
            self._incident(self.organiser, state="closed")

    def test_state_as_every_role(self):
        incident = self._incident(self.organiser)
        self._response(incident, self.parish, self.organiser)
        for user in (self.user, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                incident.with_user(user).action_close()
        self.assertEqual(incident.state, "responded")
        incident.with_user(self.manager).action_close()
        self.assertEqual(incident.state, "closed")

    def test_company_set_by_managers_only(self):
        other = self.env["res.company"].create({"name": "Other municipality"})
        self.organiser.company_ids |= other
        incident = self._incident(self.organiser)
        with self.assertRaisesRule(AccessError, "Company rule"):
            incident.with_user(self.organiser).write({"company_id": other.id})

    # ---------------------------------------------------------- crisis
    def test_open_crisis_from_high_incident_only(self):
        medium = self._incident(self.organiser, severity="medium")
        with self.assertRaisesRule(UserError, "Crisis rule"):
            medium.with_user(self.organiser).action_open_crisis()
        self.assertFalse(medium.crisis_id)
        high = self._incident(self.organiser, severity="high")
        with self.assertRaises(AccessError):
            high.with_user(self.user).action_open_crisis()
        self.assertFalse(high.crisis_id)
        action = high.with_user(self.organiser).action_open_crisis()
        crisis = high.crisis_id
        self.assertTrue(crisis)
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("pcve.crisis", crisis.id)
        )
        self.assertEqual(crisis.tension_level, "high")
        self.assertEqual(crisis.affected_community_ids, self.community)
        self.assertTrue(crisis.task_ids, "the playbook's tasks")
        # the smart button opens the same crisis, for a reader too
        self.assertEqual(
            high.with_user(self.user).action_open_crisis()["res_id"], crisis.id
        )
        self.assertEqual(
            self.env["pcve.crisis"].search_count([("id", "=", crisis.id)]), 1
        )

    # ------------------------------------------------------- interfaith
    def test_is_interfaith(self):
        incident = self._incident(self.organiser)
        joint = self._response(
            incident, self.mosque_association | self.parish, self.organiser
        )
        self.assertTrue(joint.is_interfaith)
        alone = self._response(incident, self.parish, self.organiser)
        self.assertFalse(alone.is_interfaith)
        humanist = self._response(incident, self.parish | self.humanists)
        self.assertTrue(humanist.is_interfaith)
        # the church becomes a mosque: both partners now muslim
        self.church.faith = "muslim"
        self.assertFalse(joint.is_interfaith)
        # the parish no longer runs it: its own faith (none) counts, so nothing
        self.church.partner_id = self.humanists
        self.assertFalse(joint.is_interfaith)
        self.parish.pcve_faith = "christian"
        self.assertTrue(joint.is_interfaith)
        # a site's faith wins over the organisation's own
        self.mosque_association.pcve_faith = "christian"
        self.assertTrue(joint.is_interfaith)

    def test_faith_of_organisations_only(self):
        with self.assertRaisesRule(ValidationError, "Faith rule"):
            self.witness.pcve_faith = "muslim"
        with self.assertRaisesRule(ValidationError, "Faith rule"):
            self.humanists.is_company = False

    # -------------------------------------------------------------- form
    def test_organiser_records_incident_in_form(self):
        form = Form(self.env[INCIDENT].with_user(self.organiser))
        form.site_id = self.mosque
        form.kind = "graffiti"
        form.reporter_partner_id = self.witness
        with form.response_ids.new() as line:
            line.kind = "joint_cleaning"
            line.partner_ids.add(self.mosque_association)
            line.partner_ids.add(self.parish)
        incident = form.save()
        self.assertEqual(incident.state, "responded")
        self.assertTrue(incident.response_ids.is_interfaith)
        self.assertEqual(incident.faith, "muslim")
