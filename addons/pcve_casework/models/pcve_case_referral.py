import hmac
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.pcve_base.tools import is_token_shaped, new_token, token_hash

SERVICE_TYPES = [
    ("school", "School"),
    ("youth_work", "Youth work"),
    ("psychological_support", "Psychological support"),
    ("health", "Health care"),
    ("social_services", "Social services"),
    ("employment", "Employment"),
    ("housing", "Housing"),
    ("faith_community", "Faith community"),
    ("other", "Other"),
]
STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("completed", "Completed"),
    ("cancelled", "Cancelled"),
]
CONSENTING = ("subject", "guardian")
# What the team sets while preparing a referral; fixed once it is requested.
DRAFT_FIELDS = (
    "case_id",
    "service_partner_id",
    "service_type",
    "reason",
    "consent_given_by",
    "consent_date",
    "consent_override_reason",
    "shared_scope",
)


class PcveCaseReferral(models.Model):
    """A referral of a case to an existing service (a school, a youth
    centre, psychological support): an explicit act, tied to the person's
    consent, sharing only what ``shared_scope`` allows. The service answers
    through a link sent by mail (``controllers/referral.py``)."""

    _name = "pcve.case.referral"
    _description = "Referral to a service"
    _inherit = [
        "pcve.case.part.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "create_date desc, id desc"
    _pcve_moves = {
        "state": {
            "draft": {"requested": "_check_request", "cancelled": None},
            "requested": {
                "accepted": None,
                "declined": "_check_decline",
                "cancelled": None,
            },
            "accepted": {"completed": "_check_complete", "cancelled": None},
            "declined": {"cancelled": None},
            "completed": {},
            "cancelled": {},
        }
    }
    _pcve_workflow_fields = (
        "state",
        "requested_on",
        "answered_on",
        "decline_reason",
        "outcome",
        "access_token_hash",
        "access_token_expiry",
    )
    _mail_post_access = "read"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True, tracking=True
    )
    service_partner_id = fields.Many2one(
        "res.partner",
        string="Service",
        required=True,
        index=True,
        tracking=True,
        help="The school, youth centre or service the case is referred to; its "
        "e-mail address receives the link to answer.",
    )
    service_type = fields.Selection(
        SERVICE_TYPES, string="Type of service", required=True, tracking=True
    )
    reason = fields.Text(
        required=True,
        help="Why the person is referred. Shared with the service when the "
        "shared scope is Summary.",
    )
    consent_given_by = fields.Selection(
        [("subject", "The person"), ("guardian", "Guardian"), ("none", "No consent")],
        string="Consent given by",
        required=True,
        default="none",
        tracking=True,
    )
    consent_date = fields.Date(tracking=True)
    consent_override_reason = fields.Text(
        string="Reason to refer without consent",
        help="Only a case manager requests a referral without consent, and only "
        "with this reason; the override is logged.",
    )
    shared_scope = fields.Selection(
        [("pseudonym", "Pseudonym only"), ("summary", "Summary")],
        string="Shared with the service",
        required=True,
        default="pseudonym",
        tracking=True,
        help="Pseudonym only: the pseudonym and the type of service. Summary: "
        "also the reason for the referral and the type of concern. Never the "
        "notes or the person's identity.",
    )
    state = fields.Selection(
        STATES,
        required=True,
        readonly=True,
        default="draft",
        tracking=True,
        index=True,
        group_expand=True,
        copy=False,
    )
    decline_reason = fields.Text(readonly=True, copy=False, tracking=True)
    outcome = fields.Text(readonly=True, copy=False, tracking=True)
    requested_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    answered_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    # Only the hash: whoever reads the referral cannot answer as the service.
    access_token_hash = fields.Char(readonly=True, copy=False, index="btree_not_null")
    access_token_expiry = fields.Datetime(
        string="Link valid until", readonly=True, copy=False
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    @api.depends("case_id.name", "service_partner_id.name")
    def _compute_display_name(self):
        for referral in self:
            referral.display_name = self.env._(
                "%(case)s to %(service)s",
                case=referral.case_id.name or "",
                service=referral.service_partner_id.name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not (self.env.su or self._pcve_in_workflow()):
            fixed = set(DRAFT_FIELDS).intersection(vals)
            if fixed and any(r.state != "draft" for r in self):
                raise AccessError(
                    self.env._(
                        "A referral is prepared as a draft: once requested, its "
                        "case, service, reason, consent and shared scope are fixed."
                    )
                )
        return super().write(vals)

    def action_request(self):
        """Request the referral: the service gets a link to answer, valid for
        the company's number of days."""
        now = fields.Datetime.now()
        for referral in self:
            token, hashed = new_token()
            days = referral.company_id._pcve_setting("pcve_referral_link_days")
            referral._pcve_move(
                "state",
                "requested",
                {
                    "requested_on": now,
                    "access_token_hash": hashed,
                    "access_token_expiry": now + timedelta(days=days),
                },
            )
            referral._send_request(token)
        return True

    def action_accept(self):
        self._pcve_move("state", "accepted", self._answer_values())
        return True

    def action_decline(self, reason=None):
        """Decline, with the service's reason; without one (the form's
        button), the dialog that asks for it."""
        if reason is None:
            return self._answer_dialog("decline")
        self._pcve_move(
            "state",
            "declined",
            dict(self._answer_values(), decline_reason=self._text(reason)),
        )
        return True

    def action_complete(self, outcome=None):
        """Complete an accepted referral with its outcome; without one (the
        form's button), the dialog that asks for it."""
        if outcome is None:
            return self._answer_dialog("complete")
        self._pcve_move("state", "completed", {"outcome": self._text(outcome)})
        return True

    def action_cancel(self):
        self._pcve_move(
            "state",
            "cancelled",
            {"access_token_hash": False, "access_token_expiry": False},
        )
        return True

    @api.model
    def _find_by_token(self, token):
        """The referral a link's token answers for, as superuser, or an empty
        recordset: unknown, used (answered or cancelled) and expired tokens
        alike. The stored hash is compared in constant time."""
        if not is_token_shaped(token):
            return self.browse()
        wanted = token_hash(token)
        referral = self.sudo().search(
            [
                ("access_token_hash", "=", wanted),
                ("state", "=", "requested"),
                ("access_token_expiry", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
        if not referral or not hmac.compare_digest(referral.access_token_hash, wanted):
            return self.browse()
        return referral

    def _log_link_opening(self):
        """An opening of the service's page, in the audit trail."""
        self.env["auditlog.rule"].sudo()._pcve_log_read(self, "open")

    def _answer_by_link(self, answer, reason):
        """The service's answer through its link (``self`` found by its
        token, as superuser): as the buttons record it, and in the chatter."""
        self.ensure_one()
        if answer == "accept":
            self.action_accept()
        else:
            self.action_decline(reason)
        self.message_post(
            body=self.env._(
                "%(service)s answered through its link: %(answer)s.",
                service=self.service_partner_id.name,
                answer=self._pcve_label("state", self.state),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _shared_values(self):
        """What the service sees on its page: only what ``shared_scope``
        allows, never the notes or the person's identity."""
        self.ensure_one()
        values = {
            "pseudonym": self.case_id.subject_pseudonym,
            "service_type": self._pcve_label("service_type", self.service_type),
            "municipality": self.company_id.name,
            "requested_on": self.requested_on,
            "expiry": self.access_token_expiry,
        }
        if self.shared_scope == "summary":
            values.update(
                reason=self.reason,
                concern_type=self.case_id._pcve_label(
                    "concern_type", self.case_id.concern_type
                ),
            )
        return values

    def _answer_values(self):
        return {
            "answered_on": fields.Datetime.now(),
            "access_token_hash": False,
            "access_token_expiry": False,
        }

    def _answer_dialog(self, kind):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline")
            if kind == "decline"
            else self.env._("Complete"),
            "res_model": "pcve.case.referral.answer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_referral_id": self.id, "default_kind": kind},
        }

    def _text(self, value):
        """A reason or outcome sent over RPC: a text, or None (the guard then
        asks for it)."""
        if value is not None and not isinstance(value, str):
            raise UserError(self.env._("Give the reason or outcome as a text."))
        return (value or "").strip() or False

    def _send_request(self, token):
        """Mail the service its link, in its language. Not in the chatter: the
        link is the service's, not the team's."""
        self.ensure_one()
        partner = self.service_partner_id
        base_url = self.get_base_url()
        body = (
            self.env["ir.qweb"]
            .with_context(lang=partner.lang or self.env.lang)
            .sudo()
            ._render(
                "pcve_casework.referral_request_mail",
                {
                    "referral": self.with_context(lang=partner.lang),
                    "url": f"{base_url}/pcve/referral/{token}",
                },
            )
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.env._(
                    "%(municipality)s asks your service to take up a referral",
                    municipality=self.company_id.name,
                ),
                "body_html": body,
                "email_to": partner.email_formatted,
                "email_from": self.company_id.email_formatted
                or self.env.user.email_formatted,
                "author_id": self.company_id.partner_id.id,
                "auto_delete": True,
            }
        )
        self.message_post(
            body=self.env._(
                "Referral requested by %(user)s: %(service)s received a link to "
                "answer, valid until %(expiry)s.",
                user=self.env.user.name,
                service=partner.name,
                expiry=fields.Datetime.to_string(self.access_token_expiry),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_request(self, vals):
        """Guard of a request: an open case, a service to mail, and the
        person's consent, or a case manager's override with its reason (logged)."""
        if self.case_id.stage == "closed":
            raise UserError(
                self.env._(
                    "Case %(case)s is closed: its referrals cannot be requested.",
                    case=self.case_id.name,
                )
            )
        if not self.service_partner_id.email:
            raise UserError(
                self.env._(
                    "%(service)s has no e-mail address to send the link to.",
                    service=self.service_partner_id.name,
                )
            )
        if self.consent_given_by in CONSENTING and self.consent_date:
            return
        manager = self.env.su or self.env.user.has_group(
            "pcve_casework.group_case_manager"
        )
        if not manager or not (self.consent_override_reason or "").strip():
            raise UserError(
                self.env._(
                    "A referral needs the consent of the person or a guardian, "
                    "with its date. Without it, only a case manager requests the "
                    "referral, and only with a reason to refer without consent."
                )
            )
        self.message_post(
            body=self.env._(
                "Requested without consent by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=self.consent_override_reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_decline(self, vals):
        if not vals.get("decline_reason"):
            raise UserError(self.env._("A declined referral needs its reason."))

    def _check_complete(self, vals):
        if not vals.get("outcome"):
            raise UserError(self.env._("A completed referral needs its outcome."))

    def _pcve_move_error(self, fname, to):
        referral = self[:1]
        return UserError(
            self.env._(
                "Referral %(referral)s cannot go from %(old)s to %(new)s: a "
                "referral moves from draft to requested, then accepted or "
                "declined, from accepted to completed, and is cancelled before "
                "it is completed.",
                referral=referral.display_name,
                old=self._pcve_label(fname, referral.state),
                new=self._pcve_label(fname, to),
            )
        )

    def _pcve_allowed_partner_ids(self):
        """Followers and addressees: the case's current professionals and the
        case managers, never a volunteer."""
        managers = self.env.ref("pcve_casework.group_case_manager").sudo().all_user_ids
        members = (
            self.env["pcve.case.member"]
            .sudo()
            .search(
                [
                    ("case_id", "in", self.case_id.ids),
                    ("is_current", "=", True),
                    ("is_professional", "=", True),
                ]
            )
            .user_id
        )
        return (members | managers).partner_id.ids

    def _pcve_follow_error(self):
        return self.env._(
            "Only the case's professionals and case managers can follow a "
            "referral or be given its activities."
        )

    def _pcve_addressed_error(self):
        return self.env._(
            "Messages on a referral can only be addressed to the case's "
            "professionals and case managers."
        )
