"""Test helpers of the language check (``pcve.language.mixin``): the texts,
the rule of pcve_base's data they break, and "send anyway" with a reason."""

import re

from odoo.exceptions import AccessError

WIZARD = "pcve.language.wizard"
FLAGGED = "<p>Muslim youth in the area are drawn into radicalisation.</p>"
CLEAN = "<p>We work with all communities against all forms of extremism.</p>"
# The rule FLAGGED breaks (pcve_base/data/pcve_language_rule_data.xml).
RULE = "Communities linked with extremism"


class LanguageGateCase:
    """ "Send anyway" of a flagged text, for an ``RpcCase`` whose ``manager``
    is another user than the sender."""

    def _wizard(self, user, record, reason):
        """The "send anyway" dialog of ``record`` as ``user``."""
        return (
            self.env[WIZARD]
            .with_user(user)
            .create({"res_model": record._name, "res_id": record.id, "reason": reason})
        )

    def _assert_confirmed(self, record, user, reason):
        """``user`` sent ``record``'s flagged text anyway with ``reason``:
        recorded by the system, logged once in his name, and none of it
        written by him, through the ORM or XML-RPC."""
        self.assertEqual(record.language_confirmed_reason, reason)
        self.assertEqual(record.language_confirmed_by_id, user)
        self.assertTrue(record.language_confirmed_on)
        log = record.message_ids.filtered(
            lambda m: "Sent despite the language warning" in m.body
        )
        self.assertEqual(len(log), 1)
        self.assertIn(RULE, log.body)
        self.assertIn(reason, log.body)
        self.assertEqual(log.author_id, user.partner_id)
        for fname, value in (
            ("language_confirmed_reason", "Nothing happened"),
            ("language_confirmed_by_id", self.manager.id),
            ("language_confirmed_on", "2030-01-01 10:00:00"),
            ("language_confirmed_digest", "0" * 64),
        ):
            # the refusal names the field
            label = re.escape(record._fields[fname].string)
            with self.assertRaisesRule(AccessError, label):
                record.with_user(user).write({fname: value})
            with self.assertRpcRefused(label):
                self.rpc(user, record._name, "write", record.ids, {fname: value})
        self.assertEqual(record.language_confirmed_reason, reason)
