from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestPcveCrisis(SafespacesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.incident = datetime(2030, 5, 22, 20, 30)
        cls.crisis = (
            cls.env["pcve.crisis"]
            .with_user(cls.organiser)
            .create(
                {
                    "name": "Attack at the arena",
                    "incident_date": cls.incident,
                    "tension_level": "high",
                    "affected_community_ids": [(6, 0, cls.community.ids)],
                }
            )
        )

    def _dialogue(self, start, **values):
        return self._create_session(
            user=self.organiser,
            crisis_id=self.crisis.id,
            start=start,
            stop=start.replace(hour=start.hour + 2),
            **values,
        )

    def test_tasks_from_the_playbook(self):
        names = self.crisis.task_ids.sorted("sequence").mapped("name")
        self.assertEqual(
            names,
            [
                "Offer assurance and support",
                "Consult communities on the response",
                "Match messages of communities and authorities",
                "Use standardised procedures",
                "Activate the silent middle",
                "Brief the media",
                "List what not to do",
            ],
        )
        self.assertEqual(self.crisis.task_progress, 0)
        self.crisis.task_ids[:2].done = True
        self.assertAlmostEqual(self.crisis.task_progress, 200 / 7)
        self.assertTrue(self.crisis.task_ids[0].done_on)

    def test_playbook_is_configurable(self):
        Step = self.env["pcve.crisis.playbook.step"].with_user(self.manager)
        Step.create({"name": "Reach out to youth workers", "sequence": 35})
        self.env.ref("pcve_safespaces.playbook_step_media").active = False
        crisis = self.env["pcve.crisis"].create(
            {"name": "Hate graffiti", "incident_date": self.incident}
        )
        names = crisis.task_ids.mapped("name")
        self.assertIn("Reach out to youth workers", names)
        self.assertNotIn("Brief the media", names)
        # regenerating adds only the missing steps
        self.crisis.with_user(self.organiser).action_generate_tasks()
        self.assertEqual(len(self.crisis.task_ids), 8)
        self.crisis.action_generate_tasks()
        self.assertEqual(len(self.crisis.task_ids), 8)
        with self.assertRaises(AccessError):
            Step.with_user(self.organiser).create({"name": "Not mine to add"})

    def test_hours_to_first_dialogue(self):
        self.assertFalse(self.crisis.first_session_on)
        self.assertEqual(self.crisis.hours_to_first_dialogue, 0)
        later = self._dialogue(datetime(2030, 5, 25, 17, 0))
        first = self._dialogue(datetime(2030, 5, 24, 18, 0))
        self.assertEqual(self.crisis.session_ids, later | first)
        self.assertEqual(self.crisis.first_session_on, first.start)
        self.assertEqual(self.crisis.hours_to_first_dialogue, 45.5)
        first.action_cancel()
        self.assertEqual(self.crisis.first_session_on, later.start)
        self.assertEqual(self.crisis.hours_to_first_dialogue, 68.5)
        self.crisis.incident_date = datetime(2030, 5, 25, 9, 0)
        self.assertEqual(self.crisis.hours_to_first_dialogue, 8)

    def test_confidential_dialogue_counts_but_stays_hidden(self):
        secret = self._dialogue(datetime(2030, 5, 23, 19, 0), confidential=True)
        self._dialogue(datetime(2030, 5, 24, 19, 0), confidential=False)
        self.env.invalidate_all()
        crisis = self.crisis.with_user(self.user)
        self.assertEqual(crisis.first_session_on, secret.start)
        self.assertNotIn(secret, crisis.session_ids)
        self.assertEqual(len(crisis.session_ids), 1)

    def test_teams(self):
        self.crisis.write(
            {
                "team_line_ids": [
                    (
                        0,
                        0,
                        {
                            "team": "practical",
                            "member_partner_ids": self.invitees[:2].ids,
                        },
                    ),
                    (0, 0, {"team": "media", "member_user_ids": self.organiser.ids}),
                    (0, 0, {"team": "civic"}),
                ]
            }
        )
        self.assertEqual(
            self.crisis.team_line_ids.mapped("team"), ["civic", "media", "practical"]
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.crisis.write({"team_line_ids": [(0, 0, {"team": "civic"})]})
            self.env.flush_all()

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["pcve.crisis"].with_user(self.user).create({"name": "x"})
        self.crisis.with_user(self.user).read(["name", "hours_to_first_dialogue"])
        with self.assertRaises(AccessError):
            self.crisis.task_ids[0].with_user(self.user).done = True
        with self.assertRaises(AccessError):
            self.crisis.with_user(self.organiser).unlink()
        action = self.crisis.with_user(self.organiser).action_plan_dialogue()
        self.assertEqual(action["context"]["default_crisis_id"], self.crisis.id)
