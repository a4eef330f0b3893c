from datetime import timedelta

from odoo.tests import new_test_user, tagged

from .common import SafespacesCommon

LIST_SPEC = {
    "display_name": {},
    "name": {},
    "start": {},
    "stop": {},
    "format": {},
    "level": {},
    "state": {},
    "confidential": {},
    "attendance_count": {},
    "venue_id": {"fields": {"display_name": {}}},
    "organiser_id": {"fields": {"display_name": {}}},
    "community_ids": {"fields": {"display_name": {}}},
    "series_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestSafespacesPerformance(SafespacesCommon):
    def _sessions(self, count, tag):
        return self.env["pcve.safespace.session"].create(
            [
                self._session_values(
                    name=f"{tag} {i}",
                    organiser_id=self.organiser.id,
                    start=self.start + timedelta(days=i),
                    stop=self.stop + timedelta(days=i),
                    confidential=bool(i % 2),
                )
                for i in range(count)
            ]
        )

    def _queries_to_read(self, tag):
        Session = self.env["pcve.safespace.session"].with_user(self.organiser)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = Session.web_search_read([("name", "=like", f"{tag} %")], LIST_SPEC)
        return self.env.cr.sql_log_count - before, result["length"]

    def test_list_read_does_not_query_per_record(self):
        self._sessions(3, "Few")
        self._sessions(15, "Many")
        self.env.flush_all()
        self._queries_to_read("Few")  # warm up caches of the ORM and rules
        few, few_length = self._queries_to_read("Few")
        many, many_length = self._queries_to_read("Many")
        self.assertEqual((few_length, many_length), (3, 15))
        self.assertEqual(few, many)


@tagged("post_install", "-at_install")
class TestSafespacesMultiCompany(SafespacesCommon):
    def test_sessions_of_another_company(self):
        other = self.env["res.company"].create({"name": "Gemeente Elders"})
        session = self._create_session(
            confidential=False, company_id=other.id, venue_id=False
        )
        Session = self.env["pcve.safespace.session"]
        self.assertFalse(
            Session.with_user(self.manager).search([("id", "=", session.id)])
        )
        elsewhere = new_test_user(
            self.env,
            login="ss_elsewhere",
            groups="pcve_safespaces.group_safespace_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        self.assertEqual(
            Session.with_user(elsewhere).search([("id", "=", session.id)]), session
        )
