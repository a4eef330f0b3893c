from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestTeamConcurrency(TransactionCase):
    """Two real transactions change one team at once; the pairing rule holds."""

    @mute_logger("odoo.sql_db")
    def test_add_volunteer_while_ending_last_professional(self):
        db = db_connect(self.env.cr.dbname)
        with db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            worker = env["res.users"].search([("login", "=", "caseworker")])
            volunteer = env["res.users"].search([("login", "=", "volunteer")])
            initiative = env["res.partner"].create({"name": "Concurrency initiative"})
            case = env["pcve.case"].create(
                {
                    "subject_pseudonym": "Concurrency",
                    "member_ids": [
                        (0, 0, {"user_id": worker.id, "role": "social_worker"})
                    ],
                }
            )
            ids = (case.id, case.member_ids.id, initiative.id, volunteer.id)
        case_id, professional_id, initiative_id, volunteer_id = ids
        cr1, cr2 = db.cursor(), db.cursor()
        try:
            # Both transactions take their snapshot before either commits.
            cr1.execute("SELECT 1")
            cr2.execute("SELECT 1")
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            env1["pcve.case.member"].create(
                {
                    "case_id": case_id,
                    "user_id": volunteer_id,
                    "role": "faith_volunteer",
                    "acting_on_behalf_of_id": initiative_id,
                }
            )
            env1.flush_all()
            cr1.commit()
            with self.assertRaises(SerializationFailure):
                env2["pcve.case.member"].browse(professional_id).action_end()
                env2.flush_all()
            cr2.rollback()
        finally:
            cr1.close()
            cr2.close()
        with db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            case = env["pcve.case"].browse(case_id)
            roles = case.member_ids.filtered("active").mapped("role")
            self.assertIn("faith_volunteer", roles)
            self.assertIn("social_worker", roles, "the volunteer is never left alone")
            cr.execute("DELETE FROM pcve_case_member WHERE case_id = %s", [case_id])
            cr.execute("DELETE FROM pcve_case WHERE id = %s", [case_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [initiative_id])
