from odoo.tests import HttpCase, new_test_user, tagged

# The whole tour's time limit (Odoo's default is 60 s): on a loaded machine a tour
# takes minutes; each step still fails on its own when what it waits for never comes.
TOUR_TIMEOUT = 900


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)

    def test_staff_opens_community_engagement(self):
        new_test_user(
            self.env,
            login="pcve_tour_staff",
            password="pcve_tour_staff",
            groups="pcve_partners.group_pcve_user",
        )
        self.start_tour(
            "/odoo", "pcve_open_menu", login="pcve_tour_staff", timeout=TOUR_TIMEOUT
        )
