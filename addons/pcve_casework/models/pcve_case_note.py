from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

# How long the author of a note may still correct it (its text and who may see
# it). After that a note is part of the case file: add a new note instead.
NOTE_CORRECTION_PERIOD = timedelta(hours=24)


class PcveCaseNote(models.Model):
    _name = "pcve.case.note"
    _description = "Case note"
    _inherit = ["pcve.case.part.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "case_id"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    body = fields.Text(required=True)
    visibility = fields.Selection(
        [("team", "Whole team"), ("professionals", "Professionals only")],
        required=True,
        default="team",
        index=True,
        help="Volunteers never see notes for professionals only.",
    )
    author_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        help="The user who wrote the note; nobody can change it.",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    @api.depends("case_id.name")
    def _compute_display_name(self):
        """Never the text: the name of a note is shown where its text may not
        be (the audit trail, links)."""
        for note in self:
            note.display_name = self.env._("Note on %(case)s", case=note.case_id.name)

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        if not self.env.su:
            for vals in vals_list:
                if vals.get("author_id", self.env.uid) != self.env.uid:
                    raise AccessError(self._author_rule())
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not self.env.su:
            if set(vals) - {"body", "visibility"}:
                raise AccessError(self._author_rule())
            self._check_correction()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._check_correction()
        return super().unlink()

    def _check_correction(self):
        """Only the author corrects or withdraws his note, and only for a
        while: nobody rewrites what a colleague wrote, nor the record later."""
        deadline = fields.Datetime.now() - NOTE_CORRECTION_PERIOD
        for note in self:
            if note.author_id != self.env.user or note.create_date < deadline:
                raise AccessError(
                    self.env._(
                        "Only the author of a note may correct or delete it, and only "
                        "during the 24 hours after writing it; add a new note instead."
                    )
                )

    def _author_rule(self):
        return self.env._(
            "The author of a note is the user who writes it, and its case is "
            "fixed: only its text and visibility can be corrected, by its author."
        )
