from odoo import api, fields, models
from odoo.exceptions import UserError

# What the session writes on its event; nobody changes them from the calendar.
SYNCED_FIELDS = {
    "name", "start", "stop", "allday", "location", "description", "privacy",
    "show_as", "user_id", "partner_ids", "attendee_ids", "active",
    "pcve_session_id", "pcve_busy_only", "recurrency",
}  # fmt: skip


class CalendarEvent(models.Model):
    """The calendar entry of a confirmed safe-space session, written by the
    session only (``pcve.safespace.session._sync_calendar_events``, in the
    session's workflow): a drag in the calendar, an edit or a deletion of a
    synced field is refused with the rule's name, so the session's own rules
    (its moves, the held and cancelled sessions' content) cannot be
    bypassed. A confidential session's event shows only "Busy" to everyone
    but the organiser, its attendees included (the same rule as the busy
    slots of the safe-space calendar)."""

    _inherit = "calendar.event"

    pcve_session_id = fields.Many2one(
        "pcve.safespace.session",
        string="Safe-space session",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    pcve_busy_only = fields.Boolean(string="Busy only", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._pcve_check_session(vals)
        return super().create(vals_list)

    def write(self, vals):
        if SYNCED_FIELDS.intersection(vals):
            self._pcve_check_synced()
            self._pcve_check_session(vals)
        return super().write(vals)

    def unlink(self):
        self._pcve_check_synced()
        return super().unlink()

    @api.model
    def _get_public_fields(self):
        return super()._get_public_fields() | {"pcve_session_id", "pcve_busy_only"}

    def _check_private_event_conditions(self):
        if self.pcve_busy_only and self.user_id.id != self.env.uid:
            return True
        return super()._check_private_event_conditions()

    def _pcve_changed_values(self, values):
        """Of the session's ``values`` for this entry, those that differ."""
        self.ensure_one()
        changed = {}
        for name, value in values.items():
            if name == "partner_ids":
                if set(value[0][2]) != set(self.partner_ids.ids):
                    changed[name] = value
                continue
            field = self._fields[name]
            if (
                field.convert_to_record(field.convert_to_cache(value, self), self)
                != (self[name])
            ):
                changed[name] = value
        return changed

    def _pcve_check_synced(self):
        """Refuse a change of a session's event made from the calendar."""
        sessions = self.sudo().pcve_session_id
        if sessions and not sessions._pcve_in_workflow():
            raise self._pcve_calendar_error()

    def _pcve_check_session(self, vals):
        """Only a session's sync ties an entry to that session."""
        session_id = vals.get("pcve_session_id")
        if session_id and not (
            self.env["pcve.safespace.session"].browse(session_id)._pcve_in_workflow()
        ):
            raise self._pcve_calendar_error()

    def _pcve_calendar_error(self):
        return UserError(
            self.env._(
                "Session rule: this calendar entry follows a safe-space session; "
                "move, rename, cancel or delete the session itself."
            )
        )
