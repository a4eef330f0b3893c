import datetime
from unittest.mock import patch

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RPC_ACCESS_ERROR, RPC_USER_ERROR

from .common import EvaluationHttpCommon

STAT_MODELS = (
    "pcve.evaluation.partner.stat",
    "pcve.evaluation.case.stat",
    "pcve.evaluation.session.stat",
    "pcve.evaluation.concern.stat",
)
CASES = "pcve.evaluation.case.stat"
SESSIONS = "pcve.evaluation.session.stat"
CONCERNS = "pcve.evaluation.concern.stat"
# The counts of each view: no answer may hold one from 1 to the threshold.
COUNTS = {
    CASES: ["case_count"],
    SESSIONS: [
        "session_count",
        "attendance_count",
        "attendance_women",
        "attendance_youth",
        "recurring_count",
        "neutral_count",
        "majority_count",
    ],
    CONCERNS: ["concern_count", "reported_back_count"],
}
GROUPINGS = [
    [],
    ["period:month"],
    ["period:quarter"],
    ["period:year"],
    ["company_id"],
    ["suppressed"],
]
CATEGORIES = {
    CASES: ["stage", "concern_type", "signal_source"],
    SESSIONS: ["state", "format", "level"],
    CONCERNS: ["state", "topic", "community_kind"],
}
THRESHOLD = 4


@tagged("post_install", "-at_install")
class TestEvaluationStat(EvaluationHttpCommon):
    """Statistics give cells of more than the threshold, never a record or a
    small count: through the ORM and over XML-RPC, as an evaluation manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.pcve_disclosure_threshold = THRESHOLD
        cls.manager.group_ids += cls.env.ref("base.group_allow_export")
        quarter = datetime.date(2025, 2, 10)
        cases = cls._cases(quarter, 6, "right_wing", "school")
        cls._cases(quarter, 2, "right_wing", "family")
        cls._cases(quarter, 3, "left_wing", "police")
        lone = cls._cases(quarter, 1, "left_wing", "police")
        closed = cls._cases(datetime.date(2025, 5, 2), 6, "right_wing", "school")
        closed |= cls._cases(datetime.date(2025, 8, 20), 5, "right_wing", "school")
        (lone | closed).write(
            {"closure_reason_code": "goals_met", "closure_reason": "Moved away."}
        )
        (lone | closed).action_close()
        cls.closed = closed
        cls.lone_case = lone
        cls.first_case = cases[0]
        month = datetime.datetime(2025, 3, 3, 18)
        cls._sessions(month, 5, "held", "dialogue_circle", "neighbourhood", youth=2)
        cls._sessions(month, 2, "held", "worktable", "city")
        cls._sessions(month, 1, "cancelled", "training", "city")
        cls.kinds = {
            kind: cls.env["pcve.community"].create(
                {
                    "name": f"Stat {kind}",
                    "group_kind": kind,
                    "company_id": cls.company.id,
                }
            )
            for kind in ("youth", "majority", "other")
        }
        raised = datetime.date(2025, 2, 3)
        cls.responded = cls._concerns(raised, 6, "responded", "housing", "youth")
        cls.responded[:5].reported_back = True
        cls.responded |= cls._concerns(raised, 3, "responded", "housing", "majority")
        cls.responded[-1].reported_back = True
        cls.responded |= cls._concerns(raised, 2, "responded", "housing", "other")
        # raised in January and March: one cell of the first quarter
        cls._concerns(datetime.date(2025, 1, 20), 2, "new", "parking", "youth")
        cls._concerns(datetime.date(2025, 3, 10), 3, "new", "safety", "majority")
        cls._concerns(raised, 3, "in_progress", "education", "youth")
        cls._concerns(datetime.date(2025, 3, 20), 2, "closed", "utilities", None)
        cls._concerns(datetime.date(2025, 5, 5), 2, "new", "housing", "youth")
        cls.portal = new_test_user(
            cls.env, login="pcve_ev_stat_portal", groups="base.group_portal"
        )
        cls._refresh()

    @classmethod
    def _refresh(cls):
        """The materialised statistics, computed again from these records."""
        for Stat in cls.env["pcve.evaluation.stat.mixin"]._pcve_stat_models():
            Stat._pcve_refresh()

    @classmethod
    def _cases(cls, day, count, concern_type, source):
        return cls.env["pcve.case"].create(
            [
                {
                    "subject_pseudonym": f"Stat {concern_type} {source} {day} {index}",
                    "signal_source": source,
                    "signal_date": day + datetime.timedelta(days=index),
                    "concern_type": concern_type,
                    "company_id": cls.company.id,
                }
                for index in range(count)
            ]
        )

    @classmethod
    def _sessions(cls, start, count, state, fmt, level, youth=0):
        return cls.env["pcve.safespace.session"].create(
            [
                {
                    "name": f"Stat {fmt} {index}",
                    "start": start + datetime.timedelta(days=index),
                    "format": fmt,
                    "level": level,
                    "state": state,
                    "confidential": index % 2 == 0,
                    "attendance_count": 20 if state == "held" else 0,
                    "attendance_women": 10 if state == "held" else 0,
                    # the youth of the cell: the last session only
                    "attendance_youth": youth if index == count - 1 else 0,
                    "company_id": cls.company.id,
                }
                for index in range(count)
            ]
        )

    @classmethod
    def _concerns(cls, day, count, state, topic, kind):
        """Concerns raised from ``day`` on, one a day; those responded to in
        ``index`` + 1 days."""
        return cls.env["pcve.concern"].create(
            [
                {
                    "name": f"Stat {state} {topic} {kind} {index}",
                    "raised_on": day + datetime.timedelta(days=index),
                    "state": state,
                    "topic": topic,
                    "community_id": kind and cls.kinds[kind].id,
                    "company_id": cls.company.id,
                    **(
                        {
                            "response": "<p>Done.</p>",
                            "responded_on": day
                            + datetime.timedelta(days=2 * index + 1),
                        }
                        if state == "responded"
                        else {}
                    ),
                }
                for index in range(count)
            ]
        )

    def _rows(self, model, user=None):
        # the rows are numbered again at every refresh: no cached values
        self._refresh()
        Stat = self.env[model].with_user(user or self.manager)
        fields = ["period", *CATEGORIES[model], *COUNTS[model], "suppressed"]
        return {
            tuple(row[name] for name in fields[:4]): {
                name: row[name] for name in fields[4:]
            }
            for row in Stat.search_read([], fields)
        }

    def _assert_no_small_count(self, model, rows, where):
        """No count from 1 to the threshold in rows (dictionaries)."""
        for row in rows:
            for name, value in row.items():
                counted = name == "__count" or name.split(":")[0] in COUNTS[model]
                if counted and isinstance(value, (int, float)) and value:
                    self.assertGreater(value, THRESHOLD, f"{where}: {name} in {row}")

    def test_cells_not_records(self):
        D = "undisclosed"
        self.assertEqual(
            self._rows(CASES),
            {
                (datetime.date(2025, 1, 1), "signal", "right_wing", "school"): {
                    "case_count": 6,
                    "suppressed": False,
                },
                # 2 right-wing (family) and 3 left-wing signals gave up their
                # source and type: 5 signals
                (datetime.date(2025, 1, 1), "signal", D, D): {
                    "case_count": 5,
                    "suppressed": False,
                },
                # the one closed case: in no category, with no count
                (datetime.date(2025, 1, 1), D, D, D): {
                    "case_count": 0,
                    "suppressed": True,
                },
                (datetime.date(2025, 4, 1), "closed", "right_wing", "school"): {
                    "case_count": 6,
                    "suppressed": False,
                },
                (datetime.date(2025, 7, 1), "closed", "right_wing", "school"): {
                    "case_count": 5,
                    "suppressed": False,
                },
            },
        )
        rows = self._rows(SESSIONS)
        self.assertEqual(
            rows[
                (datetime.date(2025, 3, 1), "held", "dialogue_circle", "neighbourhood")
            ],
            {
                "session_count": 5,
                "attendance_count": 100,
                "attendance_women": 50,
                # two young people: not disclosed
                "attendance_youth": 0,
                "recurring_count": 0,
                "neutral_count": 0,
                "majority_count": 0,
                "suppressed": False,
            },
        )
        # 2 worktables and 1 cancelled training: 3 sessions, no figure at all
        self.assertEqual(
            rows[(datetime.date(2025, 3, 1), D, D, D)],
            dict.fromkeys(COUNTS[SESSIONS], 0) | {"suppressed": True},
        )
        self.assertEqual(len(rows), 2)
        # Nothing of a single record: no dates, names, pseudonyms or texts.
        for model in (CASES, SESSIONS):
            fields = set(self.env[model]._fields)
            for name in (
                "name",
                "start",
                "signal_date",
                "closed_on",
                "subject_pseudonym",
            ):
                self.assertNotIn(name, fields, model)

    def test_concern_cells(self):
        """A small cell gives up its kind of community, then its topic, then
        its state, then its count; each concern is in one row."""
        D = "undisclosed"
        first, second = datetime.date(2025, 1, 1), datetime.date(2025, 4, 1)

        def row(count, reported=0, suppressed=False):
            return {
                "concern_count": count,
                "reported_back_count": reported,
                "suppressed": suppressed,
            }

        rows = self._rows(CONCERNS)
        self.assertEqual(
            rows,
            {
                # 5 of 6 reported back: the one left is a small count, and so
                # is what it would leave of the cell
                (first, "responded", "housing", "youth"): row(6),
                # 3 of the majority and 2 of another kind: their kind given up;
                # 1 reported back, not shown
                (first, "responded", "housing", D): row(5),
                # 2 about parking (January) and 3 about safety (March): their
                # topic given up
                (first, "new", D, D): row(5),
                # 3 in progress (February) and 2 closed (March): their state
                # given up
                (first, D, D, D): row(5),
                # 2 concerns in the second quarter: no count at all
                (second, D, D, D): row(0, suppressed=True),
            },
        )
        concerns = self.env["pcve.concern"].search(
            [("company_id", "=", self.company.id), ("raised_on", "<", second)]
        )
        self.assertEqual(
            sum(
                values["concern_count"]
                for key, values in rows.items()
                if key[0] == first
            ),
            len(concerns),
        )
        # 6 reported back in a cell of 6: shown
        self.responded[5].reported_back = True
        key = (first, "responded", "housing", "youth")
        self.assertEqual(self._rows(CONCERNS)[key], row(6, reported=6))
        # the concern register's pivot names communities; this one does not
        fields = set(self.env[CONCERNS]._fields)
        for name in ("name", "community_id", "raised_on", "responded_on"):
            self.assertNotIn(name, fields)

    def test_days_to_response_weighted_by_concerns(self):
        days = [
            (concern.responded_on - concern.raised_on).days
            for concern in self.responded
        ]
        groups = (
            self.env[CONCERNS]
            .with_user(self.manager)
            .formatted_read_group(
                [("state", "=", "responded")], [], ["__count", "days_to_response:avg"]
            )
        )
        self.assertEqual(groups[0]["__count"], 11)
        self.assertAlmostEqual(groups[0]["days_to_response:avg"], sum(days) / len(days))

    def test_days_open_weighted_by_cases(self):
        days = [(case.closed_on - case.signal_date).days for case in self.closed]
        groups = (
            self.env[CASES]
            .with_user(self.manager)
            .formatted_read_group(
                [("stage", "=", "closed")], [], ["__count", "days_open:avg"]
            )
        )
        self.assertEqual(groups[0]["__count"], 11)
        self.assertAlmostEqual(groups[0]["days_open:avg"], sum(days) / len(days))

    def test_no_small_count_through_the_orm(self):
        for model in (CASES, SESSIONS, CONCERNS):
            Stat = self.env[model].with_user(self.manager)
            names = COUNTS[model]
            records = Stat.search([])
            self._assert_no_small_count(model, records.read(names), "read")
            self._assert_no_small_count(model, Stat.search_read([], names), "search")
            exported = records.export_data(names)["datas"]
            self._assert_no_small_count(
                model,
                [dict(zip(names, row, strict=True)) for row in exported],
                "export",
            )
            aggregates = ["__count", *(f"{name}:sum" for name in names)]
            for groupby in (
                GROUPINGS
                + [[name] for name in CATEGORIES[model]]
                + [CATEGORIES[model], ["period:quarter", CATEGORIES[model][0]]]
            ):
                groups = Stat.formatted_read_group([], groupby, aggregates)
                self._assert_no_small_count(model, groups, f"group by {groupby}")
            for aggregate in ("id:count", f"{names[0]}:count_distinct"):
                with self.assertRaises(UserError):
                    Stat.formatted_read_group([], ["period:year"], [aggregate])

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc", "odoo.http")
    def test_no_small_count_over_xmlrpc(self):
        for model in (CASES, SESSIONS, CONCERNS):
            names = COUNTS[model]
            ids = self.rpc(self.manager, model, "search", [])
            self.assertTrue(ids)
            self._assert_no_small_count(
                model, self.rpc(self.manager, model, "read", ids, names), "read"
            )
            self._assert_no_small_count(
                model,
                self.rpc(self.manager, model, "search_read", [], names),
                "search_read",
            )
            exported = self.rpc(self.manager, model, "export_data", ids, names)
            self._assert_no_small_count(
                model,
                [dict(zip(names, row, strict=True)) for row in exported["datas"]],
                "export_data",
            )
            aggregates = ["__count", *(f"{name}:sum" for name in names)]
            for groupby in GROUPINGS + [CATEGORIES[model]]:
                groups = self.rpc(
                    self.manager, model, "formatted_read_group", [], groupby, aggregates
                )
                self._assert_no_small_count(model, groups, f"rpc group by {groupby}")
            with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
                self.rpc(
                    self.manager, model, "formatted_read_group", [], [], ["id:count"]
                )
            # no export right, or no access: either way nothing
            refused = (RPC_ACCESS_ERROR, RPC_USER_ERROR)
            for user in (self.staff, self.case_manager, self.portal):
                for method, args in (
                    ("search_read", [[], names]),
                    ("formatted_read_group", [[], [], ["__count"]]),
                    ("export_data", [ids, names]),
                ):
                    codes = refused if method == "export_data" else (RPC_ACCESS_ERROR,)
                    with self.assertRpcRefused(codes=codes):
                        self.rpc(user, model, method, *args)

    def test_threshold_is_the_companys(self):
        key = (datetime.date(2025, 1, 1), "signal", "right_wing", "family")
        for threshold in (1, 7, 4):
            with self.subTest(threshold=threshold):
                self.company.pcve_disclosure_threshold = threshold
                rows = self._rows(CASES)
                # the 2 family signals stand alone only under threshold 1
                self.assertEqual(
                    rows.get(key, {}).get("case_count"), 2 if threshold == 1 else None
                )
                for row in rows.values():
                    self.assertFalse(0 < row["case_count"] <= threshold, row)

    def _open_pivot(self, model):
        """The read_group calls of the model's pivot view as the web client
        opens it: the total, the rows, the columns and the cells."""
        Stat = self.env[model].with_user(self.manager)
        arch = etree.fromstring(
            Stat.get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        )
        rows = [
            node.get("name") for node in arch.iter("field") if node.get("type") == "row"
        ]
        cols = [
            ":".join(filter(None, (node.get("name"), node.get("interval"))))
            for node in arch.iter("field")
            if node.get("type") == "col"
        ]
        measures = [
            f"{node.get('name')}:{Stat._fields[node.get('name')].aggregator or 'sum'}"
            for node in arch.iter("field")
            if node.get("type") == "measure"
        ]
        for groupby in ([], rows[:1], cols[:1], rows[:1] + cols[:1]):
            Stat.formatted_read_group([], groupby, measures or ["__count"])

    def test_materialised(self):
        """Each statistics model reads a materialised view, indexed by company."""
        for model in STAT_MODELS:
            table = self.env[model]._table
            self.env.cr.execute(
                "SELECT relkind FROM pg_class WHERE relname = %s", [table]
            )
            self.assertEqual(self.env.cr.fetchone()[0], "m", model)
            self.env.cr.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table]
            )
            self.assertIn("(company_id", " ".join(r[0] for r in self.env.cr.fetchall()))

    def test_pivot_queries_at_two_sizes(self):
        """A pivot's queries do not grow with the records counted."""

        def count_queries(model):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._open_pivot(model)
            return self.env.cr.sql_log_count - before

        small = {}
        for model in STAT_MODELS:
            self._open_pivot(model)  # warm the caches
            small[model] = count_queries(model)
        for index in range(10):
            day = datetime.date(2024, 1 + index, 3)
            self._cases(day, 6, "right_wing", "school")
            self._sessions(
                datetime.datetime(2024, 1 + index, 3, 18),
                5,
                "held",
                "worktable",
                "city",
            )
        community = self.env["pcve.community"].create(
            {"name": "Stat community", "company_id": self.company.id}
        )
        self.env["pcve.concern"].create(
            [
                {
                    "name": f"Stat concern {index}",
                    "community_id": community.id,
                    "company_id": self.company.id,
                }
                for index in range(20)
            ]
        )
        self._refresh()
        for model in STAT_MODELS:
            with self.subTest(model=model):
                self.assertEqual(count_queries(model), small[model])
                self.env.invalidate_all()
                with self.assertQueryCount(small[model]):
                    self._open_pivot(model)

    def test_refresh_job(self):
        """Cells are computed ahead: new cases count after the job's refresh."""
        self._cases(datetime.date(2023, 4, 3), 6, "right_wing", "school")
        Stat = self.env[CASES].with_user(self.manager)
        period = [("period", "=", "2023-04-01")]
        self.env.flush_all()
        self.assertFalse(Stat.search_read(period, ["case_count"]))
        progress = []
        with patch.object(
            self.registry["ir.cron"],
            "_commit_progress",
            lambda _cron, processed, remaining: progress.append(remaining) or 60.0,
        ):
            self.env[CASES]._cron_pcve_refresh()
        self.assertEqual(
            [row["case_count"] for row in Stat.search_read(period, ["case_count"])],
            [6],
        )
        self.assertEqual(progress, [3, 2, 1, 0])

    def test_only_managers_read_statistics(self):
        for model in STAT_MODELS:
            self.env[model].with_user(self.manager).search_count([])
            for user in (self.staff, self.case_manager, self.portal):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).formatted_read_group(
                        [], [], ["__count"]
                    )

    def test_menus_for_managers(self):
        menu = self.env.ref("pcve_evaluation.pcve_evaluation_case_stat_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.staff)._visible_menu_ids())
