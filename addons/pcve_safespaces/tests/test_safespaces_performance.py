from datetime import datetime, timedelta

from lxml import etree

from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user

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
class TestSafespacesCalendarQueries(SafespacesCommon):
    """An organiser's month in the session calendar, read as the web client
    reads it: the same number of queries for a few sessions or many."""

    def _month(self):
        """search_read of the calendar view's fields for the six weeks the
        month view of March 2030 shows (Monday 25 February to 7 April)."""
        Session = self.env["pcve.safespace.session"].with_user(self.organiser)
        views = Session.get_views([(False, "calendar")])["views"]
        arch = etree.fromstring(views["calendar"]["arch"])
        names = ["display_name"]
        names += [arch.get(key) for key in ("date_start", "date_stop", "color")]
        names += [node.get("name") for node in arch.iter("field")]
        domain = [
            ("start", "<=", "2030-04-07 21:59:59"),
            ("stop", ">=", "2030-02-24 23:00:00"),
        ]
        return lambda: Session.search_read(domain, list(dict.fromkeys(names)))

    def _sessions(self, count, tag):
        """Own sessions (half confidential), others' open and confidential ones."""
        sessions = self.env["pcve.safespace.session"]
        for index in range(count):
            start = datetime(2030, 3, 4, 18) + timedelta(days=index)
            for organiser, confidential in (
                (self.organiser, bool(index % 2)),
                (self.other_organiser, False),
                (self.other_organiser, True),
            ):
                sessions |= self._create_session(
                    name=f"{tag} {index}",
                    organiser_id=organiser.id,
                    start=start,
                    stop=start + timedelta(hours=2),
                    confidential=confidential,
                    venue_id=self.police.id if index % 3 else self.centre.id,
                )
        return sessions

    def _queries(self, month):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = month()
        return self.cr.sql_log_count - before, result

    def test_month_does_not_query_per_session(self):
        month = self._month()
        self._sessions(2, "Few")
        month()  # warm up the caches of rules, groups and views
        few, result = self._queries(month)
        self.assertEqual(len(result), 4)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            month()
        self._sessions(10, "Many")
        many, result = self._queries(month)
        self.assertEqual(len(result), 24)
        self.assertNotIn("Confidential session", {r["display_name"] for r in result})
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            month()
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
        elsewhere = suite_user(
            self.env,
            "ss_elsewhere",
            "pcve_safespaces.group_safespace_manager",
            other,
        )
        self.assertEqual(
            Session.with_user(elsewhere).search([("id", "=", session.id)]), session
        )
