from pathlib import Path

import polib

from odoo.modules import get_module_path
from odoo.tests import BaseCase, tagged

SUITE = (
    "pcve_base",
    "pcve_audit",
    "pcve_partners",
    "pcve_casework",
    "pcve_safespaces",
    "pcve_evaluation",
)
# the small base addons have fewer terms; a .pot below this lost its terms
MIN_TERMS = {"pcve_base": 20, "pcve_audit": 10}
LANGS = ("nl", "de")


@tagged("post_install", "-at_install")
class TestTranslations(BaseCase):
    """Every addon ships a .pot and a complete Dutch and German translation."""

    def test_every_term_is_translated(self):
        for addon in SUITE:
            i18n = Path(get_module_path(addon)) / "i18n"
            pot = polib.pofile(str(i18n / f"{addon}.pot"))
            terms = {entry.msgid for entry in pot if not entry.obsolete}
            self.assertGreater(len(terms), MIN_TERMS.get(addon, 100), addon)
            for lang in LANGS:
                with self.subTest(addon=addon, lang=lang):
                    po = polib.pofile(str(i18n / f"{lang}.po"))
                    translated = {
                        entry.msgid
                        for entry in po.translated_entries()
                        if entry.msgstr.strip()
                    }
                    self.assertFalse(sorted(terms - translated)[:10])
                    self.assertFalse(po.fuzzy_entries())

    def test_placeholders_are_kept(self):
        for addon in SUITE:
            for lang in LANGS:
                po = polib.pofile(f"{get_module_path(addon)}/i18n/{lang}.po")
                for entry in po.translated_entries():
                    for placeholder in ("%(", "{{", "t-out=", "%s"):
                        with self.subTest(addon=addon, lang=lang, msgid=entry.msgid):
                            self.assertEqual(
                                entry.msgid.count(placeholder),
                                entry.msgstr.count(placeholder),
                            )
