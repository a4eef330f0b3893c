import datetime

from odoo import api, models


class PcveCrisis(models.Model):
    """The figures about the crisis response (see ``pcve.figures.mixin``:
    for managers; a crisis is named, its people never)."""

    _name = "pcve.crisis"
    _inherit = ["pcve.crisis", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_safespaces.group_safespace_manager",)

    @api.model
    def _pcve_crisis_figures(self, company, date_from, date_to):
        """The crises of ``company`` (or of none) with an incident in
        ``date_from``..``date_to`` (UTC), oldest first, as (name, incident
        date, tension level, hours to the first dialogue, tasks, tasks done,
        dialogue sessions held): three queries, whatever the number."""
        company = self._pcve_figures_company(company)
        crises = self.sudo().search_fetch(
            [
                (
                    "incident_date",
                    ">=",
                    datetime.datetime.combine(date_from, datetime.time.min),
                ),
                (
                    "incident_date",
                    "<",
                    datetime.datetime.combine(
                        date_to + datetime.timedelta(days=1), datetime.time.min
                    ),
                ),
                ("company_id", "in", [company.id, False]),
            ],
            ["name", "incident_date", "tension_level", "hours_to_first_dialogue"],
            order="incident_date, id",
        )
        tasks = {}
        for crisis, done, n in (
            self.env["pcve.crisis.task"]
            .sudo()
            ._read_group(
                [("crisis_id", "in", crises.ids)], ["crisis_id", "done"], ["__count"]
            )
        ):
            counts = tasks.setdefault(crisis, [0, 0])
            counts[0] += n
            counts[1] += n if done else 0
        sessions = dict(
            self.env["pcve.safespace.session"]
            .sudo()
            ._read_group(
                [("crisis_id", "in", crises.ids), ("state", "=", "held")],
                ["crisis_id"],
                ["__count"],
            )
        )
        return [
            (
                crisis.name,
                crisis.incident_date,
                crisis.tension_level,
                crisis.hours_to_first_dialogue,
                *tasks.get(crisis, (0, 0)),
                sessions.get(crisis, 0),
            )
            for crisis in crises
        ]
