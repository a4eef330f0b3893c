from odoo import fields, models, tools
from odoo.tools import SQL


class PcveSafespaceBusy(models.Model):
    """When confidential sessions take place, without names, venue or people.

    A separate read-only SQL view instead of a loosened session rule: it holds
    nothing but the time slot. ``is_shown`` mirrors the setting of the
    session's company (``pcve_show_confidential_busy``); the user rule only
    lets rows through when a settings manager enabled that option (never for
    a session without company: no company's setting covers it).
    """

    _name = "pcve.safespace.busy"
    _description = "Confidential session busy slot"
    _inherit = ["pcve.input.mixin"]
    _auto = False
    _order = "start"
    _depends = {
        "pcve.safespace.session": [
            "start",
            "stop",
            "company_id",
            "confidential",
            "state",
        ],
        "res.company": ["pcve_show_confidential_busy"],
    }

    start = fields.Datetime(readonly=True)
    stop = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    is_shown = fields.Boolean(readonly=True)

    def _compute_display_name(self):
        for slot in self:
            slot.display_name = self.env._("Busy (confidential session)")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT session.id AS id,
                           session.start AS start,
                           session.stop AS stop,
                           session.company_id AS company_id,
                           COALESCE(company.pcve_show_confidential_busy, FALSE)
                               AS is_shown
                      FROM pcve_safespace_session session
                      LEFT JOIN res_company company
                             ON company.id = session.company_id
                     WHERE session.confidential
                       AND session.state != 'cancelled'
                )
                """,
                SQL.identifier(self._table),
            )
        )
