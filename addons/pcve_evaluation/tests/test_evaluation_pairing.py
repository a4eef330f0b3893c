import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EvaluationCommon

D = datetime.date
# The review's period: in the past, so that the pairing rule (from today on)
# lets teams that were unpaired then be recorded.
PERIOD = (D(2025, 1, 1), D(2025, 12, 31))
SIGNAL = D(2024, 12, 1)
FUTURE = fields.Date.today() + datetime.timedelta(days=30)


@tagged("post_install", "-at_install")
class TestEvaluationPairing(EvaluationCommon):
    """The workbook's pairing figure is the pairing rule's view of the teams
    (``pcve.case.member._unpaired_day``, which ``_check_pairing`` enforces)."""

    # name: (team as (user key, role, date_start, date_end, active),
    #        counts in the period, paired in the period)
    SCENARIOS = {
        "professional starts later": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), D(2025, 6, 30), True),
                ("social", "social_worker", D(2025, 2, 1), None, True),
            ],
            True,
            False,
        ),
        "ended membership, relieved by another": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), None, True),
                ("psychologist", "psychologist", D(2025, 1, 1), D(2025, 3, 31), True),
                ("social", "social_worker", D(2025, 4, 1), None, True),
            ],
            True,
            True,
        ),
        "archived professional": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), None, True),
                ("social", "social_worker", D(2025, 1, 1), None, False),
                ("psychologist", "psychologist", D(2025, 3, 1), None, True),
            ],
            True,
            False,
        ),
        "archived volunteer": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), D(2025, 5, 31), False),
                ("youth", "youth_worker", D(2025, 1, 1), None, True),
            ],
            False,
            False,
        ),
        "future volunteer": (
            [
                ("volunteer", "faith_volunteer", FUTURE, None, True),
                ("social", "social_worker", FUTURE, None, True),
            ],
            False,
            False,
        ),
        "a youth worker does not pair": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), D(2025, 8, 31), True),
                ("youth", "youth_worker", D(2025, 1, 1), None, True),
                ("psychologist", "psychologist", D(2025, 5, 1), None, True),
            ],
            True,
            False,
        ),
        "a psychologist pairs": (
            [
                ("volunteer", "faith_volunteer", D(2025, 1, 1), None, True),
                ("youth", "youth_worker", D(2025, 1, 1), None, True),
                ("psychologist", "psychologist", D(2025, 1, 1), None, True),
            ],
            True,
            True,
        ),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Gemeente Elders"})
        workers = "pcve_casework.group_case_worker"
        cls.users = {
            key: new_test_user(cls.env, login=f"pcve_ev_pair_{key}", groups=groups)
            for key, groups in (
                ("social", workers),
                ("psychologist", workers),
                ("youth", workers),
                ("volunteer", "pcve_casework.group_case_volunteer"),
            )
        }
        cls.initiative = cls.env["res.partner"].create(
            {"name": "Moskee De Brug", "is_company": True}
        )
        cls.cases = {}
        for name, (team, _counts, _paired) in cls.SCENARIOS.items():
            # Twice each, so that no figure falls under a threshold of 1.
            cls.cases[name] = cls._make_team_case(name, team) | cls._make_team_case(
                name, team
            )
        # Unpaired in the period, in another company: never in this one's figure.
        cls.elsewhere = cls._make_team_case(
            "elsewhere",
            cls.SCENARIOS["professional starts later"][0],
            company=cls.other_company,
        )
        cls.env["res.config.settings"].with_company(cls.company).create(
            {"pcve_disclosure_threshold": 1}
        ).execute()

    @classmethod
    def _make_team_case(cls, name, team, company=None):
        members = [
            {
                "user_id": cls.users[key].id,
                "role": role,
                "date_start": start,
                "date_end": end,
                "active": active,
                "acting_on_behalf_of_id": cls.initiative.id
                if role == "faith_volunteer"
                else False,
            }
            for key, role, start, end, active in team
        ]
        return cls.env["pcve.case"].create(
            {
                "subject_pseudonym": name,
                "signal_date": SIGNAL,
                "lead_user_id": cls.users["youth"].id,
                "company_id": (company or cls.company).id,
                "member_ids": [(0, 0, values) for values in members],
            }
        )

    def _rule_view(self, cases, date_from, date_to):
        """(with a volunteer, paired) as the pairing rule sees the teams."""
        with_volunteer = paired = 0
        for case in cases:
            team = case.with_context(active_test=False).member_ids
            volunteers = team.filtered(
                lambda m: (
                    m.active
                    and m.role == "faith_volunteer"
                    and (not date_to or m.date_start <= date_to)
                    and not (m.date_end and m.date_end < date_from)
                )
            )
            if volunteers:
                with_volunteer += 1
                paired += not team._unpaired_day(date_from, date_to)
        return with_volunteer, paired

    def _workbook_pairing(self, review):
        cases = self.render(review)["Cases"]
        return (
            self.find(cases, "Cases with a faith volunteer")[1],
            self.find(cases, "Share with a professional paired the whole time")[1],
        )

    def _review(self, date_from, date_to):
        return (
            self.env["pcve.evaluation.review"]
            .with_user(self.manager)
            .create({"name": "Pairing", "date_from": date_from, "date_to": date_to})
        )

    def test_edge_cases_as_the_rule_sees_them(self):
        for name, (_team, counts, paired) in self.SCENARIOS.items():
            for case in self.cases[name]:
                self.assertEqual(self._rule_view(case, *PERIOD), (counts, paired), name)

    def test_workbook_figure_equals_the_rule(self):
        cases = self.env["pcve.case"].search([("company_id", "=", self.company.id)])
        with_volunteer, paired = self._rule_view(cases, *PERIOD)
        self.assertEqual((with_volunteer, paired), (10, 4))
        self.assertEqual(
            self._workbook_pairing(self._review(*PERIOD)),
            (with_volunteer, paired / with_volunteer),
        )

    def test_figure_from_today_on_is_what_the_rule_enforces(self):
        """From today on, every team passed ``_check_pairing``: the figure of
        a period that starts today says 100%, and counts the volunteer who
        starts later."""
        cases = self.env["pcve.case"].search([("company_id", "=", self.company.id)])
        cases._check_pairing()
        today = fields.Date.today()
        until = today + datetime.timedelta(days=365)
        with_volunteer, paired = self._rule_view(cases, today, until)
        self.assertEqual((with_volunteer, paired), (8, 8))
        self.assertEqual(
            self._workbook_pairing(self._review(today, until)), (with_volunteer, 1)
        )

    def test_domain_method_is_for_managers_of_the_company(self):
        Case = self.env["pcve.case"]
        worker = self.users["social"]
        with self.assertRaises(AccessError):
            Case.with_user(worker)._pcve_pairing_figures([], *PERIOD)
        figures = Case.with_user(self.manager)._pcve_pairing_figures([], *PERIOD)
        self.assertEqual(figures, {"with_volunteer": 10, "paired": 4})
        # The other company's case is not the evaluation manager's to count.
        self.assertEqual(
            Case.with_user(self.manager)._pcve_pairing_figures(
                [("company_id", "=", self.other_company.id)], *PERIOD
            ),
            {"with_volunteer": 0, "paired": 0},
        )
        elsewhere_manager = new_test_user(
            self.env,
            login="pcve_ev_pair_elsewhere",
            groups="pcve_casework.group_case_manager",
            company_id=self.other_company.id,
            company_ids=[(6, 0, self.other_company.ids)],
        )
        self.assertEqual(
            Case.with_user(elsewhere_manager)._pcve_pairing_figures([], *PERIOD),
            {"with_volunteer": 1, "paired": 0},
        )
