from datetime import date, datetime
from itertools import pairwise

import pytz
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SafespacesCommon

BRUSSELS = pytz.timezone("Europe/Brussels")


def local(dt):
    return pytz.utc.localize(dt).astimezone(BRUSSELS)


@tagged("post_install", "-at_install")
class TestSafespaceSeries(SafespacesCommon):
    def _create_series(self, user=None, **values):
        Series = self.env["pcve.safespace.series"]
        if user:
            Series = Series.with_user(user)
        return Series.create(
            {
                "name": "Kanaalwijk dialogue table",
                # Tuesday 5 March 2030, 19:00 in Brussels
                "first_start": datetime(2030, 3, 5, 18, 0),
                "event_tz": "Europe/Brussels",
                "duration": 2.0,
                "rrule_type": "weekly",
                "interval": 2,
                "tue": True,
                "end_type": "end_date",
                "until": date(2030, 9, 5),
                "venue_id": self.centre.id,
                "moderator_partner_id": self.moderator.id,
                "community_ids": [(6, 0, self.community.ids)],
                **values,
            }
        )

    def test_every_second_tuesday_for_six_months(self):
        series = self._create_series(user=self.organiser)
        sessions = series.session_ids.sorted("start")
        self.assertEqual(len(sessions), 14)
        self.assertEqual(series.session_count, 14)
        self.assertIn("Every 2 Weeks on Tuesday", series.rule_description)
        for session in sessions:
            start = local(session.start)
            self.assertEqual((start.weekday(), start.hour), (1, 19))
            self.assertEqual((session.stop - session.start).total_seconds(), 7200)
            self.assertEqual(session.organiser_id, self.organiser)
            self.assertEqual(session.venue_id, self.centre)
            self.assertEqual(session.community_ids, self.community)
            self.assertTrue(session.confidential)
            self.assertEqual(session.state, "draft")
        gaps = {
            (later.start.date() - earlier.start.date()).days
            for earlier, later in pairwise(sessions)
        }
        self.assertEqual(gaps, {14})
        self.assertEqual(local(sessions[-1].start).date(), date(2030, 9, 3))

    def test_monthly_first_monday_by_count(self):
        series = self._create_series(
            rrule_type="monthly",
            interval=1,
            month_by="day",
            byday="1",
            weekday="MON",
            end_type="count",
            count=6,
        )
        starts = [local(s.start) for s in series.session_ids.sorted("start")]
        self.assertEqual(len(starts), 6)
        for start in starts:
            self.assertEqual(start.weekday(), 0)
            self.assertLessEqual(start.day, 7)

    def test_weekday_defaults_to_first_session(self):
        series = self._create_series(tue=False, end_type="count", count=3, interval=1)
        self.assertEqual(
            [local(s.start).weekday() for s in series.session_ids], [1, 1, 1]
        )

    def test_recurrence_validation(self):
        with self.assertRaisesRule(ValidationError, "end after its first session"):
            self._create_series(until=date(2030, 1, 1))
        with self.assertRaisesRule(ValidationError, "interval"):
            self._create_series(interval=0)

    def test_edit_updates_future_sessions_only(self):
        series = self._create_series(user=self.organiser)
        sessions = series.session_ids.sorted("start")
        held, past_draft, confirmed = sessions[0], sessions[1], sessions[2]
        held.action_confirm()
        held.action_mark_held()
        confirmed.action_confirm()
        library = self.env["pcve.venue"].create(
            {"name": "Bibliotheek Noord", "venue_type": "library"}
        )
        with freeze_time("2030-03-25 12:00:00"):
            # move to Wednesday 20:00 Brussels and to another venue
            series.write(
                {
                    "tue": False,
                    "wed": True,
                    "first_start": datetime(2030, 3, 6, 19, 0),
                    "venue_id": library.id,
                }
            )
        self.assertEqual(held.state, "held")
        self.assertEqual(held.venue_id, self.centre)
        self.assertEqual(local(held.start).weekday(), 1)
        self.assertEqual(past_draft.venue_id, self.centre)
        self.assertEqual(local(past_draft.start).weekday(), 1)
        future = series.session_ids.filtered(lambda s: s.start > datetime(2030, 3, 25))
        self.assertEqual(len(future), 12)
        for session in future:
            start = local(session.start)
            self.assertEqual((start.weekday(), start.hour), (2, 20))
            self.assertEqual(session.venue_id, library)
        # the confirmed session was moved and keeps its state
        self.assertIn(confirmed, future)
        self.assertEqual(confirmed.state, "confirmed")
        self.assertEqual(local(confirmed.start).date(), date(2030, 4, 3))

    def test_shortening_drops_or_cancels_future_sessions(self):
        series = self._create_series(user=self.organiser)
        last = series.session_ids.sorted("start")[-1]
        last.action_confirm()
        with freeze_time("2030-03-01"):
            series.until = date(2030, 5, 31)
        self.assertEqual(last.state, "cancelled")
        open_sessions = series.session_ids.filtered(lambda s: s.state == "draft")
        self.assertEqual(len(open_sessions), 7)
        self.assertEqual(len(series.session_ids), 8)

    def test_template_change_is_checked_on_confirmed_sessions(self):
        series = self._create_series(user=self.organiser)
        series.session_ids[0].action_confirm()
        with (
            freeze_time("2030-03-01"),
            self.assertRaisesRule(ValidationError, "Media rule"),
        ):
            series.media_policy = "open"
        self.assertEqual(series.media_policy, "no_media")
        self.assertEqual(set(series.session_ids.mapped("media_policy")), {"no_media"})

    def test_series_access(self):
        series = self._create_series(user=self.organiser)
        with self.assertRaises(AccessError):
            self._create_series(user=self.user, confidential=False)
        Series = self.env["pcve.safespace.series"]
        self.assertFalse(Series.with_user(self.user).search([("id", "=", series.id)]))
        self.assertFalse(
            Series.with_user(self.other_organiser).search([("id", "=", series.id)])
        )
        self.assertEqual(
            Series.with_user(self.manager).search([("id", "=", series.id)]), series
        )
