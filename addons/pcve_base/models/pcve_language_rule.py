import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SENTENCE_END = re.compile(r"[.!?;\n]+")


def _terms(text):
    return [t.strip().lower() for t in (text or "").split(",") if t.strip()]


class PcveLanguageRule(models.Model):
    """Flags wording that links a community with a threat.

    The paper asks not to link labels such as refugees, Muslims, migrants with
    radicalisation, and to speak of extremism in general ("all forms of
    extremism"), with communities as part of the solution.
    """

    _name = "pcve.language.rule"
    _description = "Stigmatising language rule"
    _inherit = ["pcve.input.mixin"]
    _order = "lang, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    lang = fields.Char(
        string="Language",
        help="Language code the rule applies to (e.g. en, nl). Empty: all languages.",
    )
    community_terms = fields.Text(
        required=True,
        help="Comma-separated community labels; a term matches words starting with it "
        "(e.g. 'refugee' matches 'refugees').",
    )
    threat_terms = fields.Text(
        required=True, help="Comma-separated threat labels (word starts)."
    )
    inclusive_phrases = fields.Text(
        help="Comma-separated inclusive phrases, e.g. 'all forms of extremism': a "
        "threat label used inside one of them is not a link to a community.",
    )
    suggestion = fields.Text(required=True, translate=True)

    @api.constrains("community_terms", "threat_terms", "inclusive_phrases")
    def _check_terms(self):
        for rule in self:
            if not _terms(rule.community_terms) or not _terms(rule.threat_terms):
                raise ValidationError(
                    self.env._("A language rule needs community and threat terms.")
                )

    @api.model
    def check_text(self, text, lang=None):
        """Return a warning per rule whose community and threat labels are linked
        in one sentence of ``text``: ``{"rule_id", "rule", "terms", "suggestion",
        "message"}``. ``lang`` limits the rules to one language; by default all
        rules apply."""
        if not isinstance(text, str):
            text = str(text or "")
        text = re.sub(r"<[^>]+>", " ", text)[:100000].lower()
        domain = [("active", "=", True)]
        if lang:
            code = str(lang).split("_")[0].lower()
            domain += ["|", ("lang", "=", False), ("lang", "=ilike", code)]
        warnings = []
        for rule in self.search(domain):
            terms = rule._match(text)
            if terms:
                warnings.append(
                    {
                        "rule_id": rule.id,
                        "rule": rule.name,
                        "terms": terms,
                        "suggestion": rule.suggestion,
                        "message": self.env._(
                            "'%(community)s' is linked with '%(threat)s'.",
                            community="', '".join(terms["community"]),
                            threat="', '".join(terms["threat"]),
                        ),
                    }
                )
        return warnings

    def _match(self, text):
        self.ensure_one()
        inclusive = _terms(self.inclusive_phrases)
        found = {"community": [], "threat": []}
        for sentence in SENTENCE_END.split(text):
            for phrase in inclusive:
                sentence = sentence.replace(phrase, " ")
            community = self._words(sentence, _terms(self.community_terms))
            threat = self._words(sentence, _terms(self.threat_terms))
            if community and threat:
                found["community"] += [
                    w for w in community if w not in found["community"]
                ]
                found["threat"] += [w for w in threat if w not in found["threat"]]
        return found if found["community"] else {}

    @staticmethod
    def _words(sentence, stems):
        words = []
        for stem in stems:
            words += re.findall(r"\b" + re.escape(stem) + r"\w*", sentence)
        return words
