from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestPcveConcern(SafespacesCommon):
    @contextmanager
    def _on(self, day):
        """Act on a given day; computed dates are flushed before it ends."""
        with freeze_time(day):
            yield
            self.env.flush_all()

    def _concern(self, user=None, **values):
        Concern = self.env["pcve.concern"]
        if user:
            Concern = Concern.with_user(user)
        with self._on("2030-03-01"):
            return Concern.create(
                {
                    "name": "No safe crossing near the school",
                    "topic": "traffic_safety",
                    "community_id": self.community.id,
                    "raised_on": date(2030, 3, 1),
                    **values,
                }
            )

    def test_responded_needs_a_response(self):
        concern = self._concern(user=self.user)
        with self._on("2030-03-02"):
            with self.assertRaisesRule(ValidationError, "without a response"):
                concern.action_respond()
            self.assertEqual(concern.state, "new")
            with self.assertRaisesRule(ValidationError, "without a response"):
                concern.write({"state": "responded", "response": "<p><br></p>"})
        with self.assertRaisesRule(ValidationError, "without a response"):
            self._concern(state="responded")

    def test_days_to_response_in_calendar_days(self):
        concern = self._concern(user=self.user)
        with self._on("2030-03-11"):
            concern.action_start()
            concern.response = "<p>A zebra crossing is painted next week.</p>"
            concern.action_respond()
        self.assertEqual(concern.responded_on, date(2030, 3, 11))
        # 1 March 2030 (a Friday) to 11 March: 10 calendar days, weekends included
        self.assertEqual(concern.days_to_response, 10)
        concern.responded_on = date(2030, 3, 4)
        self.assertEqual(concern.days_to_response, 3)
        with self.assertRaisesRule(ValidationError, "before it was raised"):
            concern.responded_on = date(2030, 2, 28)
        concern.action_reopen()
        self.assertFalse(concern.responded_on)
        self.assertEqual(concern.days_to_response, 0)

    def test_close_without_reporting_back_asks_confirmation(self):
        concern = self._concern(user=self.user, response="<p>Done</p>")
        with self._on("2030-03-05"):
            concern.action_respond()
            action = concern.action_close()
            self.assertEqual(action["res_model"], "pcve.concern.close.wizard")
            self.assertEqual(concern.state, "responded")
            wizard = Form(
                self.env["pcve.concern.close.wizard"]
                .with_user(self.user)
                .with_context(**action["context"])
            ).save()
            self.assertEqual(wizard.not_reported_ids, concern)
            wizard.action_confirm()
        self.assertEqual(concern.state, "closed")
        self.assertFalse(concern.reported_back)

    def test_close_after_reporting_back(self):
        concern = self._concern(user=self.user, response="<p>Done</p>")
        with self.assertRaisesRule(UserError, "before reporting back"):
            concern.action_report_back()
        with self._on("2030-03-20"):
            concern.action_respond()
            concern.action_report_back()
            self.assertIs(concern.action_close(), True)
        self.assertEqual(concern.reported_back_on, date(2030, 3, 20))
        self.assertEqual(concern.state, "closed")

    def test_overdue(self):
        late = self._concern(raised_on=date(2030, 1, 1))
        recent = self._concern(raised_on=date(2030, 3, 1))
        answered = self._concern(raised_on=date(2030, 1, 1), response="<p>ok</p>")
        concerns = late | recent | answered
        self.assertEqual(late.response_deadline, date(2030, 1, 31))
        with self._on("2030-03-05"):
            answered.action_respond()
            Concern = self.env["pcve.concern"].with_user(self.user)
            overdue = Concern.search(
                [("is_overdue", "=", True), ("id", "in", concerns.ids)]
            )
            self.assertEqual(overdue, late)
            self.assertEqual(concerns.mapped("is_overdue"), [True, False, False])
            not_overdue = Concern.search(
                [("is_overdue", "=", False), ("id", "in", concerns.ids)]
            )
            self.assertEqual(not_overdue, recent | answered)

    def test_response_days_parameter(self):
        self.env["ir.config_parameter"].set_param(
            "pcve_safespaces.concern_response_days", "14"
        )
        self.assertEqual(self._concern().response_deadline, date(2030, 3, 15))

    def test_concerns_of_confidential_sessions(self):
        secret = self._create_session(organiser_id=self.organiser.id)
        public = self._create_session(confidential=False)
        hidden = self._concern(session_id=secret.id)
        shown = self._concern(session_id=public.id)
        loose = self._concern()
        Concern = self.env["pcve.concern"]
        ids = (hidden | shown | loose).ids
        self.assertEqual(
            Concern.with_user(self.user).search([("id", "in", ids)]), shown | loose
        )
        self.assertEqual(
            Concern.with_user(self.organiser).search([("id", "in", ids)]),
            hidden | shown | loose,
        )
        with self.assertRaises(AccessError):
            hidden.with_user(self.other_organiser).read(["name"])
        # the responsible user sees the concern he must answer, not the session
        hidden.responsible_user_id = self.user
        self.assertIn(hidden, Concern.with_user(self.user).search([("id", "in", ids)]))
        values = hidden.with_user(self.user).web_read(
            {"session_id": {"fields": {"display_name": {}}}}
        )[0]
        self.assertEqual(values["session_id"]["display_name"], "Confidential session")
        values = hidden.with_user(self.organiser).web_read(
            {"session_id": {"fields": {"display_name": {}}}}
        )[0]
        self.assertEqual(values["session_id"]["display_name"], secret.name)

    def test_only_managers_delete(self):
        concern = self._concern(user=self.organiser)
        with self.assertRaises(AccessError):
            concern.with_user(self.organiser).unlink()
        concern.with_user(self.manager).unlink()
        self.assertFalse(concern.exists())

    # ------------------------------------------------------------ responses
    def _logged_responses(self, concern):
        return concern.message_ids.filtered(
            lambda m: "Response recorded:" in (m.body or "")
        )

    def test_response_is_saved_and_logged(self):
        """Html cannot be tracked: saving a response used to raise
        NotImplementedError. Each role that answers concerns saves one; the
        chatter keeps each response and who marked the concern responded."""
        for user in (self.user, self.organiser, self.manager):
            with self.subTest(user=user.login):
                concern = self._concern(user=user)
                # as at commit: a record created in the same transaction
                # is not tracked
                self.env.cr.flush()
                with self._on("2030-03-05"):
                    concern.action_start()
                    concern.write({"response": "<p>A zebra crossing in April.</p>"})
                    concern.action_respond()
                    self.env.cr.flush()  # tracking values, as at commit
                self.assertEqual(concern.state, "responded")
                self.assertEqual(concern.responded_by_id, user)
                logged = self._logged_responses(concern)
                self.assertEqual(len(logged), 1)
                self.assertIn("A zebra crossing in April.", logged.body)
                self.assertEqual(logged.author_id, user.partner_id)
                tracked = self.env["mail.tracking.value"].search(
                    [
                        ("mail_message_id.model", "=", "pcve.concern"),
                        ("mail_message_id.res_id", "=", concern.id),
                        ("field_id.name", "=", "responded_by_id"),
                    ]
                )
                self.assertEqual(tracked.new_value_integer, user.id)
                # the form's save (web_save) and an unchanged text log nothing new
                concern.web_save(
                    {"response": "<p>Painted on 2 April.</p>"}, {"response": {}}
                )
                concern.write({"response": concern.response})
                self.assertEqual(len(self._logged_responses(concern)), 2)
        with self.assertRaises(AccessError):
            self._concern(user=self.outsider, response="<p>Nothing</p>")

    def test_response_at_creation_is_logged(self):
        concern = self._concern(user=self.user, response="<p>Bins emptied.</p>")
        self.assertIn("Bins emptied.", self._logged_responses(concern).body)
        self.assertFalse(
            self._concern(user=self.user).message_ids.filtered(
                lambda m: "Response recorded:" in (m.body or "")
            )
        )

    def test_responded_by_is_set_by_the_system(self):
        concern = self._concern(user=self.user, response="<p>Done</p>")
        for user in (self.user, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRule(
                    UserError,
                    "Responded by of Community concern is recorded by the system",
                ):
                    concern.with_user(user).write({"responded_by_id": user.id})
                with self.assertRaisesRule(
                    UserError,
                    "Responded by of Community concern is recorded by the system",
                ):
                    self._concern(user=user, responded_by_id=user.id)
        with self._on("2030-03-05"):
            concern.with_user(self.user).action_respond()
        self.assertEqual(concern.responded_by_id, self.user)
        concern.with_user(self.manager).action_reopen()
        self.assertFalse(concern.responded_by_id)

    def test_no_html_field_is_tracked(self):
        """Odoo 19 cannot track Html fields: every write would fail."""
        tracked = [
            f"{field.model_name}.{field.name}"
            for model in self.env.registry.values()
            for field in model._fields.values()
            if field.type == "html"
            and getattr(field, "tracking", None)
            and "pcve_safespaces" in field._modules
        ]
        self.assertEqual(tracked, [])

    # ------------------------------------------------------------ sessions
    def test_concern_only_in_a_session_one_can_see(self):
        """Linking to a confidential session would reveal it and plant a
        concern in another organiser's session: refused, with the same message
        as for a session that does not exist."""
        secret = self._create_session(organiser_id=self.organiser.id)
        public = self._create_session(confidential=False)
        ghost = (
            self.env["pcve.safespace.session"].search([], order="id desc", limit=1).id
            + 1000
        )
        for user in (self.user, self.other_organiser):
            with self.subTest(user=user.login):
                messages = []
                for session_id in (secret.id, ghost):
                    with self.assertRaisesRule(AccessError, "Session rule") as cm:
                        self._concern(user=user, session_id=session_id)
                    messages.append(str(cm.exception))
                self.assertEqual(messages[0], messages[1])
                concern = self._concern(user=user, session_id=public.id)
                with self.assertRaisesRule(AccessError, "Session rule"):
                    concern.write({"session_id": secret.id})
                with self.assertRaisesRule(AccessError, "Session rule"):
                    concern.write({"session_id": ghost})
                self.assertEqual(concern.session_id, public)
        self.assertFalse(secret.concern_ids)
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                concern = self._concern(user=user, session_id=secret.id)
                self.assertEqual(concern.session_id, secret)
                concern.write({"session_id": public.id})
        # the responsible user of a concern of that session still answers it
        hidden = self._concern(user=self.organiser, session_id=secret.id)
        hidden.responsible_user_id = self.user
        hidden.with_user(self.user).write(
            {"session_id": secret.id, "response": "<p>Answered.</p>"}
        )
        for values in ({}, {"session_id": public.id}):
            with self.assertRaises(AccessError):
                self._concern(user=self.outsider, **values)

    # ------------------------------------------------------------ the form
    def test_form_buttons_follow_the_state(self):
        """Close and Reopen are never shown together."""
        arch = etree.fromstring(
            self.env["pcve.concern"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )

        def shown(state):
            values = {
                "state": state,
                "reported_back": False,
                "raised_by_partner_id": False,
            }
            return {
                button.get("name")
                for button in arch.iterfind(".//header/button")
                if not safe_eval(button.get("invisible", "False"), values)
            }

        expected = {
            "new": {"action_start", "action_respond", "action_close"},
            "in_progress": {"action_respond", "action_close"},
            "responded": {"action_report_back", "action_close"},
            "closed": {"action_reopen"},
        }
        for state, buttons in expected.items():
            with self.subTest(state=state):
                self.assertEqual(shown(state), buttons)
