from datetime import datetime

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SafespacesCommon

EXACT = ("first_session_on", "hours_to_first_dialogue")
OPEN = ("first_open_session_on", "hours_to_first_open_dialogue")


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
        crisis = self.crisis.with_user(self.manager)
        self.assertFalse(crisis.first_session_on)
        self.assertEqual(crisis.hours_to_first_dialogue, 0)
        later = self._dialogue(datetime(2030, 5, 25, 17, 0), confidential=False)
        first = self._dialogue(datetime(2030, 5, 24, 18, 0), confidential=False)
        self.assertEqual(crisis.session_ids, later | first)
        self.assertEqual(crisis.first_session_on, first.start)
        self.assertEqual(crisis.hours_to_first_dialogue, 45.5)
        self.assertEqual(crisis.first_open_session_on, first.start)
        self.assertEqual(crisis.hours_to_first_open_dialogue, 45.5)
        first.action_cancel()
        self.assertEqual(crisis.first_session_on, later.start)
        self.assertEqual(crisis.hours_to_first_dialogue, 68.5)
        self.assertEqual(crisis.hours_to_first_open_dialogue, 68.5)
        self.crisis.incident_date = datetime(2030, 5, 25, 9, 0)
        self.assertEqual(crisis.hours_to_first_dialogue, 8)
        self.assertEqual(crisis.hours_to_first_open_dialogue, 8)
        later.confidential = True
        self.assertEqual(crisis.hours_to_first_dialogue, 8)
        self.assertFalse(crisis.first_open_session_on)
        self.assertEqual(crisis.hours_to_first_open_dialogue, 0)

    def test_confidential_dialogue_counts_for_managers_only(self):
        """The response time counts a confidential dialogue event, but only
        managers (who see every session) read it: others may not learn when
        the event takes place from the crisis."""
        secret = self._dialogue(datetime(2030, 5, 23, 19, 0))
        self.assertTrue(secret.confidential)
        public = self._dialogue(datetime(2030, 5, 24, 19, 0), confidential=False)
        self.env.invalidate_all()
        manager = self.crisis.with_user(self.manager)
        self.assertEqual(manager.first_session_on, secret.start)
        self.assertEqual(manager.hours_to_first_dialogue, 22.5)
        self.assertEqual(manager.first_open_session_on, public.start)
        # the organiser of the secret event is no manager: he sees it, yet
        # the crisis shows no exact figure to organisers
        for user in (self.user, self.organiser, self.other_organiser):
            with self.subTest(user=user.login):
                crisis = self.crisis.with_user(user)
                self.assertFalse(set(EXACT) & set(crisis.fields_get()))
                self.assertEqual(crisis.first_open_session_on, public.start)
                self.assertEqual(crisis.hours_to_first_open_dialogue, 46.5)
                for fname in EXACT:
                    with self.assertRaises(AccessError):
                        crisis.read([fname])
                    with self.assertRaises(AccessError):
                        crisis.search([(fname, "!=", False)])
                    with self.assertRaises(AccessError):
                        crisis.search([], order=fname)
                    with self.assertRaises(AccessError):
                        crisis.formatted_read_group([], [], [f"{fname}:max"])
        user_crisis = self.crisis.with_user(self.user)
        self.assertNotIn(secret, user_crisis.session_ids)
        self.assertEqual(user_crisis.session_ids, public)
        # nor through a related path or the export
        with self.assertRaises(AccessError):
            user_crisis.export_data(["hours_to_first_dialogue"])
        with self.assertRaises(AccessError):
            self.env["pcve.safespace.session"].with_user(self.user).search(
                [("crisis_id.first_session_on", "!=", False)]
            )

    def test_crisis_views_open_for_every_role(self):
        """List, kanban and form of a crisis open for every safe-space role,
        as the web client asks for them; only managers get the exact figures."""
        self._dialogue(datetime(2030, 5, 23, 19, 0))
        self._dialogue(datetime(2030, 5, 24, 19, 0), confidential=False)
        self.env.invalidate_all()
        for user, exact in (
            (self.user, False),
            (self.organiser, False),
            (self.manager, True),
        ):
            with self.subTest(user=user.login):
                Crisis = self.env["pcve.crisis"].with_user(user)
                views = Crisis.get_views(
                    [(False, "list"), (False, "kanban"), (False, "form")]
                )["views"]
                for view_type, view in views.items():
                    arch = etree.fromstring(view["arch"])
                    spec = {
                        node.get("name"): {}
                        for node in arch.iter("field")
                        if not any(p.tag == "field" for p in node.iterancestors())
                    }
                    if view_type != "kanban":
                        self.assertEqual(bool(set(EXACT) & set(spec)), exact, view_type)
                    if view_type == "form" or (view_type == "list" and not exact):
                        self.assertLessEqual(set(OPEN), set(spec), view_type)
                    values = Crisis.browse(self.crisis.id).web_read(spec)[0]
                    self.assertEqual(values["name"], self.crisis.name)
                    if "hours_to_first_open_dialogue" in spec:
                        self.assertEqual(values["hours_to_first_open_dialogue"], 46.5)
                    if exact and "hours_to_first_dialogue" in spec:
                        self.assertEqual(values["hours_to_first_dialogue"], 22.5)
                # the list, grouped as the web client groups it
                groups = Crisis.web_read_group(
                    [("id", "=", self.crisis.id)],
                    ["state"],
                    ["hours_to_first_open_dialogue:avg"],
                )["groups"]
                response = next(g for g in groups if g["state"] == "response")
                self.assertEqual(response["hours_to_first_open_dialogue:avg"], 46.5)

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
        self.crisis.with_user(self.user).read(["name", "hours_to_first_open_dialogue"])
        with self.assertRaises(AccessError):
            self.crisis.with_user(self.user).read(["name", "hours_to_first_dialogue"])
        with self.assertRaises(AccessError):
            self.crisis.task_ids[0].with_user(self.user).done = True
        with self.assertRaises(AccessError):
            self.crisis.with_user(self.organiser).unlink()
        action = self.crisis.with_user(self.organiser).action_plan_dialogue()
        self.assertEqual(action["context"]["default_crisis_id"], self.crisis.id)
