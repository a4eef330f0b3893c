import json
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.http import request

from .res_company import MIN_NFA_RETENTION_MONTHS, MIN_RETENTION_YEARS

ANONYMISED = "Anonymised"
# Marks the form's own read in the context. A client can put any JSON value in
# the context it sends, but never this object: it cannot switch logging off.
_FORM_READ = object()
# What a case logs in the suite's audit trail besides auditlog's creates,
# writes, deletes and exports: who opened, read, exported or erased it.
CASE_READS = ("open", "read", "subject_export", "erasure", "print")


class PcveCasePrivacyMixin(models.AbstractModel):
    """Need to know and data protection on cases: their openings and reads in
    the audit trail, who may follow a case, retention and the subject's
    rights. Inherited by ``pcve.case`` only."""

    _name = "pcve.case.privacy.mixin"
    _description = "Case privacy"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_accessed(self):
        accessed = (
            self.env["auditlog.log"]
            .sudo()
            .search(
                [
                    ("model_id", "=", self.env["ir.model"]._get_id(self._name)),
                    ("pcve_covered_id", "in", self.ids),
                    ("method", "in", CASE_READS),
                ],
                limit=1,
            )
        )
        if accessed:
            raise UserError(
                self.env._(
                    "Case %(case)s has been opened: it cannot be deleted, so that the "
                    "log of who saw it is kept. Erase the subject instead.",
                    case=(
                        self.browse(accessed.res_id)
                        if accessed.res_id in self.ids
                        else self
                    )[:1].name,
                )
            )

    def web_read(self, specification):
        """Log the opening of a case form: the web client's own web_read call
        (lists, kanbans, groups and saves also go through web_read: not logged)."""
        result = super(
            PcveCasePrivacyMixin, self.with_context(pcve_case_logged=_FORM_READ)
        ).web_read(specification)
        if len(self) == 1 and not self.env.su and self._is_rpc_call("web_read"):
            self._pcve_log_access("open")
        return result

    # Routes calling web_read get a read-only cursor; the audit trail needs to write.
    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        """Log reads through the API (read, search_read), not the form's own."""
        result = super().read(fields=fields, load=load)
        if (
            result
            and not self.env.su
            and self.env.context.get("pcve_case_logged") is not _FORM_READ
        ):
            # only cases that exist: read(["id"]) answers for any id
            self.browse([r["id"] for r in result]).exists()._pcve_log_access("read")
        return result

    read._readonly = False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )
        if (
            result
            and not self.env.su
            and self.env.context.get("pcve_case_logged") is not _FORM_READ
        ):
            self.browse([r["id"] for r in result])._pcve_log_access("read")
        return result

    # search_read writes the audit trail too.
    search_read._readonly = False

    def export_data(self, fields_to_export):
        """Exports read case data too: log them like API reads."""
        result = super().export_data(fields_to_export)
        if not self.env.su:
            self._pcve_log_access("read")
        return result

    def _pcve_export_subject(self):
        """Subject-access request: everything held on the subject, as JSON.
        Private here: an abstract model's public method could be called over
        RPC with no record behind it; ``pcve.case.action_export_subject``
        calls it."""
        self.ensure_one()
        self._check_manager()
        cases = self
        if self.subject_partner_id:
            cases = self.search(
                [("subject_partner_id", "=", self.subject_partner_id.id)]
            )
        payload = json.dumps(
            {"subject": self._subject_name(), "cases": cases._export_payload()},
            indent=2,
            default=str,
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"subject-access-{self.name.replace('/', '-')}.json",
                "raw": payload.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        cases._pcve_log_access("subject_export")
        self.message_post(
            body=self.env._(
                "Subject-access export produced by %(user)s (%(count)s case(s)).",
                user=self.env.user.name,
                count=len(cases),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _pcve_erase_subject(self):
        """Right to erasure: anonymise every case of this subject now
        (``pcve.case.action_erase_subject``)."""
        self._check_manager()
        cases = self
        partners = self.subject_partner_id
        if partners:
            cases |= self.search([("subject_partner_id", "in", partners.ids)])
        cases._anonymise()
        cases._pcve_log_access("erasure")
        for case in cases:
            case.message_post(
                body=self.env._(
                    "Subject erased on request by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _pcve_log_access(self, method):
        """Log these cases as opened, read, exported or erased in the suite's
        audit trail, with the user: written by the system, read by case
        managers only (pcve_audit), never changed."""
        if self:
            self.env["auditlog.rule"].sudo()._pcve_log_read(self, method)

    def _is_rpc_call(self, method):
        """Whether the current request is the RPC ``method`` on this model
        (/web/dataset/call_kw as the web client sends it, or /json/2)."""
        params = (request and getattr(request, "params", None)) or {}
        model = params.get("model") or params.get("__model__")
        called = params.get("method") or params.get("__method__")
        return model == self._name and called == method

    def _pcve_follow_error(self):
        return self.env._(
            "Only active team members and case managers can follow a case "
            "or be given its activities: add the person to the team first."
        )

    def _pcve_addressed_error(self):
        return self.env._(
            "Messages on a case can only be addressed to its active team "
            "members and case managers."
        )

    def _pcve_allowed_partner_ids(self):
        """Partners who may follow, or be addressed on, these cases: current
        team members (as the record rules define them) and case managers.
        Followers and recipients can read messages, so nobody else may be one."""
        managers = self.env.ref("pcve_casework.group_case_manager").sudo().all_user_ids
        members = (
            self.env["pcve.case.member"]
            .sudo()
            .search([("case_id", "in", self.ids), ("is_current", "=", True)])
            .user_id
        )
        return (members | managers).partner_id.ids

    def _check_manager(self):
        if not self.env.user.has_group("pcve_casework.group_case_manager"):
            raise AccessError(
                self.env._("Only case managers can export or erase a subject.")
            )

    def _subject_name(self):
        return self.sudo().subject_partner_id.name or self.subject_pseudonym

    def _export_payload(self):
        result = []
        # messages and attachments of all the cases at once, then per case
        messages = self.env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        messages_of, attachments_of = defaultdict(list), defaultdict(list)
        for message in messages:
            messages_of[message.res_id].append(
                {
                    "date": message.date,
                    "author": message.author_id.name,
                    "body": message.body,
                }
            )
        for attachment in attachments:
            attachments_of[attachment.res_id].append(attachment.name)
        for case in self.sudo():
            result.append(
                {
                    "reference": case.name,
                    "pseudonym": case.subject_pseudonym,
                    "subject": case.subject_partner_id.name,
                    "stage": case.stage,
                    "signal_source": case.signal_source,
                    "signal_date": case.signal_date,
                    "signal_description": case.signal_description,
                    "concern_type": case.concern_type,
                    "team_summary": case.team_summary,
                    "closure_reason_code": case.closure_reason_code,
                    "closure_reason": case.closure_reason,
                    "team": [
                        {"user": m.user_id.name, "role": m.role, "active": m.active}
                        for m in case.with_context(active_test=False).member_ids
                    ],
                    "plan": [
                        {"description": p.description, "deadline": p.deadline}
                        for p in case.plan_item_ids
                    ],
                    "meetings": [
                        {"date": m.date, "minutes": m.minutes, "decisions": m.decisions}
                        for m in case.meeting_ids
                    ],
                    "notes": [
                        {
                            "date": n.create_date,
                            "visibility": n.visibility,
                            "body": n.body,
                        }
                        for n in case.note_ids
                    ],
                    "messages": messages_of[case.id],
                    "attachments": attachments_of[case.id],
                }
            )
        return result

    @api.model
    def _cron_anonymise_expired(self, batch_size=100):
        """Daily: anonymise closed cases whose retention period has passed, a
        batch at a time with a commit after each (a backlog neither holds one
        transaction nor times out; what is left waits for the next run).

        Due means both: the retention date has come, and the case was closed
        at least the shortest retention period the settings allow for it ago
        (both dates are set by the closure; a case closed with no further
        action before the intervention has a period in months, every other one
        in years). A retention date written into the past by other means, or a
        case marked closed without its closure, never makes the job erase it.
        The due cases are found through the partial index on ``retention_until``
        of closed cases not anonymised yet (``pcve.case``).
        """
        Cron = self.env["ir.cron"]
        due = self._pcve_retention_due_domain()
        anonymised = 0
        while batch := self.sudo().search(
            due, limit=batch_size, order="retention_until, id"
        ):
            batch._anonymise()
            anonymised += len(batch)
            remaining = self.sudo().search_count(due, limit=batch_size * 50)
            if not Cron._commit_progress(len(batch), remaining=remaining):
                break
        return anonymised

    @api.model
    def _pcve_retention_due_domain(self):
        today = fields.Date.context_today(self)
        closed_long_ago = Domain(
            "closed_on", "<=", today - relativedelta(years=MIN_RETENTION_YEARS)
        )
        short = Domain(
            [
                ("closure_reason_code", "=", "no_further_action"),
                ("intervention_on", "=", False),
                (
                    "closed_on",
                    "<=",
                    today - relativedelta(months=MIN_NFA_RETENTION_MONTHS),
                ),
            ]
        )
        return Domain(
            [
                ("stage", "=", "closed"),
                ("is_anonymised", "=", False),
                ("retention_until", "<=", today),
            ]
        ) & (closed_long_ago | short)

    def _anonymise(self):
        """Erase what identifies the subject; keep the statistical fields
        (stage dates, signal source, concern type, team roles)."""
        cases = self.sudo()
        if not cases:
            return
        cases.note_ids.unlink()
        cases.meeting_ids.write({"minutes": False, "decisions": False})
        cases.plan_item_ids.write({"description": ANONYMISED})
        cases.activity_ids.unlink()
        # The referrals keep their service, type, state and dates (figures),
        # not their texts about the person, nor their chatter or link.
        referrals = cases.with_context(active_test=False).referral_ids
        referrals.activity_ids.unlink()
        threads = Domain.OR(
            [
                [("model", "=", self._name), ("res_id", "in", cases.ids)],
                [("model", "=", referrals._name), ("res_id", "in", referrals.ids)],
            ]
        )
        self.env["mail.message"].sudo().search(threads).unlink()
        self.env["ir.attachment"].sudo().search(
            Domain.OR(
                [
                    [("res_model", "=", self._name), ("res_id", "in", cases.ids)],
                    [
                        ("res_model", "=", referrals._name),
                        ("res_id", "in", referrals.ids),
                    ],
                ]
            )
        ).unlink()
        (cases.message_follower_ids | referrals.message_follower_ids).unlink()
        referrals = referrals.with_context(tracking_disable=True)
        referrals.write(
            {
                "reason": ANONYMISED,
                "access_token_hash": False,
                "access_token_expiry": False,
            }
        )
        for fname in ("consent_override_reason", "decline_reason", "outcome"):
            referrals.filtered(fname).write({fname: ANONYMISED})
        cases.with_context(tracking_disable=True).write(
            {
                "subject_partner_id": False,
                "subject_pseudonym": ANONYMISED,
                "signal_description": False,
                "team_summary": False,
                "closure_reason": ANONYMISED,
                "is_anonymised": True,
            }
        )
