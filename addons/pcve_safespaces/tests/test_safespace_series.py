from datetime import date, datetime, timedelta
from itertools import pairwise
from unittest.mock import patch

import pytz
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
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
        return Series.create({**self._series_values(), **values})

    def _series_values(self):
        return {
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
        }

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

    # ------------------------------------------------------------ bounds
    def _daily_until_2100(self, user=None, **values):
        return self._create_series(
            user=user,
            rrule_type="daily",
            interval=1,
            tue=False,
            until=date(2100, 12, 31),
            **values,
        )

    def _set_limits(self, max_sessions, months, company=None):
        (company or self.env.company).write(
            {
                "pcve_series_max_sessions": max_sessions,
                "pcve_series_horizon_months": months,
            }
        )

    def test_daily_series_until_2100_is_bounded(self):
        """One request plans at most the sessions planned at once (default
        100), the others come later: no request runs for minutes."""
        with freeze_time("2030-03-01"):
            series = self._daily_until_2100(user=self.organiser)
        sessions = series.session_ids.sorted("start")
        self.assertEqual(len(sessions), 100)
        self.assertEqual(
            series.sessions_planned_until, sessions[-1].start + timedelta(days=1)
        )
        # the limit holds for all series saved in one request
        with freeze_time("2030-03-01"):
            two = self.env["pcve.safespace.series"].with_user(self.organiser).create(
                [
                    {**self._series_values(), "rrule_type": "daily", "tue": False,
                     "until": date(2100, 12, 31), "name": f"Daily {i}"}
                    for i in range(2)
                ]
            )  # fmt: skip
        self.assertEqual(len(two.session_ids), 100)
        self.assertEqual(sorted(len(s.session_ids) for s in two), [0, 100])
        self.assertTrue(all(two.mapped("sessions_planned_until")))

    def test_horizon_bounds_what_is_planned(self):
        self._set_limits(200, 3)
        with freeze_time("2030-03-01"):
            series = self._daily_until_2100(user=self.organiser)
        last = max(series.session_ids.mapped("start"))
        # 5 March to 5 June 2030 (three months after the first session)
        self.assertEqual(len(series.session_ids), 93)
        self.assertEqual(local(last).date(), date(2030, 6, 5))
        self.assertEqual(local(series.sessions_planned_until).date(), date(2030, 6, 6))
        # a series that ends within the horizon is planned in full
        short = self._create_series(
            user=self.organiser, name="Short", end_type="count", count=4
        )
        self.assertEqual(len(short.session_ids), 4)
        self.assertFalse(short.sessions_planned_until)

    def test_planned_until_is_kept_by_the_system(self):
        series = self._daily_until_2100(user=self.organiser)
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRule(
                    UserError, "Sessions planned until of .* is recorded by the system"
                ):
                    series.with_user(user).write(
                        {"sessions_planned_until": datetime(2101, 1, 1)}
                    )
                with self.assertRaisesRule(
                    UserError, "Sessions planned until of .* is recorded by the system"
                ):
                    self._create_series(
                        user=user, sessions_planned_until=datetime(2101, 1, 1)
                    )

    def test_cron_plans_the_sessions_that_came_within_the_horizon(self):
        self._set_limits(200, 3)
        with freeze_time("2030-03-01"):
            daily = self._daily_until_2100(user=self.organiser)
            weekly = self._create_series(
                user=self.organiser,
                name="Weekly until 2040",
                interval=1,
                until=date(2040, 1, 1),
            )
            done = self._create_series(
                user=self.organiser, name="Three times", end_type="count", count=3
            )
        self.assertEqual(len(weekly.session_ids), 14)
        Series = self.env["pcve.safespace.series"]
        Cron = self.env.registry["ir.cron"]
        with (
            freeze_time("2030-03-03"),
            patch.object(Cron, "_commit_progress", return_value=60.0) as progress,
        ):
            # nothing is due yet: the horizon is three months from now
            self.assertFalse(Series.search(Series._due_for_planning_domain()))
            Series._cron_plan_sessions()
            self.assertFalse(progress.called)
        with (
            freeze_time("2030-05-01"),
            patch.object(Cron, "_commit_progress", return_value=60.0) as progress,
        ):
            due = Series.search(Series._due_for_planning_domain())
            self.assertEqual(due & (daily | weekly | done), daily | weekly)
            Series._cron_plan_sessions(batch_size=1)
            # one commit per batch, the remaining count going down
            self.assertEqual(
                [call.kwargs["remaining"] for call in progress.call_args_list], [1, 0]
            )
        self.assertEqual(local(max(daily.session_ids.mapped("start"))).date(),
                         date(2030, 7, 31))  # fmt: skip
        self.assertEqual(len(daily.session_ids), 149)
        self.assertEqual(local(daily.sessions_planned_until).date(), date(2030, 8, 1))
        self.assertEqual(len(weekly.session_ids), 22)
        self.assertEqual(len(done.session_ids), 3)
        for session in daily.session_ids | weekly.session_ids:
            self.assertEqual(session.organiser_id, self.organiser)
            self.assertEqual(session.venue_id, self.centre)
            self.assertEqual(session.state, "draft")
        # each occurrence once
        starts = daily.session_ids.mapped("start")
        self.assertEqual(len(starts), len(set(starts)))

    def test_cron_stops_when_time_is_up(self):
        self._set_limits(200, 3)
        with freeze_time("2030-03-01"):
            first = self._daily_until_2100(user=self.organiser, name="First")
            second = self._daily_until_2100(user=self.organiser, name="Second")
        Series = self.env["pcve.safespace.series"]
        Cron = self.env.registry["ir.cron"]
        with (
            freeze_time("2030-05-01"),
            patch.object(Cron, "_commit_progress", return_value=0.0) as progress,
        ):
            Series._cron_plan_sessions(batch_size=1)
        self.assertEqual(progress.call_count, 1)
        self.assertEqual(
            sorted([len(first.session_ids), len(second.session_ids)]), [93, 149]
        )

    def test_series_settings_have_sane_maxima(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(
            (settings.pcve_series_max_sessions, settings.pcve_series_horizon_months),
            (100, 12),
        )
        for values, message in (
            ({"pcve_series_max_sessions": 0}, "between 1 and 200 sessions"),
            ({"pcve_series_max_sessions": 201}, "between 1 and 200 sessions"),
            ({"pcve_series_horizon_months": 0}, "between 1 and 36 months"),
            ({"pcve_series_horizon_months": 37}, "between 1 and 36 months"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRule(ValidationError, message),
            ):
                self.env["res.config.settings"].create(values)
        # per company: another municipality keeps its own values
        other = self.env["res.company"].create({"name": "Gemeente Elders"})
        self.env["res.config.settings"].create(
            {"pcve_series_max_sessions": 20, "pcve_series_horizon_months": 6}
        ).execute()
        self.assertEqual(self.env.company.pcve_series_max_sessions, 20)
        self.assertEqual(other.pcve_series_max_sessions, 100)
        with freeze_time("2030-03-01"):
            series = self._daily_until_2100(user=self.organiser)
        self.assertEqual(len(series.session_ids), 20)
        # a nonsensical value written in the database is kept within the maxima
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_company SET pcve_series_max_sessions = 100000 WHERE id = %s",
            [self.env.company.id],
        )
        self.env.company.invalidate_recordset()
        self.assertEqual(self.env.company._pcve_series_limits(), (200, 6))
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.manager).create(
                {"pcve_series_max_sessions": 200}
            )
