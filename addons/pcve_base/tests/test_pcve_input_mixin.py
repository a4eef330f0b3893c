"""The input mixin on its public entry points, as the users who must pass and
those who must not, through the ORM and over XML-RPC: malformed domains,
windows, field names and ids get a UserError naming the problem, a call
naming more than MAX_IDS records is refused before any query, ids that do not
exist cost one query, each check runs once per call, and the company rule
keeps a record in the company it was filed in.

pcve_base gives communities to administrators only: the tests give employees
the access rights the domain addons give their groups."""

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.pcve_base.models.pcve_input_mixin import MAX_IDS, PcveInputMixin

from .common import RpcCase, suite_user

MODEL = "pcve.community"


class InputSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.env["ir.model.access"].create(
            {
                "name": "pcve.community employee (test)",
                "model_id": env["ir.model"]._get_id(MODEL),
                "group_id": env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
            }
        )
        cls.company = env.company
        cls.other = env["res.company"].create({"name": "Gemeente Elders"})
        cls.employee = suite_user(env, "pcve_mx_employee", "base.group_user")
        cls.employee.company_ids |= cls.other
        cls.outsider = suite_user(
            env, "pcve_mx_outsider", "base.group_user", company=cls.other
        )
        # the administrator in pcve_base alone, partners' managers with it
        manager_group = env[MODEL]._pcve_company_manager_group
        cls.manager = suite_user(env, "pcve_mx_manager", manager_group)
        cls.manager.company_ids |= cls.other
        cls.community = (
            env[MODEL].with_user(cls.employee).create({"name": "Kanaalwijk"})
        ).with_env(env)

    def _missing(self, count):
        first = self.env[MODEL].search([], order="id desc", limit=1).id + 1000
        return list(range(first, first + count))


@tagged("post_install", "-at_install")
class TestInputMixin(InputSetup, TransactionCase):
    def test_malformed_requests_name_the_problem(self):
        Community = self.env[MODEL].with_user(self.employee)
        self.assertEqual(
            Community.search([("name", "=", "Kanaalwijk")]), self.community
        )
        refused = {
            "no_such_field": lambda: Community.search([("no_such_field", "=", 1)]),
            "record ids": lambda: Community.search_count([("id", "in", ["abc"])]),
            "offset and limit": lambda: Community.search_read([], ["name"], limit=-1),
            "list of field names": lambda: Community.formatted_read_group([], "name"),
            "Invalid operator": lambda: Community.name_search("x", operator="nope"),
            "Invalid field 'nope'": lambda: self.community.with_user(
                self.employee
            ).read(["nope"]),
            "whole positive numbers": lambda: Community.browse(["abc"]).read(["name"]),
        }
        for text, call in refused.items():
            with self.subTest(text), self.assertRaises(UserError) as caught:
                call()
            self.assertIn(text, str(caught.exception))

    def test_bad_ids_in_any_public_method(self):
        """A public method the mixin does not override (an action of Odoo's)
        on malformed ids: a UserError, not a database error."""
        records = self.env[MODEL].with_user(self.employee).browse(["abc"])
        with self.assertRaisesRegex(UserError, "record ids are whole numbers"):
            records.action_archive()
        self.assertTrue(self.community.active)

    def test_long_id_list_refused_before_any_query(self):
        Community = self.env[MODEL].with_user(self.employee)
        records = Community.browse(self._missing(MAX_IDS + 1))
        calls = {
            "read": lambda: records.read(["name"]),
            "web_read": lambda: records.web_read({"name": {}}),
            "write": lambda: records.write({"name": "x"}),
            "unlink": lambda: records.unlink(),
            "copy": lambda: records.copy(),
        }
        for name, call in calls.items():
            with self.subTest(name), self.assertQueryCount(0):
                try:
                    call()
                except UserError as error:
                    refusal = error
                else:
                    refusal = None
            self.assertIn(f"at most {MAX_IDS} records", str(refusal), name)
        # the web client's largest selection passes; what is missing is not there
        self.assertEqual(Community.browse(self._missing(MAX_IDS)).read(["name"]), [])

    def test_missing_ids_cost_one_query(self):
        Community = self.env[MODEL].with_user(self.employee)
        counts = []
        for size in (2, 10, 1000):  # the first fills the caches
            records = Community.browse(self._missing(size) + self.community.ids)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(
                records.read(["name"]),
                [{"id": self.community.id, "name": "Kanaalwijk"}],
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2])
        self.assertLessEqual(counts[2], 2)  # the ids that exist, then their values

    def test_each_check_runs_once_per_call(self):
        """web_search_read searches and reads through search_fetch, _search
        and web_read: its domain is checked once, its ids (from the
        database) not at all; a direct read checks its ids once."""
        Community = self.env[MODEL].with_user(self.employee)
        spec = {"name": {}, "company_id": {"fields": {"display_name": {}}}}
        checks = ("_pcve_check_domain", "_pcve_check_ids", "_pcve_check_window")
        counted = {}
        for check in checks:
            original = getattr(PcveInputMixin, check)
            counted[check] = patch.object(
                PcveInputMixin, check, autospec=True, side_effect=original
            )
        mocks = {check: patcher.start() for check, patcher in counted.items()}
        for patcher in counted.values():
            self.addCleanup(patcher.stop)
        result = Community.web_search_read([("name", "!=", False)], spec, limit=80)
        self.assertIn(self.community.id, [values["id"] for values in result["records"]])
        calls = {check: mock.call_count for check, mock in mocks.items()}
        self.assertEqual(
            calls,
            {"_pcve_check_domain": 1, "_pcve_check_ids": 0, "_pcve_check_window": 1},
        )
        for mock in mocks.values():
            mock.reset_mock()
        self.community.with_user(self.employee).read(["name"])
        self.assertEqual(mocks["_pcve_check_ids"].call_count, 1)
        self.assertEqual(mocks["_pcve_check_domain"].call_count, 0)

    def test_company_rule(self):
        """A user files a record in one of his companies and only the
        managers of communities move it."""
        Community = self.env[MODEL].with_user(self.employee)
        record = self.community.with_user(self.employee)
        for company in (self.other, self.env["res.company"]):
            with self.assertRaisesRegex(AccessError, "Company rule"):
                record.write({"company_id": company.id})
        record.write({"company_id": self.company.id})  # no move
        both = Community.with_context(allowed_company_ids=self.employee.company_ids.ids)
        here = both.create({"name": "Here", "company_id": self.other.id})
        self.assertEqual(here.with_env(self.env).company_id, self.other)
        stranger = self.env["res.company"].create({"name": "Gemeente Nergens"})
        with self.assertRaisesRegex(AccessError, "Company rule"):
            Community.create({"name": "Nowhere", "company_id": stranger.id})
        # a user of another company does not even see it
        with self.assertRaises(AccessError):
            self.community.with_user(self.outsider).write({"company_id": self.other.id})
        self.assertEqual(self.community.company_id, self.company)
        self.community.with_user(self.manager).write({"company_id": self.other.id})
        self.assertEqual(self.community.company_id, self.other)


@tagged("post_install", "-at_install")
class TestInputMixinRpc(InputSetup, RpcCase, HttpCase):
    def test_over_xmlrpc(self):
        employee = self.employee
        self.assertEqual(
            self.rpc(employee, MODEL, "search", [("name", "=", "Kanaalwijk")]),
            self.community.ids,
        )
        with self.assertRpcRefused("no_such_field", codes=(2,)):
            self.rpc(employee, MODEL, "search", [("no_such_field", "=", 1)])
        with self.assertRpcRefused("record ids are whole", codes=(2,)):
            self.rpc(employee, MODEL, "read", ["abc"], ["name"])
        with self.assertRpcRefused("record ids are whole", codes=(2,)):
            self.rpc(employee, MODEL, "action_archive", ["abc"])
        with self.assertRpcRefused(f"at most {MAX_IDS} records", codes=(2,)):
            self.rpc(employee, MODEL, "write", self._missing(MAX_IDS + 1), {})
        with self.assertRpcRefused("Company rule", codes=(4,)):
            self.rpc(
                employee, MODEL, "write", self.community.ids, {"company_id": False}
            )
        with self.assertRpcRefused(codes=(4,)):
            self.rpc(
                self.outsider,
                MODEL,
                "write",
                self.community.ids,
                {"company_id": self.other.id},
            )
        self.assertEqual(self.community.company_id, self.company)
        self.rpc(
            self.manager,
            MODEL,
            "write",
            self.community.ids,
            {"company_id": self.other.id},
        )
        self.assertEqual(self.community.company_id, self.other)
