"""Test helpers shared by the suite's addons: the suite's addons, users, the
refusal of a rule (``RuleCase``) and calls over XML-RPC as a user (``RpcCase``,
beside Odoo's ``HttpCase``)."""

import xmlrpc.client
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

# The suite's addons, the base ones first.
SUITE_MODULES = (
    "pcve_base",
    "pcve_audit",
    "pcve_partners",
    "pcve_casework",
    "pcve_safespaces",
    "pcve_casework_partners",
    "pcve_safespaces_partners",
    "pcve_evaluation",
)
# What logs a refused call on the server.
RPC_LOGGERS = (
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.http",
    "odoo.models",
)
# XML-RPC fault codes of a clear refusal: UserError (2, ValidationError too) and
# AccessError (4); 1 is a server error, 3 a refused login
# (odoo/addons/rpc/controllers/xmlrpc.py): a test that means it says so.
RPC_USER_ERROR = 2
RPC_ACCESS_ERROR = 4
CLEAR_FAULTS = (RPC_USER_ERROR, RPC_ACCESS_ERROR)


def load_languages(env, modules, codes):
    """Activate the languages ``codes`` and load the translations of
    ``modules`` in them, as installing a language does."""
    for code in codes:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms(modules, list(codes), overwrite=True)


def suite_user(env, login, groups, company=None, **values):
    """A user of ``groups`` (XML ids, comma-separated), only in ``company``
    if given; his password is :func:`password`."""
    if company:
        values.update(company_id=company.id, company_ids=[Command.set(company.ids)])
    return new_test_user(env, login=login, groups=groups, **values)


def password(user):
    """The password ``new_test_user`` gives: the login, padded to eight
    characters."""
    return user.login + "x" * (8 - len(user.login))


class RuleCase:
    """The refusal of a rule, for any test case."""

    @contextmanager
    def assertRaisesRule(self, exception, pattern):
        """assertRaises (rolled back to a savepoint) whose message matches
        ``pattern`` (a regular expression): the error names the rule."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)


class RpcCase(RuleCase):
    """Calls over XML-RPC as a user, for an ``HttpCase``."""

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over XML-RPC as ``user``; what the
        test wrote is flushed first (the server reads it with SQL)."""
        self.env.flush_all()
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            password(user),
            model,
            method,
            list(args),
            kwargs,
        )

    @contextmanager
    def assertRpcRefused(self, pattern="", codes=CLEAR_FAULTS):
        """The call is refused with a clear error of one of ``codes`` whose
        text matches ``pattern``: never a server error's traceback."""
        with (
            mute_logger(*RPC_LOGGERS),
            self.assertRaises(xmlrpc.client.Fault) as caught,
        ):
            yield caught
        fault = caught.exception
        self.assertIn(fault.faultCode, codes, fault.faultString[-500:])
        self.assertNotIn("Traceback", fault.faultString)
        if pattern:
            self.assertRegex(fault.faultString, pattern)

    def assertRefusedEverywhere(
        self, user, record, vals, pattern, exception=UserError, button=None
    ):
        """A write of ``vals`` on ``record`` (e.g. a forbidden move) refused
        as ``user`` with an error matching ``pattern`` (empty: any message):
        ``exception`` through the ORM, a clear fault over XML-RPC, and, if
        given, its ``button`` (a method name) refused both ways too. Returns
        the ORM write's caught exception."""

        def refused():
            if pattern:
                return self.assertRaisesRule(exception, pattern)
            return self.assertRaises(exception)

        mine = record.with_user(user)
        if button:
            with refused():
                getattr(mine, button)()
            with self.assertRpcRefused(pattern):
                self.rpc(user, record._name, button, record.ids)
        with refused() as caught:
            mine.write(vals)
        with self.assertRpcRefused(pattern):
            self.rpc(user, record._name, "write", record.ids, vals)
        return caught
