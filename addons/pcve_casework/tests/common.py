from lxml import etree

from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.pcve_base.tests.common import RpcCase, RuleCase

# What the activity widgets (kanban_activity, list_activity) add to a view's
# specification in the web client.
ACTIVITY_SPEC = {
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}


def web_client_spec(model, *view_types):
    """The specification the web client sends for these views of ``model``:
    the fields of each arch as the user gets it (groups applied), many2one
    fields with their display name, and what activity widgets depend on."""
    spec = {}
    for view_type in view_types:
        views = model.get_views([(False, view_type)])["views"]
        arch = etree.fromstring(views[view_type]["arch"])
        for node in arch.iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            name = node.get("name")
            many2one = model._fields[name].type == "many2one"
            spec.setdefault(name, {"fields": {"display_name": {}}} if many2one else {})
            if node.get("widget") in ("kanban_activity", "list_activity"):
                for dependency, sub_spec in ACTIVITY_SPEC.items():
                    spec.setdefault(dependency, sub_spec)
        for attribute in ("default_group_by", "highlight_color"):
            if arch.get(attribute):
                spec.setdefault(arch.get(attribute), {})
    return spec


class CaseworkSetup:
    """A case with a faith volunteer paired with a social worker, and users
    in every casework group (plus a bystander who is in none of the teams)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduled jobs commit their progress: a test keeps its transaction
        cls.classPatch(
            cls.registry["ir.cron"], "_commit_progress", lambda *a, **kw: 60.0
        )
        cls.manager = new_test_user(
            cls.env, login="pcve_t_manager", groups="pcve_casework.group_case_manager"
        )
        cls.worker = new_test_user(
            cls.env, login="pcve_t_worker", groups="pcve_casework.group_case_worker"
        )
        cls.psychologist = new_test_user(
            cls.env, login="pcve_t_psy", groups="pcve_casework.group_case_worker"
        )
        cls.outsider_worker = new_test_user(
            cls.env, login="pcve_t_other", groups="pcve_casework.group_case_worker"
        )
        cls.imam = new_test_user(
            cls.env, login="pcve_t_imam", groups="pcve_casework.group_case_volunteer"
        )
        cls.other_volunteer = new_test_user(
            cls.env, login="pcve_t_vol2", groups="pcve_casework.group_case_volunteer"
        )
        cls.initiative = cls.env["res.partner"].create(
            {
                "name": "Moskee Vilvoorde: Vrouwen- en jongerenwerking",
                "is_company": True,
            }
        )
        cls.Case = cls.env["pcve.case"]
        cls.case = cls.Case.with_user(cls.manager).create(
            {
                "subject_pseudonym": "Sparrow",
                "signal_source": "family",
                "concern_type": "religiously_motivated",
                "signal_description": "Brother reported contacts with a recruiter.",
                "lead_user_id": cls.worker.id,
                "member_ids": [
                    (0, 0, {"user_id": cls.worker.id, "role": "social_worker"}),
                    (
                        0,
                        0,
                        {
                            "user_id": cls.imam.id,
                            "role": "faith_volunteer",
                            "acting_on_behalf_of_id": cls.initiative.id,
                        },
                    ),
                ],
            }
        )
        cls.other_case = cls.Case.with_user(cls.manager).create(
            {
                "subject_pseudonym": "Heron",
                "lead_user_id": cls.outsider_worker.id,
                "member_ids": [
                    (0, 0, {"user_id": cls.outsider_worker.id, "role": "youth_worker"})
                ],
            }
        )

    def _member(self, case, user):
        return case.member_ids.filtered(lambda m: m.user_id == user)


class CaseworkCommon(CaseworkSetup, RuleCase, TransactionCase):
    """The casework set-up, through the ORM."""


class CaseworkRpcCommon(CaseworkSetup, RpcCase, HttpCase):
    """The casework set-up, called over XML-RPC as an integration would."""
