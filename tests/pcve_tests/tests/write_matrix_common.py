"""Fixtures and probes of the write matrix (``test_write_matrix.py``).

A probe is one attempt by one role to set one field: through ``create`` (a
new record with the field set to another valid value than the one it would
get) or through ``write`` (on a realistic record of the suite, in one of its
states). It runs in a savepoint that is always rolled back, with tracking on
(the transaction is flushed and its pre-commit hooks run, as on a real
server), and tells what happened:

- ``yes``: the value was stored;
- ``no``: refused with a clear error (AccessError, UserError,
  ValidationError, a database constraint shown as a ValidationError);
- ``ignored``: accepted, but the value was not stored;
- ``error``: anything else (a traceback for the user).

The records are built in ``setUpClass`` the way people make them: an
assessor creates and submits assessments, an approver decides them, a case
manager opens cases and moves them through the stages, an organiser plans
sessions and crises; concerns and the done review come from the demo data.
"""

import copy
import datetime
import time
import xmlrpc.client
from contextlib import contextmanager
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user

from odoo.addons.pcve_base.tests.common import SUITE_MODULES

from .test_access_matrix import ROLES

LOG_FIELDS = ("create_uid", "create_date", "write_uid", "write_date")
MUTED = (
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.http",
    "odoo.models",
    "odoo.models.unlink",
    "odoo.sql_db",
    "odoo.service.model",
)
# Values that make the attempt valid apart from the field tried (a funding
# amount needs funding), per (model, field) and per (model, target state).
COMPANIONS = {
    ("pcve.partner.assessment", "funding_amount"): {"funding_involved": True},
}
TRANSITION_COMPANIONS = {
    ("pcve.case", "closed"): {
        "closure_reason_code": "goals_met",
        "closure_reason": "Matrix closure",
    },
    ("pcve.concern", "responded"): {"response": "<p>Matrix response</p>"},
}
# The values that show the hole the issue reports, or the change people
# legitimately make, where the default one (another record, a past date,
# another choice) would not: a validity far ahead, retention cut short or
# extended, a membership ending on a planned date.
VALUE_OVERRIDES = {
    ("pcve.partner.assessment", "valid_until"): lambda test, current: ["2099-12-31"],
    ("pcve.case", "retention_until"): lambda test, current: [
        test._shift(current, days=-1),
        test._shift(current, years=1),
    ],
    ("pcve.case.member", "date_end"): lambda test, current: [
        test._shift(current, days=-1),
        test._shift(None, days=30),
    ],
}
HTML_TEXT = "Matrix html"


def state_field(model):
    """The workflow field of ``model`` (``state`` or ``stage``), if any."""
    for name in ("state", "stage"):
        field = model._fields.get(name)
        if field and field.type == "selection" and field._module in SUITE_MODULES:
            return name
    return None


def parent_field(model):
    """For a line without a workflow of its own, the link to the record whose
    state governs it (e.g. the assessment of a criterion line)."""
    if state_field(model):
        return None
    for name, field in sorted(model._fields.items()):
        if (
            field.type == "many2one"
            and field.required
            and field.ondelete == "cascade"
            and state_field(model.env[field.comodel_name])
        ):
            return name
    return None


def matrix_models(env):
    """Every model on which the suite defines a field people could set."""
    return sorted(
        name
        for name, model_class in env.registry.items()
        if not model_class._abstract
        and not model_class._transient
        and model_class._auto
        and matrix_fields(env[name])
        and (name.startswith("pcve.") or name == "res.partner")
    )


def matrix_fields(model):
    """The fields people could set: stored (a related field writes through),
    not computed without inverse, the suite's own plus ``company_id``, the
    read-only ones too (read-only in a form protects nothing over RPC). A
    one2many is set through its own model; Odoo sets the log columns."""
    return sorted(
        name
        for name, field in model._fields.items()
        if name not in LOG_FIELDS
        and name != "id"
        and (field._module in SUITE_MODULES or name == "company_id")
        and field.store
        and field.type not in ("one2many", "binary")
        and not (field.compute and field.readonly and not field.related)
    )


def states_of(model):
    """The states a record of ``model`` is tried in: its own or its parent's
    (``[None]`` for a model without workflow)."""
    sfield = state_field(model)
    if sfield:
        return [value for value, _label in model._fields[sfield].selection]
    pfield = parent_field(model)
    if pfield:
        return states_of(model.env[model._fields[pfield].comodel_name])
    return [None]


class WriteMatrixCase(HttpCase):
    """Realistic records of every model, in every state, and the probes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        started = time.time()
        env = cls.env
        cls.users = {}
        for role, groups in ROLES.items():
            user = env["res.users"].search([("login", "=", role)])
            if user:
                user.password = role
            else:
                user = new_test_user(env, login=role, password=role, groups=groups)
            cls.users[role] = user
        colleague_groups = (
            "pcve_partners.group_pcve_assessor,pcve_casework.group_case_worker,"
            "pcve_safespaces.group_safespace_organiser"
        )
        cls.colleague = new_test_user(
            env,
            login="matrix_colleague",
            name="Matrix Colleague",
            groups=colleague_groups,
        )
        cls.colleague2 = new_test_user(
            env,
            login="matrix_colleague2",
            name="Matrix Second",
            groups=colleague_groups,
        )
        cls.other_company = env["res.company"].create({"name": "Matrix town"})
        cls.now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls.today = fields.Date.context_today(env["res.partner"])
        cls.fixtures = {}
        cls._build_partners()
        cls._build_assessments()
        cls._build_cases()
        cls._build_safespaces()
        cls._build_evaluation()
        cls.pools = {
            "res.users": cls.colleague | cls.colleague2,
            "res.partner": cls.other_partner,
            "pcve.case": cls.case_spare,
            "pcve.partner.assessment": cls.assessment_spare
            | cls.assessment_spare_decided,
            "pcve.crisis": cls.crisis_spare,
            "pcve.network.member": cls.crisis_member_spare,
            "pcve.site": cls.site_spare,
            "pcve.site.incident": cls.incident_spare,
            "pcve.safespace.session": cls.session_spare,
            "pcve.safespace.series": cls.series,
            "pcve.venue": cls.venue_spare,
            "pcve.community": cls.community_spare,
            "pcve.charter": cls.charter_spare,
            "pcve.safespace.topic": cls.topic_spare,
            "ir.attachment": cls.attachment,
        }
        cls.field_pools = {
            ("pcve.agreement", "assessment_id"): cls.assessment_spare_decided,
        }
        cls.models = matrix_models(env)
        # what the set-up left for the end of the transaction (tracking) runs now
        env.flush_all()
        env.cr.flush()
        cls.setup_seconds = time.time() - started

    # ------------------------------------------------------------ fixtures
    @classmethod
    def _as(cls, login, model):
        user = cls.users.get(login) or cls.env["res.users"].search(
            [("login", "=", login)]
        )
        return cls.env[model].with_user(user)

    @classmethod
    def _build_partners(cls):
        env = cls.env
        Partner = env["res.partner"]
        cls.partner = Partner.create(
            {
                "name": "Matrix Youth Club",
                "pcve_is_partner": True,
                "email": "club@example.org",
            }
        )
        cls.other_partner = Partner.create(
            {
                "name": "Matrix Sports Club",
                "pcve_is_partner": True,
                "email": "sports@example.org",
            }
        )
        cls.initiative = Partner.create(
            {"name": "Matrix Mosque Initiative", "pcve_is_partner": True}
        )
        cls.moderator = Partner.create({"name": "Matrix Moderator"})
        cls.fixtures["res.partner"] = {
            None: Partner.create(
                {"name": "Matrix Faith Community", "pcve_is_partner": True}
            )
        }
        Community = cls._as("pcvemanager", "pcve.community")
        cls.community = Community.create({"name": "Matrix Quarter"})
        cls.community_spare = Community.create({"name": "Matrix Riverside"})
        cls.fixtures["pcve.community"] = {None: cls.community}
        Charter = cls._as("pcvemanager", "pcve.charter")
        cls.charter = Charter.create({"name": "Matrix Charter"})
        cls.charter_spare = Charter.create({"name": "Matrix Charter", "version": "2.0"})
        cls.fixtures["pcve.charter"] = {None: cls.charter}
        cls.fixtures["pcve.charter.signature"] = {
            None: cls._as("assessor", "pcve.charter.signature").create(
                {
                    "partner_id": cls.partner.id,
                    "charter_id": cls.charter.id,
                    "signatory": "Matrix chair",
                }
            )
        }
        cls.fixtures["pcve.assessment.criterion"] = {
            None: cls._as("pcvemanager", "pcve.assessment.criterion").create(
                {"name": "Matrix criterion", "active": True}
            )
        }
        cls.fixtures["pcve.language.rule"] = {
            None: cls._as("pcvemanager", "pcve.language.rule").create(
                {
                    "name": "Matrix rule",
                    "community_terms": "matrixfolk",
                    "threat_terms": "matrixthreat",
                    "suggestion": "Speak of all forms of extremism.",
                }
            )
        }

    @classmethod
    def _build_assessments(cls):
        Assessment = cls._as("assessor", "pcve.partner.assessment")
        Reference = cls._as("assessor", "pcve.assessment.reference")
        approver = cls.users["approver"]

        def assessment(*steps):
            record = Assessment.create(
                {"partner_id": cls.partner.id, "requested_level": "dialogue"}
            )
            Reference.create({"assessment_id": record.id, "name": "Matrix referee"})
            for step in steps:
                step(record)
            return record

        submit = type(Assessment).action_submit
        cancel = type(Assessment).action_cancel

        def approve(record):
            record.with_user(approver).action_approve()

        # the initiative a faith volunteer acts for needs a valid level
        initiative = Assessment.create(
            {"partner_id": cls.initiative.id, "requested_level": "dialogue"}
        )
        submit(initiative)
        approve(initiative)
        cls.assessment_spare = assessment()
        cls.assessment_spare_decided = assessment(submit, approve)
        assessments = {
            "draft": assessment(),
            "in_review": assessment(submit),
            "decided": assessment(submit, approve),
            "cancelled": assessment(cancel),
        }
        cls.fixtures["pcve.partner.assessment"] = assessments
        cls.fixtures["pcve.assessment.criterion.line"] = {
            state: record.criterion_line_ids[:1]
            for state, record in assessments.items()
        }
        cls.fixtures["pcve.assessment.reference"] = {
            state: record.reference_ids[:1] for state, record in assessments.items()
        }
        # the partner said "collaborate" after the approval: memoranda may be signed
        cls._as("assessor", "pcve.partner.feedback").create(
            {"partner_id": cls.partner.id, "decision": "collaborate"}
        )
        Agreement = cls._as("assessor", "pcve.agreement")

        def agreement(*actions):
            """A memorandum, concluding an approved assessment once active."""
            values = {
                "name": "Matrix memorandum",
                "partner_id": cls.partner.id,
                "objectives": "<p>Matrix objectives</p>",
                "date_start": "2025-01-01",
            }
            if actions and actions[0] == "action_activate":
                values["assessment_id"] = assessments["decided"].id
            record = Agreement.create(values)
            for action in actions:
                getattr(record, action)()
            return record

        cls._build_trust(assessments["decided"])
        cls.fixtures["pcve.agreement"] = {
            "draft": agreement(),
            "active": agreement("action_activate"),
            "ended": agreement("action_activate", "action_end"),
            "cancelled": agreement("action_cancel"),
        }

    @classmethod
    def _build_trust(cls, approved):
        """Observations in each state (not red: the partner's level stays),
        feedback, a network coordinated by staff, a training."""
        Observation = cls._as("approver", "pcve.partner.observation")

        def observation():
            return Observation.create(
                {
                    "partner_id": cls.partner.id,
                    "severity": "observation",
                    "category": "other",
                    "description": "Matrix observation",
                }
            )

        dismissed = observation()
        dismissed.action_dismiss(resolution="Matrix resolution")
        resolved = observation()
        resolved._resolve_by_assessment(approved)
        cls.fixtures["pcve.partner.observation"] = {
            "open": observation(),
            "resolved": resolved,
            "dismissed": dismissed,
        }
        cls.fixtures["pcve.partner.feedback"] = {
            None: cls._as("assessor", "pcve.partner.feedback").create(
                {"partner_id": cls.partner.id, "decision": "collaborate"}
            )
        }
        cls.network = cls._as("pcvemanager", "pcve.network").create(
            {"name": "Matrix network", "coordinator_user_ids": [cls.users["staff"].id]}
        )
        cls.fixtures["pcve.network"] = {None: cls.network}
        cls.fixtures["pcve.network.member"] = {
            None: cls._as("pcvemanager", "pcve.network.member").create(
                {"network_id": cls.network.id, "partner_id": cls.partner.id}
            )
        }
        cls.training = cls._as("pcvemanager", "pcve.training").create(
            {"name": "Matrix training", "kind": "leadership"}
        )
        cls.fixtures["pcve.training"] = {None: cls.training}
        cls.fixtures["pcve.training.participation"] = {
            None: cls._as("pcvemanager", "pcve.training.participation").create(
                {"training_id": cls.training.id, "partner_id": cls.partner.id}
            )
        }

    @classmethod
    def _build_cases(cls):
        env = cls.env
        worker = cls.users["caseworker"]
        psychologist = env["res.users"].search([("login", "=", "psychologist")])
        if not psychologist:
            psychologist = new_test_user(
                env, login="psychologist", groups="pcve_casework.group_case_worker"
            )
        Case = cls._as("casemanager", "pcve.case")

        def case(name):
            members = [
                {"user_id": worker.id, "role": "social_worker"},
                {"user_id": cls.colleague.id, "role": "social_worker"},
                {
                    "user_id": cls.users["volunteer"].id,
                    "role": "faith_volunteer",
                    "acting_on_behalf_of_id": cls.initiative.id,
                },
            ]
            if name != "spare":  # the spare case takes the psychologist in
                members.append({"user_id": psychologist.id, "role": "psychologist"})
            record = Case.create(
                {
                    "subject_pseudonym": f"Matrix {name}",
                    "lead_user_id": worker.id,
                    "member_ids": [Command.create(vals) for vals in members],
                }
            )
            # someone else's note for every role tried
            env["pcve.case.note"].with_user(cls.colleague).create(
                {"case_id": record.id, "body": "Matrix note by a colleague"}
            )
            env["pcve.case.plan.item"].with_user(worker).create(
                {"case_id": record.id, "description": "Matrix plan step"}
            )
            env["pcve.case.meeting"].with_user(worker).create(
                {"case_id": record.id, "name": "Matrix conference"}
            )
            return record

        cls.case_spare = case("spare")
        cases = {}
        moves = [
            "action_start_assessment",
            "action_start_intervention",
            "action_start_monitoring",
        ]
        # moved through the stages by the case manager
        for count, stage in enumerate(
            ("signal", "assessment", "intervention", "monitoring")
        ):
            cases[stage] = case(stage)
            for move in moves[:count]:
                getattr(cases[stage], move)()
        cases["closed"] = case("closed")
        cases["closed"].write(
            {"closure_reason_code": "goals_met", "closure_reason": "Matrix closure"}
        )
        cases["closed"].action_close()
        cls.fixtures["pcve.case"] = cases
        cls.fixtures["pcve.case.note"] = {s: c.note_ids[:1] for s, c in cases.items()}
        cls.fixtures["pcve.case.plan.item"] = {
            s: c.plan_item_ids[:1] for s, c in cases.items()
        }
        cls.fixtures["pcve.case.meeting"] = {
            s: c.meeting_ids[:1] for s, c in cases.items()
        }
        # (the closure ended the closed case's memberships: archived ones too)
        cls.fixtures["pcve.case.member"] = {
            s: c.with_context(active_test=False).member_ids.filtered(
                lambda m: m.role == "psychologist"
            )
            for s, c in cases.items()
        }
        cls._build_referrals(cases["intervention"])

    @classmethod
    def _build_referrals(cls, case):
        """A case worker of the team refers the case, in every state."""
        Referral = cls._as("caseworker", "pcve.case.referral")

        def referral(*moves):
            record = Referral.create(cls._referral_values(case))
            for move in moves:
                method, *args = move if isinstance(move, tuple) else (move,)
                getattr(record, method)(*args)
            return record

        cls.fixtures["pcve.case.referral"] = {
            "draft": referral(),
            "requested": referral("action_request"),
            "accepted": referral("action_request", "action_accept"),
            "declined": referral("action_request", ("action_decline", "Matrix full")),
            "completed": referral(
                "action_request", "action_accept", ("action_complete", "Matrix done")
            ),
            "cancelled": referral("action_cancel"),
        }

    @classmethod
    def _referral_values(cls, case):
        return {
            "case_id": case.id,
            "service_partner_id": cls.partner.id,
            "service_type": "youth_work",
            "reason": "Matrix referral",
            "consent_given_by": "subject",
            "consent_date": cls.today,
        }

    @classmethod
    def _build_safespaces(cls):
        env = cls.env
        Venue = cls._as("organiser", "pcve.venue")
        cls.venue = Venue.create({"name": "Matrix Library", "capacity": 50})
        cls.venue_spare = Venue.create({"name": "Matrix Youth Centre", "capacity": 50})
        cls.fixtures["pcve.venue"] = {None: cls.venue}
        manager = "safespacemanager"
        cls.fixtures["pcve.safespace.topic"] = {
            None: cls._as(manager, "pcve.safespace.topic").create(
                {"name": "Matrix parking"}
            )
        }
        cls.topic_spare = cls._as(manager, "pcve.safespace.topic").create(
            {"name": "Matrix housing"}
        )
        cls.fixtures["pcve.crisis.playbook.step"] = {
            None: cls._as(manager, "pcve.crisis.playbook.step").create(
                {"name": "Matrix step"}
            )
        }
        Session = cls._as("organiser", "pcve.safespace.session")

        def session(days, *actions, confidential=True):
            start = cls.now + timedelta(days=days)
            record = Session.create(
                {
                    "name": "Matrix dialogue",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "venue_id": cls.venue.id,
                    "moderator_partner_id": cls.moderator.id,
                    "confidential": confidential,
                    "community_ids": [Command.link(cls.community.id)],
                    "attendance_count": 10,
                    "attendance_women": 2,
                    "attendance_youth": 2,
                }
            )
            for action in actions:
                getattr(record, action)()
            return record

        sessions = {
            "draft": session(30),
            "confirmed": session(31, "action_confirm"),
            "held": session(-3, "action_confirm", "action_mark_held"),
            "cancelled": session(32, "action_cancel"),
        }
        cls.fixtures["pcve.safespace.session"] = sessions
        cls.session_spare = session(33, confidential=False)
        Invitation = cls._as("organiser", "pcve.safespace.invitation")
        invitations = {}
        for state, action in (
            ("invited", None),
            ("accepted", "action_accept"),
            ("declined", "action_decline"),
            ("attended", "action_attended"),
        ):
            invitee = env["res.partner"].create(
                {"name": f"Matrix invitee {state}", "email": f"{state}@example.org"}
            )
            invitations[state] = Invitation.create(
                {"session_id": sessions["confirmed"].id, "partner_id": invitee.id}
            )
            if action:
                getattr(invitations[state], action)()
        cls.fixtures["pcve.safespace.invitation"] = invitations
        cls.series = cls._as("organiser", "pcve.safespace.series").create(
            cls._series_values()
        )
        cls.fixtures["pcve.safespace.series"] = {None: cls.series}
        Crisis = cls._as("organiser", "pcve.crisis")

        def crisis(*actions, lines=True):
            record = Crisis.create(
                {
                    "name": "Matrix incident",
                    "incident_date": cls.now - timedelta(days=2),
                    "affected_community_ids": [Command.link(cls.community.id)],
                }
            )
            if lines:
                env["pcve.crisis.team.line"].with_user(record.env.user).create(
                    {"crisis_id": record.id, "team": "civic"}
                )
                env["pcve.crisis.task"].with_user(record.env.user).create(
                    {"crisis_id": record.id, "name": "Matrix task", "sequence": 1}
                )
            for action in actions:
                getattr(record, action)()
            return record

        cls.crisis_spare = crisis(lines=False)
        crises = {
            "response": crisis(),
            "recovery": crisis("action_recovery"),
            "closed": crisis("action_close"),
        }
        cls.fixtures["pcve.crisis"] = crises
        cls.fixtures["pcve.crisis.team.line"] = {
            s: c.team_line_ids[:1] for s, c in crises.items()
        }
        cls.fixtures["pcve.crisis.task"] = {
            s: c.task_ids.filtered(lambda t: t.name == "Matrix task")
            for s, c in crises.items()
        }
        # the network members a crisis calls, recorded by its activation
        Member = env["pcve.network.member"]
        called = Member.create(
            {
                "network_id": cls.network.id,
                "partner_id": cls.partner.id,
                "crisis_contact_consent": True,
            }
        )
        cls.crisis_member_spare = Member.create(
            {
                "network_id": cls.network.id,
                "partner_id": cls.other_partner.id,
                "crisis_contact_consent": True,
            }
        )
        cls.fixtures["pcve.crisis.contact"] = {
            s: env["pcve.crisis.contact"].create(
                {"crisis_id": c.id, "member_id": called.id}
            )
            for s, c in crises.items()
        }
        # sites, incidents in each state and their responses
        Site = cls._as("organiser", "pcve.site")
        cls.site = Site.create({"name": "Matrix mosque", "faith": "muslim"})
        cls.site_spare = Site.create({"name": "Matrix church", "faith": "christian"})
        cls.fixtures["pcve.site"] = {None: cls.site}
        Incident = cls._as("organiser", "pcve.site.incident")
        Response = cls._as("organiser", "pcve.site.incident.response")

        def incident(state="new"):
            """An incident in ``state``: a response makes it responded."""
            record = Incident.create(
                {
                    "site_id": cls.site.id,
                    "kind": "graffiti",
                    "occurred_on": cls.today - timedelta(days=3),
                }
            )
            if state != "new":
                Response.create({"incident_id": record.id})
            if state == "closed":
                record.action_close()
            return record

        cls.incident_spare = incident()
        incidents = {state: incident(state) for state in ("new", "responded", "closed")}
        cls.fixtures["pcve.site.incident"] = incidents
        cls.fixtures["pcve.site.incident.response"] = {
            state: record.response_ids[:1] for state, record in incidents.items()
        }
        # concerns: from the demo data, one per state, outside confidential sessions
        Concern = env["pcve.concern"]
        cls.fixtures["pcve.concern"] = {
            state: Concern.search(
                [
                    ("state", "=", state),
                    "|",
                    ("session_id", "=", False),
                    ("session_id.confidential", "=", False),
                ],
                order="id",
                limit=1,
            )
            for state, _label in Concern._fields["state"].selection
        }

    @classmethod
    def _series_values(cls):
        first = cls.now + timedelta(days=60)
        return {
            "name": "Matrix series",
            "first_start": first,
            "count": 2,
            "until": fields.Date.to_string(first.date() + timedelta(days=90)),
            "venue_id": cls.venue.id,
            "moderator_partner_id": cls.moderator.id,
        }

    @classmethod
    def _build_evaluation(cls):
        Review = cls._as("evaluator", "pcve.evaluation.review")
        cls.fixtures["pcve.evaluation.review"] = {
            "draft": Review.create(
                {
                    "name": "Matrix review",
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                }
            ),
            "done": cls.env["pcve.evaluation.review"].search(
                [("state", "=", "done")], order="id", limit=1
            ),
        }
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "matrix.xlsx", "raw": b"matrix"}
        )
        cls._build_action_plans()

    @classmethod
    def _build_action_plans(cls):
        """A plan in each stage, an initiative (owned by staff) in each state."""
        Plan = cls._as("evaluator", "pcve.action.plan")
        stages = [value for value, _label in Plan._fields["stage"].selection]
        plans = {}
        for stage in stages:
            plan = Plan.create({"name": f"Matrix plan {stage}"})
            plan.sudo().write(
                {
                    "team_partner_ids": [(4, cls.partner.id)],
                    "situational_picture": "<p>Matrix picture</p>",
                }
            )
            cls._matrix_initiative(plan)
            while plan.stage != stage:
                plan.action_next_stage()
            plans[stage] = plan
        cls.fixtures["pcve.action.plan"] = plans
        initiatives = {}
        for state, path in {
            "planned": (),
            "running": ("running",),
            "done": ("running", "done"),
            "dropped": ("dropped",),
        }.items():
            initiative = cls._matrix_initiative(plans["plan"])
            for step in path:
                initiative.write({"state": step})
            initiatives[state] = initiative
        cls.fixtures["pcve.action.plan.initiative"] = initiatives

    @classmethod
    def _matrix_initiative(cls, plan):
        return cls._as("evaluator", "pcve.action.plan.initiative").create(
            {
                "plan_id": plan.id,
                "name": "Matrix initiative",
                "structure_partner_id": cls.partner.id,
                "owner_user_id": cls.users["staff"].id,
            }
        )

    def _base_values(self, model_name, state):
        """Valid values of a new record of ``model_name`` (in parent ``state``)."""
        fixtures = self.fixtures
        parent = {
            model: (fixtures[model].get(state) or self.env[model]).id
            for model in (
                "pcve.partner.assessment",
                "pcve.case",
                "pcve.crisis",
                "pcve.site.incident",
            )
        }
        start = self.now + timedelta(days=40)
        values = {
            "pcve.action.plan": {"name": "Matrix plan"},
            "pcve.action.plan.initiative": {
                "plan_id": fixtures["pcve.action.plan"]["initiation"].id,
                "name": "Matrix initiative",
                "structure_partner_id": self.partner.id,
            },
            "pcve.agreement": {
                "name": "Matrix memorandum",
                "partner_id": self.partner.id,
                "objectives": "<p>Matrix objectives</p>",
                "date_start": "2025-01-01",
            },
            "pcve.assessment.criterion": {"name": "Matrix criterion"},
            "pcve.assessment.criterion.line": {
                "assessment_id": parent["pcve.partner.assessment"],
                "criterion_id": fixtures["pcve.assessment.criterion"][None].id,
            },
            "pcve.assessment.reference": {
                "assessment_id": parent["pcve.partner.assessment"],
                "name": "Matrix referee",
            },
            "pcve.case": {"subject_pseudonym": "Matrix new case"},
            "pcve.case.meeting": {"case_id": parent["pcve.case"], "name": "Matrix"},
            "pcve.case.member": {
                "case_id": parent["pcve.case"],
                "user_id": self.colleague2.id,
                "role": "youth_worker",
            },
            "pcve.case.note": {"case_id": parent["pcve.case"], "body": "Matrix note"},
            "pcve.case.plan.item": {
                "case_id": parent["pcve.case"],
                "description": "Matrix step",
            },
            "pcve.case.referral": self._referral_values(
                fixtures["pcve.case"]["intervention"]
            ),
            "pcve.charter": {"name": "Matrix charter"},
            "pcve.charter.signature": {
                "partner_id": self.initiative.id,
                "charter_id": self.charter.id,
                "signatory": "Matrix signatory",
            },
            "pcve.community": {"name": "Matrix community"},
            "pcve.concern": {
                "name": "Matrix concern",
                "raised_on": self.today - timedelta(days=30),
            },
            "pcve.crisis": {"name": "Matrix crisis"},
            "pcve.crisis.contact": {
                "crisis_id": parent["pcve.crisis"],
                "member_id": self.crisis_member_spare.id,
            },
            "pcve.crisis.playbook.step": {"name": "Matrix step"},
            "pcve.crisis.task": {"crisis_id": parent["pcve.crisis"], "name": "Matrix"},
            "pcve.crisis.team.line": {
                "crisis_id": parent["pcve.crisis"],
                "team": "practical",
            },
            "pcve.evaluation.review": {
                "name": "Matrix review",
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
            },
            "pcve.language.rule": {
                "name": "Matrix rule",
                "community_terms": "matrixfolk",
                "threat_terms": "matrixthreat",
                "suggestion": "Speak of all forms of extremism.",
            },
            "pcve.partner.assessment": {
                "partner_id": self.partner.id,
                "requested_level": "dialogue",
            },
            "pcve.partner.feedback": {
                "partner_id": self.partner.id,
                "decision": "collaborate",
            },
            "pcve.partner.observation": {
                "partner_id": self.partner.id,
                "severity": "observation",
                "category": "other",
                "description": "Matrix observation",
            },
            "pcve.network": {"name": "Matrix network"},
            "pcve.network.member": {
                "network_id": self.network.id,
                "partner_id": self.partner.id,
            },
            "pcve.training": {"name": "Matrix training"},
            "pcve.training.participation": {
                "training_id": self.training.id,
                "partner_id": self.partner.id,
            },
            "pcve.safespace.invitation": {
                "session_id": fixtures["pcve.safespace.session"]["confirmed"].id,
                "partner_id": self.moderator.id,
            },
            "pcve.safespace.series": self._series_values(),
            "pcve.safespace.session": {
                "name": "Matrix session",
                "start": start,
                "stop": start + timedelta(hours=2),
                "venue_id": self.venue.id,
                "moderator_partner_id": self.moderator.id,
                "attendance_count": 10,
            },
            "pcve.safespace.topic": {"name": "Matrix topic"},
            "pcve.site": {"name": "Matrix synagogue", "faith": "jewish"},
            "pcve.site.incident": {"site_id": self.site.id, "kind": "threat"},
            "pcve.site.incident.response": {
                "incident_id": parent["pcve.site.incident"],
            },
            "pcve.venue": {"name": "Matrix venue"},
            "res.partner": {"name": "Matrix contact"},
        }[model_name]
        return {key: _wire(value) for key, value in values.items()}

    # ------------------------------------------------------------ values
    def _other_id(self, field, exclude):
        """Another record for a relational field: from the fixtures when
        there is one, else any other record."""
        pool = self.field_pools.get((field.model_name, field.name))
        if pool is None:
            pool = self.pools.get(field.comodel_name)
        for record in pool or ():
            if record.id not in exclude:
                return record.id
        return (
            self.env[field.comodel_name]
            .sudo()
            .search([("id", "not in", list(exclude))], order="id", limit=1)
            .id
        )

    def _candidates(self, model_name, fname, current):
        """Valid values to try for ``fname`` (which differ from ``current``),
        each with the test of whether it was stored."""
        field = self.env[model_name]._fields[fname]
        override = VALUE_OVERRIDES.get((model_name, fname))
        kind = field.type
        if override is not None:
            values = override(self, current)
            return [(value, _equals(field, value)) for value in values]
        if kind == "many2one":
            current_id = current.id if hasattr(current, "id") else current
            if field.comodel_name == "res.company":
                values = [self.other_company.id] + ([] if field.required else [False])
                return [(value, _equals(field, value)) for value in values]
            value = self._other_id(field, {current_id})
            return [(value, _equals(field, value))]
        if kind == "many2many":
            ids = set(current.ids if hasattr(current, "ids") else current or [])
            value = self._other_id(field, ids)
            # (4, id): what an XML-RPC client sends (Command is an enum)
            return [([(4, value, 0)], lambda stored: value in stored.ids)]
        if kind == "selection":
            options = [v for v in field.get_values(self.env) if v != current]
            return [(options[0], _equals(field, options[0]))]
        if kind == "boolean":
            return [(not current, _equals(field, not current))]
        if kind in ("integer", "float", "monetary"):
            value = (current or 0) + 1
            return [(value, _equals(field, value))]
        if kind == "date":
            value = self._shift(current, days=-1)
            return [(value, _equals(field, value))]
        if kind == "datetime":
            base = fields.Datetime.to_datetime(current) or self.now
            value = fields.Datetime.to_string(base - timedelta(hours=1))
            return [(value, _equals(field, value))]
        if kind == "html":
            return [(f"<p>{HTML_TEXT}</p>", lambda stored: HTML_TEXT in (stored or ""))]
        value = f"Matrix {fname}" if current != f"Matrix {fname}" else "Matrix 2"
        return [(value, _equals(field, value))]

    def _shift(self, current, **delta):
        """A date ``delta`` away from ``current`` (or today), as text."""
        base = fields.Date.to_date(current) or self.today
        return fields.Date.to_string(base + relativedelta(**delta))

    # ------------------------------------------------------------ probes
    def _probes(
        self, model_name, fname, role, operations=("create", "write"), states=None
    ):
        """Every attempt of ``role`` to set ``fname`` on ``model_name`` (in
        all its states, or in ``states``): ``(operation, key, record or None,
        vals, check)`` where ``key`` is the state tried (``"from>to"`` for the
        workflow field itself)."""
        model = self.env[model_name]
        user = self.users[role]
        sfield = state_field(model)
        states = states or states_of(model)
        fixtures = self.fixtures.get(model_name, {})
        if "create" in operations:
            if fname == sfield:
                default = model.with_user(user).default_get([fname]).get(fname)
                for state in states:
                    if state != default:
                        vals = dict(
                            self._base_values(model_name, None), **{fname: state}
                        )
                        vals.update(TRANSITION_COMPANIONS.get((model_name, state), {}))
                        check = _equals(model._fields[fname], state)
                        yield "create", state, None, vals, check
            else:
                for state in [None] if sfield else states:
                    base = self._base_values(model_name, state)
                    current = base.get(fname)
                    if fname not in base:
                        defaults = model.with_user(user).default_get([fname])
                        current = defaults.get(fname)
                    for value, check in self._candidates(model_name, fname, current):
                        vals = dict(base, **COMPANIONS.get((model_name, fname), {}))
                        vals[fname] = value
                        yield "create", state, None, vals, check
        if "write" not in operations:
            return
        for state in states:
            record = fixtures.get(state)
            if not record:
                continue
            current = record.sudo()[fname]
            if fname == sfield:
                for target in states:
                    if target == state:
                        continue
                    vals = {fname: target}
                    vals.update(TRANSITION_COMPANIONS.get((model_name, target), {}))
                    check = _equals(model._fields[fname], target)
                    yield "write", f"{state}>{target}", record, vals, check
                continue
            if model._fields[fname].type == "many2one":
                current = current.id
            for value, check in self._candidates(model_name, fname, current):
                vals = dict(COMPANIONS.get((model_name, fname), {}), **{fname: value})
                yield "write", state, record, vals, check

    def _decision_companions(self, model_name, vals, user):
        """A decision is written with its outcome, level, decider and date."""
        if model_name == "pcve.partner.assessment" and vals.get("state") == "decided":
            vals = dict(
                vals,
                outcome="approved",
                granted_level="dialogue",
                decided_by_id=user.id,
                decision_date=fields.Date.to_string(self.today),
            )
        return vals

    @contextmanager
    def _rolled_back(self):
        savepoint = self.env.cr.savepoint()
        try:
            yield
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)

    def _attempt(self, via, user, model_name, fname, record, vals, check):
        """Run one probe through the ORM or over XML-RPC: (outcome, detail)."""
        # a copy: create and write overrides may add to the values they get
        vals = copy.deepcopy(self._decision_companions(model_name, vals, user))
        with self._rolled_back():
            try:
                ids = (self._orm if via == "orm" else self._xmlrpc)(
                    user, model_name, record, vals
                )
            except _Refused as refused:
                return "no", str(refused)[:300]
            except _Broken as broken:
                return "error", str(broken)[-300:]
            self.env.invalidate_all()
            stored = (
                self.env[model_name]
                .sudo()
                .with_context(active_test=False)
                .browse(ids)
                .exists()
            )
            if stored and all(check(record[fname]) for record in stored):
                return "yes", ""
            return "ignored", ""

    def _orm(self, user, model_name, record, vals):
        Model = self.env[model_name].with_user(user)
        try:
            if record:
                Model.browse(record.ids).write(vals)
                ids = record.ids
            else:
                ids = Model.create([vals]).ids
            self.env.cr.flush()
        except (UserError, psycopg2.IntegrityError) as error:
            raise _Refused(error) from error
        except Exception as error:  # any other error is a finding
            raise _Broken(repr(error)) from error
        return ids

    def _xmlrpc(self, user, model_name, record, vals):
        db = self.env.cr.dbname
        try:
            if record:
                self.xmlrpc_object.execute_kw(
                    db, user.id, user.login, model_name, "write", [record.ids, vals]
                )
                return record.ids
            return self.xmlrpc_object.execute_kw(
                db, user.id, user.login, model_name, "create", [[vals]]
            )
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in (2, 3, 4) and "Traceback" not in fault.faultString:
                raise _Refused(fault.faultString) from fault
            raise _Broken(fault.faultString) from fault


class _Refused(Exception):
    pass


class _Broken(Exception):
    pass


def _wire(value):
    """A value as an XML-RPC client sends it."""
    if isinstance(value, datetime.datetime):
        return fields.Datetime.to_string(value)
    if isinstance(value, datetime.date):
        return fields.Date.to_string(value)
    return value


def _equals(field, value):
    """Whether a stored value of ``field`` is ``value``."""
    if field.type == "many2one":

        def check(stored):
            return stored.id == (value or False)
    elif field.type == "date":

        def check(stored):
            return stored == fields.Date.to_date(value)
    elif field.type == "datetime":

        def check(stored):
            return stored == fields.Datetime.to_datetime(value)
    elif field.type in ("float", "monetary"):

        def check(stored):
            return abs((stored or 0) - value) < 1e-6
    else:

        def check(stored):
            return stored == value

    return check
