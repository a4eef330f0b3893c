from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class PcvePartnerAssessment(models.Model):
    """Informing the partner of the outcome: by e-mail, or by a printed letter
    where the partner has no e-mail address. Who informed the partner, when
    and how is recorded in fields and in the chatter, either way. The letter
    is checked by the language rules before it goes out, either way."""

    _inherit = "pcve.partner.assessment"
    # The letter is rendered from the template with these (_pcve_language_text).
    _pcve_language_fields = ("state", "outcome", "partner_id", "decided_by_id")

    partner_has_email = fields.Boolean(compute="_compute_partner_has_email")
    partner_informed_date = fields.Date(readonly=True, copy=False, tracking=True)
    partner_informed_by_id = fields.Many2one(
        "res.users",
        string="Informed by",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    partner_informed_method = fields.Selection(
        [("email", "E-mail"), ("letter", "Printed letter")],
        string="Informed through",
        readonly=True,
        copy=False,
        tracking=True,
    )

    @api.depends("partner_id.email")
    def _compute_partner_has_email(self):
        for assessment in self:
            assessment.partner_has_email = bool(assessment.partner_id.email)

    def action_inform_partner(self):
        """E-mail the outcome letter to the partner and close the reminder."""
        self._check_decided_for_informing()
        self._pcve_language_gate()
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        for assessment in self:
            if not assessment.partner_id.email:
                raise UserError(
                    self.env._(
                        "%(partner)s has no email address to send the outcome to: "
                        "print the letter (Print letter) and send it by post.",
                        partner=assessment.partner_id.name,
                    )
                )
            assessment.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self._record_informed("email")
        return True

    def action_print_letter(self):
        """The outcome letter as a PDF, to send by post (to a partner without
        an e-mail address); the first print records the informing."""
        self.ensure_one()
        self._check_decided_for_informing()
        self._pcve_language_gate()
        self.filtered(lambda a: not a.partner_informed_date)._record_informed("letter")
        report = self.env.ref("pcve_partners.outcome_letter_report")
        action = report.report_action(self)
        # without its empty "data" (None): XML-RPC cannot marshal None
        return {key: value for key, value in action.items() if value is not None}

    def action_preview_outcome_letter(self):
        """Preview the outcome letter, in the partner's language."""
        self.ensure_one()
        self.check_access("read")
        self._check_decided_for_informing()
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        return template._pcve_preview_action(self)

    def _check_decided_for_informing(self):
        if any(a.state != "decided" for a in self):
            raise UserError(
                self.env._("A partner is informed once the assessment is decided.")
            )

    def _record_informed(self, method):
        """Who informed the partner, when and how: in fields and the chatter."""
        if not self:
            return
        person = self._pcve_person()
        self._pcve_workflow_write(
            {
                "partner_informed_date": fields.Date.context_today(self),
                "partner_informed_by_id": person.id,
                "partner_informed_method": method,
            }
        )
        for assessment in self:
            if method == "letter":
                assessment.message_post(
                    body=self.env._(
                        "Outcome letter printed, to send to %(partner)s by post.",
                        partner=assessment.partner_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self.activity_feedback(
            ["pcve_partners.mail_activity_type_inform_partner"],
            feedback=self.env._("Partner informed."),
        )

    def _pcve_outcome_letter(self):
        """Subject and text of the outcome letter, as e-mailed, in the
        partner's language: one text for the e-mail and the printed letter."""
        self.ensure_one()
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        subject, body = (
            template._render_field(field, self.ids, compute_lang=True)[self.id]
            for field in ("subject", "body_html")
        )
        return {"subject": subject, "body": body}

    def _pcve_language_text(self):
        """The outcome letter, as it goes out, once there is one to send."""
        self.ensure_one()
        assessment = self._origin
        if assessment.state != "decided":
            return ""
        letter = assessment._pcve_outcome_letter()
        return "\n".join(
            [letter["subject"] or "", html2plaintext(letter["body"] or "")]
        )

    def _pcve_language_lang(self):
        """The letter goes out in the partner's language."""
        return self.partner_id.lang

    def _pcve_language_send(self):
        """E-mail the letter, or print it for a partner without an address."""
        if self.partner_id.email:
            return self.action_inform_partner()
        return self.action_print_letter()
