"""Long id lists cost a bounded, constant number of queries.

Ids that do not exist used to cost two queries each on the audited models,
before any access check, even for users with no right on the model: the audit
trail reads the old values of a write or an unlink as superuser, and Odoo's
``read`` looks for each missing record again (1 000 ids took 2 014 queries).
An unlink was logged record by record before its access check. Now missing ids
are dropped with one query (``pcve.input.mixin`` ``read``/``web_read``), an unlink is
checked before it is logged, and a call naming more than ``MAX_IDS`` records
(the web client's own maximum selection) is refused before any query. Tried as
a faith volunteer through the ORM and again over XML-RPC.
"""

import contextlib
import xmlrpc.client

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.pcve_base.models.pcve_input_mixin import MAX_IDS

# Audited models: one the volunteer may read (cases), two he may not.
MODELS = ("pcve.case", "pcve.partner.assessment", "pcve.safespace.session")
CALLS = {
    "read": lambda records: records.read(["create_date"]),
    "web_read": lambda records: records.web_read({"display_name": {}}),
    "write": lambda records: records.write({}),
    "unlink": lambda records: records.unlink(),
}
SIZES = (10, 1000)
REFUSALS = (AccessError, MissingError, UserError)
MUTED = (
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.http",
    "odoo.models",
    "odoo.models.unlink",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
)


@tagged("post_install", "-at_install", "pcve_security")
class TestIdLists(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.volunteer = new_test_user(
            cls.env,
            login="pcve_ids_volunteer",
            password="pcve_ids_volunteer",
            groups="pcve_casework.group_case_volunteer",
        )

    def _missing(self, model, count):
        """``count`` ids that no record of ``model`` has."""
        last = self.env[model].sudo().search([], order="id desc", limit=1)
        first = last.id + 1000
        return list(range(first, first + count))

    def _queries(self, call, records):
        """Queries of ``call(records)`` on an empty cache; a refusal is fine."""
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with contextlib.suppress(*REFUSALS), self.env.cr.savepoint():
            call(records)
        return self.env.cr.sql_log_count - before

    @mute_logger(*MUTED)
    def test_missing_ids_cost_constant_queries(self):
        for model in MODELS:
            Model = self.env[model].with_user(self.volunteer)
            for name, call in CALLS.items():
                with self.subTest(model=model, method=name):
                    self._queries(call, Model.browse(self._missing(model, 2)))  # warm
                    small, large = (
                        self._queries(call, Model.browse(self._missing(model, size)))
                        for size in SIZES
                    )
                    self.assertEqual(small, large, f"{SIZES} missing ids")
                    self.assertLessEqual(large, 25)
                    self.env.invalidate_all()
                    records = Model.browse(self._missing(model, SIZES[-1] * 5))
                    with (
                        self.assertQueryCount(large),
                        contextlib.suppress(*REFUSALS),
                        self.env.cr.savepoint(),
                    ):
                        call(records)

    @mute_logger(*MUTED)
    def test_forbidden_unlink_is_refused_before_it_is_logged(self):
        """Existing records the volunteer may not delete: refused at the same
        cost for two records or for all of them."""
        for model in MODELS:
            records = self.env[model].search([])
            self.assertGreater(len(records), 2, model)
            Model = self.env[model].with_user(self.volunteer)
            call = CALLS["unlink"]
            self._queries(call, Model.browse(records.ids[:2]))  # warm
            two = self._queries(call, Model.browse(records.ids[:2]))
            every = self._queries(call, Model.browse(records.ids))
            self.assertEqual(two, every, model)

    def test_long_id_list_refused_before_any_query(self):
        for model in MODELS:
            Model = self.env[model].with_user(self.volunteer)
            for name, call in CALLS.items():
                with self.subTest(model=model, method=name):
                    for size in (MAX_IDS + 1, 50 * MAX_IDS):
                        records = Model.browse(self._missing(model, size))
                        refusal = None
                        # no savepoint (assertRaises makes one): not a single query
                        with self.assertQueryCount(0):
                            try:
                                call(records)
                            except UserError as error:
                                refusal = error
                        self.assertIn(f"at most {MAX_IDS} records", str(refusal))

    def test_web_client_selection_is_accepted(self):
        """MAX_IDS ids, the web client's largest selection, pass the cap: what
        does not exist is simply not there."""
        Model = self.env["pcve.case"].with_user(self.volunteer)
        records = Model.browse(self._missing("pcve.case", MAX_IDS))
        self.assertEqual(records.read(["create_date"]), [])
        self.assertEqual(records.web_read({"display_name": {}}), [])
        # the system's own jobs (superuser) are not capped
        self.assertFalse(
            self.env["pcve.case"]
            .browse(self._missing("pcve.case", MAX_IDS + 1))
            .exists()
        )

    def _rpc(self, model, method, ids, *args):
        """(queries, fault or None) of an XML-RPC call as the volunteer."""
        before = self.env.cr.sql_log_count
        fault = None
        try:
            self.xmlrpc_object.execute(
                self.env.cr.dbname,
                self.volunteer.id,
                "pcve_ids_volunteer",
                model,
                method,
                ids,
                *args,
            )
        except xmlrpc.client.Fault as error:
            fault = error
        return self.env.cr.sql_log_count - before, fault

    @mute_logger(*MUTED)
    def test_over_xmlrpc(self):
        calls = {"read": (["create_date"],), "write": ({},), "unlink": ()}
        for model in MODELS:
            for name, args in calls.items():
                with self.subTest(model=model, method=name):
                    self._rpc(model, name, self._missing(model, 2), *args)  # warm
                    (small, small_fault), (large, large_fault) = (
                        self._rpc(model, name, self._missing(model, size), *args)
                        for size in SIZES
                    )
                    self.assertEqual(small, large, f"{SIZES} missing ids over XML-RPC")
                    self.assertEqual(bool(small_fault), bool(large_fault))
                    # a clear refusal (MissingError, AccessError...), no server error
                    for fault in filter(None, (small_fault, large_fault)):
                        self.assertIn(fault.faultCode, (2, 3, 4), fault.faultString)
                    __, fault = self._rpc(
                        model, name, self._missing(model, MAX_IDS + 1), *args
                    )
                    self.assertIsNotNone(fault)
                    self.assertIn(f"at most {MAX_IDS} records", fault.faultString)

    @mute_logger(*MUTED)
    def test_reading_only_ids_of_missing_cases(self):
        """read(["id"]) answers for any id without fetching: the audit trail
        must record reads of the cases that exist only."""
        ids = self._missing("pcve.case", 3)
        __, fault = self._rpc("pcve.case", "read", ids, ["id"])
        if fault:
            self.assertIn(fault.faultCode, (2, 3, 4), fault.faultString)
        self.assertNotIn("Traceback", fault.faultString if fault else "")
        logged = (
            self.env["auditlog.log"]
            .sudo()
            .search([("model_model", "=", "pcve.case"), ("res_id", "in", ids)])
        )
        self.assertFalse(logged)
