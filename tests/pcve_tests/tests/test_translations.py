from pathlib import Path

import polib

from odoo.modules import get_module_path
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

SUITE = (
    "pcve_base",
    "pcve_audit",
    "pcve_partners",
    "pcve_casework",
    "pcve_safespaces",
    "pcve_evaluation",
    "pcve_casework_partners",
    "pcve_safespaces_partners",
)
# the small base addons and the bridges have fewer terms; a .pot below this
# lost its terms
MIN_TERMS = {
    "pcve_base": 20,
    "pcve_audit": 10,
    "pcve_casework_partners": 5,
    "pcve_safespaces_partners": 3,
}
LANGS = ("nl", "de")


def _pot_terms(addon):
    pot = polib.pofile(f"{get_module_path(addon)}/i18n/{addon}.pot")
    return {entry.msgid for entry in pot if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestTranslations(BaseCase):
    """Every addon ships a .pot and a complete Dutch and German translation."""

    def test_every_term_is_translated(self):
        for addon in SUITE:
            i18n = Path(get_module_path(addon)) / "i18n"
            terms = _pot_terms(addon)
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


@tagged("post_install", "-at_install")
class TestTemplatesFollowTheCode(TransactionCase):
    """Each .pot holds what Odoo exports from the addon today
    (tools/i18n_export.sh). A term whose source changed, a mail template
    reformatted or a message reworded, otherwise keeps its old translation
    under the old text, and users get the English one without any warning."""

    def test_every_pot_term_is_still_exported(self):
        for addon in SUITE:
            rows = list(TranslationModuleReader(self.env.cr, modules=[addon]))
            exported = {row[4] for row in rows}
            code = {row[4] for row in rows if row[1] == "code"}
            terms = _pot_terms(addon)
            with self.subTest(addon=addon):
                self.assertFalse(
                    sorted(terms - exported)[:5],
                    f"{addon}.pot has terms the addon no longer has: run tools/i18n_export.sh",
                )
                self.assertFalse(
                    sorted(code - terms)[:5],
                    f"{addon}'s code has terms its .pot lacks: run tools/i18n_export.sh",
                )
